"""Whether a slice is known to hold at least one element where `&s[0]` is
taken, and whether an integer is known not to be 0 there.

`&s[0]` of an empty slice panics before C is called; CGL002 reports it
only when nothing rules that out: a `len(s)` check that dominates it
(`if len(s) > 0 {`, `if len(s) == 0 { return }` before it, `for i := range
s`, `len(s) > 0 &&`, also on `len(s) / k` and `s == ""`, the cases of a
switch without a tag, and around a closure when `s` is never assigned),
an earlier `s[k]` that would have panicked first, or
a value known to be non-empty (a literal with elements, `make` with a
length that is not 0, an append). Kept apart from `conversions` because
the dominance walk and its condition algebra are a topic of their own.

The API: `known_nonempty(container, source, model)`,
`length_checked(container, at, source, model)`, `never_assigned(...)`.
They rest on `value_facts` (constants, positive integers, non-empty
strings) and `block_exits` (how blocks and functions leave); a check made
inside a called helper (a panicking size check, a sentinel or an error it
returns for an empty slice, the value of a one-line `len(b) == 0`) is read
here too, with the helper's parameters mapped to the call's arguments (a
spread `parts...` to its variadic parameter). `callers` asks the same of every caller of a helper.
"""
from __future__ import annotations

import re

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
from .conversions import is_assignment_target, local_symbol, trace_value
from .model import PackageModel
from .scopes import (
    FUNCTION_KINDS,
    Symbol,
    mutations,
    outermost_function,
    parameter_names,
    returns_of,
    variadic_parameter_name,
)
from .source import SourceFile, strip_parens, text, walk
from .toolchain import go_version_at_least
from .value_facts import constant_int, is_conversion, nonempty_string, positive_int


def known_nonempty(container: Node, source: SourceFile, model: PackageModel, depth: int = 0,
                   at: Node | None = None) -> bool:
    """The slice `container` is known to hold at least one element wherever
    it is used; at `at` too when `make(T, n)` made it and a check there
    rules out n == 0 (`if n == 0 { return }` after the make)."""
    if depth > 8:
        return False
    node = strip_parens(container)
    if node is None:
        return False
    if node.type == "identifier":
        symbol = local_symbol(node, source, model) or model.resolve(node, source)
        if symbol is None or symbol.kind not in ("local", "package_var") or symbol.range_of is not None:
            return False
        values = ([symbol.value] if symbol.value is not None and not symbol.index else []) + [r for _, r in symbol.writes]
        if not values or len(values) != 1 + len(symbol.writes) or any(v is None for v in values):
            return False
        at = at if not symbol.writes and symbol.file is source else None
        return all(known_nonempty(v, symbol.file, model, depth + 1, at) for v in values)
    if node.type == "composite_literal":
        body = node.child_by_field_name("body")
        return body is not None and any(c.type in ("literal_element", "keyed_element") for c in body.named_children)
    if node.type == "type_conversion_expression":  # []byte(s)
        operand = node.child_by_field_name("operand")
        # ...also after `if len(s) == 0 { return }`: the bytes are copied here
        return nonempty_string(operand, source, model) or (
            strip_parens(operand) is not None and strip_parens(operand).type == "identifier"
            and never_assigned(operand, source, model) and length_checked(operand, node, source, model))
    if node.type == "slice_expression":
        base = node.child_by_field_name("operand")
        start, end = node.child_by_field_name("start"), node.child_by_field_name("end")
        if end is not None:  # `s[:16]`, `s[2:8]`: that many elements, or a panic first
            low = constant_int(start, source, model) if start is not None else 0
            high = constant_int(end, source, model)
            if low is not None and high is not None:
                return high > low
            # `b[:min(len(b), n)]` where b and n are checked: at least one
            return low == 0 and at is not None and _positive_at(end, at, source, model)
        if node.child_by_field_name("capacity") is not None:
            return False
        if start is not None:  # `box[nonceSize:]` after `if len(box) < nonceSize+macSize { return }`
            low = constant_int(start, source, model)
            return low is not None and low >= 0 and _longer_than(base, low, node, source, model)
        base_type = model.underlying(model.type_of(base, source))
        if base_type is not None and base_type.kind == "array":
            return bool(base_type.length)
        return known_nonempty(base, source, model, depth + 1)
    if node.type == "call_expression":
        target = model.call_target(node, source)
        args = call_arguments(node)
        if (target.kind == "builtin" and target.name == "make" and len(args) >= 2) or \
                (target.kind == "unsafe" and target.name == "Slice" and len(args) == 2):
            length = strip_parens(args[1])
            return not _length_may_be_zero(args[1], source, model, node) or (
                at is not None and not _length_may_be_zero(args[1], source, model, at) and
                (length.type == "identifier" or bool(_factors(length))))  # unchanged variables: checked at `at`
        if target.kind == "builtin" and target.name == "append" and len(args) >= 2:
            spread = node.child_by_field_name("arguments")
            if spread is not None and any(c.type == "variadic_argument" for c in spread.named_children):
                return len(args) > 2 or known_nonempty(args[0], source, model, depth + 1)
            return True
        if target.kind == "func" and target.node is not None:
            return _returns_nonempty(target.node, model, depth + 1)
    return False


def _returns_nonempty(function: Node, model: PackageModel, depth: int) -> bool:
    """Every `return` of a package function of one result returns a slice
    known to be non-empty (`return append([]string{"MESSAGE=" + m}, extra...)`):
    so is what a call of it gives."""
    memo = model.memo("returns-nonempty")
    if function not in memo:
        memo[function] = False  # a recursive call asks again: not known
        results = function.child_by_field_name("result")
        returns = returns_of(function)
        single = results is not None and (results.type != "parameter_list" or len(results.named_children) == 1
                                          and not results.named_children[0].children_by_field_name("name"))
        if single and returns and not _declared_twice(function, model):
            source = model.file_of(function)
            values = [r.named_children[0].named_children if r.named_children else [] for r in returns]
            memo[function] = all(len(v) == 1 and _returned_nonempty(v[0], function, source, model, depth)
                                 for v in values)
    return memo[function]


def _returned_nonempty(value: Node, function: Node, source: SourceFile, model: PackageModel, depth: int) -> bool:
    """A returned value known non-empty; a variable only if it is the
    function's own local and nothing reaches it through its address
    (`dropPrefix(&out)`) nor from elsewhere (a package variable)."""
    node = strip_parens(value)
    if node.type == "identifier":
        symbol = local_symbol(node, source, model)
        if symbol is None or symbol.kind != "local" or \
                re.search(rb"&\s*" + re.escape(node.text) + rb"\b", function.text):
            return False
    return known_nonempty(value, source, model, depth)


def _declared_twice(function: Node, model: PackageModel) -> bool:
    """Another file of the package declares a function of the same name
    (for another platform, by build tags): which one runs is not known."""
    name = function.child_by_field_name("name")
    if name is None:
        return True
    declaration = re.compile(rb"^func[ \t]+" + re.escape(name.text) + rb"[ \t]*[\[(]", re.MULTILINE)
    return sum(len(declaration.findall(f.data)) for f in model.files_mentioning(text(name))) > 1


def _positive_at(node: Node | None, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """An integer known to be at least 1 at `at`: a positive constant,
    `len(s)` of a slice checked there, a variable checked not to be 0 (or
    negative), or `min` of such."""
    node = strip_parens(node)
    if node is None:
        return False
    if positive_int(node, source, model):
        return True
    if node.type == "identifier":
        return _value_checked(node, at, source, model)
    if node.type != "call_expression" or model.call_target(node, source).kind != "builtin":
        return False
    function, args = text(node.child_by_field_name("function")), call_arguments(node)
    if function == "min" and args:
        return all(_positive_at(arg, at, source, model) for arg in args)
    if function == "len" and len(args) == 1:  # (checked at `at`: the slice must be the one measured)
        return known_nonempty(args[0], source, model) or (
            never_assigned(args[0], source, model) and length_checked(args[0], at, source, model)) or \
            _checked_by_loop(args[0], at, source, model)
    return False


def _checked_by_loop(container: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """`for len(s) > 0 { chunk := s[:min(len(s), k)]; ...; s = s[n:] }`: the
    loop's condition holds at `at` when every write to s lies in the loop's
    body after `at` (the condition is asked again before `at` comes round)."""
    symbol = local_symbol(container, source, model)
    loop = at.parent
    while loop is not None and loop.type not in ("for_statement", "func_literal", *FUNCTION_KINDS):
        loop = loop.parent
    if symbol is None or loop is None or loop.type != "for_statement":
        return False
    body = loop.child_by_field_name("body")
    conditions = [c.child_by_field_name("condition") if c.type == "for_clause" else c
                  for c in loop.named_children if c.type not in ("range_clause", "block", "comment")]
    update = next((c.child_by_field_name("update") for c in loop.named_children if c.type == "for_clause"), None)
    facts = _LengthFacts(_expr_key(container), source, model)

    def after_at(node: Node) -> bool:  # in the body after `at`, or in the clause's update
        return at.end_byte <= node.start_byte < body.end_byte or \
            update is not None and update.start_byte <= node.start_byte < update.end_byte
    return body is not None and any(facts.implies_nonempty(c) for c in conditions) and \
        all(after_at(lhs) for lhs, _ in symbol.writes) and \
        all(after_at(node) for node in mutations(symbol, loop, model, source, method_calls=True))


def _length_may_be_zero(length: Node, source: SourceFile, model: PackageModel, at: Node | None = None) -> bool:
    """For `make(T, length)` or `unsafe.Slice(p, length)` evaluated at `at`:
    the length is a constant 0, a parameter, or `len(x)` of a slice not known
    to be non-empty, or a product with such a factor, and no check that
    excludes 0 dominates `at` (`if n == 0 { return }`, `if len(x) > 0 {`).
    A length computed by a call or from a field is taken as non-zero (source
    cannot tell)."""
    node = strip_parens(length)
    if positive_int(node, source, model):
        return False
    while node is not None and node.type == "call_expression" and is_conversion(node, source, model):
        node = strip_parens(call_arguments(node)[0])
    if node is None:
        return False
    value = constant_int(node, source, model)
    if value is not None:
        return value <= 0
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "*":
        # `frames * channels`: zero when either factor is, unless checked whole
        if at is not None and _value_checked(node, at, source, model):
            return False
        return any(_length_may_be_zero(node.child_by_field_name(side), source, model, at) for side in ("left", "right"))
    if node.type == "identifier":
        symbol = local_symbol(node, source, model)
        if at is not None and symbol is not None and not symbol.writes and symbol.range_of is None \
                and _value_checked(node, at, source, model):
            return False
        if symbol is not None and symbol.kind == "param":
            return True
        traced = trace_value(node, source, model)
        return traced is not None and traced is not node and _length_may_be_zero(traced, source, model, traced)
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        args = call_arguments(node)
        if function is not None and text(function) == "len" and len(args) == 1:
            measured = strip_parens(args[0])
            measured_type = model.underlying(model.type_of(measured, source))
            if measured_type is not None and measured_type.kind == "array":
                return not measured_type.length
            if measured is None or measured.type != "identifier" or known_nonempty(measured, source, model):
                return False
            return at is None or not length_checked(measured, at, source, model)
    return False


def length_checked(container: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a check that `container` is not empty dominates `at`: `at` lies
    in the body of `if len(s) > 0`, `for i := range s`, the right side of
    `len(s) > 0 &&`, the else of `if len(s) == 0`, or after an
    `if len(s) == 0 { return }` (or `s[k]`, which would have panicked first)."""
    return _length_checked(container, at, source, model, frozenset())


def _length_checked(container: Node, at: Node, source: SourceFile, model: PackageModel,
                    asking: frozenset[str]) -> bool:
    """length_checked; `asking` holds the slices whose question is already
    open (`len(a) != len(b)` asks about b, which asks about a...)."""
    key = _expr_key(container)
    if not key or key in asking or len(asking) > 16:
        return False
    facts = _LengthFacts(key, source, model)
    facts.copy_of = _copied_slice(container, source, model)
    facts.at, facts.asking, facts.container = at, asking | {key}, container
    # A closure sees the variable, not its value at the check: the checks
    # around the closure hold inside it only for a variable never assigned.
    return _dominated(facts, at, of_length=True, through_closures=lambda: never_assigned(container, source, model),
                      scope=_scope_of(container, source, model))


def _scope_of(container: Node, source: SourceFile, model: PackageModel) -> Node | None:
    """Where the variable `container` names is declared: checks outside it
    (on an outer variable of the same name) say nothing of it."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    return symbol.scope if symbol is not None and symbol.kind in ("local", "param") else None


def _longer_than(container: Node, count: int, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a comparison of `len(container)` with a constant that
    dominates `at` says it holds more than `count` elements."""
    key = _expr_key(container)
    symbol = local_symbol(container, source, model) if strip_parens(container).type == "identifier" else None
    if not key or symbol is None or symbol.range_of is not None:
        return False
    function = outermost_function(at) or at
    loop = at.parent
    while loop is not None and loop.type not in ("for_statement", *FUNCTION_KINDS, "func_literal"):
        loop = loop.parent
    if any(mutations(symbol, function, model, source, method_calls=True)) or loop is not None \
            and loop.type == "for_statement" and any(at.end_byte <= lhs.start_byte < loop.end_byte
                                                     for lhs, _ in symbol.writes):
        return False  # changed where the walk cannot see: through its address, or on the loop's next turn
    facts = _MoreThanFacts(key, source, model, count)
    return _dominated(facts, at, of_length=False, through_closures=lambda: never_assigned(container, source, model),
                      scope=symbol.scope)


def _constant_key(node: Node | None, source: SourceFile, model: PackageModel):
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


def _copied_slice(container: Node, source: SourceFile, model: PackageModel) -> tuple[Symbol, "_LengthFacts"] | None:
    """For `d := data`, with `data` never assigned: d's symbol and the facts
    about data, which hold of d until d is assigned."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    value = strip_parens(symbol.value) if symbol is not None and symbol.kind == "local" and not symbol.index \
        and symbol.value is not None else None
    if value is None or value.type != "identifier" or not never_assigned(value, symbol.file, model):
        return None
    return symbol, _LengthFacts(_expr_key(value), symbol.file, model)


def _value_checked(value: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a check that the integer variable `value` (or field `a.n` of
    a variable) is not 0 dominates `at`: `if n == 0 { return }` (or `n <= 0`,
    `n < 1`) before it, or `at` inside `if n > 0 {`."""
    key = _expr_key(value)
    if not key:
        return False
    factors = _factors(value)
    if factors:  # `if frames*ch == 0 { return }` before `make(T, frames*ch)`
        if any(f.type == "identifier" and _changed(f, source, model) for f in factors):
            return False
        unchanged = lambda: all(never_assigned(f, source, model) if f.type == "identifier"  # noqa: E731
                                else _field_never_assigned(f, source, model) for f in factors)
        return unchanged() and _dominated(_ValueFacts(key, source, model), at, of_length=False,
                                          through_closures=unchanged)
    if value.type == "identifier":
        if _changed(value, source, model):
            return False
        unchanged = lambda: never_assigned(value, source, model)  # noqa: E731
    elif value.type == "selector_expression":
        unchanged = lambda: _field_never_assigned(value, source, model)  # noqa: E731
        if not unchanged():
            return False
    else:
        return False
    return _dominated(_ValueFacts(key, source, model), at, of_length=False, through_closures=unchanged)


def _field_never_assigned(field: Node, source: SourceFile, model: PackageModel) -> bool:
    """`a.n` (a gonum matrix's `a.Cols`) where the function never assigns `a`
    nor `a.n`, nor takes the address of `a.n`, nor hands `a` to a call or
    copies it (`reshape(a, n)`, `b := a`), which could change the field."""
    operand = strip_parens(field.child_by_field_name("operand"))
    if operand is None or operand.type != "identifier" or not never_assigned(operand, source, model):
        return False
    key, base = _expr_key(field), text(operand)
    for node in walk(outermost_function(field) or field):
        if node.type == "identifier" and text(node) == base and node.parent is not None and (
                node.parent.type == "argument_list" or node.parent.type == "expression_list"
                and node.parent.parent is not None and node.parent.parent.type in _ASSIGNING
                and node.parent.parent.child_by_field_name("right") == node.parent):
            return False
        if node.type != "selector_expression" or _expr_key(node) != key:
            continue
        parent = node.parent
        if is_assignment_target(node) or parent is not None and (
                parent.type in ("inc_statement", "dec_statement")
                or parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "&"):
            return False
    return True


def _changed(ident: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether the variable `ident` names is assigned (`=`, `+=`, `--`, `&n`
    taken) anywhere in its function after its declaration."""
    symbol = model.resolve(ident, source)
    function = ident
    while function is not None and function.type not in FUNCTION_KINDS:
        function = function.parent
    if symbol is None or function is None:
        return True
    for node in walk(function):
        if node.type != "identifier" or text(node) != symbol.name or node.start_byte == symbol.node.start_byte:
            continue
        parent = node.parent
        if parent is not None and parent.type in ("inc_statement", "dec_statement"):
            return True
        if parent is not None and parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "&":
            return True
        if is_assignment_target(node) and model.resolve(node, source) is symbol:
            return True
    return False


def never_assigned(container: Node, source: SourceFile, model: PackageModel) -> bool:
    """A local variable or parameter that no statement of its function (its
    closures included) assigns, increments, takes the address of, or calls a
    method on (a pointer receiver takes the address)."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    if symbol is None or symbol.kind not in ("local", "param") or symbol.writes:
        return False
    if symbol.scope is not None and symbol.scope.type == "for_statement" and not go_version_at_least(model, 22):
        return False  # before Go 1.22 a loop variable is one variable for every iteration
    return not any(mutations(symbol, outermost_function(ident) or ident, model, source, method_calls=True))


def _dominated(check: "_LengthFacts", at: Node, *, of_length: bool, through_closures, scope: Node | None = None) -> bool:
    """Whether `check` holds at `at`: the walk up from `at` meets a condition
    or an earlier statement that implies it. A slice's length (`of_length`)
    is also implied by ranging over it and by earlier statements that would
    have panicked on an empty slice; an integer's value only by `if`s and
    `switch`es (`switch { case n == 0: return }`). The
    walk goes on out of a function literal when `through_closures()` says,
    and stops at `scope`, where the variable is declared."""
    node, parent = at, at.parent  # a node's parent is found from the root: asked once per level
    while parent is not None and node.type not in ("function_declaration", "method_declaration"):
        if node.type == "func_literal" and not through_closures() or scope is not None and node == scope:
            return False
        kind = parent.type
        if kind == "if_statement":
            condition = parent.child_by_field_name("condition")
            if parent.child_by_field_name("consequence") == node and check.implies_nonempty(condition):
                return True
            if parent.child_by_field_name("alternative") == node and check.implies_empty(condition):
                return True
        elif of_length and kind == "for_statement" and parent.child_by_field_name("body") == node:
            for clause in parent.named_children:
                if clause.type == "range_clause" and _expr_key(clause.child_by_field_name("right")) == check.key:
                    return True
                if clause.type == "for_clause" and check.implies_nonempty(clause.child_by_field_name("condition")):
                    return True
                if clause.type not in ("range_clause", "for_clause", "block") and check.implies_nonempty(clause):
                    return True
        elif kind in ("expression_case", "default_case") and node.type != "expression_list" \
                and check.case_holds(parent):
            return True
        elif kind == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = text(parent.child_by_field_name("operator"))
            left = parent.child_by_field_name("left")
            if operator == "&&" and check.implies_nonempty(left):
                return True
            if operator == "||" and check.implies_empty(left):
                return True
        elif kind in ("statement_list", "block", "source_file"):
            sibling = node.prev_named_sibling
            while sibling is not None:
                if (of_length or sibling.type in ("if_statement", "expression_switch_statement")) \
                        and check.guards(sibling):
                    return True
                if _assigns_key(sibling, check.key, check.counts_reslices):
                    # `scratch = data` holds what data held there; `b = b[:0]` does not
                    copied = _copied_value(sibling, check.key) if of_length else None
                    return copied is not None and _unchanged_since(sibling, at, check) and \
                        _length_checked(copied, sibling, check.source, check.model, check.asking)
                sibling = sibling.prev_named_sibling
        node, parent = parent, parent.parent
    return False


def _assigns_key(statement: Node, key: str, reslices: bool = False) -> bool:
    """Whether the statement (or one inside it) assigns the variable or
    field spelled `key` with `=`, `op=`, `++` or `--`, other than by
    reslicing it unless `reslices` (`b = b[4:]` after `len(b) < 8`: the
    bounds' arithmetic is not followed, so the check is taken to hold)."""
    if statement.type not in ("assignment_statement", "expression_statement", "inc_statement", "dec_statement",
                              "if_statement", "for_statement", "expression_switch_statement",
                              "type_switch_statement", "select_statement", "block", "labeled_statement") \
            or key.encode() not in statement.text:  # (gofmt spells a key as `_expr_key` does)
        return False
    for node in walk(statement):
        if node.type == "assignment_statement":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            targets = left.named_children if left is not None else []
            values = right.named_children if right is not None else []
            if len(values) == len(targets) and not reslices:
                targets = [t for t, v in zip(targets, values) if not _reslices(v, key)]
        elif node.type in ("inc_statement", "dec_statement"):
            targets = node.named_children[:1]
        else:
            continue
        if any(_expr_key(target) == key for target in targets):
            return True
    return False


def _unchanged_since(copy: Node, at: Node, check: "_LengthFacts") -> bool:
    """Nothing between the copy `x = y` and `at` can change x: x is a
    variable whose address is never taken, no other write of it (a reslice
    included) lies between, and for a package variable no call runs
    between (one may reset it)."""
    container = strip_parens(check.container)
    symbol = check.model.resolve(container, check.source) if container is not None \
        and container.type == "identifier" else None
    if symbol is None or symbol.kind not in ("local", "param", "package_var"):
        return False
    between = lambda node: copy.end_byte <= node.start_byte < at.start_byte  # noqa: E731
    if any(between(lhs) for lhs, _ in symbol.writes):
        return False
    function = outermost_function(at) or at
    if symbol.kind != "package_var":
        return not any(mutations(symbol, function, check.model, check.source, method_calls=True))
    return not any(node.type == "call_expression" and between(node) and node.end_byte < at.end_byte
                   and _may_reset(check.model.call_target(node, check.source)) for node in walk(function))


def _may_reset(target) -> bool:
    """A call that may assign a package variable: a function or method of
    the package, or a function value (not a builtin, a conversion, C, or a
    function of another package such as fmt.Println)."""
    return target.kind not in ("builtin", "conversion", "c", "unsafe") \
        and not (target.kind == "other" and "." in target.name)


def _copied_value(statement: Node, key: str) -> Node | None:
    """y of `s = y` (or `s, t = y, u`), a variable or a field, when the
    statement is that plain assignment."""
    if statement.type != "assignment_statement" or text(statement.child_by_field_name("operator")) != "=":
        return None
    left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
    targets, values = left.named_children, right.named_children
    copied = [v for t, v in zip(targets, values) if _expr_key(t) == key] if len(targets) == len(values) else []
    return copied[0] if len(copied) == 1 and _expr_key(copied[0]) else None


def _assigned_by_call(error: Node, comparison: Node) -> tuple[Node, int] | None:
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
    if setter is None or setter.type not in _ASSIGNING:
        return None
    left, right = setter.child_by_field_name("left"), setter.child_by_field_name("right")
    values = [v for v in right.named_children if v.type != "comment"] if right is not None else []
    names = [text(t) for t in left.named_children] if left is not None else []
    if len(values) != 1 or text(error) not in names or strip_parens(values[0]).type != "call_expression":
        return None
    return strip_parens(values[0]), names.index(text(error))


def _reslices(value: Node, key: str) -> bool:
    value = strip_parens(value)
    return value is not None and value.type == "slice_expression" and \
        _expr_key(value.child_by_field_name("operand")) == key


def _new_error(value: Node | None, source: SourceFile, model: PackageModel) -> bool:
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


def _expr_key(node: Node | None) -> str:
    node = strip_parens(node)
    factors = _factors(node) if node is not None else []
    if factors:  # `frames*ch`: checked as a whole (`if frames*ch == 0`), in any order
        return "*".join(sorted("".join(text(f).split()) for f in factors))
    if node is None or node.type not in ("identifier", "selector_expression"):
        return ""
    return "".join(text(node).split())


def _factors(node: Node) -> list[Node]:
    """The variables and fields multiplied in `a * b.n * c`; empty for anything else."""
    if node.type != "binary_expression" or text(node.child_by_field_name("operator")) != "*":
        return []
    factors = []
    for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
        side = strip_parens(side)
        if side is None:
            return []
        inner = _factors(side) if side.type == "binary_expression" else [side]
        if not inner or any(f.type not in ("identifier", "selector_expression") for f in inner):
            return []
        factors += inner
    return factors


class _LengthFacts:
    counts_reslices = False  # a reslice after the check (`b = b[4:]`) undoes it: see _assigns_key

    def __init__(self, key: str, source: SourceFile, model: PackageModel):
        self.key, self.source, self.model = key, source, model
        self.copy_of: tuple[Symbol, _LengthFacts] | None = None  # see _copied_slice
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
            return _LengthFacts("", source, self.model)._nonzero(argument)
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
            _expr_key(args[0]) == self.key and self.model.call_target(node, self.source).kind == "builtin"

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
                if _expr_key(one) == self.key and empty_string(other):
                    return operator, other
        return None

    def _value(self, node: Node) -> int | None:
        return 0 if empty_string(node) else constant_int(node, self.source, self.model)

    def implies_nonempty(self, condition: Node | None) -> bool:
        node = strip_parens(condition)
        if node is not None and node.type == "call_expression":
            # `valid(buf)`, false for an empty buf; `hasData(buf)`, which is `len(buf) > 0`
            return self._sentinel(node) == ("literal", "false") or self._helper_implies(node, empty=False)
        if node is None or node.type != "binary_expression":
            return False
        operator = text(node.child_by_field_name("operator"))
        if operator == "&&":
            return self.implies_nonempty(node.child_by_field_name("left")) or \
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
            return self._nonzero(other)
        return False

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
            return any(self.implies_empty(d) for d in operands) or self._equal_length_nonempty(operands)
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
        if self.at is None or self.container is None or not never_assigned(self.container, self.source, self.model):
            return False  # (s must keep the length it was compared with)
        for disjunct in disjuncts(condition):
            compared = self._compare(disjunct) if disjunct.type == "binary_expression" else None
            if compared is None or compared[0] != "!=":
                continue
            other = self._measured(compared[1])
            if other is not None and _expr_key(other) != self.key and (
                    known_nonempty(other, self.source, self.model)
                    or never_assigned(other, self.source, self.model)
                    and _length_checked(other, self.at, self.source, self.model, self.asking)):
                return True
            count = strip_parens(compared[1])  # `len(x) != n`, then `if n == 0 { return }`
            if other is None and count is not None and count.type in ("identifier", "selector_expression") and \
                    _value_checked(count, self.at, self.source, self.model):
                return True
        return False

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
                key = _expr_key(measured[0]) if len(measured) == 1 else ""
                facts = _LengthFacts(key, self.source, self.model)
            else:
                key = _expr_key(other)  # a variable or a field
                facts = _ValueFacts(key, self.source, self.model)
            others = [d for d in disjuncts if d is not disjunct]
            if key and key != self.key and any(facts.implies_empty(d) for d in others):
                return True
            factors = _factors(other)  # `nrow <= 0 || ncol <= 0 || len(data) != nrow*ncol`
            if factors and all(any(_ValueFacts(_expr_key(f), self.source, self.model).implies_empty(d) for d in others)
                               for f in factors):
                return True
        return False

    def guards(self, statement: Node) -> bool:
        """A statement after which s is known non-empty (or the function has left)."""
        if statement.type == "if_statement":
            condition = statement.child_by_field_name("condition")
            consequence = statement.child_by_field_name("consequence")
            if self.implies_empty(condition) and statement.child_by_field_name("alternative") is None:
                if terminates(consequence) or self._assigns(consequence):
                    return True
            if statement.child_by_field_name("alternative") is None and terminates(consequence) and \
                    self._equal_to_nonempty(condition):
                return True
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
            if len(lhs) == len(rhs) and any(_expr_key(t) == self.key and known_nonempty(v, self.source, self.model)
                                            for t, v in zip(lhs, rhs)):
                return True  # `s = append(s, x)`: non-empty from here on
        if statement.type in ("expression_statement", "short_var_declaration", "assignment_statement",
                              "var_declaration", "inc_statement", "dec_statement"):
            for node in walk(statement):
                if node.type == "func_literal":
                    return False
                if node.type == "index_expression" and _expr_key(node.child_by_field_name("operand")) == self.key:
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
        if switch is None or switch.type != "expression_switch_statement" or \
                switch.child_by_field_name("value") is not None or self._assigns(case) or \
                any(n.type == "fallthrough_statement" for n in walk(switch)):
            return False  # (nor when the case assigns the slice before its use)
        cases = [c for c in switch.named_children if c.type in ("expression_case", "default_case")]
        values = lambda c: [v for v in c.child_by_field_name("value").named_children if v.type != "comment"]  # noqa: E731
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
                if sentinel is not None and sentinel == _constant_key(other, self.source, self.model):
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
            constant = _constant_key(found[1], facts.source, self.model) if found is not None else None
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
        call, result = _assigned_by_call(error, comparison) or (trace_value(error, self.source, self.model), 0)
        if call is None or call.type != "call_expression":
            return False
        for facts, function in self._helper_facts(call):
            found = first_return_value(function, result)
            if found is not None and _new_error(found[1], facts.source, self.model) and facts.implies_empty(found[0]):
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
        if not any(_expr_key(arg) == self.key for arg in args):
            return
        target = self.model.call_target(call, self.source)
        if target.kind not in ("func", "method") or target.node is None or _declared_twice(target.node, self.model):
            return  # (one per platform: which one builds is not known)
        names = parameter_names(target.node)
        if spread and len(args) == len(names):
            names[-1] = variadic_parameter_name(target.node)
        for index, arg in enumerate(args[:len(names)]):
            if _expr_key(arg) != self.key or names[index] is None:
                continue
            try:
                helper = self.model.file_of(target.node)
            except ValueError:
                return
            if not never_assigned(names[index], helper, self.model):
                continue
            facts = _LengthFacts(text(names[index]), helper, self.model)
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
        known not to be empty there, the append at the top of the body with
        nothing before it that could skip it (`continue`, `break`, ...)."""
        clause = next((c for c in loop.named_children if c.type == "range_clause"), None)
        body = loop.child_by_field_name("body")
        ranged = clause.child_by_field_name("right") if clause is not None else None
        if ranged is None or body is None or strip_parens(ranged).type != "identifier":
            return False
        statements = [c for part in body.named_children if part.type == "statement_list" for c in part.named_children]
        appended = False
        for statement in statements:
            if not appended and statement.type == "assignment_statement" \
                    and text(statement.child_by_field_name("operator")) == "=":
                left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
                value = right.named_children[0] if len(right.named_children) == 1 else None
                if len(left.named_children) == 1 and _expr_key(left.named_children[0]) == self.key \
                        and value is not None and value.type == "call_expression" \
                        and known_nonempty(value, self.source, self.model):
                    appended = True  # `cs = append(cs, x)`: one more element, whatever cs held
                    continue
            if not appended and any(node.type in _SKIPS for node in walk(statement)) or self._assigns(statement):
                return False  # skipped before the append, or s changed again (`cs = cs[:len(cs)-1]`)
        return appended and (known_nonempty(ranged, self.source, self.model)
                             or length_checked(ranged, loop, self.source, self.model))

    def _every_branch_fills(self, statement: Node) -> bool:
        """`if cap(s) >= n { s = s[:n] } else { s = make([]byte, n) }`: an if
        with an else whose every branch leaves, or last gives s a value known
        to be non-empty."""
        alternative = statement.child_by_field_name("alternative")
        if alternative is None:
            return False
        for branch in (statement.child_by_field_name("consequence"), alternative):
            if branch is None:
                return False
            if branch.type == "if_statement":
                if not self._every_branch_fills(branch):
                    return False
            elif not (terminates(branch) or self._ends_nonempty(branch)):
                return False
        return True

    def _ends_nonempty(self, block: Node) -> bool:
        """The block's last assignment to s is a plain `s = v` at its top
        level, with `v` known to be non-empty."""
        statements = [c for part in block.named_children if part.type == "statement_list" for c in part.named_children]
        for position in range(len(statements) - 1, -1, -1):
            statement = statements[position]
            if not self._assigns(statement):
                continue
            left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
            lhs = left.named_children if left is not None else []
            rhs = right.named_children if right is not None else []
            return statement.type == "assignment_statement" and len(lhs) == 1 == len(rhs) \
                and text(statement.child_by_field_name("operator")) == "=" and _expr_key(lhs[0]) == self.key \
                and known_nonempty(rhs[0], self.source, self.model)
        return False

    def _assigns(self, block: Node | None) -> bool:
        for node in walk(block) if block is not None else []:
            if node.type in ("assignment_statement", "short_var_declaration"):
                left = node.child_by_field_name("left")
                if left is not None and any(_expr_key(t) == self.key for t in left.named_children):
                    return True
        return False


_ASSIGNING = frozenset({"assignment_statement", "short_var_declaration"})
# What may leave a loop's body before its end.
_SKIPS = frozenset({"continue_statement", "break_statement", "return_statement", "goto_statement"})


class _ValueFacts(_LengthFacts):
    """The facts of _LengthFacts about an integer variable itself (`n > 0`,
    `n == 0`) instead of `len(s)`."""

    def _length(self, node: Node | None) -> bool:
        node = strip_parens(node)
        return node is not None and node.type in ("identifier", "selector_expression", "binary_expression") \
            and _expr_key(node) == self.key

    def _compare(self, node: Node) -> tuple[str, Node] | None:
        # an int may be negative: only a comparison with a constant tells
        compared = super()._compare(node)
        if compared is None or self._value(compared[1]) is None:
            return None
        return compared




class _MoreThanFacts(_LengthFacts):
    """len(s) > count, for a count that may exceed 0: told only by `len(s)`
    itself compared with a constant (`len(s) < 40` is false, `len(s) >= 40`
    holds), alone or in `&&`, `||` and `!`; `len(s) / 2 > 20` or a helper's
    check is not followed."""

    counts_reslices = True  # a reslice changes the count the check was about

    def __init__(self, key: str, source: SourceFile, model: PackageModel, count: int):
        super().__init__(key, source, model)
        self.count = count

    def _length(self, node: Node | None) -> bool:
        node = strip_parens(node)  # `len(s)` itself: `n := len(s)` may measure an s since replaced
        measured = self._measured(node) if node is not None and node.type == "call_expression" else None
        return measured is not None and _expr_key(measured) == self.key

    def _bound(self, condition: Node | None) -> tuple[str, int] | None:
        node = strip_parens(condition)
        compared = self._compare(node) if node is not None and node.type == "binary_expression" else None
        value = self._value(compared[1]) if compared is not None else None
        return (compared[0], value) if value is not None else None

    def implies_nonempty(self, condition: Node | None) -> bool:
        node = strip_parens(condition)
        if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "&&":
            return self.implies_nonempty(node.child_by_field_name("left")) or \
                self.implies_nonempty(node.child_by_field_name("right"))
        bound = self._bound(node)
        return bound is not None and (bound[0] == ">" and bound[1] >= self.count
                                      or bound[0] in (">=", "==") and bound[1] > self.count)

    def implies_empty(self, condition: Node | None) -> bool:
        """True when the condition being false implies len(s) > count."""
        node = strip_parens(condition)
        if node is not None and node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
            return self.implies_nonempty(node.child_by_field_name("operand"))
        if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "||":
            return any(self.implies_empty(d) for d in disjuncts(node))
        bound = self._bound(node)
        return bound is not None and (bound[0] == "<" and bound[1] > self.count
                                      or bound[0] == "<=" and bound[1] >= self.count)

    def guards(self, statement: Node) -> bool:
        return statement.type == "if_statement" and statement.child_by_field_name("alternative") is None and \
            self.implies_empty(statement.child_by_field_name("condition")) and \
            terminates(statement.child_by_field_name("consequence"))
