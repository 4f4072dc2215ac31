"""Constant extents of C bodies: the integer constant expressions they are
made of, and how far a body reaches into a pointer parameter."""
from __future__ import annotations

import pytest

from cgolint.c_extents import Extent, c_param_extent, macro_value
from cgolint.preamble import CPreamble, parse_preamble
from cgolint.source import SourceFile

MACROS = {"A": "4", "B": "(A * A)", "C": "B - 1", "HEX": "0x10u", "OCT": "010", "L": "8UL",
          "SHIFT": "1 << 4", "NEG": "-7 / 2", "MOD": "-7 % 2", "LOOP": "LOOP + 1", "TEXT": '"x"',
          "OPEN": "(1 + 2", "ZERO": "1 / 0", "FAR": "1 << 99", "CALL": "f(1)"}


def test_macros_built_of_macros_are_evaluated_once():
    macros = {"M0": "1"}
    for level in range(1, 60):
        macros[f"M{level}"] = f"(M{level - 1} + M{level - 1} + M{level - 1}) / 3"
    assert macro_value("M59", CPreamble(macros=macros)) == 1


@pytest.mark.parametrize("name,value", [
    ("A", 4), ("B", 16), ("C", 15), ("HEX", 16), ("OCT", 8), ("L", 8), ("SHIFT", 16),
    ("NEG", -3), ("MOD", -1),  # C truncates toward zero
    ("LOOP", None), ("TEXT", None), ("OPEN", None), ("ZERO", None), ("FAR", None), ("CALL", None),
    ("UNDEFINED", None),
])
def test_macro_values(name, value):
    assert macro_value(name, CPreamble(macros=MACROS)) == value


BODIES = b'''package p

/*
#include <string.h>
#define N 8
static void fixed(char *p) { p[N - 1] = 0; p[2] = 1; }
static void loop(int *p) { for (int i = 0; i < N && i < 4; i++) p[i] = i; }
static void copy(char *p, const char *q) { char tmp[12]; memcpy(tmp, q, sizeof tmp); memcpy(p, tmp, sizeof(tmp)); }
static void both(char *p) { p[0] = 1; memset(p, 0, 32); }
static void walks(char *p) { while (*p) p++; }
static void variable(char *p, int n) { memset(p, 0, n); }
static void passes(char *p) { strcpy(p, "x"); }
static void unused(char *p) { }
#define ID_LEN 32
static void sized_local(unsigned char *out) { unsigned char id[ID_LEN] = {0}; memcpy(out, id, sizeof id); }
static void offset(unsigned char *out) { out[0] = 1; memcpy(&out[4], out, 8); }
static void commented(unsigned char *out) {
	memset(out, // fill byte
	       0, 64);
}
static void grid(unsigned char *out) { unsigned char g[2][ID_LEN]; memcpy(out, g, sizeof g); }
#define KEY_LEN 8
#undef KEY_LEN
#define KEY_LEN 32
static void redefined(unsigned char *out) { memset(out, 0, KEY_LEN); }
static unsigned char zeros[32], dst[32];
static void tested(const unsigned char *p) { if (p) memcpy(dst, p, 32); if (!(p)) return; }
static void chosen(const unsigned char *p, int z) { const unsigned char *src = z ? zeros : (p); memcpy(dst, src, 32); }
static void hex(char *out) { for (int i = 0; i < 20; i++) { out[2 * i] = 'a'; out[(i * 2) + 1] = 'b'; } }
static void shifted(char *out) { for (int i = 0; i < 4; i++) out[i - 1] = 0; }
static void scaled(char *out, int k) { for (int i = 0; i < 4; i++) out[k * i] = 0; }
*/
import "C"
'''


def test_extents_of_bodies(tmp_path):
    path = tmp_path / "p.go"
    path.write_bytes(BODIES)
    preamble = parse_preamble(SourceFile.parse(str(path), "p.go", BODIES))

    def extent(name, index=0):
        return c_param_extent(preamble.function(name), index, preamble)

    assert extent("fixed") == Extent(8, 0)
    assert extent("loop") == Extent(4, 0)           # the tighter of the two bounds
    assert extent("copy") == Extent(0, 12) and extent("copy", 1) == Extent(0, 12)
    assert extent("both") == Extent(1, 32)
    assert extent("unused") == Extent(0, 0)
    assert extent("sized_local") == Extent(0, 32)   # an array sized by a macro
    assert extent("commented") == Extent(0, 64)     # a comment among the arguments
    assert extent("grid") == Extent(0, 64)          # both dimensions
    assert extent("tested") == Extent(0, 32)       # tests of the pointer's value touch nothing
    assert extent("hex") == Extent(40, 0)           # linear in a bounded loop variable: 2*19+1
    for name in ("walks", "variable", "passes", "offset", "redefined", "chosen", "shifted", "scaled"):
        # pointer arithmetic, a variable count, passed on, `&out[4]`, a macro with two values,
        # chosen as a `?:` value (parenthesised, not a test), `i - 1` (below 0 at first), a factor not constant
        assert extent(name) is None, name


ENUMS = b'''package p

/*
#define F_FREE 0x1
#define F_BLOCK 0x4
#define F_DEFAULT (F_FREE | F_BLOCK)
typedef enum { MODE_DUPLICATE, MODE_READONLY, MODE_WRITABLE = 8, MODE_NEXT, MODE_DEFAULT = MODE_READONLY } mode;
enum { MASKED = F_DEFAULT & ~0, BITS = F_DEFAULT ^ F_FREE };
*/
import "C"
'''


@pytest.mark.parametrize("name,value", [
    ("F_DEFAULT", 5), ("MODE_DUPLICATE", 0), ("MODE_READONLY", 1), ("MODE_WRITABLE", 8), ("MODE_NEXT", 9),
    ("MODE_DEFAULT", 1), ("BITS", 4),
    ("MASKED", None),  # `~` is not evaluated
])
def test_enum_constants_and_bit_operators(tmp_path, name, value):
    path = tmp_path / "p.go"
    path.write_bytes(ENUMS)
    preamble = parse_preamble(SourceFile.parse(str(path), "p.go", ENUMS))
    assert macro_value(name, preamble) == value


def test_long_and_conditional_enums(tmp_path):
    members = ", ".join(f"KEY_{i}" for i in range(300))
    source = f'''package p

/*
enum keys {{ {members}, KEY_COUNT }};
#define HAVE_A 1
enum opt {{
#ifdef HAVE_A
	OPT_A,
#endif
	OPT_COUNT,
	OPT_LAST = 40,
	OPT_AFTER
}};
*/
import "C"
'''.encode()
    path = tmp_path / "p.go"
    path.write_bytes(source)
    preamble = parse_preamble(SourceFile.parse(str(path), "p.go", source))
    assert macro_value("KEY_COUNT", preamble) == 300  # no recursion through 300 members
    assert macro_value("OPT_COUNT", preamble) is None  # after an #if block: the distance is not known
    assert macro_value("OPT_AFTER", preamble) == 41
