"""Which calls may hand a Go buffer to C, and what the function around such
a call does with the buffer: pins it, or uses it after the call.

CGL001 and CGL003 ask these of every call in a package, so the cheap
syntactic tests come first and the answers that cost a model look-up are
memoised per call; kept apart from `buffers`, which says what a buffer is,
because this is about calls and functions, not about the buffer.

The API:
- `buffer_call_target(call, source, package)`: the call's `CallTarget` when
  it may hand a buffer to C (`C.f(...)`, or a call of a function declared in
  a cgo file with an address among its arguments), else None; the cheap
  tests behind it: `is_c_selector_call(call, source)`, `may_pass_buffer(call)`,
  `package_uses_cgo(package)`.
- `c_calls(node, package, source)`: every `C.f(...)` call under a node;
  `calls_c(declaration, package)`: a Go function that calls C.
- `forwarded_to_c(package, declaration, index)`: where a Go function of the
  package passes its parameter number `index` unchanged to a C function.
- `is_pinned(buffer, at, package, source)`: a `runtime.Pinner.Pin` of the
  buffer in the same function.
- `references_after(buffer, statement, package, source)`: the buffer's
  variable used after a statement (or the statement in a loop around it).
"""
from __future__ import annotations

from tree_sitter import Node

from .buffers import (
    Buffer,
    buffer_of,
    is_c_conversion,
    named_buffer,
    unwrap_conversions,
)
from .call_targets import call_arguments
from .model import PackageModel
from .scopes import outermost_function, parameter_names
from .source import SourceFile, text, walk


class _PackageMemo:
    """What this module works out once per package model."""

    def __init__(self):
        self.uses_cgo: bool | None = None
        # keyed by the node itself, as the model's memos are: what CGL001 and
        # CGL003 both ask of every call
        self.call_targets: dict[Node, object] = {}  # buffer_call_target: a CallTarget or None
        self.calls_c: dict[Node, bool] = {}


def _memo(package: PackageModel) -> _PackageMemo:
    return package.memo("buffer calls", _PackageMemo)


def package_uses_cgo(package: PackageModel) -> bool:
    """Whether any analysed file of the package imports "C": without one, no
    call in the package reaches C."""
    memo = _memo(package)
    if memo.uses_cgo is None:
        memo.uses_cgo = any(source.uses_cgo for source in package.files)
    return memo.uses_cgo


def is_c_selector_call(call: Node, source: SourceFile) -> bool:
    """A cheap syntactic test for `C.name(...)` in a file that imports "C"."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression" or not source.uses_cgo:
        return False
    operand = function.child_by_field_name("operand")
    return operand is not None and operand.type == "identifier" and operand.text == b"C"


def buffer_call_target(call: Node, source: SourceFile, package: PackageModel):
    """The CallTarget of a call that may hand a Go buffer to C: a `C.f(...)`
    call, or a call whose arguments take an address of a function or method
    declared in a cgo file of the package (a wrapper that may pass it on);
    None for every other call, without asking the model. Answered once per
    call and package: CGL001 and CGL003 both ask it of every call."""
    cache = _memo(package).call_targets
    if call not in cache:
        cache[call] = _buffer_call_target(call, source, package)
    return cache[call]


def _buffer_call_target(call: Node, source: SourceFile, package: PackageModel):
    if is_c_selector_call(call, source):
        return package.call_target(call, source)
    if not (may_pass_buffer(call) and package_uses_cgo(package)):
        return None
    return cgo_wrapper_target(call, source, package)


def cgo_wrapper_target(call: Node, source: SourceFile, package: PackageModel):
    """The CallTarget of a call of a function or method declared in a cgo
    file of the package; None for other calls, without asking the model."""
    function = call.child_by_field_name("function")
    if function is not None and function.type == "identifier":
        callee, method = text(function), False
    elif function is not None and function.type == "selector_expression":
        callee, method = text(function.child_by_field_name("field")), True
    else:
        return None
    return package.call_target(call, source) if package.declares_cgo_callable(callee, method) else None


def may_pass_buffer(call: Node) -> bool:
    """A cheap syntactic test: some argument takes an address or a slice's data."""
    args = call.child_by_field_name("arguments")
    if args is None:
        return False
    data = args.text  # one copy of the argument list, not one per argument (quadratic when nested)
    return b"&" in data or b"SliceData" in data


def calls_c(declaration: Node, package: PackageModel) -> bool:
    """Whether a Go function of the package calls a C function in its body."""
    cache = _memo(package).calls_c
    if declaration not in cache:
        try:
            owner = package.file_of(declaration)
        except ValueError:
            owner = None
        body = declaration.child_by_field_name("body")
        cache[declaration] = owner is not None and owner.uses_cgo and body is not None \
            and next(c_calls(body, package, owner), None) is not None
    return cache[declaration]


def c_calls(node: Node, package: PackageModel, source: SourceFile):
    """Every `C.f(...)` call under `node` (C type conversions excluded)."""
    for call in walk(node):
        if call.type == "call_expression" and package.call_target(call, source).kind == "c" \
                and not is_c_conversion(call, package, source):
            yield call


def forwarded_to_c(package: PackageModel, declaration: Node, index: int) -> list[tuple[Node, int, SourceFile]]:
    """Where the Go function (or method) `declaration` of this package hands
    its parameter number `index`, unchanged, to a C function:
    (C call, argument index, file) for each `C.f(..., (*C.char)(unsafe.Pointer(p)), ...)`."""
    names = parameter_names(declaration)
    if index >= len(names) or names[index] is None:
        return []
    ident = names[index]
    try:
        owner = package.file_of(declaration)
    except ValueError:
        return []
    symbol = package.resolve(ident, owner)
    if symbol is None or symbol.writes:
        return []
    body = declaration.child_by_field_name("body")
    found = []
    for call in c_calls(body, package, owner) if body is not None else []:
        for position, arg in enumerate(call_arguments(call)):
            inner = unwrap_conversions(arg, package, owner)
            if inner is not None and inner.type == "identifier" and package.resolve(inner, owner) is symbol:
                found.append((call, position, owner))
    return found


# --- the buffer in the function around the call --------------------------------

def is_pinned(buffer: Buffer, at: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether the function around `at` pins the buffer with a
    `runtime.Pinner`: `pinner.Pin(&buf[0])`, `pinner.Pin(&buf)`."""
    function = outermost_function(at)
    if function is None:
        return False
    for call in walk(function):
        if call.type != "call_expression":
            continue
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "selector_expression" or text(callee.child_by_field_name("field")) != "Pin":
            continue
        for arg in call_arguments(call):
            pinned = buffer_of(arg, package, source)
            if pinned is None:
                inner = unwrap_conversions(arg, package, source)
                if inner is not None and inner.type == "unary_expression":
                    pinned = named_buffer(inner.child_by_field_name("operand"), package, source)
            if buffer.same(pinned):
                return True
    return False


def references_after(buffer: Buffer, statement: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether the function around `statement` names the buffer's root
    variable after `statement` ends, or `statement` sits in a loop that the
    variable's declaration is outside of (the next iteration reuses it)."""
    function = outermost_function(statement)
    root = buffer.root
    if function is None or root is None:
        return False
    name = root.name
    loop = statement.parent
    while loop is not None and loop is not function:
        if loop.type == "for_statement":
            if not (loop.start_byte <= root.node.start_byte < loop.end_byte):
                return True
            break
        loop = loop.parent
    for node in walk(function):
        if node.type == "identifier" and text(node) == name and node.start_byte >= statement.end_byte \
                and package.resolve(node, source) is root:
            return True
    return False
