"""The control-flow graph of one Go function, built once per function and
cached on the package model.

`Flow` is statement-level. Nodes are simple statements, branch conditions and
case heads, `return`s, calls that never return (`panic`, `os.Exit`,
`log.Fatal`, `t.Fatal`, ...) and one `end` node where the body falls off its
closing brace. Edges out of an `if`/`for` condition (and out of a tagless
`switch` head into a case) carry a `Branch` (the condition and the truth value
taken), so a client can prune paths such as the `p == nil` branch.
`if`/`else`, `switch`, type switches, `select`, `for` (three-clause,
condition, range, bare), labelled and plain `break`/`continue`,
`fallthrough` and `goto` are modelled. `defer` and `go` statements are
ordinary statements: what they register is the client's business. Built
iteratively: deep nesting cannot overflow the Python stack.

What happens to C pointers along these paths is in `ownership`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from tree_sitter import Node

from .source import SourceFile, text


@dataclass(frozen=True)
class Branch:
    """The label of an edge out of a condition: `condition` evaluated to `value`."""

    condition: Node
    value: bool


@dataclass(eq=False)
class FlowNode:
    """One step of a function. kind: entry, stmt, cond, case, range, select,
    label, return, noreturn, end. `ast` is the statement or expression it
    stands for (None for entry, end, select and bare loop heads); `start` and
    `end` bound the source bytes whose evaluation it stands for."""

    id: int
    kind: str
    ast: Node | None
    start: int
    end: int
    succs: list[tuple[int, Branch | None]] = field(default_factory=list)
    preds: list[int] = field(default_factory=list)

    @property
    def is_exit(self) -> bool:
        """A normal way out of the function: deferred calls run here."""
        return self.kind in ("return", "end")


_NORETURN_FUNCS = {("os", "Exit"), ("syscall", "Exit"), ("runtime", "Goexit"), ("log", "Fatal"),
                   ("log", "Fatalf"), ("log", "Fatalln"), ("log", "Panic"), ("log", "Panicf"),
                   ("log", "Panicln")}
_NORETURN_METHODS = {"Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"}

Pending = list[tuple[int, "Branch | None"]]
# Statements with statements inside: built by a generator that yields them (see Flow._build).
_COMPOUND_STATEMENTS = frozenset({"block", "statement_list", "labeled_statement", "if_statement", "for_statement",
                                  "expression_switch_statement", "type_switch_statement", "select_statement"})
_INF = float("inf")


class Flow:
    """The control-flow graph of one function body (a declaration, method or
    function literal). Function literals inside it have flows of their own."""

    def __init__(self, function: Node):
        self.function = function
        self.nodes: list[FlowNode] = []
        self.entry = self._new("entry", None, function.start_byte, function.start_byte)
        body = function.child_by_field_name("body")
        self.body = body
        self._frames: list[dict] = []
        self._labels: dict[str, int] = {}
        self._gotos: list[tuple[str, Pending]] = []
        self._loop_label: str | None = None
        pending: Pending = [(self.entry, None)]
        if body is not None:
            pending = self._build(body, pending)
        close = body.end_byte - 1 if body is not None else function.end_byte
        self.end = self._new("end", None, close, close + 1)
        self._link(pending, self.end)
        for label, jumps in self._gotos:
            target = self._labels.get(label)
            if target is not None:
                self._link(jumps, target)
        self._starts = sorted((n.start, n.end, n.id) for n in self.nodes if n.kind not in ("entry", "end"))
        self._frames = []

    # --- queries -------------------------------------------------------
    @property
    def exits(self) -> list[FlowNode]:
        return [n for n in self.nodes if n.is_exit]

    def node(self, node_id: int) -> FlowNode:
        return self.nodes[node_id]

    def node_at(self, offset: int) -> FlowNode | None:
        """The flow node whose source span holds byte `offset` (spans do not
        overlap); None for bytes that evaluate nothing (braces, keywords)."""
        index = bisect.bisect_right(self._starts, (offset, _INF, _INF)) - 1
        if index >= 0:
            start, end, node_id = self._starts[index]
            if start <= offset < end:
                return self.nodes[node_id]
        return None

    def reach(self, start: int, stop: Callable[[FlowNode], bool] | None = None,
              edge_ok: Callable[[Branch], bool] | None = None) -> list[FlowNode]:
        """Every node reachable from `start` by one or more steps, in breadth-
        first order. The search does not go on past a node for which `stop`
        is true (that node is still listed) nor along a labelled edge for
        which `edge_ok` is false. `start` is listed only if a loop leads back."""
        seen: set[int] = set()
        order: list[FlowNode] = []
        frontier = [start]
        while frontier:
            following = []
            for node_id in frontier:
                for target, branch in self.nodes[node_id].succs:
                    if target in seen or (branch is not None and edge_ok is not None and not edge_ok(branch)):
                        continue
                    seen.add(target)
                    node = self.nodes[target]
                    order.append(node)
                    if stop is None or not stop(node):
                        following.append(target)
            frontier = following
        return order

    def reachable(self, start: int, goal: int, stop: Callable[[FlowNode], bool] | None = None) -> bool:
        return any(n.id == goal for n in self.reach(start, stop))

    # --- building --------------------------------------------------------
    def _new(self, kind: str, ast: Node | None, start: int, end: int, pending: Pending = ()) -> int:
        node = FlowNode(len(self.nodes), kind, ast, start, end)
        self.nodes.append(node)
        self._link(pending, node.id)
        return node.id

    def _link(self, pending: Iterable[tuple[int, Branch | None]], target: int) -> None:
        for source, branch in pending:
            self.nodes[source].succs.append((target, branch))
            self.nodes[target].preds.append(source)

    def _build(self, node: Node, pending: Pending) -> Pending:
        """Drive the statement handlers (generators that yield the sub-statements
        they need built) with an explicit stack instead of recursion."""
        stack: list[Iterator] = [self._statement(node, pending)]
        value: Pending | None = None
        while stack:
            try:
                request = stack[-1].send(value)
            except StopIteration as done:
                stack.pop()
                value = done.value if done.value is not None else []
                continue
            value = None
            stack.append(self._statement(*request))
        return value or []

    def _stmt_node(self, node: Node, pending: Pending, kind: str = "stmt") -> int:
        return self._new(kind, node, node.start_byte, node.end_byte, pending)

    def _statement(self, node: Node, pending: Pending):
        kind = node.type
        if kind in ("block", "statement_list"):
            for child in node.named_children:
                # a statement without sub-statements is built here: a handler of its own costs a generator
                if child.type in _COMPOUND_STATEMENTS:
                    pending = yield (child, pending)
                else:
                    pending = self._simple_statement(child, pending)
            return pending
        if kind == "labeled_statement":
            label = node.child_by_field_name("label") or node
            name = text(label) if label != node else ""
            target = self._new("label", label, label.start_byte, label.start_byte + 1 if label == node
                               else label.end_byte, pending)
            self._labels.setdefault(name, target)
            inner = [c for c in node.named_children if c.type not in ("label_name", "comment")]
            pending = [(target, None)]
            if inner:
                if inner[0].type in ("for_statement", "expression_switch_statement", "type_switch_statement",
                                     "select_statement"):
                    self._loop_label = name
                pending = yield (inner[0], pending)
            return pending
        if kind == "if_statement":
            return (yield from self._if(node, pending))
        if kind == "for_statement":
            return (yield from self._for(node, pending))
        if kind in ("expression_switch_statement", "type_switch_statement"):
            return (yield from self._switch(node, pending))
        if kind == "select_statement":
            return (yield from self._select(node, pending))
        return self._simple_statement(node, pending)

    def _simple_statement(self, node: Node, pending: Pending) -> Pending:
        """A statement with no statements inside (comments included)."""
        kind = node.type
        if kind in ("comment", "empty_statement"):
            return pending
        if kind == "return_statement":
            self._stmt_node(node, pending, "return")
            return []
        if kind == "expression_statement":
            noreturn = _is_noreturn(node.named_children[0] if node.named_children else None)
            node_id = self._stmt_node(node, pending, "noreturn" if noreturn else "stmt")
            return [] if noreturn else [(node_id, None)]
        if kind == "break_statement":
            frame = self._frame(node, loops_only=False)
            if frame is not None:
                frame["breaks"].extend(pending)
            return []
        if kind == "continue_statement":
            frame = self._frame(node, loops_only=True)
            if frame is not None:
                frame["continues"].extend(pending)
            return []
        if kind == "goto_statement":
            label = node.named_children[0] if node.named_children else None
            self._gotos.append((text(label), list(pending)))
            return []
        if kind == "fallthrough_statement":
            frame = next((f for f in reversed(self._frames) if f["kind"] == "switch"), None)
            if frame is not None:
                frame["fallthrough"].extend(pending)
            return []
        node_id = self._stmt_node(node, pending)
        return [(node_id, None)]

    def _frame(self, jump: Node, loops_only: bool) -> dict | None:
        label = jump.named_children[0] if jump.named_children else None
        for frame in reversed(self._frames):
            if label is not None:
                if frame["label"] == text(label):
                    return frame
            elif frame["kind"] == "loop" or not loops_only:
                return frame
        return None

    def _take_label(self) -> str | None:
        label, self._loop_label = self._loop_label, None
        return label

    def _if(self, node: Node, pending: Pending):
        init = node.child_by_field_name("initializer")
        if init is not None:
            pending = yield (init, pending)
        condition = node.child_by_field_name("condition")
        if condition is None:
            return pending
        head = self._new("cond", condition, condition.start_byte, condition.end_byte, pending)
        out = yield (node.child_by_field_name("consequence"), [(head, Branch(condition, True))])
        alternative = node.child_by_field_name("alternative")
        if alternative is not None:
            out = out + (yield (alternative, [(head, Branch(condition, False))]))
        else:
            out = out + [(head, Branch(condition, False))]
        return out

    def _for(self, node: Node, pending: Pending):
        frame = {"kind": "loop", "label": self._take_label(), "breaks": [], "continues": []}
        body = node.child_by_field_name("body")
        clause = next((c for c in node.named_children if c != body and c.type != "comment"), None)
        update = None
        exits: Pending = []
        if clause is not None and clause.type == "for_clause":
            init = clause.child_by_field_name("initializer")
            if init is not None:
                pending = yield (init, pending)
            condition = clause.child_by_field_name("condition")
            update = clause.child_by_field_name("update")
        elif clause is not None and clause.type == "range_clause":
            condition = None
        else:
            condition = clause
        if clause is not None and clause.type == "range_clause":
            head = self._new("range", clause, clause.start_byte, clause.end_byte, pending)
            enter: Pending = [(head, None)]
            exits = [(head, None)]
        elif condition is not None:
            head = self._new("cond", condition, condition.start_byte, condition.end_byte, pending)
            enter = [(head, Branch(condition, True))]
            exits = [(head, Branch(condition, False))]
        else:
            keyword = node.children[0] if node.children else node
            head = self._new("loop", None, keyword.start_byte, keyword.end_byte, pending)
            enter = [(head, None)]
        self._frames.append(frame)
        try:
            back = (yield (body, enter)) if body is not None else enter
        finally:
            self._frames.pop()
        back = back + frame["continues"]
        if update is not None:
            post = self._stmt_node(update, back)
            back = [(post, None)]
        self._link(back, head)
        return exits + frame["breaks"]

    def _switch(self, node: Node, pending: Pending):
        frame = {"kind": "switch", "label": self._take_label(), "breaks": [], "fallthrough": []}
        init = node.child_by_field_name("initializer")
        if init is not None:
            pending = yield (init, pending)
        value = node.child_by_field_name("value")
        tagless = value is None and node.type == "expression_switch_statement"
        if node.type == "type_switch_statement":
            alias = node.child_by_field_name("alias")
            start = (alias or value or node).start_byte
            head = self._new("cond", value, start, (value or node).end_byte, pending)
        elif value is not None:
            head = self._new("cond", value, value.start_byte, value.end_byte, pending)
        else:
            keyword = node.children[0]
            head = self._new("cond", None, keyword.start_byte, keyword.end_byte, pending)
        cases = [c for c in node.named_children if c.type in ("expression_case", "type_case", "default_case")]
        out: Pending = []
        self._frames.append(frame)
        try:
            for case in cases:
                values = case.child_by_field_name("value")
                if case.type == "expression_case" and values is not None:
                    entry = self._new("case", values, values.start_byte, values.end_byte)
                    exprs = [v for v in values.named_children if v.type != "comment"]
                    branch = Branch(exprs[0], True) if tagless and len(exprs) == 1 else None
                else:
                    entry = self._new("case", case, case.start_byte, case.start_byte + 1)
                    branch = None
                self._link([(head, branch)], entry)
                body_in = [(entry, None)] + frame["fallthrough"]
                frame["fallthrough"] = []
                body = next((c for c in case.named_children if c.type == "statement_list"), None)
                out = out + ((yield (body, body_in)) if body is not None else body_in)
        finally:
            self._frames.pop()
        if not any(c.type == "default_case" for c in cases):
            out = out + [(head, None)]
        return out + frame["breaks"]

    def _select(self, node: Node, pending: Pending):
        frame = {"kind": "select", "label": self._take_label(), "breaks": []}
        keyword = node.children[0]
        head = self._new("select", None, keyword.start_byte, keyword.end_byte, pending)
        out: Pending = []
        self._frames.append(frame)
        try:
            for case in node.named_children:
                if case.type not in ("communication_case", "default_case"):
                    continue
                communication = case.child_by_field_name("communication")
                if communication is not None:
                    entry = self._stmt_node(communication, [(head, None)])
                else:
                    entry = self._new("case", case, case.start_byte, case.start_byte + 1, [(head, None)])
                body = next((c for c in case.named_children if c.type == "statement_list"), None)
                out = out + ((yield (body, [(entry, None)])) if body is not None else [(entry, None)])
        finally:
            self._frames.pop()
        return out + frame["breaks"]


def _is_noreturn(expr: Node | None) -> bool:
    """Calls after which control never comes back: panic, os.Exit, log.Fatal*,
    runtime.Goexit, and the testing methods Fatal*, FailNow, Skip*."""
    if expr is None or expr.type != "call_expression":
        return False
    function = expr.child_by_field_name("function")
    if function is None:
        return False
    if function.type == "identifier":
        return text(function) == "panic"
    if function.type == "selector_expression":
        operand = function.child_by_field_name("operand")
        name = text(function.child_by_field_name("field"))
        if operand is not None and operand.type == "identifier" and (text(operand), name) in _NORETURN_FUNCS:
            return True
        return name in _NORETURN_METHODS
    return False


def function_flow(function: Node, source: SourceFile, package=None) -> Flow:
    """The flow of `function`, built on first use and cached on the package model."""
    if package is None:
        return Flow(function)
    cache = package.memo("flows")
    key = (source.path, function.start_byte, function.end_byte)
    flow = cache.get(key)
    if flow is None:
        flow = cache[key] = Flow(function)
    return flow
