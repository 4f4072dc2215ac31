"""Facts about a pointer argument of a C call: which Go buffer it points into,
where that buffer lives, and whether another argument tells C its length.

The rules that judge buffers handed to C (CGL001 local-array-to-c, CGL003
missing-length-argument, and any rule that needs the same facts) read them
from here, so that `&buf[0]`, `&buf`, `buf[:]`, `unsafe.SliceData(buf)`,
`unsafe.Pointer(...)`, `(*C.char)(...)` and an intermediate local such as
`p := unsafe.Pointer(&buf[0]); C.f((*C.char)(p))` are all understood the
same way.

The API (every function takes the `PackageModel` and the `SourceFile` the
node belongs to):

Which buffer
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
- `unwrap_conversions(expr, package, source)`: strip `(*C.char)(...)`,
  `unsafe.Pointer(...)`, `C.size_t(...)` and parentheses.

Lengths
- `length_argument(args, skip, buffer, package, source)` -> index of the
  argument that carries the buffer's length (`len(buf)`, `C.size_t(len(buf))`,
  `cap`, `unsafe.Sizeof(buf)`, a constant within the array's size, the
  array's length constant, a local assigned from one of these), or None;
  `carries_length(expr, buffer, package, source)` is the test behind it.
- `derived_length(expr, buffer, ...)`: the stricter test (no constant
  other than the array's length), valid whatever the parameter is called.
- `length_slot(function, index, args, package, source, derived)` -> the C
  parameter taken to carry the length of the buffer at `index`, by the
  documented policy: an argument derived from the buffer, a parameter named
  or typed like a length, or an unnamed/neutral one whose argument is not
  visibly an index, flag, code or C option constant (`name_class`,
  `param_class`, `argument_class`); struct pointers only when the function
  sets a field of that struct to the buffer's length.
- `const_value(expr, package, source)`: a Go integer constant expression.
- `size_checked(buffer, at, package, source)`: an `if len(buf) < N` guard
  before `at`.
- `has_terminator(buffer, at, package, source)`: visible evidence of a NUL
  byte in the buffer; `nul_terminated(...)`: the stricter "ends in a NUL by
  construction" (`b = append(b, 0)`), which makes a `char *` a C string.
- `stores_into_field(name, package)`: every store into a field of that name.

C side
- `length_capable(cparam, preamble)`: can a parameter carry a length.
- `buffer_param_pointee(cparam, preamble)`, `is_c_string_param(...)`.
- `c_param_reach(function, index)`: how far a preamble body reaches into a
  pointer parameter (`p[7]`, `for (i = 0; i < 32; i++) p[i]`).
- `length_problem(call, index, buffer, package, source)` -> `LengthProblem
  | None`: why C cannot know the buffer's length (the shared verdict).
- `UNBOUNDED`, `unbounded_call(name, preamble)`: libc calls with no bound.

Calls
- `is_c_conversion(call, ...)`, `c_calls(node, ...)`, `is_c_selector_call`,
  `may_pass_buffer`, `package_uses_cgo`, `calls_c(declaration, package)`.
- `forwarded_to_c(package, declaration, index)`: where a Go function of the
  package passes its parameter number `index` unchanged to a C function.
- `is_pinned(buffer, at, package, source)`: a `runtime.Pinner.Pin` of the
  buffer in the same function.
- `references_after(buffer, statement, package, source)`: the buffer's
  variable used after a statement (or the statement in a loop around it).

Per-package indexes and memos are kept in one `_PackageMemo` in the
package model's memos, dropped with the model.
Everything answers None/False when source does not say: callers stay silent.
"""
from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from .gotypes import GoType
from .model import C_MEMORY, GO_MEMORY, PackageModel, call_arguments
from .preamble import FLOATING, INTEGER_TYPES, CFunction, CParam, CPreamble, CType
from .scopes import Symbol, outermost_function
from .source import SourceFile, text, walk

# Where a buffer lives.
LOCAL = "local"                  # a local variable (or a by-value parameter) of the function
FIELD = "field"                  # a field of a struct value or of a struct a pointer points to
RECEIVER_FIELD = "receiver_field"
PACKAGE = "package"              # a package-level variable
PARAM = "param"                  # a slice parameter: memory the caller owns

ARRAY, SLICE = "array", "slice"

_CONVERSION_KINDS = ("conversion",)
_ARITHMETIC = frozenset({"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&^"})


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
        self.uses_cgo: bool | None = None
        self.stores: dict[tuple[str, bool], list[tuple[Node | None, SourceFile]]] | None = None
        # keyed by the node itself, as the model's memos are: what CGL001 and
        # CGL003 both ask of every call
        self.call_targets: dict[Node, object] = {}  # buffer_call_target: a CallTarget or None
        self.call_buffers: dict[Node, tuple[tuple[int, Node, Buffer], ...]] = {}
        self.calls_c: dict[Node, bool] = {}


def _memo(package: PackageModel) -> _PackageMemo:
    return package.memo("buffers", _PackageMemo)


# --- expressions --------------------------------------------------------

def strip_parens(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def is_c_conversion(call: Node, package: PackageModel, source: SourceFile) -> bool:
    """`C.size_t(x)`, `C.int(x)`: a C call of one argument that names a type, not a function."""
    target = package.call_target(call, source)
    return target.kind == "c" and _names_c_type(target.name, package) and len(call_arguments(call)) == 1


def _names_c_type(name: str, package: PackageModel) -> bool:
    """Whether `C.name` called with one argument is a conversion: not a
    function of the preamble, nor a libc function of one argument."""
    return package.preamble.function(name) is None and name not in _LIBC_FUNCTIONS_OF_ONE_ARG


_LIBC_FUNCTIONS_OF_ONE_ARG = frozenset({"strlen", "strdup", "free", "malloc", "CString", "CBytes", "GoString",
                                        "GoBytes", "gets", "puts", "atoi", "atol", "atof", "abs", "close"})


def unwrap_conversions(expr: Node | None, package: PackageModel, source: SourceFile) -> Node | None:
    """Strip parentheses and value-preserving conversions: `(*C.char)(x)`,
    `unsafe.Pointer(x)`, `uintptr(x)`, `C.size_t(x)`, `int(x)`."""
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
        if len(args) != 1:
            return node
        target = package.call_target(node, source)
        if target.kind in _CONVERSION_KINDS or (target.kind == "unsafe" and target.name == "Pointer") \
                or (target.kind == "c" and _names_c_type(target.name, package)):
            node = strip_parens(args[0])
            continue
        return node
    return node


def _single_value(symbol: Symbol) -> Node | None:
    """The one value a local variable ever holds: its initializer, never reassigned."""
    if symbol.kind != "local" or symbol.value is None or symbol.index or symbol.range_of is not None:
        return None
    if symbol.writes:
        return None
    return symbol.value


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
        value = _single_value(symbol) if symbol is not None else None
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
        value = strip_parens(_single_value(symbol)) if symbol is not None else None
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
        value = _single_value(root) if root is not None and node.type == "identifier" else None
        if value is None or package.origin_of(value, root.file) != GO_MEMORY:
            return None
        storage = LOCAL
    elif not _is_go_memory(node, package, source, shape, storage):
        return None
    length = t.length if shape == ARRAY else None
    if shape == ARRAY and length is None:
        length = _array_length_from_source(node, package, source)
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


# --- constants and lengths ----------------------------------------------

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
        if left is None or right is None or operator not in _ARITHMETIC:
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


def _length_base(expr: Node | None, package: PackageModel, source: SourceFile) -> Buffer | None:
    """The buffer `x` names in `len(x)`/`cap(x)`/`unsafe.Sizeof(x)`, without origin checks."""
    node = strip_parens(expr)
    if node is not None and node.type == "slice_expression":
        node = strip_parens(node.child_by_field_name("operand"))
    if node is not None and node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "*":
        node = strip_parens(node.child_by_field_name("operand"))
    if node is None or node.type not in ("identifier", "selector_expression"):
        return None
    if node.type == "identifier":
        symbol = package.resolve(node, source)
        value = strip_parens(_single_value(symbol)) if symbol is not None else None
        if value is not None and value.type == "slice_expression":
            aliased = _length_base(value, package, symbol.file)
            if aliased is not None:
                return aliased  # `s := arr[:]`: len(s) is the array's length
    root = node
    while root is not None and root.type == "selector_expression":
        root = strip_parens(root.child_by_field_name("operand"))
    symbol = package.resolve(root, source) if root is not None and root.type == "identifier" else None
    if symbol is None:
        return None
    return Buffer(" ".join(text(node).split()), LOCAL, SLICE, GoType("slice"), None, None, symbol, node)


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
            return buffer.same(_length_base(args[0], package, source))
        if target.kind == "builtin" and target.name == "min":
            return any(carries_length(a, buffer, package, source, depth + 1) for a in args)
        return False
    if kind == "binary_expression":
        operator = text(node.child_by_field_name("operator"))
        if operator not in _ARITHMETIC:
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
    value = strip_parens(_single_value(root))
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
            value = _single_value(symbol)
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
    derived from the buffer's length (`o.len = C.size_t(len(buf))`)."""
    if derived is None:
        return False
    node = unwrap_conversions(arg, package, source)
    if node is None or node.type != "unary_expression" or text(node.child_by_field_name("operator")) != "&":
        return False
    operand = strip_parens(node.child_by_field_name("operand"))
    symbol = package.resolve(operand, source) if operand is not None and operand.type == "identifier" else None
    function = outermost_function(arg)
    if symbol is None or function is None:
        return False
    for statement in walk(function):
        if statement.type != "assignment_statement" or statement.start_byte >= arg.start_byte:
            continue
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
        lhs = left.named_children if left is not None else []
        rhs = right.named_children if right is not None else []
        for target, value in zip(lhs, rhs):
            target = strip_parens(target)
            if target.type != "selector_expression":
                continue
            owner = strip_parens(target.child_by_field_name("operand"))
            if owner is not None and owner.type == "identifier" and package.resolve(owner, source) is symbol \
                    and derived(value):
                return True
    return False


# --- C prototypes ----------------------------------------------------------

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


def c_param_reach(function: CFunction, index: int) -> int | None:
    """For a C function defined in the preamble, the highest constant element
    index its body reaches through pointer parameter `index` (`p[3]` -> 3,
    `*p` -> 0), when every use of the parameter is such an access; None when
    the body does anything else with it (a variable index, pointer
    arithmetic, passing it on) or there is no body."""
    body = getattr(function, "body", None)
    if body is None or index >= len(function.params):
        return None
    name = function.params[index].name
    if not name:
        return None
    reach = -1
    for node in walk(body):
        if node.type != "identifier" or text(node) != name:
            continue
        parent = node.parent
        if parent is None:
            return None
        if parent.type == "subscript_expression" and parent.child_by_field_name("argument") == node:
            subscript = parent.child_by_field_name("index")
            value = text(subscript) if subscript is not None else ""
            if value.isdigit():
                reach = max(reach, int(value))
                continue
            bound = _loop_bound(subscript) if subscript is not None and subscript.type == "identifier" else None
            if bound is None:
                return None
            reach = max(reach, bound)
        elif parent.type == "pointer_expression" and text(parent.child_by_field_name("operator")) == "*":
            reach = max(reach, 0)
        elif parent.type == "field_expression" and parent.child_by_field_name("argument") == node:
            reach = max(reach, 0)
        else:
            return None
    return reach


def _loop_bound(index: Node) -> int | None:
    """The highest value a C loop variable takes as an index, for
    `for (i = 0; i < 32; i++)` (31) or `i <= 7` (7), from the nearest
    enclosing `for` whose condition bounds it by a constant."""
    name = text(index)
    loop = index.parent
    while loop is not None and loop.type not in ("function_definition", "compound_statement_root"):
        if loop.type == "for_statement":
            bound = _condition_bound(loop.child_by_field_name("condition"), name)
            if bound is not None:
                return bound
        loop = loop.parent
    return None


def _condition_bound(condition: Node | None, name: str) -> int | None:
    if condition is None or condition.type != "binary_expression":
        return None
    operator = text(condition.child_by_field_name("operator"))
    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
    if operator == "&&":
        bounds = [b for b in (_condition_bound(left, name), _condition_bound(right, name)) if b is not None]
        return min(bounds) if bounds else None
    if operator in ("<", "<=") and left is not None and left.type == "identifier" and text(left) == name \
            and right is not None and right.type == "number_literal" and text(right).isdigit():
        return int(text(right)) - (1 if operator == "<" else 0)
    return None


# --- calls -----------------------------------------------------------------

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


def _parameter_names(declaration: Node) -> list[Node | None]:
    params = declaration.child_by_field_name("parameters")
    names: list[Node | None] = []
    for decl in params.named_children if params is not None else []:
        if decl.type == "variadic_parameter_declaration":
            names.append(None)
            continue
        idents = decl.children_by_field_name("name")
        names.extend(idents or [None])
    return names


def forwarded_to_c(package: PackageModel, declaration: Node, index: int) -> list[tuple[Node, int, SourceFile]]:
    """Where the Go function (or method) `declaration` of this package hands
    its parameter number `index`, unchanged, to a C function:
    (C call, argument index, file) for each `C.f(..., (*C.char)(unsafe.Pointer(p)), ...)`."""
    names = _parameter_names(declaration)
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
                    pinned = _length_base(inner.child_by_field_name("operand"), package, source)
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


# --- verdicts shared by the buffer rules --------------------------------------

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


def nul_terminated(buffer: Buffer, at: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether the buffer visibly holds a C string: its last byte is a NUL the
    program put there as content (`b = append(b, 0)`, `append([]byte(s), 0)`,
    `[]byte("name\\x00")`), not merely room for one or a cleared first byte."""
    return has_terminator(buffer, at, package, source, content_only=True)


def is_c_string_pointer(param: CParam, preamble: CPreamble) -> bool:
    """A `char *` parameter, const or not (many C string setters omit const)."""
    ctype = preamble.resolve(param.ctype)
    return ctype.pointers == 1 and ctype.array is None and ctype.base == "char"


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
                        _length_base(target.child_by_field_name("operand"), package, source)) \
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
        return text(node) in ("'\\x00'", "'\\000'", "'\\u0000'")
    return const_value(node, package, source) == 0


def size_checked(buffer: Buffer, at: Node, package: PackageModel, source: SourceFile) -> bool:
    """Whether an `if` before `at` in the same function compares the buffer's
    length with a size (`if len(src) < aes.BlockSize { panic(...) }`,
    `if len(out) != 32`), not merely with 0 or 1 (an emptiness check)."""
    function = outermost_function(at)
    if function is None:
        return False
    for node in walk(function):
        if node.type != "if_statement" or node.start_byte >= at.start_byte:
            continue
        condition = node.child_by_field_name("condition")
        for comparison in walk(condition) if condition is not None else ():
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
                        and buffer.same(_length_base(args[0], package, source)) \
                        and const_value(other, package, source) not in (0, 1):
                    return True
    return False


@dataclass(frozen=True)
class LengthProblem:
    """Why C cannot know a buffer's length. kind: "none" (no parameter can
    carry it), "short" (a fixed-size array parameter larger than the Go
    buffer), "reach" (the preamble body indexes past the Go buffer's end)."""

    kind: str
    function: CFunction
    param: CParam
    needed: int | None = None   # bytes C reaches ("short", "reach")
    rejected: tuple[str, ...] = ()  # integer parameters judged not to carry the length ("none")

    def explain(self, buffer: Buffer) -> str:
        name = self.function.name
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
    if length_slot(function, index, args, package, source,
                   derived=lambda arg: derived_length(arg, buffer, package, source)) is not None:
        return None
    if is_c_string_pointer(param, preamble) and nul_terminated(buffer, call, package, source):
        return None  # a C string: its end is its terminator (a setter of a non-const `char *`)
    reach = c_param_reach(function, index)
    if reach is None and buffer.shape == SLICE and size_checked(buffer, call, package, source):
        return None  # the Go code enforces a size: C's fixed-size contract is being met
    if reach is not None:
        element = buffer_param_pointee(param, preamble)
        size = 1 if element.base == "void" else preamble.ctype_size(element)
        have = buffer.byte_size
        if size is None or have is None or have >= (reach + 1) * size:
            return None
        return LengthProblem("reach", function, param, (reach + 1) * size)
    rejected = tuple(f"`{p.name}`" if p.name else f"unnamed parameter {p.index + 1}" for p in function.params
                     if p.index != index and length_capable(p, preamble))
    return LengthProblem("none", function, param, rejected=rejected)
