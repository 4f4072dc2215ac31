from __future__ import annotations

import re

from cgolint.block_exits import sole_return_value
from cgolint.buffer_calls import is_c_selector_call
from cgolint.buffer_verdicts import is_c_string_pointer
from cgolint.buffers import stores_into_field
from cgolint.c_string_reads import STRING_READERS, reads_to_nul
from cgolint.call_targets import call_arguments
from cgolint.conversions import (
    container_type,
    element_address,
    is_unsafe_call,
    pointer_conversion,
    single_argument,
    trace_value,
)
from cgolint.expr_keys import never_assigned
from cgolint.go_pointers import c_pointer_conversion
from cgolint.lengths import argument_class, length_slot
from cgolint.nul_termination import bytes_terminated, string_terminated
from cgolint.rule import IMPORT_C, Level, Rule, related_prototype
from cgolint.scopes import parameter_names
from cgolint.source import strip_parens, text

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
# A second character pointer named like the end of a range (`const char
# *begin, const char *end`): C is told where the string stops.
_END_POINTER_NAME = re.compile(r"^(end|last|limit|stop|eos|pe|\w+_end|end_\w+)$")


def _ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"#{index + 1}"


class GoStringAsCString(Rule):
    """Go string bytes passed to C where C expects a NUL-terminated string.

    ## What it does
    Finds C calls whose argument, through `(*C.char)(...)`,
    `unsafe.Pointer(...)` and local variables, is the memory of a Go string
    or of a byte slice with no terminating 0: `unsafe.StringData(s)` (also
    returned by a package helper of one `return`: `cstr(s)`),
    `&[]byte(s)[0]`, or `&b[0]`/`unsafe.SliceData(b)` of `b := []byte(s)`.
    It reports them where the C side reads the parameter as a C string:

    - libc functions that take a string and no length for it (`strlen`,
      `strcpy`'s source, `strcmp`, `puts`, `atoi`, `fopen`, `getenv`,
      `strdup`, `dlopen`, ...), and cgo's own `C.GoString`;
    - preamble functions whose `char *` (or `const unsigned char *`)
      parameter the body reads as a string: passes it, or a local copy of
      it, to such a function or to a `%s` of the printf family (not `%.*s`,
      which stops at a length), or scans it for `'\\0'`;
    - declared prototypes (no body in sight) with a `const char *` parameter
      and no length slot beside it.

    A length slot is judged as in CGL003: an integer parameter named like a
    length (`n`, `len`, `size`, `nbytes`, `*_len`, ...) or typed `size_t`,
    or one given `len(...)`, or an unnamed or neutral one given anything
    not visibly something else, means C may be told the length and the call
    is not reported. A parameter named like an index, option, flag or code
    (`int opt`, `int i`, `int col`, `int flags`) is not a length slot:
    `C.setopt_str(1, (*C.char)(unsafe.Pointer(unsafe.StringData(s))))` is
    reported. A second `char *` parameter named like the end of a range
    (`end`, `limit`, `*_end`: `count(const char *begin, const char *end)`)
    bounds the bytes too, and the call is not reported.

    A string is taken to be terminated when source shows the 0: a literal
    ending in `\\x00`, `s + "\\x00"`, `append([]byte(s), 0)`, `b = append(b, 0)`,
    `[]byte("abc\\x00")`. `unsafe.StringData(x.f)` of a struct field is
    judged by the stores into fields named `f` in the package: unterminated
    when there are none or all are known unterminated strings (parameters,
    library results); not judged when one ends in a NUL or cannot be
    followed. Other strings and slices of unknown origin are not judged.

    ## Why is this bad?
    Go strings carry their length in the header and have no NUL terminator.
    C code that reads a `char *` as a string walks until it finds a 0 byte:
    past the end of the Go string into whatever memory follows, reading
    other data or faulting; `unsafe.StringData` of an empty string may even
    be nil. No runtime check (cgocheck included) sees this: the pointer
    itself is a legal argument.

    ## Example
    ```go
    func exists(path string) bool {
        p := (*C.char)(unsafe.Pointer(unsafe.StringData(path)))
        return C.access(p, C.F_OK) == 0
    }
    ```

    ## Use instead
    ```go
    func exists(path string) bool {
        p := C.CString(path)
        defer C.free(unsafe.Pointer(p))
        return C.access(p, C.F_OK) == 0
    }
    ```

    ## Fix safety
    No fix is offered: `C.CString` allocates C memory that must be freed, and
    appending a 0 to a byte slice may need a new variable; both are changes
    a person should make.

    ## References
    - https://pkg.go.dev/cmd/cgo#hdr-Go_references_to_C (C.CString)
    - https://pkg.go.dev/unsafe#StringData
    - https://go.dev/ref/spec#String_types
    """

    code = "CGL008"
    name = "go-string-as-c-string"
    markers = (IMPORT_C,)
    level = Level.ERROR
    precision = "high"
    security_severity = 7.5
    tags = ("security", "cgo", "memory-safety")
    node_kinds = ("call_with_arguments",)

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo

    def check(self, node, ctx):
        if not is_c_selector_call(node, ctx.file):
            return  # cheap test first: only `C.f(...)` calls matter
        target = ctx.call_target(node)
        if target.kind != "c":
            return
        function = ctx.package.preamble.function(target.name)
        if function is None and target.name not in STRING_READERS:
            return  # a C type conversion, or a function whose parameters source does not show
        args = call_arguments(node)
        for index, arg in enumerate(args):
            if not self._expects_string(target.name, function, index, args, ctx):
                continue
            described = self._unterminated(arg, node, ctx)
            if described is None:
                continue
            related = (related_prototype(function),) if function is not None else ()
            yield self.report(
                arg,
                f"`{text(arg)}` passes {described} to C.{target.name}, which reads its {_ordinal(index)} argument "
                f"as a NUL-terminated C string: Go strings carry no terminator, so C.{target.name} reads past the "
                f"end into other memory; pass C.CString(...) and C.free it afterwards, or build the bytes with a "
                f"trailing 0 (append([]byte(s), 0))",
                related=related)

    # --- the C side ---------------------------------------------------------
    def _expects_string(self, name: str, function, index: int, args, ctx) -> bool:
        """Whether C.name (`function` in the preamble, or None) reads argument
        `index` as a NUL-terminated string."""
        preamble = ctx.package.preamble
        if name in STRING_READERS:
            if function is None or not function.has_body:
                return index in STRING_READERS[name]
        if function is None or index >= len(function.params):
            return False
        param = function.params[index]
        ctype = preamble.resolve(param.ctype)
        if not is_c_string_pointer(param, preamble):
            return False
        if ctype.base != "char" and not function.has_body:
            return False  # `const unsigned char *` is text only when a body reads it as such (a key, a digest...)
        if len(args) != len(function.params):
            return False
        slot = length_slot(function, index, args, ctx.package, ctx.file,
                           derived=lambda arg: argument_class(arg, ctx.package, ctx.file) == "length")
        if function.body is not None:  # what the body does decides
            bounds = tuple(p.name for p in function.params if p.name and p.index != index) if slot is not None else None
            if not param.name:
                return False
            verdicts = ctx.package.memo("c string reads")  # one walk of the body per parameter
            key = (name, index, bounds)
            if key not in verdicts:
                verdicts[key] = reads_to_nul(function.body, param.name, bounds)
            return verdicts[key]
        if slot is not None:
            return False  # a length is passed alongside (or the prototype has a slot named for one)
        if any(other.index != index and _END_POINTER_NAME.match(other.name) and _is_char_pointer(other, preamble)
               for other in function.params):
            return False  # a begin/end pair: the end pointer bounds the bytes
        return ctype.const

    # --- the Go side --------------------------------------------------------
    def _unterminated(self, arg, call, ctx) -> str | None:
        """A description of the Go bytes `arg` points at when they are known
        to lack a terminating 0; None otherwise."""
        source, model = ctx.file, ctx.package
        node = strip_parens(arg)
        for _ in range(12):
            if node is None:
                return None
            conversion = pointer_conversion(node, source)
            if conversion is not None and not conversion.deref:
                node = strip_parens(conversion.operand)
                continue
            if is_unsafe_call(node, "Pointer", source, model):
                node = strip_parens(single_argument(node))
                continue
            if node.type == "call_expression" and is_c_selector_call(node, source):
                target = model.call_target(node, source)  # `C.SPTR(p)`: a C pointer typedef
                if target.kind == "c" and c_pointer_conversion(node, target.name, model, source):
                    node = strip_parens(single_argument(node))
                    continue
            if node.type == "identifier":
                traced = trace_value(node, source, model)
                if traced is None or traced == node:
                    return None
                node = traced
                continue
            break
        if node is None:
            return None
        string = _string_behind(node, source, model)
        if string is not False:
            if string is None:
                return None
            terminated = string_terminated(string, source, model)
            if terminated is None and strip_parens(string).type == "selector_expression":
                terminated = self._field_terminated(strip_parens(string), ctx)
            if terminated is False:
                return f"the bytes of the Go string {text(string)}"
            return None
        address = element_address(node, source, model)
        if address is None or (address.kind == "index" and not address.index_is_zero):
            return None
        container = strip_parens(address.container)
        slice_type = container_type(address, source, model)
        if slice_type is None or slice_type.kind != "slice" or slice_type.elem is None \
                or model.underlying(slice_type.elem) is None \
                or model.underlying(slice_type.elem).name not in ("byte", "uint8"):
            return None
        if bytes_terminated(container, call, source, model) is not False:
            return None
        if container.type in ("type_conversion_expression", "call_expression"):
            return f"a copy of the bytes of {text(_converted(container))} with no terminating 0"
        return f"{text(container)}, a []byte with no terminating 0,"

    @staticmethod
    def _field_terminated(field, ctx) -> bool | None:
        """Whether a Go struct field read by `unsafe.StringData(x.f)` ends in a
        NUL: `unsafe.StringData` takes only strings, and a Go string has no
        terminator unless the program adds one, so the field is taken as
        unterminated (False) when every store into a field of that name in the
        package is a known unterminated string (a string parameter, a library
        call's result) or there is none; None when a store ends in a NUL or
        cannot be followed."""
        name = text(field.child_by_field_name("field"))
        for value, source in stores_into_field(name, ctx.package):
            if value is None:
                return None
            if string_terminated(value, source, ctx.package) is not False:
                return None  # terminated, or a value this rule cannot follow
        return False


def _string_behind(node, source, model):
    """The string whose bytes `node` points at: `unsafe.StringData(s)`, or a
    package helper that returns that of its parameter (`cstr(path)`); None
    when it is such a call but the string is unknown, False when it is not."""
    if is_unsafe_call(node, "StringData", source, model):
        return single_argument(node)
    target = model.call_target(node, source) if node.type == "call_expression" else None
    index = _string_data_parameter(target.node, model) if target is not None and target.kind == "func" \
        and target.node is not None else None
    if index is None:
        return False
    args = call_arguments(node)
    return args[index] if index < len(args) else None


def _string_data_parameter(function, model) -> int | None:
    """For `func cstr(s string) *C.char { return (*C.char)(unsafe.Pointer(
    unsafe.StringData(s))) }`: the index of the parameter whose bytes the
    function returns, when it never assigns it; None otherwise."""
    memo = model.memo("string data helpers")
    if function not in memo:
        memo[function] = None
        source = model.file_of(function)
        value = strip_parens(sole_return_value(function))
        for _ in range(8):
            conversion = pointer_conversion(value, source) if value is not None else None
            if conversion is not None and not conversion.deref:
                value = strip_parens(conversion.operand)
            elif value is not None and is_unsafe_call(value, "Pointer", source, model):
                value = strip_parens(single_argument(value))
            else:
                break
        string = strip_parens(single_argument(value)) \
            if value is not None and is_unsafe_call(value, "StringData", source, model) else None
        names = [text(n) if n is not None else None for n in parameter_names(function)]
        if string is not None and string.type == "identifier" and text(string) in names \
                and never_assigned(string, source, model):
            memo[function] = names.index(text(string))
    return memo[function]


def _is_char_pointer(param, preamble) -> bool:
    ctype = preamble.resolve(param.ctype)
    return ctype.base == "char" and ctype.pointers == 1 and ctype.array is None


def _converted(conversion):
    operand = conversion.child_by_field_name("operand")
    if operand is None:
        args = call_arguments(conversion)
        operand = args[0] if args else conversion
    return operand
