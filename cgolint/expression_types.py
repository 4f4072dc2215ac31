"""The type of a Go expression, as far as source tells.

The largest of the model's derivations: a case per kind of expression, and
what a symbol's declaration, a field selector and each kind of call
(conversion, C function, builtin, unsafe, Go function or method) say of a
type. It stands apart so that model.py reads as the facts a package holds
and the memos in front of them: `PackageModel.type_of` memoises
`derive_type` and bounds its depth, and every recursion goes back through it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from . import gotypes
from .call_targets import call_arguments
from .gotypes import GoType
from .preamble import CType
from .scopes import Symbol, outermost_function
from .source import SourceFile, text
from .type_parameters import declared_names, with_parameters

if TYPE_CHECKING:
    from .model import PackageModel


def derive_type(package: PackageModel, expr: Node, source: SourceFile, depth: int) -> GoType | None:
    kind = expr.type
    recurse = lambda node: package.type_of(node, source, depth + 1)  # noqa: E731
    if kind == "parenthesized_expression":
        return recurse(expr.named_children[0]) if expr.named_children else None
    if kind == "identifier":
        return symbol_type(package, package.resolve(expr, source), depth)
    if kind in ("interpreted_string_literal", "raw_string_literal"):
        return gotypes.STRING
    if kind == "int_literal":
        return gotypes.INT
    if kind == "float_literal":
        return GoType("basic", "float64")
    if kind == "rune_literal":
        return GoType("basic", "rune")
    if kind in ("true", "false"):
        return gotypes.BOOL
    if kind == "composite_literal":
        return package.spelled_type(expr.child_by_field_name("type"), source.imports)
    if kind == "type_conversion_expression":
        return package.spelled_type(expr.child_by_field_name("type"), source.imports)
    if kind == "type_assertion_expression":
        return package.spelled_type(expr.child_by_field_name("type"), source.imports)
    if kind == "func_literal":
        return GoType("func")
    if kind == "unary_expression":
        operator = text(expr.child_by_field_name("operator"))
        operand = recurse(expr.child_by_field_name("operand"))
        if operator == "&":
            return GoType("pointer", elem=operand)
        if operator == "*":
            operand = package.underlying(operand)
            return operand.elem if operand is not None and operand.kind == "pointer" else None
        if operator == "!":
            return gotypes.BOOL
        return operand if operator in ("-", "+", "^") else None
    if kind == "index_expression":
        container = _container(package, recurse(expr.child_by_field_name("operand")))
        if container is None:
            return None
        if container.kind in ("slice", "array", "map"):
            return container.elem
        if container.kind == "string":
            return gotypes.BYTE
        return None
    if kind == "slice_expression":
        container = _container(package, recurse(expr.child_by_field_name("operand")))
        if container is None:
            return None
        if container.kind == "array":
            return gotypes.slice_of(container.elem)
        return container if container.kind in ("slice", "string") else None
    if kind == "selector_expression":
        return _selector_type(package, expr, source, depth)
    if kind == "call_expression":
        return _call_type(package, expr, source, depth)
    if kind == "binary_expression":
        operator = text(expr.child_by_field_name("operator"))
        if operator in ("==", "!=", "<", "<=", ">", ">=", "&&", "||"):
            return gotypes.BOOL
        return recurse(expr.child_by_field_name("left"))
    return None



def _container(package: PackageModel, operand: GoType | None) -> GoType | None:
    """The type an index or slice expression reads from: through one pointer (`p[i]` of `*[N]T`)."""
    container = package.underlying(operand)
    if container is not None and container.kind == "pointer":
        container = package.underlying(container.elem)
    return container

def symbol_type(package: PackageModel, symbol: Symbol | None, depth: int) -> GoType | None:
    if symbol is None:
        return None
    if symbol.kind in ("func", "type"):
        return None
    if symbol.type_node is not None:
        declared = package.spelled_type(symbol.type_node, symbol.file.imports) if symbol.type_node.type != "variadic_parameter_declaration" \
            else gotypes.slice_of(package.spelled_type(symbol.type_node.child_by_field_name("type"), symbol.file.imports))
        function = outermost_function(symbol.node) if symbol.kind != "package_var" else None
        # in a generic function, `T` is its type parameter, not a package type of that name
        return with_parameters(declared, declared_names(function, symbol.file, package)) if function is not None \
            else declared
    if symbol.range_of is not None:
        ranged = package.underlying(package.type_of(symbol.range_of, symbol.file, depth + 1))
        if ranged is None:
            return None
        if symbol.index == 0:
            return gotypes.INT if ranged.kind in ("slice", "array", "string") else None
        if ranged.kind in ("slice", "array"):
            return ranged.elem
        return GoType("basic", "rune") if ranged.kind == "string" else None
    if symbol.value is None:
        return None
    if symbol.index:
        return _result_type(package, symbol.value, symbol.file, symbol.index)
    return package.type_of(symbol.value, symbol.file, depth + 1)


def _selector_type(package: PackageModel, expr: Node, source: SourceFile, depth: int) -> GoType | None:
    operand = expr.child_by_field_name("operand")
    name = text(expr.child_by_field_name("field"))
    if operand is not None and operand.type == "identifier" and text(operand) in source.imports \
            and package.resolve(operand, source) is None:
        path = source.imports[text(operand)]
        if path == "C":
            global_type = package.preamble.globals.get(name)
            return _from_ctype(global_type) if global_type else None
        return gotypes.STANDARD_TYPES.get((path, name))
    holder = package.type_of(operand, source, depth + 1)
    found = declared_field(package, holder, name)
    return found[1] if found is not None else _c_member(package, holder, name)


def _c_member(package: PackageModel, holder: GoType | None, name: str) -> GoType | None:
    """Member `name` of a C struct of the preamble (or a pointer to one):
    `p.data` of a `*C.struct_job`, as cgo types it."""
    held = holder.elem if holder is not None and holder.kind == "pointer" else holder
    if held is None or held.kind != "c":
        return None
    preamble = package.preamble
    spelled = held.name.replace("struct_", "struct ", 1) if held.name.startswith("struct_") else held.name
    base = preamble.resolve(CType(spelled))
    struct = preamble.structs.get(base.base.removeprefix("struct ")) if base.pointers == 0 and base.array is None else None
    member = next((t for field_name, t in struct.fields if field_name == name), None) if struct is not None else None
    return _from_ctype(member) if member is not None else None


def _from_ctype(ctype) -> GoType:
    """The Go type cgo gives a C declaration's type: `void *` is
    unsafe.Pointer; an array of C arrays keeps its outer length only."""
    if ctype.base == "void" and ctype.pointers:
        element = GoType("unsafe_pointer")
        for _ in range(ctype.pointers - 1):
            element = GoType("pointer", elem=element)
    else:
        element = gotypes.c_type(ctype.base.replace(" ", "_"), ctype.pointers)
    return GoType("array", elem=element, length=ctype.array) if ctype.array is not None else element


def declared_field(package: PackageModel, holder: GoType | None, name: str) -> tuple[str, GoType | None] | None:
    """Field `name` of a struct (or a pointer to one): the name of the
    named struct type that declares it ("" for an unnamed one) and its
    type, promoted from embedded structs too, the shallowest first as in
    Go (code that builds has one at that depth). An embedded field is one
    named after its type (`handle`, `*Counter`): a field spelled `handle
    handle` looks the same, but a selector that builds cannot go through it."""
    level = [holder]
    for _ in range(4):
        embedded = []
        for held in level:
            if held is not None and held.kind == "pointer":
                held = held.elem
            owner = held.name if held is not None and held.kind == "named" else ""
            struct = package.underlying(held)
            if struct is None or struct.kind != "struct":
                continue
            for field_name, type_ in struct.fields:
                if field_name == name:
                    return owner, type_
                named = type_.elem if type_ is not None and type_.kind == "pointer" else type_
                if named is not None and named.kind == "named" and named.name.rsplit(".", 1)[-1] == field_name:
                    embedded.append(named)
        level = embedded
    return None


def _call_type(package: PackageModel, expr: Node, source: SourceFile, depth: int) -> GoType | None:
    target = package.call_target(expr, source)
    if target.kind == "conversion":
        return package.spelled_type(expr.child_by_field_name("function"), source.imports)
    if target.kind == "c":
        return _c_call_type(package, target.name)
    if target.kind in ("func", "method") and target.node is not None:
        return _result_type(package, expr, source, 0)
    args = call_arguments(expr)
    if target.kind == "builtin":
        if target.name in ("make",) and args:
            return package.spelled_type(args[0], source.imports)
        if target.name == "new" and args:
            return GoType("pointer", elem=package.spelled_type(args[0], source.imports))
        if target.name in ("len", "cap", "copy"):
            return gotypes.INT
        if target.name == "append" and args:
            return package.type_of(args[0], source, depth + 1)
        return None
    if target.kind == "unsafe":
        if target.name == "Pointer":
            return gotypes.UNSAFE_POINTER
        if target.name == "Slice" and args:
            pointee = package.underlying(package.type_of(args[0], source, depth + 1))
            return gotypes.slice_of(pointee.elem) if pointee is not None and pointee.kind == "pointer" else None
        if target.name == "SliceData" and args:
            sliced = package.underlying(package.type_of(args[0], source, depth + 1))
            return GoType("pointer", elem=sliced.elem) if sliced is not None and sliced.kind == "slice" else None
        if target.name == "String":
            return gotypes.STRING
        if target.name == "StringData":
            return GoType("pointer", elem=gotypes.BYTE)
        if target.name in ("Sizeof", "Alignof", "Offsetof"):
            return GoType("basic", "uintptr")
    return None


def _c_call_type(package: PackageModel, name: str) -> GoType | None:
    if name == "CString":
        return gotypes.c_type("char", 1)
    if name in ("CBytes", "malloc", "calloc", "realloc"):
        return gotypes.UNSAFE_POINTER
    if name == "GoString" or name == "GoStringN":
        return gotypes.STRING
    if name == "GoBytes":
        return gotypes.slice_of(gotypes.BYTE)
    function = package.preamble.function(name)
    if function is not None:
        result = function.result
        base = result.base.replace("struct ", "struct_").replace(" ", "")
        if result.base == "void" and result.pointers:
            return gotypes.UNSAFE_POINTER if result.pointers == 1 else gotypes.c_type("void", result.pointers)
        return gotypes.c_type(base, result.pointers)
    if package.preamble.names_type(name) or name in gotypes.NUMERIC_SIZES or name in _C_SCALAR_NAMES:
        return gotypes.c_type(name)
    return None


def _result_type(package: PackageModel, call: Node, source: SourceFile, index: int) -> GoType | None:
    if call.type != "call_expression":
        return None
    target = package.call_target(call, source)
    if target.kind not in ("func", "method") or target.node is None:
        return None
    result = target.node.child_by_field_name("result")
    if result is None:
        return None
    owner = package.file_of(target.node)
    if result.type != "parameter_list":
        return package.spelled_type(result, owner.imports) if index == 0 else None
    types: list[GoType | None] = []
    for decl in result.named_children:
        parsed = package.spelled_type(decl.child_by_field_name("type"), owner.imports)
        types.extend([parsed] * max(1, len(decl.children_by_field_name("name"))))
    return types[index] if index < len(types) else None


_C_SCALAR_NAMES = frozenset({"char", "schar", "uchar", "short", "ushort", "int", "uint", "long", "ulong",
                             "longlong", "ulonglong", "float", "double", "size_t", "uintptr_t", "int8_t",
                             "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t",
                             "ssize_t", "intptr_t", "off_t", "ptrdiff_t", "wchar_t", "complexfloat",
                             "complexdouble"})
