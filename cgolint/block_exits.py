"""How Go code leaves a block or a function, read from syntax: a block
that ends in a return, break, continue, goto or a call that ends the
program (`terminates`, `fatal`); the `if cond { ... return/panic }`
guards a function starts with (`leading_guards`, `panics_when`,
`first_return_value`), the value of a one-line function (`sole_return_value`); the operands of `a || b || c` (`disjuncts`), and
the empty string literal. The emptiness checks read conditions and exits
through these; none of them resolves a name."""
from __future__ import annotations

import re

from tree_sitter import Node

from .source import strip_parens, text, walk

TERMINATORS = ("return_statement", "break_statement", "continue_statement", "goto_statement")
_FATAL_CALLS = re.compile(r"^(panic|os\.Exit|log\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)|\w+\.(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow))$")


def leading_guards(function: Node) -> list[tuple[Node, Node]]:
    """(condition, consequence) of the `if cond { ...; panic(...) }` and
    `if cond { ...; return v }` statements at the top of a function's body,
    in order, up to the first other statement that may return, and none
    after a `defer` (a deferred `recover` turns the panic into a return)."""
    body = function.child_by_field_name("body")
    statements = [c for part in body.named_children if part.type == "statement_list"
                  for c in part.named_children] if body is not None else []
    found = []
    for statement in statements:
        consequence = statement.child_by_field_name("consequence") if statement.type == "if_statement" else None
        if consequence is not None and statement.child_by_field_name("alternative") is None \
                and statement.child_by_field_name("initializer") is None \
                and fatal(consequence, ("return_statement",)):
            found.append((statement.child_by_field_name("condition"), consequence))
        elif statement.type == "defer_statement" or \
                any(n.type in ("return_statement", "goto_statement", "labeled_statement") for n in walk(statement)):
            break
    return found


def panics_when(function: Node) -> list[Node]:
    """The conditions under which a function panics before it can return:
    its leading guards that panic, up to the first that returns."""
    found = []
    for condition, consequence in leading_guards(function):
        if not fatal(consequence):
            break
        found.append(condition)
    return found


def first_return_value(function: Node, result: int = 0) -> tuple[Node, Node] | None:
    """(condition, value) of a function's first leading guard when it
    returns one value: `if len(buf) < 12 { return UNKNOWN }`; with
    `result`, the value at that position of several (`return 0, 0, errEmpty`)."""
    guards = leading_guards(function)
    if not guards or fatal(guards[0][1]):
        return None
    statements = [c for part in guards[0][1].named_children if part.type == "statement_list"
                  for c in part.named_children]
    values = [c for c in statements[-1].named_children if c.type != "comment"]
    if len(values) == 1 and values[0].type == "expression_list":
        values = [c for c in values[0].named_children if c.type != "comment"]
    if result:
        return (guards[0][0], values[result]) if len(values) > result > 0 else None
    return (guards[0][0], values[0]) if len(values) == 1 else None


def sole_return_value(function: Node) -> Node | None:
    """The value of a function whose body is just `return value`
    (`func isEmpty(b []byte) bool { return len(b) == 0 }`)."""
    body = function.child_by_field_name("body")
    statements = [c for part in body.named_children if part.type == "statement_list"
                  for c in part.named_children if c.type != "comment"] if body is not None else []
    if len(statements) != 1 or statements[0].type != "return_statement":
        return None
    values = [c for c in statements[0].named_children if c.type != "comment"]
    if len(values) == 1 and values[0].type == "expression_list":
        values = [c for c in values[0].named_children if c.type != "comment"]
    return values[0] if len(values) == 1 else None


def disjuncts(node: Node) -> list[Node]:
    """The operands of a chain of `||`, in order."""
    node = strip_parens(node)
    if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "||":
        return disjuncts(node.child_by_field_name("left")) + disjuncts(node.child_by_field_name("right"))
    return [node] if node is not None else []


def empty_string(node: Node | None) -> bool:
    node = strip_parens(node)
    return node is not None and node.type in ("interpreted_string_literal", "raw_string_literal") \
        and text(node) in ('""', "``")


def terminates(block: Node | None) -> bool:
    """The block leaves the function (or loop), or ends the program."""
    return fatal(block, TERMINATORS)


def fatal(block: Node | None, leaving: tuple[str, ...] = ()) -> bool:
    """The block's last statement is a panic, os.Exit or log.Fatal (or
    one of the statement kinds in `leaving`)."""
    if block is None:
        return False
    statements = [c for part in block.named_children if part.type == "statement_list" for c in part.named_children]
    if not statements:
        return False
    last = statements[-1]
    if last.type in leaving:
        return True
    if last.type == "expression_statement" and last.named_children and last.named_children[0].type == "call_expression":
        function = last.named_children[0].child_by_field_name("function")
        return bool(_FATAL_CALLS.match("".join(text(function).split())))
    return False
