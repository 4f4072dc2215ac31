from __future__ import annotations

import re

from cgolint.allocation_flags import flag_value_after
from cgolint.call_targets import call_arguments
from cgolint.deferred_frees import nil_deferred_frees
from cgolint.flow import FlowNode
from cgolint.loop_counters import later_iteration_value
from cgolint.nil_tests import nil_when
from cgolint.ownership import pointer_facts
from cgolint.ownership_facts import Allocation, OwnershipOptions, PointerFacts
from cgolint.rule import IMPORT_C, Edit, Fix, Level, Rule
from cgolint.source import text, walk


# What ends the function's responsibility for an allocation on a path.
# ("filled": `&p` passed to C, which may take the pointer and write another)
RELEASES = frozenset({"free", "defer-free", "closure-free", "realloc", "handover", "filled"})
# libc functions that read a pointer during the call and never keep it.
_LIBC_NON_KEEPING = frozenset({
    "puts", "printf", "fprintf", "sprintf", "snprintf", "fputs", "strlen", "strnlen", "strcmp", "strncmp",
    "strcpy", "strncpy", "strcat", "strncat", "strchr", "strrchr", "strstr", "memcpy", "memmove", "memset",
    "memcmp", "atoi", "atol", "strtol", "strtoul", "strtod", "fopen", "open", "stat", "lstat", "access",
    "unlink", "remove", "rename", "mkdir", "rmdir", "chdir", "getenv", "setenv", "unsetenv", "putenv_copy",
    "fwrite", "fread", "write", "read", "perror", "system", "dlopen", "dlsym", "GoString", "GoStringN", "GoBytes",
})


def _free_declared(ctx) -> bool:
    """Whether `C.free` builds in this file (cgo reads each file with its own
    preamble): the preamble includes <stdlib.h>, or the file already calls
    C.free (a header of its own, such as libvips' vips.h, brings it)."""
    source = ctx.file
    memo = ctx.package.memo("C.free declared")
    if source.path not in memo:
        preamble = b"".join(source.data[r.start_byte:r.end_byte] for r in source.preamble_ranges())
        memo[source.path] = bool(_STDLIB.search(preamble)) or b"C.free" in source.data and any(
            node.type == "call_expression" and text(node.child_by_field_name("function")).replace(" ", "") == "C.free"
            for node in walk(source.root))
    return memo[source.path]


_STDLIB = re.compile(rb"#\s*include\s*<stdlib\.h>")


class CMemoryLeak(Rule):
    """C memory from `C.CString`, `C.CBytes`, `C.malloc` and friends that is not freed on some path.

    ## What it does
    Follows every result of `C.CString`, `C.CBytes`, `C.malloc`, `C.calloc`,
    `C.realloc` and `C.strdup` (and the C functions named in the
    `allocators` option, and the preamble's functions whose bodies return a
    block they malloc'd or strdup'd for the caller, held nowhere else)
    through the control flow of the function that
    allocates it, and reports it when some path reaches a `return`, the end
    of the function, or the same allocation again without a `C.free` (or a
    library deallocator: `g_free`, `sqlite3_free`, `PQfreemem`, `curl_free`,
    `SDL_free`, `av_free`, `duckdb_free`, `rocksdb_free`, `leveldb_free`,
    `gpgme_free`, `mpv_free`; or a function named in the `frees` option, or a
    preamble function whose body
    frees its first argument on every path), a `defer C.free(...)`, or a
    hand-over of ownership. An allocation passed straight to a C function
    (`C.puts(C.CString(s))`) or discarded is reported too, and so is a
    `defer C.free(unsafe.Pointer(p))` (or of a package function that frees
    its argument, like `gFreePointer(p)`) that runs while `p` is still nil
    (declared without a value) when `p` is written after it (`C.get(&p)`,
    `p = C.CString(s)`): a deferred call evaluates its arguments at the
    `defer`, so it frees nil and the memory stored later leaks.

    Handing ownership over ends the function's responsibility, and the rule
    stays silent: returning the pointer (also inside a composite literal),
    storing it in a struct field, a package variable, a map or a slice,
    sending it on a channel, passing it to a Go function or method, to
    `runtime.SetFinalizer`, to a C function whose preamble body keeps it,
    may free it (also by handing it on with `free` as its destructor:
    `result_text(s, &free)`; preamble bodies include those in the
    package's own `.c` files) or that the `takes-ownership` option names,
    to a C function given a release function right beside it
    (`C.sqlite3_bind_text(st, i, cs, n, (*[0]byte)(C.free))`), to a
    CoreFoundation `...NoCopy` constructor (unless given
    `kCFAllocatorNull`), capturing it in a closure, or
    copying it to another variable. Passing it to an ordinary C function
    (`C.puts(cs)`) or to `C.GoString` does not hand it over. Branches on
    which the pointer is known to be `nil` (`if p == nil { return err }`,
    also `p == C.NULL` and `uintptr(p) == 0`) hold nothing to free; paths that end in
    `panic`, `os.Exit` or `log.Fatal` are not reported. A loop that frees
    the previous iteration's allocation under a test of its counter ahead of
    the next allocation (`if i > 0 { C.free(unsafe.Pointer(p)) }` in a
    `range` over a slice, or a `for i := 0; ...; i++` loop) frees on every
    path that comes round from an allocation. When every free is
    inside an `if` that tests the result of a C call given the pointer
    (`if C.attach(p) != 0 { C.free(p); return err }`), the pointer is taken
    to belong to C on success, and the rule stays silent.

    Options (`[rules.CGL005]` in `.cgolint.toml`): `allocators`, `frees`,
    `takes-ownership`: lists of extra C function names.

    ## Why is this bad?
    `C.CString` and `C.CBytes` copy Go data into memory from C's `malloc`.
    The Go garbage collector never sees that memory: unless the program calls
    `C.free`, every call leaks it. A leak on an error path is the common
    case: the happy path frees, the early `return` does not, and a long
    running process grows each time the error happens. No runtime check
    (`cgocheck`) reports leaks.

    ## Example
    ```go
    func open(name string) error {
        cs := C.CString(name)
        if C.open_db(cs) != 0 {
            return errors.New("open failed") // cs leaks here
        }
        C.free(unsafe.Pointer(cs))
        return nil
    }
    ```

    ## Use instead
    ```go
    func open(name string) error {
        cs := C.CString(name)
        defer C.free(unsafe.Pointer(cs))
        if C.open_db(cs) != 0 {
            return errors.New("open failed")
        }
        return nil
    }
    ```

    ## Fix safety
    The fix inserts `defer C.free(unsafe.Pointer(p))` on the line after the
    allocation. It is offered only where that is certainly the whole fix:
    the allocation is a plain assignment directly in the function body (not
    in a loop or branch), the function never frees, returns, stores or
    otherwise hands the pointer over, and never reassigns it; for
    `*C.char` results the file must already import `unsafe`. It is marked
    safe when every C function the pointer is passed to is known not to keep
    it (a libc function, or a preamble function whose body does not store
    it); otherwise C might keep the pointer, freeing it would leave C with a
    dangling pointer, and the fix is unsafe (applied with `--unsafe-fixes`).
    `C.free` is declared in `<stdlib.h>`: when the file's preamble does not
    include it and the file calls `C.free` nowhere (another header may
    declare it), the message says so and the fix is unsafe too (it does not
    build until the include is added).

    ## References
    - [cmd/cgo: Go references to C](https://pkg.go.dev/cmd/cgo#hdr-Go_references_to_C)
    - [cgo wiki: C strings](https://go.dev/wiki/cgo#go-strings-and-c-strings)
    """

    code = "CGL005"
    name = "c-memory-leak"
    markers = (IMPORT_C,)
    level = Level.WARNING
    precision = "medium"
    security_severity = 4.0
    tags = ("security", "cgo", "memory-leak")
    fixable = True
    node_kinds = ("function_declaration", "method_declaration", "func_literal")

    options = {"allocators": [], "frees": [], "takes-ownership": []}

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo

    def check(self, node, ctx):
        if not ctx.file.uses_cgo or node.child_by_field_name("body") is None or node.has_error:
            return  # (a body that does not parse: error recovery can merge statements, so paths are unknown)
        options = OwnershipOptions.from_options(ctx.options, ctx.package.preamble)
        code = ctx.file.data[node.start_byte:node.end_byte]
        reported = set()  # variables whose nil deferred free is the finding
        # (a variable declared without a value, or nil: `var p *C.char`, `p = nil`)
        # (the free may be a Go helper of the package, with no `C.free` in sight here)
        if b"defer" in code and (b"var " in code or b"nil" in code):
            for found in nil_deferred_frees(node, ctx.file, ctx.package, options):
                reported.add(found.symbol)
                yield self._nil_deferred_free(found, ctx)
        if not options.may_allocate(code):
            return
        facts = pointer_facts(node, ctx.file, ctx.package, options)
        for allocation in facts.allocations:
            if allocation.symbol in reported:
                continue
            if allocation.verdict == "tracked":
                report = self._judge(allocation, facts, ctx, options)
            elif allocation.verdict in ("inline", "discarded"):
                report = self._unowned(allocation, ctx)
            else:
                report = None
            if report is not None:
                yield report

    # --- verdicts ----------------------------------------------------------
    def _nil_deferred_free(self, found, ctx):
        name = found.symbol.name
        line = ctx.file.position(found.later.start_byte).line
        call = found.defer.named_children[0]
        arguments = ", ".join(text(a) for a in call_arguments(call))
        return self.report(
            call, f"`defer {found.free}(...)` evaluates `{name}` when the defer runs, while `{name}` is "
                  f"still nil, so it frees nothing; the C memory stored in `{name}` at line {line} is never "
                  f"freed: defer `func() {{ {found.free}({arguments}) }}()` instead, or move the defer "
                  f"after line {line}")

    def _unowned(self, allocation: Allocation, ctx):
        call = allocation.call
        what = f"C.{allocation.allocator}"
        free = self._free_hint(allocation, ctx, "v")
        if allocation.verdict == "inline":
            callee = allocation.detail.removeprefix("C.")
            function = ctx.package.preamble.function(callee)
            unless = "" if callee in ("GoString", "GoStringN", "GoBytes") or function is not None and function.has_body \
                else (f" (unless {allocation.detail} keeps the pointer: then name it in the "
                      f"`takes-ownership` option)")
            message = (f"the result of {what} passed straight to {allocation.detail} is never freed, so each "
                       f"call leaks it{unless}; assign it to a variable `v`, {free}, and pass `v`")
        else:
            message = (f"the result of {what} is discarded, so the C memory can never be freed; "
                       f"assign it to a variable and {free}")
        return self.report(call, message + self._stdlib_note(allocation, ctx))

    def _judge(self, allocation: Allocation, facts: PointerFacts, ctx, options: OwnershipOptions):
        symbol = allocation.symbol
        flow = facts.flow
        at = facts.at(symbol)

        def stop(node: FlowNode) -> bool:
            return any(o.kind in RELEASES or o.kind == "write" for o in at.get(node.id, ()))

        def edge_ok(branch) -> bool:
            # where the pointer is nil, malloc failed (nothing to free) or, for
            # C.CString, the branch cannot be taken at all
            if branch.value in nil_when(branch.condition, lambda ident: facts.resolve(ident) is symbol):
                return False
            # `if i > 0 { free(prev) }` ahead of the allocation: only the first
            # iteration skips it, and no path from the allocation is one
            later = later_iteration_value(branch.condition, allocation.call, symbol, ctx.package, ctx.file)
            if later is None:  # `if copied { C.free(...) }` of a flag set beside the allocation
                later = flag_value_after(branch.condition, allocation.call, ctx.package, ctx.file)
            return later is None or branch.value == later

        reached = flow.reach(allocation.flow_id, stop, edge_ok)
        leaks = [n for n in reached if (n.is_exit and not stop(n)) or n.id == allocation.flow_id]
        if not leaks:
            return None
        leaks.sort(key=lambda n: (n.id != allocation.flow_id, n.start))
        leak = leaks[0]
        everywhere = flow.reach(allocation.flow_id)
        in_loop = any(n.id == allocation.flow_id for n in everywhere)
        events = facts.events(symbol)
        # released by some path from this allocation (not by an earlier allocation's free)
        later = [o for n in everywhere if n.id != allocation.flow_id for o in at.get(n.id, ())]
        released = any(o.kind in RELEASES for o in later)
        if released and _freed_only_on_failure(symbol, later, facts):
            return None
        handed_over = any(o.kind in ("handover", "filled", "closure-free") for o in later)
        name = symbol.name
        what = f"C.{allocation.allocator}"
        line = ctx.file.position(leak.start).line
        free_call = self._free_call(allocation, name, ctx)
        if not released:
            hint = (f"free it with {free_call} once it is no longer needed, in every iteration" if in_loop
                    else self._free_hint(allocation, ctx, name))
            keeper = self._may_keep(events, ctx)
            unless = f" (unless C.{keeper} keeps the pointer: then name it in the `takes-ownership` option)" \
                if keeper else ""
            message = (f"`{name}` holds C memory from {what} that is never freed: the Go garbage collector "
                       f"does not free C memory, so each call leaks it{unless}; {hint}")
        else:
            if leak.id == allocation.flow_id:
                where = "when the next iteration of the loop allocates again"
                hint = f"free it with {free_call} before the loop comes back"
            elif leak.kind == "end":
                where = f"at the end of the function (line {line})"
                hint = f"free it with {free_call} before the function ends"
            else:
                where = f"on the return at line {line}"
                hint = f"free it with {free_call} before that return"
            if not handed_over and not in_loop and _freed_by_free(allocation, ctx):
                hint = (f"{self._free_hint(allocation, ctx, name)} instead of freeing it on each path")
            message = (f"`{name}` holds C memory from {what} that is leaked {where}: other paths "
                       f"{'free it or hand it over' if handed_over else 'free it'}, this one does not; {hint}")
        fix = None
        if not in_loop and not any(o.kind in RELEASES for o in events):
            fix = self._fix(allocation, facts, ctx)
        return self.report(allocation.call, message + self._stdlib_note(allocation, ctx), fix=fix)

    @staticmethod
    def _may_keep(events, ctx) -> str | None:
        """The first C function the pointer is passed to whose body is out
        of sight and whose parameter is not `const`: a library that may
        take it over (libsass's sass_make_import_entry frees its `source`)."""
        for event in events:
            call = event.call if event.kind == "use" else None
            target = ctx.package.call_target(call, ctx.file) if call is not None else None
            if target is None or target.kind != "c" or target.name in ("free", "GoString", "GoStringN", "GoBytes"):
                continue
            function = ctx.package.preamble.function(target.name)
            if function is None or function.has_body:
                continue
            args = call_arguments(call)
            index = next((i for i, a in enumerate(args) if a.start_byte <= event.ident.start_byte < a.end_byte), None)
            if index is not None and index < len(function.params) and not function.params[index].ctype.const:
                return target.name
        return None

    # --- wording -------------------------------------------------------------
    def _free_call(self, allocation: Allocation, name: str, ctx) -> str:
        if not _freed_by_free(allocation, ctx):
            return f"the function that frees C.{allocation.allocator}'s memory"
        if allocation.pointer_kind == "unsafe" or (
                allocation.pointer_kind == "unknown" and allocation.allocator in ("CBytes", "malloc", "calloc", "realloc")):
            return f"`C.free({name})`"
        unsafe = ctx.file.import_name("unsafe") or "unsafe"
        return f"`C.free({unsafe}.Pointer({name}))`"

    def _free_hint(self, allocation: Allocation, ctx, name: str) -> str:
        if not _freed_by_free(allocation, ctx):
            return f"free it with the function that frees C.{allocation.allocator}'s memory"
        call = self._free_call(allocation, name, ctx)
        return f"add `defer {call.strip('`')}` right after the allocation"

    def _stdlib_note(self, allocation: Allocation, ctx) -> str:
        if not _freed_by_free(allocation, ctx) or _free_declared(ctx):
            return ""
        return " (C.free is declared in <stdlib.h>: add `#include <stdlib.h>` to the cgo preamble)"

    # --- fix -------------------------------------------------------------------
    def _fix(self, allocation: Allocation, facts: PointerFacts, ctx):
        statement = allocation.statement
        symbol = allocation.symbol
        if statement is None or not _freed_by_free(allocation, ctx):
            return None
        if statement.type not in ("short_var_declaration", "assignment_statement"):
            while statement is not None and statement.type != "var_declaration":
                statement = statement.parent
            if statement is None:
                return None
        container = statement.parent
        body = facts.function.child_by_field_name("body")
        if container is None or body is None or not (
                container == body or (container.type == "statement_list" and container.parent == body)):
            return None
        events = facts.events(symbol)
        writes = [o for o in events if o.kind == "write"]
        if any(not (statement.start_byte <= o.ident.start_byte < statement.end_byte) for o in writes):
            return None
        if allocation.pointer_kind == "unsafe":
            call = f"C.free({symbol.name})"
        elif allocation.pointer_kind == "typed":
            unsafe = ctx.file.import_name("unsafe")
            if unsafe is None:
                return None
            call = f"C.free({unsafe}.Pointer({symbol.name}))"
        else:
            return None
        data = ctx.file.data
        newline = data.find(b"\n", statement.end_byte)
        if newline == -1:
            return None
        rest = data[statement.end_byte:newline].strip()
        if rest and not rest.startswith(b"//"):
            return None
        line_start = data.rfind(b"\n", 0, statement.start_byte) + 1
        prefix = data[line_start:statement.start_byte]
        if prefix.strip():
            return None
        indent = prefix.decode("utf-8", "replace")
        if newline > 0 and data[newline - 1:newline] == b"\r":
            newline -= 1
            eol = "\r\n"
        else:
            eol = "\n"
        safe = all(self._does_not_keep(o, ctx) for o in events if o.kind == "use") and _free_declared(ctx)
        return Fix(f"Insert `defer {call}` after the allocation",
                   (Edit(newline, newline, f"{eol}{indent}defer {call}"),), safe=safe)

    @staticmethod
    def _does_not_keep(occurrence, ctx) -> bool:
        """Whether a use certainly leaves the pointer with the function: not
        passed to C at all, or to a C function known not to keep it."""
        call = occurrence.call
        if call is None or not occurrence.detail.startswith("passed to C."):
            return True
        name = occurrence.detail.removeprefix("passed to C.")
        if name in _LIBC_NON_KEEPING:
            return True
        function = ctx.package.preamble.function(name)
        return function is not None and function.has_body


_BUILTIN_ALLOCATORS = frozenset({"CString", "CBytes", "malloc", "calloc", "realloc", "strdup", "strndup"})


def _freed_by_free(allocation: Allocation, ctx) -> bool:
    """C.free frees it: cgo's and libc's allocators, and the preamble's
    functions that return a block malloc'd or strdup'd for the caller."""
    return allocation.allocator in _BUILTIN_ALLOCATORS or allocation.allocator in ctx.package.preamble.allocating_functions


def _freed_only_on_failure(symbol, reachable, facts: PointerFacts) -> bool:
    """The "C takes it on success" idiom: every release of the pointer is an
    explicit free inside an `if` that tests the result of a C call which
    received the pointer (`if C.attach(p) != 0 { C.free(p); return err }`).
    The path past the check is then the success path, where C keeps it."""
    frees = [o for o in reachable if o.kind in RELEASES]
    if not frees or any(o.kind != "free" or o.in_closure for o in frees):
        return False
    for free in frees:
        branch = free.call
        statement = branch.parent if branch is not None else None
        while statement is not None and statement.type != "if_statement":
            if statement.type in ("function_declaration", "method_declaration", "func_literal"):
                return False
            branch, statement = statement, statement.parent
        if statement is None or branch == statement.child_by_field_name("condition"):
            return False
        tested = [statement.child_by_field_name("condition"), statement.child_by_field_name("initializer")]
        if not any(_tests_c_call_with(node, symbol, facts) for node in tested if node is not None):
            return False
    return True


def _tests_c_call_with(expr, symbol, facts: PointerFacts) -> bool:
    """Whether `expr` holds, or reads a variable set from, a C call given `symbol`."""
    for node in walk(expr):
        if node.type == "call_expression" and _c_call_with(node, symbol, facts):
            return True
        if node.type == "identifier":
            other = facts.resolve(node)
            if other is None or other is symbol:
                continue
            values = ([other.value] if other.value is not None else []) + [rhs for _, rhs in other.writes if rhs is not None]
            if any(value.type == "call_expression" and _c_call_with(value, symbol, facts) for value in values):
                return True
    return False


def _c_call_with(call, symbol, facts: PointerFacts) -> bool:
    if facts.c_name(call) is None:
        return False
    arguments = call.child_by_field_name("arguments")
    return arguments is not None and any(
        node.type == "identifier" and facts.resolve(node) is symbol for node in walk(arguments))

