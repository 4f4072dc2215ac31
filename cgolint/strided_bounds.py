"""BLAS's strided bounds as a length check (`StridedBounds`, a mixin of
`length_conditions.LengthFacts`): `(incX > 0 && (n-1)*incX >= len(x)) ||
(incX < 0 && (1-n)*incX >= len(x))` leaves on an x too short for n
elements at stride incX, for each sign of the stride, so that with a zero
stride ruled out before (`if incX == 0 { panic }`) x is not empty after it
(gonum, gorgonia/cu)."""
from __future__ import annotations

from tree_sitter import Node

from .block_exits import disjuncts, terminates
from .expr_keys import expr_key
from .source import strip_parens, text, walk


class StridedBounds:
    """Needs the host's `implies_empty` and `_compare` (LengthFacts)."""

    def _bound_by_sign(self, condition: Node) -> bool:
        """BLAS's strided bound, `(incX > 0 && (n-1)*incX >= len(x)) ||
        (incX < 0 && (1-n)*incX >= len(x))` (gonum, gorgonia/cu): each
        `sign test && bound` disjunct bounds len(s) for the signs of one
        stride it admits; the bounded signs, those the condition leaves on
        by itself (`incX == 0 || ...`) and those an earlier `if` of the
        block left on (`if incX == 0 { panic }`, `if incX < 0 { return }`)
        must together be every sign: a zero stride bounds nothing."""
        stride, bounded, excluded = None, set(), set()
        for disjunct in disjuncts(condition):
            conjuncts = _conjuncts(disjunct)
            tests = [t for t in map(_sign_test, conjuncts) if t is not None]
            if len(conjuncts) == 1 and tests:
                excluded |= {(tests[0][0], sign) for sign in tests[0][1]}  # the condition leaves on it
                continue
            if len(conjuncts) != 2 or len(tests) != 1 or not any(
                    _sign_test(c) is None and self.implies_empty(c) for c in conjuncts):
                continue  # another disjunct: false too where the condition is
            key, signs = tests[0]
            bound = next(c for c in conjuncts if _sign_test(c) is None)
            compared = self._compare(bound) if bound.type == "binary_expression" else None
            if signs not in _ONE_SIDED or compared is None or not _suits_sign(compared[1], key, signs):
                continue  # `incX != 0 && ...`, or `(1-n)*incX` for a positive stride: bounds nothing
            if stride not in (None, key):
                return False
            stride = key
            bounded |= signs
        if stride is None:
            return False
        signs = bounded | {sign for key, sign in excluded if key == stride}
        return signs >= _EVERY_SIGN or signs | _signs_left_before(condition, stride) >= _EVERY_SIGN


def _conjuncts(node: Node | None) -> list[Node]:
    """The operands of a chain of `&&`, in order."""
    node = strip_parens(node)
    if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "&&":
        return _conjuncts(node.child_by_field_name("left")) + _conjuncts(node.child_by_field_name("right"))
    return [node] if node is not None else []


_EVERY_SIGN = frozenset("+-0")
_ONE_SIDED = (frozenset("+"), frozenset("+0"), frozenset("-"), frozenset("-0"))


def _suits_sign(bound: Node, stride: str, signs: frozenset[str]) -> bool:
    """The bound is BLAS's for that sign of the stride: the last index
    reached, `(n-1)*incX` for a positive one, `(1-n)*incX` (or `-incX`)
    for a negative one; anything else is not taken to bound len(s)."""
    spelled = "".join(text(bound).split())
    if stride not in spelled:
        return False
    negated = "(1-" in spelled or f"-{stride}" in spelled
    return negated if "-" in signs else not negated


def _sign_test(node: Node) -> tuple[str, frozenset[str]] | None:
    """(the variable's key, the signs it admits: "+", "-", "0") of a
    comparison of a variable with 0 (`v > 0`, `0 >= v`, `v == 0`...)."""
    if node.type != "binary_expression":
        return None
    left, right = strip_parens(node.child_by_field_name("left")), strip_parens(node.child_by_field_name("right"))
    operator = text(node.child_by_field_name("operator"))
    if left is not None and left.type == "int_literal" and text(left) == "0":
        left, right = right, left
        operator = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(operator, operator)
    if right is None or right.type != "int_literal" or text(right) != "0" or not expr_key(left):
        return None
    signs = {">": "+", ">=": "+0", "<": "-", "<=": "-0", "==": "0", "!=": "+-"}.get(operator)
    return (expr_key(left), frozenset(signs)) if signs else None


def _signs_left_before(condition: Node, stride: str) -> frozenset[str]:
    """The signs of `stride` on which an earlier `if` of the block holding
    the condition's `if` left (`if incX == 0 { panic }`), since the stride
    was last changed."""
    statement = condition.parent
    while statement is not None and statement.type in ("parenthesized_expression", "binary_expression"):
        statement = statement.parent
    if statement is None or statement.type != "if_statement" or _changes(statement, stride):
        return frozenset()
    left: set[str] = set()
    earlier = statement.prev_named_sibling
    while earlier is not None and not _changes(earlier, stride):
        if earlier.type == "if_statement" and earlier.child_by_field_name("alternative") is None \
                and terminates(earlier.child_by_field_name("consequence")):
            for disjunct in disjuncts(earlier.child_by_field_name("condition")):
                test = _sign_test(disjunct)
                if test is not None and test[0] == stride:
                    left |= test[1]
        earlier = earlier.prev_named_sibling
    return frozenset(left)


def _changes(statement: Node, key: str) -> bool:
    """Whether the statement assigns, increments or takes the address of `key`."""
    for node in walk(statement):
        if node.type in ("assignment_statement", "short_var_declaration"):
            targets = node.child_by_field_name("left").named_children
        elif node.type in ("inc_statement", "dec_statement"):
            targets = node.named_children[:1]
        elif node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
            targets = [node.child_by_field_name("operand")]
        else:
            continue
        if any(expr_key(strip_parens(t)) == key for t in targets):
            return True
    return False
