from __future__ import annotations

from tree_sitter import Node

from cgolint.go_pointers import go_pointer, unwrap_pointer
from cgolint.gotypes import GoType, parse_type
from cgolint.memory_origins import C_MEMORY, GO_MEMORY
from cgolint.pinning import pinned_for_good_before, pinned_package_variables
from cgolint.rule import IMPORT_C, Level, Rule
from cgolint.scopes import returns_of
from cgolint.source import assignments, exported_name, literal_values, strip_parens, text, walk

# What each kind of result hands C, and what to return instead.
_KINDS = {
    "string": ("a Go string, whose bytes are Go memory",
               "return a C string from C.CString (the C caller frees it), or copy into a buffer C provides"),
    "slice": ("a Go slice, whose backing array is Go memory",
              "copy the data into C memory (C.CBytes or C.malloc) and return that pointer and the length"),
    "map": ("a Go map, itself a Go pointer",
            "return a runtime/cgo.Handle (as C.uintptr_t) that C passes back for Go to look up"),
    "chan": ("a Go channel, itself a Go pointer",
             "return a runtime/cgo.Handle (as C.uintptr_t) that C passes back for Go to look up"),
    "func": ("a Go func value, itself a Go pointer",
             "return a runtime/cgo.Handle (as C.uintptr_t) that C passes back for Go to look up"),
    "interface": ("a Go interface value, which holds a Go pointer",
                  "return a runtime/cgo.Handle (as C.uintptr_t) that C passes back for Go to look up, or an "
                  "error code or C string"),
    "pointer": ("a pointer to Go memory",
                "return C memory (C.malloc) filled from Go, or a runtime/cgo.Handle (as C.uintptr_t) that C passes "
                "back for Go to look up"),
}


class ExportReturnsGoPointer(Rule):
    """An `//export`ed Go function that returns a Go pointer to its C caller.

    ## What it does
    Reports functions marked `//export` (in the comment directly above the
    `func`) whose result is a Go pointer: a pointer to a Go type, a string,
    slice, map, chan, func or interface, and `unsafe.Pointer` or `*C.T`
    results when the returned value is Go memory (`new(C.int)`,
    `unsafe.Pointer(&x)`, the bytes of a string from `fmt.Sprintf`), and C
    structs returned by value whose pointer field holds such a value (a
    literal `C.struct_err{msg: p}`, or a local whose fields the function
    sets). It stays silent for C types, C pointers to C
    memory, integers (including `runtime/cgo.Handle`), results of unknown
    origin, functions whose every return is `nil`, a string literal or
    C memory, and pointers to memory pinned for good by a package-level
    `runtime.Pinner` that the pinning function does not unpin (pinned in
    the function before it returns, or a package-level buffer pinned once
    and never reassigned elsewhere).

    ## Why is this bad?
    A Go function called by C may not return a Go pointer: C holds the
    result after the call, where the garbage collector cannot see it, so the
    memory may be moved or freed while C uses it. With the default
    `cgocheck=1` the runtime checks the result and panics when C calls the
    function ("cgo result has Go pointer"; recent releases say "result of Go
    function f called from cgo is unpinned Go string or points to unpinned
    Go string"). Only a pointer to memory pinned with a `runtime.Pinner`
    may be returned, and C must stop using it before it is unpinned. A Go
    string or slice can never be returned: there is no way to pin what C
    keeps. Go struct types are not exportable at all (cgo
    rejects them), so they are not reported here.

    ## Example
    ```go
    //export greeting
    func greeting() string {
        return fmt.Sprintf("hello, %s", user)
    }
    ```

    ## Use instead
    ```go
    //export greeting
    func greeting() *C.char {
        return C.CString(fmt.Sprintf("hello, %s", user)) // the C caller frees it
    }
    ```

    ## Fix safety
    No fix is offered: the C caller must change too (who frees the result).

    ## References
    - [cmd/cgo: Passing pointers](https://pkg.go.dev/cmd/cgo#hdr-Passing_pointers)
    - [cmd/cgo: C references to Go](https://pkg.go.dev/cmd/cgo#hdr-C_references_to_Go)
    - [runtime/cgo.Handle](https://pkg.go.dev/runtime/cgo#Handle)
    """

    code = "CGL010"
    name = "export-returns-go-pointer"
    markers = (b"//export",)
    level = Level.ERROR
    precision = "high"
    security_severity = 7.5
    tags = ("security", "cgo", "memory-safety")
    node_kinds = ("function_declaration",)

    @classmethod
    def wants(cls, data):
        return b"//export" in data and IMPORT_C.found_in(data)  # cgo exports only from a file importing "C"

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo and b"//export" in source.data

    def check(self, node, ctx):
        name = text(node.child_by_field_name("name"))
        if not name or not ctx.file.uses_cgo or exported_name(node) != name:
            return  # cgo reads //export only in files that import "C"
        result = node.child_by_field_name("result")
        if result is None:
            return
        entries: list[tuple[Node, Node | None]] = []  # (type node, named result identifier)
        if result.type == "parameter_list":
            for decl in result.named_children:
                type_node = decl.child_by_field_name("type")
                names = decl.children_by_field_name("name")
                for ident in names or [None]:
                    entries.append((type_node, ident))
        else:
            entries.append((result, None))
        returns = returns_of(node)
        for index, (type_node, ident) in enumerate(entries):
            if type_node is None:
                continue
            yield from self._result(name, index, len(entries), type_node, ident, returns, ctx)

    def _result(self, name, index, total, type_node, ident, returns, ctx):
        package = ctx.package
        declared = parse_type(type_node, ctx.file.imports)
        resolved = package.underlying(declared)
        if resolved is None:
            return
        kind = resolved.kind
        values = self._values(returns, index, total, ident, ctx)
        if kind == "unsafe_pointer" or (kind == "pointer" and _c_pointee(package, resolved)):
            for value in values or ():
                pointer = go_pointer(value, package, ctx.file)
                if pointer is not None and pointer.origin == GO_MEMORY and not _pinned(pointer, value, ctx):
                    yield self.report(
                        value, f"exported function `{name}` returns {pointer.what} to C as {declared}, but it is "
                               f"Go memory: C keeps the result after the call, where the garbage collector cannot "
                               f"see it (the runtime panics: \"cgo result has Go pointer\"; recent releases: \"result "
                               f"of Go function {name} called from cgo is unpinned Go ...\"); {_KINDS['pointer'][1]}")
                    return
            return
        if kind == "c" and values:  # a C struct by value: its pointer fields go to C with it
            for value in values:
                for field, stored in _stored_fields(value, ctx):
                    pointer = go_pointer(stored, package, ctx.file)
                    if pointer is not None and pointer.origin == GO_MEMORY and not _pinned(pointer, stored, ctx):
                        label = f"field {field[1:]}" if field.startswith("#") else f"field `{field}`"
                        yield self.report(
                            stored, f"exported function `{name}` returns a {declared} whose {label} holds "
                                    f"{pointer.what}, Go memory: C keeps the result after the call, where the garbage "
                                    f"collector cannot see it (the runtime panics: \"cgo result has Go pointer\"; "
                                    f"recent releases: \"result of Go function ... called from cgo is unpinned Go "
                                    f"pointer\"); {_KINDS['pointer'][1]}")
                        return
            return
        if kind == "pointer":
            pointee = package.underlying(resolved.elem)
            if pointee is None or pointee.kind in ("struct", "array"):
                return  # unknown, or a type cgo refuses to export
        elif kind not in _KINDS:
            return  # integers, floats, C types, structs and arrays (cgo refuses those)
        if values is not None and all(_harmless(v, ctx) for v in values):
            return
        what, instead = _KINDS[kind]
        runtime = (f"the runtime panics when C calls `{name}`: \"cgo result has Go pointer\"; recent releases: "
                   f"\"result of Go function {name} called from cgo is unpinned Go ...\"") if kind != "interface" \
            else ("the runtime panics when it holds a pointer; a boxed value (`int(v)`) passes its check, but "
                  "its data word still points into the Go heap")
        yield self.report(
            type_node, f"exported function `{name}` returns `{text(type_node)}`, {what}: C keeps the result after "
                       f"the call, where the garbage collector cannot see it, so a Go pointer may never be "
                       f"returned to C ({runtime}); {instead}")

    @staticmethod
    def _values(returns: list[Node], index: int, total: int, ident: Node | None, ctx) -> list[Node] | None:
        """The expressions returned at position `index`; None when some are unknown."""
        values: list[Node] = []
        for statement in returns:
            listed = statement.named_children[0] if statement.named_children else None
            if listed is None:
                if ident is None:
                    return None
                symbol = ctx.resolve(ident)
                if symbol is None or any(value is None for _, value in symbol.writes):
                    return None
                values.extend(value for _, value in symbol.writes)
                continue
            items = listed.named_children if listed.type == "expression_list" else [listed]
            if len(items) != total:
                return None  # `return f()` with several results
            values.append(items[index])
        return values if returns else None


def _stored_fields(value: Node, ctx) -> list[tuple[str, Node]]:
    """(field, value) of what a returned C struct holds: the elements of a
    literal (`C.struct_err{msg: p}`), or of a local variable, for each field
    the last value the text gives it before the return (its initializer's,
    or a `v.f = x` of its function; branches are not told apart, so a value
    overwritten on one branch only is not seen)."""
    value = strip_parens(value)
    if value is not None and value.type == "composite_literal":
        return [(text(element.child_by_field_name("key")) if element.type == "keyed_element" else f"#{position + 1}",
                 item) for position, (element, item) in enumerate(literal_values(value))]
    symbol = ctx.resolve(value) if value is not None and value.type == "identifier" else None
    if symbol is None or symbol.kind != "local" or symbol.scope is None:
        return []
    last = dict(_stored_fields(symbol.value, ctx)) if symbol.value is not None else {}
    for statement in walk(symbol.scope):
        if statement.start_byte >= value.start_byte:
            break
        for target, assigned in assignments(statement) if statement.type == "assignment_statement" else ():
            target = strip_parens(target)
            operand = strip_parens(target.child_by_field_name("operand")) \
                if target.type == "selector_expression" else None
            if operand is not None and operand.type == "identifier" and ctx.resolve(operand) is symbol:
                last[text(target.child_by_field_name("field"))] = assigned
    return list(last.items())


def _pinned(pointer, value: Node, ctx) -> bool:
    """Pinned by a `runtime.Pinner` that stays pinned after the return
    (returning a pointer to pinned Go memory is legal): the function pins the
    pointer's variable first with a package-level Pinner it does not unpin,
    or the variable is a package-level one that the package pins for good."""
    root = pointer.root
    if root is None:
        return False
    return pinned_for_good_before(ctx.package, ctx.file, value, root) or \
        root.kind == "package_var" and id(root) in pinned_package_variables(ctx.package)


def _c_pointee(package, pointer: GoType) -> bool:
    """A pointer to a C type (also through a Go type name for one), or to
    pointers to one (`**C.char`, an array of C strings C.malloc made):
    what it points to is told by its value, not its type."""
    elem = package.underlying(pointer.elem) if pointer.elem is not None else None
    for _ in range(4):
        if elem is None or elem.kind != "pointer":
            break
        elem = package.underlying(elem.elem) if elem.elem is not None else None
    return elem is not None and elem.kind in ("c", "unsafe_pointer")


def _harmless(value: Node, ctx) -> bool:
    """nil, a string literal, or C memory: not a pointer into the Go heap."""
    value = unwrap_pointer(value, ctx.package, ctx.file, follow_variables=False)
    if value.type in ("nil", "interpreted_string_literal", "raw_string_literal") or text(value) == "nil":
        return True
    if value.type == "identifier":
        symbol = ctx.resolve(value)
        if symbol is not None and symbol.kind == "param" and not symbol.writes:
            return True  # what the C caller passed in: handed back, not Go memory made here
    return ctx.origin_of(value) == C_MEMORY
