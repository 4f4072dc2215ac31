from __future__ import annotations

import re

from cgolint.rule import IMPORT_C, Edit, Fix, Level, Report, Rule
from cgolint.source import text

# A line of C preprocessor directives, in a `//` or a `/* */` comment.
_DIRECTIVE = re.compile(r"^[ \t]*(?://[ \t]*)?#[ \t]*(include|cgo|define|if|ifdef|ifndef|pragma|undef)\b",
                        re.MULTILINE)


class IgnoredPreamble(Rule):
    """C code in a comment above `import "C"` that cgo does not read as the preamble.

    ## What it does
    Reports a comment of `#include`, `#cgo`, `#define` or other preprocessor
    lines that sits above `import "C"` where cgo does not take it for the
    preamble:
    - a blank line parts it from `import "C"` (or from the comment right
      above `import "C"`, which is the preamble, while this one is lost);
    - it is above an `import (` group that imports more than "C": cgo reads
      the group's comment only when "C" is its one import;
    - it is above an `import (` group whose `"C"` has a comment of its own:
      cgo reads only that one;
    - it is directly above another import declaration (`import "unsafe"`)
      of a file that imports "C".

    Comments without preprocessor lines (licences, notes) are not reported.

    ## Why is this bad?
    cgo's preamble is the comment immediately above `import "C"`; anything
    else is an ordinary Go comment. Its `#include`s and declarations do not
    reach C, so the build fails with "could not determine what C.x refers
    to", a message that does not point at the blank line. Worse, `#cgo
    CFLAGS`/`LDFLAGS` lines and `#define`s that other code does not name
    are dropped silently: the C is compiled with other flags than the
    author wrote.

    ## Example
    ```go
    // #cgo LDFLAGS: -lz
    // #include <zlib.h>

    import "C"
    ```

    ## Use instead
    ```go
    // #cgo LDFLAGS: -lz
    // #include <zlib.h>
    import "C"
    ```

    ## Fix safety
    For a blank line, the fix removes it. It is unsafe: it makes cgo compile
    C that it never compiled before. An `import (` group is not fixed: move
    `import "C"` to a declaration of its own below the comment.

    ## References
    - cmd/cgo documentation: https://pkg.go.dev/cmd/cgo
    """

    code = "CGL012"
    name = "ignored-preamble"
    markers = (IMPORT_C,)
    level = Level.ERROR
    precision = "high"
    security_severity = 0.0
    tags = ("correctness", "cgo")
    fixable = True

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo and b"#" in source.data

    def check_package(self, ctx):
        source = ctx.file
        group, why = source.ignored_preamble
        found = next((m for comment in group if (m := _DIRECTIVE.search(text(comment)))), None)
        if found is None:
            return
        first = group[0]
        line_end = source.data.find(b"\n", first.start_byte, first.end_byte)
        end = line_end if line_end != -1 else first.end_byte
        directive = found.group(1)
        elsewhere = _NOT_THE_PREAMBLE.get(why)
        if elsewhere is not None:  # (no fix: the import has to move, or the lines)
            whose = "these" if why == "spec comment" else "its"
            yield Report(self, first.start_byte, end, f"this comment is not the cgo preamble: {elsewhere}, so "
                                                      f"{whose} #{directive} lines never reach C; {_MOVE[why]}")
            return
        last = group[-1]
        following = last.next_sibling
        fix = None
        if following is not None:
            indent = source.data[source.data.rfind(b"\n", 0, following.start_byte) + 1:following.start_byte]
            fix = Fix("Remove the blank line",
                      (Edit(last.end_byte, following.start_byte, "\n" + indent.decode("utf-8", "replace")),), safe=False)
        yield Report(self, first.start_byte, end,
                     f"this comment is not part of the cgo preamble: a blank line parts it from what follows, so cgo "
                     f"ignores it and its #{directive} lines never reach C (C names it declares are undefined: "
                     f"\"could not determine what C.x refers to\"; #cgo flags are dropped); remove the blank line",
                     fix=fix)


# Why a comment with C directives is not the preamble, and what to do, by
# the reason `SourceFile.ignored_preamble` gives (a blank line has a fix).
_NOT_THE_PREAMBLE = {
    "group": "it is above an `import (` group that imports more than \"C\", and cgo reads such a comment only "
             "when \"C\" is the group's one import",
    "other import": "it is above another import declaration, and cgo reads only the comment directly above "
                    "`import \"C\"`",
    "spec comment": "the `\"C\"` inside the `import (` group below has a comment of its own, and cgo reads only "
                    "that one",
}
_MOVE = {
    "group": "put `import \"C\"` in an import declaration of its own directly below the comment",
    "other import": "move them into the comment above `import \"C\"`",
    "spec comment": "move them into the comment above `\"C\"`",
}

