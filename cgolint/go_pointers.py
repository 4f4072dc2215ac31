"""What memory a pointer-valued expression points to (`go_pointer`,
`GoPointer`), seen through conversions and single-assignment variables, and
whether a Go type holds Go pointers. CGL004 asks this of C call arguments,
CGL010 of what an exported function returns, and `pointer_stores` of stored
values. It stands apart because it reads only an expression and the
package's types and memory origins, not where the value goes.

Every fact is computed from source and stays None/empty when source does
not tell; the rules that read these facts then stay silent."""
from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from .buffers import is_c_conversion
from .call_targets import call_arguments
from .gotypes import GoType
from .memory_origins import C_MEMORY, GO_MEMORY
from .model import PackageModel
from .scopes import Symbol
from .source import SourceFile, strip_parens, text, walk


@dataclass(frozen=True)
class GoPointer:
    """What a pointer-valued expression points to.

    `expr` is the expression after conversions and single-assignment
    variables are seen through; `memory` the type of the memory a C callee can
    reach through it (the whole backing array for `&s[i]`), None if unknown;
    `origin` GO_MEMORY, C_MEMORY or None; `what` describes the memory for
    messages; `root` the Go variable the memory belongs to, if any."""

    expr: Node
    memory: GoType | None
    origin: str | None
    what: str
    root: Symbol | None = None
    is_go: bool = False  # Go memory as far as source tells (known, or a pointer to a Go type)
    elements: bool = False  # memory is the elements of an array or slice (`&s[i]`, `unsafe.SliceData(s)`)


def unwrap_pointer(expr: Node, package: PackageModel, source: SourceFile, depth: int = 0,
                   follow_variables: bool = True) -> Node:
    """See through parentheses, conversions to pointer types
    (`unsafe.Pointer(x)`, `(*C.char)(x)`, `(*T)(x)`) and local variables
    assigned once from such an expression."""
    return _unwrap_pointer(expr, package, source, depth, follow_variables)[0]


def _unwrap_pointer(expr: Node, package: PackageModel, source: SourceFile, depth: int,
                    follow_variables: bool) -> tuple[Node, Node | None]:
    """unwrap_pointer's answer, and the first variable it saw through (None if none)."""
    variable = None
    while depth < 16:
        depth += 1
        expr = strip_parens(expr)
        inner = None
        if expr.type == "call_expression":
            target = package.call_target(expr, source)
            if (target.kind == "unsafe" and target.name == "Pointer") or \
                    (target.kind == "conversion" and _is_pointer_type(package.type_of(expr, source))) or \
                    (target.kind == "c" and c_pointer_conversion(expr, target.name, package, source)):
                args = call_arguments(expr)
                if len(args) == 1:
                    inner = args[0]
        elif expr.type == "type_conversion_expression":
            if _is_pointer_type(package.type_of(expr, source)):
                inner = expr.child_by_field_name("operand")
        elif expr.type == "identifier" and follow_variables:
            symbol = package.resolve(expr, source)
            if symbol is not None and symbol.kind == "local" and symbol.value is not None and not symbol.index \
                    and not symbol.writes and symbol.file is source:
                value = strip_parens(symbol.value)
                if value.type in ("call_expression", "type_conversion_expression") or (
                        value.type == "unary_expression" and text(value.child_by_field_name("operator")) == "&"):
                    inner = value
                    if variable is None:
                        variable = expr
        if inner is None:
            return expr, variable
        expr = inner
    return expr, variable


def c_pointer_conversion(call: Node, name: str, package: PackageModel, source: SourceFile) -> bool:
    """`C.gpointer(p)`: a conversion to a C typedef of a pointer type."""
    return package.preamble.names_pointer_type(name) and is_c_conversion(call, package, source)


def go_pointer(expr: Node, package: PackageModel, source: SourceFile) -> GoPointer | None:
    """Describe the memory a pointer-valued expression (a C call argument, a
    value stored somewhere) points into; None for non-pointers and nil."""
    inner, variable = _unwrap_pointer(expr, package, source, 0, True)
    if inner.type == "nil" or (inner.type == "identifier" and text(inner) == "nil"):
        return None
    found = _go_pointer(inner, package, source)
    if found is None:
        return None
    seen_through = variable is not None or inner is not expr  # a variable, a conversion or parentheses
    shown = variable if variable is not None else inner
    if seen_through and shown.type == "identifier":
        # name the variable the code passes, not the expression it was set from
        shown_type = package.type_of(shown, source)
        what = f"`{text(shown)}` ({shown_type})" if shown_type is not None else f"`{text(shown)}`"
        if found.elements:
            what = f"`{text(shown)}`, which points into {found.what}"
        root = found.root or package.resolve(shown, source)
        found = GoPointer(found.expr, found.memory, found.origin, what, root, found.is_go, found.elements)
    return found


def _go_pointer(inner: Node, package: PackageModel, source: SourceFile) -> GoPointer | None:
    kind = inner.type
    if kind == "unary_expression" and text(inner.child_by_field_name("operator")) == "&":
        origin = package.origin_of(inner, source)
        operand = strip_parens(inner.child_by_field_name("operand"))
        root = root_symbol(operand, package, source)
        if operand.type == "index_expression":
            container_node = operand.child_by_field_name("operand")
            container = package.underlying(package.type_of(container_node, source))
            if container is not None and container.kind == "pointer":
                container = package.underlying(container.elem)
            if container is None or container.kind not in ("slice", "array"):
                return GoPointer(inner, None, origin, text(inner), root)
            name = text(container_node)
            what = f"the backing array of `{name}` ({_type_name(package, container_node, source)})" \
                if container.kind == "slice" else f"the array `{name}` ({_type_name(package, container_node, source)})"
            memory = container.elem
            # a slice parameter of a type the package only lays over C memory
            # (`unsafe.Slice((*Anim)(unsafe.Pointer(ret)), n)`, raylib-go) may well be C memory
            mirrored = root is not None and root.kind == "param" and memory is not None \
                and memory.kind == "named" and memory.name in c_mirror_types(package) \
                and not _slices_made_in_go(memory.name, package)
            return GoPointer(inner, memory, origin, what, root, _is_go(origin, memory, package) and not mirrored, True)
        memory = package.type_of(operand, source)
        what = f"`{text(operand)}` ({memory})" if memory is not None else f"`{text(operand)}`"
        return GoPointer(inner, memory, origin, what, root, _is_go(origin, memory, package))
    if kind == "call_expression":
        target = package.call_target(inner, source)
        args = call_arguments(inner) if target.kind == "unsafe" and target.name == "SliceData" else None
        if args:
            origin = package.origin_of(inner, source)
            sliced = package.underlying(package.type_of(args[0], source))
            memory = sliced.elem if sliced is not None and sliced.kind == "slice" else None
            return GoPointer(inner, memory, origin, f"the backing array of `{text(args[0])}` ({_type_name(package, args[0], source)})",
                             root_symbol(args[0], package, source), _is_go(origin, memory, package), True)
    t = package.type_of(inner, source)
    resolved = package.underlying(t)
    if resolved is None or resolved.kind not in ("pointer", "unsafe_pointer"):
        return None  # not a pointer: where it would point is not asked
    origin = package.origin_of(inner, source)
    if resolved.kind == "unsafe_pointer":
        return GoPointer(inner, None, origin, f"`{text(inner)}`", root_symbol(inner, package, source),
                         origin == GO_MEMORY)
    memory = resolved.elem
    return GoPointer(inner, memory, origin, f"`{text(inner)}` ({t})", root_symbol(inner, package, source),
                     _is_go(origin, memory, package))


def _is_go(origin: str | None, memory: GoType | None, package: PackageModel) -> bool:
    """Go memory: known to be, or of unknown origin but typed as a Go (not C)
    type that the package does not lay over C memory itself."""
    if origin == GO_MEMORY:
        return True
    if origin == C_MEMORY or memory is None:
        return False
    resolved = package.underlying(memory)
    if resolved is None:
        return False  # a named type this package does not declare: could be a C type
    if memory.kind == "named" and memory.name in c_mirror_types(package):
        return False
    return resolved.kind not in ("c", "unsafe_pointer")


_MIRROR_CAST = re.compile(rb"\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(\s*unsafe\.Pointer\s*\(")


def c_mirror_types(package: PackageModel) -> frozenset[str]:
    """The package's types it lays over C memory: `(*PixelFormat)(unsafe.Pointer(
    C.SDL_AllocFormat(f)))`, a Go copy of a C struct (go-sdl2). A pointer to
    one, of unknown origin, may well point to C memory."""
    memo = package.memo("c mirror types")
    if "names" not in memo:
        names = set()
        for source in package.files:
            if not source.uses_cgo:
                continue
            for match in _MIRROR_CAST.finditer(source.data):
                name = match.group(1).decode()
                if name in names or _made_in_go(name, package):
                    continue
                node = source.root.descendant_for_byte_range(match.end() - 1, match.end())
                while node is not None and not (node.type == "call_expression" and node.child_count
                                                and node.children[-1].start_byte == match.end() - 1):
                    node = node.parent  # the unsafe.Pointer(...) call whose "(" the match ends at
                args = call_arguments(node) if node is not None else []
                if len(args) == 1 and c_memory_value(args[0], package, source):
                    names.add(name)
        memo["names"] = frozenset(names)
    return memo["names"]


def _slices_made_in_go(name: str, package: PackageModel) -> bool:
    """Whether the package spells a slice or array of T anywhere but in a
    function's parameters and results or a pointer-to-array conversion
    (`(*[1 << 20]T)(p)`): `make([]T, n)`, `var ts []T` (then appended to),
    `[2]T`, `type Ts []T`. Then a `[]T` parameter may hold Go memory."""
    memo = package.memo("slices made in go")
    if name not in memo:
        memo[name] = _spells_slices(name, package)
    return memo[name]


def _spells_slices(name: str, package: PackageModel) -> bool:
    word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
    for source in package.files:
        if not word.search(source.data):
            continue
        for node in walk(source.root):
            if node.type == "variadic_parameter_declaration" and text(node.child_by_field_name("type")) == name:
                return True  # `f(anims ...Anim)`: each call makes a []Anim
            if node.type not in ("slice_type", "array_type") or text(node.child_by_field_name("element")) != name:
                continue
            parent = node.parent
            if node.type == "array_type" and parent is not None and parent.type == "pointer_type":
                continue  # `(*[n]T)(p)`: a view, not an array made
            while parent is not None and parent.type not in _SIGNATURE_OR_BODY:
                parent = parent.parent
            if parent is None or parent.type in ("block", "source_file"):
                return True
    return False


# Where a type node stops being part of a function's signature.
_SIGNATURE_OR_BODY = frozenset({"parameter_list", "function_declaration", "method_declaration", "func_literal",
                                "function_type", "method_elem", "method_spec", "type_parameter_list",
                                "block", "source_file"})


def _made_in_go(name: str, package: PackageModel) -> bool:
    """Whether the package also makes a T of its own: `T{...}`, `&T{...}` or `new(T)`."""
    # (gofmt writes a literal `T{` with no blank: `) T {` is a function returning a T)
    made = re.compile(rb"(?<![\w.*])" + re.escape(name.encode()) + rb"\{|\bnew\(\s*" + re.escape(name.encode()) + rb"\s*\)")
    return any(made.search(source.data) for source in package.files)


def c_memory_value(expr: Node, package: PackageModel, source: SourceFile) -> bool:
    """A C pointer: C memory by origin, what a C function returns (from a
    header out of sight too), or typed as a pointer to a C type."""
    if package.origin_of(expr, source) == C_MEMORY:
        return True
    inner = strip_parens(expr)
    if inner is not None and inner.type == "call_expression":
        target = package.call_target(inner, source)
        # (cgo's C.GoString, C.GoStringN and C.GoBytes copy into Go memory)
        if target.kind == "c" and not target.name.startswith("Go") and not package.preamble.names_type(target.name):
            return True
    t = package.underlying(package.type_of(expr, source))
    return t is not None and t.kind == "pointer" and t.elem is not None and t.elem.kind == "c"


def holds_go_pointers(package: PackageModel, t: GoType | None, depth: int = 0) -> bool | None:
    """Whether a value of type t holds Go pointers: True, False, or None when
    only its contents can tell (a `*C.T` or `unsafe.Pointer` slot usually
    holds a C pointer or nil, e.g. an out-parameter or an argv array)."""
    if depth > 16:
        return None
    resolved = package.underlying(t)
    if resolved is None:
        return None
    kind = resolved.kind
    if kind in ("slice", "string", "map", "chan", "func", "interface"):
        return True
    if kind in ("basic", "c"):
        return False
    if kind == "unsafe_pointer":
        return None
    if kind == "pointer":
        pointee = package.underlying(resolved.elem)
        if pointee is None or pointee.kind in ("c", "unsafe_pointer"):
            return None
        return True
    if kind == "array":
        return holds_go_pointers(package, resolved.elem, depth + 1)
    if kind == "struct":
        verdicts = [holds_go_pointers(package, f, depth + 1) for _, f in resolved.fields]
        if any(v is True for v in verdicts):
            return True
        return None if any(v is None for v in verdicts) else False
    return None


def pointer_holder(package: PackageModel, t: GoType | None, depth: int = 0) -> str:
    """A short account of where a type holds Go pointers, for messages:
    "field `next` (*node)", "[]string elements", ..."""
    resolved = package.underlying(t)
    if resolved is None or depth > 4:
        return ""
    if resolved.kind == "struct":
        for name, field_type in resolved.fields:
            if holds_go_pointers(package, field_type):
                inner = package.underlying(field_type)
                if inner is not None and inner.kind in ("struct", "array"):
                    nested = pointer_holder(package, field_type, depth + 1)
                    return f"field `{name}`" + (f", {nested}" if nested else "")
                return f"field `{name}` ({field_type})"
        return ""
    if resolved.kind == "array":
        return pointer_holder(package, resolved.elem, depth + 1) or f"{resolved.elem} elements"
    return ""


def go_object_pointer(pointer: GoPointer, package: PackageModel, source: SourceFile) -> bool:
    """A variable of type `*T` (T a Go type of this package) whose origin
    source does not show, where T itself holds Go pointers (a func, string,
    slice, map, chan, interface or Go pointer field): C memory may not hold Go
    pointers, so such an object lives in Go memory (`cbs *Callbacks` passed
    as a callback payload)."""
    expr = pointer.expr
    if pointer.origin is not None or pointer.elements or expr.type != "identifier":
        return False
    symbol = package.resolve(expr, source)
    if symbol is None or symbol.kind not in ("param", "receiver", "local"):
        return False
    t = package.type_of(expr, source)
    if t is None or t.kind != "pointer" or t.elem is None or t.elem.kind != "named":
        return False
    pointee = package.underlying(t.elem)
    return pointee is not None and pointee.kind == "struct" and holds_go_pointers(package, t.elem) is True


def _is_pointer_type(t: GoType | None) -> bool:
    return t is not None and t.kind in ("pointer", "unsafe_pointer")


def root_symbol(expr: Node, package: PackageModel, source: SourceFile) -> Symbol | None:
    """The variable under selectors, indexes, slices and `&`/`*` of `expr` (`p` of `p.names[0]`)."""
    node = strip_parens(expr)
    for _ in range(32):
        if node.type in ("index_expression", "slice_expression", "selector_expression"):
            node = strip_parens(node.child_by_field_name("operand"))
        elif node.type == "unary_expression":
            node = strip_parens(node.child_by_field_name("operand"))
        else:
            break
    return package.resolve(node, source) if node.type == "identifier" else None


def _type_name(package: PackageModel, node: Node, source: SourceFile) -> str:
    t = package.type_of(node, source)
    return str(t) if t is not None else "?"


__all__ = ["GoPointer", "go_object_pointer", "go_pointer", "holds_go_pointers", "pointer_holder", "unwrap_pointer"]


def in_global_storage(pointer: GoPointer, package: PackageModel, source: SourceFile) -> bool:
    """`&table[i]`, `&config`: a pointer into a package-level array or struct
    itself, which the linker allocates. It never moves and never dies, and
    the runtime counts it as pinned (runtime.isPinned). Not `&buf[0]` of a
    package-level slice, whose backing array is on the heap."""
    expr = strip_parens(pointer.expr)
    if expr is None or expr.type != "unary_expression" or text(expr.child_by_field_name("operator")) != "&":
        return False
    target = strip_parens(expr.child_by_field_name("operand"))
    while target is not None and target.type in ("index_expression", "selector_expression"):
        operand = strip_parens(target.child_by_field_name("operand"))
        holder = package.underlying(package.type_of(operand, source)) if operand is not None else None
        if holder is None or holder.kind not in ("array", "struct"):
            return False  # through a slice, a pointer or a map: heap memory
        target = operand
    if target is None or target.type != "identifier":
        return False
    symbol = package.resolve(target, source)
    return symbol is not None and symbol.kind == "package_var"
