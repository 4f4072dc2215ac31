from __future__ import annotations

import re

from cgolint.rule import Level, Report, Rule
from cgolint.source import SourceFile, text

# Go syntax newer than the grammar (tree-sitter-go 0.25), which parses it
# as errors: `new(expr)` (Go 1.26; `make(expr)` too, where a local `make`
# shadows the builtin) and methods with type parameters (Go 1.27).
_NEW_CALL = re.compile(rb"(?<![\w.])(?:new|make)\s*\(")
_GENERIC_METHOD = re.compile(rb"^func\s*\((?:[^()\n]|\([^()\n]*\))*\)\s*[^\W\d]\w*\s*\[", re.MULTILINE)
_NEW_CALL_REACH = 400  # bytes before an error where its `new(` may start


class SyntaxErrorRule(Rule):
    """Go source that does not parse; the rest of the file is still analysed.

    ## What it does
    Reports each place where the Go parser could not make sense of the file:
    an unexpected token or a missing one. Only the broken region is affected;
    every other function of the file is still checked.

    Two forms of newer Go that the parser does not know are valid code, not
    errors, and are not reported: `new(expr)` (Go 1.26) and methods with
    type parameters (Go 1.27). The code inside them is not analysed.

    ## Why is this bad?
    A file that does not parse does not build, and the code inside a broken
    region cannot be checked for cgo misuse.

    ## Example
    ```go
    func f( {
    ```

    ## Use instead
    ```go
    func f() {
    ```

    ## Fix safety
    No fix is offered.

    ## References
    - The Go Programming Language Specification
    """

    code = "CGL000"
    name = "syntax-error"
    markers = ()
    level = Level.NOTE
    precision = "high"
    security_severity = 0.0
    tags = ("correctness",)

    # Like the Go compiler ("too many errors"): past this many, one finding
    # says how many more there are. A mangled file can hold thousands.
    MAX_PER_FILE = 10

    def check_package(self, ctx):
        errors = [node for node in ctx.file.error_nodes if not _newer_syntax(node, ctx.file)]
        for count, node in enumerate(errors):
            if count == self.MAX_PER_FILE:
                rest = len(errors) - count
                yield Report(self, node.start_byte, node.start_byte,
                             f"too many syntax errors: {rest} more in this file are not reported")
                return
            if node.is_missing:
                message = f"syntax error: missing `{node.type}`"
            else:
                snippet = " ".join(text(node).split())
                snippet = snippet if len(snippet) <= 40 else snippet[:37] + "..."
                message = f"syntax error: unexpected `{snippet}`" if snippet else "syntax error"
            # A broken region can span many lines: underline its first line only.
            newline = ctx.file.data.find(b"\n", node.start_byte, node.end_byte)
            end = newline if newline != -1 else node.end_byte
            yield Report(self, node.start_byte, max(end, node.start_byte), message)


def _newer_syntax(error, source: SourceFile) -> bool:
    """Whether a parse error is valid Go that the grammar is older than: a
    method with type parameters declared in the broken region (whose error
    can swallow the rest of the file), or a `new(...)` nearby."""
    data = source.data
    line_start = data.rfind(b"\n", 0, error.start_byte) + 1
    if _GENERIC_METHOD.search(data, line_start, max(error.end_byte, data.find(b"\n", error.start_byte))):
        return True
    return _near_new_call(data, error.start_byte)


def _near_new_call(data: bytes, offset: int) -> bool:
    """Whether `offset` lies inside the parentheses of a `new(...)` that
    starts shortly before it, or on the line where one starts: the grammar
    reads `new`'s argument as a type, and error recovery around an
    expression there can begin anywhere on the line."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line_end = data.find(b"\n", offset)
    if _NEW_CALL.search(data, line_start, len(data) if line_end < 0 else line_end):
        return True
    for match in reversed(list(_NEW_CALL.finditer(data, max(0, offset - _NEW_CALL_REACH), offset))):
        close = _closing_paren(data, match.end() - 1)
        if close is None or close >= offset:
            return True
    return False


def _closing_paren(data: bytes, opening: int) -> int | None:
    """The offset of the `)` that closes the `(` at `opening`, skipping
    string, raw string and rune literals and line comments; None if the
    file ends first."""
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
