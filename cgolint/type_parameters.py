"""Type parameters: which names of a function are its type parameters
(`declared_names`, to keep `T` from meaning a package type `T` there,
`with_parameters` marks them in a type), and the type set of one, as source spells it: the terms of its
constraint's union (`[T ~int32 | ~int64]`, or a constraint interface of
the package that is one union: `type Wide interface{ ~int64 | ~uint64 }`),
for a function's own type parameters and for a method's through its
receiver (`func (v *Vec[T]) Sum()` with `type Vec[T ~int64] struct`).
Anything else (`any`, `comparable`, methods in the constraint, embedded
constraints) is not a known set: the answer is None, and rules stay silent.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from tree_sitter import Node

from .gotypes import GoType, parse_type
from .scopes import outermost_function
from .source import SourceFile, text, walk

if TYPE_CHECKING:
    from .model import PackageModel


def type_set(name: str, at: Node, source: SourceFile, model: PackageModel) -> list[GoType] | None:
    """The types the type parameter `name`, in scope at `at`, may be; None
    when `name` is no type parameter there or its set is not a known union."""
    function = outermost_function(at)
    if function is None:
        return None
    constraint = _function_constraint(function, name)
    if constraint is None and function.type == "method_declaration":
        constraint = _receiver_constraint(function, name, model)
    if constraint is None:
        return None
    return _terms(constraint, source, model)


def narrowed(name: str, terms: list[GoType], at: Node, source: SourceFile, model: PackageModel) -> list[GoType]:
    """`terms` where a type switch on a value of the type parameter `name`
    says which it is: inside `case int32:` of `switch any(zero).(type)`
    (zero a `T`), T is int32 (a dispatch on the type, as in a generic
    kernel that calls the C function for each element type). On another
    branch, or in a function that asks T's size or kind, none: the choice
    may be made on T in a way not followed."""
    node, branched = at.parent, False
    while node is not None and node.type not in ("function_declaration", "method_declaration"):
        if node.type == "type_case" and node.parent is not None and node.parent.type == "type_switch_statement" \
                and _switches_on(node.parent, name, source, model):
            cased = [parse_type(t, source.imports) for t in node.children_by_field_name("type")]
            if cased and None not in cased:
                return cased
        # on one branch of a choice: the choice may be made on T at run time (a helper's `sizeOf[T]()`, a
        # width field), so which T reaches here is not known
        branched = branched or node.type in ("expression_case", "default_case", "type_case", "communication_case") \
            or node.type == "block" and node.parent is not None and node.parent.type == "if_statement"
        node = node.parent
    function = node
    if branched or function is None:
        return []
    # the size or kind asked some other way (`if unsafe.Sizeof(zero) == 4`, reflect), or the data read as
    # several C types (`sum_int` for some T, `sum_ll` for others, chosen by a tag): which runs for which T is
    # not followed, so no type is known to reach `at`
    body = source.data[function.start_byte:function.end_byte]
    if any(m in body for m in (b"Sizeof(", b"reflect.", b".(type)", b".Kind()")) or \
            len(set(_C_POINTER_CONVERSION.findall(body))) > 1:
        return []
    return terms


_C_POINTER_CONVERSION = re.compile(rb"\(\s*\*\s*C\.(\w+)\s*\)\s*\(")


def _switches_on(switch: Node, name: str, source: SourceFile, model: PackageModel) -> bool:
    """`switch any(v).(type)` (or `interface{}(v)`) with v of the type parameter `name`."""
    value = switch.child_by_field_name("value")
    while value is not None and value.type in ("parenthesized_expression", "type_assertion_expression"):
        value = value.named_children[0] if value.named_children else None
    if value is None or value.type not in ("call_expression", "type_conversion_expression"):
        return False
    converted = value.child_by_field_name("operand") if value.type == "type_conversion_expression" else \
        (value.child_by_field_name("arguments").named_children or [None])[0]
    held = model.type_of(converted, source) if converted is not None else None
    return held is not None and held.kind in ("typeparam", "named") and held.name == name


def _function_constraint(function: Node, name: str) -> Node | None:
    parameters = function.child_by_field_name("type_parameters")
    for declaration in parameters.named_children if parameters is not None else []:
        if declaration.type == "type_parameter_declaration" and \
                any(text(n) == name for n in declaration.children_by_field_name("name")):
            return declaration.child_by_field_name("type")
    return None


def _receiver_constraint(method: Node, name: str, model: PackageModel) -> Node | None:
    """`func (v *Vec[T]) ...`: the constraint `type Vec[T C]` gives the
    parameter at T's position."""
    receiver = method.child_by_field_name("receiver")
    generic = next((n for n in walk(receiver) if n.type == "generic_type"), None) if receiver is not None else None
    arguments = generic.child_by_field_name("type_arguments") if generic is not None else None
    names = [text(a) for a in arguments.named_children] if arguments is not None else []
    if name not in names:
        return None
    symbol = model.declaration(text(generic.child_by_field_name("type")))
    spec = symbol.node if symbol is not None and symbol.kind == "type" else None
    if spec is not None and spec.type != "type_spec":
        spec = spec.parent
    parameters = spec.child_by_field_name("type_parameters") if spec is not None else None
    declared = [(n, d) for d in (parameters.named_children if parameters is not None else [])
                if d.type == "type_parameter_declaration" for n in d.children_by_field_name("name")]
    if [text(n) for n, _ in declared] != names:
        return None  # renamed in the receiver (`(p *Pair[V, K])`): the fields' types use the declaration's names
    position = names.index(name)
    return declared[position][1].child_by_field_name("type") if position < len(declared) else None


def _terms(constraint: Node, source: SourceFile, model: PackageModel, depth: int = 0) -> list[GoType] | None:
    """The types of a constraint that is a union of type terms."""
    if depth > 4:
        return None
    nodes = constraint.named_children if constraint.type in ("type_constraint", "type_elem") else [constraint]
    if len(nodes) == 1 and nodes[0].type == "type_identifier":  # a constraint interface of the package
        symbol = model.declaration(text(nodes[0]))
        declared = symbol.type_node if symbol is not None and symbol.kind == "type" else None
        elements = [n for n in declared.named_children if n.type != "comment"] \
            if declared is not None and declared.type == "interface_type" else []
        if len(elements) != 1 or elements[0].type != "type_elem":
            return None
        return _terms(elements[0], model.file_of(declared), model, depth + 1)
    found = []
    for node in nodes:
        spelled = node.named_children[0] if node.type == "negated_type" and node.named_children else node
        term = parse_type(spelled, source.imports)
        if term is None or term.kind not in ("basic", "string", "named", "c", "struct", "pointer"):
            return None
        found.append(term)
    return found or None


def declared_names(function: Node, source: SourceFile, model: PackageModel) -> frozenset[str]:
    """The type parameters in scope in `function` (a declaration): its own
    (`[T any]`, also for a method, whose list the engine masks before
    parsing: read from the file's bytes) and its receiver type's (`(v
    *Vec[T])`). Cached per function."""
    memo = model.memo("type parameter names")
    if function not in memo:
        names: set[str] = set()
        parameters = function.child_by_field_name("type_parameters")
        for declaration in parameters.named_children if parameters is not None else []:
            names.update(text(n) for n in declaration.children_by_field_name("name"))
        if function.type == "method_declaration":
            receiver = function.child_by_field_name("receiver")
            for generic in (n for n in walk(receiver) if n.type == "generic_type") if receiver is not None else ():
                arguments = generic.child_by_field_name("type_arguments")
                if arguments is not None:
                    names.update(text(a) for a in arguments.named_children)
            name, listed = function.child_by_field_name("name"), function.child_by_field_name("parameters")
            if name is not None and listed is not None:
                names.update(_masked_names(source.data[name.end_byte:listed.start_byte]))
        memo[function] = frozenset(names)
    return memo[function]


def _masked_names(between: bytes) -> list[str]:
    """The names of a method's type parameter list as written (`[K comparable, V any]`)."""
    opened = between.find(b"[")
    if opened < 0:
        return []
    names, depth, start = [], 0, opened + 1
    for at in range(opened, len(between)):
        char = between[at:at + 1]
        depth += char in (b"[", b"(", b"{")
        depth -= char in (b"]", b")", b"}")
        if depth == 1 and char == b"," or depth == 0:
            first = re.match(rb"\s*([^\W\d]\w*)", between[start:at])
            if first:
                names.append(first.group(1).decode())
            start = at + 1
            if depth == 0:
                break
    return names


def with_parameters(t: GoType | None, names: frozenset[str]) -> GoType | None:
    """`t` with the named types that are type parameters marked as such
    (kind "typeparam"), through pointers, slices, arrays and maps."""
    if t is None or not names:
        return t
    if t.kind == "named" and t.name in names:
        return GoType("typeparam", t.name)
    if t.elem is not None and t.kind in ("pointer", "slice", "array", "map", "chan"):
        elem = with_parameters(t.elem, names)
        return t if elem is t.elem else replace(t, elem=elem)
    return t

