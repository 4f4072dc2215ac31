"""Facts about Go values as source spells them: an integer constant's
value (`constant_int`), an integer known to be at least 1
(`positive_int`), a string known not to be empty (`nonempty_string`), and
whether a call is a conversion rather than a function (`is_conversion`).
The emptiness checks ask them of lengths and of what they compare lengths
with; they look at one expression and the constants it names, not at
control flow."""
from __future__ import annotations

import re

from tree_sitter import Node

from .buffers import is_c_conversion
from .c_extents import integer_literal, macro_value
from .call_targets import call_arguments
from .conversions import int_literal_value, trace_value
from .model import PackageModel
from .preamble import PRIMITIVE_SIZES
from .source import SourceFile, strip_parens, text

# std functions whose result is never the empty string
_NONEMPTY_STRING_FUNCS = frozenset({
    "strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "strconv.FormatFloat", "strconv.FormatBool",
    "strconv.Quote", "strconv.QuoteToASCII", "strconv.QuoteToGraphic", "strconv.QuoteRune",
    "strconv.QuoteRuneToASCII",
})


def nonempty_string(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> bool:
    """A string expression known to be non-empty: a non-empty literal, a
    concatenation with one, a local assigned once from one, or a call to a
    std function that never returns "" (strconv.Itoa, strconv.Quote, ...)."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return False
    if node.type in ("interpreted_string_literal", "raw_string_literal"):
        return len(node.text) > 2
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        return any(nonempty_string(node.child_by_field_name(side), source, model, depth + 1)
                   for side in ("left", "right"))
    if node.type == "identifier":
        traced = trace_value(node, source, model)
        return traced is not None and traced is not node and nonempty_string(traced, source, model, depth + 1)
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        if function is not None and function.type == "selector_expression":
            package = source.imports.get(text(function.child_by_field_name("operand")))
            name = text(function.child_by_field_name("field"))
            if package is not None and f"{package}.{name}" in _NONEMPTY_STRING_FUNCS:
                return True
    return False


def positive_int(node: Node | None, source: SourceFile, model: PackageModel) -> bool:
    """An integer expression known to be at least 1: a constant, or `x + k`
    with a constant k >= 1 (a length plus room for a terminator or header)."""
    node = strip_parens(node)
    if node is None:
        return False
    value = constant_int(node, source, model)
    if value is not None:
        return value >= 1
    if unseen_c_constant(node, source, model):
        return True  # `if n < minLen { n = minLen }` with minLen = C.ZDICT_DICTSIZE_MIN: no finding rests on it being 0
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        return any((constant_int(node.child_by_field_name(side), source, model) or 0) >= 1 for side in ("left", "right"))
    if node.type == "call_expression" and is_conversion(node, source, model):
        return positive_int(call_arguments(node)[0], source, model)
    return False


# Names of C constants that are sizes or bounds (BUFSIZ, ZDICT_DICTSIZE_MIN,
# crypto_box_NONCEBYTES, PATH_MAX, MAX_LEN): positive. Status codes and
# offsets (SEEK_SET, EOF, Z_OK) and limits such as INT_MIN may be 0 or below.
_SIZE_NAME = re.compile(r"SIZ|BYTES|LEN(?:GTH)?(?:_|$)|(?:^|_)(?:MAX|CAP|CAPACITY|COUNT)(?:_|$)", re.IGNORECASE)


def unseen_c_constant(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> bool:
    """`C.NAME` (or a Go constant defined as one) that nothing of the
    preamble and its local headers declares, named as a size or bound: a
    macro of a header out of sight, whose value is unknown but positive by
    its use."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return False
    if node.type == "identifier":
        symbol = model.resolve(node, source)
        return symbol is not None and symbol.kind == "const" and symbol.value is not None and not symbol.index \
            and unseen_c_constant(symbol.value, symbol.file, model, depth + 1)
    if node.type != "selector_expression" or not source.uses_cgo:
        return False
    operand, name = node.child_by_field_name("operand"), text(node.child_by_field_name("field"))
    preamble = model.preamble
    return operand is not None and operand.type == "identifier" and source.imports.get(text(operand)) == "C" \
        and _SIZE_NAME.search(name) is not None and name not in preamble.macros and name not in preamble.functions and name not in preamble.globals \
        and not preamble.names_type(name)


def is_conversion(call: Node, source: SourceFile, model: PackageModel) -> bool:
    """`int(x)`, `C.size_t(x)`: not `C.png_get_rowbytes(png)`, whose result is not its argument."""
    return (model.call_target(call, source).kind == "conversion" and len(call_arguments(call)) == 1) or \
        is_c_conversion(call, model, source)


_C_NAME = re.compile(r"[A-Za-z_]\w*")


def c_integer(constant: str, model: PackageModel) -> int | None:
    """The value of a C integer constant as the preamble spells it: an
    integer literal, or a #define or enum constant of an integer constant
    expression (`24U`, `(F_FREE | F_BLOCK)`, `MODE_READONLY`)."""
    if _C_NAME.fullmatch(constant):
        return macro_value(constant, model.preamble)
    return integer_literal(constant)


def constant_int(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> int | None:
    """The value of an integer constant expression, where source spells it plainly."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return None
    if node.type == "int_literal":
        return int_literal_value(node)
    if node.type == "identifier":
        symbol = model.resolve(node, source)
        if symbol is not None and symbol.kind == "const" and symbol.value is not None and not symbol.index:
            return constant_int(symbol.value, symbol.file, model, depth + 1)
        return None
    if node.type == "binary_expression":
        left = constant_int(node.child_by_field_name("left"), source, model, depth + 1)
        right = constant_int(node.child_by_field_name("right"), source, model, depth + 1)
        operator = text(node.child_by_field_name("operator"))
        if left is None or right is None:
            return None
        if operator == "*":
            return left * right
        if operator == "+":
            return left + right
        if operator == "<<" and 0 <= right < 64:
            return left << right
        return None
    if node.type == "selector_expression" and source.uses_cgo:  # `C.NONCEBYTES`: a #define of the preamble
        operand = node.child_by_field_name("operand")
        if operand is not None and operand.type == "identifier" and source.imports.get(text(operand)) == "C":
            return c_integer(text(node.child_by_field_name("field")), model)
        return None
    if node.type == "call_expression":  # a conversion such as C.int(4) or int(4)
        target = model.call_target(node, source)
        args = call_arguments(node)
        if len(args) == 1 and (target.kind == "conversion" or (target.kind == "c" and target.name in PRIMITIVE_SIZES)):
            return constant_int(args[0], source, model, depth + 1)
    return None
