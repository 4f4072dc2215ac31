from __future__ import annotations

from cgolint import buffer_calls, buffer_verdicts, buffers
from cgolint.kept_arguments import kept_at
from cgolint.rule import IMPORT_C, Level, Rule, related_prototype


class LocalArrayToC(Rule):
    """A function-local array handed to C that C keeps, or whose length C is never told.

    ## What it does
    Follows pointer arguments of C calls (`&buf[0]`, `&buf`,
    `unsafe.SliceData(buf[:])`, through `unsafe.Pointer(...)`, `(*C.char)(...)`
    and intermediate local variables) to the local array they point into,
    and reports the array when:

    - the C function keeps the pointer after the call returns: its body in
      the preamble (or in a local header) stores the parameter in a global,
      a static or a struct reached through a pointer, or the function is
      listed in this rule's `keeps-pointer` option (not when the store is
      under an `if` on another parameter that the call's constant rules
      out: `take(p, n, 1)` of `if (copy) ... else saved = p;`). Reported at
      level error.
    - nothing tells C the array's length: no argument derived from the
      array (`len(buf)`, `C.size_t(len(buf))`, `unsafe.Sizeof(buf)`, the
      array's length constant or a constant equal to its length) is passed,
      no parameter of the C prototype is a length slot (see below), and no
      fixed-size array parameter (`char out[41]`) is at least as large as
      the Go array. A C function defined in the preamble whose body only
      touches constant extents that fit in the array is not reported: constant
      indices (`p[N - 1]`, with `#define N 8`), loops bounded by a constant
      (`for (i = 0; i < DIM * DIM; i++) p[i]`), and `memcpy`, `memset` and
      the like with a constant count (`memcpy(out, b, sizeof b)`); one whose
      body reaches past the end is. So is a length parameter (by its name or
      `size_t` type, or an in/out `size_t *`) given a constant larger than
      the array in bytes: `C.fill_n(&buf[0], 72)` for a `[64]byte`.

    Length slots. An integer parameter (or a pointer to one, an in/out
    length such as `socklen_t *len`) is taken to carry the array's length
    when the argument passed in it is derived from the array, whatever its
    name; when the parameter is named like a length (`n`, `len`, `size`,
    `cap`, `count`, `nbytes`, `bufsize`, `*_len`, `nByte`, ...) or typed
    `size_t`/`ssize_t`/`socklen_t`, whatever is passed (the contract says
    so); and when it has no name or a name that says nothing (`x`, `value`)
    and the argument is not visibly something else. It is not a length slot
    when it is named like an index, a flag, a code or an option (`i`, `col`,
    `code`, `err`, `flags`, `mode`, `opt`, `type`, `id`, `fd`, `offset`, ...)
    and gets a value not derived from the array (`C.error_into(C.int(code),
    &msg[0])` is reported), nor when an unnamed or neutral parameter gets 0,
    a C constant that does not name a size (`C.CURLOPT_URL`), or a variable
    named like an index, flag or code. A pointer to a struct (a handle, a
    context, an options block: libgit2's `git_oid_fmt(char *out, const
    git_oid *id)`) is never a length slot, unless the function first sets
    a field of the struct it passes to the array's length
    (`o.len = C.size_t(len(buf))`).
    - `go C.f(&buf[0])` runs the C call in a new goroutine while the
      function still uses the array afterwards (or reuses it in a loop).

    Helper functions of the package that pass a parameter straight on to
    C (`func call(p *byte) { C.f((*C.char)(unsafe.Pointer(p))) }`) are
    followed one level, so `call(&buf[0])` is judged by what `C.f` does.
    Byte sizes in messages assume an LP64 target (`C.int` 4 bytes,
    `C.long` 8). Arrays whose elements hold Go pointers are left to CGL004,
    and memory pinned with `runtime.Pinner` in the same function is not
    reported as kept.
    Slices, struct fields and package variables are checked by CGL003
    (missing-length-argument), as are unbounded libc calls such as
    `C.strcpy` whatever the buffer.

    ## Why is this bad?
    Passing `&buf[0]` of a pointer-free local array to C is legal: the Go
    runtime pins the memory for the duration of the call. The hazards are
    elsewhere. cgo forbids C from keeping a Go pointer after the call
    returns unless the memory is pinned with `runtime.Pinner`: once the
    call returns, Go may free the array or reuse its memory while C still
    holds the address, and later C reads or writes corrupt unrelated Go
    data. No runtime check detects this (cgocheck sees only pointers inside
    the memory passed). And a C function that is not told the array's
    length can only trust a size it assumes, so a smaller Go array is
    overrun silently. A `go` statement makes the C call run concurrently
    with the rest of the function, so the two race on the array.
    A `defer C.f(&buf[0], C.size_t(len(buf)))` is fine: the array stays
    alive until the deferred call has run.

    ## Example
    ```go
    /*
    static char *saved;
    static void remember(char *p) { saved = p; }
    static void fill(char *p) { for (int i = 0; i < 64; i++) p[i] = 'x'; }
    */
    import "C"

    func f() {
        var buf [32]byte
        C.remember((*C.char)(unsafe.Pointer(&buf[0]))) // C keeps a Go pointer
        C.fill((*C.char)(unsafe.Pointer(&buf[0])))     // C assumes 64 bytes
    }
    ```

    ## Use instead
    ```go
    /*
    static char *saved;
    static void remember(char *p) { saved = p; }
    static void fill(char *p, size_t n) { for (size_t i = 0; i < n; i++) p[i] = 'x'; }
    */
    import "C"

    func f() {
        p := C.malloc(32) // C memory: C may keep it; free it when C is done
        C.remember((*C.char)(p))
        var buf [32]byte
        C.fill((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
    }
    ```

    ## Fix safety
    No fix is offered: changing who owns the memory, or adding a length
    parameter to a C function, needs a decision about the C side.

    ## References
    - cmd/cgo documentation, "Passing pointers": https://pkg.go.dev/cmd/cgo#hdr-Passing_pointers
    - runtime.Pinner: https://pkg.go.dev/runtime#Pinner
    - `unsafe.SliceData`: https://pkg.go.dev/unsafe#SliceData
    """

    code = "CGL001"
    name = "local-array-to-c"
    markers = (IMPORT_C,)
    level = Level.WARNING
    precision = "high"
    security_severity = 7.5
    tags = ("security", "cgo", "memory-safety")
    node_kinds = ("call_with_arguments",)

    options = {"keeps-pointer": []}

    @classmethod
    def applies(cls, source, package):
        return buffer_calls.package_uses_cgo(package)  # a wrapper in a cgo-free file still counts

    def check(self, node, ctx):
        target = buffer_calls.buffer_call_target(node, ctx.file, ctx.package)
        if target is None:
            return
        if target.kind == "c":
            raced: set[int] = set()
            statement = node.parent  # found from the root: asked once
            if statement is not None and statement.type == "go_statement":
                for index, report in self._go_statement(node, statement, target.name, ctx):
                    raced.add(index)
                    yield report
            yield from self._c_call(node, target.name, ctx, raced)
        elif target.kind in ("func", "method") and target.node is not None \
                and buffer_calls.calls_c(target.node, ctx.package):
            yield from self._helper_call(node, target, ctx)

    def _keeps(self, name: str, index: int, ctx, call, source) -> str | None:
        """Why C.name keeps argument `index` at `call` (in `source`), or None."""
        function = ctx.package.preamble.function(name)
        if function is not None and kept_at(function, index, call, source, ctx.package):
            return "its C body stores the pointer where it outlives the call"
        if ctx.lists_c_function("keeps-pointer", name, index):
            return "listed in the keeps-pointer option"
        return None

    def _local_arrays(self, call, ctx):
        for index, arg, buffer in buffers.buffer_arguments(call, ctx.package, ctx.file):
            if not buffer.is_local_array:
                continue
            if ctx.package.contains_go_pointers(buffer.type.elem) is not False:
                continue  # Go pointers inside, or unknown: CGL004's concern
            yield index, arg, buffer

    def _related(self, name: str, ctx):
        function = ctx.package.preamble.function(name)
        return (related_prototype(function),) if function is not None else ()

    def _c_call(self, call, name: str, ctx, skip: set[int]):
        if buffer_verdicts.unbounded_call(name, ctx.package.preamble) is not None:
            return  # CGL003 reports unbounded libc calls
        if buffers.is_c_conversion(call, ctx.package, ctx.file):
            return
        for index, arg, buffer in self._local_arrays(call, ctx):
            if index in skip:
                continue
            why = self._keeps(name, index, ctx, call, ctx.file)
            if why is not None:
                if buffer_calls.is_pinned(buffer, call, ctx.package, ctx.file):
                    continue
                yield self.report(arg, _keeps_message(buffer, f"C.{name}", why), level=Level.ERROR,
                                  related=self._related(name, ctx))
                continue
            problem = buffer_verdicts.length_problem(call, index, buffer, ctx.package, ctx.file)
            if problem is not None:
                yield self.report(arg, f"C.{name} gets {buffer.describe()}, but {problem.explain(buffer)}; "
                                       f"{problem.fix(buffer)}",
                                  related=(related_prototype(problem.function),))

    def _go_statement(self, call, statement, name: str, ctx):
        for index, arg, buffer in self._local_arrays(call, ctx):
            if self._keeps(name, index, ctx, call, ctx.file) is not None:
                continue  # reported as a keep
            if not buffer_calls.references_after(buffer, statement, ctx.package, ctx.file):
                continue
            yield index, self.report(arg, f"`go C.{name}(...)` runs C.{name} in a new goroutine while this function "
                                   f"goes on using {buffer.describe()}: C and Go access it at the same time "
                                   f"(a data race) and nothing waits for C to finish; call C.{name} "
                                   f"synchronously, or give C its own copy (C.CBytes) and free it when C is done",
                              related=self._related(name, ctx))

    def _helper_call(self, call, target, ctx):
        for index, arg, buffer in self._local_arrays(call, ctx):
            for inner, position, owner in buffer_calls.forwarded_to_c(ctx.package, target.node, index):
                name = ctx.package.call_target(inner, owner).name
                if buffer_verdicts.unbounded_call(name, ctx.package.preamble) is not None:
                    continue
                why = self._keeps(name, position, ctx, inner, owner)
                if why is not None:
                    if buffer_calls.is_pinned(buffer, call, ctx.package, ctx.file):
                        break
                    yield self.report(arg, _keeps_message(buffer, f"{target.name} (through C.{name})", why),
                                      level=Level.ERROR, related=self._related(name, ctx))
                    break
                problem = buffer_verdicts.length_problem(inner, position, buffer, ctx.package, owner)
                if problem is not None:
                    yield self.report(arg, f"{target.name} hands {buffer.describe()} to C.{name}, but "
                                           f"{problem.explain(buffer)}; {problem.fix(buffer)}",
                                      related=(related_prototype(problem.function),))
                    break


def _keeps_message(buffer, callee: str, why: str) -> str:
    return (f"{callee} keeps the pointer to {buffer.describe()} after the call returns ({why}), which cgo "
            f"forbids for unpinned Go memory: the call pins `{buffer.name}` only while it runs, and once this "
            f"function stops using it Go may free or reuse that memory while C still holds it; give C memory "
            f"it may keep (C.malloc or C.CBytes, freed when C is done), or pin the array with runtime.Pinner "
            f"until C lets go of it")
