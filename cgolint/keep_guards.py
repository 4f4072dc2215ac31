"""When a C body keeps a pointer parameter only under a condition on
another parameter: `hb_blob_create`'s DUPLICATE mode copies the bytes and
stores them otherwise, librdkafka's `RD_KAFKA_MSG_F_COPY` flag copies the
payload. `store_guard` reads the `if`s around a store; `kept_arguments`
asks, at a Go call, whether the constants it passes rule them out."""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from .source import text


@dataclass(frozen=True)
class KeepGuard:
    """A store runs only when parameter `param` equals `constant` (or,
    with `bit`, has its bits set), or with `holds` False, when it does not.
    `constant` is a C name or an integer literal's text."""

    param: int
    constant: str
    bit: bool
    holds: bool


def store_guard(store: Node, body: Node, params: dict[str, int]) -> tuple[KeepGuard, ...]:
    """The conditions of the `if`s whose branch holds `store` that name an
    integer parameter (`params`: name -> index) and a constant: `if (mode ==
    DUPLICATE) ... else <store>`, `if (!(flags & F_COPY)) <store>`."""
    guards = []
    node = store
    while node is not None and node != body:
        parent = node.parent
        if parent is not None and parent.type == "if_statement" and parent.child_by_field_name("consequence") == node:
            guard = _read_guard(parent.child_by_field_name("condition"), params, holds=True)
        elif parent is not None and parent.type == "else_clause" and parent.parent is not None:
            guard = _read_guard(parent.parent.child_by_field_name("condition"), params, holds=False)
        else:
            guard = None
        if guard is not None:
            guards.append(guard)
        node = parent
    return tuple(guards)


def _read_guard(condition: Node | None, params: dict[str, int], holds: bool) -> KeepGuard | None:
    condition = _unparenthesized(condition)
    if condition is None:
        return None
    if condition.type == "unary_expression" and text(condition.child_by_field_name("operator")) == "!":
        return _read_guard(condition.child_by_field_name("argument"), params, not holds)
    if condition.type == "identifier" and text(condition) in params:  # `if (copy)`: copy != 0
        return KeepGuard(params[text(condition)], "0", False, not holds)
    if condition.type != "binary_expression":
        return None
    operator = text(condition.child_by_field_name("operator"))
    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
    if operator in ("==", "!=") and right is not None and text(right) == "0" and _bit_test(left):
        return _read_guard(left, params, holds == (operator == "!="))  # `(flags & F_COPY) != 0`
    if operator not in ("==", "!=", "&"):
        return None
    for one, other in ((left, right), (right, left)):
        if one is not None and other is not None and one.type == "identifier" and text(one) in params \
                and other.type in ("identifier", "number_literal") and text(other) not in params:
            return KeepGuard(params[text(one)], text(other), operator == "&", holds == (operator != "!="))
    return None


def _bit_test(node: Node | None) -> bool:
    node = _unparenthesized(node)
    return node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "&"


def _unparenthesized(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node
