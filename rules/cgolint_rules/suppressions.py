"""The rules about suppression comments themselves. The engine decides them
after a file's findings are known; these classes carry their metadata and
documentation."""
from __future__ import annotations

from cgolint.rule import Level, Rule


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    ## What it does
    Reports `//cgolint:ignore`, `//cgolint:file-ignore` and `//nolint:cgolint`
    comments that no finding of the named rules matches. A comment is judged
    only when every rule it names is enabled, and one that names no rule
    only when every rule is (so `--ignore`, or `ignore` in the
    configuration, of any rule leaves those unjudged): a suppression whose
    rule did not run may still be needed. A bare `//nolint` or
    `//nolint:all` silences cgolint too, but it is golangci-lint's, aimed
    at every linter, and is never reported.

    ## Why is this bad?
    A stale suppression hides the next real finding on that line, and tells
    readers that code is dangerous when it no longer is.

    ## Example
    ```go
    n := C.strlen(cs) //cgolint:ignore CGL003 measured C memory
    ```

    ## Use instead
    ```go
    n := C.strlen(cs)
    ```

    ## Fix safety
    No fix is offered: remove the comment by hand.

    ## References
    - ruff's RUF100 (unused-noqa)
    """

    code = "CGL100"
    name = "unused-suppression"
    markers = ()
    level = Level.WARNING
    tags = ("maintainability",)
    security_severity = 0.0


class SuppressionWithoutReason(Rule):
    """A suppression comment that does not say why.

    ## What it does
    Reports suppression comments with no reason after the rule codes, and
    `//cgolint:ignore` comments that name no rule code.

    ## Why is this bad?
    cgo findings are memory-safety findings. A suppression without a reason
    cannot be reviewed: the next reader cannot tell a checked exception from
    a silenced crash.

    ## Example
    ```go
    C.keep(&buf[0]) //cgolint:ignore CGL001
    ```

    ## Use instead
    ```go
    C.keep(&buf[0]) //cgolint:ignore CGL001 keep() copies the buffer before returning
    ```

    ## Fix safety
    No fix is offered.

    ## References
    - golangci-lint's nolintlint `require-explanation`
    """

    code = "CGL101"
    markers = ()
    name = "suppression-without-reason"
    level = Level.WARNING
    tags = ("maintainability",)
    security_severity = 0.0
