"""Whether every caller of an unexported function (or of a closure held in
a variable that is only ever called) checks a slice it passes: the fact
that makes `&src[0]` in zstd's `sizeHint(src)` safe when its one caller
returned early on an empty `src`. It reads the whole
package (context files included) for the function's uses, so CGL002 asks
it last, only of a finding it would otherwise report."""
from __future__ import annotations

from tree_sitter import Node

from .call_targets import call_arguments
from .conversions import declared_with, single_value
from .emptiness import known_nonempty, length_checked, reslice_of
from .expr_keys import never_assigned
from .model import PackageModel
from .scopes import mutations, outermost_function, parameter_names
from .source import SourceFile, strip_parens, text, walk
from .value_facts import constant_int


def checked_by_every_caller(container: Node, source: SourceFile, model: PackageModel) -> bool:
    """A parameter slice of an unexported function that every call in the
    package gives a slice known to be non-empty there (zstd's
    `sizeHint(src)`, called only after `if len(src) == 0 { return }`). The
    function must not be used other than by calling it, nor exported to C."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    function = symbol.scope if symbol is not None and symbol.kind == "param" else None
    if function is None or function.type not in (*_DECLARATIONS, "func_literal") \
            or not never_assigned(ident, source, model):
        return False
    return _every_call_gives(function, symbol.name, source, model, "non-empty",
                             lambda arg, file, call: _nonempty_there(arg, file, call, model))


def made_by_every_caller_positive(container: Node, source: SourceFile, model: PackageModel) -> bool:
    """A local slice made once as `make(T, n)`, n a parameter of an
    unexported function that every call in the package gives a positive
    constant (zmq4's `getString(opt, 256)`)."""
    ident = strip_parens(container)
    symbol = model.resolve(ident, source) if ident is not None and ident.type == "identifier" else None
    made = single_value(symbol) if symbol is not None and never_assigned(ident, source, model) else None
    made = strip_parens(made)
    if made is None or made.type != "call_expression" or text(made.child_by_field_name("function")) != "make":
        return False
    args = call_arguments(made)
    length = strip_parens(args[1]) if len(args) == 2 else None
    parameter = model.resolve(length, source) if length is not None and length.type == "identifier" else None
    function = parameter.scope if parameter is not None and parameter.kind == "param" else None
    if function is None or function.type not in _DECLARATIONS or not never_assigned(length, source, model):
        return False
    return _every_call_gives(function, parameter.name, source, model, "positive",
                             lambda arg, file, call: (constant_int(arg, file, model) or 0) >= 1)


_DECLARATIONS = ("function_declaration", "method_declaration")  # unexported: every call is in the package


def _nonempty_there(arg: Node, file: SourceFile, call: Node, model: PackageModel) -> bool:
    return known_nonempty(arg, file, model, at=call) or length_checked(arg, call, file, model) \
        and _keeps_length(arg, file, model)


def _keeps_length(arg: Node, file: SourceFile, model: PackageModel) -> bool:
    """The argument is a variable never assigned, or assigned only whole
    values (zstd's `dst = make([]byte, size)` under `if len(dst) == 0`),
    which the dominance walk weighs; a reslice after the check (`s =
    s[:0]`), which the walk lets pass, is not taken on a caller's word."""
    if never_assigned(arg, file, model):
        return True
    symbol = model.resolve(arg, file) if arg.type == "identifier" else None
    if symbol is None or symbol.kind not in ("local", "param") or \
            any(mutations(symbol, outermost_function(arg) or arg, model, file, method_calls=True)):
        return False
    # the walk sees the writes before the call on its way up: not one in a
    # closure, nor one that comes round the back of a loop around the call
    loops = [n for n in _ancestors(arg) if n.type == "for_statement"]
    return not any(rhs is None or reslice_of(rhs, symbol.name) or any(n.type == "func_literal" for n in _ancestors(lhs))
                   or any(loop.start_byte <= lhs.start_byte < loop.end_byte for loop in loops)
                   for lhs, rhs in symbol.writes)


def _ancestors(node: Node) -> list[Node]:
    """The nodes around `node` up to its function declaration."""
    found = []
    node = node.parent
    while node is not None and node.type not in ("function_declaration", "method_declaration"):
        found.append(node)
        node = node.parent
    return found


def _every_call_gives(function: Node, parameter: str, source: SourceFile, model: PackageModel, fact: str,
                      accepts) -> bool:
    """Whether every call of the unexported `function` gives `parameter` an
    argument that `accepts(arg, file, call)`; remembered per fact."""
    memo = model.memo("every caller")
    key = (function, parameter, fact)
    if key not in memo:
        memo[key] = False  # a recursive call asks again: not known
        memo[key] = _every_call_checks(function, parameter, source, model, accepts)
    return memo[key]


def _every_call_checks(function: Node, parameter: str, source: SourceFile, model: PackageModel, accepts) -> bool:
    if function.type == "func_literal":
        return _every_closure_call_checks(function, parameter, source, model, accepts)
    name_node = function.child_by_field_name("name")
    name = text(name_node)
    names = [text(n) if n is not None else None for n in parameter_names(function)]
    if not name or not name[0].islower() or name in ("main", "init") or parameter not in names or \
            b"//export" in source.data:
        return False
    index = names.index(parameter)
    method = function.type == "method_declaration"
    calls = 0
    for file in model.files_mentioning(name):
        for node in walk(file.root):
            if node.type != ("field_identifier" if method else "identifier") or text(node) != name \
                    or node == name_node:
                continue
            used = node.parent if method else node  # a method is called as `x.name(...)`
            if used is None or method and used.type != "selector_expression":
                continue  # (a struct field of that name)
            call = used.parent
            if call is None or call.type != "call_expression" or call.child_by_field_name("function") != used:
                return False  # used as a value: its callers are not known
            called = model.call_target(call, file).node
            if called is None and method:
                return False  # through an interface, or a receiver of unknown type: maybe this method
            if called != function:
                continue  # another function of that name (a method, a local)
            args = call_arguments(call)
            if index >= len(args) or not accepts(args[index], file, call):
                return False
            calls += 1
    return calls > 0


def _every_closure_call_checks(literal: Node, parameter: str, source: SourceFile, model: PackageModel,
                               accepts) -> bool:
    """`decompress := func(dst, src []byte) {...}` (zstd's ctx.Decompress),
    the variable never assigned again and only ever called: every call
    gives `parameter` an argument that `accepts`."""
    index = next((i for i, n in enumerate(parameter_names(literal)) if n is not None and text(n) == parameter), None)
    symbol = declared_with(literal, source, model) if index is not None else None
    if symbol is None or symbol.kind != "local" or not never_assigned(symbol.node, source, model):
        return False
    calls = 0
    for node in walk(symbol.scope or literal.parent):
        if node.type != "identifier" or node == symbol.node or text(node) != symbol.name \
                or model.resolve(node, source) is not symbol:
            continue
        call = node.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != node:
            return False  # handed on as a value: its callers are not known
        args = call_arguments(call)
        if index >= len(args) or not accepts(args[index], source, call):
            return False
        calls += 1
    return calls > 0
