"""The C model of cgo preambles: prototypes, sizes, and which functions keep a pointer."""
from __future__ import annotations

from cgolint.preamble import CType, parse_preamble
from cgolint.source import SourceFile

GO = b'''package p

// #cgo noescape sum
// #include <stdlib.h>
// #include "local.h"
/*
typedef struct node { int *data; struct node *next; char name[8]; } node_t;
typedef int myint;
static void *saved;
struct holder { void *p; };
static void keep(const char *p, size_t n) { saved = (void*)p; }
static void keep2(char *q) { keep(q, 1); }
void put(struct holder *h, int *q) { h->p = q; }
int sum(int *xs, int n);
static void nokeep(char *p, int n) { char *l = p; l[0] = 0; }
static void statickeep(int *p) { static int *last; last = p; }
static struct holder global_holder;
static void fieldkeep(void *p) { global_holder.p = p; }
static void mixed(void *p, void *q) { struct holder h = {.p = p}; saved = q; }
static struct holder *global_ptr;
static void initkeep(void *p, void *q) { static struct holder s = {.p = 0}; struct holder l = {.p = q}; s.p = p; }
unsigned long long big(void);
char *dup(const char *s);
*/
import "C"
'''


def model(tmp_path, header: bytes | None = None):
    path = tmp_path / "p.go"
    path.write_bytes(GO)
    if header is not None:
        (tmp_path / "local.h").write_bytes(header)
    return parse_preamble(SourceFile.parse(str(path), "p.go", GO))


def test_prototypes_and_parameters(tmp_path):
    c = model(tmp_path)
    keep = c.function("keep")
    assert [(p.name, p.ctype) for p in keep.params] == [
        ("p", CType("char", 1, None, True)), ("n", CType("size_t"))]
    assert keep.has_body and not c.function("sum").has_body
    assert c.function("dup").result == CType("char", 1)
    assert c.function("big").params == []
    assert keep.location.start.line == 11


def test_functions_that_keep_a_pointer(tmp_path):
    c = model(tmp_path)
    assert c.function("keep").keeps == {0}
    assert c.function("keep2").keeps == {0}          # passes it on to keep()
    assert c.function("put").keeps_into == {1: {0}}  # stored through a pointer: as long as *h lives
    assert c.function("put").keeps_param(1)           # called from Go, that outlives the call
    assert c.function("statickeep").keeps == {0}     # a static local outlives the call
    assert c.function("fieldkeep").keeps == {0}      # a field of a global
    assert c.function("nokeep").keeps == set()       # a local copy does not
    assert c.function("sum").keeps == set()          # unknown body: not known to keep
    # A designated initializer has a value and no target: each store keeps its own pair.
    assert c.function("mixed").keeps == {1}          # q into a global; p only into a local struct
    assert c.function("initkeep").keeps == {0}       # p into a static struct; q into a local one


def test_sizes_typedefs_and_directives(tmp_path):
    c = model(tmp_path)
    assert c.size_of("node_t") == 24 and c.size_of("struct_node") == 24
    assert c.size_of("myint") == 4 and c.size_of("long") == 8 and c.size_of("char") == 1
    assert c.size_of("struct_unknown") is None
    assert c.noescape == {"sum"}
    assert {"<stdlib.h>", "local.h"} <= c.includes


def test_local_header_is_followed(tmp_path):
    c = model(tmp_path, b"void from_header(char *p, int n);\ntypedef double real_t;\n")
    assert c.function("from_header").params[1].name == "n"
    assert c.function("from_header").location.path.endswith("local.h")
    assert c.size_of("real_t") == 8


def test_blank_line_breaks_the_preamble():
    src = b'package p\n\n// void f(void);\n\nimport "C"\n'
    source = SourceFile.parse("/x/p.go", "p.go", src)
    assert source.preamble_comments == []
    assert parse_preamble(source).functions == {}


def test_invalid_c_does_not_raise(tmp_path):
    src = b'package p\n\n// int f(int *p { ;; }}} struct\nimport "C"\n'
    source = SourceFile.parse(str(tmp_path / "p.go"), "p.go", src)
    parse_preamble(source)


FREES = b'''package p

/*
#include <stdlib.h>
typedef struct { char *name; } owned;
static void consume(void *p) { free(p); }
static void maybe(void *p, int n) { if (n > 0) consume(p); }
static void owned_free(owned *o) { free(o->name); free(o); }
static void name_only(owned *o) { free(o->name); }
static void cast(char *s) { free((void *)s); }
static int reads(const char *s) { return s[0]; }
*/
import "C"
'''


def test_functions_that_free_a_pointer(tmp_path):
    path = tmp_path / "p.go"
    path.write_bytes(FREES)
    c = parse_preamble(SourceFile.parse(str(path), "p.go", FREES))
    assert c.function("consume").frees == {0}
    assert c.function("maybe").frees == {0}          # passes it on to consume()
    assert c.function("owned_free").frees == {0}
    assert c.function("name_only").frees == set()    # a field of it, not the pointer itself
    assert c.function("cast").frees == {0}
    assert c.function("reads").frees == set()
    assert c.function("consume").takes_ownership_of(0) and not c.function("consume").keeps_param(0)


CURSORS = b'''package p

/*
#include <stddef.h>
typedef struct reader { const unsigned char *p, *end; } reader;
static reader global_reader;
static void reader_init(reader *r, const unsigned char *buf, size_t n) { r->p = buf; r->end = buf + n; }
static int sum(const unsigned char *buf, size_t n) { reader r; reader_init(&r, buf, n); return r.p < r.end; }
static void wrap(reader *r, const unsigned char *buf) { reader_init(r, buf, 1); }
static void global_init(const unsigned char *buf) { reader_init(&global_reader, buf, 1); }
static void set_param(const unsigned char *buf, const unsigned char *other) { buf = other; }
static int via_local(const unsigned char *buf) { reader r; reader *rp = &r; rp->p = buf; return rp->p != 0; }
static void via_alias(reader *r, const unsigned char *buf) { reader *rp; rp = (reader *)r; rp->p = buf; }
static reader *global_cursor(void) { return &global_reader; }
static void via_global(const unsigned char *buf) { reader *rp = global_cursor(); rp->p = buf; }
static const unsigned char *gcur;
static int scan(const unsigned char *buf) { gcur = buf; int r = gcur[0]; gcur = NULL; return r; }
static int scan_early(const unsigned char *buf, int n) { gcur = buf; if (n == 0) return 0; gcur = 0; return 1; }
static int scan_branch(const unsigned char *buf, int n) { gcur = buf; if (n) gcur = 0; return 1; }
static const unsigned char *skip(const unsigned char *p) { return p; }
static void advanced(const unsigned char *buf) { gcur = buf; gcur = skip(gcur); }
typedef struct link { struct link *next; const unsigned char *data; } link;
static link registry;
static void two_levels(const unsigned char *buf) { link head; link *it = &head; head.next = &registry; it->next->data = buf; }
static link published;
static void publish(const unsigned char *buf) { link mine; link *it = &mine; it->data = buf; published = mine; }
static const unsigned char *saved, *gcur2;
static void consume(void) { saved = gcur2; }
static int scan_copied(const unsigned char *buf) { gcur2 = buf; consume(); gcur2 = NULL; return 0; }
static void via_either(reader *r, const unsigned char *buf, int which) {
	reader mine, *rp = &mine;
	if (which) rp = &global_reader;
	rp->p = buf;
}
*/
import "C"
'''


def test_a_pointer_stored_through_an_argument_is_kept_as_long_as_that_argument_lives(tmp_path):
    path = tmp_path / "p.go"
    path.write_bytes(CURSORS)
    c = parse_preamble(SourceFile.parse(str(path), "p.go", CURSORS))
    assert c.function("reader_init").keeps_into == {1: {0}} and c.function("reader_init").keeps_param(1)
    assert not c.function("sum").keeps_param(0)          # into its own local reader: gone on return
    assert c.function("wrap").keeps_into == {1: {0}}     # into whatever its caller passes
    assert c.function("global_init").keeps == {0}        # into a global
    assert not c.function("set_param").keeps_param(1)    # the parameter variable is the call's own
    assert not c.function("via_local").keeps_param(0)    # a local pointer to a local reader
    assert c.function("via_alias").keeps_into == {1: {0}}  # a local copy of the parameter
    assert c.function("via_global").keeps == {0}         # a local pointer from a call: anywhere
    assert c.function("via_either").keeps == {1}         # one of its values is a global's address
    assert not c.function("scan").keeps_param(0)         # a global cursor reset before it returns
    assert c.function("scan_early").keeps == {0}         # ...but for a return before the reset
    assert c.function("scan_branch").keeps == {0}        # ...or a reset on some paths only
    assert c.function("advanced").keeps == {0}           # moved on, not reset to NULL
    assert c.function("two_levels").keeps == {0}         # through a local, then through its link
    assert c.function("publish").keeps == {0}            # the local it points to is copied out
    assert c.function("scan_copied").keeps == {0}        # the global cursor is copied before the reset


ALWAYS_FREES = b'''package p

/*
#include <stdlib.h>
typedef struct item { char *name; } item;
static void item_free(item *it) { if (!it) return; free(it->name); free(it); }
static void item_destroy(item *it) { item_free(it); }
static void second(int n, char *s) { if (s == NULL) { return; } free(s); }
static void unref(item *it, int refs) { if (refs == 0) item_free(it); }
static int check(item *it) { if (it->name == 0) { item_free(it); return -1; } return 0; }
static void release(item *it, int keep) { if (keep) return; free(it); }
static void after_use(item *it) { free(it->name); }
static void walks_on(item *it) { it = (item *)it->name; free(it); }
*/
import "C"
'''


def test_a_function_that_frees_its_argument_on_every_path_is_known(tmp_path):
    path = tmp_path / "p.go"
    path.write_bytes(ALWAYS_FREES)
    c = parse_preamble(SourceFile.parse(str(path), "p.go", ALWAYS_FREES))
    assert c.function("item_free").always_frees == {0}     # `if (!it) return;` first: nothing to free
    assert c.function("item_destroy").always_frees == {0}  # a wrapper of it
    assert c.function("second").always_frees == {1}
    for name in ("unref", "check", "release", "after_use", "walks_on"):  # some paths only, a field, another value
        assert c.function(name).always_frees == set(), name
    assert c.frees_first_argument == ("item_destroy", "item_free")


LAYOUTS = b'''package p

/*
struct plain { int a; char b[4][8]; };
struct aligned { int a; } __attribute__((aligned(32)));
struct sized { char name[NAME_LEN]; };
*/
import "C"
'''


def test_struct_sizes_follow_plain_layouts_only(tmp_path):
    path = tmp_path / "p.go"
    path.write_bytes(LAYOUTS)
    c = parse_preamble(SourceFile.parse(str(path), "p.go", LAYOUTS))
    assert c.size_of("struct_plain") == 36  # both dimensions of b
    assert c.size_of("struct_aligned") is None  # an attribute this model does not lay out
    assert c.size_of("struct_sized") is None  # a length it cannot read


MARKED = b"""package p

/*
#define CK_PTR *
#define CK_ENTRY
#include "marked.h"
typedef unsigned char CK_BYTE;
static int set_state(CK_BYTE_PTR state, unsigned long n) { return (int)n; }
*/
import "C"
"""


def test_marker_macros_are_expanded_in_place(tmp_path):
    # PKCS#11 spells its pointer types through `#define CK_PTR *`, here in
    # a header read after the preamble that defines it, and marks
    # functions with an empty macro
    (tmp_path / "marked.h").write_bytes(b"typedef CK_BYTE CK_PTR CK_BYTE_PTR;\n"
                                        b"unsigned long CK_ENTRY C_Version(CK_BYTE_PTR out);\n")
    path = tmp_path / "p.go"
    path.write_bytes(MARKED)
    preamble = parse_preamble(SourceFile.parse(str(path), "p.go", MARKED))
    assert preamble.typedefs["CK_BYTE_PTR"].pointers == 1
    assert preamble.names_pointer_type("CK_BYTE_PTR")
    assert [p.name for p in preamble.functions["C_Version"].params] == ["out"]
    function = preamble.functions["set_state"]
    assert function.params[0].ctype.spelling.startswith("CK_BYTE_PTR")
    # positions are those of the source: the expansion keeps every offset
    assert function.location.start.line == 8


UNREAD = """package p

/*
#include "stats_wrapper.h"
*/
import "C"

import "unsafe"

func MemoryStats(n uint32) int {
\tstats := make([]C.stat, n)
\treturn int(C.memory_stats((C.statPtr)(unsafe.Pointer(&stats[0])), C.uint(n)))
}

func Lookup(id string) C.handle {
\treturn C.lookupPtr(C.CString(id))
}
"""


def test_a_parenthesized_c_name_is_a_conversion_a_bare_one_a_call(cli, write_tree):
    # libvirt converts to pointer typedefs of a generated header out of sight
    # as `(C.virDomainMemoryStatPtr)(p)`; mlpack's C.mlpackGetSparseCodingPtr
    # is a function of such a header
    root = write_tree({"go.mod": "module p\n\ngo 1.21\n", "p.go": UNREAD})
    out = cli("--no-cache", "--select", "CGL002,CGL005", ".", cwd=str(root)).stdout
    assert "`&stats[0]` passed to C.memory_stats panics" in out, out
    assert "the result of C.CString passed straight to C.lookupPtr is never freed" in out, out
