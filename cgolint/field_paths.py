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
    (through conversions) hands C, with promoted fields spelled out
    (`&t.handle` of an embedded `base`: ["base", "handle"]), or as spelled
    where the package's types do not settle it (a C struct's field, a field
    through a pointer: memory the variable's own fields are not); [] (the
    whole variable) for anything else, or an element."""
    field = _address_operand(_without_conversions(arg))
    path = _field_path(field)
    if not path or None in path:
        return []
    root = field
    while root.type == "selector_expression":
        root = strip_parens(root.child_by_field_name("operand"))
    return canonical_path(path, package.type_of(root, source), package) or path


def passed_variable(arg: Node) -> Node | None:
    """x of an argument spelled `&x` at the call (through conversions): the
    variable's own memory is handed to C."""
    operand = _address_operand(_without_conversions(arg))
    return operand if operand is not None and operand.type == "identifier" else None


def canonical_path(path: list[str | None], root_type, package: PackageModel) -> list[str | None] | None:
    """`path` below a variable of `root_type` (or a pointer to it) with each
    promoted field preceded by the embedded struct that holds it; None when
    a step goes through a pointer, or a type the package does not declare,
    or a field no struct of the way declares once. A wildcard ends it."""
    t = root_type.elem if root_type is not None and root_type.kind == "pointer" else root_type
    found: list[str | None] = []
    for position, name in enumerate(path):
        if name is None:
            return found + path[position:]
        fields = _struct_fields(t, package)
        if fields is None:
            return None
        if name not in fields:
            holders = [embedded for embedded, type_node in fields.items() if type_node is not None
                       and type_node.parent.type == "field_declaration" and _is_embedding(type_node.parent)
                       and name in (_struct_fields(package.spelled_type(type_node, {}), package) or {})]
            if len(holders) != 1:
                return None
            found.append(holders[0])
            fields = _struct_fields(package.spelled_type(fields[holders[0]], {}), package)
        found.append(name)
        type_node = fields.get(name)
        t = package.spelled_type(type_node, {}) if type_node is not None else None
        if position < len(path) - 1 and (t is None or t.kind != "named"):
            return None  # through a pointer field, or a type out of sight: another object, or unknown
    return found


def _struct_fields(t, package: PackageModel) -> dict[str, Node] | None:
    """A declared struct type's fields, each name (an embedded one by its
    type's name) to its type node; None for anything else."""
    symbol = package.declaration(t.name) if t is not None and t.kind == "named" else None
    struct = symbol.type_node if symbol is not None and symbol.kind == "type" else None
    if struct is None or struct.type != "struct_type":
        return None
    fields: dict[str, Node] = {}
    for declaration in walk(struct):
        if declaration.type != "field_declaration" or declaration.parent.parent != struct:
            continue
        type_node = declaration.child_by_field_name("type")
        names = declaration.children_by_field_name("name")
        if not names and type_node is not None:  # embedded: by value only (`*T` is another object)
            by_value = type_node.type == "type_identifier" and not any(c.type == "*" for c in declaration.children)
            names = [type_node] if by_value else []
        for name in names:
            fields[text(name)] = type_node
    return fields


def _is_embedding(declaration: Node) -> bool:
    return not declaration.children_by_field_name("name")


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


def overlaps(passed: list[str | None], written: list[str | None]) -> bool:
    """Whether memory at field path `written` lies inside the memory at
    `passed` (or the other way round): one path a prefix of the other."""
    return all(a is None or b is None or a == b for a, b in zip(passed, written))
