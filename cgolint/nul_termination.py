"""Whether Go bytes end in a NUL byte, as the C strings they are handed
over as must.

Go strings and slices carry their length and no terminator, so a `char *`
made from one is a C string only when the program put the NUL there. Two
families of rules ask it, each of its own kind of value, and both answers
live here so that what counts as a terminator is decided once:
- of a string or byte-slice expression (CGL008 go-string-as-c-string):
  `string_terminated(node, source, model)`, `bytes_terminated(container,
  at, source, model)`: True, False or None (unknown);
  `literal_ends_with_nul(node)` for a literal (`"name\\x00"`, `'\\x00'`, `0`).
- of a Go `Buffer` handed to C (CGL001, CGL003):
  `has_terminator(buffer, at, package, source)`: visible evidence of a NUL
  byte in the buffer before `at`; `nul_terminated(...)`: the stricter "ends
  in a NUL by construction" (`b = append(b, 0)`), which makes a `char *`
  a C string.
"""
from __future__ import annotations

import re

from tree_sitter import Node

from .buffers import Buffer, const_value, named_buffer, unwrap_conversions
from .call_targets import call_arguments
from .conversions import int_literal_value, is_append, local_symbol
from .gotypes import parse_type
from .model import PackageModel
from .scopes import FUNCTION_KINDS, outermost_function
from .source import SourceFile, literal_values, strip_parens, text, walk

# a NUL escape, not an escaped backslash followed by "x00"
_NUL_ESCAPE = r'(?<!\\)(?:\\\\)*\\(x00|000|u0000|U00000000)'
_NUL_SUFFIX = re.compile(_NUL_ESCAPE + '$')
_NUL_INSIDE = re.compile(_NUL_ESCAPE)
_NUL_RUNES = ("'\\x00'", "'\\000'", "'\\u0000'")


# --- strings and byte slices ---------------------------------------------------

def literal_ends_with_nul(node: Node | None) -> bool:
    node = strip_parens(node)
    if node is None:
        return False
    if node.type == "interpreted_string_literal":
        return bool(_NUL_SUFFIX.search(text(node)[1:-1]))
    if node.type == "rune_literal":
        return text(node) in _NUL_RUNES
    if node.type == "int_literal":
        return int_literal_value(node) == 0
    return False


# library functions whose result ends in NUL when their argument does
# (strconv.Quote, url.QueryEscape, strings.TrimRight... do not)
_NUL_KEEPING = frozenset({"strings.ToUpper", "strings.ToLower", "strings.ToTitle", "strings.Clone"})


def string_terminated(node: Node | None, source: SourceFile, model: PackageModel, depth: int = 0) -> bool | None:
    """Whether a Go string's bytes end in a NUL byte: True, False, or None
    (unknown). Go strings carry no terminator, so a string from a parameter,
    a library call (an element of one's result too) or `C.GoString` is False
    unless source adds the NUL."""
    node = strip_parens(node)
    if node is None or depth > 8:
        return None
    kind = node.type
    if kind in ("interpreted_string_literal", "raw_string_literal"):
        return literal_ends_with_nul(node)
    if kind == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        return string_terminated(node.child_by_field_name("right"), source, model, depth + 1)
    if kind == "identifier":
        symbol = model.resolve(node, source)
        if symbol is None:
            return None
        if symbol.kind == "param":
            declared = model.underlying(model.type_of(node, source))
            return False if declared is not None and declared.kind == "string" and not symbol.writes else None
        if symbol.kind in ("local", "const", "package_var") and symbol.value is not None and not symbol.index \
                and not symbol.writes and symbol.range_of is None:
            return string_terminated(symbol.value, symbol.file, model, depth + 1)
        if symbol.kind == "local" and symbol.range_of is not None and not symbol.writes:
            # `for _, f := range strings.Fields(s)`: a piece of a library call's result
            return False if string_terminated(symbol.range_of, symbol.file, model, depth + 1) is False else None
        return None
    if kind == "call_expression":
        target = model.call_target(node, source)
        if target.kind == "c" and target.name == "GoString":
            return False  # a Go copy of the C bytes, without their NUL (GoStringN may copy one)
        if target.kind == "other" and "." in target.name and not target.name.startswith("C."):
            # a library function's result (strings.ToUpper, fmt.Sprint, ...): unterminated
            # unless a literal argument supplies the NUL (fmt.Sprintf("%s\x00", x), or an
            # element of what strings.Join joins), or a function that maps a NUL to itself
            # gets a terminated string
            args = call_arguments(node)
            if any(literal_ends_with_nul(a) for a in args) or \
                    target.name == "strings.Join" and args and _holds_nul_element(args[0], model, source):
                return None
            if target.name in _NUL_KEEPING and len(args) == 1:
                return string_terminated(args[0], source, model, depth + 1)
            return False
        return None
    return None


def _holds_nul_element(parts: Node, model: PackageModel, source: SourceFile) -> bool:
    """An element of the list strings.Join is given is a string literal
    holding a NUL (`append(parts, "\x00")`, `[]string{name, "\x00"}`): C
    stops there, inside the string."""
    parts = strip_parens(parts)
    if parts is None:
        return False
    if parts.type == "call_expression":
        target = model.call_target(parts, source)
        args = call_arguments(parts)
        elements = args[1:] if target.kind == "builtin" and target.name == "append" else []
    else:
        elements = [value for _, value in literal_values(parts)]
    return any(e is not None and e.type == "interpreted_string_literal" and _NUL_INSIDE.search(text(e))
               for e in map(strip_parens, elements))


def bytes_terminated(container: Node, at: Node, source: SourceFile, model: PackageModel, depth: int = 0) -> bool | None:
    """Whether the byte slice `container` ends in a NUL byte where `at` reads
    it: True, False, or None (unknown)."""
    node = strip_parens(container)
    if node is None or depth > 8:
        return None
    if node.type == "type_conversion_expression":
        target = parse_type(node.child_by_field_name("type"), source.imports)
        if target is None or target.kind != "slice" or target.elem is None or target.elem.name not in ("byte", "uint8"):
            return None
        return string_terminated(node.child_by_field_name("operand"), source, model, depth + 1)
    if node.type == "call_expression":
        target = model.call_target(node, source)
        args = call_arguments(node)
        if target.kind == "conversion" and len(args) == 1:
            converted = parse_type(node.child_by_field_name("function"), source.imports)
            if converted is not None and converted.kind == "slice" and converted.elem is not None \
                    and converted.elem.name in ("byte", "uint8"):
                return string_terminated(args[0], source, model, depth + 1)
            return None
        if target.kind == "builtin" and target.name == "append" and len(args) >= 2:
            spread = node.child_by_field_name("arguments")
            if spread is not None and any(c.type == "..." for c in spread.children):
                return string_terminated(args[-1], source, model, depth + 1) if len(args) == 2 else None
            return True if literal_ends_with_nul(args[-1]) else None
        return None
    if node.type == "identifier":
        symbol = local_symbol(node, source, model)
        if symbol is None or symbol.kind != "local" or symbol.value is None or symbol.index or symbol.range_of is not None:
            return None
        # writes after the read do not matter: the value at the read is an earlier one
        earlier = [(lhs, rhs) for lhs, rhs in symbol.writes if lhs.start_byte < at.start_byte]
        if earlier:
            lhs, rhs = max(earlier, key=lambda w: w[0].start_byte)
            if _in_loop_or_branch(lhs, at):
                return None
            if rhs is None:
                return None
            if is_append(rhs):
                args = call_arguments(strip_parens(rhs))
                spread = strip_parens(rhs).child_by_field_name("arguments")
                if args and not any(c.type == "..." for c in spread.children) and literal_ends_with_nul(args[-1]):
                    return True
                return None
            return bytes_terminated(rhs, at, source, model, depth + 1)
        return bytes_terminated(symbol.value, at, source, model, depth + 1)
    return None


def _in_loop_or_branch(write: Node, at: Node) -> bool:
    """A write that may or may not have run before `at` (inside an if, switch
    or loop that does not also contain `at`)."""
    node = write.parent
    while node is not None and node.type not in FUNCTION_KINDS:
        if node.type in ("if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
                         "select_statement", "func_literal"):
            if not (node.start_byte <= at.start_byte < node.end_byte):
                return True
        node = node.parent
    return False


# --- buffers handed to C ------------------------------------------------------

def nul_terminated(buffer: Buffer, at: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether the buffer visibly holds a C string: its last byte is a NUL the
    program put there as content (`b = append(b, 0)`, `append([]byte(s), 0)`,
    `[]byte("name\\x00")`), not merely room for one or a cleared first byte."""
    return has_terminator(buffer, at, package, source, content_only=True)


def has_terminator(buffer: Buffer, at: Node, package: PackageModel, source: SourceFile,
                   content_only: bool = False) -> bool:
    """Evidence in the function around `at` that the buffer holds a NUL
    byte: `buf[i] = 0`, `append(x, 0)` into it, or `make([]byte, n+1)` (room
    kept for a terminator). With `content_only`, only a terminator that is
    the buffer's last byte by construction counts (`append(x, 0)`, a literal
    ending in a NUL)."""
    function = outermost_function(at)
    if function is None:
        return False
    for node in walk(function) if not content_only else ():
        if node.type == "assignment_statement":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            lhs = left.named_children if left is not None else []
            rhs = right.named_children if right is not None else []
            for target, value in zip(lhs, rhs):
                target = strip_parens(target)
                if target.type == "index_expression" and buffer.same(
                        named_buffer(target.child_by_field_name("operand"), package, source)) \
                        and _is_zero(value, package, source):
                    return True
    root = buffer.root
    if root is None or buffer.node.type != "identifier":
        return False
    if content_only and root.kind in ("param", "local"):
        # `ua = append(ua, 0)`: the last value stored before `at` in this function decides
        earlier = [root.value] if root.kind == "local" and root.value is not None and not root.index else []
        earlier += [rhs for lhs, rhs in root.writes if rhs is not None and lhs is not None
                    and function.start_byte <= lhs.start_byte < at.start_byte]
        values = earlier[-1:]
    elif root.kind not in ("local", "package_var"):
        return False
    else:
        values = ([root.value] if root.value is not None and not root.index else []) + \
            [rhs for _, rhs in root.writes if rhs is not None]
    for value in values:
        value = strip_parens(value)
        if value.type in ("type_conversion_expression", "call_expression"):
            literal = strip_parens(value.child_by_field_name("operand")) if value.type == "type_conversion_expression" \
                else (strip_parens(call_arguments(value)[0]) if len(call_arguments(value)) == 1 else None)
            if literal is not None and literal.type == "interpreted_string_literal" and \
                    text(literal).endswith(('\\x00"', '\\000"', '\\u0000"')):
                return True  # []byte("name\x00")
        if value.type != "call_expression":
            continue
        target = package.call_target(value, root.file)
        args = call_arguments(value)
        if target.kind == "builtin" and target.name == "append" and args and _is_zero(args[-1], package, root.file):
            return True
        if target.kind == "builtin" and target.name == "make" and len(args) >= 2 and not content_only:
            size = strip_parens(args[1])
            if size is not None and size.type == "binary_expression" and text(size.child_by_field_name("operator")) == "+" \
                    and const_value(size.child_by_field_name("right"), package, root.file) == 1:
                return True
    return False


def _is_zero(node: Node | None, package: PackageModel, source: SourceFile) -> bool:
    node = unwrap_conversions(node, package, source)
    if node is None:
        return False
    if node.type == "rune_literal":
        return text(node) in _NUL_RUNES
    return const_value(node, package, source) == 0
