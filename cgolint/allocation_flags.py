"""Which way a test of a flag set beside an allocation goes on the paths
from it (`flag_value_after`): `copied = true; format = C.strdup(s)` in one
branch, then `if copied { C.free(unsafe.Pointer(format)) }` (rainycape/magick's
Image.Encode). CGL005 prunes the branch that no path from the allocation
takes, so that it does not report a leak on the path where the flag is
false, which only code that never allocated reaches.
"""
from __future__ import annotations

from tree_sitter import Node

from .scopes import mutations
from .source import SourceFile, strip_parens, text


def flag_value_after(condition: Node, allocation: Node, package, source: SourceFile) -> bool | None:
    """The value `condition` (`flag` or `!flag`) has wherever a path from
    `allocation` reaches it, or None when that is not certain. Certain when
    the flag is a local bool that starts false (`flag := false`, `var flag
    bool`), is only ever set to true, in the block that holds the
    allocation's statement, and is tested after that block: every path
    from the allocation to the test has set it."""
    node, negated = strip_parens(condition), False
    while node is not None and node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
        node, negated = strip_parens(node.child_by_field_name("operand")), not negated
    symbol = package.resolve(node, source) if node is not None and node.type == "identifier" else None
    if symbol is None or symbol.kind != "local" or not symbol.writes:
        return None
    if symbol.value is not None and text(symbol.value) != "false" or symbol.value is None and text(symbol.type_node) != "bool":
        return None
    block = _statement_list(allocation)
    if block is None or condition.start_byte < block.end_byte:
        return None
    for target, value in symbol.writes:
        if value is None or text(value) != "true" or _statement_list(target) != block \
                or _leaves_between(block, allocation, target):
            return None
    function = block
    while function.parent is not None and function.type not in ("function_declaration", "method_declaration"):
        function = function.parent
    if any(mutations(symbol, function, package, source)):
        return None  # `&flag` handed somewhere: its value is not followed
    return not negated


def _leaves_between(block: Node, allocation: Node, flag: Node) -> bool:
    """A statement of the block after the allocation and before the flag's
    store may leave the block (`return`, `goto`, `panic`, or a `break` or
    `continue` of no loop, switch or select inside it): a path from the
    allocation then skips the store. (A store before the allocation is
    passed by every path that allocates.)"""
    if flag.start_byte < allocation.start_byte:
        return False
    for statement in block.named_children:
        if statement.end_byte <= allocation.start_byte or statement.start_byte >= flag.start_byte:
            continue
        if _may_leave(statement, inner=False):
            return True
    return False


def _may_leave(node: Node, inner: bool) -> bool:
    """`inner`: under a loop, switch or select of the statement, which an
    unlabeled `break` or `continue` only leaves itself."""
    kind = node.type
    if kind == "func_literal":
        return False  # its returns are its own
    if kind in ("return_statement", "goto_statement"):
        return True
    if kind in ("break_statement", "continue_statement"):
        return not inner or node.named_children != []  # a labeled one may leave further out
    if kind == "call_expression" and text(node.child_by_field_name("function")) == "panic":
        return True
    inner = inner or kind in ("for_statement", "expression_switch_statement", "type_switch_statement",
                              "select_statement")
    return any(_may_leave(child, inner) for child in node.named_children)


def _statement_list(node: Node) -> Node | None:
    """The statement list the statement holding `node` stands in."""
    while node is not None and node.parent is not None and node.parent.type != "statement_list":
        node = node.parent
    return node.parent if node is not None else None
