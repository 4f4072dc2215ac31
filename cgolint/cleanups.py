"""Frees that a runtime cleanup repeats. `runtime.AddCleanup(w, cleanup,
w.p)` (Go 1.24) registers `cleanup(w.p)` to run once `w` is unreachable,
with the value `w.p` had at the registration; `runtime.SetFinalizer(w,
func(*W) { C.free(unsafe.Pointer(p)) })` frees a pointer the closure
captured. When the cleanup frees what it is given and the code frees the
same pointer itself as well, the memory is freed twice once the garbage
collector runs the cleanup.

`repeated_frees(function, ...)` lists the explicit frees in a function
that a registered cleanup repeats: of the same local variable (in the
function that registers, after it and with no new value since), or of the
same field of the same struct type for an `AddCleanup` whose argument is
that field (`w.p` of a `*W`: in the function that registers, or of the
receiver of a method of that type). An `AddCleanup` whose result is kept
may be stopped anywhere, and is not followed. A function that stops a cleanup (`c.Stop()`) or
clears a finalizer (`runtime.SetFinalizer(x, nil)`) is taken to have
cancelled it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from .call_targets import call_arguments
from .model import PackageModel
from .ownership import frees_parameter, strip_wrappers
from .ownership_facts import OwnershipOptions
from .scopes import FUNCTION_KINDS, Symbol
from .source import SourceFile, root_variable, strip_parens, text, walk


@dataclass(frozen=True)
class Registration:
    """A cleanup that frees `variable` (a local) or the field `field` =
    (struct type, field name) of the object it is registered on."""

    call: Node
    source: SourceFile
    variable: Symbol | None
    field: tuple[str, str] | None


def repeated_frees(function: Node, source: SourceFile, package: PackageModel,
                   options: OwnershipOptions) -> list[tuple[Node, Registration]]:
    """(explicit free call, the registration that frees the same pointer)
    for the frees of `function` (its function literals included)."""
    registered = registrations(package, options)
    if not registered or _cancels(function, source, package):
        return []
    found = []
    for call in walk(function):
        if call.type != "call_expression" or not _is_free(call, source, package, options):
            continue
        freed = strip_parens(strip_wrappers(call_arguments(call)[0], source.import_name("unsafe") or "unsafe"))
        # the function's own registrations first: they are the ones a reader looks for
        for registration in sorted(registered, key=lambda r: not (r.source is source and _inside(r.call, function))):
            if _inside(call, registration.call):
                continue  # the cleanup's own free
            here = registration.source is source and _inside(registration.call, function)
            if here and not _after_unchanged(registration, call, freed, source, package):
                continue  # freed before the registration (an error path), or a new value since
            if registration.variable is not None and freed is not None and freed.type == "identifier" \
                    and package.resolve(freed, source) is registration.variable:
                found.append((call, registration))
                break
            if registration.field is not None and _field_of(freed, source, package) == registration.field \
                    and (here or _of_receiver(freed, function, source, package)):
                found.append((call, registration))
                break
    return found


def _after_unchanged(registration: Registration, call: Node, freed: Node | None, source: SourceFile,
                     package: PackageModel) -> bool:
    """In the registering function: the free comes after the registration,
    and the variable (or the field's variable) is not assigned between."""
    if call.start_byte < registration.call.end_byte:
        return False
    root = root_variable(freed)
    symbol = package.resolve(root, source) if root is not None else None
    if symbol is None:
        return False
    field = text(freed.child_by_field_name("field")) if freed.type == "selector_expression" else None
    for target, _ in symbol.writes:
        if registration.call.end_byte <= target.start_byte < call.start_byte:
            return False
    if field is not None:  # `w.p = C.CString(...)` between: a new block
        function_text = source.data[registration.call.end_byte:call.start_byte]
        if re.search(rb"\b" + re.escape(root.text) + rb"\s*\.\s*" + re.escape(field.encode()) + rb"\s*=[^=]",
                     function_text):
            return False
    return True


def registrations(package: PackageModel, options: OwnershipOptions) -> list[Registration]:
    """The package's cleanups that free a pointer (cached per package)."""
    memo = package.memo("cleanup registrations")
    if options not in memo:
        found = []
        for source in package.files:
            if b"runtime" not in source.data or not (b"AddCleanup(" in source.data or b"SetFinalizer(" in source.data):
                continue
            for call in walk(source.root):
                if call.type == "call_expression":
                    registration = _registration(call, source, package, options)
                    if registration is not None:
                        found.append(registration)
        memo[options] = found
    return memo[options]


def _registration(call: Node, source: SourceFile, package: PackageModel,
                  options: OwnershipOptions) -> Registration | None:
    target = package.call_target(call, source)
    args = call_arguments(call)
    if target.kind != "other" or len(args) < 2:
        return None
    if target.name == "runtime.AddCleanup" and len(args) == 3:
        cleanup = _function_of(args[1], source, package)
        if cleanup is None or not frees_parameter(cleanup, 0, options):
            return None
        value = strip_parens(args[2])
        if call.parent is None or call.parent.type != "expression_statement":
            return None  # the Cleanup is kept: it may be stopped anywhere (`x.cl.Stop()` in a helper)
        if value.type == "identifier":
            symbol = package.resolve(value, source)
            return Registration(call, source, symbol, None) if symbol is not None and symbol.is_local else None
        field = _field_of(value, source, package)
        return Registration(call, source, None, field) if field is not None else None
    if target.name == "runtime.SetFinalizer" and strip_parens(args[1]).type == "func_literal":
        captured = _freed_capture(strip_parens(args[1]), source, package, options)
        return Registration(call, source, captured, None) if captured is not None else None
    return None


def _function_of(node: Node, source: SourceFile, package: PackageModel) -> Node | None:
    """A func literal, or the declaration of the package function named."""
    node = strip_parens(node)
    if node.type == "func_literal":
        return node
    if node.type == "identifier":
        symbol = package.resolve(node, source)
        declaration = symbol.node if symbol is not None and symbol.kind == "func" else None
        while declaration is not None and declaration.type not in FUNCTION_KINDS:
            declaration = declaration.parent
        return declaration
    return None


def _freed_capture(closure: Node, source: SourceFile, package: PackageModel, options: OwnershipOptions) -> Symbol | None:
    """The local variable of the enclosing function that a finalizer
    closure frees (`func(*W) { C.free(unsafe.Pointer(p)) }`)."""
    for call in walk(closure):
        if call.type == "call_expression" and _is_free(call, source, package, options):
            freed = strip_parens(strip_wrappers(call_arguments(call)[0], source.import_name("unsafe") or "unsafe"))
            symbol = package.resolve(freed, source) if freed is not None and freed.type == "identifier" else None
            if symbol is not None and symbol.is_local and not _inside(symbol.node, closure):
                return symbol
    return None


def _is_free(call: Node, source: SourceFile, package: PackageModel, options: OwnershipOptions) -> bool:
    target = package.call_target(call, source)
    return target.kind == "c" and target.name in options.frees and len(call_arguments(call)) >= 1


def _field_of(node: Node | None, source: SourceFile, package: PackageModel) -> tuple[str, str] | None:
    """(struct type name, field) for `x.f` with x of a named struct type (or a pointer to one)."""
    if node is None or node.type != "selector_expression":
        return None
    holder = package.type_of(node.child_by_field_name("operand"), source)
    name = package.underlying_name(holder)
    return (name, text(node.child_by_field_name("field"))) if name else None


def _of_receiver(field: Node, function: Node, source: SourceFile, package: PackageModel) -> bool:
    """`w.p` of the receiver of a method of the type (`func (w *W) Close()`):
    an object its constructor made, with the cleanup (a function that is
    given a `*W` may be given one made without it)."""
    operand = strip_parens(field.child_by_field_name("operand"))
    symbol = package.resolve(operand, source) if operand is not None and operand.type == "identifier" else None
    return symbol is not None and symbol.kind == "receiver" and function.type == "method_declaration"


def _cancels(function: Node, source: SourceFile, package: PackageModel) -> bool:
    """`cleanup.Stop()` or `runtime.SetFinalizer(x, nil)` in the function."""
    data = source.data[function.start_byte:function.end_byte]
    if b".Stop()" in data:
        return True
    if b"SetFinalizer(" not in data:
        return False
    for call in walk(function):
        if call.type == "call_expression" and package.call_target(call, source).name == "runtime.SetFinalizer":
            args = call_arguments(call)
            if len(args) == 2 and text(strip_parens(args[1])) == "nil":
                return True
    return False


def _inside(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte

