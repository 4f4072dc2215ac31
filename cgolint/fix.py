"""Applying fixes: non-overlapping byte edits to a file's text."""
from __future__ import annotations

from .rule import Edit


def apply_edits(data: bytes, edits: list[Edit]) -> tuple[bytes, list[Edit]]:
    """Apply the edits that do not overlap an earlier-chosen one; return the
    new bytes and the edits skipped (to retry in a later round)."""
    chosen: list[Edit] = []
    skipped: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        if chosen and edit.start < chosen[-1].end:
            skipped.append(edit)
        elif chosen and edit.start == chosen[-1].end == edit.end and chosen[-1].start == edit.start:
            skipped.append(edit)
        else:
            chosen.append(edit)
    out = bytearray(data)
    for edit in reversed(chosen):
        out[edit.start:edit.end] = edit.replacement.encode("utf-8")
    return bytes(out), skipped
