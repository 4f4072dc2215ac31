"""The statements that fill a slice, for CGL002's emptiness question:
`s = v` with v non-empty in every branch of an if/else, `d := data; if
len(data) == 0 { d = []byte{0} }`, an append at the top of a range over a
non-empty slice, and the length a statement sizes s with (`sized_by`).

`FillFacts` is the part of `LengthFacts` that reads assignments rather than
conditions; it asks the dominance walk back through `self.evidence`."""
from __future__ import annotations

from tree_sitter import Node

from .block_exits import terminates
from .call_targets import call_arguments
from .conversions import local_symbol
from .expr_keys import expr_key, never_assigned
from .scopes import mutations, outermost_function
from .source import strip_parens, text, walk

# What may leave a loop's body before its end.
_SKIPS = frozenset({"continue_statement", "break_statement", "return_statement", "goto_statement"})


class FillFacts:
    """Statements that leave s (named by `self.key`) non-empty or sized;
    mixed into LengthFacts, whose attributes (key, source, model, evidence,
    copy_of, asking) it reads."""

    def _refills_copy(self, statement: Node) -> bool:
        """`d := data; if len(data) == 0 { d = []byte{0} }`: d is non-empty
        after the if, given that nothing else assigns d or takes its address."""
        if self.copy_of is None or statement.child_by_field_name("alternative") is not None:
            return False
        symbol, original = self.copy_of
        consequence = statement.child_by_field_name("consequence")
        if consequence is None or not original.implies_empty(statement.child_by_field_name("condition")) or \
                not self._ends_nonempty(consequence):
            return False
        inside = lambda node: consequence.start_byte <= node.start_byte < consequence.end_byte  # noqa: E731
        return all(inside(lhs) for lhs, _ in symbol.writes) and \
            not any(mutations(symbol, outermost_function(statement) or statement, self.model, self.source, True))

    def _range_fills(self, loop: Node) -> bool:
        """`for _, n := range names { cs = append(cs, ...) }` over a `names`
        known not to be empty there, or checked after the loop where s is
        used (`if len(names) > 0 { use(&cs[0]) }`, names never assigned),
        or with a counter the body increments that is checked there
        (wasmer-go's `numberOfExterns++`); the append at the top of the body
        with nothing before it that could skip it (`continue`, `break`, ...)."""
        clause = next((c for c in loop.named_children if c.type == "range_clause"), None)
        body = loop.child_by_field_name("body")
        ranged = clause.child_by_field_name("right") if clause is not None else None
        if ranged is None or body is None or strip_parens(ranged).type != "identifier":
            return False
        statements = [c for part in body.named_children if part.type == "statement_list" for c in part.named_children]
        if not self._appends_every_turn(statements):
            return False
        if self.evidence.nonempty(ranged, self.source, self.model) \
                or self.evidence.checked(ranged, loop, self.source, self.model, frozenset()):
            return True
        # checked after the loop, on the same turn of any loop around both: a turn ran, so the append did
        after = self.at is not None and self.at.start_byte >= loop.end_byte \
            and turn_context(self.at) == turn_context(loop)
        return after and (self._fixed_length(ranged) and never_assigned(ranged, self.source, self.model)
                          and self.evidence.checked(ranged, self.at, self.source, self.model, self.asking)
                          or any(self._counts_turns(increment, loop) and self.evidence.value_checked(
                              increment.named_children[0], self.at, self.source, self.model)
                              for increment in statements if increment.type == "inc_statement"))

    def _counts_turns(self, increment: Node, loop: Node) -> bool:
        """`n++`, a statement of the loop's body, counts its turns: n is a
        local declared zero before the loop and changed nowhere else."""
        counter = strip_parens(increment.named_children[0]) if increment.named_children else None
        symbol = local_symbol(counter, self.source, self.model) if counter is not None else None
        if symbol is None or symbol.kind != "local" or symbol.writes or symbol.node.start_byte > loop.start_byte \
                or turn_context(symbol.node) != turn_context(loop):
            return False  # (declared before a loop around this one: it counts that loop's turns too)
        if symbol.value is not None and (symbol.index or text(symbol.value) != "0"):
            return False
        changes = list(mutations(symbol, outermost_function(loop) or loop, self.model, self.source, True))
        return changes == [increment]

    def _fixed_length(self, ranged: Node) -> bool:
        """A slice, array or string: its length changes only by assignment
        (a map's does through `m[k] = v` and `delete`)."""
        t = self.model.underlying(self.model.type_of(ranged, self.source))
        return t is not None and t.kind in ("slice", "array", "string")

    def _appends_every_turn(self, statements: list[Node]) -> bool:
        """`s = append(s, ...)` at the top of the body, nothing before it
        that could skip it, and no other change of s after it."""
        appended = False
        for statement in statements:
            if not appended and statement.type == "assignment_statement" \
                    and text(statement.child_by_field_name("operator")) == "=":
                left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
                value = right.named_children[0] if len(right.named_children) == 1 else None
                if len(left.named_children) == 1 and expr_key(left.named_children[0]) == self.key \
                        and value is not None and value.type == "call_expression" \
                        and self.evidence.nonempty(value, self.source, self.model):
                    appended = True  # `cs = append(cs, x)`: one more element, whatever cs held
                    continue
            if not appended and any(node.type in _SKIPS for node in walk(statement)) or self._assigns(statement):
                return False  # skipped before the append, or s changed again (`cs = cs[:len(cs)-1]`)
        return appended

    def _every_branch_fills(self, statement: Node) -> bool:
        """`if cap(s) >= n { s = s[:n] } else { s = make([]byte, n) }`: an if
        with an else whose every branch leaves, or last gives s a value known
        to be non-empty; a reslice to the length of a make of another branch
        known to be non-empty is too (both hold n elements)."""
        alternative = statement.child_by_field_name("alternative")
        if alternative is None:
            return False
        branches = (statement.child_by_field_name("consequence"), alternative)
        values = [self._last_value(b) if b is not None and b.type == "block" else None for b in branches]
        made = {expr_key(_made_length(v)) for v in values} - {""}
        for branch, value in zip(branches, values):
            if branch is None:
                return False
            if branch.type == "if_statement":
                if not self._every_branch_fills(branch):
                    return False
            elif not (terminates(branch) or value is not None and (
                    self.evidence.nonempty(value, self.source, self.model) or self._checked_copy(value)
                    or self._resliced_like_made(value, made))):
                return False
        return True

    def _resliced_like_made(self, value: Node, made: set[str]) -> bool:
        """`s[:n]`, where another branch makes s with n elements, and n is
        not 0 there (judged where the reslice is: a check inside the other
        branch says nothing of this one)."""
        length = strip_parens(_resliced_length(value))
        if length is None or expr_key(length) not in made:
            return False
        symbol = local_symbol(length, self.source, self.model) if length.type == "identifier" else None
        if symbol is not None and symbol.writes:  # which of its values n holds here is not followed: a check must say
            return self.evidence.value_checked(length, value, self.source, self.model)
        return not self.evidence.may_be_zero(length, self.source, self.model, value)

    def _ends_nonempty(self, block: Node) -> bool:
        """The block's last assignment to s is a plain `s = v` at its top
        level, with `v` known to be non-empty."""
        value = self._last_value(block)
        return value is not None and self.evidence.nonempty(value, self.source, self.model)

    def _last_value(self, block: Node) -> Node | None:
        """v of the block's last assignment to s when that is a plain `s = v`
        at its top level; None when it is another or there is none."""
        statements = [c for part in block.named_children if part.type == "statement_list" for c in part.named_children]
        for position in range(len(statements) - 1, -1, -1):
            statement = statements[position]
            if self._assigns(statement):
                return self._plain_value(statement)
        return None

    def _plain_value(self, statement: Node) -> Node | None:
        """v when the statement is `s = v`."""
        if statement.type != "assignment_statement" or text(statement.child_by_field_name("operator")) != "=":
            return None
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
        lhs = left.named_children if left is not None else []
        rhs = right.named_children if right is not None else []
        return rhs[0] if len(lhs) == 1 == len(rhs) and expr_key(lhs[0]) == self.key else None

    def sized_by(self, statement: Node) -> Node | None:
        """n when the statement leaves s holding n elements (or panics):
        `s = make([]T, n)`, `s = x[:n]`, or an if with an else whose every
        branch leaves or ends so, with the same n."""
        if statement.type != "if_statement":
            return _sized_length(self._plain_value(statement))
        alternative = statement.child_by_field_name("alternative")
        lengths = []
        for branch in (statement.child_by_field_name("consequence"), alternative):
            if branch is None:
                return None
            if branch.type == "block" and terminates(branch):
                continue
            value = self._last_value(branch) if branch.type == "block" else None
            length = self.sized_by(branch) if branch.type == "if_statement" else _sized_length(value)
            if length is None:
                return None
            lengths.append(length)
        keys = {expr_key(n) for n in lengths}
        return lengths[0] if len(keys) == 1 and "" not in keys else None

    def _checked_copy(self, value: Node) -> bool:
        """`s = b` where b, never assigned, is checked not empty there (in
        one branch of an if whose other branch fills s otherwise)."""
        value = strip_parens(value)
        return value is not None and value.type == "identifier" and never_assigned(value, self.source, self.model) \
            and self.evidence.checked(value, value, self.source, self.model, self.asking)

    def _assigns(self, block: Node | None) -> bool:
        for node in walk(block) if block is not None else []:
            if node.type in ("assignment_statement", "short_var_declaration"):
                left = node.child_by_field_name("left")
                if left is not None and any(expr_key(t) == self.key for t in left.named_children):
                    return True
        return False


def _made_length(value: Node | None) -> Node | None:
    """n of `make([]T, n)` (no capacity given)."""
    value = strip_parens(value)
    if value is None or value.type != "call_expression" or text(value.child_by_field_name("function")) != "make":
        return None
    args = call_arguments(value)
    return args[1] if len(args) == 2 else None


def _sized_length(value: Node | None) -> Node | None:
    return _made_length(value) or _resliced_length(value)


def _resliced_length(value: Node | None) -> Node | None:
    """n of `x[:n]` or `x[0:n]` (no capacity given): a slice of n elements, or a panic."""
    value = strip_parens(value)
    if value is None or value.type != "slice_expression" or value.child_by_field_name("capacity") is not None:
        return None
    start = value.child_by_field_name("start")
    return value.child_by_field_name("end") if start is None or text(start) == "0" else None


def turn_context(node: Node) -> Node | None:
    """The loop or function whose one turn (or call) `node` runs in: the
    nearest `for` or function around it, the node itself excluded."""
    parent = node.parent
    while parent is not None and parent.type not in ("for_statement", "func_literal", "function_declaration",
                                                     "method_declaration"):
        parent = parent.parent
    return parent
