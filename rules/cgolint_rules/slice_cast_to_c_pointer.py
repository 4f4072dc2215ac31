from __future__ import annotations

import re

from cgolint.call_targets import call_arguments
from cgolint.callers import checked_by_every_caller, made_by_every_caller_positive
from cgolint.conversions import (
    c_pointee,
    container_type,
    element_address,
    is_append,
    local_symbol,
    moving_writes,
    pointer_flow,
    trace_value,
    value_reaches,
)
from cgolint.emptiness import known_nonempty, length_checked, package_var_value
from cgolint.layouts import FLOAT, STRUCT, layout_mismatch
from cgolint.rule import IMPORT_C, Edit, Fix, Level, Rule
from cgolint.source import strip_parens, text
from cgolint.toolchain import go_version_at_least
from cgolint.type_parameters import narrowed, type_set


class SliceCastToCPointer(Rule):
    """`&s[0]` of a Go slice handed to C as a pointer whose element type, emptiness or lifetime does not fit.

    ## What it does
    Follows a pointer to a slice element (`&s[0]`, `&s[i]`, `unsafe.SliceData(s)`)
    through parentheses, `unsafe.Pointer` (under any import name) and local
    variables to the place where it becomes a C pointer (`(*C.int)(...)`) or
    a C call argument, and reports three hazards:

    - the element layouts differ: `[]int` read as `*C.int`, `[]uint` as
      `*C.uint`, `[]float64` as `*C.float`, `[]float32` as `*C.int`, or a Go
      struct whose size differs from the C struct it is read as. Sizes are
      those of an LP64 target (linux/amd64, linux/arm64, darwin/arm64: Go
      `int` and C `long` are 8 bytes, C `int` is 4), with typedefs and structs
      of the preamble resolved. Byte views (`[]byte`, `*C.char`) and record
      views (a float slice read as a struct of floats) are not judged. A
      slice of a type parameter is reported when some type of its
      constraint's union does not fit (`[T ~int32 | ~int64]` read as
      `*C.int`), also through a constraint interface of the package or a
      generic type's method; inside a `case` of a type switch on a value
      of T, T is that case's type; a function that asks T's size or kind
      otherwise (`unsafe.Sizeof`, reflect) is not judged, nor are `any`
      and other constraints;
    - `&s[0]` of a slice variable (local, parameter or package-level) that may be empty: no `len(s)`
      check dominates it (`if len(s) > 0 {...}`, `if len(s) == 0 { return }`
      before it, `for i := range s`, `len(s) > 0 && ...`, or the same on
      `n := len(s) / k` or `n := copy(s, src)`; a check before a function literal holds inside it
      when `s` is never assigned; an if/else whose every branch gives `s` a
      non-empty value; the earlier cases of a `switch` without a tag;
      `s == ""` for the string `[]byte(s)` copies; `len(a) != len(s) ||
      len(a) == 0`, also as two checks, in either order; `s := b[:min(len(b),
      n)]` with b and n checked; `buf[off:min(off+k, len(buf))]` inside
      `for off < len(buf)` with k checked positive; `n := len(x) / d` after
      checks that x is not empty and d divides len(x); a check of n kept by
      assignments of positive constants (`if n > 40 { n = 40 }`); n raised
      to a floor (`if n < C.DICTSIZE_MIN { n = C.DICTSIZE_MIN }`; a C
      constant of a header out of sight named as a size or bound, such as
      BUFSIZ, ..._LEN or ..._MAX, counts as positive);
      `d := s` refilled by `if len(s) == 0 { d = []byte{0} }`;
      `len(s) != keySize()`, a size some function computes; a call of a
      package function that panics first thing when `s` is empty or of the
      wrong size, like libsodium's `CheckSize(k, keyBytes(), "key")` (also
      given `s...` for its variadic parameter); a
      comparison with what a package function returns first thing for an
      empty slice, like bimg's `if imageType(buf) == UNKNOWN { return }`, or
      `if err := validate(s); err != nil { return }` when validate first
      returns an error for an empty `s`; a one-line helper, `if isEmpty(s)
      { return }` with `func isEmpty(b []byte) bool { return len(b) == 0 }`; a
      parameter of an unexported function that every call in the package,
      checked at the call, gives a non-empty slice)
      and the slice is
      not known to be non-empty (a literal with elements, `make` with a
      constant or `n + 1` length, `make(T, len(x))` or `unsafe.Slice(p, n)`
      after (or, for a variable n or a never-assigned x, before the use and
      after the make) a check that x or n is not empty/zero; a slice reused
      or made to the same length on the two branches of an if (`dst =
      dst[:n]` / `dst = make([]byte, n)`); a copy of a never-assigned slice,
      or of a type assertion `v.([]byte)`, made where it is checked; `append` of an element,
      `[]byte(s + "\x00")` or `[]byte(strconv.Itoa(v))`). Struct fields
      are not judged: their length is set elsewhere;
    - the pointer is kept in a variable and used after `s` is appended to or
      assigned a different slice on some path to the use, with the variable
      not set again on the way: on one branch of an `if` whose other branch
      takes the pointer again, or on a loop's previous turn. A path that
      returns after the append, or takes the pointer again, is fine.

    ## Why is this bad?
    Passing `&s[0]` to C is legal: cgo pins the backing array for the call.
    The hazards are elsewhere. Rule (1) of package unsafe allows converting
    `*T1` to `*T2` only when the types share a memory layout: a `[]int` has
    8-byte elements, so C reading it as `int *` sees the halves of the Go
    values, and `p[i]` is not `s[i]`; the runtime does not detect this. On
    an empty slice, `&s[0]` panics with "index out of range [0] with length 0"
    before C is called. And `append` may move the slice to a new backing
    array: a pointer taken before it still points at the old array, so C
    reads stale data and its writes are lost.

    ## Example
    ```go
    func sum(values []int) C.long {
        return C.sum((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
    }
    ```

    ## Use instead
    ```go
    func sum(values []C.int) C.long {
        return C.sum((*C.int)(unsafe.SliceData(values)), C.size_t(len(values)))
    }
    ```

    ## Fix safety
    For the empty-slice case, `&s[0]` is rewritten to `unsafe.SliceData(s)`
    (with the file's name for package unsafe) where `s` is a local variable
    or parameter of slice type, the file already imports unsafe and the module's
    go.mod allows Go 1.20. For a non-empty slice both expressions denote the
    same pointer; for an empty one the program no longer panics and C receives
    nil (or a pointer to the unused backing array) with a length of 0, which
    C must not read. The layout and stale-pointer findings have no fix: the
    right element type or the right place for the pointer is a design choice.

    ## References
    - https://pkg.go.dev/cmd/cgo#hdr-Passing_pointers
    - https://pkg.go.dev/unsafe#Pointer (rule 1: conversion of *T1 to *T2)
    - https://pkg.go.dev/unsafe#SliceData
    """

    code = "CGL002"
    name = "slice-cast-to-c-pointer"
    markers = (IMPORT_C,)
    level = Level.ERROR
    precision = "medium"
    security_severity = 7.0
    tags = ("security", "cgo", "memory-safety")
    fixable = True
    node_kinds = ("unary_expression", "call_with_arguments")

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo

    def __init__(self):
        self._reported: set[tuple[str, int]] = set()

    def check(self, node, ctx):
        source, model = ctx.file, ctx.package
        if node.type == "unary_expression" and text(node.child_by_field_name("operator")) != "&":
            return
        address = element_address(node, source, model)
        if address is None or address.node != node:
            return
        container = container_type(address, source, model)
        if container is None:
            return
        flow = pointer_flow(node, source, model)
        if not flow.reaches_c:
            return
        name = text(address.container)
        spelled = text(node)
        c_calls = [s.c_name for s in flow.sinks if s.kind == "c_argument"]
        where = f"passed to C.{c_calls[0]}" if c_calls else "converted to a C pointer"

        for sink in flow.sinks:
            if sink.kind != "conversion" or not sink.via_unsafe or any(hop.past_write for hop in sink.hops):
                continue  # (past a reassignment, the path may be one a later test rules out)
            pointee = c_pointee(sink.conversion.target)
            mismatch, parameter = layout_mismatch(container.elem, pointee, model), None
            if mismatch is None and container.elem is not None and container.elem.kind in ("typeparam", "named"):
                # a type parameter: wrong for some type of its set (`[T ~int32 | ~int64]` read as *C.int)
                terms = type_set(container.elem.name, node, source, model) or []
                terms = narrowed(container.elem.name, terms, sink.node, source, model) if terms else terms
                mismatch = next((m for t in terms if (m := layout_mismatch(t, pointee, model)) is not None), None)
                parameter = container.elem.name
            if mismatch is None or pointee is not None and _size_guarded(sink.node, pointee.name, container.elem, source, model) \
                    or not self._first("layout", sink.node.start_byte):
                continue
            yield self.report(sink.node, self._layout_message(spelled, container, mismatch, c_calls, parameter))

        if address.kind == "index" and address.index_is_zero and container.kind == "slice" \
                and not known_nonempty(address.container, source, model, at=node) \
                and not length_checked(address.container, node, source, model) \
                and not checked_by_every_caller(address.container, source, model) \
                and not made_by_every_caller_positive(address.container, source, model) \
                and address.container.type == "identifier" and self._first("empty", node.start_byte):
            fix = None
            unsafe_name = source.import_name("unsafe")
            if unsafe_name and unsafe_name != "." and go_version_at_least(model, 20):
                replacement = f"{unsafe_name}.SliceData({name})"
                fix = Fix(f"Replace `{spelled}` with `{replacement}`",
                          (Edit(node.start_byte, node.end_byte, replacement),))
            yield self.report(
                node,
                f"`{spelled}` {where} panics (index out of range) when {name} is empty, and no "
                f"length check comes first; use unsafe.SliceData({name}) (Go 1.20+), which is valid for an "
                f"empty slice, or check len({name}) > 0 first",
                fix=fix)

        slice_symbol = local_symbol(address.container, source, model)
        if slice_symbol is None:
            return
        for symbol, stored, use in ((hop.symbol, hop.stored, hop.use) for hop in flow.hops):
            # a write on a path from the pointer to this use, with the holder not set again on the way
            # (after the use in the text too: a loop comes round to the use)
            writes = [w for w in moving_writes(slice_symbol, node.end_byte, len(source.data))
                      if value_reaches(symbol, stored.end_byte, w[0].start_byte, use.start_byte, source, model)]
            if not writes or not self._first("stale", use.start_byte):
                continue
            before = [w for w in writes if w[0].start_byte < use.start_byte]
            lhs, rhs = before[0] if before else writes[0]
            line = source.position(lhs.start_byte).line
            taken = source.position(node.start_byte).line
            holder = symbol.name
            where = f"on line {line}" if before else f"on line {line}, and the loop comes back here"
            if is_append(rhs):
                what = (f"{name} is appended to {where}: append may move {name} to a new backing array, "
                        f"so {holder} no longer points at {name}'s elements")
            else:
                what = (f"{name} is assigned a different slice {where}, so {holder} still points into "
                        f"the old array")
            yield self.report(
                use,
                f"`{holder}` holds `{spelled}` (line {taken}) but {what}; take the pointer after the last "
                f"change to {name}, right where it is passed to C")

    def _first(self, kind: str, offset: int) -> bool:
        key = (kind, offset)
        if key in self._reported:
            return False
        self._reported.add(key)
        return True

    @staticmethod
    def _layout_message(spelled, container, mismatch, c_calls, parameter: str | None = None) -> str:
        """`parameter`: the type parameter the elements are, when one of its
        set (mismatch.go) is the misread type."""
        go, c = mismatch.go, mismatch.c
        element = parameter or go.spelling
        slice_type = f"[]{element}" if container.kind == "slice" else f"[{container.length}]{element}"
        read = f"is passed to C.{c_calls[0]} as *{c.spelling}" if c_calls else f"is read as *{c.spelling}"
        if parameter is not None:
            read = f"{read}, and {parameter} may be {go.spelling}"
        if mismatch.reason == "kind":
            go_kind = "floating-point" if go.cls == FLOAT else "integer"
            c_kind = "floating-point" if c.cls == FLOAT else "integer"
            return (f"`{spelled}` of {slice_type} {read}: both are {go.size} bytes, but C reads "
                    f"{go_kind} bit patterns as {c_kind} values; use a []{c.spelling} slice or convert each element")
        if go.cls == STRUCT:
            return (f"`{spelled}` of {slice_type} {read}: {go.spelling} is {go.size} bytes and "
                    f"{c.spelling} is {c.size} (LP64), so C's p[i] lands inside other elements; declare the Go "
                    f"struct with the C struct's fields or use a []{c.spelling} slice")
        return (f"`{spelled}` of {slice_type} {read}: {go.spelling} elements are {go.size} bytes "
                f"and {c.spelling} is {c.size} (LP64), so C's p[i] is not element i; use a []{c.spelling} slice "
                f"(or a Go type of {c.size} bytes) or copy into one")


def _size_guarded(node, c_type: str, element, source, model) -> bool:
    """Inside the then-branch of an `if` whose condition is the equality of
    the C type's size and the Go element type's (`if unsafe.Sizeof(int(0))
    == unsafe.Sizeof(C.int(0))`, or variables set to `C.sizeof_int` and
    `unsafe.Sizeof(int(1))`, gorgonia/cu): the author made the view depend
    on the layouts agreeing."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in ("function_declaration", "method_declaration", "func_literal"):
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == child:
            condition = parent.child_by_field_name("condition")
            while condition is not None and condition.type == "parenthesized_expression" and condition.named_children:
                condition = condition.named_children[0]
            if condition is not None and condition.type == "binary_expression" \
                    and text(condition.child_by_field_name("operator")) == "==" \
                    and all(_a_size(condition.child_by_field_name(side), source, model) for side in ("left", "right")) \
                    and re.search(rf"\bC\.(?:sizeof_)?{re.escape(c_type)}\b", _traced_text(condition, source, model)) \
                    and any(_size_of_type(condition.child_by_field_name(side), element, source, model)
                            for side in ("left", "right")):
                return True
        child, parent = parent, parent.parent
    return False


def _size_of_type(node, element, source, model) -> bool:
    """`unsafe.Sizeof(x)` (converted or not, or a variable set to one) of
    an x of the Go element type."""
    node = _traced(node, source, model)
    for _ in range(2):
        if node is None or node.type != "call_expression":
            return False
        args = call_arguments(node)
        if len(args) != 1:
            return False
        if model.call_target(node, source).kind == "unsafe":
            measured = model.underlying(model.type_of(args[0], source))
            return measured is not None and measured == model.underlying(element)
        node = strip_parens(args[0])  # `int(unsafe.Sizeof(...))`
    return False


def _a_size(node, source, model) -> bool:
    """`unsafe.Sizeof(x)` or `C.sizeof_T`, converted or not, or a variable set to one."""
    node = _traced(node, source, model)
    return node is not None and _SIZE_OF.fullmatch("".join(text(node).split())) is not None


def _traced(node, source, model):
    """A variable's one value (a constant's initializer, a package
    variable's one value), else the node."""
    if node is not None and node.type == "identifier":
        symbol = model.resolve(node, source)
        if symbol is not None and symbol.kind == "package_var":
            return package_var_value(symbol, model)
        return symbol.value if symbol is not None and symbol.kind == "const" else trace_value(node, source, model)
    return node


def _traced_text(condition, source, model) -> str:
    sides = (condition.child_by_field_name("left"), condition.child_by_field_name("right"))
    return " ".join(text(_traced(side, source, model) or side) for side in sides)


_SIZE_OF = re.compile(r"(?:\w+\()?(?:unsafe\.Sizeof\(.*\)|C\.sizeof_\w+)\)?")
