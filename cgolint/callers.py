"""Whether every caller of an unexported function checks a slice it
passes: the fact that makes `&src[0]` in zstd's `sizeHint(src)` safe when
its one caller returned early on an empty `src`. It reads the whole
package (context files included) for the function's uses, so CGL002 asks
it last, only of a finding it would otherwise report."""
from __future__ import annotations

from tree_sitter import Node

from .call_targets import call_arguments
from .emptiness import known_nonempty, length_checked
from .length_conditions import never_assigned
from .model import PackageModel
from .scopes import parameter_names
from .source import SourceFile, strip_parens, text, walk


def checked_by_every_caller(container: Node, source: SourceFile, model: PackageModel) -> bool:
    """A parameter slice of an unexported function that every call in the
    package gives a slice known to be non-empty there (zstd's
    `sizeHint(src)`, called only after `if len(src) == 0 { return }`). The
    function must not be used other than by calling it, nor exported to C."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    function = symbol.scope if symbol is not None and symbol.kind == "param" else None
    if function is None or function.type != "function_declaration" or not never_assigned(ident, source, model):
        return False
    memo = model.memo("checked-by-every-caller")
    key = (function, symbol.name)
    if key not in memo:
        memo[key] = False  # a recursive call asks again: not known
        memo[key] = _every_call_checks(function, symbol.name, source, model)
    return memo[key]


def _every_call_checks(function: Node, parameter: str, source: SourceFile, model: PackageModel) -> bool:
    name_node = function.child_by_field_name("name")
    name = text(name_node)
    names = [text(n) if n is not None else None for n in parameter_names(function)]
    if not name or not name[0].islower() or name in ("main", "init") or parameter not in names or \
            b"//export" in source.data:
        return False
    index = names.index(parameter)
    calls = 0
    for file in model.files_mentioning(name):
        for node in walk(file.root):
            if node.type != "identifier" or text(node) != name or node == name_node:
                continue
            call = node.parent
            if call is None or call.type != "call_expression" or call.child_by_field_name("function") != node:
                return False  # used as a value: its callers are not known
            if model.call_target(call, file).node != function:
                continue  # another function of that name (a method, a local)
            args = call_arguments(call)
            if index >= len(args) or not (known_nonempty(args[index], file, model, at=call)
                                          or never_assigned(args[index], file, model)
                                          and length_checked(args[index], call, file, model)):
                return False
            calls += 1
    return calls > 0
