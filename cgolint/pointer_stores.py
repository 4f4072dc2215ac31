"""Go pointers stored where C can see them: assignments into C memory
(`c_memory_stores`, with `*C.T` fields that only ever hold C memory), and Go
pointers written into a C struct or `[]*C.char` that lives in Go memory
(`go_pointer_fields`, `literal_go_pointers`). CGL004 reports the first, and
the second when such a struct is passed to C. They stand apart from `go_pointers`
because they judge the place a value goes, not the value: a statement, the
package's writes to a field, a composite literal.

Every fact is computed from source and stays None/empty when source does
not tell; the rules that read these facts then stay silent."""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from .call_targets import call_arguments, receiving_call
from .conversions import int_literal_value
from .expr_keys import expr_key
from .field_paths import written_path
from .go_pointers import GoPointer, go_object_pointer, go_pointer, in_global_storage, root_symbol
from .memory_origins import C_MEMORY, GO_MEMORY
from .model import PackageModel
from .preamble import CType
from .scopes import Symbol, outermost_function
from .source import SourceFile, assignments, literal_values, strip_parens, text, walk

# Kinds of Go values that are, or hold, a Go pointer.
POINTER_KINDS = frozenset({"pointer", "unsafe_pointer", "slice", "string", "map", "chan", "func", "interface"})


@dataclass(frozen=True)
class Store:
    """`lhs = rhs` where lhs is in C memory and rhs is a Go pointer, or a
    value (an array, a struct) that holds `pointer`."""

    statement: Node
    lhs: Node
    rhs: Node
    pointer: GoPointer


def lhs_in_c_memory(lhs: Node, package: PackageModel, source: SourceFile) -> bool:
    """`p.f`, `*(**T)(p)`, `(*[n]*T)(p)[i]`, `s[i]` where p/s point into
    C memory, and C's global variables (`C.kept`, `C.state.buf`)."""
    lhs = strip_parens(lhs)
    if _in_c_global(lhs, package, source):
        return True
    if lhs.type == "unary_expression" and text(lhs.child_by_field_name("operator")) == "*":
        return package.origin_of(lhs.child_by_field_name("operand"), source) == C_MEMORY
    if lhs.type in ("selector_expression", "index_expression"):
        base = lhs.child_by_field_name("operand")
        base_type = package.underlying(package.type_of(base, source))
        if base_type is not None and base_type.kind in ("struct", "array", "c") and \
                strip_parens(base).type in ("selector_expression", "index_expression"):
            # a field or element of a struct or array value lives where that value
            # does: `iov[0].iov_base` with iov := unsafe.Slice(cArray, n)
            return lhs_in_c_memory(base, package, source)
        if base_type is None or base_type.kind not in ("pointer", "slice", "unsafe_pointer"):
            return False  # a struct or array value: memory of its own variable
        return package.origin_of(base, source) == C_MEMORY
    return False


def _in_c_global(lhs: Node, package: PackageModel, source: SourceFile) -> bool:
    """`C.name`, assigned: cgo allows that only of a variable of the
    preamble, which lives in C's data; and its fields and elements
    (`C.current.data`, `C.names[i]`, `C.bufs[i].data`) as far as its
    declared type shows them held by value, not through a pointer (which
    Go follows, to memory that may be Go's)."""
    steps: list[Node] = []
    node = lhs
    while node is not None and node.type in ("selector_expression", "index_expression"):
        operand = strip_parens(node.child_by_field_name("operand"))
        if node.type == "selector_expression" and operand is not None and operand.type == "identifier" \
                and operand.text == b"C" and source.uses_cgo:
            break
        steps.insert(0, node)
        node = operand
    if node is None or node.type != "selector_expression" or not source.uses_cgo:
        return False
    if not steps:
        return True
    preamble = package.preamble
    ctype = preamble.globals.get(text(node.child_by_field_name("field")))
    for step in steps:
        if ctype is None:
            return False
        ctype = preamble.resolve(ctype)
        if step.type == "index_expression":
            ctype = CType(ctype.base, ctype.pointers, None, ctype.const) if ctype.array is not None else None
        else:
            struct = preamble.structs.get(ctype.base.removeprefix("struct ")) \
                if ctype.pointers == 0 and ctype.array is None else None
            name = text(step.child_by_field_name("field"))
            ctype = next((t for f, t in struct.fields if f == name), None) if struct is not None else None
    return ctype is not None


def stored_go_pointer(rhs: Node, package: PackageModel, source: SourceFile) -> GoPointer | None:
    """The Go pointer a stored value is, or None (not a pointer, C memory, unknown)."""
    pointer = go_pointer(rhs, package, source)
    if pointer is None or (pointer.origin != GO_MEMORY and not go_object_pointer(pointer, package, source)) \
            or in_global_storage(pointer, package, source):
        return None
    t = package.underlying(package.type_of(pointer.expr, source))
    if t is not None and t.kind not in POINTER_KINDS:
        return None
    if t is None and not (pointer.expr.type == "unary_expression" or pointer.expr.type == "call_expression"):
        return None
    return pointer


def c_memory_stores(statement: Node, package: PackageModel, source: SourceFile) -> list[Store]:
    """Go pointers this assignment (or `copy(dst, src)` call) stores into C
    memory: the value itself, or those an array or struct value carries
    (`p.a = [10]*C.char{new(C.char)}`, `p.a = *n`, cmd/cgo's barrier tests)."""
    if statement.type == "call_expression":
        return _copied_into_c(statement, package, source)
    stores = []
    for lhs, rhs in assignments(statement):
        if not lhs_in_c_memory(lhs, package, source):
            continue
        pointer = stored_go_pointer(rhs, package, source)
        if pointer is not None:
            stores.append(Store(statement, lhs, rhs, pointer))
            continue
        stores += [Store(statement, lhs, rhs, carried)
                   for _, value in _carried_go_pointers(rhs, statement, package, source)[:1]
                   if (carried := stored_go_pointer(value, package, source)) is not None]
    return stores


def _copied_into_c(call: Node, package: PackageModel, source: SourceFile) -> list[Store]:
    """`copy(p.a[:], []*C.char{new(C.char)})` into C memory."""
    args = call_arguments(call)
    if len(args) != 2 or text(call.child_by_field_name("function")) != "copy" \
            or package.call_target(call, source).kind != "builtin":
        return []
    destination = strip_parens(args[0])
    held = strip_parens(destination.child_by_field_name("operand")) if destination.type == "slice_expression" \
        else destination
    if held is None or not (lhs_in_c_memory(held, package, source) or package.origin_of(held, source) == C_MEMORY):
        return []
    return [Store(call, destination, args[1], carried)
            for _, value in _carried_go_pointers(args[1], call, package, source)[:1]
            if (carried := stored_go_pointer(value, package, source)) is not None]


def _carried_go_pointers(value: Node, before: Node, package: PackageModel, source: SourceFile) -> list[tuple[Node, Node]]:
    """The Go pointers an array or struct value holds: a literal's, or those
    written into the variable `v` (or `*v`) it is read from before `before`."""
    value = strip_parens(value)
    if value is not None and value.type == "unary_expression" and text(value.child_by_field_name("operator")) == "*":
        value = strip_parens(value.child_by_field_name("operand"))
    if value is None:
        return []
    if value.type == "composite_literal" or value.type == "call_expression":  # `C.struct_s{...}`, `T(...)`
        return literal_go_pointers(value, package, source)
    symbol = package.resolve(value, source) if value.type == "identifier" else None
    return go_pointer_fields(symbol, before, package, source) if symbol is not None and symbol.is_local else []


def go_pointer_fields(symbol: Symbol, before: Node, package: PackageModel, source: SourceFile) -> list[tuple[Node, Node]]:
    """(place, value) pairs where a Go pointer is written into a variable
    whose type alone does not say it holds Go pointers (a C struct in Go
    memory, a `[]*C.char`), before `before`: `a.buf = (*C.char)(unsafe.Pointer(&b[0]))`,
    `argv[i] = (*C.char)(unsafe.Pointer(&b[0]))`, `C.struct_x{buf: ...}`."""
    found: list[tuple[Node, Node]] = []
    offset: int | None = 0  # how far reslices moved the start along the literal the variable was made with
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
            if lhs.type == "identifier":
                # `iov = append(iov, C.struct_iovec{iov_base: p, ...})`, `argv = append(argv, (*C.char)(p))`
                if package.resolve(lhs, source) is symbol:
                    appended = _appended_go_pointers(lhs, rhs, package, source)
                    if not appended and _replaces(lhs, rhs, node, before):
                        found, offset = [], 0  # a new value: what the old one held is gone
                    elif on_the_way(node, before):
                        found, offset = _kept(found, lhs, rhs, offset)
                    elif _moves_start(lhs, rhs):
                        offset = None  # a reslice that may or may not run: positions no longer known
                    found += appended or literal_go_pointers(rhs, package, source)
                continue
            # `v.f`, `v[i]`, `iov[i].iov_base`, `msgs[i].hdr.iov`, `(*v).f`: in v or in its
            # elements (not `b.keep[i]`: the elements of a field beside the memory passed)
            base = lhs
            while base.type == "selector_expression":
                base = strip_parens(base.child_by_field_name("operand"))
            while base.type == "index_expression":
                base = strip_parens(base.child_by_field_name("operand"))
            if base.type == "unary_expression" and text(base.child_by_field_name("operator")) == "*":
                base = strip_parens(base.child_by_field_name("operand"))
            if base is lhs or base.type != "identifier" or package.resolve(base, source) is not symbol:
                continue
            if stored_go_pointer(rhs, package, source) is not None:
                found.append((lhs, rhs))
                continue
            # a later store of something else over the same place (`iov[0].iov_base = cbuf`) replaces it
            if on_the_way(node, before):  # (not a store in a branch that may not run)
                place = "".join(text(lhs).split())
                indexes = _constant_indexes(lhs)  # `n[0] = nil` over the literal's first element
                found = [(l, r) for l, r in found if l.type == "keyed_element" and not indexes
                         or "".join(text(l).split()) != place and (not indexes or _element_positions(l) != indexes)]
            found += literal_go_pointers(rhs, package, source)  # `iov[i] = C.struct_iovec{iov_base: p, ...}`
    return found


def go_pointer_elements(container: Node, root: Symbol, before: Node, package: PackageModel,
                        source: SourceFile) -> list[tuple[Node, Node]]:
    """(place, value) pairs where a Go pointer is put into the slice a field
    of the variable `root` holds (`p.names`), before `before`: the literal
    `root` was made with (`&argv{names: []*C.char{p}}`), `p.names[i] = p`,
    `p.names = append(p.names, p)`; a new slice assigned on the way to
    `before` (`p.names = []*C.char{...}`) replaces what came earlier."""
    key = expr_key(container)
    path = key.split(".")[1:]
    function = outermost_function(before)
    found: list[tuple[Node, Node]] = []
    offset: int | None = 0
    if root.value is not None and not root.index:
        found += [(place, value) for place, value in literal_go_pointers(root.value, package, source)
                  if written_path(place)[:len(path)] == path]
    for node in walk(function) if function is not None and key else []:
        if node.type != "assignment_statement" or node.start_byte >= before.start_byte:
            continue
        for lhs, rhs in assignments(node):
            lhs = strip_parens(lhs)
            target = strip_parens(lhs.child_by_field_name("operand")) if lhs.type == "index_expression" else lhs
            if expr_key(target) != key or root_symbol(target, package, source) is not root:
                continue
            if target is not lhs:  # `p.names[i] = v`
                found += [(lhs, rhs)] if stored_go_pointer(rhs, package, source) is not None \
                    else literal_go_pointers(rhs, package, source)
                continue
            appended = _appended_go_pointers(lhs, rhs, package, source)
            if not appended and _replaces(lhs, rhs, node, before):
                found, offset = [], 0  # a new slice: what was put in the old one is gone
            elif on_the_way(node, before):
                found, offset = _kept(found, lhs, rhs, offset)
            elif _moves_start(lhs, rhs):
                offset = None
            found += appended + literal_go_pointers(rhs, package, source)
    return found


def _replaces(lhs: Node, rhs: Node, statement: Node, before: Node) -> bool:
    """`v = value` on the way to `before` gives v a new value, unless it
    keeps v's backing array, which cgo checks up to its capacity: `s =
    s[i:j]`, `s = append(s, ...)`, `s = append(s[:0], ...)` (see `_kept`)."""
    rhs = strip_parens(rhs)
    if rhs is not None and rhs.type == "call_expression" and text(rhs.child_by_field_name("function")) == "append":
        args = call_arguments(rhs)
        rhs = strip_parens(args[0]) if args else None
    while rhs is not None and rhs.type == "slice_expression":
        rhs = strip_parens(rhs.child_by_field_name("operand"))
    return on_the_way(statement, before) and (rhs is None or expr_key(rhs) != expr_key(lhs))


def _kept(found: list[tuple[Node, Node]], lhs: Node, rhs: Node, offset: int | None) -> tuple[list, int | None]:
    """What a literal put in a slice that `s = s[k:]`, `s = s[i:j:k]` or `s =
    append(s[:0], x, y)` still holds: not the literal's elements before the
    new start or past a capacity cut, nor those the append writes over. `offset` is how far earlier reslices moved the
    slice's start along the literal (None: not known); positions are known
    only for a literal's elements and constant bounds."""
    rhs = strip_parens(rhs)
    dropped: list[range] = []
    if rhs is not None and rhs.type == "slice_expression" and expr_key(rhs.child_by_field_name("operand")) == expr_key(lhs):
        start, capacity = rhs.child_by_field_name("start"), rhs.child_by_field_name("capacity")
        if start is not None or capacity is not None:
            k = _int_literal(start) if start is not None else 0
            cut = _int_literal(capacity) if capacity is not None else None
            if k is None or offset is None or capacity is not None and cut is None:
                return found, None
            dropped = [range(0, offset + k)] + ([range(offset + cut, 1 << 30)] if cut is not None else [])
            offset += k
    elif rhs is not None and rhs.type == "call_expression" and text(rhs.child_by_field_name("function")) == "append":
        args = call_arguments(rhs)
        base = strip_parens(args[0]) if args else None
        end = strip_parens(base.child_by_field_name("end")) if base is not None and base.type == "slice_expression" else None
        if end is not None and text(end) == "0" and base.child_by_field_name("start") is None \
                and expr_key(base.child_by_field_name("operand")) == expr_key(lhs) and offset is not None \
                and not any(a.type == "variadic_argument" for a in args):
            dropped = [range(offset, offset + len(args) - 1)]
    if not dropped:
        return found, offset
    return [(place, value) for place, value in found
            if not ((positions := _element_positions(place)) and any(positions[0] in r for r in dropped))], offset


def _int_literal(node: Node | None) -> int | None:
    node = strip_parens(node)
    return int_literal_value(node) if node is not None and node.type == "int_literal" else None


def _moves_start(lhs: Node, rhs: Node) -> bool:
    """`s = s[k:]` (or `s[i:j:k]`): the slice's start moves along its array."""
    rhs = strip_parens(rhs)
    return rhs is not None and rhs.type == "slice_expression" and expr_key(rhs.child_by_field_name("operand")) == \
        expr_key(lhs) and (rhs.child_by_field_name("start") is not None or rhs.child_by_field_name("capacity") is not None)


def on_the_way(statement: Node, before: Node) -> bool:
    """The statement runs every time before `before` does: it stands in a
    block that holds `before` (not in a branch or loop body of its own),
    and no `goto` of the function may jump over it."""
    block = statement.parent
    if block is None or not block.start_byte <= before.start_byte < block.end_byte:
        return False
    function = outermost_function(statement)
    return function is None or b"goto" not in function.text \
        or not any(node.type == "goto_statement" for node in walk(function))


def _appended_go_pointers(lhs: Node, rhs: Node, package: PackageModel, source: SourceFile) -> list[tuple[Node, Node]]:
    """The Go pointers `s = append(s, ...)` adds to s: items that are one,
    and those in items that are literals."""
    rhs = strip_parens(rhs)
    if rhs.type != "call_expression" or text(rhs.child_by_field_name("function")) != "append":
        return []
    found: list[tuple[Node, Node]] = []
    for item in call_arguments(rhs)[1:]:
        found += [(lhs, item)] if stored_go_pointer(item, package, source) is not None \
            else literal_go_pointers(item, package, source)
    return found


def _constant_indexes(lhs: Node) -> list[int] | None:
    """[i, j] of `v[i][j]` with constant indexes; None for anything else."""
    indexes: list[int] = []
    node = lhs
    while node.type == "index_expression":
        index = strip_parens(node.child_by_field_name("index"))
        if index is None or index.type != "int_literal" or not text(index).isdigit():
            return None
        indexes.insert(0, int(text(index)))
        node = strip_parens(node.child_by_field_name("operand"))
    return indexes if indexes and node.type == "identifier" else None


def _element_positions(element: Node) -> list[int] | None:
    """[i, j] of an element of an array literal nested in another, by
    position (or constant key); None when a level is keyed otherwise."""
    positions: list[int] = []
    node = element
    while node is not None and node.type in ("literal_element", "keyed_element"):
        if node.type == "keyed_element":
            key = node.named_children[0] if node.named_children else None
            key = key.named_children[0] if key is not None and key.named_children else key
            if key is None or key.type != "int_literal" or not text(key).isdigit():
                return None
            positions.insert(0, int(text(key)))
        else:
            siblings = [c for c in node.parent.named_children if c.type in ("literal_element", "keyed_element")]
            if any(c.type == "keyed_element" for c in siblings):
                return None
            positions.insert(0, next(i for i, c in enumerate(siblings) if c == node))
        literal = node.parent.parent  # literal_value -> composite_literal, or the element holding a nested literal
        node = literal if literal is not None and literal.type in ("literal_element", "keyed_element") \
            else (literal.parent if literal is not None and literal.parent is not None
                  and literal.parent.type in ("literal_element", "keyed_element") else None)
    return positions or None


def holds_only_c_pointers(symbol: Symbol | None, package: PackageModel, source: SourceFile) -> bool:
    """A local slice of pointers made empty (`css := make([]*uint8, n)`)
    whose every element write in its function stores C memory or nil (go-gl's
    `Strs`: pointers into a C.malloc block), and that is otherwise only
    indexed, measured or passed by its first element: its type says `[]*T`,
    but it holds no Go pointer."""
    value = strip_parens(symbol.value) if symbol is not None and symbol.kind == "local" and not symbol.writes \
        and symbol.value is not None and not symbol.index else None
    if value is None or value.type != "call_expression" or text(value.child_by_field_name("function")) != "make":
        return False
    made = call_arguments(value)
    sliced = package.underlying(package.spelled_type(made[0], source.imports)) if made else None
    element = package.underlying(sliced.elem) if sliced is not None and sliced.kind == "slice" else None
    if element is None or element.kind not in ("pointer", "unsafe_pointer"):
        return False  # elements that are structs: a write to one of their fields is not followed
    function = outermost_function(symbol.node)
    for node in walk(function) if function is not None else []:
        if node.type != "identifier" or node.start_byte == symbol.node.start_byte or text(node) != symbol.name \
                or package.resolve(node, source) is not symbol:
            continue
        parent = node.parent
        if parent.type == "index_expression" and parent.child_by_field_name("operand") == node:
            lhs, rhs = _assigned(parent)
            if lhs is parent and not (strip_parens(rhs).type == "nil" or package.origin_of(rhs, source) == C_MEMORY):
                return False
            address = _address_of(parent)
            if address is not None:
                handed = receiving_call(address, lambda n: n.parent, lambda c: package.call_target(c, source))
                if handed is None or handed[1].kind != "c":
                    return False  # `pp := &css[0]`: Go code may store anything through it
            continue  # an element read, `&css[0]` handed to C, or a store of C memory
        if parent.type == "argument_list" and text(parent.parent.child_by_field_name("function")) in ("len", "cap"):
            continue
        return False  # appended to, copied into, handed to a function, address taken...
    return True


def _address_of(element: Node) -> Node | None:
    """The `&element` expression around `element`, if any."""
    above = element.parent
    while above is not None and above.type == "parenthesized_expression":
        above = above.parent
    if above is not None and above.type == "unary_expression" and text(above.child_by_field_name("operator")) == "&":
        return above
    return None


def _assigned(element: Node) -> tuple[Node | None, Node | None]:
    """(element, value) when `element` is the target of a plain `=`; (None, None) otherwise."""
    statement = element.parent.parent if element.parent is not None else None
    if statement is None or statement.type != "assignment_statement":
        return None, None
    for lhs, rhs in assignments(statement):
        if lhs == element:
            return element, rhs
    return None, None


def literal_go_pointers(value: Node, package: PackageModel, source: SourceFile) -> list[tuple[Node, Node]]:
    """(element, value) pairs of a composite literal (or `&` of one) whose
    value is a Go pointer, in the literal or in the structs and arrays it
    holds by value (`[2]C.struct_iovec{{iov_base: p}, ...}`)."""
    found = []
    for element, item in literal_values(value):
        if item.type in ("literal_value", "composite_literal"):
            found += literal_go_pointers(item, package, source)
        elif stored_go_pointer(item, package, source) is not None:
            found.append((element, item))
    return found


__all__ = ["Store", "assignments", "c_memory_stores", "go_pointer_elements", "go_pointer_fields", "holds_only_c_pointers",
           "literal_go_pointers", "lhs_in_c_memory", "on_the_way", "stored_go_pointer"]
