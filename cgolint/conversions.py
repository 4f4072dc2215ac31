"""Facts about unsafe pointer conversions, shared by the rules that judge
them: what memory an expression such as `(*C.int)(unsafe.Pointer(&s[0]))`
reinterprets, and where such a pointer goes.

The rules (CGL002 slice-cast-to-c-pointer, CGL008 go-string-as-c-string,
CGL007 slice-header-forgery) follow a pointer through parentheses, an
aliased `unsafe` import and local variables that hold it on the way; doing
that in one place keeps them agreeing on what they see through. The facts
they then ask of the memory live beside this module: `layouts` (element
sizes and kinds on both sides), `emptiness` (whether a slice is known to be
non-empty where `&s[0]` is taken), `nul_termination` (whether bytes end in
a NUL) and `toolchain` (which Go features the module may use).

The API:
- `pointer_conversion(node, source)` -> `PointerConversion | None`:
  `(*T)(x)` or `*(*T)(x)`; `enclosing_deref(conversion)`: the `*(...)`
  that reads through it; `c_pointee(target)`: `C.T` of a `*C.T`.
- `trace_value(node, source, model)`: the expression that made a value,
  through locals assigned once; `single_value(symbol)`: the one value a
  local ever holds; `local_symbol(ident, source, model)`.
- `element_address(node, source, model)` -> `ElementAddress | None`:
  `&s[i]` or `unsafe.SliceData(s)`; `container_type(address, ...)`: the
  slice or array type it points into.
- `pointer_flow(start, source, model)` -> `PointerFlow`: every conversion
  and C call argument the pointer flows into, with the variables that hold
  it on the way (`uses_after(symbol, offset, ...)` finds their reads).
- `moving_writes(symbol, after, before)`, `is_append(node)`: later writes
  that may give a slice another backing array.
- Syntax: `is_unsafe_call(call, name, source, model)`,
  `single_argument(call)`, `int_literal_value(node)`,
  `is_assignment_target(ident)`, `simple_operand(node)`.

Every fact answers None (or False for "known to be ...") when source does not
say: callers stay silent on unknown facts.
"""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from .call_targets import call_arguments, parenthesized_c_type
from .gotypes import GoType, parse_type
from .memory_origins import returned_parameter
from .model import PackageModel
from .scopes import Symbol, outermost_function
from .source import SourceFile, strip_parens, text, walk

_MAX_DEPTH = 12


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


def int_literal_value(node: Node) -> int | None:
    """The value of a Go integer literal as Python reads it (`0x1F`, `1_000`);
    None for a spelling it does not (the legacy octal `0777`)."""
    try:
        return int(text(node).replace("_", ""), 0)
    except ValueError:
        return None


def simple_operand(node: Node | None) -> bool:
    """An identifier or a chain of field selections: safe to repeat in a rewrite."""
    node = strip_parens(node)
    while node is not None and node.type == "selector_expression":
        node = node.child_by_field_name("operand")
    return node is not None and node.type == "identifier"


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


def single_value(symbol: Symbol) -> Node | None:
    """The one value a local variable ever holds: its initializer, never reassigned."""
    if symbol.kind != "local" or symbol.value is None or symbol.index or symbol.range_of is not None:
        return None
    if symbol.writes:
        return None
    return symbol.value


def trace_value(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> Node | None:
    """Follow parentheses and local variables assigned exactly once (and
    never again) back to the expression that made the value."""
    node = strip_parens(node)
    while node is not None and node.type == "identifier" and depth < _MAX_DEPTH:
        symbol = local_symbol(node, source, model)
        value = single_value(symbol) if symbol is not None else None
        if value is None:
            return node
        node = strip_parens(value)
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
        return self.index is not None and self.index.type == "int_literal" and int_literal_value(self.index) == 0


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
    # a read past a reassignment that some path goes round: the value reaches it on some path, which a
    # later test may rule out (`if isF { p = a } else { p = b }` ... `if !isF { use(p) }`)
    past_write: bool = False


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


def _hands_back(call: Node, argument: Node, function: Node, model: PackageModel) -> bool:
    """The package function `call` calls returns a pointer into the memory
    `argument` (one of its arguments) points to (`memory_origins.returned_parameter`)."""
    index = next((i for i, a in enumerate(call_arguments(call)) if a.start_byte == argument.start_byte), None)
    return index is not None and returned_parameter(model, function) == index


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
                if target.kind == "c" and (model.preamble.names_pointer_type(target.name) and len(call_arguments(call)) == 1
                                           or parenthesized_c_type(call, model, source)):
                    current = call  # `C.gpointer(p)`: p goes on, unchanged, to the call around it
                    continue
                if target.kind == "c":
                    args = call_arguments(call)
                    index = next((i for i, a in enumerate(args) if a.start_byte == current.start_byte), -1)
                    found.append(Sink("c_argument", call, via_unsafe, hops, index=index, c_name=target.name))
                elif target.kind == "func" and target.node is not None and _hands_back(call, current, target.node, model):
                    current = call  # `llvmTypeRefPtr(&ret[0])`: a helper that converts and returns it
                    continue
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
                    reads = [(use, False) for use in uses_after(holder, current.end_byte, source, model)]
                    reads += [(use, True) for use in reads_past_writes(holder, current.end_byte, source, model)]
                    for use, past_write in reads:
                        hop = Hop(holder, current, use, past_write)
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


def declared_with(value: Node, source: SourceFile, model: PackageModel) -> Symbol | None:
    """The local variable `value` (in parentheses or not) is stored in by
    `v := value`, `var v = value` or `v = value`; None for anything else."""
    while value.parent is not None and value.parent.type == "parenthesized_expression":
        value = value.parent
    values = value.parent
    return _stored_in(values, value, source, model) if values is not None and values.type == "expression_list" else None


def uses_after(symbol: Symbol, offset: int, source: SourceFile, model: PackageModel) -> list[Node]:
    """Reads of `symbol` after byte `offset`, up to its next assignment."""
    return _reads_after(symbol, offset, source, model)[0]


def reads_past_writes(symbol: Symbol, offset: int, source: SourceFile, model: PackageModel) -> list[Node]:
    """Reads of `symbol` past its next assignment that the value it holds
    at `offset` still reaches, where a path goes round that assignment
    (`if c { p = q } else { buf = append(buf, x) }`, then a read of p).
    Not part of `uses_after`: which branch runs can be correlated with a
    later test (`if isF { p = ... } ... if !isF { use(p) }`), which only a
    question about the writes on the way (a stale pointer) can afford."""
    later_writes = sorted(lhs.start_byte for lhs, _ in symbol.writes if lhs.start_byte > offset)
    return _reached_past_writes(symbol, offset, later_writes, _reads_after(symbol, offset, source, model)[1],
                                source, model) if later_writes else []


def _reads_after(symbol: Symbol, offset: int, source: SourceFile, model: PackageModel) -> tuple[list[Node], list[Node]]:
    """(reads after `offset` up to the next assignment, reads past it)."""
    function = outermost_function(symbol.node)
    if function is None:
        return [], []
    later_writes = sorted(lhs.start_byte for lhs, _ in symbol.writes if lhs.start_byte > offset)
    stop = later_writes[0] if later_writes else function.end_byte
    uses, beyond = [], []
    for node in walk(function):
        if node.type != "identifier" or node.start_byte <= offset:
            continue
        if node.text != symbol.node.text or is_assignment_target(node):
            continue
        if model.resolve(node, source) is symbol:
            (uses if node.start_byte < stop else beyond).append(node)
    return uses, beyond


def _reached_past_writes(symbol: Symbol, offset: int, writes: list[int], reads: list[Node], source: SourceFile,
                         model: PackageModel) -> list[Node]:
    """The `reads` that a path from `offset` reaches without passing a
    write of `symbol` (at the byte offsets `writes`)."""
    paths = _ValuePaths.of(symbol, writes, source, model) if reads else None
    if paths is None:
        return []
    reached = paths.reached(offset)
    return [read for read in reads if paths.reads_there(read.start_byte, reached)]


def value_reaches(holder: Symbol, taken: int, via: int, use: int, source: SourceFile, model: PackageModel) -> bool:
    """Whether some path goes from `taken` (where `holder` got its value)
    through `via` to `use` without `holder` being assigned on the way: a
    write of the slice at `via` then matters to the value read at `use`.
    True when the flow is unknown."""
    # every assignment of the holder ends a path, its declaration too (a loop comes round to it)
    writes = [lhs.start_byte for lhs, _ in holder.writes] + [holder.node.start_byte]
    paths = _ValuePaths.of(holder, writes, source, model)
    if paths is None:
        return True
    step = paths.flow.node_at(via)
    return step is not None and step.id in paths.reached(taken) and paths.reads_there(use, paths.reached(via + 1))


class _ValuePaths:
    """Paths through the function around a variable on which it keeps its
    value: the flow with the statements that assign it blocked."""

    def __init__(self, flow, writes: list[int]):
        self.flow = flow
        self.writes = writes
        self.blocked = {node.id for at in writes if (node := flow.node_at(at)) is not None}

    @classmethod
    def of(cls, symbol: Symbol, writes: list[int], source: SourceFile, model: PackageModel) -> "_ValuePaths | None":
        from .flow import function_flow  # (flow reads no conversion facts)

        function = symbol.node.parent
        while function is not None and function.type not in ("function_declaration", "method_declaration",
                                                              "func_literal"):
            function = function.parent
        return cls(function_flow(function, source, model), writes) if function is not None else None

    def reached(self, offset: int) -> set[int]:
        """The flow nodes a path from `offset` reaches with the value unchanged
        (a blocked node is reached, and ends the path)."""
        start = self.flow.node_at(max(offset - 1, 0))  # (`offset` may end the statement it is in)
        if start is None:
            return set()
        return {n.id for n in self.flow.reach(start.id, lambda n: n.id in self.blocked)}

    def reads_there(self, offset: int, reached: set[int]) -> bool:
        """A read at `offset` sees the value when its node is reached; in a
        node that assigns the variable, only before the assignment
        (`p = f(p)` reads p first)."""
        node = self.flow.node_at(offset)
        if node is None or node.id not in reached:
            return False
        return node.id not in self.blocked or \
            offset > min(at for at in self.writes if self.flow.node_at(at) is node)


def is_assignment_target(ident: Node) -> bool:
    parent = ident.parent
    if parent is None or parent.type != "expression_list":
        return False
    statement = parent.parent
    return statement is not None and statement.type in ("assignment_statement", "short_var_declaration") \
        and statement.child_by_field_name("left") == parent


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
