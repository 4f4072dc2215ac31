"""Where the memory a Go expression points into lives: Go or C.

The cgo pointer rules turn on this one fact, and it follows values further
than a type does: through conversions, `&` and indexing, the C allocators,
every value a variable is assigned, what a package function returns, and
every value the package gives a `*C.T` field of its structs (`c_memory_field`). It is a derivation of its own beside
the types it consults (`symbol_type`, `PackageModel.type_of`);
`PackageModel.origin_of` memoises `derive_origin` and bounds its depth."""
from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from .call_targets import call_arguments
from .expression_types import declared_field, symbol_type
from .gotypes import GoType, parse_type
from .scopes import asked_on_stack, mutations, parameter_names, returns_of
from .source import SourceFile, assignments, exported_name, literal_values, strip_parens, text, walk

if TYPE_CHECKING:
    from .model import PackageModel

# C functions (as `C.name`) whose result is memory the caller must free.
C_ALLOCATORS = frozenset({"CString", "CBytes", "malloc", "calloc", "realloc", "strdup", "strndup"})
# Library functions whose string result is always new Go memory (never one
# of their arguments, as `strings.TrimSpace(s)` or `strings.Join` may be).
_NEW_STRINGS = frozenset({"fmt.Sprint", "fmt.Sprintf", "fmt.Sprintln"})
GO_MEMORY, C_MEMORY = "go", "c"


def derive_origin(package: PackageModel, expr: Node, source: SourceFile, depth: int) -> str | None:
    kind = expr.type
    recurse = lambda node: package.origin_of(node, source, depth + 1)  # noqa: E731
    if kind == "parenthesized_expression":
        return recurse(expr.named_children[0]) if expr.named_children else None
    if kind == "type_conversion_expression":
        operand = expr.child_by_field_name("operand")
        target = package.spelled_type(expr.child_by_field_name("type"), source.imports)
        if target is not None and target.kind == "slice":
            return GO_MEMORY  # []byte(s) copies into new Go memory
        return recurse(operand)
    if kind == "composite_literal":
        return GO_MEMORY
    if kind == "binary_expression" and text(expr.child_by_field_name("operator")) == "+" \
            and _concatenates(expr, package, source):
        return GO_MEMORY  # `"prefix: " + err.Error()`: a new string
    if kind == "binary_expression" and text(expr.child_by_field_name("operator")) in ("+", "-"):
        # `uintptr(p) + uintptr(i)*size`: arithmetic within the block p points to
        left = strip_parens(expr.child_by_field_name("left"))
        function = left.child_by_field_name("function") if left is not None and left.type == "call_expression" else None
        if function is not None and text(function) == "uintptr" and package.call_target(left, source).kind == "conversion":
            return recurse(left)
    if kind == "unary_expression" and text(expr.child_by_field_name("operator")) == "&":
        return _address_origin(package, expr.child_by_field_name("operand"), source, depth)
    if kind in ("index_expression", "slice_expression"):
        container = _address_origin(package, expr, source, depth)
        if kind == "index_expression" and container != C_MEMORY:
            element = package.type_of(expr, source)
            # a `*C.T` element of Go memory (a cache, an argv being built) points
            # wherever what was stored in it points; C memory holds no Go pointers
            if _holds_c_pointer(package, element):
                return _stored_origin(package, expr, source, depth)
            held = package.underlying(element)
            if held is not None and held.kind == "slice":  # a table of buffers: as stored, when seen
                return _stored_origin(package, expr, source, depth) or container
        return container
    if kind == "call_expression":
        target = package.call_target(expr, source)
        if target.kind == "c":
            if target.name in C_ALLOCATORS:
                return C_MEMORY
            function = package.preamble.function(target.name)
            return C_MEMORY if function is not None and function.result.is_pointer else None
        args = call_arguments(expr)
        if target.kind == "builtin" and target.name == "append" and args and recurse(args[0]) == C_MEMORY:
            return None  # `append(cslice[:0], s...)` stays in C memory while it has the capacity
        if target.kind == "builtin" and target.name in ("make", "new", "append"):
            return GO_MEMORY
        if target.kind == "unsafe" and target.name in ("Slice", "SliceData", "Pointer", "String", "StringData", "Add") and args:
            return recurse(args[0])
        if target.kind == "conversion" and args:
            converted = package.spelled_type(expr.child_by_field_name("function"), source.imports)
            if converted is not None and converted.kind in ("slice", "string"):
                return GO_MEMORY
            return recurse(args[0])
        if target.kind == "other" and target.name in _NEW_STRINGS:
            return GO_MEMORY
        if target.kind == "func" and target.node is not None:
            index = returned_parameter(package, target.node)
            if index is not None:  # `byteToChar(b)`: where b's memory lives
                return recurse(args[index]) if index < len(args) else None
            if returns_c_memory(package, target.node):
                return C_MEMORY
            return GO_MEMORY if returns_go_memory(package, target.node) else None
        return None
    if kind == "identifier":
        return _identifier_origin(package, expr, source, depth)
    if kind == "selector_expression":
        held = package.underlying(package.type_of(expr, source))
        if held is not None and held.kind in ("pointer", "unsafe_pointer"):
            # a pointer field holds whatever was stored in it, not its struct's memory
            return C_MEMORY if c_memory_field(expr, package, source) else None
        return _address_origin(package, expr, source, depth, address_taken=False)
    return None


def _concatenates(expr: Node, package: PackageModel, source: SourceFile) -> bool:
    """`"prefix: " + x`, x not a constant: a string made at run time, in new
    Go memory (a non-empty literal on one side: never just the other side)."""
    literals = ("interpreted_string_literal", "raw_string_literal")
    left, right = strip_parens(expr.child_by_field_name("left")), strip_parens(expr.child_by_field_name("right"))
    for one, other in ((left, right), (right, left)):
        if one is None or other is None or one.type not in literals or len(one.text) <= 2 or other.type in literals:
            continue
        symbol = package.resolve(other, source) if other.type == "identifier" else None
        if symbol is None or symbol.kind != "const":
            return True
    return False


def _stored_origin(package: PackageModel, element: Node, source: SourceFile, depth: int) -> str | None:
    """The origin shared by every value the code stores in the container of
    `element`: its literal's elements, what `append` adds, `c[k] = v`; None
    when they differ, one is unknown, or nothing is seen stored."""
    base = strip_parens(element.child_by_field_name("operand"))
    symbol = package.resolve(base, source) if base is not None and base.type == "identifier" else None
    if symbol is None or symbol.kind not in ("local", "package_var") or symbol.index:
        return None
    values = []
    for value in ([symbol.value] if symbol.value is not None else []) + [rhs for _, rhs in symbol.writes]:
        added = _added_elements(package, value, symbol, symbol.file)
        if added is None:
            return None
        values.extend((v, symbol.file) for v in added)
    values.extend(_element_stores(package, symbol))
    origins = {package.origin_of(v, file, depth + 1) for v, file in values}
    return origins.pop() if len(origins) == 1 else None


def _added_elements(package: PackageModel, value: Node | None, symbol, source: SourceFile) -> list[Node] | None:
    """The elements a value assigned to the container brings: those of a
    composite literal, none for `make`, those `append(c, ...)` adds to the
    container itself; None for anything else (unknown contents)."""
    value = strip_parens(value)
    if value is None:
        return None
    if value.type == "composite_literal":
        return [item for _, item in literal_values(value)]
    if value.type == "call_expression":
        target = package.call_target(value, source)
        args = call_arguments(value)
        if target.kind == "builtin" and target.name == "make":
            return []
        if target.kind == "builtin" and target.name == "append" and args and \
                args[0].type == "identifier" and package.resolve(args[0], source) is symbol and \
                not any(a.type == "variadic_argument" for a in args):
            return args[1:]
    return None


def _element_stores(package: PackageModel, symbol) -> list[tuple[Node, SourceFile]]:
    """(value, file) of every `c[k] = v` into the container `symbol`: in its
    function for a local, in every file that mentions it for a package variable."""
    found = []
    files = package.files_mentioning(symbol.name) if symbol.kind == "package_var" else [symbol.file]
    scope = symbol.scope if symbol.kind == "local" else None
    for source in files:
        for node in source.declarations[1]:
            if scope is not None and not scope.start_byte <= node.start_byte < scope.end_byte:
                continue
            for target, value in assignments(node):
                target = strip_parens(target)
                operand = strip_parens(target.child_by_field_name("operand")) \
                    if target.type == "index_expression" else None
                if operand is not None and operand.type == "identifier" and \
                        package.resolve(operand, source) is symbol:
                    found.append((value, source))
    return found


def _holds_c_pointer(package: PackageModel, t) -> bool:
    """A `*C.T` or `unsafe.Pointer` value: typed so that it may point to C memory."""
    held = package.underlying(t)
    if held is not None and held.kind == "pointer":
        held = package.underlying(held.elem)
        return held is not None and held.kind == "c"
    return held is not None and held.kind == "unsafe_pointer"


def _identifier_origin(package: PackageModel, ident: Node, source: SourceFile, depth: int) -> str | None:
    symbol = package.resolve(ident, source)
    if symbol is None or symbol.kind in ("func", "type", "const"):
        return None
    values = [symbol.value] if symbol.value is not None and not symbol.index else []
    values += [rhs for _, rhs in symbol.writes]
    if symbol.value is None and symbol.kind in ("param", "receiver", "result", "local", "package_var"):
        declared = package.underlying(symbol_type(package, symbol, depth + 1))
        if declared is not None and declared.kind in ("slice", "array", "string") and \
                (declared.elem is None or declared.elem.kind != "c"):
            if declared.kind == "array" or not symbol.writes:
                return GO_MEMORY
        if declared is not None and declared.kind == "array":
            return GO_MEMORY
        if not values and symbol.kind == "param" and declared is not None and declared.kind == "pointer" \
                and declared.elem is not None and declared.elem.kind == "c" and _called_only_by_c(package, symbol.scope):
            return C_MEMORY
        if not values:
            return None
    if not values or any(v is None for v in values):
        return None
    # asked of itself from each of its values (`buf = append(buf, a...)` six
    # times): else the questions multiply with every write
    asking = asked_on_stack("origin")
    if id(symbol) in asking:
        return None
    asking.add(id(symbol))
    try:
        origins = {package.origin_of(v, symbol.file, depth + 1) for v in values}
    finally:
        asking.discard(id(symbol))
    return origins.pop() if len(origins) == 1 else None


def _called_only_by_c(package: PackageModel, function: Node | None) -> bool:
    """An `//export`ed function that no Go code can call: unexported (or
    in package main), and named nowhere else in the package, not even as
    `C.name` (Go calling the export through C). Its `*C.T` parameters are
    what C gives it: C memory as a rule (an output struct, a context C
    allocated), though C may pass on a pointer Go gave it."""
    if function is None or function.type != "function_declaration" or exported_name(function) is None:
        return False
    memo = package.memo("called only by C")
    if function not in memo:
        name = function.child_by_field_name("name")
        memo[function] = name is not None and (text(name)[:1].islower() or package.package_name == "main") \
            and not any(node.text == name.text and node != name and (
                node.type == "identifier" or node.type == "field_identifier" and node.parent.type == "selector_expression")
                for file in package.files_mentioning(text(name)) for node in walk(file.root))
    return memo[function]


def _address_origin(package: PackageModel, operand: Node | None, source: SourceFile, depth: int, address_taken: bool = True) -> str | None:
    """Origin of the memory `&operand` (or an element of operand) lives in."""
    node = operand
    while node is not None and depth < 32:
        depth += 1
        kind = node.type
        if kind == "parenthesized_expression":
            node = node.named_children[0] if node.named_children else None
        elif kind in ("index_expression", "slice_expression", "selector_expression"):
            base = node.child_by_field_name("operand")
            base_type = package.underlying(package.type_of(base, source))
            if base_type is None:
                return None
            if base_type.kind in ("slice", "pointer", "unsafe_pointer", "string"):
                return package.origin_of(base, source, depth + 1)  # memory the base points into
            if base_type.kind == "c" and kind == "selector_expression":
                return None
            node = base  # an array or struct value: the same variable's memory
        elif kind == "identifier":
            symbol = package.resolve(node, source)
            if symbol is None or symbol.kind in ("func", "type", "const"):
                return None
            if not address_taken and node is operand:
                return _identifier_origin(package, node, source, depth)
            return GO_MEMORY  # a Go variable: its own storage is Go memory
        elif kind == "unary_expression" and text(node.child_by_field_name("operator")) == "*":
            return package.origin_of(node.child_by_field_name("operand"), source, depth + 1)
        elif kind == "composite_literal":
            return GO_MEMORY
        else:
            return package.origin_of(node, source, depth + 1)
    return None


# --- functions that hand back a pointer into what they were given ----------

_NIL = -1  # a returned nil: no memory
# Parameters whose value refers to memory outside the function's own frame.
_REFERENCE_KINDS = ("pointer", "unsafe_pointer", "slice", "string")


def returns_c_memory(package: PackageModel, declaration: Node) -> bool:
    """Whether every return of a function that is not nil hands back C
    memory: `return (*C.struct_node)(C.malloc(n))`, a C.CString..."""
    return _returns_only(package, declaration, C_MEMORY)


def returns_go_memory(package: PackageModel, declaration: Node) -> bool:
    """Whether every return of a function that is not nil hands back Go
    memory: `return []byte("abc")`, `return make([]byte, n)`..."""
    return _returns_only(package, declaration, GO_MEMORY)


def _returns_only(package: PackageModel, declaration: Node, origin: str) -> bool:
    def derive(source: SourceFile) -> bool:
        values = [_returned_value(statement) for statement in returns_of(declaration)]
        values = [v for v in values if v is None or strip_parens(v).type != "nil"]
        return bool(values) and all(v is not None and package.origin_of(v, source) == origin for v in values)

    return _function_summary(package, f"returns-{origin}-memory", declaration, derive, False)


def returned_parameter(package: PackageModel, declaration: Node) -> int | None:
    """The parameter whose memory a function's pointer result points into,
    on every return that is not nil: `return (*C.char)(unsafe.Pointer(&b[0]))`,
    `return unsafe.SliceData(b)`, or a local assigned only such values and
    nil (the `byteToChar` helper of many bindings). None when some return
    says otherwise, or the function returns nil only."""

    def derive(source: SourceFile) -> int | None:
        parameters = {}
        for index, ident in enumerate(parameter_names(declaration)):
            symbol = package.resolve(ident, source) if ident is not None else None
            if symbol is not None and not symbol.writes:
                parameters[symbol] = index
        found: set[int] = set()
        for statement in returns_of(declaration):
            value = _returned_value(statement)
            index = _parameter_memory(package, value, source, declaration, parameters, 0) \
                if value is not None else None
            if index is None:
                return None
            found.add(index)
        found.discard(_NIL)
        return found.pop() if len(found) == 1 else None

    return _function_summary(package, "returned-parameter", declaration, derive, None)


def _function_summary(package: PackageModel, analysis: str, declaration: Node, derive, unknown):
    """`derive(file)` for a function of the package, worked out once per
    package; `unknown` when its file is not known, and while it is being
    derived (a recursive function asks about itself)."""
    memo = package.memo(analysis)
    if declaration in memo:
        return memo[declaration]
    memo[declaration] = unknown
    try:
        source = package.file_of(declaration)
    except ValueError:
        return unknown
    memo[declaration] = result = derive(source)
    return result


def _returned_value(statement: Node) -> Node | None:
    """The one value a return statement gives; None for none or several."""
    values = [c for c in statement.named_children if c.type != "comment"]
    if len(values) == 1 and values[0].type == "expression_list":
        values = [c for c in values[0].named_children if c.type != "comment"]
    return values[0] if len(values) == 1 else None


def _parameter_memory(package: PackageModel, expr: Node, source: SourceFile, function: Node,
                      parameters: dict, depth: int) -> int | None:
    """The index of the parameter whose memory `expr` (a pointer) points
    into, _NIL for nil, None when unknown."""
    if depth > 8:
        return None
    expr = strip_parens(expr)
    kind = expr.type
    if kind == "nil":
        return _NIL
    if kind == "type_conversion_expression":
        return _parameter_memory(package, expr.child_by_field_name("operand"), source, function, parameters, depth + 1)
    if kind == "call_expression":
        target = package.call_target(expr, source)
        args = call_arguments(expr)
        if not args:
            return None
        if (target.kind == "unsafe" and target.name in ("Pointer", "SliceData", "StringData", "Add")) or \
                (target.kind == "conversion" and len(args) == 1):
            return _parameter_memory(package, args[0], source, function, parameters, depth + 1)
        if target.kind == "other" and target.name in _NEW_STRINGS:
            return GO_MEMORY
        if target.kind == "func" and target.node is not None:
            index = returned_parameter(package, target.node)
            if index is not None and index < len(args):
                return _parameter_memory(package, args[index], source, function, parameters, depth + 1)
        return None
    if kind == "unary_expression" and text(expr.child_by_field_name("operator")) == "&":
        operand = strip_parens(expr.child_by_field_name("operand"))
        if operand.type not in ("index_expression", "slice_expression"):
            return None
        base = strip_parens(operand.child_by_field_name("operand"))
        held = package.underlying(package.type_of(base, source))
        if base.type != "identifier" or held is None or held.kind != "slice":
            return None  # an array parameter is the function's own copy
        return parameters.get(package.resolve(base, source))
    if kind == "identifier":
        symbol = package.resolve(expr, source)
        if symbol is None:
            return None
        if symbol in parameters:
            held = package.underlying(package.type_of(expr, source))
            return parameters[symbol] if held is not None and held.kind in _REFERENCE_KINDS else None
        if symbol.kind != "local" or symbol.index or symbol.file is not source or \
                next(mutations(symbol, function, package, source), None) is not None:
            return None
        values = [symbol.value] if symbol.value is not None else []
        values += [rhs for _, rhs in symbol.writes]
        if any(value is None for value in values):
            return None
        found = {_parameter_memory(package, value, source, function, parameters, depth + 1) for value in values}
        if symbol.value is None:
            found.add(_NIL)  # declared without a value: nil until assigned
        found.discard(_NIL)
        if None in found or len(found) > 1:
            return None
        return found.pop() if found else _NIL
    return None


def _struct_name(t: GoType | None) -> str:
    """The name of a named Go type `T` or `*T`, else ""."""
    if t is not None and t.kind == "pointer":
        t = t.elem
    return t.name if t is not None and t.kind == "named" and t.name else ""


def c_memory_field(expr: Node, package: PackageModel, source: SourceFile) -> bool:
    """`x.f` where `f` is a `*C.T` field of a Go struct type of this package
    (promoted from an embedded struct too: `ch.c` for `ch.handle.c`)
    and every value the package ever gives `f` (assignments, keyed composite
    literals) is C memory or nil: `w.z` after `&Writer{z: (*C.stream)(C.calloc(...))}`
    in a constructor. Any other write, an unknown operand type, `&x.f` or a
    positional literal of the type makes the answer False."""
    expr = strip_parens(expr)
    if expr.type != "selector_expression":
        return False
    operand = expr.child_by_field_name("operand")
    name = text(expr.child_by_field_name("field"))
    found = declared_field(package, package.type_of(operand, source), name)
    if found is None or not found[0]:
        return False
    owner, declared = found[0], package.underlying(found[1])
    if declared is None or declared.kind != "pointer" or package.underlying(declared.elem) is None \
            or package.underlying(declared.elem).kind != "c":
        return False
    cache = package.memo("fields holding C memory")
    key = (owner, name)
    if key not in cache:
        cache[key] = False  # a field given its own value (`n.next = m.next`) asks about itself: unknown
        cache[key] = _field_values_in_c_memory(owner, name, package)
    return cache[key]


def _field_values_in_c_memory(owner: str, name: str, package: PackageModel) -> bool:
    index = _field_writes(package)
    for field, source in index.addressed.get(name, ()):
        if _struct_name(package.type_of(field.child_by_field_name("operand"), source)) in ("", owner):
            return False  # `&x.f`: written through a pointer source cannot follow
    values: list[tuple[Node, SourceFile]] = []
    struct = package.underlying(GoType("named", owner))
    fields = [n for n, _ in struct.fields] if struct is not None and struct.kind == "struct" else []
    for target, value, source in index.assigned.get(name, ()):
        declared = declared_field(package, package.type_of(target.child_by_field_name("operand"), source), name)
        if declared is None or not declared[0]:
            return False  # a write to some `.f` of unknown type
        if declared[0] != owner:
            if _defined_as(package, declared[0], owner) or _defined_as(package, owner, declared[0]):
                return False  # `type T2 T`: the same field
            continue  # another struct's field (promoted from another embedded struct, too)
        if value is None:
            return False  # `a, b = f()` or `op=`
        values.append((value, source))
    for body, source, typed in index.literals:
        literal_type = _literal_type(body, source, package)
        if (typed or literal_type is not None) and _struct_name(literal_type) != owner:
            continue
        # an elided type (`[]T{{b: p}}`, `map[K]*T{"a": {p, 2}}`) may be owner's: its values count
        elements = [e for e in body.named_children if e.type != "comment"]
        if all(e.type != "keyed_element" for e in elements) and elements:
            if typed:
                return False  # positional: every field gets a value
            if len(elements) == len(fields) and name in fields:
                values.append((_element_value(elements[fields.index(name)]), source))
            continue
        for element in elements:
            key_node = element.child_by_field_name("key") or (element.named_children[0] if element.named_children else None)
            if element.type == "keyed_element" and key_node is not None and "".join(text(key_node).split()) == name:
                values.append((_element_value(element.child_by_field_name("value") or element.named_children[-1]), source))
    if not values:
        return False
    for value, source in values:
        value = strip_parens(value)
        if value.type == "nil" or (value.type == "identifier" and text(value) == "nil"):
            continue
        if package.origin_of(value, source) != C_MEMORY:
            return False
    return True


def _defined_as(package: PackageModel, name: str, other: str) -> bool:
    """Whether the named type `name` is declared as `other`, or as a type
    declared as `other` (`type T2 T`): they share their fields."""
    for _ in range(8):
        symbol = package.declaration(name)
        spelled = package.spelled_type(symbol.type_node, symbol.file.imports) \
            if symbol is not None and symbol.kind == "type" else None
        if spelled is None or spelled.kind != "named":
            return False
        if spelled.name == other:
            return True
        name = spelled.name
    return False


def _literal_type(body: Node, source: SourceFile, package: PackageModel, depth: int = 0) -> GoType | None:
    """The type of the composite literal whose body is `body`: written, or
    for an elided one (`[]T{{...}}`, `map[K]*T{"k": {...}}`) the element
    type of the literal around it; None when unknown (a map key, too deep)."""
    parent = body.parent
    if parent is None or depth > 8:
        return None
    if parent.type == "composite_literal":
        return parse_type_node(parent, source)
    if parent.type != "literal_element":
        return None
    up = parent.parent
    if up is not None and up.type == "keyed_element":
        if (up.child_by_field_name("key") or up.named_children[0]) == parent:
            return None  # a map key
        up = up.parent
    outer = _literal_type(up, source, package, depth + 1) if up is not None and up.type == "literal_value" else None
    outer = package.underlying(outer) if outer is not None else None
    if outer is None or outer.kind not in ("slice", "array", "map"):
        return None
    element = outer.elem
    return element.elem if element is not None and element.kind == "pointer" else element


def _element_value(value: Node) -> Node:
    return value.named_children[0] if value.type == "literal_element" and value.named_children else value


class _FieldWrites:
    """Every place the package gives a struct field a value, by field name,
    from one walk of its files: `x.f = v` (v None when not one value),
    `&x.f`, and the bodies of composite literals (typed or elided)."""

    def __init__(self, package: PackageModel):
        self.assigned: dict[str, list[tuple[Node, Node | None, SourceFile]]] = {}
        self.addressed: dict[str, list[tuple[Node, SourceFile]]] = {}
        self.literals: list[tuple[Node, SourceFile, bool]] = []
        for source in package.files:
            for node in walk(source.tree.root_node):
                if node.type == "assignment_statement":
                    pairs = assignments(node)
                    left = node.child_by_field_name("left")
                    for target in left.named_children if left is not None else []:
                        target = strip_parens(target)
                        if target.type == "selector_expression":
                            value = next((r for l, r in pairs if strip_parens(l) == target), None)
                            self.assigned.setdefault(text(target.child_by_field_name("field")), []).append(
                                (target, value, source))
                elif node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
                    operand = strip_parens(node.child_by_field_name("operand"))
                    if operand is not None and operand.type == "selector_expression":
                        self.addressed.setdefault(text(operand.child_by_field_name("field")), []).append(
                            (operand, source))
                elif node.type == "literal_value":
                    self.literals.append((node, source, node.parent is not None
                                          and node.parent.type == "composite_literal"))


def _field_writes(package: PackageModel) -> _FieldWrites:
    memo = package.memo("field writes")
    if "index" not in memo:
        memo["index"] = _FieldWrites(package)
    return memo["index"]


def parse_type_node(literal: Node, source: SourceFile) -> GoType | None:
    type_node = literal.child_by_field_name("type")
    return parse_type(type_node, source.imports) if type_node is not None else None
