"""Generate a Go module of N cgo packages for benchmarks and tests.

Each package is realistic, varied cgo: a preamble with includes, structs,
static C functions (some keep a pointer, some take a length), sometimes a
local header; Go wrappers of several kinds, correct ones and the bugs
cgolint looks for (a local array kept by C, `[]int` read as `*C.int`, a
buffer without its length, a leaked C.CString, a double free,
reflect.SliceHeader); plus files that the prefilter skips. Everything
compiles, so `go vet` can be timed on the same tree.

    python benchmarks/gen_tree.py OUT_DIR N [--seed S]
"""
from __future__ import annotations

import argparse
import os
import random

GO_MOD = "module example.com/gen\n\ngo 1.21\n"

HEADER = """#ifndef {guard}
#define {guard}
#include <stddef.h>
#include <stdint.h>

typedef struct {{
\tint32_t id;
\tdouble weight;
\tchar name[16];
}} {p}_item;

static inline int {p}_item_ok(const {p}_item *it) {{ return it != NULL && it->id >= 0; }}
#endif
"""

PREAMBLE_PARTS = {
    "base": """#include <stdlib.h>
#include <string.h>
#include <stdint.h>
""",
    "header": '#include "{p}.h"\n',
    "keep": """static char *{p}_kept;
// {p}_keep stores its argument: it is read again by {p}_kept_len.
static void {p}_keep(char *s) {{ {p}_kept = s; }}
static size_t {p}_kept_len(void) {{ return {p}_kept ? strlen({p}_kept) : 0; }}
""",
    "sum": """static long {p}_sum(int *xs, int n) {{
\tlong s = 0;
\tfor (int i = 0; i < n; i++) s += xs[i];
\treturn s;
}}
""",
    "fill": """static void {p}_fill(unsigned char *buf, size_t n, unsigned char v) {{ memset(buf, v, n); }}
static int {p}_checksum(unsigned char *buf) {{ int s = 0; for (int i = 0; i < 16; i++) s += buf[i]; return s; }}
""",
    "str": """static int {p}_count(const char *s, char c) {{
\tint n = 0;
\tfor (; *s; s++) if (*s == c) n++;
\treturn n;
}}
""",
    "dsum": """static double {p}_dsum(double *xs, int n) {{ double s = 0; for (int i = 0; i < n; i++) s += xs[i]; return s; }}
""",
}

FUNCS = {
    # bug: CGL001, a local array that C keeps
    "keep_local": ("keep", """
// Keep{P}{i} hands a stack buffer to C, which keeps it.
func Keep{P}{i}(s string) int {{
\tvar buf [64]byte
\tcopy(buf[:], s)
\tC.{p}_keep((*C.char)(unsafe.Pointer(&buf[0])))
\treturn int(C.{p}_kept_len())
}}
"""),
    # correct: C memory that C may keep
    "keep_ok": ("keep", """
// KeepCopy{P}{i} gives C memory of its own to keep.
func KeepCopy{P}{i}(s string) int {{
\tcs := C.CString(s)
\tC.{p}_keep(cs)
\treturn int(C.{p}_kept_len())
}}
"""),
    # bug: CGL002, 8-byte ints read as 4-byte C ints
    "sum_bad": ("sum", """
// Sum{P}{i} reads Go ints as C ints.
func Sum{P}{i}(xs []int) int64 {{
\treturn int64(C.{p}_sum((*C.int)(unsafe.Pointer(&xs[0])), C.int(len(xs))))
}}
"""),
    # correct: matching layout, length checked, SliceData
    "sum_ok": ("sum", """
// SumC{P}{i} passes C ints with their length.
func SumC{P}{i}(xs []C.int) int64 {{
\tif len(xs) == 0 {{
\t\treturn 0
\t}}
\treturn int64(C.{p}_sum(unsafe.SliceData(xs), C.int(len(xs))))
}}
"""),
    # bug: CGL003, a buffer whose length C never learns
    "checksum": ("fill", """
// Checksum{P}{i} lets C read 16 bytes of a buffer of any length.
func Checksum{P}{i}(b []byte) int {{
\tif len(b) == 0 {{
\t\treturn 0
\t}}
\treturn int(C.{p}_checksum((*C.uchar)(unsafe.Pointer(&b[0]))))
}}
"""),
    # correct: pointer and length
    "fill_ok": ("fill", """
// Fill{P}{i} passes the buffer with its length.
func Fill{P}{i}(b []byte, v byte) {{
\tif len(b) == 0 {{
\t\treturn
\t}}
\tC.{p}_fill((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)), C.uchar(v))
}}
"""),
    # bug: CGL005, leaked C string
    "leak": ("str", """
// Count{P}{i} leaks the C copy of s.
func Count{P}{i}(s string, c byte) int {{
\tcs := C.CString(s)
\treturn int(C.{p}_count(cs, C.char(c)))
}}
"""),
    # correct: freed
    "count_ok": ("str", """
// CountFreed{P}{i} frees what it allocates.
func CountFreed{P}{i}(s string, c byte) int {{
\tcs := C.CString(s)
\tdefer C.free(unsafe.Pointer(cs))
\treturn int(C.{p}_count(cs, C.char(c)))
}}
"""),
    # bug: CGL006, freed twice
    "double_free": ("str", """
// Twice{P}{i} frees the same C memory twice.
func Twice{P}{i}(s string) int {{
\tcs := C.CString(s)
\tdefer C.free(unsafe.Pointer(cs))
\tn := int(C.{p}_count(cs, 'a'))
\tC.free(unsafe.Pointer(cs))
\treturn n
}}
"""),
    # correct: float64 as C double
    "dsum_ok": ("dsum", """
// Mean{P}{i} passes float64 as C double.
func Mean{P}{i}(xs []float64) float64 {{
\tif len(xs) == 0 {{
\t\treturn 0
\t}}
\treturn float64(C.{p}_dsum((*C.double)(unsafe.Pointer(&xs[0])), C.int(len(xs)))) / float64(len(xs))
}}
"""),
    # header struct use
    "item": ("header", """
// Valid{P}{i} checks an item built in Go.
func Valid{P}{i}(id int32) bool {{
\tvar it C.{p}_item
\tit.id = C.int32_t(id)
\treturn C.{p}_item_ok(&it) != 0
}}
"""),
}

PLAIN = """package {pkg}

import "strings"

// Normalize{P} trims and lowers a name: no cgo here, so the prefilter skips this file.
func Normalize{P}(s string) string {{
\treturn strings.ToLower(strings.TrimSpace(s))
}}

type Options{P} struct {{
\tName  string
\tLimit int
}}

func (o Options{P}) Valid() bool {{ return o.Name != "" && o.Limit > 0 }}
"""

UNSAFE_FILE = """package {pkg}

import (
\t"reflect"
\t"unsafe"
)

// BytesOf{P} reinterprets a string as bytes through a forged header.
func BytesOf{P}(s string) []byte {{
\tvar b []byte
\th := (*reflect.SliceHeader)(unsafe.Pointer(&b))
\th.Data = (*reflect.StringHeader)(unsafe.Pointer(&s)).Data
\th.Len = len(s)
\th.Cap = len(s)
\treturn b
}}

// View{P} is the supported way.
func View{P}(s string) []byte {{
\treturn unsafe.Slice(unsafe.StringData(s), len(s))
}}
"""


def package_files(index: int, rng: random.Random) -> dict[str, str]:
    p = f"g{index:04d}"
    P = f"G{index:04d}"
    pkg = f"pkg{index:04d}"
    chosen = rng.sample(sorted(FUNCS), rng.randint(3, len(FUNCS)))
    repeats = rng.randint(1, 3)
    use_header = "item" in chosen
    parts = ["base"] + sorted({FUNCS[name][0] for name in chosen} - {"header"})
    preamble = "".join(PREAMBLE_PARTS[part].format(p=p) for part in parts)
    if use_header:
        preamble = PREAMBLE_PARTS["header"].format(p=p) + preamble
    body = []
    for i in range(repeats):
        for name in chosen:
            body.append(FUNCS[name][1].format(p=p, P=P, i=i))
    cgo = f"package {pkg}\n\n/*\n{preamble}*/\nimport \"C\"\n\nimport \"unsafe\"\n\nvar _ = unsafe.Pointer(nil)\n" + "".join(body)
    files = {f"{pkg}/{pkg}.go": cgo, f"{pkg}/names.go": PLAIN.format(pkg=pkg, P=P)}
    if use_header:
        files[f"{pkg}/{p}.h"] = HEADER.format(guard=f"{p.upper()}_H", p=p)
    if rng.random() < 0.3:
        files[f"{pkg}/view.go"] = UNSAFE_FILE.format(pkg=pkg, P=P)
    return files


def generate(root: str, count: int, seed: int = 1) -> int:
    """Write the module; returns the number of Go files written."""
    rng = random.Random(seed)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "go.mod"), "w") as handle:
        handle.write(GO_MOD)
    written = 0
    for index in range(count):
        for name, content in package_files(index, rng).items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as handle:
                handle.write(content)
            written += name.endswith(".go")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.count, args.seed), "Go files written")


if __name__ == "__main__":
    main()
