"""Test rule plugins, installed the way a separate package installs them: a
module and a dist-info holding `cgolint.rules` entry points, in a directory
that the test puts on PYTHONPATH."""
from __future__ import annotations

import textwrap
from pathlib import Path

IMPORTS = '''
import os

from cgolint.rule import Edit, Fix, Level, Rule
from cgolint.source import text
'''

# A fixable, security-tagged rule: `&s[0]` fixed to `unsafe.SliceData(s)`.
FIRST_ELEMENT_ADDRESS = '''

class FirstElementAddress(Rule):
    """`&s[0]` of a slice (test plugin).

    ## What it does
    Reports `&s[0]` and offers `unsafe.SliceData(s)`.

    ## Why is this bad?
    `&s[0]` panics when `s` is empty.

    ## Example
    ```go
    p := &s[0]
    ```

    ## Use instead
    ```go
    p := unsafe.SliceData(s)
    ```

    ## Fix safety
    Safe.

    ## References
    - the unsafe package
    """

    code = "TST001"
    name = "first-element-address"
    level = Level.ERROR
    security_severity = 7.5
    tags = ("security", "cgo")
    fixable = True
    node_kinds = ("unary_expression",)

    def check(self, node, ctx):
        operand = node.child_by_field_name("operand")
        if text(node.child_by_field_name("operator")) != "&" or operand is None or operand.type != "index_expression":
            return
        base, index = operand.child_by_field_name("operand"), operand.child_by_field_name("index")
        if base is None or index is None or base.type != "identifier" or text(index) != "0":
            return
        name = text(base)
        yield self.report(node, f"`&{name}[0]` panics when `{name}` is empty; use unsafe.SliceData({name})",
                          fix=Fix(f"Use unsafe.SliceData({name})",
                                  (Edit(node.start_byte, node.end_byte, f"unsafe.SliceData({name})"),)))
'''

# Shows which files the analysis saw: each use of a package type, with the
# file that declares it.
DECLARED_IN = '''

class DeclaredIn(Rule):
    """Where a package type is declared (test plugin: shows the context files).

    ## What it does
    Reports each use of a package type with the file that declares it.

    ## Why is this bad?
    It is not.

    ## Example
    ```go
    var h Header
    ```

    ## Use instead
    ```go
    var h Header
    ```

    ## Fix safety
    No fix.

    ## References
    - none
    """

    code = "TST002"
    name = "declared-in"
    level = Level.NOTE
    fixable = False
    node_kinds = ("type_identifier",)

    def check(self, node, ctx):
        if node.parent is not None and node.parent.type == "type_spec":
            return
        symbol = ctx.package.declaration(text(node))
        if symbol is not None and symbol.kind == "type":
            yield self.report(node, f"type {text(node)} is declared in {os.path.basename(symbol.file.path)}")
'''


def write_plugin(directory: Path, module: str, source: str, entries: dict[str, str]) -> Path:
    """Write `module` (its source) and its dist-info with the entry points
    `{code: class name}` into `directory`, and return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{module}.py").write_text(textwrap.dedent(source))
    info = directory / f"{module}-0.0.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.0.0\n")
    lines = ["[cgolint.rules]"] + [f"{code} = {module}:{cls}" for code, cls in entries.items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n")
    return directory
