"""`//cgolint:ignore CODES reason`, `//cgolint:file-ignore CODES reason` and
golangci-lint's `//nolint:cgolint`. Each one that suppresses nothing, or
gives no reason, is itself reported. A bare `//nolint` (or `//nolint:all`)
silences cgolint too, but it is golangci-lint's, aimed at every linter:
whether it is used or explained is not cgolint's to judge."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from .source import SourceFile, text

_DIRECTIVE = re.compile(
    r"^//\s*(?:(?P<kind>cgolint:ignore|cgolint:file-ignore)(?:\s+(?P<codes>[A-Za-z0-9_,\-\s]*?))?"
    r"|(?P<nolint>nolint)(?::(?P<linters>[\w,\-]+))?)(?P<rest>(?:\s.*)?)$"
)
_CODE = re.compile(r"^[A-Z]{2,6}[0-9]{3,4}$")


@dataclass
class Suppression:
    start_byte: int  # the directive's comment
    end_byte: int
    whole_file: bool
    codes: tuple[str, ...]   # empty: every code
    line: int                # 1-based line it covers (0 for whole file)
    reason: str
    directive: str
    used: bool = False
    problems: list[str] = field(default_factory=list)
    judged: bool = True  # its use and its reason are reported on (not for another tool's `//nolint`)
    shared: bool = False  # it names other linters too (`//nolint:cgolint,errcheck`)

    def covers(self, code: str, line: int) -> bool:
        return (self.whole_file or line == self.line) and (not self.codes or code in self.codes)


def parse_suppressions(source: SourceFile, comments: list[Node]) -> list[Suppression]:
    """The directives of the file's Go line comments, and those written as C
    line comments in the preamble (`int n; // cgolint:ignore CGL011 reason`,
    in a `/* */` block or after the C of a `// int n;` line), where a
    finding about the C code points."""
    found = []
    preamble = {c.start_byte for c in source.preamble_comments} if b"cgolint:" in source.data else ()
    for comment in comments:
        raw = text(comment)
        if raw.startswith("//") and (suppression := _suppression(source, raw, comment.start_byte, comment.end_byte)):
            found.append(suppression)
        elif comment.start_byte in preamble:
            found += [s for start, end in _c_directives(comment)
                      if (s := _suppression(source, source.data[start:end].decode("utf-8", "replace"), start, end))]
    return found


# A C line comment that is a directive, to the end of its line or block: not
# the first `//` of the line, which may be inside a string ("http://...").
_C_DIRECTIVE = re.compile(rb"//[ \t]*cgolint:[^\n]*?(?=\n|\*/|$)")


def _c_directives(comment: Node) -> list[tuple[int, int]]:
    """Byte spans of the directives written as C line comments in a preamble comment."""
    data = comment.text
    skip = 2 if data.startswith(b"//") else 0  # the Go comment's own `//`
    return [(comment.start_byte + m.start(), comment.start_byte + m.end()) for m in _C_DIRECTIVE.finditer(data, skip)]


def _suppression(source: SourceFile, raw: str, start: int, end: int) -> Suppression | None:
    match = _DIRECTIVE.match(raw.strip())
    if match is None:
        return None
    if match["nolint"]:
        linters = (match["linters"] or "").split(",") if match["linters"] else []
        if linters and "cgolint" not in linters and "all" not in linters:
            return None
        codes: tuple[str, ...] = ()
        reason = (match["rest"] or "").strip()
        reason = reason[2:].strip() if reason.startswith("//") else reason
        kind = "nolint"
        directive = f"//nolint:{match['linters']}" if linters else "//nolint"
        judged = "cgolint" in linters and "all" not in linters
    else:
        kind = match["kind"]
        words = re.split(r"[,\s]+", (match["codes"] or "").strip())
        rest = (match["rest"] or "").strip()
        codes_list = []
        reason_words = []
        for word in words:
            if word and _CODE.match(word) and not reason_words:
                codes_list.append(word)
            elif word:
                reason_words.append(word)
        codes = tuple(codes_list)
        reason = " ".join(reason_words + ([rest] if rest else [])).strip()
        directive = f"//{kind}"
        judged = True
    whole_file = kind == "cgolint:file-ignore"
    line = 0 if whole_file else _covered_line(source, start)
    suppression = Suppression(start, end, whole_file, codes, line, reason, directive, judged=judged,
                              shared=kind == "nolint" and len(linters) > 1)
    if kind != "nolint" and not codes:
        suppression.problems.append(f"`{directive}` names no rule code (write e.g. `{directive} CGL001 reason`)")
    return suppression


def _covered_line(source: SourceFile, start: int) -> int:
    """A trailing comment covers its own line; one alone on a line, the next line."""
    row = source.position(start).line - 1
    line_start = source.line_starts[row]
    before = source.data[line_start:start].strip()
    # `/* // cgolint:ignore ...` opens a preamble: alone on its line, as far as C goes
    return row + 2 if before in (b"", b"/*", b"//") else row + 1
