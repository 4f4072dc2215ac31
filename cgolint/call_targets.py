"""What a call expression calls (`CallTarget`), and its arguments.

Almost every question about a call starts from what it calls: its type, the
origin of the memory it returns, whether a rule looks at it at all. So the
classification stands beneath the type and origin derivations rather than
inside either, and this module, which imports neither, is where they and the
rules find `call_arguments`. `PackageModel.call_target` memoises
`classify_call`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from tree_sitter import Node

from . import gotypes
from .parsing import GO
from .source import SourceFile, text

if TYPE_CHECKING:
    from .model import PackageModel


@dataclass(frozen=True)
class CallTarget:
    """What a call expression calls. kind: c (C.name), unsafe, builtin,
    conversion, func (a function of this package), method, other."""

    kind: str
    name: str
    node: Node | None = None  # the Go declaration, for func and method


def classify_call(package: PackageModel, call: Node, source: SourceFile) -> CallTarget:
    function = call.child_by_field_name("function")
    if function is None:
        return CallTarget("other", "")
    while function.type == "parenthesized_expression" and function.named_children:
        inner = function.named_children[0]
        if inner.type == "unary_expression" or inner.type.endswith("_type"):
            return CallTarget("conversion", text(inner))
        function = inner
    if function.type == "identifier":
        name = text(function)
        symbol = package.resolve(function, source)
        if symbol is None:
            if name in _BUILTIN_FUNCS:
                return CallTarget("builtin", name)
            if name in gotypes.BUILTIN_TYPES:
                return CallTarget("conversion", name)
            return CallTarget("other", name)
        if symbol.kind == "func":
            return CallTarget("func", name, symbol.node)
        if symbol.kind == "type":
            return CallTarget("conversion", name)
        return CallTarget("other", name)
    if function.type == "selector_expression":
        operand = function.child_by_field_name("operand")
        name = text(function.child_by_field_name("field"))
        if operand is not None and operand.type == "identifier" and package.resolve(operand, source) is None:
            path = source.imports.get(text(operand))
            if path == "C":
                return CallTarget("c", name)
            if path == "unsafe":
                return CallTarget("unsafe", name)
            if path is not None:
                return CallTarget("other", f"{path}.{name}")
        receiver = package.underlying_name(package.type_of(operand, source))
        method = package.method(receiver, name) if receiver else None
        if method is not None:
            return CallTarget("method", name, method)
        return CallTarget("other", name)
    if function.type.endswith("_type") or function.type == "generic_type":
        return CallTarget("conversion", text(function))
    return CallTarget("other", "")


_BUILTIN_FUNCS = frozenset({"make", "new", "len", "cap", "append", "copy", "delete", "panic", "recover",
                            "print", "println", "close", "complex", "real", "imag", "min", "max", "clear"})


def call_arguments(call: Node) -> list[Node]:
    # Every rule asks this of every call: the argument list is the call's last
    # child (a list tree-sitter caches on the node), and kind ids compare
    # cheaper than kind names.
    args = call.children[-1] if call.child_count else None
    if args is None or args.kind_id != _ARGUMENT_LIST:
        args = call.child_by_field_name("arguments")  # error recovery may leave something after it
        if args is None:
            return []
    return [a for a in args.named_children if a.kind_id != _COMMENT]


def parenthesized_c_type(call: Node, package, source) -> bool:
    """`(C.virDomainMemoryStatPtr)(p)`: a C name in parentheses, not a
    function of the preamble or libc, called with one argument: how a conversion to
    a type of a header out of sight is spelled (nobody parenthesizes a
    function's name)."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "parenthesized_expression" or len(call_arguments(call)) != 1:
        return False
    target = package.call_target(call, source)
    return target.kind == "c" and package.preamble.names_type(target.name, lenient=True)  # (not `(C.free)(p)`)


_ARGUMENT_LIST = GO.id_for_node_kind("argument_list", True)
_COMMENT = GO.id_for_node_kind("comment", True)


def receiving_call(expr: Node, parent: Callable[[Node], Node | None],
                   target: Callable[[Node], CallTarget]) -> tuple[Node, CallTarget, int] | None:
    """(call, its target, argument index) of the call that receives the
    value of `expr` as an argument, through parentheses, conversions and
    `unsafe.Pointer`; None when the value goes anywhere else. `parent` and
    `target` are the caller's lookups (cached parents, memoised targets)."""
    node = expr
    while True:
        above = parent(node)
        if above is None:
            return None
        if above.type == "parenthesized_expression":
            node = above
            continue
        call = parent(above) if above.type == "argument_list" else None
        if call is None or call.type != "call_expression":
            return None
        found = target(call)
        if found.kind == "conversion" or (found.kind == "unsafe" and found.name == "Pointer"):
            node = call
            continue
        index = next((i for i, arg in enumerate(call_arguments(call)) if arg == node), -1)
        return call, found, index
