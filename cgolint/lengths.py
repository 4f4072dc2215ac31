"""What tells C a Go buffer's length: on the Go side, an argument derived
from the buffer; on the C side, a parameter taken to be a length slot.

Kept apart from `buffers` because the length-slot policy is long, has a
documented contract (CGL001, CGL003 and CGL008 describe it to users) and
is consulted by rules that judge strings as well as buffers: one place to
read and change it.

The API (functions take the `PackageModel` and the `SourceFile` the node
belongs to):
- `length_argument(args, skip, buffer, package, source)` -> index of the
  argument that carries the buffer's length (`len(buf)`, `C.size_t(len(buf))`,
  `cap`, `unsafe.Sizeof(buf)`, a constant within the array's size, the
  array's length constant, a local assigned from one of these), or None;
  `carries_length(expr, buffer, package, source)` is the test behind it.
- `derived_length(expr, buffer, ...)`: the stricter test (no constant
  other than the array's length), valid whatever the parameter is called.
- `length_slot(function, index, args, package, source, derived)` -> the C
  parameter taken to carry the length of the buffer at `index`, by the
  policy below: an argument derived from the buffer, a parameter named
  or typed like a length, or an unnamed/neutral one whose argument is not
  visibly an index, flag, code or C option constant (`name_class`,
  `param_class`, `argument_class`); struct pointers only when the function
  sets a field of that struct (a local, or a field path such as `b.hdr`)
  to the buffer's length.
- `length_capable(cparam, preamble)`: can a C parameter carry a length at all.
"""
from __future__ import annotations

from tree_sitter import Node

from .buffers import (
    ARITHMETIC_OPERATORS,
    Buffer,
    array_length_spelling,
    const_value,
    named_buffer,
    unwrap_conversions,
)
from .call_targets import call_arguments
from .conversions import single_value
from .model import PackageModel
from .preamble import FLOATING, INTEGER_TYPES, CFunction, CParam, CPreamble
from .scopes import Symbol, dominating_statements, outermost_function
from .source import SourceFile, assignments, field_chain, literal_values, strip_parens, text, walk


# --- Go arguments derived from a buffer's length ---------------------------
def carries_length(expr: Node | None, buffer: Buffer, package: PackageModel, source: SourceFile,
                   depth: int = 0) -> bool:
    """Whether an argument value is derived from `buffer`'s length: `len(buf)`,
    `cap(buf)`, `unsafe.Sizeof(buf)`, arithmetic on those (`8*len(k)`), a
    constant no larger than the array, the array's length constant, or a
    local variable only ever assigned such values."""
    node = unwrap_conversions(expr, package, source)
    if node is None or depth > 8:
        return False
    kind = node.type
    if kind == "call_expression":
        target = package.call_target(node, source)
        args = call_arguments(node)
        if len(args) == 1 and ((target.kind == "builtin" and target.name in ("len", "cap"))
                               or (target.kind == "unsafe" and target.name == "Sizeof")):
            return buffer.same(named_buffer(args[0], package, source))
        if target.kind == "builtin" and target.name == "min":
            return any(carries_length(a, buffer, package, source, depth + 1) for a in args)
        return False
    if kind == "binary_expression":
        operator = text(node.child_by_field_name("operator"))
        if operator not in ARITHMETIC_OPERATORS:
            return False
        return carries_length(node.child_by_field_name("left"), buffer, package, source, depth + 1) or \
            carries_length(node.child_by_field_name("right"), buffer, package, source, depth + 1)
    if kind == "identifier":
        spelled = array_length_spelling(buffer, package)
        if spelled is not None and spelled == text(node):
            return True
        symbol = package.resolve(node, source)
        if symbol is not None and not symbol.writes and _made_with_length(buffer, symbol, package):
            return True  # `buf := make([]byte, n)` ... `C.size_t(n)`
        if symbol is not None and symbol.kind == "local" and symbol.range_of is None:
            values = ([symbol.value] if symbol.value is not None and not symbol.index else []) + \
                [rhs for _, rhs in symbol.writes]
            if values and all(v is not None for v in values) and not (symbol.value is None and symbol.index):
                return all(carries_length(v, buffer, package, symbol.file, depth + 1) for v in values)
    value = const_value(node, package, source)
    size = buffer.byte_size
    return value is not None and size is not None and 0 < value <= size


def _made_with_length(buffer: Buffer, symbol: Symbol, package: PackageModel) -> bool:
    """Whether the buffer is a local made as `make([]T, n)` (never reassigned)
    with `symbol` as its length `n`."""
    root = buffer.root
    if root is None or buffer.node.type != "identifier" or root.kind != "local":
        return False
    value = strip_parens(single_value(root))
    if value is None or value.type != "call_expression":
        return False
    target = package.call_target(value, root.file)
    args = call_arguments(value)
    if target.kind != "builtin" or target.name != "make" or len(args) < 2:
        return False
    size = unwrap_conversions(args[1], package, root.file)
    return size is not None and size.type == "identifier" and package.resolve(size, root.file) is symbol


def length_argument(args: list[Node], skip: int, buffer: Buffer, package: PackageModel,
                    source: SourceFile) -> int | None:
    """The index of the argument (other than `skip`) that carries `buffer`'s length, or None."""
    for index, arg in enumerate(args):
        if index != skip and carries_length(arg, buffer, package, source):
            return index
    return None


def derived_length(expr: Node | None, buffer: Buffer, package: PackageModel, source: SourceFile) -> bool:
    """Whether an argument is visibly computed from `buffer`'s length, whatever
    C parameter receives it: `len(buf)`, `cap(buf)`, `unsafe.Sizeof(buf)`,
    arithmetic on those, the array's length constant or a constant equal to
    the array's length (in elements or bytes), or a local assigned only such
    values. Unlike `carries_length`, a smaller constant does not count."""
    if not carries_length(expr, buffer, package, source):
        return False
    node = unwrap_conversions(expr, package, source)
    if node is None or node.type == "identifier" and package.resolve(node, source) is not None \
            and package.resolve(node, source).kind == "local":
        return True  # a local only ever assigned length values
    value = const_value(node, package, source)
    if value is None:
        return True
    return value in (buffer.length, buffer.byte_size) or text(node) == array_length_spelling(buffer, package)


# --- is a parameter a length slot ----------------------------------------------
#
# Policy (documented in CGL001, CGL003 and CGL008): an integer parameter of the
# C prototype (or a pointer to one, an in/out length) is taken to carry the
# buffer's length only when
#   1. the argument passed in it is derived from the buffer (`derived_length`),
#      whatever the parameter is called; or
#   2. the parameter is named like a length (`n`, `len`, `size`, `cap`,
#      `count`, `nbytes`, `bufsize`, `*_len`, `nByte`, ...) or has a size type
#      (`size_t`, `ssize_t`, `socklen_t`): the contract says so, whatever the
#      Go side passes; or
#   3. the parameter has no name or a name that says nothing (`a`, `x`,
#      `value`), and the argument is not visibly something else.
# It is NOT a length slot when the parameter is named like an index, a flag, a
# code or an option (`i`, `idx`, `col`, `code`, `err`, `flags`, `mode`, `opt`,
# `type`, `id`, `fd`, `level`, `offset`, ...) and the argument is not derived
# from the buffer; nor, for an unnamed or neutral parameter, when the argument
# is visibly something else: 0, a C constant that does not name a size
# (`C.CURLOPT_URL`), or a Go variable or field named like an index, flag or code.
# Pointers to structs (one object: a handle, a context, an options block) are
# never length slots, unless the function visibly sets a field of the struct
# it passes to the buffer's length first (`o.len = C.size_t(len(buf))`).

_LENGTH_WORDS = frozenset({
    "n", "nb", "nn", "len", "length", "size", "sz", "cap", "capacity", "count", "cnt", "num", "nbytes",
    "nbyte", "bytes", "nmemb", "nel", "nelem", "nelems", "nitems", "nchars", "nchar", "max", "limit",
    "avail", "bufsize", "buflen", "bufsz", "maxlen", "outlen", "inlen", "nbits", "sizeof", "room",
    "elems", "items", "total", "amount", "words", "chars"})
_LENGTH_SUFFIXES = ("len", "length", "size", "siz", "sz", "cap", "capacity", "count", "cnt", "bytes", "max",
                    "limit", "nmemb", "nelem", "nelems")
_OTHER_WORDS = frozenset({
    "i", "j", "k", "idx", "index", "col", "column", "row", "icol", "irow", "code", "err", "errcode", "errnum",
    "error", "errno", "status", "rc", "ret", "res", "result", "flag", "flags", "mode", "opt", "option",
    "options", "op", "cmd", "command", "type", "kind", "which", "id", "fd", "level", "lvl", "sig", "signum",
    "key", "what", "how", "whence", "pos", "position", "offset", "off", "enable", "enabled", "on", "verbose",
    "port", "family", "proto", "protocol", "domain", "encoding", "enc", "format", "fmt", "algo", "alg",
    "slot", "base", "radix", "prec", "precision", "handle", "h", "tag", "event", "state", "priority", "prio",
    "channel", "ch", "opcode", "selector", "param", "attr", "field", "nth", "seq", "serial", "uid", "gid",
    "pid", "tid", "ctx", "context", "timeout", "ms", "seconds", "color", "colour", "style", "bool", "b"})
_OTHER_SUFFIXES = ("flags", "flag", "mode", "code", "idx", "index", "opt", "option", "type", "kind", "errno",
                   "level", "status", "offset")
_SIZE_TYPES = frozenset({"size_t", "ssize_t", "rsize_t", "socklen_t", "gsize", "gssize", "SIZE_T", "DWORD_SIZE"})


def _words(name: str) -> list[str]:
    """`iCol` -> [i, col]; `buf_len` -> [buf, len]; `nByte` -> [n, byte]; `CURLOPT_URL` -> [curlopt, url]."""
    words: list[str] = []
    for part in name.split("_"):
        current = ""
        for position, char in enumerate(part):
            upper_run = position > 0 and part[position - 1].isupper()
            if char.isupper() and current and not upper_run:
                words.append(current)
                current = ""
            current += char
        if current:
            words.append(current)
    return [w.lower() for w in words if w]


def name_class(name: str | None) -> str | None:
    """"length" for a name that says it holds a length or size, "other" for
    one that says it holds an index, flag, code or option, None otherwise."""
    if not name:
        return None
    flat = name.lower().replace("_", "")
    words = _words(name)
    last = words[-1] if words else flat
    if flat in _LENGTH_WORDS or last in _LENGTH_WORDS or flat.endswith(_LENGTH_SUFFIXES) \
            or last.startswith("max") or (len(words) > 1 and words[0] in ("n", "nb", "num", "max")):
        return "length"
    if flat in _OTHER_WORDS or last in _OTHER_WORDS or flat.endswith(_OTHER_SUFFIXES):
        return "other"
    return None


def param_class(param: CParam, preamble: CPreamble) -> str | None:
    """The length/other class of a C parameter from its name, then its type."""
    by_name = name_class(param.name)
    if by_name is not None:
        return by_name
    if param.ctype.base in _SIZE_TYPES or preamble.resolve(param.ctype).base in _SIZE_TYPES:
        return "length"
    return None


def argument_class(expr: Node | None, package: PackageModel, source: SourceFile, depth: int = 0) -> str | None:
    """What a Go argument visibly is: "length" (a `len(...)`, `cap(...)`,
    `unsafe.Sizeof(...)` or a variable named like a length), "other" (0, a C
    constant or a variable named like an index, flag or code), or None."""
    node = unwrap_conversions(expr, package, source)
    if node is None or depth > 6:
        return None
    if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
        node = strip_parens(node.child_by_field_name("operand"))  # an in/out length: `&n`
        if node is None:
            return None
    kind = node.type
    if kind == "call_expression":
        target = package.call_target(node, source)
        if (target.kind == "builtin" and target.name in ("len", "cap", "min", "max")) \
                or (target.kind == "unsafe" and target.name == "Sizeof"):
            return "length"
        return None
    if kind == "binary_expression":
        classes = {argument_class(node.child_by_field_name(side), package, source, depth + 1)
                   for side in ("left", "right")}
        return "length" if "length" in classes else None
    if kind == "selector_expression":
        operand = strip_parens(node.child_by_field_name("operand"))
        field = text(node.child_by_field_name("field"))
        if operand is not None and operand.type == "identifier" and text(operand) == "C" and source.uses_cgo:
            return "length" if name_class(field) == "length" else "other"  # C.BUFSIZ vs C.CURLOPT_URL
        return name_class(field)
    if kind == "identifier":
        symbol = package.resolve(node, source)
        if symbol is not None and symbol.kind == "local":
            value = single_value(symbol)
            if value is not None:
                return argument_class(value, package, symbol.file, depth + 1) or name_class(text(node))
        if symbol is not None and symbol.kind == "const":
            value = const_value(node, package, source)
            if value == 0:
                return "other"
        return name_class(text(node))
    if const_value(node, package, source) == 0:
        return "other"
    return None


def length_slot(function: CFunction, index: int, args: list[Node], package: PackageModel, source: SourceFile,
                derived=None) -> CParam | None:
    """The parameter of C `function` (other than the buffer's, `index`) taken to
    carry the length of the buffer passed at `index`, under the policy above;
    None when no parameter does. `derived(arg)` says whether an argument is
    computed from the buffer's length (`derived_length` for a Go buffer)."""
    preamble = package.preamble
    for param in function.params:
        if param.index == index:
            continue
        arg = args[param.index] if param.index < len(args) else None
        if not length_capable(param, preamble):
            if arg is not None and _struct_length_field(arg, derived, package, source):
                return param
            continue
        if arg is not None and derived is not None and derived(arg):
            return param
        kind = param_class(param, preamble)
        if kind == "length":
            return param
        if kind == "other":
            continue
        if arg is None or argument_class(arg, package, source) != "other":
            return param
    return None


def _struct_length_field(arg: Node, derived, package: PackageModel, source: SourceFile) -> bool:
    """`&o` where the function sets a field of the local struct `o` to a value
    derived from the buffer's length (`o.len = C.size_t(len(buf))`, or
    `o := C.desc{len: C.size_t(len(buf))}`), or `&b.hdr` where it sets a
    field of that path (`b.hdr.caplen = C.uint(len(data))`)."""
    if derived is None:
        return False
    node = unwrap_conversions(arg, package, source)
    if node is None or node.type != "unary_expression" or text(node.child_by_field_name("operator")) != "&":
        return False
    operand = strip_parens(node.child_by_field_name("operand"))
    function = outermost_function(arg)
    if operand is not None and operand.type == "selector_expression" and function is not None:
        return _path_length_set(operand, arg, derived, package, source)  # `&b.hdr`
    symbol = package.resolve(operand, source) if operand is not None and operand.type == "identifier" else None
    if symbol is None or function is None:
        return False
    if symbol.value is not None and not symbol.index and not symbol.writes and \
            any(item.type != "literal_value" and derived(item) for _, item in literal_values(symbol.value)) and \
            not _field_assigned_before(symbol, arg, function, package, source):
        return True
    return _field_set_before(arg, function, lambda owner: owner.type == "identifier" and
                             package.resolve(owner, source) is symbol, derived)


def _path_length_set(path: Node, at: Node, derived, package: PackageModel, source: SourceFile) -> bool:
    """`b.hdr.caplen = C.uint(len(data))` in a statement that runs before `at`
    on every path to it, with nothing assigning `b.hdr`, `b` or a field of
    `b.hdr` again in between. The path's variable must be the same one
    (resolved) and its selectors plain fields (no index: `bs[i].hdr`)."""
    chain = field_chain(strip_parens(path))
    variable = package.resolve(chain[0], source) if chain is not None else None
    if variable is None:
        return False
    fields = [text(f) for f in chain[1:]]
    carried = False
    for statement in dominating_statements(at):
        for node in walk(statement):
            for target, value in assignments(node) if node.type == "assignment_statement" else ():
                written = field_chain(strip_parens(target))
                if written is None or package.resolve(written[0], source) is not variable:
                    continue
                names = [text(f) for f in written[1:]]
                if names != fields[:len(names)] and names[:len(fields)] != fields:
                    continue  # a path beside this one
                # a field of the path set where it surely runs, or anything else written over it
                carried = node == statement and len(names) == len(fields) + 1 and derived(value)
    return carried


def _field_set_before(at: Node, function: Node, is_struct, derived) -> bool:
    """A statement of `function` before `at` sets a field of a struct that
    `is_struct` (given the operand of the field selector) accepts, to a
    value `derived` accepts."""
    for statement in walk(function):
        if statement.type != "assignment_statement" or statement.start_byte >= at.start_byte:
            continue
        for target, value in assignments(statement):
            target = strip_parens(target)
            owner = strip_parens(target.child_by_field_name("operand")) \
                if target.type == "selector_expression" else None
            if owner is not None and is_struct(owner) and derived(value):
                return True
    return False


def _field_assigned_before(symbol, at: Node, function: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether a statement before `at` assigns a field of `symbol` (`e.len = 64`)."""
    for statement in walk(function):
        if statement.type == "assignment_statement" and statement.start_byte < at.start_byte:
            left = statement.child_by_field_name("left")
            for target in left.named_children if left is not None else []:
                target = strip_parens(target)
                owner = strip_parens(target.child_by_field_name("operand")) \
                    if target.type == "selector_expression" else None
                if owner is not None and owner.type == "identifier" and package.resolve(owner, source) is symbol:
                    return True
    return False


# --- C parameters that can carry a length -----------------------------------

def length_capable(param: CParam, preamble: CPreamble) -> bool:
    """Whether a C parameter could carry a length: an integer (or a type this
    model cannot see into, such as a system typedef), or a pointer to one
    (an in/out length such as `socklen_t *len`). Floats, structs and other
    pointers cannot."""
    ctype = preamble.resolve(param.ctype)
    base = ctype.base
    if ctype.array is not None or ctype.pointers > 1 or base in FLOATING:
        return False
    if base.startswith(("struct ", "union ")) or base in ("struct", "union", "void"):
        return False  # `struct`/`union` alone: an anonymous one behind a typedef
    if ctype.pointers == 1:
        if base in _NON_LENGTH_BASES:
            return False  # a byte buffer, not an in/out length
        if base in INTEGER_TYPES:
            return True
        if base in preamble.structs or _is_known(base, preamble):
            return False
        # A pointer to a type this model cannot see: far more often an opaque
        # handle (`CURL *`, `sqlite3 *`) than an in/out length, unless its
        # name or its type's name says length (`socklen_t *len`).
        return base in _SIZE_TYPES or name_class(param.name) == "length" or name_class(base) == "length"
    return True


_NON_LENGTH_BASES = frozenset({"char", "signed char", "unsigned char", "schar", "uchar", "void", "float",
                               "double", "_Bool", "bool", "wchar_t", "int8_t", "uint8_t"})


def _is_known(base: str, preamble: CPreamble) -> bool:
    """A base type this model knows the shape of (a primitive or a typedef to one)."""
    return base in INTEGER_TYPES or base in FLOATING or base in preamble.typedefs
