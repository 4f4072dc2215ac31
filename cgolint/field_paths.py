"""Which fields of a Go variable a pointer hands C, and which a write lands
in: cmd/cgo checks only a field's own memory when the argument is `&x.f`
(not when it comes through a variable: then the whole object), so CGL004
weighs only the Go pointers written into that field (`passed_field`,
`written_path`, `overlaps`). A path is the list of field names below the
variable; None stands for any (an index, an unkeyed element)."""
from __future__ import annotations

from tree_sitter import Node

from .call_targets import call_arguments
from .model import PackageModel
from .source import SourceFile, strip_parens, text, walk


def passed_field(arg: Node, package: PackageModel, source: SourceFile) -> list[str | None]:
    """The field path an argument spelled `&x.f` or `&x.a.f` at the call
    (through conversions) hands C: ["f"], ["a", "f"]; [] (the whole
    variable) for anything else, a field reached through a pointer field
    (another object), an element, or one promoted from an embedded struct."""
    field = _address_operand(_without_conversions(arg))
    path = _field_path(field)
    if not path or None in path:
        return []
    holder = field
    for level in range(len(path)):
        holder = strip_parens(holder.child_by_field_name("operand"))
        if _embeds(holder, package, source):
            return []
        if level < len(path) - 1:  # a field holding the next struct: by value, or another object
            held = package.type_of(holder, source)
            if held is None or held.kind != "named":
                return []
    return path


def _address_operand(expr: Node) -> Node | None:
    """x of `&x`; None for anything else."""
    expr = strip_parens(expr)
    if expr is None or expr.type != "unary_expression" or text(expr.child_by_field_name("operator")) != "&":
        return None
    return strip_parens(expr.child_by_field_name("operand"))


def _field_path(node: Node | None) -> list[str | None]:
    """The fields below the root variable of `v.a.b` (["a", "b"]); an index
    on the way ends the path with a wildcard (None). Empty for the
    variable itself or anything else."""
    parts: list[str | None] = []
    node = strip_parens(node)
    while node is not None and node.type in ("selector_expression", "index_expression"):
        if node.type == "index_expression":
            parts = [None]  # which element is not followed: anything below it may be meant
        else:
            parts.insert(0, text(node.child_by_field_name("field")))
        node = strip_parens(node.child_by_field_name("operand"))
    return parts


def written_path(place: Node) -> list[str | None]:
    """The fields a write lands in: `v.a.b = x` (["a", "b"]), or an element
    `b: x` of a literal, nested in `a: {...}`, under what the literal is
    assigned to (`v.c = T{b: x}`: ["c", "b"]; the variable's own
    initializer: ["b"]); an element without a key, or a literal used
    otherwise, is a wildcard."""
    if place.type in ("selector_expression", "index_expression"):
        return _field_path(place)
    keys: list[str | None] = []
    element, literal = place, None
    while element is not None and element.type in ("keyed_element", "literal_element"):
        if element.type == "keyed_element":
            key = element.named_children[0] if element.named_children else None
            keys.insert(0, text(key) if key is not None and key.named_children
                        and key.named_children[0].type in ("identifier", "field_identifier") else None)
        else:
            keys.insert(0, None)
        literal = element.parent  # the literal_value holding it
        owner = literal.parent if literal is not None else None  # a composite_literal, or a nested element
        if owner is not None and owner.type == "composite_literal":
            literal, owner = owner, owner.parent  # the element holding `Inner{...}`, if nested
        element = owner if owner is not None and owner.type == "literal_element" else None
        element = element.parent if element is not None else None
    return _literal_target(literal) + keys


def _literal_target(literal: Node | None) -> list[str | None]:
    """The field path a composite literal is stored at: [] for a variable's
    initializer, `v.c = T{...}`'s ["c"], a wildcard for anything else."""
    node = literal
    while node is not None and node.parent is not None and (
            node.parent.type == "parenthesized_expression"
            or node.parent.type == "unary_expression" and text(node.parent.child_by_field_name("operator")) == "&"):
        node = node.parent
    values = node.parent if node is not None else None
    statement = values.parent if values is not None and values.type == "expression_list" else values
    if statement is not None and statement.type in ("short_var_declaration", "var_spec"):
        return []
    if statement is not None and statement.type == "assignment_statement":
        targets = statement.child_by_field_name("left").named_children
        position = [v.start_byte for v in values.named_children].index(node.start_byte) \
            if values.type == "expression_list" else 0
        if len(targets) == len(values.named_children) and targets[position].type != "identifier":
            return _field_path(targets[position])
        return [] if len(targets) == len(values.named_children) else [None]
    return [None]


def _without_conversions(arg: Node) -> Node:
    """The argument under `unsafe.Pointer(...)`, `(*T)(...)` and parentheses."""
    node = strip_parens(arg)
    for _ in range(8):
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            args = call_arguments(node)
            if len(args) != 1 or function is None or not (
                    function.type == "parenthesized_expression"
                    or "".join(text(function).split()) in ("unsafe.Pointer", "uintptr")):
                break
            node = strip_parens(args[0])
        elif node.type == "type_conversion_expression":
            node = strip_parens(node.child_by_field_name("operand"))
        else:
            break
    return node


def _embeds(holder: Node | None, package: PackageModel, source: SourceFile) -> bool:
    """Whether the struct type `holder` has (or points to) embeds another:
    a promoted field's path is not the one written (`s.user` of
    `s.E.user`). A type the package does not declare is taken as embedding."""
    t = package.type_of(holder, source) if holder is not None else None
    if t is not None and t.kind == "pointer":
        t = t.elem
    symbol = package.declaration(t.name) if t is not None and t.kind == "named" else None
    struct = symbol.type_node if symbol is not None and symbol.kind == "type" else None
    if struct is None or struct.type != "struct_type":
        return True
    return any(node.type == "field_declaration" and not node.children_by_field_name("name") for node in walk(struct))


def overlaps(passed: list[str | None], written: list[str | None]) -> bool:
    """Whether memory at field path `written` lies inside the memory at
    `passed` (or the other way round): one path a prefix of the other."""
    return all(a is None or b is None or a == b for a, b in zip(passed, written))
