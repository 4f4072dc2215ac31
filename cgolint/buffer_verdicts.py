"""Verdicts the buffer rules share: which libc calls have no bound at all,
and why a C function cannot know the length of a Go buffer it is given.

CGL001 (local arrays) and CGL003 (every other Go buffer) must agree on
both: a buffer one of them excuses the other must not report, and the
reason in their messages must be worded the same. The verdict combines the
facts of `buffers`, `lengths` and `nul_termination` with what the C side
says: the prototype's parameters and, for a function the preamble defines,
how far its body reaches into a pointer.

The API:
- `UNBOUNDED`, `unbounded_call(name, preamble)`: libc calls with no bound
  on a buffer argument (`strcpy`, `sprintf`, `strlen`, ...), with the role
  of each such argument and the bounded call to use instead.
- `length_problem(call, index, buffer, package, source)` -> `LengthProblem
  | None`: why C cannot know the buffer's length; `LengthProblem.explain`
  words it for messages.
- `size_checked(buffer, at, package, source)`: an `if len(buf) < N` guard
  before `at`, which makes a fixed-size C contract the Go code's to keep.
- `buffer_param_pointee(cparam, preamble)`, `is_c_string_param(...)`,
  `is_c_string_pointer(...)`: what a C parameter takes.

`c_extents` says how far a preamble body reaches into a pointer parameter
(`p[7]`, `for (i = 0; i < 32; i++) p[i]`, `memcpy(p, src, 16)`).
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from tree_sitter import Node

from .buffers import (
    SLICE,
    Buffer,
    buffer_arguments,
    const_value,
    named_buffer,
    unwrap_conversions,
)
from .block_exits import terminates
from .c_extents import c_param_extent
from .c_string_reads import code_text
from .call_targets import call_arguments
from .conversions import single_value
from .length_conditions import declared_twice
from .lengths import derived_length, length_capable, length_slot, param_class
from .model import PackageModel
from .nul_termination import nul_terminated
from .preamble import FLOATING, INTEGER_TYPES, CFunction, CParam, CPreamble, CType
from .scopes import outermost_function, parameter_names
from .source import SourceFile, strip_parens, text, walk

# --- unbounded libc calls -----------------------------------------------------

# libc functions with no bound on a buffer argument: argument index -> role.
# "write": C writes into the buffer until its source ends; "read": C reads
# the buffer until it meets a NUL byte. The value names the bounded call to use.
UNBOUNDED: dict[str, tuple[dict[int, str], str]] = {
    "strcpy": ({0: "write", 1: "read"}, "C.strncpy(dst, src, C.size_t(len(buf)-1)) and set the last byte to 0, or copy in Go"),
    "stpcpy": ({0: "write", 1: "read"}, "C.stpncpy(dst, src, C.size_t(len(buf)-1)), or copy in Go"),
    "strcat": ({0: "write", 1: "read"}, "C.strncat(dst, src, C.size_t(len(buf)-1)-C.strlen(dst)), or build the string in Go"),
    "wcscpy": ({0: "write", 1: "read"}, "C.wcsncpy with the buffer's length"),
    "wcscat": ({0: "write", 1: "read"}, "C.wcsncat with the buffer's remaining length"),
    "sprintf": ({0: "write"}, "C.snprintf with C.size_t(len(buf)) (through a C wrapper: cgo cannot call variadic functions), or fmt in Go"),
    "vsprintf": ({0: "write"}, "C.vsnprintf with C.size_t(len(buf))"),
    "gets": ({0: "write"}, "C.fgets(p, C.int(len(buf)), stream), or bufio in Go"),
    "strlen": ({0: "read"}, "C.strnlen(p, C.size_t(len(buf))), or bytes.IndexByte in Go"),
    "strdup": ({0: "read"}, "C.strndup(p, C.size_t(len(buf))), or C.CBytes"),
    "strcmp": ({0: "read", 1: "read"}, "C.strncmp with the buffer's length, or bytes.Compare in Go"),
    "strcasecmp": ({0: "read", 1: "read"}, "C.strncasecmp with the buffer's length"),
    "strchr": ({0: "read"}, "C.memchr with C.size_t(len(buf)), or bytes.IndexByte in Go"),
    "strrchr": ({0: "read"}, "bytes.LastIndexByte in Go"),
    "strstr": ({0: "read", 1: "read"}, "bytes.Index in Go"),
    "atoi": ({0: "read"}, "strconv.Atoi in Go"),
    "atol": ({0: "read"}, "strconv.ParseInt in Go"),
    "atoll": ({0: "read"}, "strconv.ParseInt in Go"),
    "atof": ({0: "read"}, "strconv.ParseFloat in Go"),
    "puts": ({0: "read"}, "os.Stdout.Write in Go"),
}


def unbounded_call(name: str, preamble: CPreamble) -> tuple[dict[int, str], str] | None:
    """The roles and the bounded replacement of an unbounded libc call, unless
    the package defines a C function of that name itself."""
    function = preamble.function(name)
    if function is not None and function.has_body:
        return None
    return UNBOUNDED.get(name)


# --- what a C parameter takes ------------------------------------------------

def buffer_param_pointee(param: CParam, preamble: CPreamble) -> CType | None:
    """For a parameter that takes a buffer of scalars (`char *`, `void *`,
    `uint8_t *`, `int *`, `unsigned char out[16]`), the element type; None
    for pointers to structs (one object), pointers to pointers and non-pointers."""
    ctype = preamble.resolve(param.ctype)
    if ctype.array is not None and ctype.pointers == 0:
        element = CType(ctype.base, 0, None, ctype.const)
    elif ctype.pointers == 1 and ctype.array is None:
        element = CType(ctype.base, 0, None, ctype.const)
    else:
        return None
    if element.base == "void" or element.base in INTEGER_TYPES or element.base in FLOATING:
        return element
    return None


def is_c_string_param(param: CParam, preamble: CPreamble) -> bool:
    """`const char *`: by C convention a NUL-terminated string the callee
    reads; its end is marked by the terminator, not by a length."""
    ctype = preamble.resolve(param.ctype)
    return ctype.pointers == 1 and ctype.array is None and ctype.const and ctype.base == "char"


# Byte types C strings are spelled with: `char`, and the unsigned bytes of
# libraries that keep text in them (libxml2's `xmlChar`, PCRE2's `PCRE2_SPTR`).
_STRING_BYTES = frozenset({"char", "signed char", "unsigned char", "schar", "uchar", "int8_t", "uint8_t"})


def is_c_string_pointer(param: CParam, preamble: CPreamble) -> bool:
    """A pointer to bytes that may be a C string: `char *`, const or not
    (many C string setters omit const), or `const unsigned char *`."""
    ctype = preamble.resolve(param.ctype)
    return ctype.pointers == 1 and ctype.array is None and \
        (ctype.base == "char" or (ctype.const and ctype.base in _STRING_BYTES))


# --- why C cannot know a buffer's length -------------------------------------

def size_checked(buffer: Buffer, at: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether an `if` before `at` in the same function compares the buffer's
    length with a size (`if len(src) < aes.BlockSize { panic(...) }`,
    `if len(out) != 32`), not merely with 0 or 1 (an emptiness check), or
    calls a package function that does so of the buffer it is given
    (`if err := checkSignature(sig); err != nil`, go-ethereum's secp256k1)."""
    function = outermost_function(at)
    if function is None:
        return False
    is_buffer = lambda arg: buffer.same(named_buffer(arg, package, source))  # noqa: E731
    for node in walk(function):
        if node.type != "if_statement" or node.start_byte >= at.start_byte:
            continue
        leaves = terminates(node.child_by_field_name("consequence"))
        for part in (node.child_by_field_name("initializer"), node.child_by_field_name("condition")):
            if part is not None and (_compares_size(part, is_buffer, package, source)
                                     or leaves and _helper_compares_size(part, is_buffer, package, source)):
                return True  # (a helper's verdict counts when failing it leaves: not `{ log.Print(err) }`)
    return False


def _compares_size(node: Node, is_buffer, package: PackageModel, source: SourceFile) -> bool:
    """A comparison under `node` of `len(b)` or `cap(b)`, for a b that
    `is_buffer`, with a constant other than 0 and 1."""
    for comparison in walk(node):
        if comparison.type != "binary_expression" or \
                text(comparison.child_by_field_name("operator")) not in ("<", "<=", ">", ">=", "==", "!="):
            continue
        sides = [comparison.child_by_field_name("left"), comparison.child_by_field_name("right")]
        for mine, other in (sides, sides[::-1]):
            call = unwrap_conversions(mine, package, source)
            if call is None or call.type != "call_expression":
                continue
            target = package.call_target(call, source)
            args = call_arguments(call)
            if target.kind == "builtin" and target.name in ("len", "cap") and len(args) == 1 \
                    and is_buffer(args[0]) and const_value(other, package, source) not in (0, 1):
                return True
    return False


def _helper_compares_size(node: Node, is_buffer, package: PackageModel, source: SourceFile) -> bool:
    """A call under `node` of a package function given the buffer, whose own
    `if`s compare that parameter's length with a size (one level deep); a
    function declared once per platform must do so in every declaration."""
    for call in walk(node):
        if call.type != "call_expression":
            continue
        target = package.call_target(call, source)
        if target.kind != "func" or target.node is None or target.node.child_by_field_name("body") is None:
            continue
        declarations = _declarations(target.node, package) if declared_twice(target.node, package) else [target.node]
        for index, arg in enumerate(call_arguments(call)):
            if is_buffer(arg) and declarations and all(_checks_size(d, index, package) for d in declarations):
                return True
    return False


def _declarations(function: Node, package: PackageModel) -> list[Node]:
    """Every package-level declaration of the function's name (one per platform)."""
    name = text(function.child_by_field_name("name"))
    return [node for f in package.files_mentioning(name) for node in f.root.named_children
            if node.type == "function_declaration" and text(node.child_by_field_name("name")) == name]


def _checks_size(function: Node, index: int, package: PackageModel) -> bool:
    """An `if` of the function's own body that leaves when its parameter
    `index` is not of a size, with no way out before it (not one nested in
    another, nor after `if !strict { return nil }`)."""
    names = parameter_names(function)
    body = function.child_by_field_name("body")
    name = text(names[index]) if index < len(names) and names[index] is not None else ""
    if not name or body is None:
        return False
    helper = package.file_of(function)
    is_parameter = lambda a: strip_parens(a).type == "identifier" and text(strip_parens(a)) == name  # noqa: E731
    for statement in [c for part in body.named_children if part.type == "statement_list" for c in part.named_children]:
        if statement.type == "if_statement" and terminates(statement.child_by_field_name("consequence")) \
                and _compares_size(statement.child_by_field_name("condition"), is_parameter, package, helper):
            return True
        if any(n.type == "return_statement" for n in walk(statement)):
            return False
    return False


def _fed_to_call(call: Node) -> bool:
    """The call's value is an argument of another call, through parentheses
    and conversions."""
    node = call.parent
    while node is not None and node.type in ("parenthesized_expression", "type_conversion_expression"):
        node = node.parent
    if node is not None and node.type == "argument_list":
        outer = node.parent
        function = outer.child_by_field_name("function") if outer is not None else None
        if function is not None and ("".join(text(function).split()) in ("unsafe.Pointer", "uintptr")
                                     or function.type == "parenthesized_expression"):
            return _fed_to_call(outer)  # a conversion: where its value goes
        return outer is not None and outer.type == "call_expression"
    return False


@dataclass(frozen=True)
class LengthProblem:
    """Why C cannot know a buffer's length. kind: "none" (no parameter can
    carry it), "short" (a fixed-size array parameter larger than the Go
    buffer), "reach" (the preamble body indexes past the Go buffer's end),
    "long" (the length passed is a constant larger than the buffer)."""

    kind: str
    function: CFunction
    param: CParam
    needed: int | None = None   # bytes C reaches ("short", "reach"), the length passed ("long")
    rejected: tuple[str, ...] = ()  # integer parameters judged not to carry the length ("none")
    element_size: int = 1  # ("long") the bytes of each unit the length counts, when C counts elements

    def explain(self, buffer: Buffer) -> str:
        name = self.function.name
        if self.kind == "long":
            passed = f"{self.needed}" if self.element_size == 1 else \
                f"{self.needed} elements of {self.element_size} bytes ({self.needed * self.element_size} bytes)"
            return (f"the length passed as `{self.param.name}` is {passed}, more than the "
                    f"{buffer.byte_size} bytes `{buffer.name}` holds, so C can read or write past its end")
        if self.kind == "short":
            return (f"the prototype of C.{name} declares parameter `{self.param.name}` as an array of "
                    f"{self.needed} bytes, more than `{buffer.name}` holds, so C can read or write past its end")
        if self.kind == "reach":
            return (f"the body of C.{name} reaches {self.needed} bytes into its parameter `{self.param.name}`, "
                    f"past the end of `{buffer.name}`")
        if self.rejected:
            names = ", ".join(self.rejected)
            return (f"nothing tells C.{name} its length: the prototype `{self.function.prototype}` has no "
                    f"length parameter ({names} {'is' if len(self.rejected) == 1 else 'are'} not one, and no "
                    f"argument passed is derived from `{buffer.name}`'s length), so C can read or write past its end")
        return (f"nothing tells C.{name} its length: the prototype `{self.function.prototype}` has no "
                f"parameter for it, so C can read or write past its end")


    def fix(self, buffer: Buffer) -> str:
        """How to make the call safe, for the message."""
        if self.kind == "none":
            return f"add a length parameter to C.{self.function.name} and pass C.size_t(len({buffer.name}))"
        if self.kind == "long":
            passed = f"set what `{self.param.name}` points to to len({buffer.name})" if self.param.ctype.pointers \
                else f"pass C.size_t(len({buffer.name})) as `{self.param.name}`"
            return f"{passed}, or make `{buffer.name}` large enough"
        return f"make `{buffer.name}` large enough, or pass its length and have C respect it"


def length_problem(call: Node, index: int, buffer: Buffer, package: PackageModel,
                   source: SourceFile) -> LengthProblem | None:
    """Why the C function `call` calls cannot know the length of `buffer`,
    passed as argument `index`; None when it can, or when source does not
    say (no prototype in the preamble, a variadic function, a `const char *`
    string parameter, a pointer to a struct, a pointer into the middle of
    the buffer, several elements of one buffer in one call)."""
    target = package.call_target(call, source)
    preamble = package.preamble
    function = preamble.function(target.name)
    if target.kind != "c" or function is None or function.variadic or index >= len(function.params):
        return None
    if not buffer.whole:
        return None
    if function.returned_param == index and _fed_to_call(call):
        return None  # `C.f(C.to_gucharptr(&b[0]), n)`: judged at the call it feeds (unwrap_conversions)
    param = function.params[index]
    if is_c_string_param(param, preamble) or buffer_param_pointee(param, preamble) is None:
        return None
    args = call_arguments(call)
    if len(args) != len(function.params):
        return None
    if any(position != index and derived_length(arg, buffer, package, source) for position, arg in enumerate(args)):
        return None
    for position, _, other in buffer_arguments(call, package, source):
        if position != index and buffer.same(other):
            return None  # several elements of one buffer: each a single value
    resolved = preamble.resolve(param.ctype)
    if resolved.array is not None and resolved.pointers == 0:
        declared = preamble.ctype_size(resolved)
        have = buffer.byte_size
        if declared is None or have is None or have >= declared:
            return None
        return LengthProblem("short", function, param, declared)
    slot = length_slot(function, index, args, package, source,
                       derived=lambda arg: derived_length(arg, buffer, package, source))
    if slot is not None:
        return _too_long(buffer, args[slot.index], function, param, slot, package, source)
    # What the C body visibly reaches comes first: a NUL in the buffer does
    # not stop `snprintf(out, 30, ...)` or `memset(out, 0, 30)`.
    extent = c_param_extent(function, index, preamble)
    if extent is not None:
        element = buffer_param_pointee(param, preamble)
        size = 1 if element.base == "void" else preamble.ctype_size(element)
        have = buffer.byte_size
        if (size is None and extent.elements) or have is None:
            return None
        needed = max(extent.elements * (size or 0), extent.bytes)
        return LengthProblem("reach", function, param, needed) if have < needed else None
    if is_c_string_pointer(param, preamble) and nul_terminated(buffer, call, package, source):
        return None  # a C string: its end is its terminator (a setter of a non-const `char *`)
    if buffer.shape == SLICE and size_checked(buffer, call, package, source):
        return None  # the Go code enforces a size: C's fixed-size contract is being met
    if not function.has_body and _sized_by_c_side(buffer, package):
        return None  # sized to the C API's contract, which its prototype cannot state
    rejected = tuple(f"`{p.name}`" if p.name else f"unnamed parameter {p.index + 1}" for p in function.params
                     if p.index != index and length_capable(p, preamble))
    return LengthProblem("none", function, param, rejected=rejected)


def _too_long(buffer: Buffer, arg: Node, function: CFunction, param: CParam, slot: CParam,
              package: PackageModel, source: SourceFile) -> LengthProblem | None:
    """A length parameter (by its name or size_t type) given a constant
    larger than the buffer's size in bytes, directly or through `&n` of a
    local set once: too long whether C counts bytes or elements. When the
    body indexes the buffer below the length (`for (i < count) p[i] = ...`),
    the length counts elements, and is compared with the elements."""
    if param_class(slot, package.preamble) != "length" or buffer.byte_size is None:
        return None
    node = unwrap_conversions(arg, package, source)
    if node is not None and node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
        operand = strip_parens(node.child_by_field_name("operand"))
        symbol = package.resolve(operand, source) if operand is not None and operand.type == "identifier" else None
        node = single_value(symbol) if symbol is not None else None
    value = const_value(node, package, source) if node is not None else None
    if value is None or _counts_bits(slot, function):
        return None
    have = buffer.byte_size
    element = buffer_param_pointee(param, package.preamble)
    size = package.preamble.ctype_size(element) if element is not None and element.base != "void" else None
    unit = size if size and size > 1 and _counts_elements(param, slot, function) else 1
    return LengthProblem("long", function, slot, value, element_size=unit) if value * unit > have else None


def _counts_elements(param: CParam, slot: CParam, function: CFunction) -> bool:
    """The body indexes the buffer in a loop bounded by the length: `for
    (size_t i = 0; i < count; i++) p[i] = -1;`."""
    if function.body is None or not param.name or not slot.name:
        return False
    code = text(function.body)
    return re.search(rf"<=?\s*{re.escape(slot.name)}\b", code) is not None and \
        re.search(rf"\b{re.escape(param.name)}\s*\[", code) is not None


def _counts_bits(slot: CParam, function: CFunction) -> bool:
    """A length in bits: named so (`keybits`, `nbits`, `key_bits`:
    AES_set_encrypt_key), or one the body turns into bytes (`n / 8`,
    `n >> 3`) outside its comments."""
    if re.search(r"bits(_|$)", slot.name.lower()):
        return True
    return function.body is not None and slot.name != "" and \
        re.search(rf"\b{re.escape(slot.name)}\s*(/\s*8|>>\s*3)\b", code_text(function.body)) is not None


def _sized_by_c_side(buffer: Buffer, package: PackageModel) -> bool:
    """A local array or slice whose length is a constant of the C side:
    `var buf [C.PCAP_ERRBUF_SIZE]C.char`, `buf := make([]byte, C.GIT_OID_HEXSZ)`
    (not a C variable or function the preamble declares), or that the C
    side sizes at run time: `make([]byte, C.png_get_rowbytes(png))`."""
    symbol = buffer.root
    if symbol is None or symbol.kind != "local" or buffer.name != symbol.name:
        return False
    if buffer.shape == SLICE:
        value = single_value(symbol)
        call = strip_parens(value)
        if call is None or call.type != "call_expression" or text(call.child_by_field_name("function")) != "make":
            return False
        args = call_arguments(call)
        length = unwrap_conversions(args[1], package, symbol.file) if len(args) >= 2 else None
        if length is not None and length.type == "call_expression" and \
                package.call_target(length, symbol.file).kind == "c":
            return True
    else:
        array = symbol.type_node if symbol.type_node is not None and symbol.type_node.type == "array_type" else None
        length = strip_parens(array.child_by_field_name("length")) if array is not None else None
    operand = strip_parens(length.child_by_field_name("operand")) if length is not None \
        and length.type == "selector_expression" else None
    if operand is None or operand.type != "identifier" or symbol.file.imports.get(text(operand)) != "C" \
            or package.resolve(operand, symbol.file) is not None:
        return False
    name = text(length.child_by_field_name("field"))
    return name not in package.preamble.globals and package.preamble.function(name) is None
