"""Object-like macros that only mark up declarations, expanded before the C
parser reads them. C headers spell types through macros the parser cannot
expand: PKCS#11 writes `typedef CK_BYTE CK_PTR CK_BYTE_PTR;` with `#define
CK_PTR *`, and libraries put empty macros before declarations (`#define
API`, `API int f(void);`). tree-sitter-c reads both as errors, and the
typedef or function is lost.

`masked(data, markers, ranges)` replaces each use of such a macro, outside
preprocessor lines, by its value padded with blanks to the same length, so
every offset, line and column stays the same: `CK_PTR` becomes `*     `.
Only macros whose value is `*` or nothing are expanded: any other text
could change what the parser sees beyond one token.
"""
from __future__ import annotations

import re
from typing import Iterable

# (a line of a `//` preamble starts with the comment's slashes)
_MARKER_DEFINE = re.compile(
    rb"^[ \t]*(?://[ \t]*)?#[ \t]*define[ \t]+([A-Za-z_]\w*)(?:[ \t]+(\*?)[ \t]*)?(?:/\*[^\n]*?\*/[ \t]*)?(?://[^\n]*)?\r?$",
    re.MULTILINE)


def marker_macros(data: bytes, ranges: Iterable[tuple[int, int]] | None = None) -> dict[bytes, bytes]:
    """The `#define NAME *` and `#define NAME` of `data` (within the byte
    `ranges`, if given): name -> value."""
    spans = list(ranges) if ranges is not None else [(0, len(data))]
    found: dict[bytes, bytes] = {}
    for start, end in spans:
        # from the start of the range's line: `^` matches only there
        for match in _MARKER_DEFINE.finditer(data, data.rfind(b"\n", 0, start) + 1, end):
            found[match.group(1)] = match.group(2) or b""
    return found


def masked(data: bytes, markers: dict[bytes, bytes], ranges: Iterable[tuple[int, int]] | None = None) -> bytes:
    """`data` with each use of a marker macro, outside preprocessor lines,
    replaced by its value and blanks; `data` itself when nothing changes."""
    if not markers:
        return data
    use = re.compile(rb"\b(?:" + b"|".join(re.escape(name) for name in sorted(markers, key=len, reverse=True)) + rb")\b")
    spans = list(ranges) if ranges is not None else [(0, len(data))]
    out = None
    for start, end in spans:
        for match in use.finditer(data, start, end):
            if _in_directive(data, match.start()):
                continue
            if out is None:
                out = bytearray(data)
            value = markers[match.group(0)]
            out[match.start():match.end()] = value.ljust(match.end() - match.start())
    return bytes(out) if out is not None else data


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
