"""Collecting the pointer facts of one Go function ("collect, then judge", as
pyflakes does): one walk over the function gathers every C allocation and
every occurrence of the variables that hold one or are freed; rules CGL005
and CGL006 judge the resulting `ownership_facts.PointerFacts` path by path
on the function's `flow.Flow`.

This module holds the walk and what it keeps (parents, function literals,
allocations, alias statements). What consumes each occurrence's value is
classified in `ownership_consumers`, freed field paths are followed in
`ownership_paths`; both read the walk only through the small lookups the
collector provides. The nil tests by which CGL005 prunes paths are in
`nil_tests`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from tree_sitter import Node, Query, QueryCursor

from .call_targets import call_arguments, parenthesized_c_type
from .flow import function_flow
from .model import PackageModel
from .ownership_consumers import (
    NON_OWNING_BUILTINS,
    arg_index,
    callee_text,
    consumer,
    exprs,
    kept_with_release,
)
from .ownership_facts import (
    _ALLOCATOR_NAMES,
    WRITES,
    Alias,
    Allocation,
    Occurrence,
    OwnershipOptions,
    PointerFacts,
)
from .ownership_paths import collect_field_paths
from .parsing import GO
from .scopes import Symbol, parameter_names
from .source import SourceFile, field_chain, text


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

    def parent(self, node: Node) -> Node | None:
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

    def owner(self, node: Node) -> Node:
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
        """`name` for a call `C.name(...)` (or `(C.name)(...)`, ristretto's `(C.CString)(s)`)."""
        function = call.child_by_field_name("function")
        while function is not None and function.type == "parenthesized_expression" and function.named_children:
            function = function.named_children[0]
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
        if name is None:
            found = self.package.call_target(call, self.source)
            if found.kind != "c":
                return found
            name = found.name  # `(C.statsPtr)(p)`: spelled in parentheses
        if self.package.preamble.names_pointer_type(name) and len(call_arguments(call)) == 1 \
                or parenthesized_c_type(call, self.package, self.source):
            return _CTarget("conversion", f"C.{name}")  # `C.gpointer(p)` hands p on unchanged
        return _CTarget("c", name)

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
                for arg in call_arguments(call)[:1]:
                    base = strip_wrappers(arg, self.unsafe_name)
                    if base is not None and base.type == "identifier":
                        names.add(self._text(base))
                    elif base is not None and base.type == "selector_expression" and field_chain(base) is not None:
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
                        not self.declared_here(symbol):
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
            collect_field_paths(self, freed_paths, idents, calls, facts)
        return facts

    def _alias_statements(self, assigns: list[Node]) -> list[tuple[Node, Node, Node]]:
        """(target, source, statement) for each `target := source`, `target =
        source` and `var target = source` with one identifier on each side
        (pointer conversions around the source are looked through, and an
        `unsafe.Slice(source, n)` view is a copy of the pointer)."""
        found = []
        for statement in assigns:
            if statement.type == "var_spec":
                lhs = statement.children_by_field_name("name")
                rhs = exprs(statement.child_by_field_name("value"))
            else:
                if statement.type == "assignment_statement" and \
                        text(statement.child_by_field_name("operator")) != "=":
                    continue
                lhs = exprs(statement.child_by_field_name("left"))
                rhs = exprs(statement.child_by_field_name("right"))
            if len(lhs) != 1 or len(rhs) != 1 or lhs[0].type != "identifier" or self._text(lhs[0]) == "_":
                continue
            source = strip_wrappers(rhs[0], self.unsafe_name)
            if source is not None and source.type == "call_expression":  # `unsafe.Slice(p, n)`: a view of p
                function, args = source.child_by_field_name("function"), call_arguments(source)
                if function is not None and text(function).replace(" ", "") == f"{self.unsafe_name}.Slice" \
                        and len(args) == 2:
                    source = strip_wrappers(args[0], self.unsafe_name)
            if source is not None and source.type == "identifier" and self._text(source) != self._text(lhs[0]):
                found.append((lhs[0], source, statement))
        return found

    def declared_here(self, symbol: Symbol) -> bool:
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
            parent = self.parent(node)
            if parent is None:
                return None
            if parent.type == "parenthesized_expression":
                node = parent
                continue
            outer = self.parent(parent) if parent.type == "argument_list" else None
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
                            or (target.name == "realloc" and arg_index(parent, node) == 0) \
                            or self.c_takes(target.name, arg_index(parent, node)) \
                            or self.c_may_take(target.name, arg_index(parent, node)) \
                            or kept_with_release(outer, node, target.name):
                        return Allocation(call, name, flow_node.id, None, None, "released", f"C.{target.name}")
                    return Allocation(call, name, flow_node.id, None, None, "inline", f"C.{target.name}")
                if target.kind == "builtin" and target.name in NON_OWNING_BUILTINS:
                    return Allocation(call, name, flow_node.id, None, None, "inline", target.name)
                return Allocation(call, name, flow_node.id, None, None, "handover", callee_text(outer))
            if parent.type == "type_conversion_expression":
                node, pointer_kind = parent, "other"
                continue
            break
        if parent.type == "expression_statement":
            return Allocation(call, name, flow_node.id, None, parent, "discarded")
        grand = self.parent(parent) if parent.type == "expression_list" else None
        if grand is not None and grand.type in ("short_var_declaration", "assignment_statement") and \
                grand.child_by_field_name("right") == parent:
            statement = grand
            operator = text(statement.child_by_field_name("operator")) if statement.type == "assignment_statement" else ":="
            if operator not in ("=", ":="):
                return None
            lhs = exprs(statement.child_by_field_name("left"))
            rhs = exprs(parent)
            index = arg_index(parent, node)
            target_expr = lhs[index] if len(lhs) == len(rhs) else (lhs[0] if len(rhs) == 1 and lhs else None)
            return self._stored(call, name, flow_node, statement, target_expr, pointer_kind)
        if grand is not None and grand.type == "var_spec":
            spec = grand
            names = spec.children_by_field_name("name")
            rhs = exprs(parent)
            index = arg_index(parent, node)
            target_expr = names[index] if len(names) == len(rhs) else (names[0] if len(rhs) == 1 and names else None)
            statement = self.parent(spec)
            if statement is not None and statement.type != "var_declaration":
                statement = self.parent(statement)
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
        if symbol is None or symbol.kind not in ("local", "param") or not self.declared_here(symbol):
            return Allocation(call, name, flow_node.id, None, statement, "handover", "stored outside the function")
        return Allocation(call, name, flow_node.id, symbol, statement, "tracked", pointer_kind=pointer_kind)

    def _deferred_literal(self, literal: Node) -> bool:
        """`defer func() { ... }()` directly in this function."""
        if literal.type != "func_literal":
            return False
        call = self.parent(literal)
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != literal:
            return False
        statement = self.parent(call)
        return statement is not None and statement.type == "defer_statement" and self.owner(literal) == self.function

    def c_takes(self, name: str, index: int) -> bool:
        """Whether the preamble's body of C.name stores argument `index` past
        the call or frees it."""
        function = self.package.preamble.function(name)
        return function is not None and index >= 0 and function.takes_ownership_of(index)

    def c_may_take(self, name: str, index: int) -> bool:
        """Whether one of C.name's bodies in the package's C files, of which
        it is not known which builds (one per platform), takes argument
        `index` over."""
        return index in self.package.preamble.uncertain.get(name, ())

    def c_pointee_effect(self, name: str, index: int) -> str | None:
        function = self.package.preamble.function(name)
        return function.pointee_effect(index) if function is not None and index >= 0 else None

    def go_frees(self, declaration: Node, index: int) -> bool:
        memo = self.package.memo("go_frees")
        key = (declaration.id, index, self.options.frees)
        if key not in memo:
            memo[key] = frees_parameter(declaration, index, self.options)
        return memo[key]

    # --- occurrences -----------------------------------------------------
    def _occurrence(self, ident: Node, symbol: Symbol, facts: PointerFacts) -> Occurrence | None:
        flow_node = self.flow.node_at(ident.start_byte)
        if flow_node is None:
            return None
        owner = self.owner(ident)
        in_closure = owner != self.function
        kind, detail, call = consumer(ident, self)
        statement = self.parent(call) if call is not None else None
        if kind == "filled" and statement is not None and statement.type in ("go_statement", "defer_statement"):
            kind = "address"  # C writes it at some later moment
        if kind == "address":
            facts.address_taken.add(symbol)
            kind = "handover"
        if in_closure:
            if kind in WRITES:
                facts.written_in_closure.add(symbol)
            if kind == "free" and self._deferred_literal(owner):
                return Occurrence("closure-free", ident, flow_node.id, detail, call, True)
            return Occurrence("handover", ident, flow_node.id, "captured by a closure", call, True)
        if kind == "free" and statement is not None:
            if statement.type == "defer_statement":
                kind = "defer-free"
            elif statement.type == "go_statement":
                kind, detail = "handover", "freed in a new goroutine"
        elif statement is not None and statement.type == "go_statement" and kind == "use":
            kind, detail = "handover", "passed to a new goroutine"
        return Occurrence(kind, ident, flow_node.id, detail, call, False)


@dataclass(frozen=True)
class _CTarget:
    kind: str
    name: str
    node: Node | None = None


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


def strip_wrappers(expr: Node | None, unsafe_name: str = "unsafe") -> Node | None:
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
            args = call_arguments(node)
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



def freeing_helpers(package: PackageModel, options: OwnershipOptions) -> frozenset[bytes]:
    """The package's functions that free a parameter first thing (see
    `frees_parameter`), as `name(` byte strings: a function that calls
    one frees C memory though it never spells `C.free`."""
    memo = package.memo("freeing helpers")
    if options not in memo:
        found = set()
        for source in package.files:
            for declaration in source.root.named_children:
                if declaration.type != "function_declaration" or not options.may_free(declaration.text):
                    continue
                names = parameter_names(declaration)
                if any(name is not None and frees_parameter(declaration, i, options)
                       for i, name in enumerate(names)):
                    found.add(declaration.child_by_field_name("name").text + b"(")
        memo[options] = frozenset(found)
    return memo[options]


def frees_parameter(declaration: Node, index: int, options: OwnershipOptions) -> bool:
    """One of the first statements of the function's own block, with no
    `return` (but an `if p == nil { return }`) or assignment of the
    parameter before it, frees the parameter:
    `C.free(unsafe.Pointer(p))` or `defer C.free(...)` (a helper that frees
    what it is given; looked at once per package, so cheaply)."""
    names = parameter_names(declaration)
    body = declaration.child_by_field_name("body")
    if not 0 <= index < len(names) or names[index] is None or body is None:
        return False
    name = re.escape(text(names[index]).encode())
    assigned = re.compile(rb"\b" + name + rb"\s*(=[^=]|:=|\+\+|--)")
    freed = re.compile(rb"(?:\w+\.(?:Pointer|gpointer)\(\s*)?" + name + rb"\s*\)?")  # `p`, `unsafe.Pointer(p)`, `C.gpointer(p)`
    nil_guard = re.compile(rb"if\s+" + name + rb"\s*==\s*nil\s*\{\s*return\s*\}")
    statements = [s for part in body.named_children if part.type == "statement_list" for s in part.named_children]
    for statement in statements[:_FIRST_STATEMENTS]:
        if statement.type in ("expression_statement", "defer_statement") and statement.named_children:
            call = statement.named_children[0]
            function = call.child_by_field_name("function") if call.type == "call_expression" else None
            args = call_arguments(call) if function is not None else []
            if function is not None and function.type == "selector_expression" \
                    and text(function.child_by_field_name("operand")) == "C" \
                    and text(function.child_by_field_name("field")) in options.frees and args \
                    and freed.fullmatch(args[0].text):
                return True
        if nil_guard.fullmatch(statement.text):
            continue  # `if p == nil { return }`: nothing to free, and no other way out
        if b"return" in statement.text or assigned.search(statement.text):
            return False
    return False


_FIRST_STATEMENTS = 4
