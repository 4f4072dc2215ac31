"""`runtime/cgo.Handle` values (`is_handle`): an integer that stands for a
Go value, which C may keep where it may not keep a Go pointer, so CGL004
does not report one passed to C. It stands apart because a handle is not a
pointer: none of the pointer facts in `go_pointers` apply to it."""
from __future__ import annotations

from tree_sitter import Node

from .call_targets import call_arguments
from .model import PackageModel
from .source import SourceFile, strip_parens

HANDLE_NAME = "cgo.Handle"


def is_handle(expr: Node | None, package: PackageModel, source: SourceFile, depth: int = 0) -> bool:
    """Whether `expr` is a runtime/cgo.Handle: `cgo.NewHandle(v)`, a value of
    type cgo.Handle, or an integer conversion of one (`C.uintptr_t(h)`)."""
    if expr is None or depth > 8:
        return False
    expr = strip_parens(expr)
    t = package.type_of(expr, source)
    if t is not None and t.name == HANDLE_NAME:
        return True
    if expr.type == "call_expression":
        target = package.call_target(expr, source)
        if target.kind == "other" and target.name == "runtime/cgo.NewHandle":
            return True
        if target.kind in ("conversion", "c"):
            args = call_arguments(expr)
            if len(args) == 1:
                return is_handle(args[0], package, source, depth + 1)
    if expr.type == "type_conversion_expression":
        return is_handle(expr.child_by_field_name("operand"), package, source, depth + 1)
    if expr.type == "identifier":
        symbol = package.resolve(expr, source)
        if symbol is not None and symbol.value is not None and not symbol.index and not symbol.writes:
            return is_handle(symbol.value, package, source, depth + 1)
    return False


__all__ = ["is_handle"]
