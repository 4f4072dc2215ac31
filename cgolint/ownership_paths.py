"""Freed struct-field paths (`C.free(unsafe.Pointer(s.mem))`): where else
the path `s.mem` occurs in the function, and the flow nodes after which it
may no longer hold the freed pointer; CGL006 reads them.

It stands apart from the collector's walk: a path has its own rules for
what may change it (`collect_field_paths`), and shares with the walk only
the lookups of `PathContext`.
"""
from __future__ import annotations

from typing import Protocol

from tree_sitter import Node

from .flow import Flow
from .model import PackageModel
from .ownership_consumers import NON_OWNING_BUILTINS, ConsumerContext, consumer
from .ownership_facts import Occurrence, PointerFacts
from .scopes import Symbol
from .source import SourceFile, field_chain, strip_parens, text


class PathContext(ConsumerContext, Protocol):
    """The lookups following a field path needs from the walk over a
    function, besides those of `consumer`."""

    function: Node
    flow: Flow
    package: PackageModel
    source: SourceFile

    def resolve(self, ident: Node) -> Symbol | None:
        """A local or parameter of the function, or None."""

    def owner(self, node: Node) -> Node:
        """The innermost function literal around `node`, or the function."""

    def declared_here(self, symbol: Symbol) -> bool:
        """Declared in the function itself, not in a function literal inside it."""


def collect_field_paths(context: PathContext, freed: list[Node], idents: dict[bytes, list[Node]],
                        calls: list[Node], facts: PointerFacts) -> None:
    """Record in `facts.paths` and `facts.path_kills` the occurrences of the
    freed field paths (`freed`: the selector expressions passed to a free)
    whose base is a local, parameter or receiver of this function; `idents`
    are its identifiers by name, `calls` its calls outside function literals.

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
        chain = field_chain(node)
        symbol = context.resolve(chain[0])
        if symbol is None or symbol.kind not in ("local", "param", "receiver") or not context.declared_here(symbol):
            continue
        paths.setdefault(".".join(text(part) for part in chain), (symbol, node))
    if not paths:
        return
    go_calls: set[int] = set()
    c_calls: set[int] = set()
    for call in calls:
        flow_node = context.flow.node_at(call.start_byte)
        if flow_node is None:
            continue
        target = context.target(call)
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
        holder = context.package.type_of(container, context.source)
        holder = context.package.underlying(holder)
        if holder is not None and holder.kind == "pointer":
            holder = context.package.underlying(holder.elem)
        if holder is None or holder.kind != "struct":
            kills |= c_calls
        dropped = False
        for ident in idents.get(base.encode(), ()):
            if context.resolve(ident) is not symbol:
                continue
            flow_node = context.flow.node_at(ident.start_byte)
            in_closure = context.owner(ident) != context.function
            # climb the selector chain this identifier starts
            top, names_seen, exact = ident, [base], None
            while True:
                parent = context.parent(top)
                if parent is None or parent.type != "selector_expression" or \
                        parent.child_by_field_name("operand") != top:
                    break
                top = parent
                names_seen.append(text(parent.child_by_field_name("field")))
                if names_seen == parts:
                    exact = top
            if in_closure or flow_node is None:
                if names_seen[:len(parts)] == parts or parts[:len(names_seen)] == names_seen:
                    dropped = True
                continue
            if exact is not None:
                kind, detail, call = consumer(exact, context)
                if kind == "address":
                    dropped = True
                    break
                statement = context.parent(call) if call is not None else None
                if kind == "free" and statement is not None and statement.type == "defer_statement":
                    kind = "defer-free"
                elif statement is not None and statement.type == "go_statement":
                    kind, detail = "handover", "passed to a new goroutine"
                occurrences.append(Occurrence(kind, exact, flow_node.id, detail, call, False))
            elif parts[:len(names_seen)] == names_seen:
                # a containing struct (or the base itself) as a whole
                kind, detail, call = consumer(top, context)
                if kind == "write":
                    kills.add(flow_node.id)
                elif kind in ("nil-compare", "compare"):
                    pass
                elif kind == "use" and call is not None and detail.startswith("passed to C."):
                    kills.add(flow_node.id)
                elif kind == "use" and call is None and detail in ("read", "dereferenced"):
                    pass
                else:
                    dropped = True
                    break
        if dropped or not occurrences:
            continue
        facts.paths[path] = occurrences
        facts.path_kills[path] = kills
