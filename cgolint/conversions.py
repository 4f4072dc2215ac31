"""Facts about unsafe conversions, shared by the rules that judge them.

What memory an expression such as `(*C.int)(unsafe.Pointer(&s[0]))`
reinterprets (through parentheses, an aliased `unsafe` import and local
variables that hold the pointer on the way), how large and of what kind the
elements are on the Go side and on the C side, whether a length check
dominates an `&s[0]`, whether a slice is known to be non-empty, and whether a
string or byte slice is known to end in a NUL byte.

Every fact answers None (or False for "known to be ...") when source does not
say: callers stay silent on unknown facts. Sizes assume an LP64 target
(linux/amd64, linux/arm64, darwin/arm64), as `PackageModel.size_of` does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from . import gotypes
from .gotypes import GoType, parse_type
from .loader import module_file
from .model import PackageModel, call_arguments
from .preamble import FLOATING, PRIMITIVE_SIZES, CType
from .scopes import FUNCTION_KINDS, Symbol
from .source import SourceFile, text, walk

_MAX_DEPTH = 12

# Element classes: two element types share a layout only if size and class agree.
CHAR, INTEGER, FLOAT, COMPLEX, STRUCT, POINTER = "char", "integer", "float", "complex", "struct", "pointer"
_C_CHAR_BASES = frozenset({"char", "schar", "uchar", "signed char", "unsigned char", "int8_t", "uint8_t"})
_GO_CHAR_NAMES = frozenset({"byte", "uint8", "int8"})


def strip_parens(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def is_unsafe_call(call: Node | None, name: str, source: SourceFile, model: PackageModel) -> bool:
    """`unsafe.<name>(...)`, under whatever name the file imports unsafe."""
    if call is None or call.type != "call_expression":
        return False
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return False
    field = function.child_by_field_name("field")
    if field is None or field.text != name.encode():
        return False  # cheap test first: the model's answer costs a scope walk
    target = model.call_target(call, source)
    return target.kind == "unsafe" and target.name == name


def single_argument(call: Node) -> Node | None:
    args = call_arguments(call)
    return args[0] if len(args) == 1 else None


# --- pointer conversions ----------------------------------------------------
@dataclass(frozen=True)
class PointerConversion:
    """`(*T)(operand)`, or `*(*T)(operand)` when `deref` (tree-sitter parses
    the dereference into the type of a type_conversion_expression)."""

    node: Node
    operand: Node
    target: GoType | None   # the pointer type converted to: `*T`
    deref: bool


def pointer_conversion(node: Node | None, source: SourceFile) -> PointerConversion | None:
    """The conversion `node` spells, if it converts to a pointer type."""
    if node is None:
        return None
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        args = call_arguments(node)
        if function is None or function.type != "parenthesized_expression" or len(args) != 1:
            return None
        inner = strip_parens(function)
        if inner is None or not (inner.type == "pointer_type" or (
                inner.type == "unary_expression" and text(inner.child_by_field_name("operator")) == "*")):
            return None
        return PointerConversion(node, args[0], parse_type(inner, source.imports), False)
    if node.type == "type_conversion_expression":
        type_node = node.child_by_field_name("type")
        operand = node.child_by_field_name("operand")
        if type_node is None or operand is None:
            return None
        deref = False
        if type_node.type == "pointer_type" and type_node.named_children \
                and type_node.named_children[0].type == "parenthesized_type":
            deref = True  # `*(*T)(x)`
            type_node = type_node.named_children[0]
        if type_node.type != "parenthesized_type":
            return None
        inner = type_node.named_children[0] if type_node.named_children else None
        if inner is None or inner.type != "pointer_type":
            return None
        return PointerConversion(node, operand, parse_type(inner, source.imports), deref)
    return None


def enclosing_deref(conversion: PointerConversion) -> Node | None:
    """The `*(...)` that dereferences a conversion's result, if any: the node
    that denotes the reinterpreted value."""
    if conversion.deref:
        return conversion.node
    parent = conversion.node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is not None and parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "*":
        return parent
    return None


# --- tracing values through local variables ----------------------------------
def local_symbol(ident: Node | None, source: SourceFile, model: PackageModel) -> Symbol | None:
    if ident is None or ident.type != "identifier":
        return None
    symbol = model.resolve(ident, source)
    return symbol if symbol is not None and symbol.is_local else None


def trace_value(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> Node | None:
    """Follow parentheses and local variables assigned exactly once (and
    never again) back to the expression that made the value."""
    node = strip_parens(node)
    while node is not None and node.type == "identifier" and depth < _MAX_DEPTH:
        symbol = local_symbol(node, source, model)
        if symbol is None or symbol.kind != "local" or symbol.value is None or symbol.index or symbol.writes \
                or symbol.range_of is not None:
            return node
        node = strip_parens(symbol.value)
        depth += 1
    return node


@dataclass(frozen=True)
class ElementAddress:
    """`&s[i]` (kind "index") or `unsafe.SliceData(s)` (kind "slicedata"):
    a pointer into the backing array of `container`."""

    node: Node
    container: Node
    index: Node | None
    kind: str

    @property
    def index_is_zero(self) -> bool:
        return self.index is not None and self.index.type == "int_literal" and _int(self.index) == 0


def element_address(node: Node | None, source: SourceFile, model: PackageModel) -> ElementAddress | None:
    node = strip_parens(node)
    if node is None:
        return None
    if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
        operand = strip_parens(node.child_by_field_name("operand"))
        if operand is not None and operand.type == "index_expression":
            container = operand.child_by_field_name("operand")
            if container is not None:
                return ElementAddress(node, container, operand.child_by_field_name("index"), "index")
        return None
    if is_unsafe_call(node, "SliceData", source, model):
        argument = single_argument(node)
        if argument is not None:
            return ElementAddress(node, argument, None, "slicedata")
    return None


def container_type(address: ElementAddress, source: SourceFile, model: PackageModel) -> GoType | None:
    """The underlying slice or array type `address` points into (through a pointer to an array)."""
    container = model.underlying(model.type_of(address.container, source))
    if container is not None and container.kind == "pointer":
        container = model.underlying(container.elem)
    if container is None or container.kind not in ("slice", "array"):
        return None
    return container


# --- following a pointer forward to where it is converted or handed to C ----
@dataclass(frozen=True)
class Hop:
    """The pointer was stored in `symbol` at `stored`, then read at `use`."""

    symbol: Symbol
    stored: Node
    use: Node


@dataclass(frozen=True)
class Sink:
    """Where a pointer ends up. kind: "conversion" (to a pointer type, `node`
    is the conversion) or "c_argument" (argument `index` of the C call `node`)."""

    kind: str
    node: Node
    via_unsafe: bool
    hops: tuple[Hop, ...] = ()
    conversion: PointerConversion | None = None
    index: int = -1
    c_name: str = ""


@dataclass(frozen=True)
class PointerFlow:
    sinks: tuple[Sink, ...]
    hops: tuple[Hop, ...]   # every variable that holds the pointer, with each later read

    @property
    def reaches_c(self) -> bool:
        """Converted to a C pointer type, or handed to a C function."""
        return any(s.kind == "c_argument" or (s.conversion is not None and c_pointee(s.conversion.target) is not None)
                   for s in self.sinks)


def c_pointee(target: GoType | None) -> GoType | None:
    """For `*C.T`, `C.T`; None for other types."""
    if target is not None and target.kind == "pointer" and target.elem is not None and target.elem.kind == "c":
        return target.elem
    return None


def pointer_flow(start: Node, source: SourceFile, model: PackageModel) -> PointerFlow:
    """Every conversion to a pointer type and every C call argument that the
    pointer value of `start` flows into, through parentheses, `unsafe.Pointer`,
    conversions and local variables."""
    found: list[Sink] = []
    all_hops: list[Hop] = []
    seen: set[int] = set()
    pending: list[tuple[Node, bool, tuple[Hop, ...]]] = [(start, False, ())]
    while pending and len(found) < 64:
        node, via_unsafe, hops = pending.pop()
        if node.start_byte in seen:
            continue
        seen.add(node.start_byte)
        current = node
        for _ in range(_MAX_DEPTH):
            parent = current.parent
            if parent is None:
                break
            kind = parent.type
            if kind == "parenthesized_expression":
                current = parent
                continue
            if kind == "argument_list":
                call = parent.parent
                if call is None or call.type != "call_expression":
                    break
                if is_unsafe_call(call, "Pointer", source, model):
                    current, via_unsafe = call, True
                    continue
                conversion = pointer_conversion(call, source)
                if conversion is not None:
                    found.append(Sink("conversion", call, via_unsafe, hops, conversion))
                    current = call
                    continue
                target = model.call_target(call, source)
                if target.kind == "c":
                    args = call_arguments(call)
                    index = next((i for i, a in enumerate(args) if a.start_byte == current.start_byte), -1)
                    found.append(Sink("c_argument", call, via_unsafe, hops, index=index, c_name=target.name))
                break
            if kind == "type_conversion_expression" and parent.child_by_field_name("operand") == current:
                conversion = pointer_conversion(parent, source)
                if conversion is not None:
                    found.append(Sink("conversion", parent, via_unsafe, hops, conversion))
                    if conversion.deref:
                        break
                current = parent
                continue
            if kind == "expression_list":
                holder = _stored_in(parent, current, source, model)
                if holder is not None and len(hops) < 4:
                    for use in uses_after(holder, current.end_byte, source, model):
                        hop = Hop(holder, current, use)
                        all_hops.append(hop)
                        pending.append((use, via_unsafe, hops + (hop,)))
            break
    unique: dict[tuple[int, str], Sink] = {}
    for sink in found:
        unique.setdefault((sink.node.start_byte, sink.kind), sink)
    return PointerFlow(tuple(sorted(unique.values(), key=lambda s: s.node.start_byte)), tuple(all_hops))


def _stored_in(expr_list: Node, value: Node, source: SourceFile, model: PackageModel) -> Symbol | None:
    """The local variable `value` is stored in, when `expr_list` is the right
    side of `v := value`, `var v = value` or `v = value`."""
    statement = expr_list.parent
    if statement is None or statement.type not in ("short_var_declaration", "assignment_statement"):
        if statement is not None and statement.type == "var_spec":
            values = statement.child_by_field_name("value")
            names = statement.children_by_field_name("name")
            if values == expr_list and len(names) == len(values.named_children):
                position = [c.start_byte for c in values.named_children].index(value.start_byte)
                return local_symbol(names[position], source, model)
        return None
    if statement.child_by_field_name("right") != expr_list:
        return None
    if statement.type == "assignment_statement" and text(statement.child_by_field_name("operator")) != "=":
        return None
    left = statement.child_by_field_name("left")
    lhs = left.named_children if left is not None else []
    rhs = expr_list.named_children
    if len(lhs) != len(rhs):
        return None
    position = [c.start_byte for c in rhs].index(value.start_byte)
    return local_symbol(lhs[position], source, model)


def uses_after(symbol: Symbol, offset: int, source: SourceFile, model: PackageModel) -> list[Node]:
    """Reads of `symbol` after byte `offset`, up to its next assignment."""
    function = _function_of(symbol.node)
    if function is None:
        return []
    later_writes = sorted(lhs.start_byte for lhs, _ in symbol.writes if lhs.start_byte > offset)
    stop = later_writes[0] if later_writes else function.end_byte
    uses = []
    for node in walk(function):
        if node.type != "identifier" or node.start_byte <= offset or node.start_byte >= stop:
            continue
        if node.text != symbol.node.text or _is_assignment_target(node):
            continue
        if model.resolve(node, source) is symbol:
            uses.append(node)
    return uses


def _function_of(node: Node) -> Node | None:
    found = None
    parent = node.parent
    while parent is not None:
        if parent.type in FUNCTION_KINDS:
            found = parent
        parent = parent.parent
    return found


def _is_assignment_target(ident: Node) -> bool:
    parent = ident.parent
    if parent is None or parent.type != "expression_list":
        return False
    statement = parent.parent
    return statement is not None and statement.type in ("assignment_statement", "short_var_declaration") \
        and statement.child_by_field_name("left") == parent


# --- element layout ------------------------------------------------------------
@dataclass(frozen=True)
class Layout:
    size: int
    align: int
    cls: str
    spelling: str


def c_layout(name: str, model: PackageModel, depth: int = 0) -> Layout | None:
    """Layout of the C type cgo calls `C.<name>` (typedefs followed)."""
    preamble = model.preamble
    if name.startswith("struct_"):
        size = preamble.size_of(name)
        return Layout(size, _c_struct_align(name[len("struct_"):], model), STRUCT, f"C.{name}") if size else None
    resolved = preamble.resolve(CType(name))
    if resolved.array is not None:
        return None
    if resolved.pointers:
        return Layout(8, 8, POINTER, f"C.{name}")
    base = resolved.base
    if base.startswith("struct "):
        size = preamble.size_of("struct_" + base[len("struct "):])
        return Layout(size, _c_struct_align(base[len("struct "):], model), STRUCT, f"C.{name}") if size else None
    if base.startswith("union ") or base == "void":
        return None
    size = PRIMITIVE_SIZES.get(base)
    if size is None:
        return None
    if base in FLOATING:
        cls = FLOAT
    elif base in _C_CHAR_BASES:
        cls = CHAR
    else:
        cls = INTEGER
    return Layout(size, size, cls, f"C.{name}")


def _c_struct_align(name: str, model: PackageModel) -> int:
    struct = model.preamble.structs.get(name)
    align = 1
    for _, ctype in struct.fields if struct is not None else []:
        element = model.preamble.ctype_size(CType(ctype.base, ctype.pointers)) or 1
        align = max(align, min(element, 8))
    return align


def go_layout(t: GoType | None, model: PackageModel, depth: int = 0) -> Layout | None:
    """Layout of a Go type on a 64-bit target, or None when unknown."""
    if t is None or depth > 16:
        return None
    spelling = str(t)
    u = model.underlying(t)
    if u is None:
        return None
    if u.kind == "basic":
        size = gotypes.NUMERIC_SIZES.get(u.name)
        if size is None:
            return None
        if u.name in _GO_CHAR_NAMES:
            cls = CHAR
        elif u.name.startswith("float"):
            cls = FLOAT
        elif u.name.startswith("complex"):
            cls = COMPLEX
        else:
            cls = INTEGER
        align = size if cls != COMPLEX else size // 2
        return Layout(size, align, cls, spelling)
    if u.kind == "c":
        layout = c_layout(u.name, model, depth + 1)
        return Layout(layout.size, layout.align, layout.cls, spelling) if layout else None
    if u.kind in ("pointer", "unsafe_pointer", "map", "chan", "func"):
        return Layout(8, 8, POINTER, spelling)
    if u.kind == "array" and u.length is not None:
        element = go_layout(u.elem, model, depth + 1)
        return Layout(element.size * u.length, element.align, STRUCT, spelling) if element else None
    if u.kind == "struct":
        offset, align = 0, 1
        for _, field_type in u.fields:
            member = go_layout(field_type, model, depth + 1)
            if member is None:
                return None
            offset = -(-offset // member.align) * member.align + member.size
            align = max(align, member.align)
        return Layout(-(-offset // align) * align if offset else 0, align, STRUCT, spelling)
    return None


@dataclass(frozen=True)
class Mismatch:
    go: Layout
    c: Layout
    reason: str  # "size" | "kind"


def layout_mismatch(go_elem: GoType | None, c_target: GoType | None, model: PackageModel) -> Mismatch | None:
    """Whether reading elements of Go type `go_elem` through a `*c_target`
    misreads them. Only judged where the pairing cannot be a deliberate byte
    or record view: both scalar numbers (neither a byte type), or both structs.
    C types known only by name (no preamble declaration) stay unknown."""
    if go_elem is None or c_target is None or c_target.kind != "c":
        return None
    go = go_layout(go_elem, model)
    c = c_layout(c_target.name, model)
    if go is None or c is None:
        return None
    scalar = (INTEGER, FLOAT)
    if go.cls in scalar and c.cls in scalar:
        if go.size != c.size:
            return Mismatch(go, c, "size")
        if go.cls != c.cls:
            return Mismatch(go, c, "kind")
        return None
    if go.cls == STRUCT and c.cls == STRUCT and go.size != c.size:
        underlying = model.underlying(go_elem)
        if underlying is not None and underlying.kind == "struct":
            return Mismatch(go, c, "size")
    return None


# --- emptiness -----------------------------------------------------------------
def known_nonempty(container: Node, source: SourceFile, model: PackageModel, depth: int = 0) -> bool:
    """The slice `container` is known to hold at least one element wherever it is used."""
    if depth > 8:
        return False
    node = strip_parens(container)
    if node is None:
        return False
    if node.type == "identifier":
        symbol = local_symbol(node, source, model) or model.resolve(node, source)
        if symbol is None or symbol.kind not in ("local", "package_var") or symbol.range_of is not None:
            return False
        values = ([symbol.value] if symbol.value is not None and not symbol.index else []) + [r for _, r in symbol.writes]
        if not values or len(values) != 1 + len(symbol.writes) or any(v is None for v in values):
            return False
        return all(known_nonempty(v, symbol.file, model, depth + 1) for v in values)
    if node.type == "composite_literal":
        body = node.child_by_field_name("body")
        return body is not None and any(c.type in ("literal_element", "keyed_element") for c in body.named_children)
    if node.type == "type_conversion_expression":  # []byte(s)
        return nonempty_string(node.child_by_field_name("operand"), source, model)
    if node.type == "slice_expression":
        base = node.child_by_field_name("operand")
        if any(node.child_by_field_name(f) is not None for f in ("start", "end", "capacity")):
            return False
        base_type = model.underlying(model.type_of(base, source))
        if base_type is not None and base_type.kind == "array":
            return bool(base_type.length)
        return known_nonempty(base, source, model, depth + 1)
    if node.type == "call_expression":
        target = model.call_target(node, source)
        args = call_arguments(node)
        if target.kind == "builtin" and target.name == "make" and len(args) >= 2:
            return not _length_may_be_zero(args[1], source, model, node)
        if target.kind == "unsafe" and target.name == "Slice" and len(args) == 2:
            return not _length_may_be_zero(args[1], source, model, node)
        if target.kind == "builtin" and target.name == "append" and len(args) >= 2:
            spread = node.child_by_field_name("arguments")
            if spread is not None and any(c.type == "..." for c in spread.children):
                return len(args) > 2 or known_nonempty(args[0], source, model, depth + 1)
            return True
    return False


# std functions whose result is never the empty string
_NONEMPTY_STRING_FUNCS = frozenset({
    "strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "strconv.FormatFloat", "strconv.FormatBool",
    "strconv.Quote", "strconv.QuoteToASCII", "strconv.QuoteToGraphic", "strconv.QuoteRune",
    "strconv.QuoteRuneToASCII",
})


def nonempty_string(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> bool:
    """A string expression known to be non-empty: a non-empty literal, a
    concatenation with one, a local assigned once from one, or a call to a
    std function that never returns "" (strconv.Itoa, strconv.Quote, ...)."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return False
    if node.type in ("interpreted_string_literal", "raw_string_literal"):
        return len(node.text) > 2
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        return any(nonempty_string(node.child_by_field_name(side), source, model, depth + 1)
                   for side in ("left", "right"))
    if node.type == "identifier":
        traced = trace_value(node, source, model)
        return traced is not None and traced is not node and nonempty_string(traced, source, model, depth + 1)
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        if function is not None and function.type == "selector_expression":
            package = source.imports.get(text(function.child_by_field_name("operand")))
            name = text(function.child_by_field_name("field"))
            if package is not None and f"{package}.{name}" in _NONEMPTY_STRING_FUNCS:
                return True
    return False


def positive_int(node: Node | None, source: SourceFile, model: PackageModel) -> bool:
    """An integer expression known to be at least 1: a constant, or `x + k`
    with a constant k >= 1 (a length plus room for a terminator or header)."""
    node = strip_parens(node)
    if node is None:
        return False
    value = constant_int(node, source, model)
    if value is not None:
        return value >= 1
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        return any((constant_int(node.child_by_field_name(side), source, model) or 0) >= 1 for side in ("left", "right"))
    if node.type == "call_expression" and len(call_arguments(node)) == 1 \
            and model.call_target(node, source).kind in ("conversion", "c"):
        return positive_int(call_arguments(node)[0], source, model)
    return False


def _length_may_be_zero(length: Node, source: SourceFile, model: PackageModel, at: Node | None = None) -> bool:
    """For `make(T, length)` or `unsafe.Slice(p, length)` evaluated at `at`:
    the length is a constant 0, a parameter, or `len(x)` of a slice not known
    to be non-empty, and no check that excludes 0 dominates `at` (`if n == 0
    { return }`, `if len(x) > 0 {`). A length computed by a call or from a
    field is taken as non-zero (source cannot tell)."""
    node = strip_parens(length)
    if positive_int(node, source, model):
        return False
    while node is not None and node.type == "call_expression" and len(call_arguments(node)) == 1 \
            and model.call_target(node, source).kind in ("conversion", "c"):
        node = strip_parens(call_arguments(node)[0])
    if node is None:
        return False
    value = constant_int(node, source, model)
    if value is not None:
        return value <= 0
    if node.type == "identifier":
        symbol = local_symbol(node, source, model)
        if at is not None and symbol is not None and not symbol.writes and symbol.range_of is None \
                and _value_checked(node, at, source, model):
            return False
        if symbol is not None and symbol.kind == "param":
            return True
        traced = trace_value(node, source, model)
        return traced is not None and traced is not node and _length_may_be_zero(traced, source, model, traced)
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        args = call_arguments(node)
        if function is not None and text(function) == "len" and len(args) == 1:
            measured = strip_parens(args[0])
            measured_type = model.underlying(model.type_of(measured, source))
            if measured_type is not None and measured_type.kind == "array":
                return not measured_type.length
            if measured is None or measured.type != "identifier" or known_nonempty(measured, source, model):
                return False
            return at is None or not length_checked(measured, at, source, model)
    return False


def constant_int(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> int | None:
    """The value of an integer constant expression, where source spells it plainly."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return None
    if node.type == "int_literal":
        return _int(node)
    if node.type == "identifier":
        symbol = model.resolve(node, source)
        if symbol is not None and symbol.kind == "const" and symbol.value is not None and not symbol.index:
            return constant_int(symbol.value, symbol.file, model, depth + 1)
        return None
    if node.type == "binary_expression":
        left = constant_int(node.child_by_field_name("left"), source, model, depth + 1)
        right = constant_int(node.child_by_field_name("right"), source, model, depth + 1)
        operator = text(node.child_by_field_name("operator"))
        if left is None or right is None:
            return None
        if operator == "*":
            return left * right
        if operator == "+":
            return left + right
        if operator == "<<" and 0 <= right < 64:
            return left << right
        return None
    if node.type == "call_expression":  # a conversion such as C.int(4) or int(4)
        target = model.call_target(node, source)
        args = call_arguments(node)
        if len(args) == 1 and (target.kind == "conversion" or (target.kind == "c" and target.name in PRIMITIVE_SIZES)):
            return constant_int(args[0], source, model, depth + 1)
    return None


def _int(node: Node) -> int | None:
    try:
        return int(text(node).replace("_", ""), 0)
    except ValueError:
        return None


def length_checked(container: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a check that `container` is not empty dominates `at`: `at` lies
    in the body of `if len(s) > 0`, `for i := range s`, the right side of
    `len(s) > 0 &&`, the else of `if len(s) == 0`, or after an
    `if len(s) == 0 { return }` (or `s[k]`, which would have panicked first)."""
    key = _expr_key(container)
    return bool(key) and _dominated(_LengthFacts(key, source, model), at, of_length=True)


def _value_checked(value: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a check that the integer variable `value` is not 0 dominates
    `at`: `if n == 0 { return }` (or `n <= 0`, `n < 1`) before it, or `at`
    inside `if n > 0 {`."""
    key = _expr_key(value)
    if not key or value.type != "identifier" or _changed(value, source, model):
        return False
    return _dominated(_ValueFacts(key, source, model), at, of_length=False)


def _changed(ident: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether the variable `ident` names is assigned (`=`, `+=`, `--`, `&n`
    taken) anywhere in its function after its declaration."""
    symbol = model.resolve(ident, source)
    function = ident
    while function is not None and function.type not in FUNCTION_KINDS:
        function = function.parent
    if symbol is None or function is None:
        return True
    for node in walk(function):
        if node.type != "identifier" or text(node) != symbol.name or node.start_byte == symbol.node.start_byte:
            continue
        parent = node.parent
        if parent is not None and parent.type in ("inc_statement", "dec_statement"):
            return True
        if parent is not None and parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "&":
            return True
        if _is_assignment_target(node) and model.resolve(node, source) is symbol:
            return True
    return False


def _dominated(check: "_LengthFacts", at: Node, *, of_length: bool) -> bool:
    """Whether `check` holds at `at`: the walk up from `at` meets a condition
    or an earlier statement that implies it. A slice's length (`of_length`)
    is also implied by ranging over it and by earlier statements that would
    have panicked on an empty slice; an integer's value only by `if`s."""
    node, parent = at, at.parent  # a node's parent is found from the root: asked once per level
    while parent is not None and node.type not in FUNCTION_KINDS:
        kind = parent.type
        if kind == "if_statement":
            condition = parent.child_by_field_name("condition")
            if parent.child_by_field_name("consequence") == node and check.implies_nonempty(condition):
                return True
            if parent.child_by_field_name("alternative") == node and check.implies_empty(condition):
                return True
        elif of_length and kind == "for_statement" and parent.child_by_field_name("body") == node:
            for clause in parent.named_children:
                if clause.type == "range_clause" and _expr_key(clause.child_by_field_name("right")) == check.key:
                    return True
                if clause.type == "for_clause" and check.implies_nonempty(clause.child_by_field_name("condition")):
                    return True
                if clause.type not in ("range_clause", "for_clause", "block") and check.implies_nonempty(clause):
                    return True
        elif kind == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = text(parent.child_by_field_name("operator"))
            left = parent.child_by_field_name("left")
            if operator == "&&" and check.implies_nonempty(left):
                return True
            if operator == "||" and check.implies_empty(left):
                return True
        elif kind in ("statement_list", "block", "source_file"):
            sibling = node.prev_named_sibling
            while sibling is not None:
                if (of_length or sibling.type == "if_statement") and check.guards(sibling):
                    return True
                sibling = sibling.prev_named_sibling
        node, parent = parent, parent.parent
    return False


def _expr_key(node: Node | None) -> str:
    node = strip_parens(node)
    if node is None or node.type not in ("identifier", "selector_expression"):
        return ""
    return "".join(text(node).split())


_TERMINATORS = ("return_statement", "break_statement", "continue_statement", "goto_statement")
_FATAL_CALLS = re.compile(r"^(panic|os\.Exit|log\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)|\w+\.(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow))$")


class _LengthFacts:
    def __init__(self, key: str, source: SourceFile, model: PackageModel):
        self.key, self.source, self.model = key, source, model

    def _length(self, node: Node | None) -> bool:
        """`len(s)`, or a local bound once to `len(s)`."""
        node = strip_parens(node)
        if node is not None and node.type == "identifier":
            node = trace_value(node, self.source, self.model)
        if node is None or node.type != "call_expression":
            return False
        function = node.child_by_field_name("function")
        args = call_arguments(node)
        return function is not None and text(function) in ("len", "cap") and len(args) == 1 and \
            _expr_key(args[0]) == self.key and text(function) == "len"

    def _compare(self, node: Node) -> tuple[str, Node] | None:
        """`len(s) op x` normalised so that len(s) is on the left."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = text(node.child_by_field_name("operator"))
        flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
        if operator not in flipped:
            return None
        if self._length(left):
            return operator, right
        if self._length(right):
            return flipped[operator], left
        return None

    def _value(self, node: Node) -> int | None:
        return constant_int(node, self.source, self.model)

    def implies_nonempty(self, condition: Node | None) -> bool:
        node = strip_parens(condition)
        if node is None or node.type != "binary_expression":
            return False
        operator = text(node.child_by_field_name("operator"))
        if operator == "&&":
            return self.implies_nonempty(node.child_by_field_name("left")) or \
                self.implies_nonempty(node.child_by_field_name("right"))
        compared = self._compare(node)
        if compared is None:
            return False
        op, other = compared
        value = self._value(other)
        if op == ">":
            return value is None or value >= 0
        if op == ">=":
            return value is None or value >= 1
        if op == "!=":
            return value == 0
        if op == "==":
            return positive_int(other, self.source, self.model)
        return False

    def implies_empty(self, condition: Node | None) -> bool:
        """True when the condition being false implies len(s) > 0."""
        node = strip_parens(condition)
        if node is None:
            return False
        if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
            return self.implies_nonempty(node.child_by_field_name("operand"))
        if node.type != "binary_expression":
            return False
        operator = text(node.child_by_field_name("operator"))
        if operator == "||":
            return self.implies_empty(node.child_by_field_name("left")) or \
                self.implies_empty(node.child_by_field_name("right"))
        compared = self._compare(node)
        if compared is None:
            return False
        op, other = compared
        value = self._value(other)
        if op == "==":
            return value == 0
        if op == "<":
            return value is None or value >= 1
        if op == "<=":
            return value is None or value >= 0
        if op == "!=":
            return positive_int(other, self.source, self.model)
        return False

    def guards(self, statement: Node) -> bool:
        """A statement after which s is known non-empty (or the function has left)."""
        if statement.type == "if_statement":
            condition = statement.child_by_field_name("condition")
            consequence = statement.child_by_field_name("consequence")
            if self.implies_empty(condition) and statement.child_by_field_name("alternative") is None:
                if _terminates(consequence) or self._assigns(consequence):
                    return True
            return False
        if statement.type in ("assignment_statement", "short_var_declaration"):
            left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
            lhs = left.named_children if left is not None else []
            rhs = right.named_children if right is not None else []
            if len(lhs) == len(rhs) and any(_expr_key(t) == self.key and known_nonempty(v, self.source, self.model)
                                            for t, v in zip(lhs, rhs)):
                return True  # `s = append(s, x)`: non-empty from here on
        if statement.type in ("expression_statement", "short_var_declaration", "assignment_statement",
                              "var_declaration", "inc_statement", "dec_statement"):
            for node in walk(statement):
                if node.type == "func_literal":
                    return False
                if node.type == "index_expression" and _expr_key(node.child_by_field_name("operand")) == self.key:
                    index = node.child_by_field_name("index")
                    if index is not None and index.type == "int_literal":
                        return True
        return False

    def _assigns(self, block: Node | None) -> bool:
        for node in walk(block) if block is not None else []:
            if node.type in ("assignment_statement", "short_var_declaration"):
                left = node.child_by_field_name("left")
                if left is not None and any(_expr_key(t) == self.key for t in left.named_children):
                    return True
        return False


class _ValueFacts(_LengthFacts):
    """The facts of _LengthFacts about an integer variable itself (`n > 0`,
    `n == 0`) instead of `len(s)`."""

    def _length(self, node: Node | None) -> bool:
        node = strip_parens(node)
        return node is not None and node.type == "identifier" and _expr_key(node) == self.key

    def _compare(self, node: Node) -> tuple[str, Node] | None:
        # an int may be negative: only a comparison with a constant tells
        compared = super()._compare(node)
        if compared is None or self._value(compared[1]) is None:
            return None
        return compared


def _terminates(block: Node | None) -> bool:
    if block is None:
        return False
    statements = [c for part in block.named_children if part.type == "statement_list" for c in part.named_children]
    if not statements:
        return False
    last = statements[-1]
    if last.type in _TERMINATORS:
        return True
    if last.type == "expression_statement" and last.named_children and last.named_children[0].type == "call_expression":
        function = last.named_children[0].child_by_field_name("function")
        return bool(_FATAL_CALLS.match("".join(text(function).split())))
    return False


# --- later writes to a slice ---------------------------------------------------
def moving_writes(symbol: Symbol, after: int, before: int) -> list[tuple[Node, Node | None]]:
    """Writes to the slice variable `symbol` between two byte offsets that may
    give it a different backing array: an append, or any value other than a
    reslice of itself (`s = s[1:]` keeps the array)."""
    found = []
    for lhs, rhs in symbol.writes:
        if not (after < lhs.start_byte < before):
            continue
        value = strip_parens(rhs)
        if value is not None and value.type == "slice_expression" and \
                text(value.child_by_field_name("operand")) == symbol.name:
            continue
        found.append((lhs, rhs))
    return sorted(found, key=lambda w: w[0].start_byte)


def is_append(node: Node | None) -> bool:
    node = strip_parens(node)
    if node is None or node.type != "call_expression":
        return False
    function = node.child_by_field_name("function")
    return function is not None and function.type == "identifier" and text(function) == "append"


# --- NUL termination -------------------------------------------------------------
_NUL_SUFFIX = re.compile(r'(\\x00|\\000|\\u0000|\\U00000000|\\0)$')


def literal_ends_with_nul(node: Node | None) -> bool:
    node = strip_parens(node)
    if node is None:
        return False
    if node.type == "interpreted_string_literal":
        return bool(_NUL_SUFFIX.search(text(node)[1:-1]))
    if node.type == "rune_literal":
        return text(node) in ("'\\x00'", "'\\000'", "'\\u0000'")
    if node.type == "int_literal":
        return _int(node) == 0
    return False


def string_terminated(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> bool | None:
    """Whether a Go string's bytes end in a NUL byte: True, False, or None
    (unknown). Go strings carry no terminator, so a string from a parameter
    or a library call is False unless source adds the NUL."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return None
    kind = node.type
    if kind in ("interpreted_string_literal", "raw_string_literal"):
        return literal_ends_with_nul(node)
    if kind == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        return string_terminated(node.child_by_field_name("right"), source, model, depth + 1)
    if kind == "identifier":
        symbol = model.resolve(node, source)
        if symbol is None:
            return None
        if symbol.kind == "param":
            declared = model.underlying(model.type_of(node, source))
            return False if declared is not None and declared.kind == "string" and not symbol.writes else None
        if symbol.kind in ("local", "const", "package_var") and symbol.value is not None and not symbol.index \
                and not symbol.writes and symbol.range_of is None:
            return string_terminated(symbol.value, symbol.file, model, depth + 1)
        return None
    if kind == "call_expression":
        target = model.call_target(node, source)
        if target.kind == "other" and "." in target.name and not target.name.startswith("C."):
            # a library function's result (strings.ToUpper, fmt.Sprint, ...): unterminated
            # unless a literal argument supplies the NUL (fmt.Sprintf("%s\x00", x))
            if any(literal_ends_with_nul(a) for a in call_arguments(node)):
                return None
            return False
        return None
    return None


def bytes_terminated(container: Node, at: Node, source: SourceFile, model: PackageModel, depth: int = 0) -> bool | None:
    """Whether the byte slice `container` ends in a NUL byte where `at` reads
    it: True, False, or None (unknown)."""
    node = strip_parens(container)
    if node is None or depth > 8:
        return None
    if node.type == "type_conversion_expression":
        target = parse_type(node.child_by_field_name("type"), source.imports)
        if target is None or target.kind != "slice" or target.elem is None or target.elem.name not in ("byte", "uint8"):
            return None
        return string_terminated(node.child_by_field_name("operand"), source, model, depth + 1)
    if node.type == "call_expression":
        target = model.call_target(node, source)
        args = call_arguments(node)
        if target.kind == "conversion" and len(args) == 1:
            converted = parse_type(node.child_by_field_name("function"), source.imports)
            if converted is not None and converted.kind == "slice" and converted.elem is not None \
                    and converted.elem.name in ("byte", "uint8"):
                return string_terminated(args[0], source, model, depth + 1)
            return None
        if target.kind == "builtin" and target.name == "append" and len(args) >= 2:
            spread = node.child_by_field_name("arguments")
            if spread is not None and any(c.type == "..." for c in spread.children):
                return string_terminated(args[-1], source, model, depth + 1) if len(args) == 2 else None
            return True if literal_ends_with_nul(args[-1]) else None
        return None
    if node.type == "identifier":
        symbol = local_symbol(node, source, model)
        if symbol is None or symbol.kind != "local" or symbol.value is None or symbol.index or symbol.range_of is not None:
            return None
        # writes after the read do not matter: the value at the read is an earlier one
        earlier = [(lhs, rhs) for lhs, rhs in symbol.writes if lhs.start_byte < at.start_byte]
        if earlier:
            lhs, rhs = max(earlier, key=lambda w: w[0].start_byte)
            if _in_loop_or_branch(lhs, at):
                return None
            if rhs is None:
                return None
            if is_append(rhs):
                args = call_arguments(strip_parens(rhs))
                spread = strip_parens(rhs).child_by_field_name("arguments")
                if args and not any(c.type == "..." for c in spread.children) and literal_ends_with_nul(args[-1]):
                    return True
                return None
            return bytes_terminated(rhs, at, source, model, depth + 1)
        return bytes_terminated(symbol.value, at, source, model, depth + 1)
    return None


def _in_loop_or_branch(write: Node, at: Node) -> bool:
    """A write that may or may not have run before `at` (inside an if, switch
    or loop that does not also contain `at`)."""
    node = write.parent
    while node is not None and node.type not in FUNCTION_KINDS:
        if node.type in ("if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
                         "select_statement", "func_literal"):
            if not (node.start_byte <= at.start_byte < node.end_byte):
                return True
        node = node.parent
    return False


# --- toolchain ---------------------------------------------------------------------
def go_version_at_least(package: PackageModel, minor: int) -> bool:
    """Whether the package's module allows Go 1.<minor> features: its go.mod
    `go` line, if any, is at least 1.<minor>. No go.mod (GOPATH mode, a loose
    file) counts as a current toolchain. Read once per package model, so a
    long-lived process (the language server) sees an edited go.mod at the
    next analysis."""
    memo = package.memo("go version")
    if "minor" not in memo:
        memo["minor"] = module_go_minor(package.directory)
    found = memo["minor"]
    return found is None or found >= minor


def module_go_minor(directory: str) -> int | None:
    """The minor version of the `go` line of the go.mod around `directory`;
    None when there is no go.mod or no `go` line, 0 when it cannot be read."""
    module = module_file(directory)
    if module is None:
        return None
    try:
        with open(module, encoding="utf-8", errors="replace") as handle:
            content = handle.read(1 << 16)
    except OSError:
        return 0
    match = re.search(r"^go\s+1\.(\d+)", content, re.MULTILINE)
    return int(match.group(1)) if match is not None else None


def simple_operand(node: Node | None) -> bool:
    """An identifier or a chain of field selections: safe to repeat in a rewrite."""
    node = strip_parens(node)
    while node is not None and node.type == "selector_expression":
        node = node.child_by_field_name("operand")
    return node is not None and node.type == "identifier"
