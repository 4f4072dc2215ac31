from __future__ import annotations

import re
from dataclasses import replace

from tree_sitter import Node

from cgolint.buffer_calls import (
    calls_c,
    cgo_wrapper_target,
    forwarded_to_c,
    package_uses_cgo,
)
from cgolint.buffers import is_c_conversion
from cgolint.call_targets import call_arguments
from cgolint.conversions import element_address, is_assignment_target, trace_value
from cgolint.expression_types import symbol_type
from cgolint.field_paths import canonical_path, overlaps, passed_field, passed_variable, written_path
from cgolint.go_pointers import (
    GoPointer,
    c_memory_value,
    go_object_pointer,
    go_pointer,
    holds_go_pointers,
    in_global_storage,
    pointer_holder,
)
from cgolint.handles import is_handle
from cgolint.kept_arguments import kept_at
from cgolint.memory_origins import C_MEMORY
from cgolint.pinning import PinnerUse, enclosing_statement_lists, function_pins
from cgolint.pointer_stores import (
    c_memory_stores,
    go_pointer_elements,
    go_pointer_fields,
    holds_only_c_pointers,
    literal_go_pointers,
    on_the_way,
    stored_go_pointer,
)
from cgolint.preamble import GLIB_TYPEDEFS, PRIMITIVE_SIZES
from cgolint.rule import IMPORT_C, Level, Rule, related_prototype
from cgolint.scopes import FUNCTION_KINDS, enclosing_function
from cgolint.source import strip_parens, text, walk

# cgo's own helpers copy their argument or take C memory: nothing is handed over.
_CGO_HELPERS = frozenset({"CString", "CBytes", "GoString", "GoStringN", "GoBytes", "free", "malloc", "calloc",
                          "realloc"})
_ARG_PANIC = "argument of cgo function has Go pointer to unpinned Go pointer"
# Values that are, or hold, a Go pointer: (said of one value, said of elements).
_ITSELF = {
    "string": ("a string holds a Go pointer to its bytes", "strings, each holding a Go pointer to its bytes"),
    "slice": ("a slice holds a Go pointer to its backing array", "slices, each holding a Go pointer"),
    "map": ("a map value is itself a Go pointer", "maps, each itself a Go pointer"),
    "chan": ("a channel value is itself a Go pointer", "channels, each itself a Go pointer"),
    "func": ("a func value is itself a Go pointer", "func values, each itself a Go pointer"),
    "interface": ("an interface value holds a Go pointer", "interface values, each holding a Go pointer"),
    "pointer": ("it holds a Go pointer", "Go pointers"),
    "unsafe_pointer": ("it holds a Go pointer", "Go pointers"),
}


# The C library's number typedefs (a `regex_t` or `pthread_mutex_t` may hold pointers, and cgo checks it).
_SCALAR_TYPEDEF = re.compile(r"u?_?int(?:_least|_fast)?\d+_t|u?intmax_t|(?:s?size|ptrdiff|u?intptr|off|off64|wchar|"
                             r"char16|char32|time|clock|clockid|pid|uid|gid|mode|dev|ino|nlink|blksize|blkcnt|"
                             r"socklen|sig_atomic|suseconds|useconds|id|key|wint|in_addr|in_port|sa_family|rlim|"
                             r"nfds|speed|tcflag|cc|fsblkcnt|fsfilcnt|float|double|pthread_key)_t")
# How the runtime names the kind of Go pointer it finds (runtime.cgoFormatErr).
_KIND_NAMES = {"pointer": "pointer", "unsafe_pointer": "unsafe pointer", "func": "function", "chan": "channel",
               "map": "map", "slice": "slice", "string": "string", "interface": "interface"}


def _held_kind(package, t, depth: int = 0) -> str:
    """The runtime's name for the first Go pointer a value of type t holds."""
    resolved = package.underlying(t)
    if resolved is None or depth > 4:
        return "pointer"
    if resolved.kind in _KIND_NAMES:
        return _KIND_NAMES[resolved.kind]
    if resolved.kind == "array":
        return _held_kind(package, resolved.elem, depth + 1)
    if resolved.kind == "struct":
        return next((_held_kind(package, f, depth + 1) for _, f in resolved.fields if holds_go_pointers(package, f)),
                    "pointer")
    return "pointer"


class UnpinnedGoPointer(Rule):
    """Go memory holding unpinned Go pointers handed to C, kept by C, or stored into C memory.

    ## What it does
    Reports the cases the cgo pointer-passing rules forbid:

    - a C call argument that points to Go memory which itself contains Go
      pointers: a struct with pointer, string, slice, map, chan, func or
      interface fields, `&ptrs[0]` of a `[]*T`, `&strs[0]` of a `[]string`,
      `&slice` itself, a C struct in Go memory whose field was set to a Go
      pointer; seen through `unsafe.Pointer(...)` and `(*C.T)(...)`
      conversions and intermediate variables; a deferred call (`defer
      C.picture_free(&pic)`) sees what the function stores before it
      returns, and is reported when a `defer pinner.Unpin()` registered
      after it runs first;
    - a Go pointer stored into C memory (`cs.field = &x` where `cs` came from
      `C.malloc`, `*(**T)(cptr) = &x`, `(*[n]*T)(cptr)[i] = p`, or `w.z.f = p`
      where every value the package ever gives the `*C.T` field `w.z` is
      C memory or nil, e.g. a constructor's `C.calloc`), into a C global
      variable (`C.last = p`, `C.state.buf = p`), or through a `*C.T`
      parameter of an `//export`ed function that only C calls (unexported or
      in package main, and named by no Go code of the package: `out.data = p`);
    - a pointer to a Go struct that holds Go pointers (`cbs *Callbacks` with
      a func field) stored as a payload in a C struct that is then passed
      to C, or stored into C memory: such an object lives in Go memory;
    - a Go pointer passed to a C function that keeps it after the call (its
      body in the preamble stores the parameter in a global or a struct, or
      the function is listed in the `keeps-pointer` option), directly or
      through a function of the package that hands its parameter on
      unchanged (`d.open(p, n)` calling `C.open_memory(p, n)`), including a
      cursor the body sets back to NULL (or to a value it saved) only on
      some ways out, or copies elsewhere (a getter, `other = cur`) first; a
      cursor reset on every way out (early returns, a `goto` cleanup label)
      is not kept; not kept where every store is under an `if` on another
      parameter that the call's constant rules out (`if (mode ==
      MODE_DUPLICATE) copy; else b->data = data;` given `C.MODE_DUPLICATE`,
      `if (flags & F_COPY)` given `C.F_COPY|C.F_BLOCK`); and including a
      pointer pinned with `runtime.Pinner` but unpinned by `defer` when the
      Go function returns while C still holds it;
    - a `runtime.Pinner` that pins an object and is not unpinned on some path
      (a warning: the runtime panics only when the Pinner is collected).

    Option `keeps-pointer` (a list) names more C functions that keep a
    pointer argument: `"register"` for every argument, `"register:1"` for
    the argument at that 0-based index.

    It stays silent for memory pinned with a `runtime.Pinner` before the
    call, for `runtime/cgo.Handle` values, for pointers to C memory, for
    pointer-free Go memory passed for the duration of a call (legal), and
    wherever source does not tell what a pointer points to: a `**uint8`
    parameter of unknown origin (go-gl's generated wrappers), a pointer of
    unknown origin to a Go copy of a C struct that the package lays over C
    memory (`(*PixelFormat)(unsafe.Pointer(C.SDL_AllocFormat(f)))`), a
    struct just built by a literal that sets no Go pointer, or a local
    `[]*T` made empty and filled only with pointers into C memory.

    ## Why is this bad?
    Go memory passed to C is pinned only for the duration of the call, and
    only the memory itself, not what it points to. The garbage collector does
    not see pointers held by C, so an object reachable only from C memory, or
    from Go memory C reads after the call, may be moved or freed under it:
    crashes and silent corruption far from the cause. With the default
    `cgocheck=1`, passing memory that contains unpinned Go pointers panics
    ("argument of cgo function has Go pointer to unpinned Go pointer");
    stores into C memory are caught only in a `GOEXPERIMENT=cgocheck2` build,
    and C keeping a pointer is never caught. A `runtime.Pinner` that is
    garbage collected with objects still pinned panics ("found leaking
    pinned pointer").

    ## Example
    ```go
    type request struct {
        name string
        buf  []byte
    }

    func send(r *request) {
        C.send(unsafe.Pointer(r)) // r.name and r.buf are Go pointers
    }

    func register(s *state) {
        C.register_callback(unsafe.Pointer(s)) // C keeps s after the call
    }
    ```

    ## Use instead
    ```go
    func send(r *request) {
        var pinner runtime.Pinner
        defer pinner.Unpin()
        pinner.Pin(unsafe.StringData(r.name))
        pinner.Pin(unsafe.SliceData(r.buf))
        C.send(unsafe.Pointer(r))
    }

    func register(s *state) {
        h := cgo.NewHandle(s) // an integer C may keep; Delete it when C is done
        C.register_callback(C.uintptr_t(h))
    }
    ```

    ## Fix safety
    No fix is offered: whether to pin, copy into C memory or use a
    `runtime/cgo.Handle` depends on how long C holds the pointer.

    ## References
    - [cmd/cgo: Passing pointers](https://pkg.go.dev/cmd/cgo#hdr-Passing_pointers)
    - [runtime.Pinner](https://pkg.go.dev/runtime#Pinner)
    - [runtime/cgo.Handle](https://pkg.go.dev/runtime/cgo#Handle)
    """

    code = "CGL004"
    name = "unpinned-go-pointer"
    markers = (IMPORT_C, b".Pin(")
    level = Level.ERROR
    precision = "high"
    security_severity = 8.1
    tags = ("security", "cgo", "memory-safety")
    node_kinds = ("call_with_arguments", "assignment_statement", "function_declaration", "method_declaration")

    options = {"keeps-pointer": []}  # extra C functions that keep a pointer argument: "name" or "name:index"

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo or b".Pin(" in source.data

    # --- dispatch -----------------------------------------------------------
    def check(self, node, ctx):
        if node.type == "call_expression":
            yield from self._c_call(node, ctx)
            yield from self._helper_call(node, ctx)
            if text(node.child_by_field_name("function")) == "copy":
                yield from self._stores(node, ctx)
        elif node.type == "assignment_statement":
            yield from self._stores(node, ctx)
        else:
            yield from self._pinners(node, ctx)

    # --- C calls --------------------------------------------------------------
    def _keeps(self, ctx, name: str, index: int, call, source=None) -> bool:
        """Whether C.name keeps argument `index` at `call` (in `source`, the
        file at hand unless said)."""
        function = ctx.package.preamble.function(name)
        if function is not None and kept_at(function, index, call, source or ctx.file, ctx.package):
            return True
        return ctx.lists_c_function("keeps-pointer", name, index)

    def _c_call(self, call: Node, ctx):
        callee = call.child_by_field_name("function")
        if not ctx.file.uses_cgo or callee is None or callee.type != "selector_expression" \
                or ctx.file.imports.get(text(callee.child_by_field_name("operand"))) != "C":
            return  # cheap test first: only `C.name(...)` calls matter
        target = ctx.call_target(call)
        if target.kind != "c" or target.name in _CGO_HELPERS or is_c_conversion(call, ctx.package, ctx.file):
            return  # (`C.gpointer(p)` converts: the call it is passed to is judged)
        function = ctx.package.preamble.function(target.name)
        args = call.child_by_field_name("arguments")
        arguments = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        for index, arg in enumerate(arguments):
            pointer = go_pointer(arg, ctx.package, ctx.file)
            if pointer is None or pointer.origin == C_MEMORY or is_handle(arg, ctx.package, ctx.file):
                continue  # (most arguments are not pointers: asked first, it spares the handle question)
            pins = function_pins(ctx.package, ctx.file, call)
            unpinned = pins.unpinned_first(call) if pins is not None else None
            pinned = pins is not None and unpinned is None and (
                pins.pinned_before(call) or pins.pinned_before(_run_at(call)) and not pins.unpinned_in_place())
            # (a deferred call runs at the end: a pin after it counts unless undone before)
            contents = [] if pinned else list(self._contents(call, arg, pointer, target.name, function, ctx, unpinned))
            kept = self._keeps(ctx, target.name, index, call)
            if not contents and kept:
                yield from self._kept(call, arg, index, pointer, target.name, function, pins, ctx)
                continue
            # Go pointers in the memory passed make the call itself panic: that comes first
            note = (f". `C.{target.name}` also keeps this pointer after it returns: a pin must last until C lets "
                    f"go of it, or pass a runtime/cgo.Handle instead") if kept else ""
            yield from (replace(report, message=report.message + note) for report in contents)

    def _helper_call(self, call: Node, ctx):
        """`d.open((*C.uchar)(unsafe.Pointer(&b[0])), len(b))` where the
        package's `open` hands that parameter, unchanged, to a C function
        that keeps it."""
        args = call.child_by_field_name("arguments")
        spelled = args.text if args is not None else b""
        if not (b"&" in spelled or b"Pointer" in spelled or b"SliceData" in spelled) \
                or not package_uses_cgo(ctx.package):
            return  # cheap test first: no argument takes an address or converts a pointer
        target = cgo_wrapper_target(call, ctx.file, ctx.package)
        if target is None or target.kind not in ("func", "method") or target.node is None \
                or not calls_c(target.node, ctx.package):
            return
        for index, arg in enumerate(call_arguments(call)):
            pointer = go_pointer(arg, ctx.package, ctx.file)
            if pointer is None or pointer.origin == C_MEMORY or is_handle(arg, ctx.package, ctx.file):
                continue
            for inner, position, owner in forwarded_to_c(ctx.package, target.node, index):
                cname = ctx.package.call_target(inner, owner).name
                if not _always_runs(inner, target.node):
                    continue  # under a condition of the helper's: maybe not for this call
                inner_pins = function_pins(ctx.package, owner, inner)
                if inner_pins is not None and inner_pins.pinned_before(inner) \
                        or self._later_c_call(inner, ctx.package, owner):
                    break  # the function pins it, or a later C call of its own may release it
                inner_pointer = go_pointer(call_arguments(inner)[position], ctx.package, owner)
                if inner_pointer is not None and inner_pointer.is_go:
                    break  # Go memory by its type: reported at the C call itself
                c_function = ctx.package.preamble.function(cname)
                if c_function is not None and position in c_function.keep_guards:
                    break  # kept or not by an argument the helper passes on: unknown here
                if self._keeps(ctx, cname, position, inner, owner):
                    pins = function_pins(ctx.package, ctx.file, call)
                    function = ctx.package.preamble.function(cname)
                    yield from self._kept(call, arg, position, pointer, cname, function, pins, ctx,
                                          text(call.child_by_field_name("function")))
                    break

    def _kept(self, call, arg, index, pointer: GoPointer, cname, function, pins, ctx, through: str = ""):
        """A Go pointer that C.cname keeps (handed on by the package's
        function `through`, when given)."""
        if not pointer.is_go or self._local_array(pointer, ctx) or in_global_storage(pointer, ctx.package, ctx.file):
            return  # unknown memory, a local array (CGL001's finding), or a global (pinned for good)
        param = function.params[index].name if function is not None and index < len(function.params) else ""
        param_text = f"its `{param}` argument" if param else f"argument {index + 1}"
        keeper = f"`{through}` hands this pointer to `C.{cname}`, which keeps {param_text}" if through \
            else f"`C.{cname}` keeps {param_text}"
        if pins is not None and pins.pinned_before(call):
            pinner = pins.deferred_unpin()
            if pinner is None or self._later_c_call(call, ctx.package, ctx.file):
                return  # pinned, and unpinned (if at all) after C may have let go
            func = enclosing_function(call)
            fname = _function_name(func)
            yield self.report(
                arg, f"{keeper} after it returns, but `defer {pinner.name}.Unpin()` unpins "
                     f"{pointer.what} when {fname} returns while C still holds it: the garbage collector may then "
                     f"move or free it. Unpin only after C releases the pointer, or pass a runtime/cgo.Handle "
                     f"(`C.uintptr_t(cgo.NewHandle(v))`) instead", related=_prototype(function))
            return
        yield self.report(
            arg, f"{keeper} after it returns, but {pointer.what} is Go memory pinned only "
                 f"for the duration of the call: the garbage collector may move or free it while C still holds "
                 f"it. Pass a runtime/cgo.Handle (`C.uintptr_t(cgo.NewHandle(v))`) and look the value up when C "
                 f"calls back, pin it with a runtime.Pinner until C releases it, or copy it into C memory",
            related=_prototype(function))

    def _contents(self, call, arg, pointer: GoPointer, cname, function, ctx, unpinned: PinnerUse | None = None):
        """Go memory that holds Go pointers passed to C. A deferred call
        reads the memory when the function returns: what the function
        stores anywhere counts, and `unpinned` is the pinner whose deferred
        Unpin runs before it."""
        package = ctx.package
        when = _run_at(call)
        order = (f"This deferred call runs after the deferred `{unpinned.name}.Unpin()` registered below it "
                 f"(deferred calls run last in, first out): defer it after the Unpin, or call it before "
                 f"returning") if unpinned is not None else ""
        memory = pointer.memory
        if memory is None or not pointer.is_go:
            return
        verdict = holds_go_pointers(package, memory)
        resolved = package.underlying(memory)
        contents_tell = verdict is None or (resolved is not None and resolved.kind == "c")
        if (verdict is not True and not contents_tell) or _zero_valued(pointer.root, when, arg, ctx):
            return  # pointer-free memory (most arguments: asked first, it spares the walk for a zero value)
        runtime = _runtime_check(package, cname, call, arg)
        if verdict is True and _may_hold_c_pointers(pointer, resolved, package, ctx):
            return
        if verdict is True:
            runtime = _runtime_check(package, cname, call, arg, _held_kind(package, memory))
            holder = pointer_holder(package, memory)
            holds = f", which holds Go pointers in {holder}" if holder else ""
            if resolved is not None and resolved.kind in _ITSELF:
                if pointer.elements:
                    holds = f", whose elements are {_ITSELF[resolved.kind][1]}"
                else:
                    holds = f": {_ITSELF[resolved.kind][0]}"
            elif pointer.elements and holder:
                holds = f", whose elements hold Go pointers in {holder}"
            if resolved is not None and resolved.kind == "struct" and runtime.startswith("the runtime panics:"):
                kinds = [_held_kind(package, f) for _, f in resolved.fields if holds_go_pointers(package, f)]
                typed = not _untyped(arg, package)
                if typed and len(set(kinds)) > 1:  # which one it meets first depends on the values
                    runtime = f"the runtime panics: \"{_ARG_PANIC.rsplit(' ', 1)[0]} ...\""
                if not typed or not {"channel", "map"} & set(kinds):
                    # a pointer field may be nil, or point to static data, on this call (a map or channel
                    # field of a type cgo is told fails the check even when nil)
                    which = "one of those fields holds" if len(kinds) > 1 else "that field holds"
                    runtime = runtime.replace("the runtime panics", f"the runtime panics when {which} a Go pointer", 1)
            yield self.report(
                arg, f"`C.{cname}` receives {pointer.what}{holds}: Go memory that contains Go pointers may not be "
                     f"passed to C unless what they point to is pinned ({runtime}). " + (
                         order or "Pin the pointed-to objects with a runtime.Pinner for the call, or copy the data "
                                  "into C memory"),
                related=_prototype(function))
            return
        if contents_tell:
            own = False  # the Go pointers are the values of the variable passed as `&p`
            # only the contents can tell: look for Go pointers written into it
            writes = literal_go_pointers(pointer.expr, package, ctx.file)
            made = pointer.root.value if pointer.root is not None and pointer.root.is_local else None
            if writes and made is not None and made.start_byte <= pointer.expr.start_byte < made.end_byte:
                # the literal a variable was made with: later stores may clear it (`n[0] = nil`)
                writes = go_pointer_fields(pointer.root, when, package, ctx.file)
            held = _field_slice(pointer, package, ctx.file)
            if not writes and held is not None:
                writes = go_pointer_elements(held, pointer.root, when, package, ctx.file)  # `&p.names[0]`: the slice's own
            elif not writes and pointer.root is not None and pointer.root.is_local:
                # `&stmt.stmt` at the call: cmd/cgo checks only the field's own memory, not
                # its struct's (through a variable, the whole object is checked)
                passed = passed_field(arg, package, ctx.file)
                root_type = symbol_type(package, pointer.root, 0)
                writes = [(place, value) for place, value in go_pointer_fields(pointer.root, when, package, ctx.file)
                          if overlaps(passed, _spelled_out(written_path(place), root_type, package))]
                variable = passed_variable(arg)
                if not writes and variable is not None and ctx.resolve(variable) is pointer.root:
                    writes = _own_go_pointers(pointer.root, when, ctx)  # `p := &b; C.f((**C.char)(&p))`
                    own = bool(writes)
            if writes:
                field, value = writes[0]
                where = text(field) if field.type in ("selector_expression", "index_expression") \
                    else text(field).split(":", 1)[0].strip()
                slot = package.underlying(package.type_of(field, ctx.file)) \
                    if field.type in ("selector_expression", "index_expression") else None
                # the field's Go type, else the stored value's (assignable to it: `unsafe.Pointer` for `void *`)
                slot = slot or package.underlying(package.type_of(value, ctx.file))
                if slot is not None and slot.kind in _KIND_NAMES:
                    runtime = _runtime_check(package, cname, call, arg, _KIND_NAMES[slot.kind], True)
                line = ctx.file.position(field.start_byte).line
                holder = "a C struct in Go memory" if resolved is not None and resolved.kind == "c" else "Go memory"
                stored = stored_go_pointer(value, package, ctx.file)
                if order:
                    fix = order
                elif stored is not None and go_object_pointer(stored, package, ctx.file):
                    # a Go object (callbacks, state) used as a payload: C memory may not hold it either
                    fix = (f"Store a runtime/cgo.Handle (an integer C hands back) instead of the pointer, or pin "
                           f"`{text(stored.expr)}` with a runtime.Pinner for as long as C uses it")
                elif own:  # `&p` of a pointer variable
                    fix = (f"Point `{pointer.root.name}` at C memory (C.malloc, C.CString), or pin "
                           f"`{text(value)}` with a runtime.Pinner for the call")
                elif pointer.elements:
                    filled = f"`{pointer.root.name}`" if pointer.root is not None else "it"
                    fix = (f"Fill {filled} with pointers to C memory (C.CBytes or C.CString copies, freed after the "
                           f"call), or pin what each element points to with a runtime.Pinner for the call")
                else:
                    fix = (f"Allocate the struct with C.malloc and copy the data into C memory, or pin "
                           f"`{text(value)}` with a runtime.Pinner for the call")
                if _appended(value):
                    written = f"to which the Go pointer `{text(value)}` was appended (line {line})"
                elif own:
                    written = f"holding the Go pointer `{text(value)}` (line {line})"
                elif field.type == "literal_element" or field.type == "keyed_element" and where.isdigit():
                    written = f"made with the Go pointer `{text(value)}` as an element (line {line})"
                else:
                    written = f"whose `{where}` was set to the Go pointer `{text(value)}` (line {line})"
                yield self.report(
                    arg, f"`C.{cname}` receives {pointer.what}, {holder} {written}: Go memory that contains Go pointers "
                         f"may not be passed to C unless they are pinned ({runtime}). {fix}", related=_prototype(function))

    def _local_array(self, pointer: GoPointer, ctx) -> bool:
        root = pointer.root
        if root is None or not root.is_local:
            return False
        t = ctx.package.underlying(ctx.type_of(root.node)) if root.file is ctx.file else None
        return t is not None and t.kind == "array"

    @staticmethod
    def _later_c_call(call: Node, package, source) -> bool:
        """Another C call after `call` in the function (or deferred, wherever the defer
        stands): it may be the one that releases the pointer."""
        function = enclosing_function(call)
        if function is None:
            return False
        for node in walk(function):
            if node.type == "call_expression" and (node.start_byte > call.end_byte or node.parent is not None
                                                   and node.parent.type == "defer_statement"):
                target = package.call_target(node, source)
                if target.kind == "c" and target.name not in ("free", "CString", "CBytes", "GoString", "GoBytes"):
                    return True
        return False

    # --- stores into C memory ---------------------------------------------------
    def _stores(self, statement: Node, ctx):
        if not ctx.file.uses_cgo or enclosing_function(statement) is None:
            return  # C memory comes from C calls: a file without cgo has none
        pins = function_pins(ctx.package, ctx.file, statement)
        for store in c_memory_stores(statement, ctx.package, ctx.file):
            if pins is not None and pins.pinned_before(statement):
                continue
            yield self.report(
                store.rhs, f"`{text(strip_parens(store.lhs))}` is C memory, and this stores a Go pointer to "
                           f"{store.pointer.what} in it: the garbage collector does not see pointers in C memory, so it may move or free the object "
                           f"while C still uses it (a GOEXPERIMENT=cgocheck2 build crashes: \"unpinned Go pointer "
                           f"stored into non-Go memory\"). Copy the data into C memory (C.CBytes, C.malloc), pin it "
                           f"with a runtime.Pinner for as long as C holds it, or store a runtime/cgo.Handle")

    # --- runtime.Pinner lifecycle -------------------------------------------------
    def _pinners(self, function: Node, ctx):
        pins = function_pins(ctx.package, ctx.file, function)
        if pins is None or pins.function != function:
            return
        for pinner in pins.pinners:
            if not pinner.pins or pinner.escapes or pinner.deferred_unpins:
                continue
            owner = enclosing_function(pinner.symbol.node)
            if owner is None:
                continue
            first = pinner.pins[0]
            pinned = _pin_argument(first)
            if not pinner.unpins:
                yield self.report(
                    first, f"runtime.Pinner `{pinner.name}` pins `{pinned}` but is never unpinned: when "
                           f"`{pinner.name}` is garbage collected with objects still pinned the runtime panics "
                           f"(\"found leaking pinned pointer\"), and the pinned memory is never freed. Call "
                           f"`{pinner.name}.Unpin()` once C no longer uses the pointer (`defer {pinner.name}.Unpin()` "
                           f"if C does not keep it)", level=Level.WARNING)
                continue
            leak = self._unpinned_exit(pinner, owner)
            if leak is not None:
                pin, line = leak
                yield self.report(
                    pin, f"runtime.Pinner `{pinner.name}` pins `{_pin_argument(pin)}`, but the path leaving "
                         f"{_function_name(owner)} at line {line} does not call `{pinner.name}.Unpin()`: a Pinner "
                         f"garbage collected with objects still pinned makes the runtime panic (\"found leaking "
                         f"pinned pointer\"). Unpin on every path, e.g. with `defer {pinner.name}.Unpin()` when C "
                         f"does not keep the pointer", level=Level.WARNING)

    def _unpinned_exit(self, pinner: PinnerUse, owner: Node) -> tuple[Node, int] | None:
        """A Pin call and the line of a function exit reached from it with no Unpin on the way."""
        body = owner.child_by_field_name("body")
        if body is None:
            return None
        top = next((c for c in body.named_children if c.type == "statement_list"), None)
        exits: list[tuple[int, Node | None]] = []  # (offset, return statement or None for the end)
        for node in walk(body):
            if node.type == "return_statement" and enclosing_function(node) == owner:
                exits.append((node.start_byte, node))
        statements = [c for c in (top.named_children if top is not None else []) if c.type != "comment"]
        if not statements or not _terminates(statements[-1]):
            exits.append((body.end_byte - 1, None))
        for pin in pinner.pins:
            if enclosing_function(pin) != owner:
                continue  # pinned in a closure: run at a time this analysis cannot order
            for offset, exit_node in exits:
                if offset <= pin.end_byte or not _reachable(pin, exit_node, owner):
                    continue
                if not any(_covers(unpin, pin, exit_node, top) for unpin in pinner.unpins):
                    line = (exit_node.start_point.row if exit_node is not None else body.end_point.row) + 1
                    return pin, line
        return None


def _may_hold_c_pointers(pointer: GoPointer, resolved, package, ctx) -> bool:
    """Memory whose type holds pointers that may all point into C memory: a
    `**uint8` (`**C.char`) parameter of unknown origin, as go-gl's generated
    wrappers take, or a local `[]*T` filled only with C pointers."""
    if pointer.origin is None and not pointer.elements and resolved is not None and resolved.kind == "pointer":
        target = package.underlying(resolved.elem) if resolved.elem is not None else None
        if target is not None and target.kind in ("basic", "c"):
            return True
    return pointer.elements and holds_only_c_pointers(pointer.root, package, ctx.file)


def _own_go_pointers(symbol, before: Node, ctx) -> list:
    """(where, value) for each value a pointer variable may hold at
    `before` that is a Go pointer: `&p` hands C memory holding it."""
    values = [(symbol.node, symbol.value)] if symbol.value is not None and not symbol.index else []
    for target, value in sorted(symbol.writes, key=lambda write: write[0].start_byte):
        if target.start_byte >= before.start_byte:
            break
        statement = target.parent.parent if target.parent is not None else None  # expression_list, assignment
        # a write of C memory or nil on the way to the call replaces every earlier value (not one in a
        # branch, nor a value that may be derived from an earlier one: `p = q`, `p = unsafe.Add(p, 1)`)
        if statement is not None and on_the_way(statement, before) and value is not None \
                and (strip_parens(value).type == "nil" or ctx.origin_of(value) == C_MEMORY):
            values = []
        values.append((target, value))
    return [(place, value) for place, value in reversed(values)  # the latest first, for the message
            if value is not None and stored_go_pointer(value, ctx.package, ctx.file) is not None]


def _spelled_out(path: list, root_type, package) -> list:
    """A written field path with its promoted fields spelled out, or as
    written where the package's types do not settle it (a C struct's
    field, a field through a pointer: not the passed field's memory)."""
    spelled = canonical_path(path, root_type, package)
    return path if spelled is None else spelled


def _appended(value: Node) -> bool:
    """`value` is an item of an `append(s, ...)` call."""
    arguments = value.parent
    call = arguments.parent if arguments is not None and arguments.type == "argument_list" else None
    return call is not None and text(call.child_by_field_name("function")) == "append"


def _field_slice(pointer: GoPointer, package, source) -> Node | None:
    """`p.names` of `&p.names[0]` or `unsafe.SliceData(p.names)`, a slice a
    field of a local holds: the memory passed is its backing array, which
    its own writes fill, not the struct's."""
    if not pointer.elements or pointer.root is None or not pointer.root.is_local:
        return None
    address = element_address(pointer.expr, source, package)
    container = strip_parens(address.container) if address is not None else None
    return container if container is not None and container.type == "selector_expression" else None


def _prototype(function) -> tuple:
    """The C function's declaration in the preamble as a related location, if it is declared there
    (built only for a report)."""
    return (related_prototype(function),) if function is not None else ()


def _runtime_check(package, cname: str, call: Node, arg: Node, field_kind: str = "pointer",
                   pointer_field: bool = False) -> str:
    """What the default cgocheck=1 does with this argument, for messages.
    cgo checks an argument only when the C parameter's Go type may point to
    pointers: `void *`, `T **`, or a pointer to a struct with pointer fields.
    `field_kind` is how the runtime names the slot holding the Go pointer
    ("pointer", "unsafe pointer" for a `void *` field, "function"...) when
    cgo knows the type of what is passed; `unsafe.Pointer(p)` of a variable
    hides it, and the runtime then scans the object's pointer words and says
    "pointer". `pointer_field` says the struct passed is known to have a
    pointer field (the one set)."""
    if _untyped(arg, package):
        field_kind = "pointer"
    panic = _ARG_PANIC if field_kind == "pointer" else _ARG_PANIC.rsplit(" ", 1)[0] + " " + field_kind
    function = package.preamble.function(cname)
    args = call.child_by_field_name("arguments")
    named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    index = next((i for i, a in enumerate(named) if a == arg), None)
    if function is None or index is None or index >= len(function.params):
        scalar = _scalar_pointee(arg)
        if scalar is not None:  # `(*C.int)(p)` compiles only for an `int *` parameter, which cgo never checks
            return (f"cgo does not check a `{scalar} *` parameter at run time, so nothing catches it while "
                    f"C writes over the Go pointer or reads it")
        return f"with the default cgocheck=1 the runtime panics when it checks the argument: \"{panic}\""
    ctype = package.preamble.resolve(function.params[index].ctype)
    unseen = " " not in ctype.base and not _SCALAR_TYPEDEF.fullmatch(ctype.base) and ctype.base not in PRIMITIVE_SIZES \
        and ctype.base not in ("void", "struct", "union") and ctype.base not in GLIB_TYPEDEFS
    if ctype.pointers == 1 and (ctype.base.startswith("union") or unseen):
        # a union (its members are not recorded) or a type of a header out of sight (`mpv_byte_array`);
        # not a number type spelled in words (`unsigned long int`) or a `_t` one
        return (f"cgo checks a `{ctype.spelling.strip()}` parameter only if that type holds pointers; then, with "
                f"the default cgocheck=1, the runtime panics: \"{panic}\"")
    checked = ctype.pointers >= 2 or (ctype.pointers == 1 and ctype.base == "void")
    if ctype.pointers == 1 and ctype.base == "struct" and pointer_field:
        checked = True  # `typedef struct {...} T`: its fields are not recorded, but one was set to a pointer
    if ctype.pointers == 1 and ctype.base.startswith("struct "):
        struct = package.preamble.structs.get(ctype.base[len("struct "):])
        checked = struct is None or any(package.preamble.resolve(t).is_pointer for _, t in struct.fields)
    if checked:
        return f"the runtime panics: \"{panic}\""
    return (f"cgo does not check a `{ctype.spelling.strip()}` parameter at run time, so nothing catches it while "
            f"C reads pointers the garbage collector may move or free")


def _untyped(arg: Node, package) -> bool:
    """cmd/cgo hands the runtime's check the type of what it passes only for
    an address or a slice under the argument's conversions (`&x`, `&s[i]`,
    `s[i:j]`, in `unsafe.Pointer(...)`, `(*C.T)(...)`, unsafe.SliceData...);
    anything else (`unsafe.Pointer(p)`, a pointer variable) is checked as an
    unknown pointer, whose panic says "Go pointer"."""
    node = arg
    for _ in range(8):
        if node is None:
            return True
        if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "&" \
                or node.type == "slice_expression":
            return False
        if node.type == "type_conversion_expression":
            node = strip_parens(node.child_by_field_name("operand"))
            continue
        inner = call_arguments(node) if node.type == "call_expression" else []
        callee = node.child_by_field_name("function") if node.type == "call_expression" else None
        if len(inner) != 1 or callee is None or not _transparent(callee, package):
            return True
        node = inner[0]  # (cgo does not look through parentheses: `unsafe.Pointer((&x))` is unknown)
    return True


def _transparent(callee: Node, package) -> bool:
    """A conversion cmd/cgo sees through to the address under it (its
    `isType`): unsafe.Pointer, unsafe.SliceData/StringData, a C type
    (`C.gpointer`, `(*C.FILE)`), a predeclared type (`(*byte)`), in any
    parentheses; not a type the package declares (`(*T)(&x)`), nor a C
    function's call."""
    spelled = "".join(text(callee).split())
    while spelled.startswith("(") and spelled.endswith(")"):
        spelled = spelled[1:-1]
    if spelled in ("unsafe.Pointer", "unsafe.SliceData", "unsafe.StringData"):
        return True
    while spelled.startswith("*") or spelled.startswith("(") and spelled.endswith(")"):
        spelled = spelled[1:-1] if spelled.startswith("(") else spelled[1:]
    if spelled.startswith("C."):
        return package.preamble.function(spelled[2:]) is None
    return spelled == "unsafe.Pointer" or spelled in _PREDECLARED_TYPES


_PREDECLARED_TYPES = frozenset({"bool", "byte", "rune", "string", "int", "int8", "int16", "int32", "int64", "uint",
                                "uint8", "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64",
                                "complex128"})


def _scalar_pointee(arg: Node) -> str | None:
    """`int` for an argument converted to `*C.int` (any C number type, in C
    spelling); None for anything else."""
    node = strip_parens(arg)
    converted = node.child_by_field_name("type") or node.child_by_field_name("function") \
        if node is not None and node.type in ("type_conversion_expression", "call_expression") else None
    found = _C_SCALAR_POINTER.fullmatch("".join(text(converted).split())) if converted is not None else None
    name = found.group(1) if found is not None else ""
    return _CGO_SPELLINGS.get(name, name) if name in PRIMITIVE_SIZES else None


_C_SCALAR_POINTER = re.compile(r"\(\*C\.(\w+)\)")
# cgo's short names of C number types, spelled as C spells them
_CGO_SPELLINGS = {"schar": "signed char", "uchar": "unsigned char", "ushort": "unsigned short",
                  "uint": "unsigned int", "ulong": "unsigned long", "longlong": "long long",
                  "ulonglong": "unsigned long long"}


def _always_runs(call: Node, function: Node) -> bool:
    """The call is a statement of the function's body itself (not under an
    if, a loop, a switch or a closure), with no return before it."""
    body = function.child_by_field_name("body")
    statement = call
    while statement.parent is not None and statement.parent.type not in ("statement_list", "block"):
        statement = statement.parent
    container = statement.parent
    if container is None or body is None or container not in (body, *body.named_children):
        return False
    return not any(node.type == "return_statement" and node.start_byte < call.start_byte for node in walk(body))


def _run_at(call: Node) -> Node:
    """Where a call reads its arguments' memory: in place, or for `defer
    f(&x)` at the end of the function (the closing brace of its body)."""
    statement = call.parent
    function = enclosing_function(call) if statement is not None and statement.type == "defer_statement" else None
    body = function.child_by_field_name("body") if function is not None else None
    return body.children[-1] if body is not None and body.children else call


def _zero_valued(symbol, call: Node, arg: Node, ctx) -> bool:
    """A local declared without a value (`var s string`), or with a literal
    that sets no field to a Go pointer (`c := &Ctx{ctx: cptr}`), and not used
    between its declaration and the call: its Go pointers are all nil, so
    none reaches C (`var out *T; C.get(unsafe.Pointer(&out))`)."""
    if symbol is None or symbol.kind != "local" or symbol.writes or symbol.range_of is not None \
            or symbol.file is not ctx.file or symbol.value is not None and not _pointer_free_literal(symbol.value, ctx):
        return False
    declaration = symbol.node
    function = enclosing_function(call)
    for node in walk(function) if function is not None else ():
        if node.type != "identifier" or not (declaration.end_byte <= node.start_byte < call.start_byte):
            continue
        if text(node) == symbol.name and ctx.resolve(node) is symbol and not _in_c_call(node, ctx) \
                and not _read_only(node):
            return False  # used: may have been given a value (a C call cannot legally store a Go pointer)
    return declaration.start_byte < call.start_byte


def _pointer_free_literal(value: Node, ctx) -> bool:
    """A struct literal `T{...}` or `&T{...}` whose elements are all keyed
    and hold no Go pointer (nil, C memory, numbers): the fields it leaves
    out are nil."""
    value = strip_parens(value)
    if value is not None and value.type == "unary_expression" and text(value.child_by_field_name("operator")) == "&":
        value = strip_parens(value.child_by_field_name("operand"))
    body = value.child_by_field_name("body") if value is not None and value.type == "composite_literal" else None
    built = ctx.package.underlying(ctx.type_of(value)) if body is not None else None
    if built is None or built.kind != "struct":
        return False  # (a map or slice literal is itself a Go pointer)
    fields = dict(built.fields)
    for element in body.named_children:
        if element.type == "comment":
            continue
        key = element.child_by_field_name("key") if element.type == "keyed_element" else None
        item = element.child_by_field_name("value") if key is not None else None
        item = strip_parens(item.named_children[0]) if item is not None and item.named_children else None
        slot = ctx.package.underlying(fields.get(text(key).strip())) if key is not None else None
        if item is None or slot is None:
            return False
        if item.type == "nil" or holds_go_pointers(ctx.package, slot) is False:
            continue
        # an interface field boxes what it is given (an int on the heap): only a pointer-free slot of its own is safe
        if slot.kind == "interface" or not (c_memory_value(trace_value(item, ctx.file, ctx.package) or item,
                                                           ctx.package, ctx.file)
                                            or holds_go_pointers(ctx.package, ctx.type_of(item)) is False):
            return False
    return True


def _read_only(ident: Node) -> bool:
    """A use that only reads the variable (`unsafe.Slice(slst, n)`, `x.n + 1`):
    not on the left of an assignment, through fields and indexes included,
    and not `&x`, `x++` or a method call (which may take its address)."""
    node = ident
    while node.parent is not None and node.parent.type in ("selector_expression", "index_expression",
                                                           "parenthesized_expression") \
            and node.parent.named_children and node.parent.named_children[0] == node:
        if node.parent.type == "selector_expression" and node.parent.parent is not None \
                and node.parent.parent.type == "call_expression":
            return False  # `x.Method(...)`
        node = node.parent
    parent = node.parent
    if parent is None or parent.type in ("inc_statement", "dec_statement") or parent.type == "unary_expression" \
            and text(parent.child_by_field_name("operator")) == "&":
        return False
    return not is_assignment_target(node)


def _in_c_call(node: Node, ctx) -> bool:
    """Whether `node` is inside the arguments of a `C.name(...)` call."""
    parent = node.parent
    while parent is not None and parent.type not in ("expression_statement", "block") \
            and parent.type not in FUNCTION_KINDS:
        if parent.type == "argument_list" and parent.parent is not None:
            callee = parent.parent.child_by_field_name("function")
            if callee is not None and callee.type == "selector_expression" \
                    and ctx.file.imports.get(text(callee.child_by_field_name("operand"))) == "C":
                return True
        parent = parent.parent
    return False


def _terminates(statement: Node | None) -> bool:
    """The Go spec's terminating statements, simplified: return, goto,
    panic(...), a block/if-else/switch with default whose every branch
    terminates, and a `for` with no condition and no break."""
    if statement is None:
        return False
    kind = statement.type
    if kind in ("return_statement", "goto_statement"):
        return True
    if kind == "expression_statement":
        call = statement.named_children[0] if statement.named_children else None
        return call is not None and call.type == "call_expression" and \
            text(call.child_by_field_name("function")) in ("panic", "log.Fatal", "log.Fatalf", "os.Exit")
    if kind == "block":
        return _list_terminates(statement)
    if kind == "if_statement":
        alternative = statement.child_by_field_name("alternative")
        return alternative is not None and _terminates(statement.child_by_field_name("consequence")) \
            and _terminates(alternative)
    if kind in ("expression_switch_statement", "type_switch_statement", "select_statement"):
        cases = [c for c in statement.named_children
                 if c.type in ("expression_case", "type_case", "default_case", "communication_case")]
        has_default = any(c.type == "default_case" for c in cases) or kind == "select_statement"
        if not has_default or any(n.type == "break_statement" for n in walk(statement)):
            return False
        return all(_list_terminates(c) for c in cases)
    if kind == "for_statement":
        header = [c for c in statement.named_children if c.type != "block"]
        if header and not (header[0].type == "for_clause" and header[0].child_by_field_name("condition") is None):
            return False
        return not any(n.type == "break_statement" for n in walk(statement.child_by_field_name("body")))
    return False


def _list_terminates(node: Node) -> bool:
    """Whether the last statement of a block or case body terminates."""
    holder = next((c for c in node.named_children if c.type == "statement_list"), None)
    if holder is None and node.type == "statement_list":
        holder = node
    statements = [c for c in holder.named_children if c.type != "comment"] if holder is not None else []
    return bool(statements) and _terminates(statements[-1])


def _covers(unpin: Node, pin: Node, exit_node: Node | None, top: Node | None) -> bool:
    """Whether `unpin` runs on every path from `pin` to the exit: it comes
    after the pin, and either its statement list encloses the exit (which
    follows it) or its statement list encloses the pin (so leaving that list
    other than through a return passes it)."""
    if unpin.start_byte < pin.end_byte:
        return False
    lists = enclosing_statement_lists(unpin, None)
    if not lists:
        return False
    own = lists[0]
    if exit_node is None:
        return own == top or _is_ancestor(own, pin)
    if exit_node.start_byte < unpin.end_byte:
        return not _is_ancestor(own, exit_node) and _is_ancestor(own, pin)
    return _is_ancestor(own, exit_node) or _is_ancestor(own, pin)


def _reachable(pin: Node, exit_node: Node | None, owner: Node) -> bool:
    """False when every path from `pin` leaves through a return of a block
    that does not contain the exit (e.g. `if ok { p.Pin(x); ...; return }`)."""
    for block in enclosing_statement_lists(pin, owner):
        if exit_node is not None and _is_ancestor(block, exit_node):
            return True
        for statement in block.named_children:
            if statement.start_byte > pin.end_byte and statement.type == "return_statement":
                return False
    return True


def _is_ancestor(ancestor: Node, node: Node) -> bool:
    parent = node
    while parent is not None:
        if parent == ancestor:
            return True
        parent = parent.parent
    return False


def _pin_argument(call: Node) -> str:
    args = call.child_by_field_name("arguments")
    named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    return text(named[0]) if named else "?"


def _function_name(function: Node | None) -> str:
    if function is None:
        return "the function"
    if function.type in ("function_declaration", "method_declaration"):
        return f"`{text(function.child_by_field_name('name'))}`"
    return "the function literal" if function.type in FUNCTION_KINDS else "the function"
