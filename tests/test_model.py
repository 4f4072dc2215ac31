"""The package model's facts: scopes, types from source, memory origin."""
from __future__ import annotations

from cgolint.declarations import ContextFiles
from cgolint.memory_origins import C_MEMORY, GO_MEMORY
from cgolint.model import PackageModel
from cgolint.source import SourceFile, text, walk

A = b'''package p

/*
#include <stdlib.h>
char *make_name(void);
*/
import "C"
import u "unsafe"

type Pair struct {
	a, b *int
	raw  [4]byte
}

func f(s []int, x *Pair, names ...string) (r int, err error) {
	var buf [16]byte
	p := u.Pointer(&buf[0])
	cs := C.CString("x")
	cm := (*C.char)(C.malloc(8))
	named := C.make_name()
	ys := make([]C.int, 3)
	q := &x.raw[1]
	for i, v := range s {
		_, _ = i, v
	}
	if buf := 3; buf > 0 {
		_ = buf
	}
	_ = buf
	return helper(), nil
}

func helper() int { return 1 }
'''

B = b'''package p

type Other struct{ name string }
'''


def build(tmp_path):
    (tmp_path / "a.go").write_bytes(A)
    (tmp_path / "b.go").write_bytes(B)
    a = SourceFile.parse(str(tmp_path / "a.go"), "a.go", A)
    b = SourceFile.parse(str(tmp_path / "b.go"), "b.go", B)
    context = ContextFiles(lambda: [(b.path, B)], lambda path, data: b)
    return PackageModel(str(tmp_path), [a], context=context), a


def find(source, kind, spelling, nth=0):
    matches = [n for n in walk(source.root) if n.type == kind and text(n) == spelling]
    return matches[nth]


def test_types_from_declarations(tmp_path):
    model, a = build(tmp_path)
    assert str(model.type_of(find(a, "identifier", "s", 0), a)) == "[]int"
    assert str(model.type_of(find(a, "identifier", "buf", 1), a)) == "[16]byte"
    assert str(model.type_of(find(a, "identifier", "p", 0), a)) == "unsafe.Pointer"
    assert str(model.type_of(find(a, "identifier", "cs", 0), a)) == "*C.char"
    assert str(model.type_of(find(a, "identifier", "ys", 0), a)) == "[]C.int"
    assert str(model.type_of(find(a, "identifier", "q", 0), a)) == "*byte"
    assert str(model.type_of(find(a, "identifier", "v", 0), a)) == "int"
    assert str(model.type_of(find(a, "identifier", "names", 0), a)) == "[]string"
    assert str(model.type_of(find(a, "identifier", "named", 0), a)) == "*C.char"


def test_scopes_shadowing(tmp_path):
    model, a = build(tmp_path)
    inner = find(a, "identifier", "buf", 4)   # `_ = buf` inside the if
    outer = find(a, "identifier", "buf", 5)   # `_ = buf` after it
    assert str(model.type_of(inner, a)) == "int"
    assert str(model.type_of(outer, a)) == "[16]byte"


def test_declarations_from_other_files_are_loaded_lazily(tmp_path):
    model, a = build(tmp_path)
    assert model._context.parsed == []
    other = model.declaration("Other")
    assert other is not None and other.kind == "type"
    assert model.contains_go_pointers(model.underlying(model.type_of(find(a, "identifier", "x", 0), a).elem))
    from cgolint.gotypes import GoType
    assert model.contains_go_pointers(GoType("named", "Other")) is True
    assert model.contains_go_pointers(GoType("array", elem=GoType("basic", "byte"), length=4)) is False
    assert model.contains_go_pointers(GoType("named", "Unknown")) is None


CONTEXT = {
    "calls.go": b"package p\n\nfunc run() {\n\tpanic(len(x))\n\tf(a, len(b))\n}\n",
    "group.go": b"package p\n\nvar (\n\tfirst = 1\n\tsecond, third int\n)\n",
    "funcs.go": b"package p\n\nfunc helper() {}\n\nfunc (b *Buf) Bytes() []byte { return nil }\n",
}


def test_context_files_are_parsed_only_where_they_can_declare_the_name():
    parsed = []

    def parse(path, data):
        parsed.append(path)
        return SourceFile.parse(path, path, data)

    context = ContextFiles(lambda: sorted(CONTEXT.items()), parse)
    assert context.declaration("len") is None and context.declaration("panic") is None
    assert parsed == []  # calls, never declarations
    assert context.declaration("third").kind == "package_var" and parsed == ["group.go"]
    assert context.declaration("helper").kind == "func"
    assert context.method("Buf", "Bytes") is not None and context.method("Buf", "Len") is None
    assert parsed == ["group.go", "funcs.go"]
    assert [s.path for s in context.parsed] == ["funcs.go", "group.go"]  # directory order
    assert context.declaration("first").node.parent.type == "var_spec"


def test_memory_origin(tmp_path):
    model, a = build(tmp_path)
    assert model.origin_of(find(a, "identifier", "p", 0), a) == GO_MEMORY
    assert model.origin_of(find(a, "identifier", "cs", 0), a) == C_MEMORY
    assert model.origin_of(find(a, "identifier", "cm", 0), a) == C_MEMORY
    assert model.origin_of(find(a, "identifier", "named", 0), a) == C_MEMORY
    assert model.origin_of(find(a, "identifier", "ys", 0), a) == GO_MEMORY
    assert model.origin_of(find(a, "identifier", "x", 0), a) is None  # a pointer parameter: unknown


HELPERS = b'''package p

/*
#include <stdlib.h>
*/
import "C"
import "unsafe"

func byteToChar(b []byte) *C.char {
	var c *C.char
	if len(b) > 0 {
		c = (*C.char)(unsafe.Pointer(&b[0]))
	}
	return c
}
func second(n int, b []byte) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(b)) }
func wrapper(k []byte) *C.char             { return byteToChar(k) }
func same(p *int) *int                     { return p }
func copied(b []byte) *C.char              { return (*C.char)(C.CBytes(b)) }
func either(a, b []byte) *byte             { if len(a) > 0 { return &a[0] }; return &b[0] }
func ownCopy(a [4]byte) *byte              { return &a[0] }
func reassigned(b []byte) *byte            { b = make([]byte, 1); return &b[0] }
func recursive(b []byte) *byte             { return recursive(b) }
func onlyNil(b []byte) *byte               { return nil }
func taken(b []byte) *byte {
	p := &b[0]
	q := &p
	*q = new(byte)
	return p
}

func use(keys [][]byte, view []byte) {
	raw := C.malloc(4)
	inGo := byteToChar(keys[0])
	inC := byteToChar(unsafe.Slice((*byte)(raw), 4))
	copyC := copied(view)
	_, _, _ = inGo, inC, copyC
}
'''


def test_functions_returning_a_pointer_into_a_parameter(tmp_path):
    from cgolint.memory_origins import returned_parameter, returns_c_memory

    (tmp_path / "h.go").write_bytes(HELPERS)
    source = SourceFile.parse(str(tmp_path / "h.go"), "h.go", HELPERS)
    model = PackageModel(str(tmp_path), [source])
    declarations = {text(n.child_by_field_name("name")): n for n in source.root.named_children
                    if n.type == "function_declaration"}
    verdicts = {name: returned_parameter(model, node) for name, node in declarations.items() if name != "use"}
    assert verdicts == {"byteToChar": 0, "second": 1, "wrapper": 0, "same": 0, "copied": None, "either": None,
                        "ownCopy": None, "reassigned": None, "recursive": None, "onlyNil": None, "taken": None}
    assert [name for name, node in declarations.items() if returns_c_memory(model, node)] == ["copied"]
    # at a call, the result lives where the argument's memory does
    assert model.origin_of(find(source, "identifier", "inGo", 1), source) == GO_MEMORY
    assert model.origin_of(find(source, "identifier", "inC", 1), source) == C_MEMORY
    assert model.origin_of(find(source, "identifier", "copyC", 1), source) == C_MEMORY


def test_call_targets(tmp_path):
    model, a = build(tmp_path)
    calls = {text(n.child_by_field_name("function")): model.call_target(n, a)
             for n in walk(a.root) if n.type == "call_expression"}
    assert calls["C.CString"].kind == "c"
    assert calls["u.Pointer"].kind == "unsafe"
    assert calls["make"].kind == "builtin"
    assert calls["helper"].kind == "func"
    assert calls["(*C.char)"].kind == "conversion"
    assert model.size_of(model.type_of(find(a, "identifier", "ys", 0), a).elem) == 4
