from __future__ import annotations

from cgolint.newer_syntax import GENERIC_METHOD, NEW_CALL, closing_bracket
from cgolint.rule import Level, Report, Rule
from cgolint.source import SourceFile, text

# Bytes before an error where a `new(` it may come from starts: the
# engine masks what it can of such calls before parsing (newer_syntax).
_NEW_CALL_REACH = 400


class SyntaxErrorRule(Rule):
    """Go source that does not parse; the rest of the file is still analysed.

    ## What it does
    Reports each place where the Go parser could not make sense of the file:
    an unexpected token or a missing one. Only the broken region is affected;
    every other function of the file is still checked.

    A file that imports "C" and starts with a byte order mark is reported
    too: cgo copies it after a line directive, where the toolchain rejects
    the mark ("invalid BOM in the middle of the file").

    Two forms of newer Go that the parser does not know are valid code, not
    errors, and are not reported: `new(expr)` (Go 1.26) and methods with
    type parameters (Go 1.27). They are read as Go the parser knows, of the
    same length: a method without its type parameter list, and `new(expr)`
    as a call of an unknown function, whose result is not followed (a Go
    pointer it makes is not seen). Everything around them is analysed.

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
        if ctx.file.uses_cgo and ctx.file.data.startswith(b"\xef\xbb\xbf"):
            yield Report(self, 0, 3, "this file starts with a byte order mark, which Go accepts at the start of a "
                                     "file only: cgo copies a file that imports \"C\" after a line directive of its "
                                     "own, so the build fails (\"invalid BOM in the middle of the file\"); save the "
                                     "file as UTF-8 without a BOM")
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
    if GENERIC_METHOD.search(data, line_start, max(error.end_byte, data.find(b"\n", error.start_byte))):
        return True
    return _near_new_call(data, error.start_byte)


def _near_new_call(data: bytes, offset: int) -> bool:
    """Whether `offset` lies inside the parentheses of a `new(...)` that
    starts shortly before it, or on the line where one starts: the grammar
    reads `new`'s argument as a type, and error recovery around an
    expression there can begin anywhere on the line."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line_end = data.find(b"\n", offset)
    if NEW_CALL.search(data, line_start, len(data) if line_end < 0 else line_end):
        return True
    for match in reversed(list(NEW_CALL.finditer(data, max(0, offset - _NEW_CALL_REACH), offset))):
        close = closing_bracket(data, match.end() - 1)
        if close is None or close >= offset:
            return True
    return False
