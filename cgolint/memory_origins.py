"""Where the memory a Go expression points into lives: Go or C.

The cgo pointer rules turn on this one fact, and it follows values further
than a type does: through conversions, `&` and indexing, the C allocators,
and every value a variable is assigned. It is a derivation of its own beside
the types it consults (`symbol_type`, `PackageModel.type_of`);
`PackageModel.origin_of` memoises `derive_origin` and bounds its depth."""
from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from .call_targets import call_arguments
from .expression_types import symbol_type
from .source import SourceFile, text

if TYPE_CHECKING:
    from .model import PackageModel

# C functions (as `C.name`) whose result is memory the caller must free.
C_ALLOCATORS = frozenset({"CString", "CBytes", "malloc", "calloc", "realloc", "strdup", "strndup"})
GO_MEMORY, C_MEMORY = "go", "c"


def derive_origin(package: PackageModel, expr: Node, source: SourceFile, depth: int) -> str | None:
    kind = expr.type
    recurse = lambda node: package.origin_of(node, source, depth + 1)  # noqa: E731
    if kind == "parenthesized_expression":
        return recurse(expr.named_children[0]) if expr.named_children else None
    if kind == "type_conversion_expression":
        operand = expr.child_by_field_name("operand")
        target = package.spelled_type(expr.child_by_field_name("type"), source.imports)
        if target is not None and target.kind == "slice":
            return GO_MEMORY  # []byte(s) copies into new Go memory
        return recurse(operand)
    if kind == "composite_literal":
        return GO_MEMORY
    if kind == "unary_expression" and text(expr.child_by_field_name("operator")) == "&":
        return _address_origin(package, expr.child_by_field_name("operand"), source, depth)
    if kind in ("index_expression", "slice_expression"):
        return _address_origin(package, expr, source, depth)
    if kind == "call_expression":
        target = package.call_target(expr, source)
        if target.kind == "c":
            if target.name in C_ALLOCATORS:
                return C_MEMORY
            function = package.preamble.function(target.name)
            return C_MEMORY if function is not None and function.result.is_pointer else None
        if target.kind == "builtin" and target.name in ("make", "new", "append"):
            return GO_MEMORY
        args = call_arguments(expr)
        if target.kind == "unsafe" and target.name in ("Slice", "SliceData", "Pointer", "String", "StringData", "Add") and args:
            return recurse(args[0])
        if target.kind == "conversion" and args:
            converted = package.spelled_type(expr.child_by_field_name("function"), source.imports)
            if converted is not None and converted.kind in ("slice", "string"):
                return GO_MEMORY
            return recurse(args[0])
        return None
    if kind == "identifier":
        return _identifier_origin(package, expr, source, depth)
    if kind == "selector_expression":
        held = package.underlying(package.type_of(expr, source))
        if held is not None and held.kind in ("pointer", "unsafe_pointer"):
            return None  # a pointer field holds whatever was stored in it, not its struct's memory
        return _address_origin(package, expr, source, depth, address_taken=False)
    return None


def _identifier_origin(package: PackageModel, ident: Node, source: SourceFile, depth: int) -> str | None:
    symbol = package.resolve(ident, source)
    if symbol is None or symbol.kind in ("func", "type", "const"):
        return None
    values = [symbol.value] if symbol.value is not None and not symbol.index else []
    values += [rhs for _, rhs in symbol.writes]
    if symbol.value is None and symbol.kind in ("param", "receiver", "result", "local", "package_var"):
        declared = package.underlying(symbol_type(package, symbol, depth + 1))
        if declared is not None and declared.kind in ("slice", "array", "string") and \
                (declared.elem is None or declared.elem.kind != "c"):
            if declared.kind == "array" or not symbol.writes:
                return GO_MEMORY
        if declared is not None and declared.kind == "array":
            return GO_MEMORY
        if not values:
            return None
    if not values or any(v is None for v in values):
        return None
    origins = {package.origin_of(v, symbol.file, depth + 1) for v in values}
    return origins.pop() if len(origins) == 1 else None


def _address_origin(package: PackageModel, operand: Node | None, source: SourceFile, depth: int, address_taken: bool = True) -> str | None:
    """Origin of the memory `&operand` (or an element of operand) lives in."""
    node = operand
    while node is not None and depth < 32:
        depth += 1
        kind = node.type
        if kind == "parenthesized_expression":
            node = node.named_children[0] if node.named_children else None
        elif kind in ("index_expression", "slice_expression", "selector_expression"):
            base = node.child_by_field_name("operand")
            base_type = package.underlying(package.type_of(base, source))
            if base_type is None:
                return None
            if base_type.kind in ("slice", "pointer", "unsafe_pointer", "string"):
                return package.origin_of(base, source, depth + 1)  # memory the base points into
            if base_type.kind == "c" and kind == "selector_expression":
                return None
            node = base  # an array or struct value: the same variable's memory
        elif kind == "identifier":
            symbol = package.resolve(node, source)
            if symbol is None or symbol.kind in ("func", "type", "const"):
                return None
            if not address_taken and node is operand:
                return _identifier_origin(package, node, source, depth)
            return GO_MEMORY  # a Go variable: its own storage is Go memory
        elif kind == "unary_expression" and text(node.child_by_field_name("operator")) == "*":
            return package.origin_of(node.child_by_field_name("operand"), source, depth + 1)
        elif kind == "composite_literal":
            return GO_MEMORY
        else:
            return package.origin_of(node, source, depth + 1)
    return None
