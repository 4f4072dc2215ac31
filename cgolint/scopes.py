"""Declarations inside functions, and what an identifier at a use site refers to."""
from __future__ import annotations

import bisect
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from tree_sitter import Node

from .source import SourceFile, strip_parens, text, walk

FUNCTION_KINDS = ("function_declaration", "method_declaration", "func_literal")


@dataclass(eq=False)
class Symbol:
    """A declared name. kind: param, result, receiver, local, package_var,
    const, func, type. `value` is the initializer (`index` picks one value
    of a multi-value call); `type_node` the declared type, if written."""

    name: str
    kind: str
    node: Node
    file: SourceFile
    scope: Node | None = None
    type_node: Node | None = None
    value: Node | None = None
    index: int = 0
    range_of: Node | None = None  # the ranged expression, for `for k, v := range x`
    writes: list[tuple[Node, Node | None]] = field(default_factory=list)  # later (lhs, rhs) assignments

    @property
    def is_local(self) -> bool:
        return self.kind in ("param", "result", "receiver", "local")


# The root of the tree the engine is analysing in this thread: ancestors are
# found by descending from it. tree-sitter finds a node's parent by
# descending from the root, so climbing `parent` links costs depth² (minutes
# on a 5,000-deep `else if` chain); a descent costs depth.
_analysing = threading.local()


@contextmanager
def analysing(root: Node):
    """Within this block, ancestor look-ups start from `root` when they can."""
    previous = getattr(_analysing, "root", None)
    _analysing.root = root
    try:
        yield
    finally:
        _analysing.root = previous


_asked = threading.local()


def asked_on_stack(question: str) -> set[int]:
    """The ids of the variables that `question` (an origin, an emptiness) is
    being answered for on this thread's stack: a variable built from itself
    (`buf = make([]byte, len(buf)*2)`, `buf = append(buf, ...)`) asks of
    itself again, and is answered once up the stack, unknown inside."""
    questions = getattr(_asked, "questions", None)
    if questions is None:
        questions = _asked.questions = {}
    return questions.setdefault(question, set())


def _ancestry(node: Node, root: Node | None = None) -> list[Node] | None:
    """The nodes from the tree's root down to `node` itself, found by descent
    from `root` or the tree being analysed; None if `node` is under neither."""
    for top in (root, getattr(_analysing, "root", None)):
        current, path = top, []
        while current is not None:
            path.append(current)
            if current == node:
                return path
            current = current.child_with_descendant(node)
    return None


def enclosing_function(node: Node) -> Node | None:
    """The innermost function (declaration or literal) containing `node`."""
    path = _ancestry(node)
    if path is not None:
        return next((n for n in reversed(path[:-1]) if n.type in FUNCTION_KINDS), None)
    parent = node.parent
    while parent is not None:
        if parent.type in FUNCTION_KINDS:
            return parent
        parent = parent.parent
    return None


def outermost_function(node: Node, root: Node | None = None) -> Node | None:
    """The outermost function (declaration or literal) containing `node`, or
    `node` itself. `root`, the root of `node`'s tree (the caller vouches for
    it), makes this a short descent from the top."""
    if root is not None:
        current = root
        while current is not None:
            if current.type in FUNCTION_KINDS:
                return current
            if current == node:
                return None
            current = current.child_with_descendant(node)
    path = _ancestry(node)
    if path is not None:
        return next((n for n in path if n.type in FUNCTION_KINDS), None)
    found = None
    parent = node if node.type in FUNCTION_KINDS else node.parent
    while parent is not None:
        if parent.type in FUNCTION_KINDS:
            found = parent
        parent = parent.parent
    return found


def parameter_names(declaration: Node) -> list[Node | None]:
    """The name of each parameter of a function, in order; None for an
    unnamed or variadic one."""
    params = declaration.child_by_field_name("parameters")
    names: list[Node | None] = []
    for decl in params.named_children if params is not None else []:
        if decl.type == "variadic_parameter_declaration":
            names.append(None)
            continue
        idents = decl.children_by_field_name("name")
        names.extend(idents or [None])
    return names


def variadic_parameter_name(declaration: Node) -> Node | None:
    """The name of a function's variadic parameter (`parts` in `parts ...string`)."""
    params = declaration.child_by_field_name("parameters")
    last = params.named_children[-1] if params is not None and params.named_children else None
    return last.child_by_field_name("name") if last is not None and last.type == "variadic_parameter_declaration" \
        else None


def dominating_statements(at: Node) -> list[Node]:
    """The statements that run before `at` on every path to it within its
    function: those before it in each statement list around it, in
    document order."""
    found = []
    node = at
    while node.parent is not None and node.type not in FUNCTION_KINDS:
        parent = node.parent
        if parent.type in ("statement_list", "block"):
            found.extend(s for s in parent.named_children if s.end_byte <= node.start_byte and s.type != "comment")
        node = parent
    return sorted(found, key=lambda s: s.start_byte)


def returns_of(function: Node) -> list[Node]:
    """The return statements of a function, not those of function literals inside it."""
    return [n for n in walk(function.child_by_field_name("body") or function)
            if n.type == "return_statement" and enclosing_function(n) == function]


class FunctionScope:
    """Every declaration in one top-level function (closures included), and
    every plain assignment to them, collected in one walk."""

    def __init__(self, function: Node, file: SourceFile):
        self.function = function
        self.file = file
        self.by_name: dict[str, list[Symbol]] = {}
        self._collect()

    def _add(self, symbol: Symbol) -> None:
        if symbol.name != "_":
            self.by_name.setdefault(symbol.name, []).append(symbol)

    def _collect(self) -> None:
        assignments: list[Node] = []
        starts, nodes = self.file.declarations
        start, end = self.function.start_byte, self.function.end_byte
        for node in nodes[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]:
            if node.end_byte > end:
                continue  # (an ancestor starting where the function does)
            kind = node.type
            if kind in FUNCTION_KINDS:
                self._parameters(node)
            elif kind == "short_var_declaration":
                self._short_var(node)
            elif kind in ("var_spec", "const_spec"):
                self._var_spec(node)
            elif kind == "range_clause":
                self._range(node)
            elif kind == "type_switch_statement":
                self._type_switch(node)
            elif kind == "assignment_statement":
                assignments.append(node)
        for node in assignments:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            operator = text(node.child_by_field_name("operator")) or "="
            lhs = left.named_children if left is not None else []
            rhs = right.named_children if right is not None else []
            for i, target in enumerate(lhs):
                if target.type != "identifier":
                    continue
                symbol = self.resolve(target)
                if symbol is not None:
                    value = rhs[i] if len(rhs) == len(lhs) and operator == "=" else None
                    symbol.writes.append((target, value))

    def _type_switch(self, switch: Node) -> None:
        """`switch v := x.(type)` declares a variable v in each clause, of
        the clause's type when it names one (`case []byte:`), else of x's."""
        alias = switch.child_by_field_name("alias")
        for ident in alias.named_children if alias is not None else []:
            for clause in switch.named_children:
                if clause.type not in ("type_case", "default_case"):
                    continue
                types = clause.children_by_field_name("type") if clause.type == "type_case" else []
                single = types[0] if len(types) == 1 and text(types[0]) != "nil" else None
                self._add(Symbol(text(ident), "local", ident, self.file, clause, type_node=single))

    def _parameters(self, function: Node) -> None:
        scope = function
        for field_name, kind in (("receiver", "receiver"), ("parameters", "param"), ("result", "result")):
            plist = function.child_by_field_name(field_name)
            if plist is None or plist.type != "parameter_list":
                continue
            for decl in plist.named_children:
                type_node = decl.child_by_field_name("type")
                if decl.type == "variadic_parameter_declaration" and type_node is not None:
                    type_node = decl  # a variadic parameter is a slice
                for ident in decl.children_by_field_name("name"):
                    self._add(Symbol(text(ident), kind, ident, self.file, scope, type_node))

    def _short_var(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        lhs = left.named_children if left is not None else []
        rhs = right.named_children if right is not None else []
        scope = _block_scope(node)
        for i, ident in enumerate(lhs):
            existing = self._visible(self.by_name.get(text(ident), ()), node.start_byte)
            if existing is not None and existing.scope == scope:
                # `a, err := ...` redeclares err in the same scope: an assignment
                existing.writes.append((ident, rhs[i] if len(rhs) == len(lhs) else None))
                continue
            value, index = (rhs[i], 0) if len(rhs) == len(lhs) else ((rhs[0], i) if rhs else (None, 0))
            self._add(Symbol(text(ident), "local", ident, self.file, scope, None, value, index))

    def _var_spec(self, node: Node) -> None:
        type_node = node.child_by_field_name("type")
        values = node.child_by_field_name("value")
        rhs = values.named_children if values is not None else []
        # tree-sitter-go puts the commas of a const spec's names in the field too
        names = [n for n in node.children_by_field_name("name") if n.type == "identifier"]
        scope = _block_scope(node)
        kind = "local" if node.type == "var_spec" else "const"
        for i, ident in enumerate(names):
            value, index = (rhs[i], 0) if len(rhs) == len(names) else ((rhs[0], i) if rhs else (None, 0))
            self._add(Symbol(text(ident), kind, ident, self.file, scope, type_node, value, index))

    def _range(self, node: Node) -> None:
        if not any(child.type == ":=" for child in node.children):
            return
        left = node.child_by_field_name("left")
        ranged = node.child_by_field_name("right")
        for i, ident in enumerate(left.named_children if left is not None else []):
            self._add(Symbol(text(ident), "local", ident, self.file, node.parent, None, None, i, ranged))

    def _visible(self, candidates: list[Symbol], offset: int) -> Symbol | None:
        best: Symbol | None = None
        for symbol in candidates:
            scope = symbol.scope
            if scope is None or not (scope.start_byte <= offset <= scope.end_byte):
                continue
            if symbol.kind not in ("param", "result", "receiver") and symbol.node.end_byte > offset:
                continue
            if best is None or scope.start_byte > best.scope.start_byte or (
                scope.start_byte == best.scope.start_byte and symbol.node.start_byte > best.node.start_byte
            ):
                best = symbol
        return best

    def resolve(self, ident: Node, name: str | None = None) -> Symbol | None:
        """`name` is the identifier's text, when the caller has it already."""
        candidates = self.by_name.get(text(ident) if name is None else name)
        if not candidates:
            return None
        offset = ident.start_byte
        for symbol in candidates:
            if symbol.node.start_byte == offset:
                return symbol  # the declaring occurrence itself
        symbol = self._visible(candidates, offset)
        if symbol is not None and _in_own_initializer(symbol, ident):
            return None  # `x := f(x)` refers to an outer x
        return symbol


def declared_names(source: SourceFile) -> frozenset[str]:
    """Every name a declaration in the file introduces (the file query's
    `scope.name`): a name outside it is declared by no function of the file."""
    return frozenset(text(node) for node in source.captures.get("scope.name", ()))


def mutations(symbol: Symbol, node: Node, package, source: SourceFile, method_calls: bool = False):
    """Where, under `node`, the variable `symbol` is changed other than by
    assignment (which `Symbol.writes` holds): `x++`, `x--`, `&x` and, with
    `method_calls`, `x.m()` (a pointer receiver takes the address)."""
    for current in walk(node):
        kind = current.type
        if kind in ("inc_statement", "dec_statement"):
            operand = current.named_children[0] if current.named_children else None
        elif kind == "unary_expression" and text(current.child_by_field_name("operator")) == "&":
            operand = current.child_by_field_name("operand")
        elif method_calls and kind == "call_expression":
            function = current.child_by_field_name("function")
            if function is None or function.type != "selector_expression":
                continue
            operand = function.child_by_field_name("operand")
        else:
            continue
        operand = strip_parens(operand)
        if operand is not None and operand.type == "identifier" and package.resolve(operand, source) is symbol:
            yield current


def _in_own_initializer(symbol: Symbol, ident: Node) -> bool:
    decl = symbol.node.parent
    while decl is not None and decl.type not in ("short_var_declaration", "var_spec"):
        if decl.type in FUNCTION_KINDS:
            return False  # a parameter of a func literal inside some initializer
        decl = decl.parent
    return decl is not None and decl.start_byte <= ident.start_byte < decl.end_byte and ident.start_byte > symbol.node.end_byte


def _block_scope(node: Node) -> Node | None:
    """The statement or block whose extent a declaration at `node` is visible in."""
    parent = node.parent
    while parent is not None:
        if parent.type in ("block", "if_statement", "for_statement", "expression_switch_statement",
                           "type_switch_statement", "select_statement", "communication_case",
                           "expression_case", "type_case", "default_case", "source_file", "func_literal"):
            return parent
        parent = parent.parent
    return None
