"""Which way a test of a loop's counter goes once the loop has gone round
(`later_iteration_value`): `if i > 0 { C.free(unsafe.Pointer(prev)) }`
before `prev = C.CString(s)` frees the previous iteration's allocation on
every iteration but the first. CGL005 prunes the branch that only the first
iteration takes from the paths that start at an allocation, so that it does
not report the previous value as leaked when the loop comes back.
"""
from __future__ import annotations

from tree_sitter import Node

from .scopes import Symbol, mutations
from .source import SourceFile, strip_parens, text, walk

# (operator, constant) of `i OP constant` -> its value when i >= 1
_LATER_VALUES = {(">", "0"): True, ("!=", "0"): True, (">=", "1"): True,
                 ("==", "0"): False, ("<", "1"): False, ("<=", "0"): False}
_MIRRORED = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "==": "==", "!=": "!="}
_COUNTED_KINDS = ("slice", "array", "string", "basic")


def later_iteration_value(condition: Node, allocation: Node, variable: Symbol, package,
                          source: SourceFile) -> bool | None:
    """The value `condition` has on every iteration of its loop after the
    first, or None when that is not certain. Certain when it compares the
    loop's counter with 0 or 1 (`i > 0`, `i != 0`, `i == 0`, `1 <= i`...),
    the counter only counts up from 0 (the index of a `range` over a slice,
    array, string or integer, or `for i := 0; ...; i++`, written nowhere
    else), and `condition` comes before `allocation` in the body of that
    same loop, which no outer loop or goto enters again: a path from the
    allocation to the condition has gone round. `variable`, which holds the
    allocation, must not be written after the loop (a later loop of the
    same shape would lose the last value without coming round)."""
    compared = _counter_comparison(condition)
    if compared is None:
        return None
    counter, later = compared
    symbol = package.resolve(counter, source)
    loop = _counted_loop(symbol, package, source) if symbol is not None else None
    if loop is None or not condition.start_byte < allocation.start_byte:
        return None
    if _innermost_loop(condition) != loop or _innermost_loop(allocation) != loop:
        return None
    # Entered again (an outer loop, a goto), the loop starts its counter at 0
    # while the variable still holds the last allocation.
    if _innermost_loop(loop) is not None or _has_goto(loop):
        return None
    body = loop.child_by_field_name("body")
    if body is None or any(mutations(symbol, body, package, source)):
        return None
    if any(target.start_byte > loop.end_byte for target, _ in variable.writes):
        return None  # the allocated variable is written again after the loop: the last value may be lost there
    return later


def _counter_comparison(condition: Node) -> tuple[Node, bool] | None:
    """(the identifier, its later-iteration value) for `i OP 0|1` or `0|1 OP i`."""
    condition = strip_parens(condition)
    if condition is None or condition.type != "binary_expression":
        return None
    operator = text(condition.child_by_field_name("operator"))
    left = strip_parens(condition.child_by_field_name("left"))
    right = strip_parens(condition.child_by_field_name("right"))
    if left is None or right is None or operator not in _MIRRORED:
        return None
    if left.type == "int_literal" and right.type == "identifier":
        left, right, operator = right, left, _MIRRORED[operator]
    if left.type != "identifier" or right.type != "int_literal":
        return None
    later = _LATER_VALUES.get((operator, text(right)))
    return (left, later) if later is not None else None


def _counted_loop(symbol: Symbol, package, source: SourceFile) -> Node | None:
    """The for statement whose counter `symbol` is, if it counts up from 0."""
    loop = symbol.scope
    if loop is None or loop.type != "for_statement" or symbol.kind != "local":
        return None
    if symbol.range_of is not None:  # `for i, v := range xs`: the index
        ranged = package.underlying(package.type_of(symbol.range_of, source))
        if ranged is not None and ranged.kind == "pointer":  # a pointer to an array
            ranged = package.underlying(ranged.elem)
            ranged = ranged if ranged is not None and ranged.kind == "array" else None
        counted = ranged is not None and ranged.kind in _COUNTED_KINDS
        return loop if symbol.index == 0 and counted and not symbol.writes else None
    clause = next((c for c in loop.named_children if c.type == "for_clause"), None)
    if clause is None or symbol.writes or symbol.value is None or text(symbol.value) != "0":
        return None
    initializer, update = clause.child_by_field_name("initializer"), clause.child_by_field_name("update")
    if initializer is None or not (initializer.start_byte <= symbol.node.start_byte < initializer.end_byte):
        return None
    if update is None or update.type != "inc_statement" or text(update.named_children[0]) != symbol.name:
        return None
    return loop


def _innermost_loop(node: Node) -> Node | None:
    """The closest enclosing for statement, unless a function literal comes first."""
    parent = node.parent
    while parent is not None and parent.type not in ("for_statement", "func_literal", "function_declaration",
                                                     "method_declaration"):
        parent = parent.parent
    return parent if parent is not None and parent.type == "for_statement" else None


def _has_goto(loop: Node) -> bool:
    function = loop.parent
    while function is not None and function.type not in ("func_literal", "function_declaration", "method_declaration"):
        function = function.parent
    return any(node.type == "goto_statement" for node in walk(function)) if function is not None else True
