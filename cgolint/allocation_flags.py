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
from .source import SourceFile, strip_parens, text, walk


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
    """A statement of the block between the allocation and the flag's store
    may leave the block (`break`, `continue`, `return`, `goto`, `panic`):
    a path from the allocation then skips the store."""
    low, high = sorted((allocation.start_byte, flag.start_byte))
    for statement in block.named_children:
        if statement.end_byte <= low or statement.start_byte >= high:
            continue
        if any(node.type in _LEAVING or node.type == "call_expression"
               and text(node.child_by_field_name("function")) == "panic" for node in walk(statement)):
            return True
    return False


_LEAVING = frozenset({"return_statement", "break_statement", "continue_statement", "goto_statement"})


def _statement_list(node: Node) -> Node | None:
    """The statement list the statement holding `node` stands in."""
    while node is not None and node.parent is not None and node.parent.type != "statement_list":
        node = node.parent
    return node.parent if node is not None else None
