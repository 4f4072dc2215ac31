"""Deferred frees of a variable that is still nil (`nil_deferred_frees`):

    var out *C.char
    defer C.free(unsafe.Pointer(out)) // evaluates out now: nil
    C.get(&out)                       // the memory stored here is never freed

A deferred call evaluates its arguments when the `defer` runs, not when
the function returns, so the free gets the nil the variable holds then, and
whatever C stores in the variable afterwards leaks. CGL005 reports it.
"""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from .call_targets import call_arguments
from .ownership import frees_parameter, strip_wrappers
from .ownership_facts import OwnershipOptions
from .scopes import Symbol, mutations
from .source import SourceFile, strip_parens, text, walk


@dataclass(frozen=True)
class NilDeferredFree:
    defer: Node      # the `defer` statement
    free: str        # the function it defers, as spelled: `C.free`, or a Go helper that frees its argument
    symbol: Symbol   # the variable, nil when the defer runs
    later: Node      # the first write after the defer: `&out` or an assignment target


def nil_deferred_frees(function: Node, source: SourceFile, package, options: OwnershipOptions) -> list[NilDeferredFree]:
    """The `defer C.free(...x...)` statements (or of a package function that
    frees its first argument) of `function` itself (not of
    its function literals, not in a loop) where the local `x` is declared
    without a value or with nil, nothing writes or takes the address of it
    before the defer, and something does after it."""
    found = []
    unsafe_name = source.import_name("unsafe") or "unsafe"
    for defer in _own_defers(function):
        call = defer.named_children[0] if defer.named_children else None
        if call is None or call.type != "call_expression":
            continue
        target = package.call_target(call, source)
        args = call_arguments(call)
        if not args:
            continue
        if target.kind == "c" and target.name in options.frees:
            free = f"C.{target.name}"
        elif target.kind == "func" and target.node is not None and frees_parameter(target.node, 0, options):
            free = target.name  # govips' `defer gFreePointer(unsafe.Pointer(out))`
        else:
            continue
        ident = strip_wrappers(args[0], unsafe_name)
        symbol = package.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
        if symbol is None or symbol.kind != "local" or symbol.range_of is not None or symbol.index or not (
                symbol.value is None or strip_parens(symbol.value).type == "nil"):
            continue
        if not (function.start_byte <= symbol.node.start_byte < defer.start_byte):
            continue
        writes = sorted(_writes(symbol, function, package, source), key=lambda n: n.start_byte)
        if any(w.start_byte < defer.start_byte for w in writes):
            continue
        later = next((w for w in writes if w.start_byte > defer.end_byte), None)
        if later is not None and not _released_after(symbol, defer, function, package, source, options):
            found.append(NilDeferredFree(defer, free, symbol, later))
    return found


def _released_after(symbol: Symbol, defer: Node, function: Node, package, source: SourceFile,
                    options: OwnershipOptions) -> bool:
    """Whether, after the defer, the variable is returned, stored in a
    field, a table or a package variable, or passed to a free or to any Go
    function (which may free it): then the deferred nil free is only
    useless, and the leak not certain."""
    unsafe_name = source.import_name("unsafe") or "unsafe"
    for node in walk(function):
        if node.type != "identifier" or node.start_byte < defer.end_byte or text(node) != symbol.name \
                or package.resolve(node, source) is not symbol:
            continue
        holder = node.parent
        while holder is not None and holder.type in ("parenthesized_expression", "argument_list", "call_expression",
                                                     "type_conversion_expression", "expression_list"):
            if holder.type == "call_expression" and strip_wrappers(holder, unsafe_name) != node:
                target = package.call_target(holder, source)  # the call that consumes the value
                if target.kind in ("func", "method", "other") or (target.kind == "c" and _takes(target.name, package,
                                                                                                   options)):
                    return True
                break
            holder = holder.parent
        if holder is not None and holder.type in ("return_statement", "literal_element"):
            return True
        if holder is not None and holder.type == "assignment_statement" and _stores_away(holder, node, package, source):
            return True
    return False


def _stores_away(assignment: Node, value: Node, package, source: SourceFile) -> bool:
    """`h.p = out`, `table[k] = out`, `current = out` (a package variable):
    the value goes where something else may free it."""
    right = assignment.child_by_field_name("right")
    if right is None or not (right.start_byte <= value.start_byte < right.end_byte):
        return False
    left = assignment.child_by_field_name("left")
    for target in left.named_children if left is not None else ():
        target = strip_parens(target)
        if target is None or target.type != "identifier":
            return True
        symbol = package.resolve(target, source)
        if symbol is None or symbol.kind not in ("local", "param"):
            return True
    return False


def _takes(name: str, package, options: OwnershipOptions) -> bool:
    """A C function that frees, or takes ownership of, some pointer it is given."""
    if name in options.frees or name in options.takes_ownership:
        return True
    function = package.preamble.function(name)
    return function is not None and any(function.takes_ownership_of(p.index) for p in function.params)


def _own_defers(function: Node) -> list[Node]:
    """The defer statements of `function`'s body outside loops and function literals."""
    body = function.child_by_field_name("body")
    found, stack = [], [body] if body is not None else []
    while stack:
        node = stack.pop()
        if node.type == "defer_statement":
            found.append(node)
        elif node.type not in ("func_literal", "for_statement"):
            stack.extend(node.named_children)
    return found


def _writes(symbol: Symbol, function: Node, package, source: SourceFile) -> list[Node]:
    """Where `symbol` is assigned or has its address taken in `function`."""
    return [target for target, _ in symbol.writes] + list(mutations(symbol, function, package, source))
