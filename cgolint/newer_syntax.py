"""Go syntax newer than the grammar (tree-sitter-go 0.25), which parses it
as errors: methods with type parameters (Go 1.27) and `new(expr)` (Go
1.26; `make(expr)` too, where a local `make` shadows the builtin). Error
recovery around them can swallow the rest of a function or of the file,
and every rule skips a function with an error inside.

`masked(data, errors)` rewrites these forms, byte for byte, into Go the
grammar reads, of the same length, so that every offset, line and column
stays the same: a method's type parameter list becomes blanks (`func (s
S) Len[T any](x T)` parses as `func (s S) Len (x T)`), and the builtin
of a `new(...)` or `make(...)` with an error inside becomes a call of an
unknown function (`_ew(int64(41))`), whose result no rule knows anything
about: silence, not a guess. The engine parses the masked bytes and keeps
the original ones as the file's data. `syntax_error` still leaves
unreported what masking could not mend near these forms.
"""
from __future__ import annotations

import re
from typing import Iterable

from tree_sitter import Node

NEW_CALL = re.compile(rb"(?<![\w.])(?:new|make)\s*\(")
_RENAMED_CALL = re.compile(r"(?<![\w.])_(?=(?:ew|ake)\s*\()")
GENERIC_METHOD = re.compile(rb"^func\s*\((?:[^()\n]|\([^()\n]*\))*\)\s*[^\W\d]\w*\s*\[", re.MULTILINE)


def masked_methods(data: bytes) -> bytes | None:
    """`data` with the type parameter lists of methods blanked; None when
    there is none."""
    spans = []
    for match in GENERIC_METHOD.finditer(data):
        close = closing_bracket(data, match.end() - 1)
        if close is not None:
            spans.append((match.end() - 1, close + 1))
    return _blanked(data, spans) if spans else None


def masked_calls(data: bytes, errors: Iterable[Node]) -> bytes | None:
    """`data` with `new`/`make` renamed in each call of them that an error
    node overlaps; None when there is none."""
    errors = [(e.start_byte, e.end_byte) for e in errors]
    renamed = bytearray(data)
    changed = False
    for match in NEW_CALL.finditer(data):
        close = closing_bracket(data, match.end() - 1)
        end = len(data) if close is None else close + 1
        if any(start < end and stop > match.start() for start, stop in errors):
            renamed[match.start()] = ord("_")
            changed = True
    return bytes(renamed) if changed else None


def renamed_builtins(data: bytes) -> frozenset[str]:
    """The builtins whose renamed spelling (`_ew`, `_ake`) the source does
    not use itself: those a message can spell back without doubt."""
    return frozenset(name for name in ("new", "make") if not re.search(rb"\b_" + name[1:].encode() + rb"\b", data))


def unmasked(text: str, builtins: frozenset[str] = frozenset({"new", "make"})) -> str:
    """`text` (a message or fix quoting node text of a tree parsed from
    masked_calls' bytes) with each renamed call of `builtins` spelled back."""
    def spell(match: re.Match) -> str:
        name = "new" if text.startswith("ew", match.end()) else "make"
        return name[0] if name in builtins else "_"
    return _RENAMED_CALL.sub(spell, text)


def _blanked(data: bytes, spans: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for start, end in spans:
        for at in range(start, end):
            if out[at] not in b"\r\n":
                out[at] = 0x20
    return bytes(out)


def closing_bracket(data: bytes, opening: int) -> int | None:
    """The offset of the bracket that closes the one at `opening`,
    skipping string, raw string and rune literals and line comments; None
    if the file ends first."""
    depth, at, end = 0, opening, len(data)
    while at < end:
        char = data[at]
        if char in b"([{":
            depth += 1
        elif char in b")]}":
            depth -= 1
            if depth == 0:
                return at
        elif char in b"\"'`":
            at = _literal_end(data, at)
        elif data.startswith(b"//", at):
            newline = data.find(b"\n", at)
            at = end if newline < 0 else newline
        at += 1
    return None


def _literal_end(data: bytes, start: int) -> int:
    """The offset of the quote that ends the literal opened at `start`."""
    quote = data[start:start + 1]
    at = start + 1
    while at < len(data):
        char = data[at:at + 1]
        if char == b"\\" and quote != b"`":
            at += 2
            continue
        if char == quote or (char == b"\n" and quote != b"`"):
            return at
        at += 1
    return len(data)
