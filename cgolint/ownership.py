"""Collecting the pointer facts of one Go function ("collect, then judge", as
pyflakes does): one walk over the function gathers every C allocation and
every occurrence of the variables that hold one or are freed, classified by
what consumes the value; rules CGL005 and CGL006 judge the resulting
`ownership_facts.PointerFacts` path by path on the function's `flow.Flow`.
`nil_when` reads the nil tests in branch conditions, by which CGL005 prunes
paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from tree_sitter import Node, Query, QueryCursor

from .flow import function_flow
from .ownership_facts import (
    _ALLOCATOR_NAMES,
    Alias,
    Allocation,
    Occurrence,
    OwnershipOptions,
    PointerFacts,
)
from .parsing import GO
from .scopes import Symbol
from .source import SourceFile, strip_parens, text

# Go builtins that read a pointer's value without taking ownership (every C
# function other than a free or an ownership taker, C.GoString included, only reads).
NON_OWNING_BUILTINS = frozenset({"len", "cap", "copy", "print", "println", "delete", "min", "max"})
# unsafe functions whose result still points at the same memory.
_UNSAFE_ALIASING = frozenset({"Pointer", "Add", "Slice", "String", "SliceData", "StringData"})


def pointer_facts(function: Node, source: SourceFile, package, options: OwnershipOptions) -> PointerFacts:
    """The pointer facts of `function`, collected on first use and cached."""
    cache = package.memo("pointer facts")
    key = (source.path, function.start_byte, function.end_byte, options)
    facts = cache.get(key)
    if facts is None:
        facts = cache[key] = _Collector(function, source, package, options).collect()
    return facts


class _Collector:
    """One pass over a function body: a tree-sitter query (in C) finds its
    identifiers, calls, function literals and assignments (in no particular
    order: they are sorted into document order). Parents are found
    by descending from the function, and cached: tree-sitter's `Node.parent`
    searches down from the root, which is slow in a file with many functions."""

    def __init__(self, function: Node, source: SourceFile, package, options: OwnershipOptions):
        self.function = function
        self.source = source
        self.data = source.data
        self.package = package
        self.options = options
        self.flow = function_flow(function, source, package)
        self.allocators = frozenset(_ALLOCATOR_NAMES) | options.allocators
        self.parents: dict[int, Node] = {}
        self.every_parent_known = False
        self.owners: dict[int, Node] = {}   # node id -> innermost function literal (or the function)
        self.literals: list[tuple[int, int]] = []  # spans of nested function literals, in document order
        self.scope = package.scope_of(function, source)
        self.unsafe_name = source.import_name("unsafe") or "unsafe"

    def _text(self, node: Node | None) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace") if node is not None else ""

    def _parent(self, node: Node) -> Node | None:
        parent = self.parents.get(node.id)
        if parent is None and not self.every_parent_known:
            self._find_parents(node)
            parent = self.parents.get(node.id)
        return parent if parent is not None else node.parent

    def _find_parents(self, node: Node) -> None:
        """Record the parents on the path from the function down to `node`.
        Past _DESCENT_LIMIT levels (deeply nested code, where descending for
        many nodes would cost depth times their number) record every parent
        in the body instead, in one walk."""
        current = self.function
        for _ in range(_DESCENT_LIMIT):
            if current == node:
                return
            child = current.child_with_descendant(node)
            if child is None:
                return  # not in this function: Node.parent answers
            self.parents[child.id] = current
            current = child
        if current == node:
            return
        body = self.function.child_by_field_name("body")
        stack = [body] if body is not None else []
        while stack:
            parent = stack.pop()
            for child in parent.named_children:
                self.parents[child.id] = parent
                stack.append(child)
        self.every_parent_known = True

    def _owner(self, node: Node) -> Node:
        return self.owners.get(node.id, self.function)

    def _innermost_literal(self, literals: list[Node], start: int, end: int, skip: int = -1) -> Node:
        """The innermost function literal (`literals` in document order, but
        the one at index `skip`) around the bytes start:end, or the function."""
        owner = self.function
        for index, (literal_start, literal_end) in enumerate(self.literals):
            if literal_start > start:
                break
            if end <= literal_end and index != skip:
                owner = literals[index]
        return owner

    def resolve(self, ident: Node) -> Symbol | None:
        """A local or parameter of the outermost function `ident` is in, or None."""
        if ident.type != "identifier" or self.scope is None:
            return None
        return self.scope.resolve(ident)

    def c_name(self, call: Node) -> str | None:
        """`name` for a call `C.name(...)`."""
        function = call.child_by_field_name("function")
        if function is None or function.type != "selector_expression":
            return None
        operand = function.child_by_field_name("operand")
        if operand is None or operand.type != "identifier" or \
                self.data[operand.start_byte:operand.end_byte] != b"C" or not self.source.uses_cgo:
            return None
        return self._text(function.child_by_field_name("field"))

    def target(self, call: Node):
        """The model's CallTarget, with C calls recognised cheaply."""
        name = self.c_name(call)
        if name is not None:
            return _CTarget("c", name)
        return self.package.call_target(call, self.source)

    def collect(self) -> PointerFacts:
        facts = PointerFacts(self.function, self.flow, resolve=self.resolve, c_name=self.c_name)
        body = self.function.child_by_field_name("body")
        if body is None:
            return facts
        captured = QueryCursor(_body_query()).captures(body)
        literals = _in_document_order(captured.get("literal", ()))
        self.literals = [(literal.start_byte, literal.end_byte) for literal in literals]
        for index, (start, end) in enumerate(self.literals):
            owner = self._innermost_literal(literals, start, end, skip=index)
            if owner is not self.function:
                self.owners[literals[index].id] = owner
        idents: dict[bytes, list[Node]] = {}
        data = self.data
        spans = sorted(((node.start_byte, node.end_byte, node) for node in captured.get("ident", ())),
                       key=_span_start)  # leaves: by their start, in document order
        for start, end, node in spans:
            idents.setdefault(data[start:end], []).append(node)
            if literals:
                owner = self._innermost_literal(literals, start, end)
                if owner is not self.function:
                    self.owners[node.id] = owner
        calls: list[Node] = []
        for node in _in_document_order(captured.get("call", ())):
            owner = self._innermost_literal(literals, node.start_byte, node.end_byte) if literals else self.function
            if owner is self.function:
                calls.append(node)
            else:
                self.owners[node.id] = owner
        assigns = [node for node in _in_document_order(captured.get("assign", ()))
                   if not literals or self._innermost_literal(literals, node.start_byte, node.end_byte) is self.function]
        names: set[str] = set()
        freed_paths: list[Node] = []
        for call in calls:
            name = self.c_name(call)
            if name is None:
                continue
            if name in self.allocators:
                allocation = self._allocation(call, name)
                if allocation is not None:
                    facts.allocations.append(allocation)
                    if allocation.symbol is not None:
                        names.add(allocation.symbol.name)
            if name in self.options.frees:
                for arg in _call_args(call)[:1]:
                    base = _strip_wrappers(arg, self.unsafe_name)
                    if base is not None and base.type == "identifier":
                        names.add(self._text(base))
                    elif base is not None and base.type == "selector_expression" and _field_chain(base) is not None:
                        freed_paths.append(base)
        links = self._alias_statements(assigns)
        changed = True
        while changed:
            changed = False
            for target, source, _ in links:
                pair = {self._text(target), self._text(source)}
                if pair & names and not pair <= names:
                    names |= pair
                    changed = True
        for name in sorted(names):
            for ident in idents.get(name.encode(), ()):
                symbol = self.resolve(ident)
                if symbol is None or symbol.kind not in ("local", "param") or \
                        not self._declared_here(symbol):
                    continue
                occurrence = self._occurrence(ident, symbol, facts)
                if occurrence is not None:
                    facts.occurrences.setdefault(symbol, []).append(occurrence)
        for target, source, statement in links:
            if self._text(target) not in names:
                continue
            left, right = self.resolve(target), self.resolve(source)
            flow_node = self.flow.node_at(statement.start_byte)
            if left in facts.occurrences and right in facts.occurrences and left is not right \
                    and flow_node is not None:
                facts.aliases.append(Alias(left, right, flow_node.id))
        if freed_paths:
            self._field_paths(freed_paths, idents, calls, facts)
        return facts

    def _alias_statements(self, assigns: list[Node]) -> list[tuple[Node, Node, Node]]:
        """(target, source, statement) for each `target := source`, `target =
        source` and `var target = source` with one identifier on each side
        (pointer conversions around the source are looked through)."""
        found = []
        for statement in assigns:
            if statement.type == "var_spec":
                lhs = statement.children_by_field_name("name")
                rhs = _exprs(statement.child_by_field_name("value"))
            else:
                if statement.type == "assignment_statement" and \
                        text(statement.child_by_field_name("operator")) != "=":
                    continue
                lhs = _exprs(statement.child_by_field_name("left"))
                rhs = _exprs(statement.child_by_field_name("right"))
            if len(lhs) != 1 or len(rhs) != 1 or lhs[0].type != "identifier" or self._text(lhs[0]) == "_":
                continue
            source = _strip_wrappers(rhs[0], self.unsafe_name)
            if source is not None and source.type == "identifier" and self._text(source) != self._text(lhs[0]):
                found.append((lhs[0], source, statement))
        return found

    # --- field paths -----------------------------------------------------
    def _field_paths(self, freed: list[Node], idents: dict[bytes, list[Node]], calls: list[Node],
                     facts: PointerFacts) -> None:
        """Occurrences of freed field paths such as `s.mem` or `e.buf.data`
        whose base is a local, parameter or receiver of this function.

        A path is followed like a variable, with a stricter idea of what may
        change it. It is dropped altogether when its address or that of a
        containing struct is taken (`&s`, `&s.mem`), when the containing
        struct is copied or handed anywhere (`t := s`, `return s`, `f(s)` in
        a closure), or when a function literal mentions it. Its value is
        given up (a "kill" node, where the search from a free stops without
        a report) at an assignment to the path or to any prefix of it, at
        any call of a Go function or method (it may reassign the field
        through another pointer), and at a C call that receives a prefix of
        the path (`C.reset(s)`). When the struct holding the field is not
        known to be a Go struct (a C struct, or an unknown type), every C
        call is a kill too: C code may hold a pointer to that struct."""
        paths: dict[str, tuple[Symbol, Node]] = {}
        for node in freed:
            chain = _field_chain(node)
            symbol = self.resolve(chain[0])
            if symbol is None or symbol.kind not in ("local", "param", "receiver") or not self._declared_here(symbol):
                continue
            paths.setdefault(".".join(self._text(part) for part in chain), (symbol, node))
        if not paths:
            return
        go_calls: set[int] = set()
        c_calls: set[int] = set()
        for call in calls:
            flow_node = self.flow.node_at(call.start_byte)
            if flow_node is None:
                continue
            target = self.target(call)
            if target.kind == "c":
                c_calls.add(flow_node.id)
            elif target.kind not in ("conversion", "unsafe") and not (
                    target.kind == "builtin" and (target.name in NON_OWNING_BUILTINS or target.name in ("append", "new", "make"))):
                go_calls.add(flow_node.id)
        for path, (symbol, sample) in paths.items():
            parts = path.split(".")
            base = parts[0]
            occurrences: list[Occurrence] = []
            kills: set[int] = set(go_calls)
            container = strip_parens(sample.child_by_field_name("operand"))
            holder = self.package.type_of(container, self.source)
            holder = self.package.underlying(holder)
            if holder is not None and holder.kind == "pointer":
                holder = self.package.underlying(holder.elem)
            if holder is None or holder.kind != "struct":
                kills |= c_calls
            dropped = False
            for ident in idents.get(base.encode(), ()):
                if self.resolve(ident) is not symbol:
                    continue
                flow_node = self.flow.node_at(ident.start_byte)
                in_closure = self._owner(ident) != self.function
                # climb the selector chain this identifier starts
                top, names_seen, exact = ident, [base], None
                while True:
                    parent = self._parent(top)
                    if parent is None or parent.type != "selector_expression" or \
                            parent.child_by_field_name("operand") != top:
                        break
                    top = parent
                    names_seen.append(self._text(parent.child_by_field_name("field")))
                    if names_seen == parts:
                        exact = top
                if in_closure or flow_node is None:
                    if names_seen[:len(parts)] == parts or parts[:len(names_seen)] == names_seen:
                        dropped = True
                    continue
                if exact is not None:
                    kind, detail, call = self._consumer(exact)
                    if kind == "address":
                        dropped = True
                        break
                    statement = self._parent(call) if call is not None else None
                    if kind == "free" and statement is not None and statement.type == "defer_statement":
                        kind = "defer-free"
                    elif statement is not None and statement.type == "go_statement":
                        kind, detail = "handover", "passed to a new goroutine"
                    occurrences.append(Occurrence(kind, exact, flow_node.id, detail, call, False))
                elif parts[:len(names_seen)] == names_seen:
                    # a containing struct (or the base itself) as a whole
                    kind, detail, call = self._consumer(top)
                    if kind == "write":
                        kills.add(flow_node.id)
                    elif kind in ("nil-compare",):
                        pass
                    elif kind == "use" and call is not None and detail.startswith("passed to C."):
                        kills.add(flow_node.id)
                    elif kind == "use" and call is None and detail in ("read", "dereferenced", "compared"):
                        pass
                    else:
                        dropped = True
                        break
            if dropped or not occurrences:
                continue
            facts.paths[path] = occurrences
            facts.path_kills[path] = kills

    def _declared_here(self, symbol: Symbol) -> bool:
        """Declared in this function itself, not in a function literal inside it."""
        start = symbol.node.start_byte
        if not (self.function.start_byte <= start < self.function.end_byte):
            return False
        return not any(a <= start < b for a, b in self.literals)

    # --- allocations ---------------------------------------------------
    def _allocation(self, call: Node, name: str) -> Allocation | None:
        flow_node = self.flow.node_at(call.start_byte)
        if flow_node is None:
            return None
        node = call
        pointer_kind = "typed" if name in ("CString", "strdup", "strndup") else \
            ("unsafe" if name in ("CBytes", "malloc", "calloc", "realloc") else "unknown")
        while True:
            parent = self._parent(node)
            if parent is None:
                return None
            if parent.type == "parenthesized_expression":
                node = parent
                continue
            outer = self._parent(parent) if parent.type == "argument_list" else None
            if outer is not None:
                target = self.target(outer)
                if target.kind == "conversion" or (target.kind == "unsafe" and target.name == "Pointer"):
                    node = outer
                    if target.kind == "unsafe":
                        pointer_kind = "unsafe"
                    else:
                        function = outer.child_by_field_name("function")
                        pointer_kind = "typed" if function is not None and function.type == "parenthesized_expression" \
                            and text(function).replace(" ", "").startswith("(*") else "other"
                    continue
                if target.kind == "c":
                    if target.name in self.options.frees or target.name in self.options.takes_ownership \
                            or (target.name == "realloc" and _arg_index(parent, node) == 0) \
                            or self._c_keeps(target.name, _arg_index(parent, node)):
                        return Allocation(call, name, flow_node.id, None, None, "released", f"C.{target.name}")
                    return Allocation(call, name, flow_node.id, None, None, "inline", f"C.{target.name}")
                if target.kind == "builtin" and target.name in NON_OWNING_BUILTINS:
                    return Allocation(call, name, flow_node.id, None, None, "inline", target.name)
                return Allocation(call, name, flow_node.id, None, None, "handover", _callee_text(outer))
            if parent.type == "type_conversion_expression":
                node, pointer_kind = parent, "other"
                continue
            break
        if parent.type == "expression_statement":
            return Allocation(call, name, flow_node.id, None, parent, "discarded")
        grand = self._parent(parent) if parent.type == "expression_list" else None
        if grand is not None and grand.type in ("short_var_declaration", "assignment_statement") and \
                grand.child_by_field_name("right") == parent:
            statement = grand
            operator = text(statement.child_by_field_name("operator")) if statement.type == "assignment_statement" else ":="
            if operator not in ("=", ":="):
                return None
            lhs = _exprs(statement.child_by_field_name("left"))
            rhs = _exprs(parent)
            index = _arg_index(parent, node)
            target_expr = lhs[index] if len(lhs) == len(rhs) else (lhs[0] if len(rhs) == 1 and lhs else None)
            return self._stored(call, name, flow_node, statement, target_expr, pointer_kind)
        if grand is not None and grand.type == "var_spec":
            spec = grand
            names = spec.children_by_field_name("name")
            rhs = _exprs(parent)
            index = _arg_index(parent, node)
            target_expr = names[index] if len(names) == len(rhs) else (names[0] if len(rhs) == 1 and names else None)
            statement = self._parent(spec)
            if statement is not None and statement.type != "var_declaration":
                statement = self._parent(statement)
            return self._stored(call, name, flow_node, statement, target_expr, pointer_kind)
        return Allocation(call, name, flow_node.id, None, None, "handover", parent.type)

    def _stored(self, call, name, flow_node, statement, target_expr, pointer_kind) -> Allocation:
        if target_expr is None:
            return Allocation(call, name, flow_node.id, None, statement, "handover", "multi-value")
        if target_expr.type == "identifier" and text(target_expr) == "_":
            return Allocation(call, name, flow_node.id, None, statement, "discarded")
        if target_expr.type != "identifier":
            return Allocation(call, name, flow_node.id, None, statement, "handover", "stored")
        symbol = self.resolve(target_expr)
        if symbol is None or symbol.kind not in ("local", "param") or not self._declared_here(symbol):
            return Allocation(call, name, flow_node.id, None, statement, "handover", "stored outside the function")
        return Allocation(call, name, flow_node.id, symbol, statement, "tracked", pointer_kind=pointer_kind)

    def _deferred_literal(self, literal: Node) -> bool:
        """`defer func() { ... }()` directly in this function."""
        if literal.type != "func_literal":
            return False
        call = self._parent(literal)
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != literal:
            return False
        statement = self._parent(call)
        return statement is not None and statement.type == "defer_statement" and self._owner(literal) == self.function

    def _c_keeps(self, name: str, index: int) -> bool:
        """Whether the preamble's body of C.name stores argument `index` past the call."""
        function = self.package.preamble.function(name)
        return function is not None and index >= 0 and function.keeps_param(index)

    # --- occurrences -----------------------------------------------------
    def _occurrence(self, ident: Node, symbol: Symbol, facts: PointerFacts) -> Occurrence | None:
        flow_node = self.flow.node_at(ident.start_byte)
        if flow_node is None:
            return None
        owner = self._owner(ident)
        in_closure = owner != self.function
        kind, detail, call = self._consumer(ident)
        if kind == "address":
            facts.address_taken.add(symbol)
            kind = "handover"
        if in_closure:
            if kind == "write":
                facts.written_in_closure.add(symbol)
            if kind == "free" and self._deferred_literal(owner):
                return Occurrence("closure-free", ident, flow_node.id, detail, call, True)
            return Occurrence("handover", ident, flow_node.id, "captured by a closure", call, True)
        statement = self._parent(call) if call is not None else None
        if kind == "free" and statement is not None:
            if statement.type == "defer_statement":
                kind = "defer-free"
            elif statement.type == "go_statement":
                kind, detail = "handover", "freed in a new goroutine"
        elif statement is not None and statement.type == "go_statement" and kind == "use":
            kind, detail = "handover", "passed to a new goroutine"
        return Occurrence(kind, ident, flow_node.id, detail, call, False)

    def _consumer(self, ident: Node) -> tuple[str, str, Node | None]:
        """Follow the value of `ident` up the expression tree to what consumes it."""
        node = ident
        while True:
            parent = self._parent(node)
            if parent is None:
                return "handover", "unknown", None
            kind = parent.type
            if kind == "parenthesized_expression":
                node = parent
                continue
            if kind == "argument_list":
                call = self._parent(parent)
                if call is None or call.type != "call_expression":
                    return "handover", "unknown", None
                target = self.target(call)
                if target.kind == "conversion":
                    node = call
                    continue
                if target.kind == "unsafe":
                    if target.name in _UNSAFE_ALIASING:
                        node = call
                        continue
                    return "use", f"unsafe.{target.name}", call
                if target.kind == "c":
                    index = _arg_index(parent, node)
                    if target.name in self.options.frees and index == 0:
                        return "free", f"C.{target.name}", call
                    if target.name == "realloc" and index == 0:
                        return "realloc", "C.realloc", call
                    if target.name in self.options.takes_ownership or self._c_keeps(target.name, index):
                        return "handover", f"passed to C.{target.name}, which takes ownership", call
                    return "use", f"passed to C.{target.name}", call
                if target.kind == "builtin":
                    if target.name in NON_OWNING_BUILTINS:
                        return "use", f"passed to {target.name}", call
                    if target.name == "append":
                        return "handover", "appended to a slice", call
                    return "handover", f"passed to {target.name}", call
                return "handover", f"passed to {_callee_text(call)}", call
            if kind == "type_conversion_expression" or kind == "slice_expression":
                if parent.child_by_field_name("operand") == node:
                    node = parent
                    continue
                return "use", "read", None
            if kind == "call_expression":
                return "use", "called", None
            if kind == "unary_expression":
                operator = text(parent.child_by_field_name("operator"))
                if operator == "&":
                    return "address", "its address is taken", None
                if operator == "<-":
                    return "use", "read", None
                return "use", "dereferenced", None
            if kind in ("selector_expression", "index_expression"):
                if parent.child_by_field_name("operand") == node:
                    above = self._parent(parent)
                    while above is not None and above.type == "parenthesized_expression":
                        above = self._parent(above)
                    if above is not None and above.type == "unary_expression" and \
                            text(above.child_by_field_name("operator")) == "&":
                        return "handover", "a pointer into it is kept", None
                    return "use", "dereferenced", None
                return "use", "read", None
            if kind == "binary_expression":
                operator = text(parent.child_by_field_name("operator"))
                other = parent.child_by_field_name("right") if parent.child_by_field_name("left") == node \
                    else parent.child_by_field_name("left")
                if operator in ("==", "!=") and other is not None and other.type == "nil":
                    return "nil-compare", "compared with nil", None
                return "use", "read", None
            if kind == "expression_list":
                statement = self._parent(parent)
                if statement is None:
                    return "handover", "unknown", None
                if statement.type in ("assignment_statement", "short_var_declaration"):
                    if statement.child_by_field_name("left") == parent:
                        if node is ident:
                            operator = text(statement.child_by_field_name("operator")) \
                                if statement.type == "assignment_statement" else ":="
                            return ("write", "reassigned", None) if operator in ("=", ":=") else ("use", "updated", None)
                        return "use", "written through", None
                    lhs = _exprs(statement.child_by_field_name("left"))
                    rhs = _exprs(parent)
                    index = _arg_index(parent, node)
                    if len(lhs) == len(rhs) and text(lhs[index]) == "_":
                        return "use", "read", None
                    return "handover", "assigned to another variable or location", None
                if statement.type == "return_statement":
                    return "handover", "returned", None
                if statement.type == "var_spec":
                    return "handover", "assigned to another variable", None
                if statement.type == "range_clause":
                    if statement.child_by_field_name("left") == parent:
                        return "write", "reassigned by range", None
                    return "use", "ranged over", None
                if statement.type == "receive_statement":
                    return "write", "received into", None
                if statement.type in ("expression_case",):
                    return "use", "compared", None
                return "handover", statement.type, None
            if kind == "return_statement":
                return "handover", "returned", None
            if kind == "send_statement":
                if parent.child_by_field_name("value") == node:
                    return "handover", "sent on a channel", None
                return "use", "read", None
            if kind == "var_spec":
                if node is ident and any(name == ident for name in parent.children_by_field_name("name")):
                    return "write", "declared", None
                return "handover", "assigned to another variable", None
            if kind in ("literal_element", "keyed_element", "literal_value"):
                return "handover", "stored in a composite literal", None
            if kind in ("if_statement", "for_statement", "expression_switch_statement", "expression_statement",
                        "inc_statement", "dec_statement", "type_switch_statement"):
                return "use", "read", None
            if kind == "range_clause":
                return "use", "ranged over", None
            if kind == "type_assertion_expression":
                return "use", "read", None
            return "handover", kind, None


@dataclass(frozen=True)
class _CTarget:
    kind: str
    name: str
    node: Node | None = None


def _call_args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _exprs(node: Node | None) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"] if node is not None else []


def _arg_index(container: Node, child: Node) -> int:
    for index, item in enumerate(_exprs(container)):
        if item == child:
            return index
    return -1


def _callee_text(call: Node) -> str:
    function = call.child_by_field_name("function")
    name = text(function)
    return name if len(name) <= 40 else name[:37] + "..."


# Deeper than this below a function, find parents with one walk of the body.
_DESCENT_LIMIT = 48


@lru_cache(maxsize=None)
def _body_query() -> Query:
    return Query(GO, "(identifier) @ident (call_expression) @call (func_literal) @literal "
                     "[(short_var_declaration) (assignment_statement) (var_spec)] @assign")


def _span_start(span: tuple[int, int, Node]) -> int:
    return span[0]


def _in_document_order(nodes: Iterable[Node]) -> list[Node]:
    """Nodes of one tree, each before the nodes inside it (the order of a walk)."""
    return sorted(nodes, key=lambda node: (node.start_byte, -node.end_byte))


def _field_chain(node: Node) -> list[Node] | None:
    """`s.a.b` -> [s, a, b] (identifier, then field identifiers); None for
    anything else in the chain (calls, indexes, package-qualified names)."""
    parts: list[Node] = []
    while node is not None and node.type == "selector_expression":
        field_node = node.child_by_field_name("field")
        if field_node is None or field_node.type != "field_identifier":
            return None
        parts.append(field_node)
        node = node.child_by_field_name("operand")
    if node is None or node.type != "identifier" or not parts:
        return None
    parts.append(node)
    parts.reverse()
    return parts


def _strip_wrappers(expr: Node | None, unsafe_name: str = "unsafe") -> Node | None:
    """`unsafe.Pointer(p)`, `(*C.char)(p)`, `(p)` -> p (syntactically);
    `unsafe_name` is the name the file imports "unsafe" under."""
    pointer = f"{unsafe_name}.Pointer"
    node = expr
    for _ in range(16):
        if node is None:
            return None
        if node.type == "parenthesized_expression":
            node = node.named_children[0] if node.named_children else None
        elif node.type == "call_expression":
            args = _call_args(node)
            function = node.child_by_field_name("function")
            if len(args) != 1 or function is None:
                return node
            if function.type == "parenthesized_expression" or (
                    function.type == "selector_expression" and text(function).replace(" ", "") == pointer) or \
                    function.type in ("qualified_type", "pointer_type"):
                node = args[0]
            else:
                return node
        elif node.type == "type_conversion_expression":
            node = node.child_by_field_name("operand")
        else:
            return node
    return node


def nil_when(condition: Node | None, is_symbol: Callable[[Node], bool]) -> set[bool]:
    """The truth values of `condition` under which the variable is certainly
    nil: {True} for `p == nil`, {False} for `p != nil`, combined through
    `!`, `&&`, `||` and parentheses (`a && b` true means both are true,
    `a || b` false means both are false). Iterative."""
    result: set[bool] = set()
    # (expression, negated on the way down, the values of the expression that decide the root)
    stack: list[tuple[Node | None, bool, frozenset[bool]]] = [(condition, False, frozenset((True, False)))]
    steps = 0
    while stack and steps < 10_000:
        steps += 1
        node, negated, allowed = stack.pop()
        if node is None or not allowed:
            continue
        kind = node.type
        if kind == "parenthesized_expression":
            stack.append((node.named_children[0] if node.named_children else None, negated, allowed))
        elif kind == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
            stack.append((node.child_by_field_name("operand"), not negated, frozenset(not v for v in allowed)))
        elif kind == "binary_expression":
            operator = text(node.child_by_field_name("operator"))
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator in ("&&", "||"):
                keep = allowed & {operator == "&&"}
                stack.append((left, negated, keep))
                stack.append((right, negated, keep))
            elif operator in ("==", "!=") and left is not None and right is not None:
                operand = _nil_tested(left, right) or _nil_tested(right, left)
                if operand is not None and is_symbol(operand):
                    nil_value = operator == "=="  # the comparison's value when the operand is nil
                    if nil_value in allowed:
                        result.add(nil_value != negated)
    return result


def _nil_tested(operand: Node, other: Node) -> Node | None:
    """For `operand == other`: the expression tested for nil, seen through
    parentheses and pointer conversions: `p == nil`, `unsafe.Pointer(p) ==
    nil`, `uintptr(p) == 0`, `uintptr(unsafe.Pointer(p)) == 0`."""
    zero = other.type == "int_literal" and text(other) == "0"
    if other.type != "nil" and not zero:
        return None
    node, through_uintptr = operand, False
    for _ in range(8):
        if node.type == "parenthesized_expression" and node.named_children:
            node = node.named_children[0]
            continue
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            args = _call_args(node)
            name = text(function).replace(" ", "")
            if len(args) != 1 or not (name in ("uintptr", "unsafe.Pointer") or name.startswith("(*")):
                return None
            through_uintptr = through_uintptr or name == "uintptr"
            node = args[0]
            continue
        break
    if zero and not through_uintptr:
        return None
    return node
