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
the dominance walk is a topic of its own; what each condition on the way
says is `length_conditions`' part.

The API: `known_nonempty(container, source, model)`,
`length_checked(container, at, source, model)`.
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

from .call_targets import call_arguments, receiving_call
from .conversions import is_assignment_target, local_symbol, trace_value
from .expr_keys import expr_key, never_assigned, product_factors
from .length_bounds import BelowLengthFacts, DivisibleFacts, MoreThanFacts
from .length_conditions import (
    ASSIGNING,
    Evidence,
    LengthFacts,
    ValueFacts,
    declared_twice,
)
from .model import PackageModel
from .scopes import (
    FUNCTION_KINDS,
    Symbol,
    asked_on_stack,
    mutations,
    outermost_function,
    returns_of,
)
from .source import SourceFile, strip_parens, text, walk
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
        if depth and symbol is not None and symbol.kind in ("local", "param") and \
                never_assigned(node, source, model) and length_checked(node, node, source, model):
            return True  # `report := b` after `if len(b) == 0 { return }`: b's one value is not empty
        if symbol is None or symbol.kind not in ("local", "package_var") or symbol.range_of is not None \
                or symbol.kind == "package_var" and _package_var_changed(symbol, model):
            return False
        values = ([symbol.value] if symbol.value is not None and not symbol.index else []) + [r for _, r in symbol.writes]
        if not values or len(values) != 1 + len(symbol.writes) or any(v is None for v in values):
            return False
        at = at if not symbol.writes and symbol.file is source else None
        asking = asked_on_stack("nonempty")
        if id(symbol) in asking:
            return False
        asking.add(id(symbol))
        try:
            return all(known_nonempty(v, symbol.file, model, depth + 1, at) for v in values)
        finally:
            asking.discard(id(symbol))
    if node.type == "type_assertion_expression" and depth:  # `bs := v.([]byte)` where `len(v.([]byte)) > 0`
        operand = strip_parens(node.child_by_field_name("operand"))
        return operand is not None and operand.type == "identifier" and never_assigned(operand, source, model) \
            and length_checked(node, node, source, model)
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
            if start is not None and _window_past(node, base, start, end, source, model):
                return True
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
            # at `at`, a length of unchanged variables may be checked since the make
            return not _length_may_be_zero(args[1], source, model, node) or (
                at is not None and not _length_may_be_zero(args[1], source, model, at) and
                (length.type == "identifier" or bool(product_factors(length))
                 or _length_of_unassigned(length, source, model)))
        if target.kind == "builtin" and target.name == "append" and len(args) >= 2:
            spread = node.child_by_field_name("arguments")
            if spread is not None and any(c.type == "variadic_argument" for c in spread.named_children):
                return len(args) > 2 or known_nonempty(args[0], source, model, depth + 1)
            return True
        if target.kind in ("func", "method") and target.node is not None:  # (a method of a type the package declares)
            return _returns_nonempty(target.node, model, depth + 1)
    return False


def _given_to_c(change: Node, source: SourceFile, model: PackageModel) -> bool:
    """`&x` passed to a C call, through pointer conversions (`C.get(&x)`,
    `C.get((*C.int)(unsafe.Pointer(&x)))`): C writes x there."""
    if change.type != "unary_expression":
        return False  # (x++ and x--)
    found = receiving_call(change, lambda node: node.parent, lambda call: model.call_target(call, source))
    return found is not None and found[1].kind == "c"


def _length_of_unassigned(node: Node, source: SourceFile, model: PackageModel) -> bool:
    """`len(x)` of a slice or string x never assigned: the same length
    wherever it is asked (not a map's or a channel's, which change in place)."""
    if node.type != "call_expression" or text(node.child_by_field_name("function")) != "len":
        return False
    args = call_arguments(node)
    measured = strip_parens(args[0]) if len(args) == 1 else None
    if measured is None or measured.type != "identifier" or not never_assigned(measured, source, model):
        return False
    measured_type = model.underlying(model.type_of(measured, source))
    return measured_type is not None and measured_type.kind in ("slice", "string", "array")


def _package_var_changed(symbol: Symbol, model: PackageModel) -> bool:
    """Whether some file of the package assigns the package variable, or
    takes its address (`func SetMagic(m []byte) { magic = m }`,
    `for _, magic = range list`): then its initial value says nothing of it."""
    return bool(_package_var_changes(symbol, model))


def _package_var_changes(symbol: Symbol, model: PackageModel) -> list[Node]:
    """The identifiers by which the package's files change the package
    variable; locals of the same name are other variables."""
    memo = model.memo("package var changes")
    if symbol not in memo:
        memo[symbol] = [ident for f in model.files_mentioning(symbol.name) for node in walk(f.root)
                        for ident in _changed_names(node, symbol.name) if model.resolve(ident, f) is symbol]
    return memo[symbol]


def package_var_value(symbol: Symbol, model: PackageModel) -> Node | None:
    """The one value a package variable holds: its initializer if nothing
    changes it, or, declared without one, what a single `v = value`
    directly in the body of an `init` function gives it (gorgonia/cu sets
    `cintsize = int(C.sizeof_int)` so)."""
    changes = _package_var_changes(symbol, model)
    if not changes:
        return symbol.value
    if symbol.value is not None or len(changes) != 1:
        return None
    assignment = changes[0].parent
    if assignment is not None and assignment.type == "expression_list":
        assignment = assignment.parent
    if assignment is None or assignment.type != "assignment_statement" \
            or text(assignment.child_by_field_name("operator")) != "=":
        return None
    function = assignment.parent.parent if assignment.parent is not None else None  # statement_list, block
    function = function.parent if function is not None else None
    name = function.child_by_field_name("name") if function is not None and function.type == "function_declaration" else None
    if name is None or text(name) != "init":
        return None
    targets = assignment.child_by_field_name("left").named_children
    values = assignment.child_by_field_name("right").named_children
    if len(targets) != len(values):
        return None
    return next((v for t, v in zip(targets, values) if strip_parens(t) is not None
                 and strip_parens(t).start_byte == changes[0].start_byte), None)


def _changed_names(node: Node, name: str) -> list[Node]:
    """The identifiers spelled `name` that the statement changes: assigned
    (also in parentheses, or by a range clause's `=`), incremented, or
    whose address it takes."""
    if node.type == "receive_statement":  # `case m = <-ch:`
        left = node.child_by_field_name("left")
        targets = [strip_parens(t) for t in left.named_children] if left is not None else []
        return [t for t in targets if t is not None and t.type == "identifier" and text(t) == name] \
            if b":=" not in node.text.split(b"<-", 1)[0] else []
    if node.type in ("assignment_statement", "range_clause"):
        if node.type == "range_clause" and text(node.child_by_field_name("operator") or node) != "=" \
                and b":=" in node.text.split(b"range", 1)[0]:
            return []  # `for k, v := range`: new variables
        left = node.child_by_field_name("left")
        targets = [strip_parens(t) for t in left.named_children] if left is not None else []
    elif node.type in ("inc_statement", "dec_statement"):
        targets = [strip_parens(node.named_children[0])] if node.named_children else []
    elif node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
        targets = [strip_parens(node.child_by_field_name("operand"))]
    else:
        return []
    return [t for t in targets if t is not None and t.type == "identifier" and text(t) == name]


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
        if single and returns and not declared_twice(function, model):
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
    """`for len(s) > 0 { chunk := s[:min(len(s), k)]; ...; s = s[n:] }`."""
    facts = LengthFacts(expr_key(container), source, model, _EVIDENCE)
    return _loop_condition_holds(facts, (container,), at, source, model)


def _loop_condition_holds(facts: LengthFacts, variables: tuple[Node, ...], at: Node, source: SourceFile,
                          model: PackageModel) -> bool:
    """The condition of the loop around `at` implies `facts`, and holds at
    `at`: every write to the `variables` it reads lies in the loop's body
    after `at` or in its update (the condition is asked again before `at`
    comes round)."""
    symbols = [local_symbol(v, source, model) for v in variables]
    loop = at.parent
    while loop is not None and loop.type not in ("for_statement", "func_literal", *FUNCTION_KINDS):
        loop = loop.parent
    if None in symbols or loop is None or loop.type != "for_statement":
        return False
    body = loop.child_by_field_name("body")
    if body is None or any(body.start_byte <= symbol.node.start_byte < body.end_byte for symbol in symbols):
        return False  # declared in the body: not the variable the condition reads (`off := off + skip`)
    conditions = [c.child_by_field_name("condition") if c.type == "for_clause" else c
                  for c in loop.named_children if c.type not in ("range_clause", "block", "comment")]
    update = next((c.child_by_field_name("update") for c in loop.named_children if c.type == "for_clause"), None)

    def after_at(node: Node) -> bool:  # in the body after `at`, or in the clause's update
        return at.end_byte <= node.start_byte < body.end_byte or \
            update is not None and update.start_byte <= node.start_byte < update.end_byte
    # changed elsewhere in the loop, or through an address kept anywhere (`p := &off`), it may not be what
    # the condition saw; before the loop, `x++` or a call given `&x` (`fmt.Sscan(s, &off)`) is over by then
    function = outermost_function(loop) or loop

    def harmless(node: Node) -> bool:
        if loop.start_byte <= node.start_byte < loop.end_byte:
            return after_at(node)
        above = node.parent
        while above is not None and above.type == "parenthesized_expression":
            above = above.parent
        return node.type != "unary_expression" or above is not None and above.type == "argument_list"
    return any(facts.implies_nonempty(c) for c in conditions) and \
        all(after_at(lhs) for symbol in symbols for lhs, _ in symbol.writes) and \
        all(harmless(node) for symbol in symbols for node in mutations(symbol, function, model, source, method_calls=True))


def _window_past(window: Node, base: Node, start: Node, end: Node, source: SourceFile, model: PackageModel) -> bool:
    """`buf[off:min(off+k, len(buf))]` inside `for off < len(buf)`, with k
    checked positive: every bound of the `min` (or the end itself) is past
    `off`, so the window holds at least one element. The end may be a
    variable bound once to it (`end := min(off+k, len(buf))`): off and buf
    are then unchanged from the loop's test to the window."""
    start, end = strip_parens(start), strip_parens(end)
    if start is None or end is None or start.type != "identifier" or strip_parens(base).type != "identifier":
        return False
    if end.type == "identifier":
        end = strip_parens(trace_value(end, source, model))
        if end is None or end.type == "identifier":
            return False
    bounds = [end]
    if end.type == "call_expression" and text(end.child_by_field_name("function")) == "min" \
            and model.call_target(end, source).kind == "builtin":
        bounds = [strip_parens(b) for b in call_arguments(end)]
    key = expr_key(start)
    for bound in bounds:
        if bound is None:
            return False
        if bound.type == "binary_expression" and text(bound.child_by_field_name("operator")) == "+":
            left, right = bound.child_by_field_name("left"), bound.child_by_field_name("right")
            step = right if expr_key(left) == key else left if expr_key(right) == key else None
            if step is None or not _positive_at(step, end, source, model):
                return False
            continue
        if bound.type == "call_expression" and text(bound.child_by_field_name("function")) == "len":
            measured = call_arguments(bound)
            facts = BelowLengthFacts(expr_key(base), source, model, _EVIDENCE, start)
            if len(measured) != 1 or expr_key(measured[0]) != expr_key(base) or \
                    not _loop_condition_holds(facts, (start, base), window, source, model):
                return False
            continue
        return False
    return bool(bounds)


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
        if at is not None and symbol is not None and symbol.range_of is None and all(
                value is not None and positive_int(value, source, model) for _, value in symbol.writes) \
                and _value_checked(node, at, source, model):  # (`if n > 40 { n = 40 }` keeps n not 0)
            return False
        if symbol is not None and symbol.kind == "param":
            return True
        if symbol is not None and any(_given_to_c(m, source, model)
                                      for m in mutations(symbol, outermost_function(node) or node, model, source)):
            return False  # `pn := C.ALint(0); C.get_count(&pn)`: its value is C's, not its initializer
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
    key = expr_key(container)
    if not key or key in asking or len(asking) > 16 or _shadowed_at(container, at, source, model):
        return False
    facts = LengthFacts(key, source, model, _EVIDENCE)
    facts.copy_of = _copied_slice(container, source, model)
    facts.at, facts.asking, facts.container = at, asking | {key}, container
    # A closure sees the variable, not its value at the check: the checks
    # around the closure hold inside it only for a variable never assigned.
    if _dominated(facts, at, of_length=True, through_closures=lambda: never_assigned(container, source, model),
                  scope=_scope_of(container, source, model)):
        return True
    # `report := b; if len(b) == 0 { return }; &report[0]`: neither is ever
    # assigned, so report is b, and a check of b at `at` is one of report.
    copied = facts.copy_of[0] if facts.copy_of is not None else None
    return copied is not None and copied.file is source and never_assigned(container, source, model) \
        and _length_checked(copied.value, at, source, model, facts.asking)


def _shadowed_at(container: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether at `at` the name of the variable `container` names another
    variable, declared between them (`if len(a) == len(b) { b := next()`):
    checks the walk meets on that name are of the other one."""
    ident = _variable_of(container)
    if ident is None or ident.type != "identifier" or not (ident.start_byte < at.start_byte):
        return False
    symbol = model.resolve(ident, source)
    scope = model.scope_of(at, source) if symbol is not None else None
    return scope is not None and any(
        other is not symbol and other.scope is not None and other.kind in ("local", "param")
        and ident.end_byte <= other.node.start_byte < at.start_byte
        and other.scope.start_byte <= at.start_byte < other.scope.end_byte
        for other in scope.by_name.get(symbol.name, ()))


def _scope_of(container: Node, source: SourceFile, model: PackageModel) -> Node | None:
    """Where the variable `container` names is declared: checks outside it
    (on an outer variable of the same name) say nothing of it."""
    ident = _variable_of(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    return symbol.scope if symbol is not None and symbol.kind in ("local", "param") else None


def _variable_of(container: Node) -> Node | None:
    """The variable a container expression reads: `v` of `v.([]byte)`."""
    node = strip_parens(container)
    if node is not None and node.type == "type_assertion_expression":
        node = strip_parens(node.child_by_field_name("operand"))
    return node


def _longer_than(container: Node, count: int, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a comparison of `len(container)` with a constant that
    dominates `at` says it holds more than `count` elements."""
    key = expr_key(container)
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
    facts = MoreThanFacts(key, source, model, _EVIDENCE, count)
    return _dominated(facts, at, of_length=False, through_closures=lambda: never_assigned(container, source, model),
                      scope=symbol.scope)


def _copied_slice(container: Node, source: SourceFile, model: PackageModel) -> tuple[Symbol, "LengthFacts"] | None:
    """For `d := data`, with `data` never assigned: d's symbol and the facts
    about data, which hold of d until d is assigned."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    value = strip_parens(symbol.value) if symbol is not None and symbol.kind == "local" and not symbol.index \
        and symbol.value is not None else None
    if value is None or value.type != "identifier" or not never_assigned(value, symbol.file, model):
        return None
    return symbol, LengthFacts(expr_key(value), symbol.file, model, _EVIDENCE)


def _value_checked(value: Node, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether a check that the integer variable `value` (or field `a.n` of
    a variable) is not 0 dominates `at`: `if n == 0 { return }` (or `n <= 0`,
    `n < 1`) before it, or `at` inside `if n > 0 {`."""
    key = expr_key(value)
    if not key:
        return False
    factors = product_factors(value)
    if factors:  # `if frames*ch == 0 { return }` before `make(T, frames*ch)`
        if any(f.type == "identifier" and _changed(f, source, model) for f in factors):
            return False
        unchanged = lambda: all(never_assigned(f, source, model) if f.type == "identifier"  # noqa: E731
                                else _field_never_assigned(f, source, model) for f in factors)
        return unchanged() and _dominated(ValueFacts(key, source, model, _EVIDENCE), at, of_length=False,
                                          through_closures=unchanged)
    if value.type == "identifier":
        if _changed(value, source, model) or _shadowed_at(value, at, source, model):
            return False
        if _whole_quotient(trace_value(value, source, model), at, source, model) or \
                _only_positive(value, source, model):
            return True
        unchanged = lambda: never_assigned(value, source, model)  # noqa: E731
    elif value.type == "selector_expression":
        unchanged = lambda: _field_never_assigned(value, source, model)  # noqa: E731
        if not unchanged():
            return False
    else:
        return False
    return _dominated(ValueFacts(key, source, model, _EVIDENCE), at, of_length=False, through_closures=unchanged)


def _only_positive(ident: Node, source: SourceFile, model: PackageModel) -> bool:
    """A local declared with a positive constant and given only positive
    constants since (`n := 16; if wide { n = 32 }`): never 0. (`var n int`
    is 0 until some path assigns it: not this.)"""
    symbol = model.resolve(ident, source)
    if symbol is None or symbol.kind != "local" or symbol.value is None or symbol.index:
        return False
    return all(v is not None and positive_int(v, source, model) for v in [symbol.value, *(v for _, v in symbol.writes)])


def _whole_quotient(quotient: Node | None, at: Node, source: SourceFile, model: PackageModel) -> bool:
    """`len(x) / d` where checks before `at` say x is not empty and d divides
    len(x) (`if len(x) == 0 || len(x)%d != 0 { return }`): at least 1 in
    size, so not 0 (FAISS's `n := len(x) / d` vectors). x and d must never
    change (d a constant, or a variable or field never assigned), so the
    checks hold of the quotient wherever it was taken."""
    quotient = strip_parens(quotient)
    if quotient is None or quotient.type != "binary_expression" or \
            text(quotient.child_by_field_name("operator")) != "/":
        return False
    length, divisor = strip_parens(quotient.child_by_field_name("left")), \
        strip_parens(quotient.child_by_field_name("right"))
    if length is None or length.type != "call_expression" or text(length.child_by_field_name("function")) != "len" \
            or model.call_target(length, source).kind != "builtin" or divisor is None:
        return False
    measured = call_arguments(length)
    if len(measured) != 1 or not never_assigned(measured[0], source, model) or constant_int(divisor, source, model) \
            is None and not (divisor.type == "identifier" and never_assigned(divisor, source, model) or
                             divisor.type == "selector_expression" and _field_never_assigned(divisor, source, model)):
        return False
    memo = model.memo("whole quotients")
    key = (quotient, at)
    if key not in memo:
        # x's own check may ask this again (`len(ids) != n` reads as a
        # check of len(x) / d): unknown while open
        memo[key] = False
        facts = DivisibleFacts(expr_key(measured[0]), source, model, _EVIDENCE, divisor)
        memo[key] = _positive_at(length, at, source, model) and _dominated(
            facts, at, of_length=False, through_closures=lambda: True, scope=_scope_of(measured[0], source, model))
    return memo[key]


def _field_never_assigned(field: Node, source: SourceFile, model: PackageModel) -> bool:
    """`a.n` (a gonum matrix's `a.Cols`) where the function never assigns `a`
    nor `a.n`, nor takes the address of `a.n`, nor hands `a` to a call or
    copies it (`reshape(a, n)`, `b := a`), which could change the field."""
    operand = strip_parens(field.child_by_field_name("operand"))
    if operand is None or operand.type != "identifier" or not never_assigned(operand, source, model):
        return False
    key, base = expr_key(field), text(operand)
    for node in walk(outermost_function(field) or field):
        if node.type == "identifier" and text(node) == base and node.parent is not None and (
                node.parent.type == "argument_list" or node.parent.type == "expression_list"
                and node.parent.parent is not None and node.parent.parent.type in ASSIGNING
                and node.parent.parent.child_by_field_name("right") == node.parent):
            return False
        if node.type != "selector_expression" or expr_key(node) != key:
            continue
        parent = node.parent
        if is_assignment_target(node) or parent is not None and (
                parent.type in ("inc_statement", "dec_statement")
                or parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "&"):
            return False
    return True


def _changed(ident: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether the variable `ident` names is assigned (`=`, `+=`, `--`, `&n`
    taken) anywhere in its function after its declaration, other than to a
    positive constant (`if n > 40 { n = 40 }`), which keeps it not 0."""
    symbol = model.resolve(ident, source)
    function = ident
    while function is not None and function.type not in FUNCTION_KINDS:
        function = function.parent
    if symbol is None or function is None:
        return True
    positive = {lhs.start_byte for lhs, value in symbol.writes
                if value is not None and positive_int(value, symbol.file, model)}
    # A counter that starts at a constant >= 0 (or zero) and only goes up
    # (`n++`, positive constants) never returns to 0 once it is not 0.
    start = constant_int(symbol.value, symbol.file, model) if symbol.value is not None else 0
    counts_up = symbol.kind == "local" and symbol.range_of is None and not symbol.index \
        and start is not None and start >= 0
    for node in walk(function):
        if node.type != "identifier" or text(node) != symbol.name or node.start_byte == symbol.node.start_byte:
            continue
        parent = node.parent
        if parent is not None and parent.type == "inc_statement" and counts_up \
                and model.resolve(node, source) is symbol:
            continue
        if parent is not None and parent.type in ("inc_statement", "dec_statement"):
            return True
        if parent is not None and parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "&":
            return True
        if is_assignment_target(node) and node.start_byte not in positive and model.resolve(node, source) is symbol:
            return True
    return False


def _dominated(check: "LengthFacts", at: Node, *, of_length: bool, through_closures, scope: Node | None = None) -> bool:
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
                if clause.type == "range_clause" and expr_key(clause.child_by_field_name("right")) == check.key:
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
                        and not _redeclares(sibling, check.key) and check.guards(sibling):
                    return True
                if _assigns_key(sibling, check.key, check.counts_reslices, check):
                    # `scratch = data` holds what data held there; `b = b[:0]` does not
                    copied = _copied_value(sibling, check.key) if of_length else None
                    if copied is not None:
                        return _unchanged_since(sibling, at, check) and \
                            _length_checked(copied, sibling, check.source, check.model, check.asking)
                    # `s = make([]byte, n)` (or `s = s[:n]`), then `if n == 0 { return }`
                    length = strip_parens(check.sized_by(sibling)) if of_length else None
                    return length is not None and length.type == "identifier" and \
                        not _shadowed_at(length, at, check.source, check.model) and \
                        _unchanged_since(sibling, at, check) and \
                        _unchanged_between(length, sibling, at, check.source, check.model) and \
                        _value_checked(length, at, check.source, check.model)
                sibling = sibling.prev_named_sibling
        node, parent = parent, parent.parent
    return False


def _redeclares(statement: Node, key: str) -> bool:
    """`if data := other; len(data) == 0 { return }`: the statement's
    initializer declares the variable the key starts with, so what its
    condition says is of that one, gone past the statement."""
    initializer = statement.child_by_field_name("initializer")
    if initializer is None or initializer.type != "short_var_declaration":
        return False
    left = initializer.child_by_field_name("left")
    root = re.match(r"\w+", key)
    return root is not None and left is not None and any(text(n) == root.group() for n in left.named_children)


def _assigns_key(statement: Node, key: str, reslices: bool = False, check: LengthFacts | None = None) -> bool:
    """Whether the statement (or one inside it) assigns the variable or
    field spelled `key` with `=`, `op=`, `++` or `--`, other than by
    reslicing it unless `reslices` (`b = b[4:]` after `len(b) < 8`: the
    bounds' arithmetic is not followed, so the check is taken to hold), or,
    for a `check` that a positive value keeps (ValueFacts: n is not 0), by
    `n = 40`."""
    if statement.type not in ("assignment_statement", "expression_statement", "inc_statement", "dec_statement",
                              "if_statement", "for_statement", "expression_switch_statement",
                              "type_switch_statement", "select_statement", "block", "labeled_statement") \
            or key.encode() not in statement.text:  # (gofmt spells a key as `expr_key` does)
        return False
    for node in walk(statement):
        if node.type == "assignment_statement":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            targets = left.named_children if left is not None else []
            values = right.named_children if right is not None else []
            if len(values) == len(targets) and not reslices:
                targets = [t for t, v in zip(targets, values) if not reslice_of(v, key)]
            if len(values) == len(targets) and check is not None and check.kept_by_positive \
                    and text(node.child_by_field_name("operator")) == "=":
                targets = [t for t, v in zip(targets, values) if not positive_int(v, check.source, check.model)]
        elif node.type in ("inc_statement", "dec_statement"):
            targets = node.named_children[:1]
        else:
            continue
        if any(expr_key(target) == key for target in targets):
            return True
    return False


def _unchanged_since(copy: Node, at: Node, check: "LengthFacts") -> bool:
    """Nothing between the copy `x = y` and `at` can change x (see _unchanged_between)."""
    return _unchanged_between(check.container, copy, at, check.source, check.model)


def _unchanged_between(variable: Node | None, statement: Node, at: Node, source: SourceFile,
                       model: PackageModel) -> bool:
    """Nothing between `statement` and `at` can change the variable: its
    address is never taken, no other write of it (a reslice included) lies
    between or inside a closure (which may run between), and for a package
    variable no call runs between (one may reset it)."""
    variable = strip_parens(variable)
    symbol = model.resolve(variable, source) if variable is not None and variable.type == "identifier" else None
    if symbol is None or symbol.kind not in ("local", "param", "package_var"):
        return False
    between = lambda node: statement.end_byte <= node.start_byte < at.start_byte  # noqa: E731
    if any(between(lhs) or symbol.kind != "package_var" and _in_closure(lhs, symbol) for lhs, _ in symbol.writes):
        return False
    function = outermost_function(at) or at
    if symbol.kind != "package_var":
        return not any(mutations(symbol, function, model, source, method_calls=True))
    return not any(node.type == "call_expression" and between(node) and node.end_byte < at.end_byte
                   and _may_reset(model.call_target(node, source)) for node in walk(function))


def _in_closure(node: Node, symbol) -> bool:
    """Whether `node` lies in a function literal inside the local's scope."""
    parent = node.parent
    while parent is not None and parent != symbol.scope:
        if parent.type == "func_literal":
            return True
        parent = parent.parent
    return False


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
    copied = [v for t, v in zip(targets, values) if expr_key(t) == key] if len(targets) == len(values) else []
    return copied[0] if len(copied) == 1 and expr_key(copied[0]) else None


def reslice_of(value: Node, key: str) -> bool:
    """`x[i:j]` of the variable or field spelled `key`."""
    value = strip_parens(value)
    return value is not None and value.type == "slice_expression" and \
        expr_key(value.child_by_field_name("operand")) == key


# What the condition algebra asks back of the walk (see length_conditions).
_EVIDENCE = Evidence(nonempty=known_nonempty, checked=_length_checked, value_checked=_value_checked,
                     may_be_zero=_length_may_be_zero)
