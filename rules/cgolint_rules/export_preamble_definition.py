from __future__ import annotations

from cgolint.rule import IMPORT_C, Level, Related, Report, Rule
from cgolint.source import exported_name


class ExportPreambleDefinition(Rule):
    """A C function or variable defined in the preamble of a file that uses `//export`.

    ## What it does
    Reports each function and variable that the preamble of a file with an
    `//export` directive defines with external linkage: a function with a
    body that is not `static` (nor `inline`, nor weak), and a file-scope
    variable that is not `static` or a bare `extern` declaration (`int n;`
    and `int n = 1;` both define `n`).

    It stays silent where it cannot be sure: a definition made static or
    weak by an earlier declaration (or `#pragma weak`) is not reported, nor
    one under `#if 0`, nor one with a qualifier macro before its type that
    could hide a storage class (`INLINE int f(...)` where INLINE is not
    defined in the preamble, or is defined with static, inline or weak),
    nor a function-pointer variable, nor definitions in headers the
    preamble includes (the rule reads the preamble's own text). A
    platform's `#ifdef` branch is judged: it fails to link where it is
    compiled.

    The finding points into the C of the preamble; a C line comment there
    suppresses it, trailing or alone on the line above:
    `int calls; // cgolint:ignore CGL011 reason` in a `/* */` preamble,
    `// int calls; // cgolint:ignore CGL011 reason` in one of `//` lines
    (a Go `//cgolint:ignore` line there would be C text to cgo).

    ## Why is this bad?
    cgo compiles the preamble of a file that uses `//export` into two C
    files: the file's own and `_cgo_export.c`, which carries the exported
    functions' C wrappers. Each then holds a symbol of every name the
    preamble defines, and the link fails with `multiple definition of`
    pointing into `_cgo_export.c`, a file the user never wrote. The cgo
    documentation says it: such a preamble "must not contain any
    definitions, only declarations". Since GCC 10 a tentative definition
    (`int n;`) fails the same way.

    ## Example
    ```go
    /*
    int calls;
    int next_id(void) { return ++calls; }
    */
    import "C"

    //export GoCallback
    func GoCallback() C.int { return C.next_id() }
    ```

    ## Use instead
    Declare here and define elsewhere (in a `.c` file of the package, or in
    the preamble of a file without `//export`); a small helper may also be
    `static inline`:
    ```go
    /*
    extern int calls;
    int next_id(void);
    static inline int twice(int x) { return 2 * x; }
    */
    import "C"

    //export GoCallback
    func GoCallback() C.int { return C.next_id() }
    ```

    ## Fix safety
    No fix is offered: making a variable `static` would give each of the two
    C files a variable of its own, and a definition's new home is the
    author's choice.

    ## References
    - cmd/cgo documentation, "C references to Go": https://pkg.go.dev/cmd/cgo#hdr-C_references_to_Go
    """

    code = "CGL011"
    name = "export-preamble-definition"
    markers = (b"//export",)
    level = Level.ERROR
    precision = "high"
    security_severity = 0.0
    tags = ("correctness", "cgo")

    @classmethod
    def wants(cls, data):
        return b"//export" in data and IMPORT_C.found_in(data)  # cgo reads //export only in files importing "C"

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo and b"//export" in source.data

    def check_package(self, ctx):
        source = ctx.file
        exported = next((node for node in source.root.named_children
                         if node.type == "function_declaration" and exported_name(node)), None)
        if exported is None:
            return
        name_node = exported.child_by_field_name("name")
        related = (Related(source.path, source.position(name_node.start_byte), source.position(name_node.end_byte),
                           f"`//export {exported_name(exported)}`: cgo compiles this file's preamble twice"),)
        for definition in ctx.package.preamble.definitions:
            if definition.path != source.path:
                continue
            if definition.kind == "function":
                instead = ("declare it here (a prototype) and define it in a .c file of the package or in the "
                           "preamble of a file without //export, or make it `static inline`")
            else:
                instead = (f"declare it here (`extern ... {definition.name};`) and define it in a .c file of the "
                           f"package or in the preamble of a file without //export (a static variable would "
                           f"be two variables, one in each C file)")
            yield Report(self, definition.start, definition.end,
                         f"`{definition.name}` is defined in the preamble of a file that uses //export: cgo "
                         f"compiles that preamble into two C files (the file's own and _cgo_export.c), so the "
                         f"link fails with \"multiple definition of `{definition.name}`\"; {instead}",
                         related=related)
