"""Marker macros (`#define CK_PTR *`, `#define API`) are expanded in place
before tree-sitter-c parses, only where the preprocessor would."""
from __future__ import annotations

from cgolint.c_markers import carried, marker_macros, masked

HEADER = b"""#define CK_PTR *
#define API /* exported */
typedef unsigned char CK_BYTE;
typedef CK_BYTE CK_PTR CK_BYTE_PTR;
API int version(CK_BYTE_PTR out);
#define LONG_LINE \\
    CK_PTR
"""


def test_uses_after_the_definition_become_the_value_same_length():
    out = masked(HEADER, marker_macros(HEADER))
    assert len(out) == len(HEADER) and out.count(b"\n") == HEADER.count(b"\n")
    assert b"typedef CK_BYTE *      CK_BYTE_PTR;" in out
    assert b"    int version(CK_BYTE_PTR out);" in out
    assert out.endswith(b"#define LONG_LINE \\\n    CK_PTR\n")  # a directive's continuation is left alone


def test_uses_before_the_definition_and_ambiguous_names_stay():
    source = b"""static void keep(char *OUT) { saved = OUT; }
#define OUT
#ifdef _WIN32
#define P __ptr64 *
#else
#define P *
#endif
#define GONE *
#undef GONE
int *f(int a, int GONE);
"""
    markers = marker_macros(source)
    assert set(markers) == {b"OUT"}
    assert masked(source, markers) == source


def test_a_later_file_sees_the_markers_from_its_start():
    markers = carried(marker_macros(b"#define CK_PTR *\n"))
    assert masked(b"typedef CK_BYTE CK_PTR CK_BYTE_PTR;\n", markers) == b"typedef CK_BYTE *      CK_BYTE_PTR;\n"


def test_a_line_comment_preamble():
    go = b"package p\n\n// #define CK_PTR *\n// typedef char CK_PTR P;\nimport \"C\"\n"
    first = go.index(b"//") + 2
    second = go.index(b"//", first) + 2
    ranges = [(first, go.index(b"\n", first) + 1), (second, go.index(b"\n", second) + 1)]
    assert masked(go, marker_macros(go, ranges), ranges) == go.replace(b"char CK_PTR P", b"char *      P")
