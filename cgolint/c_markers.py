"""Object-like macros that only mark up declarations, expanded before the C
parser reads them. C headers spell types through macros the parser cannot
expand: PKCS#11 writes `typedef CK_BYTE CK_PTR CK_BYTE_PTR;` with `#define
CK_PTR *`, and libraries put empty macros before declarations (`#define
API`, `API int f(void);`). tree-sitter-c reads both as errors, and the
typedef or function is lost.

`masked(data, markers, ranges)` replaces each use of such a macro after its
definition, outside preprocessor lines, by its value padded with blanks to
the same length, so every offset, line and column stays the same: `CK_PTR`
becomes `*     `. Only macros whose value is `*` or nothing, and that no
other line defines otherwise or undefines, are expanded: any other text
could change what the parser sees beyond one token.
"""
from __future__ import annotations

import re
from typing import Iterable

# (a line of a `//` preamble starts with the comment's slashes)
_DEFINE = re.compile(rb"^[ \t]*(?://[ \t]*)?#[ \t]*(define|undef)[ \t]+([A-Za-z_]\w*)([^\n]*)$", re.MULTILINE)
_COMMENT = re.compile(rb"/\*.*?\*/|//.*$")

Markers = dict[bytes, tuple[bytes, int]]  # name -> (value, offset of its #define; -1: defined by an earlier file)


def marker_macros(data: bytes, ranges: Iterable[tuple[int, int]] | None = None) -> Markers:
    """The `#define NAME *` and `#define NAME` of `data` (within the byte
    `ranges`, if given). A name also defined otherwise (in another branch
    of an `#if`) or `#undef`ined is left out: which text it has is not known."""
    spans = list(ranges) if ranges is not None else [(0, len(data))]
    found: Markers = {}
    other: set[bytes] = set()
    for start, end in spans:
        # from the start of the range's line: `^` matches only there
        for match in _DEFINE.finditer(data, data.rfind(b"\n", 0, start) + 1, end):
            kind, name, rest = match.groups()
            value = _COMMENT.sub(b"", rest).strip()
            if kind == b"define" and rest[:1] != b"(" and value in (b"*", b""):
                found.setdefault(name, (value, match.start()))
            else:
                other.add(name)
    return {name: found[name] for name in found.keys() - other}


def masked(data: bytes, markers: Markers, ranges: Iterable[tuple[int, int]] | None = None) -> bytes:
    """`data` with each use of a marker macro after its `#define`, outside
    preprocessor lines, replaced by its value and blanks; `data` itself
    when nothing changes."""
    if not markers:
        return data
    use = re.compile(rb"\b(?:" + b"|".join(re.escape(name) for name in sorted(markers, key=len, reverse=True)) + rb")\b")
    spans = list(ranges) if ranges is not None else [(0, len(data))]
    out = None
    for start, end in spans:
        for match in use.finditer(data, start, end):
            value, defined_at = markers[match.group(0)]
            if match.start() < defined_at or _in_directive(data, match.start()):
                continue
            if out is None:
                out = bytearray(data)
            out[match.start():match.end()] = value.ljust(match.end() - match.start())
    return bytes(out) if out is not None else data


def carried(markers: Markers) -> Markers:
    """The markers of a file as a file read after it sees them: defined from its start."""
    return {name: (value, -1) for name, (value, _) in markers.items()}


def _in_directive(data: bytes, at: int) -> bool:
    """Whether offset `at` is on a preprocessor line (or a continuation of one)."""
    line_start = data.rfind(b"\n", 0, at) + 1
    while True:
        if _DIRECTIVE_START.match(data, line_start, at):
            return True
        above = data[max(line_start - 3, 0):line_start]
        if not (above.endswith(b"\\\n") or above.endswith(b"\\\r\n")):
            return False
        at = line_start - 1
        line_start = data.rfind(b"\n", 0, at) + 1  # the line this one continues


_DIRECTIVE_START = re.compile(rb"[ \t]*(?://[ \t]*)?#")
