"""The condition algebra of CGL002's emptiness question: what a condition
or a statement says of `len(s)` (`LengthFacts`) or of an integer variable
(`ValueFacts`); other facts of len(s) are in `length_bounds`.

`emptiness` walks from `&s[0]` up through the statements that dominate it
and asks these facts of each; the facts read conditions (`len(s) == 0 ||
n <= 0`, `s == ""`, `len(a) != len(s)`), switches, assignments that fill
s (`slice_fills`), and package helpers given s (a sentinel or an error returned for an
empty s, a panicking size check, a one-line `len(b) == 0`). Some
conditions need the walk again (`len(s) != len(y)` holds s non-empty where
y is): those questions go back through `Evidence`, which `emptiness`
provides, so the two modules do not import each other.
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from tree_sitter import Node

from .block_exits import (
    disjuncts,
    empty_string,
    first_return_value,
    panics_when,
    sole_return_value,
    terminates,
)
from .call_targets import call_arguments
from .conversions import trace_value
from .expr_keys import constant_key, expr_key, never_assigned, product_factors
from .model import PackageModel
from .scopes import (
    Symbol,
    mutations,
    outermost_function,
    parameter_names,
    variadic_parameter_name,
)
from .slice_fills import FillFacts
from .strided_bounds import StridedBounds
from .source import SourceFile, strip_parens, text, walk
from .value_facts import constant_int, is_conversion, nonempty_string, positive_int, unseen_c_constant


class Evidence(NamedTuple):
    """The questions a condition asks back of the dominance walk."""

    nonempty: Callable[[Node, SourceFile, PackageModel], bool]  # emptiness.known_nonempty
    # emptiness._length_checked(container, at, source, model, asking)
    checked: Callable[[Node, Node, SourceFile, PackageModel, frozenset], bool]
    value_checked: Callable[[Node, Node, SourceFile, PackageModel], bool]  # emptiness._value_checked
    # emptiness._length_may_be_zero(value, source, model, at): an integer that may be 0 at `at`
    may_be_zero: Callable[[Node, SourceFile, PackageModel, Node], bool]


def declared_twice(function: Node, model: PackageModel) -> bool:
    """Another file of the package declares a function of the same name
    (for another platform, by build tags): which one runs is not known."""
    name = function.child_by_field_name("name")
    if name is None:
        return True
    receiver = rb"\([^)]*\)[ \t]*" if function.type == "method_declaration" else b""  # (any receiver type: cautious)
    declaration = re.compile(rb"^func[ \t]*" + receiver + re.escape(name.text) + rb"[ \t]*[\[(]", re.MULTILINE)
    return sum(len(declaration.findall(f.data)) for f in model.files_mentioning(text(name))) > 1


def assigned_by_call(error: Node, comparison: Node) -> tuple[Node, int] | None:
    """(call, position) when the statement just before the `if` of
    `comparison` (or the if's own initializer) sets the variable `error`
    from one result of a call: `w, h, err := info(data); if err != nil {`,
    also when err was declared before (a named result, an earlier call)."""
    statement = comparison.parent
    while statement is not None and statement.type in ("parenthesized_expression", "binary_expression"):
        statement = statement.parent
    if statement is None or statement.type != "if_statement" or error.type != "identifier":
        return None
    setter = statement.child_by_field_name("initializer") or statement.prev_named_sibling
    if setter is None or setter.type not in ASSIGNING:
        return None
    left, right = setter.child_by_field_name("left"), setter.child_by_field_name("right")
    values = [v for v in right.named_children if v.type != "comment"] if right is not None else []
    names = [text(t) for t in left.named_children] if left is not None else []
    if len(values) != 1 or text(error) not in names or strip_parens(values[0]).type != "call_expression":
        return None
    return strip_parens(values[0]), names.index(text(error))


def new_error(value: Node | None, source: SourceFile, model: PackageModel) -> bool:
    """An error that is not nil: `errors.New(...)`, `fmt.Errorf(...)`, or a
    package variable set to one (`errEmpty`)."""
    value = strip_parens(value)
    if value is not None and value.type == "identifier":
        symbol = model.resolve(value, source)
        if symbol is None or symbol.kind != "package_var" or symbol.index:
            return False
        value, source = strip_parens(symbol.value), symbol.file
    if value is None or value.type != "call_expression":
        return False
    target = model.call_target(value, source)
    return target.kind == "other" and target.name in ("errors.New", "fmt.Errorf")


class LengthFacts(FillFacts, StridedBounds):
    """What conditions and statements say of `len(s)`, s named by `key`:
    `implies_nonempty(c)` (c holding means s is not empty),
    `implies_empty(c)` (c failing means s is not empty), `guards(statement)`
    (after it, s is not empty or the function has left) and `case_holds`."""

    counts_reslices = False  # a reslice after the check (`b = b[4:]`) undoes it: see emptiness._assigns_key
    kept_by_positive = False  # an assignment of a positive constant keeps the fact (ValueFacts: not 0)

    def __init__(self, key: str, source: SourceFile, model: PackageModel, evidence: Evidence):
        self.key, self.source, self.model, self.evidence = key, source, model, evidence
        self.copy_of: tuple[Symbol, LengthFacts] | None = None  # see emptiness._copied_slice
        # Inside a called helper: its parameters' names -> (argument, caller's file)
        self.arguments: dict[str, tuple[Node, SourceFile]] = {}
        self.at: Node | None = None  # where the question is asked, when a walk asks it
        self.container: Node | None = None  # and the slice it is asked of
        self.asking: frozenset[str] = frozenset()

    def _nonzero(self, node: Node | None) -> bool:
        """What `len(s)` is compared equal with is not 0: a positive
        constant, or a size a function of the package or of C computes
        (`len(k) != keySize()`: source cannot tell, so it is taken as the
        non-zero size it names; not `strings.Count(...)`)."""
        node = strip_parens(node)
        if node is None:
            return False
        if node.type == "identifier" and text(node) in self.arguments:
            argument, source = self.arguments[text(node)]
            return LengthFacts("", source, self.model, self.evidence)._nonzero(argument)
        if positive_int(node, self.source, self.model):
            return True
        if node.type != "call_expression":
            return False
        target = self.model.call_target(node, self.source)
        return target.kind == "func" or (target.kind == "c" and not is_conversion(node, self.source, self.model))

    def _length(self, node: Node | None) -> bool:
        """`len(s)`, or a local bound once to it; also what is 0 whenever
        len(s) is: `len(s) / k`, `len(s) >> k`, `len(s) * k` (any k: 0 / k
        is 0) and `copy(s, src)`. Every comparison the checks below accept
        says the value is not 0, so len(s) is not either."""
        for _ in range(4):
            node = strip_parens(node)
            if node is not None and node.type == "identifier":
                node = strip_parens(trace_value(node, self.source, self.model))
            if node is None or node.type != "binary_expression":
                break
            if text(node.child_by_field_name("operator")) not in ("/", ">>", "*"):
                return False
            node = node.child_by_field_name("left")
        if node is None or node.type != "call_expression":
            return False
        function = text(node.child_by_field_name("function"))
        args = call_arguments(node)
        return (function == "len" and len(args) == 1 or function == "copy" and len(args) == 2) and \
            expr_key(args[0]) == self.key and self.model.call_target(node, self.source).kind == "builtin"

    def _compare(self, node: Node) -> tuple[str, Node] | None:
        """`len(s) op x` normalised so that len(s) is on the left; `s == ""`
        reads as `len(s) == 0` (the `0` is the empty literal itself)."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = text(node.child_by_field_name("operator"))
        flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
        if operator not in flipped:
            return None
        if self._length(left):
            return operator, right
        if self._length(right):
            return flipped[operator], left
        if operator in ("==", "!="):
            for one, other in ((left, right), (right, left)):
                if expr_key(one) == self.key and empty_string(other):
                    return operator, other
        return None

    def _value(self, node: Node) -> int | None:
        if empty_string(node):
            return 0
        value = constant_int(node, self.source, self.model)
        if value is None and unseen_c_constant(node, self.source, self.model):
            # a C constant out of sight: taken as the least positive value, so
            # that `n < C.MIN` failing says n is not 0, and nothing claims more
            return 1
        return value

    def implies_nonempty(self, condition: Node | None) -> bool:
        node = strip_parens(condition)
        if node is not None and node.type == "call_expression":
            # `valid(buf)`, false for an empty buf; `hasData(buf)`, which is `len(buf) > 0`
            return self._holds_nonempty_part(node) or self._sentinel(node) == ("literal", "false") \
                or self._helper_implies(node, empty=False)
        if node is None or node.type != "binary_expression":
            return False
        operator = text(node.child_by_field_name("operator"))
        if operator == "&&":
            return self.implies_nonempty(node.child_by_field_name("left")) or \
                self.implies_nonempty(node.child_by_field_name("right"))
        if operator == "||":  # `isGIF87(b) || isGIF89(b)`: either way
            return self.implies_nonempty(node.child_by_field_name("left")) and \
                self.implies_nonempty(node.child_by_field_name("right"))
        if operator == "!=" and self._compares_sentinel(node):
            return True  # `imageType(buf) != UNKNOWN`
        compared = self._compare(node)
        if compared is None:
            return False
        op, other = compared
        value = self._value(other)
        if op == ">":
            return value is None or value >= 0
        if op == ">=":
            return value is None or value >= 1
        if op == "!=":
            return value == 0
        if op == "==":
            return self._nonzero(other) or self._equals_nonzero(other)
        return False

    def _holds_nonempty_part(self, call: Node) -> bool:
        """`bytes.HasPrefix(s, magic)`, `strings.Contains(s, sep)`,
        `bytes.Equal(s, want)` with a second argument known not to be
        empty: true only for an s that is not empty either (lilliput's isGIF)."""
        args = call_arguments(call)
        if len(args) != 2 or expr_key(args[0]) != self.key:
            return False
        target = self.model.call_target(call, self.source)
        if target.kind != "other" or target.name not in _HOLDS_SECOND or not (
                nonempty_string(args[1], self.source, self.model) or self.evidence.nonempty(args[1], self.source, self.model)):
            return False
        # `b = b[4:]` after `HasPrefix(b, "GIF8")` may leave nothing: the prefix's length is not
        # followed; nor a reslice round a loop back to the use, nor one through `&b`
        function = outermost_function(call) or call
        end = self.at.start_byte if self.at is not None else function.end_byte
        loops = [n for n in _ancestors(self.at) if n.type == "for_statement"] if self.at is not None else []
        for node in walk(function):
            if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&" \
                    and expr_key(node.child_by_field_name("operand")) == self.key:
                return False
            if node.type not in ("assignment_statement", "short_var_declaration") or not any(
                    expr_key(t) == self.key for t in node.child_by_field_name("left").named_children) or not any(
                    strip_parens(v).type == "slice_expression" for v in node.child_by_field_name("right").named_children):
                continue
            if call.end_byte <= node.start_byte < end or any(loop.start_byte <= node.start_byte < loop.end_byte
                                                           for loop in loops):
                return False
        return True

    def implies_empty(self, condition: Node | None) -> bool:
        """True when the condition being false implies len(s) > 0."""
        node = strip_parens(condition)
        if node is None:
            return False
        if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
            return self.implies_nonempty(node.child_by_field_name("operand"))
        if node.type == "call_expression":
            # `isEmpty(buf)`, which is `len(buf) == 0`, or true first thing for an empty buf
            return self._sentinel(node) == ("literal", "true") or self._helper_implies(node, empty=True)
        if node.type != "binary_expression":
            return False
        operator = text(node.child_by_field_name("operator"))
        if operator == "||":
            operands = disjuncts(node)
            return any(self.implies_empty(d) for d in operands) or self._equal_length_nonempty(operands) \
                or self._bound_by_sign(node)
        if operator == "&&":
            return self._bound_by_sign(node)
        if operator == "==" and self._compares_sentinel(node):
            return True  # `imageType(buf) == UNKNOWN`
        if operator == "!=" and self._fails_when_empty(node):
            return True  # `if err := validate(buf); err != nil {`
        compared = self._compare(node)
        if compared is None:
            return False
        op, other = compared
        value = self._value(other)
        if op == "==":
            return value == 0
        if op == "<":
            return value is None or value >= 1
        if op == "<=":
            return value is None or value >= 0
        if op == "!=":
            return self._nonzero(other)
        return False

    def _equal_to_nonempty(self, condition: Node | None) -> bool:
        """After `if len(s) != len(y) { return }` (or `|| ...`), len(s) is
        len(y): s is not empty where y is known not to be (h5py-style rank
        checks, BLAS `n != len(y)` checks followed by `n == 0`)."""
        for disjunct in disjuncts(condition):
            compared = self._compare(disjunct) if disjunct.type == "binary_expression" else None
            if compared is not None and compared[0] == "!=" and self._equals_nonzero(compared[1]):
                return True
        return False

    def _equals_nonzero(self, node: Node) -> bool:
        """What len(s) was found equal to is not 0 where the question is
        asked: `len(y)` of a y known not to be empty there, or a count
        checked not to be 0 (`if n == 0 { return }`); s must never be
        assigned, to keep the length it was compared with."""
        if self.at is None or self.container is None or not never_assigned(self.container, self.source, self.model):
            return False
        other = self._measured(node)
        if other is not None:
            return expr_key(other) != self.key and (
                self.evidence.nonempty(other, self.source, self.model)
                or never_assigned(other, self.source, self.model)
                and self.evidence.checked(other, self.at, self.source, self.model, self.asking))
        count = strip_parens(node)  # (not assigned after the comparison: the check at `at` is of the value compared)
        return count is not None and (count.type == "selector_expression" or count.type == "identifier"
                                      and self._set_before(count)) and \
            self.evidence.value_checked(count, self.at, self.source, self.model)

    def _set_before(self, count: Node) -> bool:
        """Every assignment of the variable `count` comes before this read of
        it, none in a loop around the read, and nothing else changes it
        (`n := 16; if wide { n = 32 }; if len(key) != n`)."""
        symbol = self.model.resolve(count, self.source)
        if symbol is None or symbol.kind not in ("local", "param") or \
                any(mutations(symbol, outermost_function(count) or count, self.model, self.source, method_calls=True)):
            return False
        loop = count.parent
        while loop is not None and loop.type not in ("for_statement", "function_declaration", "method_declaration",
                                                     "func_literal"):
            loop = loop.parent
        return all(lhs.start_byte < count.start_byte and
                   (loop is None or loop.type != "for_statement" or not loop.start_byte <= lhs.start_byte < loop.end_byte)
                   for lhs, _ in symbol.writes)

    def _measured(self, node: Node | None) -> Node | None:
        """y for `len(y)`, or a local bound once to it."""
        node = strip_parens(node)
        if node is not None and node.type == "identifier":
            node = strip_parens(trace_value(node, self.source, self.model))
        if node is None or node.type != "call_expression" or text(node.child_by_field_name("function")) != "len":
            return None
        args = call_arguments(node)
        return args[0] if len(args) == 1 and self.model.call_target(node, self.source).kind == "builtin" else None

    def _equal_length_nonempty(self, disjuncts: list[Node]) -> bool:
        """`len(a) != len(s) || len(a) == 0`, `len(s) != m.size || m.size
        == 0`, or `rows <= 0 || cols <= 0 || len(s) != rows*cols`: where
        every disjunct is false, len(s) equals a length or a count that is
        not 0."""
        for disjunct in disjuncts:
            compared = self._compare(disjunct) if disjunct.type == "binary_expression" else None
            other = strip_parens(compared[1]) if compared is not None and compared[0] == "!=" else None
            if other is None:
                continue
            if other.type == "call_expression" and text(other.child_by_field_name("function")) == "len":
                measured = call_arguments(other)
                key = expr_key(measured[0]) if len(measured) == 1 else ""
                facts = LengthFacts(key, self.source, self.model, self.evidence)
            else:
                key = expr_key(other)  # a variable or a field
                facts = ValueFacts(key, self.source, self.model, self.evidence)
            others = [d for d in disjuncts if d is not disjunct]
            if key and key != self.key and any(facts.implies_empty(d) for d in others):
                return True
            factors = product_factors(other)  # `nrow <= 0 || ncol <= 0 || len(data) != nrow*ncol`
            if factors and all(any(ValueFacts(expr_key(f), self.source, self.model, self.evidence).implies_empty(d) for d in others)
                               for f in factors):
                return True
        return False

    def guards(self, statement: Node) -> bool:
        """A statement after which s is known non-empty (or the function has left)."""
        if statement.type == "labeled_statement" and statement.named_children:
            statement = statement.named_children[-1]  # `outer: for ...`
        if statement.type == "if_statement":
            condition = statement.child_by_field_name("condition")
            consequence = statement.child_by_field_name("consequence")
            if self.implies_empty(condition) and statement.child_by_field_name("alternative") is None:
                if terminates(consequence) or self._assigns(consequence):
                    return True
            if statement.child_by_field_name("alternative") is None and terminates(consequence) and \
                    self._equal_to_nonempty(condition):
                return True
            alternative = statement.child_by_field_name("alternative")
            if alternative is not None and alternative.type == "block" and terminates(alternative) \
                    and consequence is not None and not self._assigns(consequence) \
                    and self.implies_nonempty(condition):
                return True  # `if len(s) > 0 { ... } else { return }`: past it, the condition held
            return self._every_branch_fills(statement) or self._refills_copy(statement)
        if statement.type == "expression_statement" and self._checked_by_helper(statement):
            return True
        if statement.type == "expression_switch_statement":
            return self._switch_guards(statement)
        if statement.type == "for_statement":
            return self._range_fills(statement)
        if statement.type in ("assignment_statement", "short_var_declaration"):
            left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
            lhs = left.named_children if left is not None else []
            rhs = right.named_children if right is not None else []
            if len(lhs) == len(rhs) and any(expr_key(t) == self.key and self.evidence.nonempty(v, self.source, self.model)
                                            for t, v in zip(lhs, rhs)):
                return True  # `s = append(s, x)`: non-empty from here on
        if statement.type in ("expression_statement", "short_var_declaration", "assignment_statement",
                              "var_declaration", "inc_statement", "dec_statement"):
            for node in walk(statement):
                if node.type == "func_literal":
                    return False
                if node.type == "index_expression" and expr_key(node.child_by_field_name("operand")) == self.key:
                    index = node.child_by_field_name("index")
                    if index is not None and index.type == "int_literal":
                        return True
        return False

    def _switch_guards(self, switch: Node) -> bool:
        """`switch len(s) { case 0: return }` or `switch { case len(s) == 0:
        return }`: a case that holds when s is empty and leaves the function."""
        tag = switch.child_by_field_name("value")
        if tag is not None and not self._length(tag):
            return False
        for case in switch.named_children:
            values = case.child_by_field_name("value") if case.type == "expression_case" else None
            if values is None or not terminates(case):
                continue
            for value in values.named_children:
                if self._value(value) == 0 if tag is not None else self.implies_empty(value):
                    return True
        return False

    def case_holds(self, case: Node) -> bool:
        """Inside a case of a switch without a tag: its own condition held
        and every earlier case's failed (in `default`, every case's). Not
        with a `fallthrough` in the switch, which enters a case unasked."""
        switch = case.parent
        if switch is None or switch.type != "expression_switch_statement" or self._assigns(case) or \
                any(n.type == "fallthrough_statement" for n in walk(switch)):
            return False  # (nor when the case assigns the slice before its use)
        cases = [c for c in switch.named_children if c.type in ("expression_case", "default_case")]
        values = lambda c: [v for v in c.child_by_field_name("value").named_children if v.type != "comment"]  # noqa: E731
        tag = switch.child_by_field_name("value")
        if tag is not None:
            # `switch len(s) { case 0, 1: return; default: &s[0] }`: a case of positive lengths,
            # or one after a case that takes 0 (gorgonia/cu's filter dims)
            if not self._length(tag):
                return False
            failed = cases[:cases.index(case)] if case.type == "expression_case" else cases
            own = values(case) if case.type == "expression_case" else []
            return bool(own) and all((self._value(v) or 0) > 0 for v in own) or any(
                self._value(v) == 0 for c in failed if c.type == "expression_case" for v in values(c))
        if case.type == "expression_case":
            own = values(case)
            if own and all(self.implies_nonempty(v) for v in own):
                return True
            failed = cases[:cases.index(case)]
        else:
            failed = cases
        return any(self.implies_empty(v) for c in failed if c.type == "expression_case" for v in values(c))

    def _compares_sentinel(self, node: Node) -> bool:
        """`f(s) == V` (or `!=`) where f returns V first thing for an empty s."""
        for call, other in ((node.child_by_field_name("left"), node.child_by_field_name("right")),
                            (node.child_by_field_name("right"), node.child_by_field_name("left"))):
            call, other = strip_parens(call), strip_parens(other)
            if call is not None and other is not None and call.type == "call_expression":
                sentinel = self._sentinel(call)
                if sentinel is not None and sentinel == constant_key(other, self.source, self.model):
                    return True
        return False

    def _sentinel(self, call: Node):
        """What the package function `call` calls returns, spelled as a
        constant, when the slice s it is given is empty: bimg's
        `imageType(buf)` starts with `if len(buf) < 12 { return UNKNOWN }`."""
        memo = self.model.memo("sentinels")
        key = (call, self.key)
        if key in memo:
            return memo[key]
        memo[key] = None  # a recursive function asks about itself: unknown
        for facts, function in self._helper_facts(call):
            found = first_return_value(function)
            constant = constant_key(found[1], facts.source, self.model) if found is not None else None
            if constant is not None and facts.implies_empty(found[0]):
                memo[key] = constant
                break
        return memo[key]

    def _helper_implies(self, call: Node, empty: bool) -> bool:
        """A one-line package function given s whose value says s is empty
        (`empty`) or is not: `func isEmpty(b []byte) bool { return len(b) == 0 }`."""
        memo = self.model.memo("helper conditions")
        key = (call, self.key, empty)
        if key not in memo:
            memo[key] = False  # a recursive function asks about itself: unknown
            memo[key] = any(
                value is not None and (facts.implies_empty(value) if empty else facts.implies_nonempty(value))
                for facts, function in self._helper_facts(call) for value in (sole_return_value(function),))
        return memo[key]

    def _fails_when_empty(self, comparison: Node) -> bool:
        """`err != nil`, err the only value of a call of a package function
        given s that first thing returns an error for an empty s (`if len(b)
        == 0 { return errEmpty }`, `errors.New(...)`, `fmt.Errorf(...)`);
        also one result of several (`w, h, err := info(data)`)."""
        left, right = strip_parens(comparison.child_by_field_name("left")), \
            strip_parens(comparison.child_by_field_name("right"))
        if left is None or right is None or "nil" not in (left.type, right.type):
            return False
        error = right if left.type == "nil" else left
        call, result = assigned_by_call(error, comparison) or (trace_value(error, self.source, self.model), 0)
        if call is None or call.type != "call_expression":
            return False
        for facts, function in self._helper_facts(call):
            found = first_return_value(function, result)
            if found is not None and new_error(found[1], facts.source, self.model) and facts.implies_empty(found[0]):
                return True
        return False

    def _helper_facts(self, call: Node):
        """For a call of a package function given s: (the facts about its
        parameter that receives s, the function), for each such parameter
        the function never assigns."""
        args = call_arguments(call)
        spread = bool(args) and args[-1].type == "variadic_argument" and bool(args[-1].named_children)
        if spread:  # `check(parts...)` hands the helper's variadic parameter the slice itself
            args = args[:-1] + [args[-1].named_children[0]]
        function = call.child_by_field_name("function")
        receiver = strip_parens(function.child_by_field_name("operand")) \
            if function is not None and function.type == "selector_expression" else None
        by_receiver = receiver is not None and expr_key(receiver) == self.key  # `s.Validate()`
        if not by_receiver and not any(expr_key(arg) == self.key for arg in args):
            return
        target = self.model.call_target(call, self.source)
        if target.kind not in ("func", "method") or target.node is None or declared_twice(target.node, self.model):
            return  # (one per platform: which one builds is not known)
        names = parameter_names(target.node)
        if by_receiver:
            declared = target.node.child_by_field_name("receiver").named_children \
                if target.node.type == "method_declaration" else []
            receiver_type = declared[0].child_by_field_name("type") if declared else None
            if receiver_type is None or receiver_type.type == "pointer_type":
                return  # (a pointer receiver may change the slice the caller then passes)
            names = [declared[0].child_by_field_name("name") if declared else None] + names
            args = [receiver] + args
        if spread and len(args) == len(names):
            names[-1] = variadic_parameter_name(target.node)
        for index, arg in enumerate(args[:len(names)]):
            if expr_key(arg) != self.key or names[index] is None:
                continue
            try:
                helper = self.model.file_of(target.node)
            except ValueError:
                return
            if not never_assigned(names[index], helper, self.model):
                continue
            facts = LengthFacts(text(names[index]), helper, self.model, self.evidence)
            facts.arguments = {text(n): (a, self.source) for n, a in zip(names, args) if n is not None}
            yield facts, target.node

    def _checked_by_helper(self, statement: Node) -> bool:
        """`CheckSize(k, keyBytes(), "key")`: a function of the package that
        panics, before it can return, when the slice it is given is empty."""
        call = strip_parens(statement.named_children[0]) if statement.named_children else None
        if call is None or call.type != "call_expression":
            return False
        return any(any(facts.implies_empty(condition) for condition in panics_when(function))
                   for facts, function in self._helper_facts(call))


class ValueFacts(LengthFacts):
    """The facts of LengthFacts about an integer variable itself (`n > 0`,
    `n == 0`) instead of `len(s)`."""

    kept_by_positive = True

    def _length(self, node: Node | None) -> bool:
        node = strip_parens(node)
        return node is not None and node.type in ("identifier", "selector_expression", "binary_expression") \
            and expr_key(node) == self.key

    def _compare(self, node: Node) -> tuple[str, Node] | None:
        # an int may be negative: only a comparison with a constant tells
        compared = super()._compare(node)
        if compared is None or self._value(compared[1]) is None:
            return None
        return compared


ASSIGNING = frozenset({"assignment_statement", "short_var_declaration"})
# Functions true only when their first argument holds all of their second.
_HOLDS_SECOND = frozenset(f"{package}.{name}" for package in ("bytes", "strings")
                          for name in ("HasPrefix", "HasSuffix", "Contains", "Equal", "EqualFold"))


def _ancestors(node: Node) -> list[Node]:
    found = []
    node = node.parent
    while node is not None:
        found.append(node)
        node = node.parent
    return found
