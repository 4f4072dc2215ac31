"""Which Go buffer a pointer argument of a C call points into, and where
that buffer lives: the fact every buffer rule starts from.

The rules that judge buffers handed to C (CGL001 local-array-to-c, CGL003
missing-length-argument, and any rule that needs the same facts) read it
from here, so that `&buf[0]`, `&buf`, `buf[:]`, `unsafe.SliceData(buf)`,
`unsafe.Pointer(...)`, `(*C.char)(...)` and an intermediate local such as
`p := unsafe.Pointer(&buf[0]); C.f((*C.char)(p))` are all understood the
same way. The rest of what those rules ask builds on a `Buffer` and lives
beside this module, one topic each: `lengths` (what tells C the buffer's
length), `buffer_calls` (which calls may hand it to C, pinning, later
uses), `nul_termination` (whether it holds a C string) and
`buffer_verdicts` (why C cannot know its length).

The API (functions take the `PackageModel` and the `SourceFile` the
node belongs to):
- `buffer_of(expr, package, source)` -> `Buffer | None`: the Go array or
  slice a pointer expression points into, or None when it is not provably
  Go memory of an array or slice (unknown origin, C memory, a scalar).
  `Buffer` says where it lives (`storage`: LOCAL, FIELD, RECEIVER_FIELD,
  PACKAGE, PARAM), its `shape` (ARRAY/SLICE), `length`, `byte_size`, and
  `is_local_array`; `Buffer.describe()` words it for messages.
- `buffer_at(base, package, source)`: the same for the buffer expression
  itself (`buf`, `s.data`), as found under `&x[0]` or `unsafe.SliceData(x)`.
- `buffer_arguments(call, package, source)`: `(index, argument, Buffer)`
  for each argument of a call that `buffer_of` finds a buffer for, worked
  out once per call (CGL001, CGL003 and `length_problem` all ask it).
- `named_buffer(expr, package, source)`: the buffer an expression names
  (`buf`, `s.data`, `*p`, `buf[:]`) without asking where it lives, to
  compare with `Buffer.same` (`len(buf)`, `buf[i] = 0`, `pinner.Pin(&buf)`).
- `array_length_spelling(buffer, package)`: the length as the array's
  type spells it (`bufSize` in `[bufSize]byte`).
- `stores_into_field(name, package)`: every store into a field of that name.
- `unwrap_conversions(expr, package, source)`: strip `(*C.char)(...)`,
  `unsafe.Pointer(...)`, `C.size_t(...)` and parentheses;
  `is_c_conversion(call, package, source)`: `C.size_t(x)` is a conversion,
  not a call into C.
- `const_value(expr, package, source)`: a Go integer constant expression.

This module's per-package indexes and memos are kept in its `_PackageMemo`
among the package model's memos (buffer_calls keeps its own), dropped with
the model.
Everything answers None/False when source does not say: callers stay silent.
"""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from .call_targets import call_arguments
from .conversions import single_value
from .gotypes import GoType
from .memory_origins import C_MEMORY, GO_MEMORY
from .model import PackageModel
from .scopes import Symbol, mutations, outermost_function
from .source import SourceFile, root_variable, strip_parens, text, walk

# Where a buffer lives.
LOCAL = "local"                  # a local variable (or a by-value parameter) of the function
FIELD = "field"                  # a field of a struct value or of a struct a pointer points to
RECEIVER_FIELD = "receiver_field"
PACKAGE = "package"              # a package-level variable
PARAM = "param"                  # a slice parameter: memory the caller owns

ARRAY, SLICE = "array", "slice"

_CONVERSION_KINDS = ("conversion",)
ARITHMETIC_OPERATORS = frozenset({"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&^"})


@dataclass(frozen=True)
class Buffer:
    """The Go array or slice a pointer argument points into.

    `name` is how the code spells the buffer (`buf`, `s.data`, `r.out`);
    `storage` is one of LOCAL, FIELD, RECEIVER_FIELD, PACKAGE, PARAM;
    `shape` is ARRAY or SLICE; `type` the buffer's (underlying) Go type;
    `length` the number of elements of an array (None for a slice or when
    not a constant); `element_size` in bytes (LP64) or None; `root` the
    variable at the base (`buf`, `s`, `r`); `node` the expression naming the
    buffer; `whole` is True when the pointer is to the buffer's start
    (`&buf[0]`, `&buf`, `unsafe.SliceData(buf)`), False for `&buf[i]`."""

    name: str
    storage: str
    shape: str
    type: GoType
    length: int | None
    element_size: int | None
    root: Symbol | None
    node: Node
    whole: bool = True

    @property
    def is_local_array(self) -> bool:
        return self.storage == LOCAL and self.shape == ARRAY

    @property
    def byte_size(self) -> int | None:
        if self.length is None or self.element_size is None:
            return None
        return self.length * self.element_size

    def describe(self) -> str:
        """`the local array `buf` (64 bytes)`, `the slice `data``, ..."""
        what = {LOCAL: "local array" if self.shape == ARRAY else "local slice",
                FIELD: f"{self.shape} field", RECEIVER_FIELD: f"receiver's {self.shape} field",
                PACKAGE: f"package-level {self.shape}", PARAM: "slice parameter"}[self.storage]
        size = self.byte_size
        suffix = f" ({size} bytes)" if size is not None else ""
        return f"the {what} `{self.name}`{suffix}"

    def same(self, other: "Buffer | None") -> bool:
        return other is not None and other.root is self.root and other.name == self.name


class _PackageMemo:
    """What this module works out once per package model."""

    def __init__(self):
        self.stores: dict[tuple[str, bool], list[tuple[Node | None, SourceFile]]] | None = None
        # keyed by the node itself, as the model's memos are: what CGL001 and
        # CGL003 both ask of every call
        self.call_buffers: dict[Node, tuple[tuple[int, Node, Buffer], ...]] = {}


def _memo(package: PackageModel) -> _PackageMemo:
    return package.memo("buffers", _PackageMemo)


# --- expressions --------------------------------------------------------

def is_c_conversion(call: Node, package: PackageModel, source: SourceFile) -> bool:
    """`C.size_t(x)`, `C.int(x)`: a C call of one argument that names a type, not a function."""
    target = package.call_target(call, source)
    return target.kind == "c" and package.preamble.names_type(target.name, lenient=True) \
        and len(call_arguments(call)) == 1


def unwrap_conversions(expr: Node | None, package: PackageModel, source: SourceFile) -> Node | None:
    """Strip parentheses and value-preserving conversions: `(*C.char)(x)`,
    `unsafe.Pointer(x)`, `uintptr(x)`, `C.size_t(x)`, `int(x)`, and C
    helpers that hand their argument back (`C.to_gucharptr(x)`)."""
    node = strip_parens(expr)
    for _ in range(16):
        if node is None:
            return None
        kind = node.type
        if kind == "type_conversion_expression":
            node = strip_parens(node.child_by_field_name("operand"))
            continue
        if kind != "call_expression":
            return node
        args = call_arguments(node)
        target = package.call_target(node, source)
        function = package.preamble.function(target.name) if target.kind == "c" else None
        handed_back = function.returned_param if function is not None else None
        if handed_back is not None and handed_back < len(args):
            node = strip_parens(args[handed_back])  # `C.to_gucharptr(p)`: p itself, cast by C
            continue
        if len(args) != 1:
            return node
        if target.kind in _CONVERSION_KINDS or (target.kind == "unsafe" and target.name == "Pointer") \
                or (target.kind == "c" and package.preamble.names_type(target.name, lenient=True)):
            node = strip_parens(args[0])
            continue
        return node
    return node


def const_value(expr: Node | None, package: PackageModel, source: SourceFile, depth: int = 0) -> int | None:
    """The value of a Go integer constant expression, or None."""
    node = strip_parens(expr)
    if node is None or depth > 16:
        return None
    kind = node.type
    if kind == "int_literal":
        try:
            return int(text(node).replace("_", ""), 0)
        except ValueError:
            digits = text(node).replace("_", "")
            return int(digits, 8) if digits.startswith("0") and digits.isdigit() else None
    if kind == "identifier":
        symbol = package.resolve(node, source)
        if symbol is None or symbol.kind != "const" or symbol.value is None or symbol.index:
            return None
        return const_value(symbol.value, package, symbol.file, depth + 1)
    if kind == "unary_expression":
        value = const_value(node.child_by_field_name("operand"), package, source, depth + 1)
        operator = text(node.child_by_field_name("operator"))
        if value is None:
            return None
        return -value if operator == "-" else value if operator == "+" else None
    if kind == "binary_expression":
        operator = text(node.child_by_field_name("operator"))
        left = const_value(node.child_by_field_name("left"), package, source, depth + 1)
        right = const_value(node.child_by_field_name("right"), package, source, depth + 1)
        if left is None or right is None or operator not in ARITHMETIC_OPERATORS:
            return None
        try:
            return {"+": lambda: left + right, "-": lambda: left - right, "*": lambda: left * right,
                    "/": lambda: (abs(left) // abs(right)) * (1 if (left < 0) == (right < 0) else -1),
                    "%": lambda: left - right * ((abs(left) // abs(right)) * (1 if (left < 0) == (right < 0) else -1)),
                    "<<": lambda: left << right if right < 64 and abs(left) < (1 << 64) else None,
                    ">>": lambda: left >> right,
                    "&": lambda: left & right, "|": lambda: left | right, "^": lambda: left ^ right,
                    "&^": lambda: left & ~right}[operator]()
        except (ZeroDivisionError, ValueError, OverflowError):
            return None
    if kind == "call_expression":
        args = call_arguments(node)
        target = package.call_target(node, source)
        if len(args) == 1 and (target.kind == "conversion" or is_c_conversion(node, package, source)):
            return const_value(args[0], package, source, depth + 1)
        if target.kind == "unsafe" and target.name == "Sizeof" and len(args) == 1:
            return package.size_of(package.type_of(args[0], source))
    return None


# --- which buffer --------------------------------------------------------

def buffer_of(expr: Node | None, package: PackageModel, source: SourceFile, depth: int = 0) -> Buffer | None:
    """The Go array or slice that pointer expression `expr` points into, or
    None when source does not prove it is Go memory of an array or slice."""
    if expr is None or depth > 8:
        return None
    node = unwrap_conversions(expr, package, source)
    if node is None:
        return None
    kind = node.type
    if kind == "call_expression":
        target = package.call_target(node, source)
        if target.kind == "unsafe" and target.name == "SliceData":
            args = call_arguments(node)
            return buffer_at(args[0], package, source, whole=True) if len(args) == 1 else None
        return None
    if kind == "unary_expression" and text(node.child_by_field_name("operator")) == "&":
        operand = strip_parens(node.child_by_field_name("operand"))
        if operand is None:
            return None
        if operand.type == "index_expression":
            index = operand.child_by_field_name("index")
            whole = const_value(index, package, source) == 0
            return buffer_at(operand.child_by_field_name("operand"), package, source, whole=whole)
        found = buffer_at(operand, package, source, whole=True)
        return found if found is not None and found.shape == ARRAY else None  # &slice is not its data
    if kind == "identifier":
        symbol = package.resolve(node, source)
        value = single_value(symbol) if symbol is not None else None
        if value is None:
            return None
        t = package.underlying(package.type_of(node, source))
        if t is not None and t.kind in ("slice", "array", "string"):
            return None  # the variable holds the buffer itself, not a pointer to it
        return buffer_of(value, package, symbol.file, depth + 1)
    return None


def buffer_arguments(call: Node, package: PackageModel, source: SourceFile) -> tuple[tuple[int, Node, Buffer], ...]:
    """(index, argument, buffer) for each argument of `call` that points into
    a Go buffer (`buffer_of`). Worked out once per call and package: CGL001
    and CGL003 both ask it of every call that may hand a buffer to C."""
    cache = _memo(package).call_buffers
    found = cache.get(call)
    if found is None:
        found = []
        for index, arg in enumerate(call_arguments(call)):
            buffer = buffer_of(arg, package, source)
            if buffer is not None:
                found.append((index, arg, buffer))
        found = cache[call] = tuple(found)
    return found


def buffer_at(base: Node | None, package: PackageModel, source: SourceFile, whole: bool = True) -> Buffer | None:
    """The buffer named by `base`, the operand of an index, of `&`, or of
    `unsafe.SliceData` (`buf`, `buf[:]`, `s.data`, `r.out`, `p` for a local
    `p := new([64]byte)`)."""
    node = strip_parens(base)
    if node is not None and node.type == "slice_expression":
        start = node.child_by_field_name("start")
        if start is not None and const_value(start, package, source) != 0:
            whole = False
        node = strip_parens(node.child_by_field_name("operand"))
    if node is None:
        return None
    t = package.underlying(package.type_of(node, source))
    if t is None:
        return None
    pointer_to_array = t.kind == "pointer" and package.underlying(t.elem) is not None \
        and package.underlying(t.elem).kind == "array"
    if pointer_to_array:
        t = package.underlying(t.elem)
    if t.kind not in ("array", "slice"):
        return None
    if t.kind == "slice" and node.type == "identifier":
        symbol = package.resolve(node, source)
        value = strip_parens(single_value(symbol)) if symbol is not None else None
        if value is not None and value.type == "slice_expression":
            aliased = buffer_at(value, package, symbol.file, whole)
            if aliased is not None and aliased.shape == ARRAY:
                return aliased  # `s := arr[:]`: the array itself
    shape = ARRAY if t.kind == "array" else SLICE
    root, storage = _root_and_storage(node, package, source, shape)
    if storage is None:
        return None
    if pointer_to_array:
        # Only a pointer this function made: new([N]T) or &[N]T{...}.
        value = single_value(root) if root is not None and node.type == "identifier" else None
        if value is None or package.origin_of(value, root.file) != GO_MEMORY:
            return None
        storage = LOCAL
    elif not _is_go_memory(node, package, source, shape, storage):
        return None
    length = t.length if shape == ARRAY else None
    if shape == ARRAY and length is None:
        length = _array_length_from_source(node, package, source)
    elif shape == SLICE and storage == LOCAL and node.type == "identifier":
        length = _made_length(root, package)
    element_size = package.size_of(t.elem)
    return Buffer(" ".join(text(node).split()), storage, shape, t, length, element_size, root, node, whole)


def _root_and_storage(node: Node, package: PackageModel, source: SourceFile, shape: str) -> tuple[Symbol | None, str | None]:
    if node.type == "identifier":
        symbol = package.resolve(node, source)
        if symbol is None:
            return None, None
        if symbol.kind in ("local", "result"):
            return symbol, LOCAL
        if symbol.kind in ("param", "receiver"):
            return symbol, LOCAL if shape == ARRAY else PARAM  # an array parameter is the callee's copy
        if symbol.kind == "package_var":
            return symbol, PACKAGE
        return None, None
    if node.type == "selector_expression":
        operand = strip_parens(node.child_by_field_name("operand"))
        owner = package.underlying(package.type_of(operand, source))
        if owner is not None and owner.kind == "pointer":
            owner = package.underlying(owner.elem)
        if owner is None or owner.kind != "struct":
            return None, None  # C structs and unknown types are not judged
        root = operand
        while root is not None and root.type in ("selector_expression", "parenthesized_expression"):
            root = strip_parens(root.child_by_field_name("operand") if root.type == "selector_expression" else root)
        symbol = package.resolve(root, source) if root is not None and root.type == "identifier" else None
        if symbol is None:
            return None, None
        return symbol, RECEIVER_FIELD if symbol.kind == "receiver" else FIELD
    return None, None


def _is_go_memory(node: Node, package: PackageModel, source: SourceFile, shape: str, storage: str) -> bool:
    if storage == LOCAL and shape == ARRAY and node.type == "identifier":
        return True  # a local array variable is Go memory whatever its element type
    origin = package.origin_of(node, source)
    if storage in (FIELD, RECEIVER_FIELD):
        operand = strip_parens(node.child_by_field_name("operand"))
        if origin == C_MEMORY or package.origin_of(operand, source) == C_MEMORY:
            return False
        if shape == ARRAY:
            return True  # an array field is part of a Go struct's own memory
        name = text(node.child_by_field_name("field"))
        return origin == GO_MEMORY or not _assigned_from_elsewhere(name, package, field=True)
    if storage == PACKAGE and shape == SLICE:
        return origin == GO_MEMORY and not _assigned_from_elsewhere(text(node), package, field=False)
    return origin == GO_MEMORY


def _assigned_from_elsewhere(name: str, package: PackageModel, field: bool) -> bool:
    """Whether any file of the package stores into `x.name` (field) or the
    package variable `name` a value that is not provably Go memory: such a
    slice may hold C memory (`unsafe.Slice((*byte)(C.malloc(n)), n)`)."""
    stores = _stores(package)
    for value, source in stores.get((name, field), ()):
        if value is None or package.origin_of(value, source) != GO_MEMORY:
            return True
    return False


def stores_into_field(name: str, package: PackageModel) -> list[tuple[Node | None, SourceFile]]:
    """Every store into a field called `name` in the package's analysed files
    (`x.name = v`, `T{name: v}`): (value, or None when not one-to-one, file)."""
    return list(_stores(package).get((name, True), ()))


def _stores(package: PackageModel) -> dict[tuple[str, bool], list[tuple[Node | None, SourceFile]]]:
    """Every store into a field (`x.f = v`, `T{f: v}`) or a plain name
    (`v = ...`) in the package's analysed files, indexed once per package:
    (name, is_field) -> [(value or None when not one-to-one, file)]."""
    memo = _memo(package)
    if memo.stores is not None:
        return memo.stores
    table: dict[tuple[str, bool], list[tuple[Node | None, SourceFile]]] = {}
    for source in package.files:
        for node in walk(source.root):
            if node.type == "assignment_statement":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                lhs = left.named_children if left is not None else []
                rhs = right.named_children if right is not None else []
                for i, target in enumerate(lhs):
                    target = strip_parens(target)
                    value = rhs[i] if len(rhs) == len(lhs) else None
                    if target.type == "selector_expression":
                        key = (text(target.child_by_field_name("field")), True)
                    elif target.type == "identifier":
                        key = (text(target), False)
                    else:
                        continue
                    table.setdefault(key, []).append((value, source))
            elif node.type == "keyed_element" and len(node.named_children) == 2:
                key_node, value = node.named_children
                if value.type == "literal_element" and value.named_children:
                    value = value.named_children[0]
                table.setdefault((text(key_node), True), []).append((value, source))
    memo.stores = table
    return table


def _array_length_from_source(node: Node, package: PackageModel, source: SourceFile) -> int | None:
    """The length of an array whose type spells it as a constant name or `[...]`."""
    if node.type != "identifier":
        return None
    symbol = package.resolve(node, source)
    if symbol is None:
        return None
    type_node = symbol.type_node
    if type_node is None and symbol.value is not None and symbol.value.type == "composite_literal":
        type_node = symbol.value.child_by_field_name("type")
    if type_node is None:
        return None
    if type_node.type == "array_type":
        return const_value(type_node.child_by_field_name("length"), package, symbol.file)
    if type_node.type == "implicit_length_array_type" and symbol.value is not None:
        body = symbol.value.child_by_field_name("body")
        elements = [c for c in body.named_children if c.type != "comment"] if body is not None else []
        if all(e.type == "literal_element" for e in elements):
            return len(elements)
    return None


def _made_length(symbol: Symbol | None, package: PackageModel) -> int | None:
    """The length of a local slice made once with a constant length and
    never changed after (`s := make([]byte, 16)`: no assignment, `&s` or
    method call): what a C function may use of it."""
    value = strip_parens(single_value(symbol)) if symbol is not None else None
    if value is None or value.type != "call_expression":
        return None
    target = package.call_target(value, symbol.file)
    args = call_arguments(value)
    if target.kind != "builtin" or target.name != "make" or len(args) != 2:
        return None  # a capacity: C may use the room past the length
    length = const_value(args[1], package, symbol.file)
    function = outermost_function(symbol.node)
    if length is None or function is None or \
            next(mutations(symbol, function, package, symbol.file, method_calls=True), None) is not None:
        return None
    return length


def array_length_spelling(buffer: Buffer, package: PackageModel) -> str | None:
    """The text of the length in the array's declared type (`bufSize` in `[bufSize]byte`)."""
    if buffer.root is None or buffer.node.type != "identifier":
        return None
    type_node = buffer.root.type_node
    if type_node is None and buffer.root.value is not None and buffer.root.value.type == "composite_literal":
        type_node = buffer.root.value.child_by_field_name("type")
    if type_node is not None and type_node.type == "array_type":
        length = type_node.child_by_field_name("length")
        return text(length) if length is not None else None
    return None


def named_buffer(expr: Node | None, package: PackageModel, source: SourceFile) -> Buffer | None:
    """The buffer `x` names in `len(x)`/`cap(x)`/`unsafe.Sizeof(x)`, without
    origin checks: good only for comparing with `Buffer.same`."""
    node = strip_parens(expr)
    if node is not None and node.type == "slice_expression":
        node = strip_parens(node.child_by_field_name("operand"))
    if node is not None and node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "*":
        node = strip_parens(node.child_by_field_name("operand"))
    if node is None or node.type not in ("identifier", "selector_expression"):
        return None
    if node.type == "identifier":
        symbol = package.resolve(node, source)
        value = strip_parens(single_value(symbol)) if symbol is not None else None
        if value is not None and value.type == "slice_expression":
            aliased = named_buffer(value, package, symbol.file)
            if aliased is not None:
                return aliased  # `s := arr[:]`: len(s) is the array's length
    root = root_variable(node)
    symbol = package.resolve(root, source) if root is not None else None
    if symbol is None:
        return None
    return Buffer(" ".join(text(node).split()), LOCAL, SLICE, GoType("slice"), None, None, symbol, node)
