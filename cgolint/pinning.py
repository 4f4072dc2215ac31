"""Shared facts about Go memory that C sees: which objects a function pins
with a `runtime.Pinner` and where it unpins them, `runtime/cgo.Handle`
values, Go pointers found in an argument expression, and Go pointers stored
into C memory (or into C-typed structs that live in Go memory).

Every fact is computed from source and stays None/empty when source does
not tell; the rules that read these facts then stay silent."""
from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from .gotypes import GoType, parse_type
from .model import C_MEMORY, GO_MEMORY, PackageModel, call_arguments
from .scopes import FUNCTION_KINDS, Symbol, outermost_function
from .source import SourceFile, strip_parens, text, walk

PINNER_NAME = "runtime.Pinner"
HANDLE_NAME = "cgo.Handle"
# Kinds of Go values that are, or hold, a Go pointer.
POINTER_KINDS = frozenset({"pointer", "unsafe_pointer", "slice", "string", "map", "chan", "func", "interface"})


# --- runtime.Pinner ----------------------------------------------------------
@dataclass
class PinnerUse:
    """One function-local `runtime.Pinner` (`var p runtime.Pinner`,
    `p := new(runtime.Pinner)`, `p := &runtime.Pinner{}`) and its calls."""

    symbol: Symbol
    pins: list[Node] = field(default_factory=list)            # p.Pin(x) calls
    unpins: list[Node] = field(default_factory=list)          # p.Unpin() run in place
    deferred_unpins: list[Node] = field(default_factory=list)  # defer p.Unpin(), defer func(){ p.Unpin() }()
    escapes: bool = False  # used otherwise: passed, returned, stored, captured by a closure run later

    @property
    def name(self) -> str:
        return self.symbol.name


@dataclass
class FunctionPins:
    """Pinning facts of one top-level function (its closures included)."""

    function: Node
    pinners: list[PinnerUse]
    pin_calls: list[Node]  # every `x.Pin(arg)` on a Pinner, or on something whose type is unknown

    def pinned_before(self, node: Node) -> bool:
        """Whether something is pinned before `node` in this function. Which
        object is pinned is not compared: pinning the pointee of a field is
        as legal as pinning the object, and guessing wrong costs a false report."""
        return any(call.start_byte < node.start_byte for call in self.pin_calls)

    def deferred_unpin(self) -> PinnerUse | None:
        """A pinner of this function unpinned by `defer`, if any."""
        return next((p for p in self.pinners if p.deferred_unpins and not p.escapes), None)


def is_pinner_type(t: GoType | None) -> bool:
    if t is not None and t.kind == "pointer":
        t = t.elem
    return t is not None and t.kind == "struct" and t.name == PINNER_NAME


def function_pins(package: PackageModel, source: SourceFile, node: Node) -> FunctionPins | None:
    """Pinning facts of the top-level function containing `node` (cached per package)."""
    function = outermost_function(node, source.root)
    if function is None:
        return None
    cache = package.memo("pins")
    key = (source.path, function.start_byte)
    if key not in cache:
        cache[key] = _collect_pins(package, source, function)
    return cache[key]


def _collect_pins(package: PackageModel, source: SourceFile, function: Node) -> FunctionPins:
    if b".Pin(" not in source.data[function.start_byte:function.end_byte]:
        return FunctionPins(function, [], [])  # nothing pinned: skip resolving every identifier
    pinners: dict[int, PinnerUse] = {}
    pin_calls: list[Node] = []
    uses: list[tuple[Node, Symbol]] = []
    identifiers: list[Node] = []
    named: set[bytes] = set()  # the variables that Pin or Unpin is called on: the only possible pinners
    for node in walk(function):
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            field = callee.child_by_field_name("field") if callee is not None and callee.type == "selector_expression" else None
            if field is None or field.text not in (b"Pin", b"Unpin"):
                continue
            operand = callee.child_by_field_name("operand")
            base = operand
            while base is not None and base.type in ("parenthesized_expression", "unary_expression"):
                base = base.named_children[-1] if base.named_children else None
            if base is not None and base.type == "identifier":
                named.add(base.text)
            if field.text == b"Pin" and len(call_arguments(node)) == 1:
                operand_type = package.type_of(operand, source)
                if operand_type is None or is_pinner_type(package.underlying(operand_type) or operand_type):
                    pin_calls.append(node)
        elif node.type == "identifier":
            identifiers.append(node)
    for node in identifiers:
        symbol = package.resolve(node, source) if node.text in named else None
        if symbol is None or symbol.kind != "local":
            continue
        if symbol.node.start_byte == node.start_byte:
            if id(symbol) not in pinners and is_pinner_type(package.type_of(node, source)):
                pinners[id(symbol)] = PinnerUse(symbol)
            continue
        uses.append((node, symbol))
    for ident, symbol in uses:
        use = pinners.get(id(symbol))
        if use is None:
            continue
        method, call = _method_call(ident)
        if method == "Pin":
            use.pins.append(call)
        elif method == "Unpin":
            when = _when_run(call, function)
            if when == "now":
                use.unpins.append(call)
            elif when == "deferred":
                use.deferred_unpins.append(call)
            else:
                use.escapes = True
        else:
            use.escapes = True
    return FunctionPins(function, list(pinners.values()), pin_calls)


def _method_call(ident: Node) -> tuple[str, Node | None]:
    """For `p` in `p.M(...)` (or `(&p).M(...)`): ("M", the call)."""
    node = ident
    parent = node.parent
    while parent is not None and (parent.type == "parenthesized_expression" or
                                  (parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) in ("&", "*"))):
        node, parent = parent, parent.parent
    if parent is None or parent.type != "selector_expression" or parent.child_by_field_name("operand") != node:
        return "", None
    call = parent.parent
    if call is None or call.type != "call_expression" or call.child_by_field_name("function") != parent:
        return "", None
    return text(parent.child_by_field_name("field")), call


def _when_run(call: Node, function: Node) -> str:
    """"now" for a call run where it stands, "deferred" for `defer` (directly
    or in a deferred closure), "later" for a closure or goroutine run at an
    unknown time."""
    node = call
    while node is not None and node != function:
        parent = node.parent
        if parent is None:
            break
        if parent.type == "defer_statement":
            return "deferred"
        if parent.type == "go_statement":
            return "later"
        if parent.type == "func_literal":
            invocation = parent.parent
            if invocation is not None and invocation.type == "call_expression" \
                    and invocation.child_by_field_name("function") == parent \
                    and invocation.parent is not None and invocation.parent.type == "defer_statement":
                return "deferred"
            return "later"
        node = parent
    return "now"


# --- runtime/cgo.Handle ------------------------------------------------------
def is_handle(expr: Node | None, package: PackageModel, source: SourceFile, depth: int = 0) -> bool:
    """Whether `expr` is a runtime/cgo.Handle: `cgo.NewHandle(v)`, a value of
    type cgo.Handle, or an integer conversion of one (`C.uintptr_t(h)`)."""
    if expr is None or depth > 8:
        return False
    expr = strip_parens(expr)
    t = package.type_of(expr, source)
    if t is not None and t.name == HANDLE_NAME:
        return True
    if expr.type == "call_expression":
        target = package.call_target(expr, source)
        if target.kind == "other" and target.name == "runtime/cgo.NewHandle":
            return True
        if target.kind in ("conversion", "c"):
            args = call_arguments(expr)
            if len(args) == 1:
                return is_handle(args[0], package, source, depth + 1)
    if expr.type == "type_conversion_expression":
        return is_handle(expr.child_by_field_name("operand"), package, source, depth + 1)
    if expr.type == "identifier":
        symbol = package.resolve(expr, source)
        if symbol is not None and symbol.value is not None and not symbol.index and not symbol.writes:
            return is_handle(symbol.value, package, source, depth + 1)
    return False


# --- Go pointers in expressions ---------------------------------------------
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
                    (target.kind == "conversion" and _is_pointer_type(package.type_of(expr, source))):
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
        root = _root_symbol(operand, package, source)
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
            return GoPointer(inner, memory, origin, what, root, _is_go(origin, memory, package), True)
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
                             _root_symbol(args[0], package, source), _is_go(origin, memory, package), True)
    t = package.type_of(inner, source)
    resolved = package.underlying(t)
    if resolved is None or resolved.kind not in ("pointer", "unsafe_pointer"):
        return None  # not a pointer: where it would point is not asked
    origin = package.origin_of(inner, source)
    if resolved.kind == "unsafe_pointer":
        return GoPointer(inner, None, origin, f"`{text(inner)}`", _root_symbol(inner, package, source),
                         origin == GO_MEMORY)
    memory = resolved.elem
    return GoPointer(inner, memory, origin, f"`{text(inner)}` ({t})", _root_symbol(inner, package, source),
                     _is_go(origin, memory, package))


def _is_go(origin: str | None, memory: GoType | None, package: PackageModel) -> bool:
    """Go memory: known to be, or of unknown origin but typed as a Go (not C) type."""
    if origin == GO_MEMORY:
        return True
    if origin == C_MEMORY or memory is None:
        return False
    resolved = package.underlying(memory)
    if resolved is None:
        return False  # a named type this package does not declare: could be a C type
    return resolved.kind not in ("c", "unsafe_pointer")


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


# --- stores -------------------------------------------------------------------
@dataclass(frozen=True)
class Store:
    """`lhs = rhs` where lhs is in C memory and rhs is a Go pointer."""

    statement: Node
    lhs: Node
    rhs: Node
    pointer: GoPointer


def assignments(statement: Node) -> list[tuple[Node, Node]]:
    """(lhs, rhs) pairs of a plain `=` assignment statement."""
    if statement.type != "assignment_statement" or text(statement.child_by_field_name("operator")) != "=":
        return []
    left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
    lhs = left.named_children if left is not None else []
    rhs = right.named_children if right is not None else []
    return list(zip(lhs, rhs)) if len(lhs) == len(rhs) else []


def lhs_in_c_memory(lhs: Node, package: PackageModel, source: SourceFile) -> bool:
    """`p.f`, `*(**T)(p)`, `(*[n]*T)(p)[i]`, `s[i]` where p/s point into C memory."""
    lhs = strip_parens(lhs)
    if lhs.type == "unary_expression" and text(lhs.child_by_field_name("operator")) == "*":
        return package.origin_of(lhs.child_by_field_name("operand"), source) == C_MEMORY
    if lhs.type in ("selector_expression", "index_expression"):
        base = lhs.child_by_field_name("operand")
        base_type = package.underlying(package.type_of(base, source))
        if base_type is None or base_type.kind not in ("pointer", "slice", "unsafe_pointer"):
            return False  # a struct or array value: memory of its own variable
        return package.origin_of(base, source) == C_MEMORY or c_memory_field(base, package, source)
    return False


def _struct_name(t: GoType | None) -> str:
    """The name of a named Go type `T` or `*T`, else ""."""
    if t is not None and t.kind == "pointer":
        t = t.elem
    return t.name if t is not None and t.kind == "named" and t.name else ""


def c_memory_field(expr: Node, package: PackageModel, source: SourceFile) -> bool:
    """`x.f` where `f` is a `*C.T` field of a Go struct type of this package
    and every value the package ever gives `f` (assignments, keyed composite
    literals) is C memory or nil: `w.z` after `&Writer{z: (*C.stream)(C.calloc(...))}`
    in a constructor. Any other write, an unknown operand type, `&x.f` or a
    positional literal of the type makes the answer False."""
    expr = strip_parens(expr)
    if expr.type != "selector_expression":
        return False
    operand = expr.child_by_field_name("operand")
    name = text(expr.child_by_field_name("field"))
    owner = _struct_name(package.type_of(operand, source))
    if not owner:
        return False
    struct = package.underlying(GoType("named", owner))
    fields = dict(struct.fields) if struct is not None and struct.kind == "struct" else {}
    declared = package.underlying(fields.get(name))
    if declared is None or declared.kind != "pointer" or package.underlying(declared.elem) is None \
            or package.underlying(declared.elem).kind != "c":
        return False
    cache = package.memo("fields holding C memory")
    key = (owner, name)
    if key not in cache:
        cache[key] = _field_values_in_c_memory(owner, name, package)
    return cache[key]


def _field_values_in_c_memory(owner: str, name: str, package: PackageModel) -> bool:
    values: list[tuple[Node, SourceFile]] = []
    needle = name.encode()
    for source in package.files:
        if needle not in source.data:
            continue
        for node in walk(source.tree.root_node):
            if node.type == "selector_expression" and text(node.child_by_field_name("field")) == name:
                parent = node.parent
                while parent is not None and parent.type == "parenthesized_expression":
                    parent = parent.parent
                if parent is not None and parent.type == "unary_expression" \
                        and text(parent.child_by_field_name("operator")) == "&":
                    if _struct_name(package.type_of(node.child_by_field_name("operand"), source)) in ("", owner):
                        return False  # `&x.f`: written through a pointer source cannot follow
                continue
            if node.type == "assignment_statement":
                pairs = assignments(node)
                left = node.child_by_field_name("left")
                targets = left.named_children if left is not None else []
                for target in targets:
                    target = strip_parens(target)
                    if target.type != "selector_expression" or text(target.child_by_field_name("field")) != name:
                        continue
                    found = _struct_name(package.type_of(target.child_by_field_name("operand"), source))
                    if found == "":
                        return False  # a write to some `.f` of unknown type
                    if found != owner:
                        other = package.underlying(GoType("named", found))
                        if other is None or other.kind != "struct" or name not in dict(other.fields):
                            return False  # maybe owner's field promoted through an embedded struct
                        continue
                    value = next((r for l, r in pairs if strip_parens(l) == target), None)
                    if value is None:
                        return False  # `a, b = f()` or `op=`
                    values.append((value, source))
            elif node.type == "composite_literal":
                if _struct_name(parse_type_node(node, source)) != owner:
                    continue
                body = node.child_by_field_name("body")
                for element in body.named_children if body is not None else []:
                    if element.type == "comment":
                        continue
                    if element.type != "keyed_element":
                        return False  # positional: every field gets a value
                    key_node = element.child_by_field_name("key") or (element.named_children[0] if element.named_children else None)
                    if key_node is not None and "".join(text(key_node).split()) == name:
                        value = element.child_by_field_name("value") or element.named_children[-1]
                        if value.type == "literal_element" and value.named_children:
                            value = value.named_children[0]
                        values.append((value, source))
    if not values:
        return False
    for value, source in values:
        value = strip_parens(value)
        if value.type == "nil" or (value.type == "identifier" and text(value) == "nil"):
            continue
        if package.origin_of(value, source) != C_MEMORY:
            return False
    return True


def parse_type_node(literal: Node, source: SourceFile) -> GoType | None:
    type_node = literal.child_by_field_name("type")
    return parse_type(type_node, source.imports) if type_node is not None else None


def stored_go_pointer(rhs: Node, package: PackageModel, source: SourceFile) -> GoPointer | None:
    """The Go pointer a stored value is, or None (not a pointer, C memory, unknown)."""
    pointer = go_pointer(rhs, package, source)
    if pointer is None or (pointer.origin != GO_MEMORY and not go_object_pointer(pointer, package, source)):
        return None
    t = package.underlying(package.type_of(pointer.expr, source))
    if t is not None and t.kind not in POINTER_KINDS:
        return None
    if t is None and not (pointer.expr.type == "unary_expression" or pointer.expr.type == "call_expression"):
        return None
    return pointer


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


def c_memory_stores(statement: Node, package: PackageModel, source: SourceFile) -> list[Store]:
    """Go pointers this assignment stores into C memory."""
    stores = []
    for lhs, rhs in assignments(statement):
        if not lhs_in_c_memory(lhs, package, source):
            continue
        pointer = stored_go_pointer(rhs, package, source)
        if pointer is not None:
            stores.append(Store(statement, lhs, rhs, pointer))
    return stores


def go_pointer_fields(symbol: Symbol, before: Node, package: PackageModel, source: SourceFile) -> list[tuple[Node, Node]]:
    """(place, value) pairs where a Go pointer is written into a variable
    whose type alone does not say it holds Go pointers (a C struct in Go
    memory, a `[]*C.char`), before `before`: `a.buf = (*C.char)(unsafe.Pointer(&b[0]))`,
    `argv[i] = (*C.char)(unsafe.Pointer(&b[0]))`, `C.struct_x{buf: ...}`."""
    found: list[tuple[Node, Node]] = []
    if symbol.value is not None and not symbol.index:
        found += literal_go_pointers(symbol.value, package, source)
    function = outermost_function(before)
    if function is None:
        return found
    for node in walk(function):
        if node.type != "assignment_statement" or node.start_byte >= before.start_byte:
            continue
        for lhs, rhs in assignments(node):
            lhs = strip_parens(lhs)
            if lhs.type not in ("selector_expression", "index_expression"):
                continue
            base = strip_parens(lhs.child_by_field_name("operand"))
            if base.type == "unary_expression" and text(base.child_by_field_name("operator")) == "*":
                base = strip_parens(base.child_by_field_name("operand"))
            if base.type != "identifier" or package.resolve(base, source) is not symbol:
                continue
            if stored_go_pointer(rhs, package, source) is not None:
                found.append((lhs, rhs))
    return found


def literal_go_pointers(value: Node, package: PackageModel, source: SourceFile) -> list[tuple[Node, Node]]:
    """(element, value) pairs of a composite literal (or `&` of one) whose value is a Go pointer."""
    found: list[tuple[Node, Node]] = []
    literal = strip_parens(value)
    if literal.type == "unary_expression" and text(literal.child_by_field_name("operator")) == "&":
        literal = strip_parens(literal.child_by_field_name("operand"))
    if literal.type != "composite_literal":
        return found
    body = literal.child_by_field_name("body")
    for element in body.named_children if body is not None else []:
        item = element.child_by_field_name("value") if element.type == "keyed_element" else element
        if item is not None and item.type == "literal_element" and item.named_children:
            item = item.named_children[0]
        if item is not None and item.type != "literal_value" and stored_go_pointer(item, package, source) is not None:
            found.append((element, item))
    return found


# --- helpers ------------------------------------------------------------------
def _is_pointer_type(t: GoType | None) -> bool:
    return t is not None and t.kind in ("pointer", "unsafe_pointer")


def _root_symbol(expr: Node, package: PackageModel, source: SourceFile) -> Symbol | None:
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


def enclosing_statement_lists(node: Node, stop: Node) -> list[Node]:
    """The statement lists (and case bodies) enclosing `node`, innermost first, up to `stop`."""
    lists = []
    parent = node.parent
    while parent is not None and parent != stop:
        if parent.type in ("statement_list", "expression_case", "default_case", "type_case", "communication_case"):
            lists.append(parent)
        if parent.type in FUNCTION_KINDS:
            break
        parent = parent.parent
    return lists


__all__ = [
    "FunctionPins", "GoPointer", "PinnerUse", "Store", "assignments", "c_memory_stores", "function_pins",
    "go_object_pointer", "go_pointer", "go_pointer_fields", "is_handle", "literal_go_pointers", "is_pinner_type", "lhs_in_c_memory", "pointer_holder",
    "stored_go_pointer", "unwrap_pointer", "enclosing_statement_lists",
]
