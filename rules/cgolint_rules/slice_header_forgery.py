from __future__ import annotations

import re

from tree_sitter import Node

from cgolint.call_targets import CallTarget
from cgolint.conversions import (
    declared_with,
    enclosing_deref,
    is_unsafe_call,
    local_symbol,
    pointer_conversion,
    simple_operand,
    single_argument,
    trace_value,
    uses_after,
)
from cgolint.gotypes import GoType, parse_type
from cgolint.memory_origins import C_MEMORY, GO_MEMORY
from cgolint.rule import Edit, Fix, Level, Rule
from cgolint.scopes import outermost_function
from cgolint.source import strip_parens, text, walk
from cgolint.toolchain import go_version_at_least, in_go_distribution

_HEADERS = {"reflect.SliceHeader": "slice", "reflect.StringHeader": "string"}
_FIELDS = ("Data", "Len", "Cap")


def _header(t: GoType | None) -> str | None:
    """"slice" or "string" for reflect.SliceHeader / reflect.StringHeader."""
    return _HEADERS.get(t.name) if t is not None and t.kind == "struct" else None


def _header_layout(t: GoType | None, model) -> str | None:
    """"slice" or "string" for a struct of this package laid out like one
    (a pointer or uintptr, then two or one ints), or an array of three or
    two words (`[3]uintptr`): a home-made header."""
    u = model.underlying(t) if t is not None else None
    if u is not None and u.kind == "array" and u.length in (2, 3):
        fields = [model.underlying(u.elem)] * u.length
    else:
        fields = [model.underlying(f) for _, f in u.fields] if u is not None and u.kind == "struct" else []
    if len(fields) not in (2, 3) or any(f is None for f in fields):
        return None
    first_is_pointer = fields[0].kind in ("unsafe_pointer", "pointer") or fields[0].name == "uintptr"
    ints = all(f.kind == "basic" and f.name in ("int", "uint", "uintptr", "int64", "uint64") for f in fields[1:])
    return ("string" if len(fields) == 2 else "slice") if first_is_pointer and ints else None


def _shape(t: GoType | None, model) -> str:
    u = model.underlying(t) if t is not None else None
    if u is not None and u.kind == "pointer":
        u = model.underlying(u.elem)
    return "an array" if u is not None and u.kind == "array" else "a struct"


def _resolved(t: GoType | None, node, ctx) -> GoType | None:
    """The underlying type of `t` where `node` is: a type declared in the
    function around it wins over the package's of the same name."""
    if t is not None and t.kind == "named":
        local = _local_type(t.name, node, ctx.file)
        if local is not None:
            return ctx.package.underlying(local)
    return ctx.package.underlying(t)


def _local_type(name: str, node, source) -> GoType | None:
    """The type `name` declared inside the function around `node` (`type
    sliceHeader struct{...}` in the function's body), which the package's
    declarations do not hold."""
    function = outermost_function(node)
    specs = [spec for spec in walk(function) if spec.type == "type_spec"
             and text(spec.child_by_field_name("name")) == name] if function is not None else []
    return parse_type(specs[0].child_by_field_name("type"), source.imports) if len(specs) == 1 else None


def _replacement(kind: str) -> str:
    if kind == "slice":
        return "unsafe.Slice(ptr, len) to build a slice, unsafe.SliceData(s) and len(s) to read one"
    return "unsafe.String(ptr, len) to build a string, unsafe.StringData(s) and len(s) to read one"


_BUILTIN_NEW = CallTarget("builtin", "new")


def _may_concern(node, kind: str, data: bytes) -> bool:
    """A byte test on the type a node spells, before any model question:
    most calls and literals of a file that uses unsafe are not about
    headers, strings or slices at all (`(*C.char)(p)`, `T{...}`)."""
    if kind == "assignment_statement":
        return True  # field writes: checked by field name, cheaply
    if kind == "call_expression":
        spelled = node.child_by_field_name("function")
        if spelled is not None and spelled.type == "identifier":
            return spelled.text == b"new"
    else:
        spelled = node.child_by_field_name("type")
    if spelled is None:
        return False
    spelled = data[spelled.start_byte:spelled.end_byte]
    if kind in ("composite_literal", "var_spec"):
        return b"eader" in spelled  # (also `type header reflect.SliceHeader`)
    return b"eader" in spelled or b"string" in spelled or b"[]" in spelled or \
        (b"dr" in spelled or b"[2]" in spelled or b"[3]" in spelled) and _HEADER_LIKE.search(spelled) is not None


# The pointer types a home-made header view converts to, spelled: a type
# named like a header (`*sliceHeader`, `*hdr`) or an array of two or three
# words (`*[3]uintptr`).
_HEADER_LIKE = re.compile(rb"\(\s*\*\s*(?:\w*(?:[Hh]eader|[Hh]dr)\w*|\[[23]\]\s*u?int(?:ptr)?)\s*\)")


def _data_origin(literal, ctx) -> str | None:
    """Where the literal's `Data:` element points: C_MEMORY
    (`uintptr(unsafe.Pointer(info.aConstraint))`), GO_MEMORY, or None
    when source does not say (or there is no `Data:`)."""
    body = literal.child_by_field_name("body")
    for element in body.named_children if body is not None else ():
        key, value = element.child_by_field_name("key"), element.child_by_field_name("value")
        if element.type == "keyed_element" and key is not None and text(key).strip() == "Data" \
                and value is not None and value.named_children:
            return ctx.package.origin_of(value.named_children[0], ctx.file)
    return None


def _never_evaluated(node, ctx) -> bool:
    """Inside the operand of unsafe.Sizeof, Alignof or Offsetof, which the
    compiler sizes and never evaluates: `unsafe.Sizeof(reflect.SliceHeader{})`
    allocates nothing."""
    parent = node.parent
    while parent is not None and not parent.type.endswith(("statement", "declaration", "func_literal")):
        if parent.type == "call_expression":
            target = ctx.call_target(parent)
            if target.kind == "unsafe" and target.name in ("Sizeof", "Alignof", "Offsetof"):
                return True
        parent = parent.parent
    return False


class SliceHeaderForgery(Rule):
    """Slices and strings built or read through `reflect.SliceHeader`/`StringHeader`, or by reinterpreting one header as the other.

    ## What it does
    Reports, in files that import `reflect` (under any name) or `unsafe`:

    - a `reflect.SliceHeader` or `reflect.StringHeader` composite literal,
      `new(...)`, or `var h reflect.SliceHeader` (also of a type defined as
      one: `type header reflect.SliceHeader`);
    - a conversion to `*reflect.SliceHeader`/`*reflect.StringHeader`, such
      as `(*reflect.SliceHeader)(unsafe.Pointer(&s))`;
    - a write to the `Data`, `Len` or `Cap` field of a header that comes from
      elsewhere (a parameter, a field);
    - a string header read as a slice header or back through
      `unsafe.Pointer`: `*(*string)(unsafe.Pointer(&b))` where `b` is a
      slice, `*(*[]byte)(unsafe.Pointer(&s))` where `s` is a string;
    - the same with a header of the package's own, a struct laid out like
      the runtime's (a pointer or `uintptr`, then one or two ints) or an
      array of three or two `uintptr`s: a slice or string forged from one
      (`*(*[]byte)(unsafe.Pointer(&hdr))`, also through a pointer to one:
      `h := new(sliceHeader)`), or a slice or string viewed through one
      (`(*sliceHeader)(unsafe.Pointer(&s))`, `(*[3]uintptr)(unsafe.Pointer(&s))`).
      A view is looked for where the pointer type is named like a header
      (`...Header`, `...header`, `...hdr`, `...Hdr`) or is such an array.
      Not in the Go distribution's own packages, which define that layout.

    `unsafe.Slice`, `unsafe.String`, `unsafe.SliceData` and
    `unsafe.StringData` are the replacements and are never reported.

    ## Why is this bad?
    `reflect.SliceHeader` and `reflect.StringHeader` are deprecated (Go 1.21):
    their `Data` field is a `uintptr`, which the garbage collector does not
    treat as a pointer, so memory referenced only through a header can be
    freed while the slice is being built, and a program must not declare or
    allocate values of these types. Reinterpreting headers depends on the
    runtime's private layout: `*(*[]byte)(unsafe.Pointer(&s))` reads the
    slice's capacity from whatever follows the string header in memory, and
    writes through the result modify immutable string data. Go 1.20 added
    `unsafe.Slice`, `unsafe.String`, `unsafe.SliceData` and
    `unsafe.StringData`, which say the same thing without either hazard.

    ## Example
    ```go
    func bytesToString(b []byte) string {
        return *(*string)(unsafe.Pointer(&b))
    }

    func view(p *C.char, n C.int) []byte {
        var b []byte
        h := (*reflect.SliceHeader)(unsafe.Pointer(&b))
        h.Data, h.Len, h.Cap = uintptr(unsafe.Pointer(p)), int(n), int(n)
        return b
    }
    ```

    ## Use instead
    ```go
    func bytesToString(b []byte) string {
        return unsafe.String(unsafe.SliceData(b), len(b))
    }

    func view(p *C.char, n C.int) []byte {
        return unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
    }
    ```

    ## Fix safety
    `*(*string)(unsafe.Pointer(&b))` becomes
    `unsafe.String(unsafe.SliceData(b), len(b))` when `b` is known to be a
    `[]byte`, and `*(*[]byte)(unsafe.Pointer(&s))` becomes
    `unsafe.Slice(unsafe.StringData(s), len(s))` when `s` is known to be a
    `string`; only where `b`/`s` is a variable or field (evaluated twice
    without side effects), the value is read (not assigned to), and the
    module allows Go 1.20. The string result is the same; the slice result
    gets a capacity equal to its length instead of a value read from
    unrelated memory. Header literals, conversions and field writes have no
    fix: the rewrite spans several statements.

    ## References
    - https://pkg.go.dev/reflect#SliceHeader
    - https://pkg.go.dev/unsafe#Slice
    - https://pkg.go.dev/unsafe#String
    - https://go.dev/doc/go1.20#unsafe
    """

    code = "CGL007"
    name = "slice-header-forgery"
    markers = (b"SliceHeader", b"StringHeader", b"(*string)(", b"(*[]")  # narrowed further by `wants`
    level = Level.WARNING
    precision = "high"
    security_severity = 5.0
    tags = ("security", "unsafe", "deprecated")
    fixable = True
    node_kinds = ("composite_literal", "call_with_arguments", "type_conversion_expression", "var_spec",
                  "assignment_statement")

    @classmethod
    def wants(cls, data):
        if b"SliceHeader" in data or b"StringHeader" in data:
            return b'"unsafe"' in data or b'"reflect"' in data
        # a reinterpretation converts `unsafe.Pointer(&x)` (or a variable
        # holding one) to `*string` or `*[]T`
        return b'"unsafe"' in data and b"Pointer(&" in data and (
            b"(*string)(" in data or b"(*[]" in data or _HEADER_LIKE.search(data) is not None)

    @classmethod
    def applies(cls, source, package):
        return bool(source.import_name("unsafe") or source.import_name("reflect"))

    def __init__(self):
        self._reported: set[int] = set()

    def check(self, node, ctx):  # `applies` saw the file import reflect or unsafe
        kind = node.type
        if not _may_concern(node, kind, ctx.file.data):
            return
        if kind == "composite_literal":
            yield from self._literal(node, ctx)
        elif kind == "var_spec":
            yield from self._var(node, ctx)
        elif kind == "assignment_statement":
            yield from self._field_writes(node, ctx)
        else:
            yield from self._call(node, ctx)

    def _once(self, node) -> bool:
        if node.start_byte in self._reported:
            return False
        self._reported.add(node.start_byte)
        return True

    def _literal(self, node, ctx):
        header = self._declared_header(node.child_by_field_name("type"), ctx)
        if header and not _never_evaluated(node, ctx) and not self._stored_through_view(node, ctx) \
                and self._once(node):
            name = text(node.child_by_field_name("type"))
            reflect_name = "reflect.SliceHeader" if header == "slice" else "reflect.StringHeader"
            what = name if name.endswith(reflect_name.split(".")[1]) and "." in name else f"{name}, a {reflect_name},"
            # Over C memory the garbage collector is not at stake: the type's rules still are
            origin = _data_origin(node, ctx)
            why = "its Data is a uintptr the garbage collector does not track, so the memory can be freed meanwhile" \
                if origin == GO_MEMORY else (
                    "its Data holds C memory here, which the garbage collector never frees, but the reflect "
                    "documentation warns that the type's representation may change" if origin == C_MEMORY else
                    "its Data is a uintptr the garbage collector does not track: Go memory referenced only through "
                    "it can be freed meanwhile, and the reflect documentation warns that the type's "
                    "representation may change")
            yield self.report(
                node,
                f"`{name}{{...}}` builds a {header} header by hand: {what} is deprecated (Go 1.21) and must not be "
                f"allocated; {why}; use {_replacement(header)} (Go 1.20+)",
                end_node=node.child_by_field_name("type"))

    @staticmethod
    def _stored_through_view(literal, ctx) -> bool:
        """`*(*reflect.SliceHeader)(unsafe.Pointer(&b)) = reflect.SliceHeader{...}`:
        the view is reported, and one finding says it all (karalabe/usb)."""
        values = literal.parent
        statement = values.parent if values is not None and values.type == "expression_list" else None
        if statement is None or statement.type != "assignment_statement":
            return False
        targets = statement.child_by_field_name("left").named_children
        position = [v.start_byte for v in values.named_children].index(literal.start_byte)
        if len(targets) != len(values.named_children):
            return False
        target = strip_parens(targets[position])
        if target.type != "unary_expression" or text(target.child_by_field_name("operator")) != "*":
            return False
        conversion = pointer_conversion(strip_parens(target.child_by_field_name("operand")), ctx.file)
        return conversion is not None and conversion.target is not None and conversion.target.kind == "pointer" \
            and bool(_header(conversion.target.elem))

    @staticmethod
    def _declared_header(type_node, ctx) -> str | None:
        """The header a spelled type is: reflect.SliceHeader, or a type of the
        package defined as one (`type header reflect.SliceHeader`)."""
        spelled = parse_type(type_node, ctx.file.imports)
        return _header(spelled) or _header(_resolved(spelled, type_node, ctx))

    def _var(self, node, ctx):
        type_node = node.child_by_field_name("type")
        header = self._declared_header(type_node, ctx)
        if header and self._once(node):
            names = ", ".join(text(n) for n in node.children_by_field_name("name"))
            yield self.report(
                node,
                f"`{names}` is declared as a {text(type_node)}: the type is deprecated (Go 1.21) and a program must "
                f"not declare values of it; its Data is a uintptr the garbage collector does not track; use "
                f"{_replacement(header)} (Go 1.20+)")

    def _field_writes(self, node, ctx):
        left = node.child_by_field_name("left")
        for target in left.named_children if left is not None else []:
            if target.type != "selector_expression" or text(target.child_by_field_name("field")) not in _FIELDS:
                continue
            operand = strip_parens(target.child_by_field_name("operand"))
            header_type = ctx.package.underlying(ctx.type_of(operand))
            if header_type is not None and header_type.kind == "pointer":
                header_type = header_type.elem
            header = _header(header_type)
            if not header or self._declared_here(operand, ctx) or not self._once(target):
                continue
            yield self.report(
                target,
                f"`{text(target)}` is written through a reflect.{header.capitalize()}Header: forging a {header} from "
                f"a uintptr the garbage collector does not track can leave it pointing at freed memory, and the type "
                f"is deprecated (Go 1.21); use {_replacement(header)} (Go 1.20+)")

    def _declared_here(self, operand, ctx) -> bool:
        """A header made by a literal, new, a conversion or a var in this
        function: reported where it is made, not at every field write."""
        if operand is None:
            return False
        if operand.type != "identifier":
            return pointer_conversion(operand, ctx.file) is not None
        symbol = local_symbol(operand, ctx.file, ctx.package)
        if symbol is None or symbol.kind != "local":
            return False
        if symbol.type_node is not None and _header(parse_type(symbol.type_node, ctx.file.imports)):
            return True
        values = ([symbol.value] if symbol.value is not None else []) + [rhs for _, rhs in symbol.writes if rhs is not None]
        for value in values:
            value = strip_parens(value)
            if value is None:
                continue
            if value.type == "unary_expression":
                value = strip_parens(value.child_by_field_name("operand"))
            if value is not None and value.type in ("composite_literal", "call_expression", "type_conversion_expression"):
                return True
        return False

    def _call(self, node, ctx):
        source, model = ctx.file, ctx.package
        function = node.child_by_field_name("function") if node.type == "call_expression" else None
        if function is not None and function.type == "identifier" and text(function) == "new":
            argument = single_argument(node)
            header = _header(parse_type(argument, source.imports))
            # the type first: asking the model whether `new` is the builtin can mean a scan of the package
            if header and model.call_target(node, source) == _BUILTIN_NEW and not _never_evaluated(node, ctx) \
                    and self._once(node):
                yield self.report(
                    node,
                    f"`{text(node)}` allocates a {text(argument)}: the type is deprecated (Go 1.21) and must not "
                    f"be allocated; its Data is a uintptr the garbage collector does not track; use "
                    f"{_replacement(header)} (Go 1.20+)")
            return
        conversion = pointer_conversion(node, source)
        if conversion is None or conversion.target is None or conversion.target.kind != "pointer":
            return
        pointee = conversion.target.elem
        home_made = self._home_made_view(conversion, pointee, ctx) \
            if not _header(pointee) and not in_go_distribution(model) else None
        if home_made:
            if self._once(node):
                viewed = self._viewed(conversion, ctx)
                shape = f"*{pointee}, {_shape(pointee, ctx.package)} laid out like its {home_made} header"
                if viewed and self._viewed_kind(conversion, ctx) == home_made \
                        and _fields_only_read(node, ctx, _resolved(pointee, node, ctx)):
                    yield self.report(
                        node, f"`{viewed}` is viewed as {shape}, to read its fields: this relies on the runtime's "
                              f"private layout; read them with {_readers(home_made, viewed)} (Go 1.20+)")
                    return
                yield self.report(
                    node,
                    f"`{viewed}` is viewed as {shape}: this relies on the runtime's private layout, and a {home_made} "
                    f"written through it can point at memory the garbage collector frees; use "
                    f"{_replacement(home_made)} (Go 1.20+)")
            return
        header = _header(pointee)
        if header:
            if self._once(node) and not self._header_itself(conversion, ctx):
                viewed = self._viewed(conversion, ctx)
                if viewed and self._viewed_kind(conversion, ctx) == header and _fields_only_read(node, ctx, pointee):
                    yield self.report(
                        node,
                        f"`{viewed}` is viewed as *reflect.{header.capitalize()}Header to read its fields: the type "
                        f"is deprecated (Go 1.21) and the view relies on the runtime's layout of a {header}; read "
                        f"them with {_readers(header, viewed)} (Go 1.20+)")
                    return
                # a view of a live variable: its Data word is the variable's own, scanned while it lives
                hazard = (f"its Data is a uintptr: a pointer read from it keeps nothing alive once `{viewed}` is no "
                          f"longer used, and a {header} written through it can point at freed memory") if viewed else \
                    (f"its Data is a uintptr the garbage collector does not track, so a {header} forged or read "
                     f"through it can point at freed memory")
                yield self.report(
                    node,
                    f"{f'`{viewed}` is viewed' if viewed else 'memory is viewed'} as *reflect.{header.capitalize()}Header: "
                    f"the type is deprecated (Go 1.21) and {hazard}; use {_replacement(header)} (Go 1.20+)")
            return
        if pointee is None or pointee.kind not in ("string", "slice"):
            return
        yield from self._reinterpretation(conversion, pointee, ctx)

    def _header_itself(self, conversion, ctx) -> bool:
        """`(*reflect.SliceHeader)(unsafe.Pointer(&header))` of a variable that
        already is one (wasmer-go): no view, and its declaration is reported."""
        operand = strip_parens(conversion.operand)
        if not is_unsafe_call(operand, "Pointer", ctx.file, ctx.package):
            return False
        inner = strip_parens(single_argument(operand))
        if inner is None or inner.type != "unary_expression" or text(inner.child_by_field_name("operator")) != "&":
            return False
        variable = strip_parens(inner.child_by_field_name("operand"))
        symbol = local_symbol(variable, ctx.file, ctx.package) if variable.type == "identifier" else None
        # only a local whose declaration is reported (`var header reflect.SliceHeader`), not a parameter or field
        return symbol is not None and symbol.kind == "local" and symbol.type_node is not None \
            and bool(self._declared_header(symbol.type_node, ctx))

    def _viewed_kind(self, conversion, ctx) -> str:
        """"slice" or "string": what the viewed variable is (a string viewed as
        a slice header reads past its two words); "" if neither or unknown."""
        viewed, through_pointer = self._viewed_value(conversion, ctx)
        t = ctx.package.underlying(ctx.type_of(viewed)) if viewed is not None else None
        if through_pointer and t is not None:
            t = ctx.package.underlying(t.elem)
        return t.kind if t is not None and t.kind in ("slice", "string") else ""

    def _viewed(self, conversion, ctx) -> str:
        viewed, through_pointer = self._viewed_value(conversion, ctx)
        return "" if viewed is None else f"*{text(viewed)}" if through_pointer else text(viewed)

    def _viewed_value(self, conversion, ctx) -> tuple[Node | None, bool]:
        """(x, False) of `unsafe.Pointer(&x)`, or (p, True) of
        `unsafe.Pointer(p)` where p points to a slice or a string (gotk4's
        `gostr *string`); (None, False) for anything else."""
        operand = strip_parens(conversion.operand)
        inner = strip_parens(single_argument(operand)) if is_unsafe_call(operand, "Pointer", ctx.file, ctx.package) \
            else None
        if inner is not None and inner.type == "unary_expression" and text(inner.child_by_field_name("operator")) == "&":
            return inner.child_by_field_name("operand"), False
        if inner is not None and inner.type == "identifier":
            t = ctx.package.underlying(ctx.type_of(inner))
            elem = ctx.package.underlying(t.elem) if t is not None and t.kind == "pointer" and t.elem is not None else None
            if elem is not None and elem.kind in ("slice", "string"):
                return inner, True
        return None, False

    def _reinterpretation(self, conversion, pointee, ctx):
        source, model = ctx.file, ctx.package
        operand = trace_value(conversion.operand, source, model)
        if not is_unsafe_call(operand, "Pointer", source, model):
            return
        address = strip_parens(single_argument(operand))
        if address is None:
            return
        if address.type != "unary_expression" or text(address.child_by_field_name("operator")) != "&":
            # `h := &sliceHeader{...}` or `new(sliceHeader)`: a pointer to a home-made header
            pointer = model.underlying(model.type_of(address, source))
            header = model.underlying(pointer.elem) if pointer is not None and pointer.kind == "pointer" else None
            if header is not None and not _header(header) and _header_layout(header, model) == pointee.kind \
                    and not in_go_distribution(model):
                yield from self._forged(conversion, pointee.kind, address, ctx)
            return
        value = strip_parens(address.child_by_field_name("operand"))
        value_type = model.type_of(value, source)
        underlying = _resolved(value_type, conversion.node, ctx)
        if underlying is None:
            return
        if pointee.kind == "string" and underlying.kind == "slice":
            result_kind = "string"
        elif pointee.kind == "slice" and underlying.kind == "string":
            result_kind = "slice"
        elif not _header(underlying) and _header_layout(underlying, model) == pointee.kind \
                and not in_go_distribution(model):
            # (the runtime and reflect define the layout they rely on)
            yield from self._forged(conversion, pointee.kind, value, ctx)
            return
        else:
            return
        deref = enclosing_deref(conversion)
        reported = deref if deref is not None else conversion.node
        if not self._once(reported):
            return
        name = text(value)
        fix = self._fix(reported, deref, conversion, operand, value, value_type, pointee, ctx)
        if result_kind == "string":
            message = (f"`{text(reported)}` reinterprets the slice header of {name} as a string header: this relies on "
                       f"the runtime's private layout and the string changes if {name}'s bytes do; use "
                       f"unsafe.String(unsafe.SliceData({name}), len({name})) (Go 1.20+) and do not modify {name} "
                       f"afterwards")
        else:
            message = (f"`{text(reported)}` reinterprets the string header of {name} as a slice header: the capacity "
                       f"is read from whatever memory follows the string header, and writes through the slice modify "
                       f"immutable string data; use unsafe.Slice(unsafe.StringData({name}), len({name})) (Go 1.20+) "
                       f"and never write to it")
        yield self.report(reported, message, fix=fix)

    def _forged(self, conversion, kind: str, value, ctx):
        """`*(*[]byte)(unsafe.Pointer(&hdr))` of a home-made header struct."""
        deref = enclosing_deref(conversion)
        reported = deref if deref is not None else conversion.node
        if self._once(reported):
            yield self.report(
                reported,
                f"`{text(reported)}` forges a {kind} from `{text(value)}`, {_shape(ctx.type_of(value), ctx.package)} "
                f"laid out like a {kind} header: "
                f"this relies on the runtime's private layout, and nothing tells the garbage collector what the "
                f"data pointer keeps alive; use {_replacement(kind)} (Go 1.20+)")

    def _home_made_view(self, conversion, pointee, ctx) -> str | None:
        """"slice"/"string" for `(*sliceHeader)(unsafe.Pointer(&s))`: a slice
        or string viewed through a struct of this package laid out like its
        header."""
        kind = _header_layout(pointee, ctx.package)
        operand = strip_parens(conversion.operand)
        inner = strip_parens(single_argument(operand)) if kind and \
            is_unsafe_call(operand, "Pointer", ctx.file, ctx.package) else None
        if inner is None or inner.type != "unary_expression" or text(inner.child_by_field_name("operator")) != "&":
            return None
        viewed = ctx.package.underlying(ctx.type_of(inner.child_by_field_name("operand")))
        return kind if viewed is not None and viewed.kind == kind else None

    def _fix(self, reported, deref, conversion, operand, value, value_type, pointee, ctx):
        source, model = ctx.file, ctx.package
        unsafe_name = source.import_name("unsafe")
        if deref is None or not unsafe_name or unsafe_name == "." or not simple_operand(value):
            return None
        if strip_parens(conversion.operand) is not operand and strip_parens(conversion.operand) != operand:
            return None  # the pointer went through a variable: rewriting here would leave it unused
        if _is_written(reported) or not go_version_at_least(model, 20):
            return None
        name = text(value)
        if pointee.kind == "string":
            underlying = model.underlying(value_type)
            if pointee.name != "string" or underlying.elem is None or underlying.elem.name not in ("byte", "uint8"):
                return None
            if model.underlying(underlying.elem) != underlying.elem:
                return None
            replacement = f"{unsafe_name}.String({unsafe_name}.SliceData({name}), len({name}))"
        else:
            if value_type is None or value_type.kind != "string" or pointee.elem is None \
                    or pointee.elem.kind != "basic" or pointee.elem.name not in ("byte", "uint8"):
                return None
            replacement = f"{unsafe_name}.Slice({unsafe_name}.StringData({name}), len({name}))"
        return Fix(f"Replace with `{replacement}`", (Edit(reported.start_byte, reported.end_byte, replacement),))


def _readers(kind: str, viewed: str) -> str:
    """What reads a slice's or a string's header fields without a header."""
    if kind == "slice":
        return f"unsafe.SliceData({viewed}), len({viewed}) and cap({viewed})"
    return f"unsafe.StringData({viewed}) and len({viewed})"


def _fields_only_read(conversion, ctx, header: GoType | None) -> bool:
    """`sh := (*reflect.SliceHeader)(unsafe.Pointer(&b))` whose every use
    reads a field of `header` (the struct viewed through): a pointer field
    anywhere (the garbage collector sees it), a number (`Len`) anywhere, and
    a `uintptr` (`Data`) only where it is compared (`uintptr(sh.Data) ==
    p.ptr`): no pointer is made from a uintptr of the view, nothing is
    written through it, and no method is called on it."""
    fields = dict(header.fields) if header is not None and header.kind == "struct" else None
    symbol = declared_with(conversion, ctx.file, ctx.package) if fields is not None else None
    if symbol is None or symbol.writes:
        return False
    uses = uses_after(symbol, conversion.end_byte, ctx.file, ctx.package)
    for use in uses:
        selector = use.parent
        field = text(selector.child_by_field_name("field")) if selector is not None \
            and selector.type == "selector_expression" else None
        if field not in fields or _is_written(selector) or _called(selector):
            return False
        kind = fields[field]
        if kind is not None and kind.kind == "basic" and kind.name == "uintptr" and not _compared(selector):
            return False  # `unsafe.Pointer(sh.Data)`, `return sh.Data`: a pointer kept as a number
    return bool(uses)


def _called(selector) -> bool:
    """`h.setLen(n)`: a method called on the view."""
    parent = selector.parent
    return parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == selector


def _compared(node) -> bool:
    """The value is only compared: an operand of `==`, `<`... directly or
    through conversions and parentheses (`uintptr(sh.Data) == p`)."""
    while node.parent is not None and (node.parent.type == "parenthesized_expression" or
                                       node.parent.type == "argument_list" and node.parent.parent is not None
                                       and node.parent.parent.type == "call_expression"
                                       and len(node.parent.named_children) == 1
                                       and text(node.parent.parent.child_by_field_name("function")) in _NUMBER_TYPES):
        node = node.parent if node.parent.type == "parenthesized_expression" else node.parent.parent
    parent = node.parent
    return parent is not None and parent.type == "binary_expression" \
        and text(parent.child_by_field_name("operator")) in ("==", "!=", "<", "<=", ">", ">=")


_NUMBER_TYPES = frozenset({"uintptr", "int", "uint", "int64", "uint64"})


def _is_written(node) -> bool:
    """The expression is assigned to, incremented or has its address taken."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "unary_expression" and text(parent.child_by_field_name("operator")) == "&":
        return True
    if parent.type in ("inc_statement", "dec_statement"):
        return True
    if parent.type == "expression_list":
        statement = parent.parent
        return statement is not None and statement.type == "assignment_statement" \
            and statement.child_by_field_name("left") == parent
    return False
