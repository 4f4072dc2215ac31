"""Which way a branch condition goes when a variable is nil (`nil_when`):
CGL005 prunes the paths on which a tracked variable is certainly nil, where
nothing was allocated and nothing leaks. It stands apart from the ownership
collector because it reads one condition at judging time, and nothing the
collector gathers.
"""
from __future__ import annotations

from typing import Callable

from tree_sitter import Node

from .call_targets import call_arguments
from .source import text


def nil_when(condition: Node | None, is_symbol: Callable[[Node], bool]) -> set[bool]:
    """The truth values of `condition` under which the variable is certainly
    nil: {True} for `p == nil`, {False} for `p != nil`, combined through
    `!`, `&&`, `||` and parentheses (`a && b` true means both are true,
    `a || b` false means both are false). Iterative."""
    result: set[bool] = set()
    # (expression, negated on the way down, the values of the expression that decide the root)
    stack: list[tuple[Node | None, bool, frozenset[bool]]] = [(condition, False, frozenset((True, False)))]
    steps = 0
    while stack and steps < 10_000:
        steps += 1
        node, negated, allowed = stack.pop()
        if node is None or not allowed:
            continue
        kind = node.type
        if kind == "parenthesized_expression":
            stack.append((node.named_children[0] if node.named_children else None, negated, allowed))
        elif kind == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
            stack.append((node.child_by_field_name("operand"), not negated, frozenset(not v for v in allowed)))
        elif kind == "binary_expression":
            operator = text(node.child_by_field_name("operator"))
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator in ("&&", "||"):
                keep = allowed & {operator == "&&"}
                stack.append((left, negated, keep))
                stack.append((right, negated, keep))
            elif operator in ("==", "!=") and left is not None and right is not None:
                operand = _nil_tested(left, right) or _nil_tested(right, left)
                if operand is not None and is_symbol(operand):
                    nil_value = operator == "=="  # the comparison's value when the operand is nil
                    if nil_value in allowed:
                        result.add(nil_value != negated)
    return result


def is_nil(node: Node | None) -> bool:
    """`nil`, or `C.NULL` (cgo gives C's NULL as a nil unsafe.Pointer)."""
    return node is not None and (node.type == "nil" or node.type == "selector_expression"
                                 and "".join(text(node).split()) == "C.NULL")


def _nil_tested(operand: Node, other: Node) -> Node | None:
    """For `operand == other`: the expression tested for nil, seen through
    parentheses and pointer conversions: `p == nil`, `unsafe.Pointer(p) ==
    nil`, `uintptr(p) == 0`, `uintptr(unsafe.Pointer(p)) == 0`."""
    zero = other.type == "int_literal" and text(other) == "0"
    if not is_nil(other) and not zero:
        return None
    node, through_uintptr = operand, False
    for _ in range(8):
        if node.type == "parenthesized_expression" and node.named_children:
            node = node.named_children[0]
            continue
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            args = call_arguments(node)
            name = text(function).replace(" ", "")
            if len(args) != 1 or not (name in ("uintptr", "unsafe.Pointer") or name.startswith("(*")):
                return None
            through_uintptr = through_uintptr or name == "uintptr"
            node = args[0]
            continue
        break
    if zero and not through_uintptr:
        return None
    return node
