from __future__ import annotations

from cgolint import buffer_calls, buffer_verdicts, buffers, nul_termination
from cgolint.rule import IMPORT_C, Level, Rule, related_prototype


class MissingLengthArgument(Rule):
    """A Go buffer handed to C with no way for C to know its length.

    ## What it does
    Follows pointer arguments of C calls (`&s[0]`, `unsafe.SliceData(s)`,
    `&r.buf[0]`, through `unsafe.Pointer(...)`, `(*C.uchar)(...)` and
    intermediate local variables) to the Go slice or array they point into,
    and reports:

    - unbounded libc calls on Go memory: `C.strcpy`, `C.stpcpy`, `C.strcat`,
      `C.wcscpy`, `C.wcscat`, `C.sprintf`, `C.vsprintf` and `C.gets` write
      into the buffer with no bound; `C.strlen`, `C.strdup`, `C.strcmp`,
      `C.strchr`, `C.strstr`, `C.atoi` and friends read it until a NUL byte
      (not reported when the function visibly stores a 0 into the buffer or
      allocates it with room for one, `make([]byte, n+1)`);
    - a slice, struct field (of a value or of a method's receiver) or
      package-level buffer passed to a C function whose prototype in the
      preamble (or a local header) has no length slot, and no argument
      derived from the buffer (`len(s)`, `C.size_t(len(s))`, `cap(s)`,
      `unsafe.Sizeof(a)`, a local assigned from one of these, `n` of
      `s := make([]byte, n)`, a constant equal to the array's length) is
      passed; or whose fixed-size array parameter is larger than the Go
      array; or whose preamble body indexes past the Go array; or whose
      length parameter is given a constant larger than a slice whose size
      is known (`make([]byte, 16)`, never changed).

    Length slots follow one policy, shared with CGL001 and CGL008. An
    integer parameter (or a pointer to one, an in/out length) carries the
    length when the argument passed in it is derived from the buffer; when
    the parameter is named like a length (`n`, `len`, `size`, `cap`,
    `count`, `nbytes`, `bufsize`, `*_len`, `nByte`, ...) or typed
    `size_t`/`ssize_t`/`socklen_t`, whatever is passed; and when it has no
    name or a neutral one and the argument is not visibly something else.
    A parameter named like an index, flag, code or option (`i`, `col`,
    `code`, `err`, `flags`, `mode`, `opt`, `type`, `id`, `fd`, `offset`)
    getting a value not derived from the buffer is not a length slot
    (sqlite's `(stmt, int col, char *out)`, curl's `(handle, int opt, ...)`
    shapes are reported), nor is an unnamed or neutral one getting 0, a C
    constant that does not name a size, or a variable named like an index,
    flag or code. A pointer to a C struct, or to a type the preamble does
    not declare (an opaque handle), is never a length slot, unless the
    function first sets a field of the struct it passes to the buffer's
    length (`z.avail_in = C.uint(len(src))`, also through a field: `s.z.avail_in`).

    Option (`[rules.CGL003]` in `.cgolint.toml`): `knows-length`, C
    functions that know a buffer argument's length without being told
    (a fixed size, or one the library's handle holds, as FAISS's
    `faiss_Index_reconstruct` writes `d` floats for an index of dimension
    `d`): `"name"` for every argument, `"name:index"` for one.

    Helper functions of the package that pass a parameter straight on to C
    are followed one level. Function-local arrays are CGL001's
    (local-array-to-c) except in unbounded libc calls, which are reported
    here whatever the buffer.

    Silent for C memory (`C.CString`, `C.malloc`, `C.CBytes` results and
    slices made over them with `unsafe.Slice`), pointers of unknown origin
    such as a `*C.char` parameter, `const char *` parameters (a C string:
    its end is its NUL terminator, which CGL008 checks), a non-const
    `char *` or a `const unsigned char *` parameter (PCRE2_SPTR, xmlChar)
    given a buffer that visibly ends in a NUL (`ua = append(ua, 0)`: a C
    string setter written without `const`, or text kept in unsigned bytes),
    a buffer passed where the parameter is a pointer to a C struct (one
    object), and C functions whose prototype is not in the package (system
    headers): their contract cannot be read from source.
    Sizes assume an LP64 target (64-bit Linux and macOS): `C.long` and
    `size_t` are 8 bytes, `C.int` is 4.

    ## Why is this bad?
    Passing a pointer to a pointer-free Go buffer to C for the duration of a
    call is legal; what C then does with it is bounded only by what C knows.
    Go buffers carry their length in the slice header, which C never sees,
    and Go byte slices carry no NUL terminator. A C function that is not
    given the length either assumes one (and overruns a smaller buffer) or
    scans for a NUL byte (and reads or writes past the end of the Go
    allocation, into other Go objects). The Go runtime does not detect
    either: the corruption shows up later, somewhere else.

    ## Example
    ```go
    /*
    #include <string.h>
    void hash_final(unsigned char *out);
    */
    import "C"

    func digest(out []byte, name *C.char) {
        C.hash_final((*C.uchar)(unsafe.SliceData(out)))
        var label [16]byte
        C.strcpy((*C.char)(unsafe.Pointer(&label[0])), name)
    }
    ```

    ## Use instead
    ```go
    /*
    #include <string.h>
    int hash_final(unsigned char *out, size_t out_len);
    */
    import "C"

    func digest(out []byte, name *C.char) {
        C.hash_final((*C.uchar)(unsafe.SliceData(out)), C.size_t(len(out)))
        var label [16]byte
        C.strncpy((*C.char)(unsafe.Pointer(&label[0])), name, C.size_t(len(label)-1))
    }
    ```

    ## Fix safety
    No fix is offered: a length parameter changes the C function's
    signature, and the bounded replacement of a libc call has different
    truncation rules that the caller must choose.

    ## References
    - cmd/cgo documentation, "Passing pointers": https://pkg.go.dev/cmd/cgo#hdr-Passing_pointers
    - `unsafe.SliceData`: https://pkg.go.dev/unsafe#SliceData
    - CWE-120 (buffer copy without checking size of input), CWE-126 (buffer over-read)
    """

    code = "CGL003"
    name = "missing-length-argument"
    markers = (IMPORT_C,)
    level = Level.WARNING
    precision = "high"
    security_severity = 7.0
    tags = ("security", "cgo", "memory-safety")
    node_kinds = ("call_with_arguments",)

    # C functions that know the length of a buffer argument without being told: a fixed size, or one the
    # library's handle holds (FAISS's `faiss_Index_reconstruct`): "name" or "name:index"
    options = {"knows-length": []}

    @classmethod
    def applies(cls, source, package):
        return buffer_calls.package_uses_cgo(package)  # a wrapper in a cgo-free file still counts

    def check(self, node, ctx):
        target = buffer_calls.buffer_call_target(node, ctx.file, ctx.package)
        if target is None:
            return
        if target.kind == "c":
            if buffers.is_c_conversion(node, ctx.package, ctx.file):
                return
            unbounded = buffer_verdicts.unbounded_call(target.name, ctx.package.preamble)
            if unbounded is not None:
                yield from self._unbounded(node, target.name, unbounded, ctx)
            else:
                yield from self._c_call(node, target.name, ctx)
        elif target.kind in ("func", "method") and target.node is not None \
                and buffer_calls.calls_c(target.node, ctx.package):
            yield from self._helper_call(node, target, ctx)

    def _buffers(self, call, ctx, local_arrays: bool):
        for index, arg, buffer in buffers.buffer_arguments(call, ctx.package, ctx.file):
            if buffer.is_local_array and not local_arrays:
                continue
            if buffer.type.elem is not None and ctx.package.contains_go_pointers(buffer.type.elem) is not False:
                continue  # Go pointers inside, or unknown: CGL004's concern
            yield index, arg, buffer

    def _unbounded(self, call, name: str, unbounded, ctx):
        roles, replacement = unbounded
        for index, arg, buffer in self._buffers(call, ctx, local_arrays=True):
            role = roles.get(index)
            if role == "write":
                yield self.report(arg, f"C.{name} writes into {buffer.describe()} until its source ends, with "
                                       f"no bound on `{buffer.name}`'s length: a longer source overflows the Go "
                                       f"buffer; use {replacement}")
            elif role == "read" and not nul_termination.has_terminator(buffer, call, ctx.package, ctx.file):
                yield self.report(arg, f"C.{name} reads {buffer.describe()} until it meets a NUL byte, with no "
                                       f"bound: Go memory holds no terminator unless the program puts one "
                                       f"there, so C can read past the end of `{buffer.name}`; use {replacement}")

    def _c_call(self, call, name: str, ctx):
        for index, arg, buffer in self._buffers(call, ctx, local_arrays=False):
            if ctx.lists_c_function("knows-length", name, index):
                continue
            problem = buffer_verdicts.length_problem(call, index, buffer, ctx.package, ctx.file)
            if problem is not None:
                yield self.report(arg, f"C.{name} gets {buffer.describe()}, but {problem.explain(buffer)}; "
                                       f"{problem.fix(buffer)}",
                                  related=(related_prototype(problem.function),))

    def _helper_call(self, call, target, ctx):
        for index, arg, buffer in self._buffers(call, ctx, local_arrays=False):
            for inner, position, owner in buffer_calls.forwarded_to_c(ctx.package, target.node, index):
                name = ctx.package.call_target(inner, owner).name
                if buffer_verdicts.unbounded_call(name, ctx.package.preamble) is not None \
                        or ctx.lists_c_function("knows-length", name, position):
                    continue
                problem = buffer_verdicts.length_problem(inner, position, buffer, ctx.package, owner)
                if problem is not None:
                    yield self.report(arg, f"{target.name} hands {buffer.describe()} to C.{name}, but "
                                           f"{problem.explain(buffer)}; {problem.fix(buffer)}",
                                      related=(related_prototype(problem.function),))
                    break
