"""Facts about len(s) other than `len(s) > 0`, told only by comparisons of
len(s) itself: `len(s) > k` (`MoreThanFacts`), `len(s) % d == 0`
(`DivisibleFacts`) and `i < len(s)` (`BelowLengthFacts`)."""
from __future__ import annotations

from tree_sitter import Node

from .block_exits import disjuncts, terminates
from .expr_keys import expr_key
from .length_conditions import Evidence, LengthFacts
from .model import PackageModel
from .source import SourceFile, root_variable, strip_parens, text
from .value_facts import constant_int


class _LengthItselfFacts(LengthFacts):
    """A fact about `len(s)` told only by comparisons of `len(s)` itself,
    alone or in `&&`, `||` and `!`, and by an `if` that leaves when it
    fails; `n := len(s)` may measure an s since replaced, and a helper's
    check is not followed. `_holds(c)`: c holding tells the fact;
    `_fails(c)`: c failing does."""

    counts_reslices = True  # a reslice changes the length the check was about

    def _length(self, node: Node | None) -> bool:
        node = strip_parens(node)
        measured = self._measured(node) if node is not None and node.type == "call_expression" else None
        return measured is not None and expr_key(measured) == self.key

    def _holds(self, node: Node | None) -> bool:
        raise NotImplementedError

    def _fails(self, node: Node | None) -> bool:
        raise NotImplementedError

    def implies_nonempty(self, condition: Node | None) -> bool:
        node = strip_parens(condition)
        if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "&&":
            return self.implies_nonempty(node.child_by_field_name("left")) or \
                self.implies_nonempty(node.child_by_field_name("right"))
        return self._holds(node)

    def implies_empty(self, condition: Node | None) -> bool:
        """True when the condition being false tells the fact."""
        node = strip_parens(condition)
        if node is not None and node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
            return self.implies_nonempty(node.child_by_field_name("operand"))
        if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "||":
            return any(self.implies_empty(d) for d in disjuncts(node))
        return self._fails(node)

    def guards(self, statement: Node) -> bool:
        return statement.type == "if_statement" and statement.child_by_field_name("alternative") is None and \
            self.implies_empty(statement.child_by_field_name("condition")) and \
            terminates(statement.child_by_field_name("consequence"))


class MoreThanFacts(_LengthItselfFacts):
    """len(s) > count, for a count that may exceed 0, told by `len(s)`
    compared with a constant (`len(s) < 40` is false, `len(s) >= 40`
    holds); `len(s) / 2 > 20` is not followed."""

    def __init__(self, key: str, source: SourceFile, model: PackageModel, evidence: Evidence, count: int):
        super().__init__(key, source, model, evidence)
        self.count = count

    def _bound(self, node: Node | None) -> tuple[str, int] | None:
        compared = self._compare(node) if node is not None and node.type == "binary_expression" else None
        value = self._value(compared[1]) if compared is not None else None
        return (compared[0], value) if value is not None else None

    def _holds(self, node: Node | None) -> bool:
        bound = self._bound(node)
        return bound is not None and (bound[0] == ">" and bound[1] >= self.count
                                      or bound[0] in (">=", "==") and bound[1] > self.count)

    def _fails(self, node: Node | None) -> bool:
        bound = self._bound(node)
        return bound is not None and (bound[0] == "<" and bound[1] > self.count
                                      or bound[0] == "<=" and bound[1] >= self.count)


class DivisibleFacts(_LengthItselfFacts):
    """`len(s) % d == 0`, told by that comparison (`len(s)%d != 0` failing,
    `len(s)%d == 0` holding), for a divisor spelled `divisor` (a constant,
    or a variable or field the caller knows unchanged)."""

    def __init__(self, key: str, source: SourceFile, model: PackageModel, evidence: Evidence, divisor: Node):
        super().__init__(key, source, model, evidence)
        self.divisor = divisor

    def _remainder_zero(self, node: Node | None, operator: str) -> bool:
        """`len(s) % d <operator> 0`, either way round."""
        if node is None or node.type != "binary_expression" or text(node.child_by_field_name("operator")) != operator:
            return False
        for remainder, zero in ((node.child_by_field_name("left"), node.child_by_field_name("right")),
                                (node.child_by_field_name("right"), node.child_by_field_name("left"))):
            remainder = strip_parens(remainder)
            if remainder is not None and remainder.type == "binary_expression" \
                    and text(remainder.child_by_field_name("operator")) == "%" \
                    and constant_int(zero, self.source, self.model) == 0 \
                    and self._length(remainder.child_by_field_name("left")) \
                    and self._same_divisor(remainder.child_by_field_name("right")):
                return True
        return False

    def _same_divisor(self, node: Node | None) -> bool:
        value = constant_int(node, self.source, self.model)
        if value is not None:
            return value == constant_int(self.divisor, self.source, self.model)
        if not expr_key(node) or expr_key(node) != expr_key(self.divisor):
            return False
        # the same variable, not one of the same name (`if d := 1; len(x)%d != 0`)
        ours, theirs = root_variable(self.divisor), root_variable(node)
        symbol = self.model.resolve(ours, self.source) if ours is not None else None
        return symbol is not None and theirs is not None and self.model.resolve(theirs, self.source) is symbol

    def _holds(self, node: Node | None) -> bool:
        return self._remainder_zero(node, "==")

    def _fails(self, node: Node | None) -> bool:
        return self._remainder_zero(node, "!=")


class BelowLengthFacts(_LengthItselfFacts):
    """`i < len(s)` for an index spelled `index`, told by that comparison
    (`i < len(s)` holding, `i >= len(s)` failing)."""

    def __init__(self, key: str, source: SourceFile, model: PackageModel, evidence: Evidence, index: Node):
        super().__init__(key, source, model, evidence)
        self.index = expr_key(index)

    def _below(self, node: Node | None, operator: str) -> bool:
        compared = self._compare(node) if node is not None and node.type == "binary_expression" else None
        return compared is not None and compared[0] == operator and bool(self.index) \
            and expr_key(compared[1]) == self.index

    def _holds(self, node: Node | None) -> bool:
        return self._below(node, ">")  # len(s) > i

    def _fails(self, node: Node | None) -> bool:
        return self._below(node, "<=")  # len(s) <= i
