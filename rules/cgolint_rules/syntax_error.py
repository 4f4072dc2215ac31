from __future__ import annotations

from cgolint.rule import Level, Report, Rule
from cgolint.source import text


class SyntaxErrorRule(Rule):
    """Go source that does not parse; the rest of the file is still analysed.

    ## What it does
    Reports each place where the Go parser could not make sense of the file:
    an unexpected token or a missing one. Only the broken region is affected;
    every other function of the file is still checked.

    ## Why is this bad?
    A file that does not parse does not build, and the code inside a broken
    region cannot be checked for cgo misuse. New syntax that the parser does
    not know yet is also reported here, as a note.

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
        errors = ctx.file.error_nodes
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
