"""Whether a C call keeps a pointer argument: the C body keeps it
(`CFunction.keeps_param`), not only through `T **` out-parameters the call
points at Go variables (`*tail = sql + k` with `&tail` a Go variable: the
pointer lands where the garbage collector sees it), and not every store of it is
ruled out by a constant the call passes where the store's condition looks
(`keep_guards`: `C.MODE_DUPLICATE`, `C.F_COPY|C.F_BLOCK`). A call that
passes a variable, or a constant of unknown value, leaves it kept."""
from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from .call_targets import call_arguments
from .keep_guards import KeepGuard
from .memory_origins import GO_MEMORY
from .source import SourceFile, strip_parens, text
from .value_facts import c_integer, constant_int

if TYPE_CHECKING:
    from .model import PackageModel
    from .preamble import CFunction


def kept_at(function: CFunction, index: int, call: Node, source: SourceFile, model: PackageModel) -> bool:
    """Whether `C.function(...)` at `call` keeps its argument `index`: the
    body keeps it, and some store of it is not ruled out by a constant the
    call passes (`C.MODE_DUPLICATE`, `C.F_COPY|C.F_BLOCK`)."""
    if not function.keeps_param(index):
        return False
    args = call_arguments(call)
    through = function.keeps_into.get(index)
    if index not in function.keeps and through and all(
            j < len(args) and j < len(function.params) and model.preamble.resolve(function.params[j].ctype).pointers >= 2
            and model.origin_of(args[j], source) == GO_MEMORY for j in through):
        # stored only through `T **` out-parameters into Go variables (`&tail`), where the collector sees
        # it; not into a struct (`m->data = data`), which the code hands C again (zmq_msg_send)
        return False
    guards = function.keep_guards.get(index)
    if not guards:
        return True
    return not all(any(_guard_holds(guard, args, source, model) is False for guard in store) for store in guards)


def _guard_holds(guard: KeepGuard, args: list[Node], source: SourceFile, model: PackageModel) -> bool | None:
    if guard.param >= len(args):
        return None
    parts = _flags(args[guard.param]) if guard.bit else [args[guard.param]]
    matched = [_matches(_constant(part, source, model), guard, model) for part in parts]
    if True in matched:
        held = True
    else:
        held = False if all(m is False for m in matched) else None
    return None if held is None else held == guard.holds


def _matches(value: str | int | None, guard: KeepGuard, model: PackageModel) -> bool | None:
    """Whether a passed constant (a C name, or an integer) is the guard's
    constant, or has its bit: the same name (or a #define of it), or known
    values that say so; unknown otherwise (an enum member may alias
    another, a macro may combine flags)."""
    if value is None:
        return None
    wanted = c_integer(guard.constant, model)
    if isinstance(value, str):
        if value == guard.constant or model.preamble.macros.get(value, "").strip("() ") == guard.constant:
            return True
        value = c_integer(value, model)
        if value is None:
            return None
    if guard.bit and value == 0:
        return False
    if wanted is None:
        return None
    return bool(value & wanted) if guard.bit else value == wanted


def _flags(node: Node) -> list[Node]:
    node = strip_parens(node)
    if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "|":
        return _flags(node.child_by_field_name("left")) + _flags(node.child_by_field_name("right"))
    return [node]


def _constant(node: Node | None, source: SourceFile, model: PackageModel) -> str | int | None:
    """A Go argument as a constant: `C.NAME` (by name), else its integer value."""
    node = strip_parens(node)
    while node is not None and node.type == "call_expression" and len(call_arguments(node)) == 1 \
            and model.call_target(node, source).kind in ("conversion", "c") \
            and constant_int(node, source, model) is None and _c_name(node, source) is None:
        node = strip_parens(call_arguments(node)[0])  # `C.int(C.MODE_X)`, `C.mode_t(C.MODE_X)`
    name = _c_name(node, source)
    return name if name is not None else constant_int(node, source, model)


def _c_name(node: Node | None, source: SourceFile) -> str | None:
    if node is None or node.type != "selector_expression":
        return None
    operand = node.child_by_field_name("operand")
    if operand is None or operand.type != "identifier" or source.imports.get(text(operand)) != "C":
        return None
    return text(node.child_by_field_name("field"))

