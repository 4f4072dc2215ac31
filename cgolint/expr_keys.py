"""What identifies an expression across a function, for the emptiness
checks: `expr_key` (a variable, a field path, `v.([]byte)`, or a product
`a*b` in any order), `constant_key` (a literal or a declared constant), and
whether a local variable keeps its first value (`never_assigned`)."""
from __future__ import annotations

from tree_sitter import Node

from .model import PackageModel
from .scopes import mutations, outermost_function
from .source import SourceFile, strip_parens, text
from .toolchain import go_version_at_least


def expr_key(node: Node | None) -> str:
    """The same key for every spelling of the same variable, field path or
    product; "" for anything else (a call, an index, a literal)."""
    node = strip_parens(node)
    factors = product_factors(node) if node is not None else []
    if factors:  # `frames*ch`: checked as a whole (`if frames*ch == 0`), in any order
        return "*".join(sorted("".join(text(f).split()) for f in factors))
    if node is not None and node.type == "type_assertion_expression":  # `v.([]byte)`: the same slice while v is
        operand = strip_parens(node.child_by_field_name("operand"))
        return "".join(text(node).split()) if operand is not None and operand.type == "identifier" else ""
    if node is None or node.type not in ("identifier", "selector_expression"):
        return ""
    return "".join(text(node).split())


def product_factors(node: Node) -> list[Node]:
    """The variables and fields multiplied in `a * b.n * c`; empty for anything else."""
    if node.type != "binary_expression" or text(node.child_by_field_name("operator")) != "*":
        return []
    factors = []
    for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
        side = strip_parens(side)
        if side is None:
            return []
        inner = product_factors(side) if side.type == "binary_expression" else [side]
        if not inner or any(f.type not in ("identifier", "selector_expression") for f in inner):
            return []
        factors += inner
    return factors



def constant_key(node: Node | None, source: SourceFile, model: PackageModel):
    """What identifies a constant value wherever it is written: a literal's
    text, or the declared constant a name resolves to; None otherwise."""
    node = strip_parens(node)
    if node is None:
        return None
    if node.type in ("int_literal", "true", "false", "nil", "interpreted_string_literal"):
        return "literal", text(node)
    if node.type == "identifier":
        symbol = model.resolve(node, source)
        if symbol is None and text(node) in ("true", "false", "nil"):
            return "literal", text(node)
        return ("constant", symbol) if symbol is not None and symbol.kind == "const" else None
    return None


def never_assigned(container: Node, source: SourceFile, model: PackageModel) -> bool:
    """A local variable or parameter that no statement of its function (its
    closures included) assigns, increments, takes the address of, or calls a
    method on (a pointer receiver takes the address)."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    if symbol is None or symbol.kind not in ("local", "param", "receiver") or symbol.writes:
        return False
    if symbol.scope is not None and symbol.scope.type == "for_statement" and not go_version_at_least(model, 22):
        return False  # before Go 1.22 a loop variable is one variable for every iteration
    return not any(mutations(symbol, outermost_function(ident) or ident, model, source, method_calls=True))
