from __future__ import annotations

from cgolint.call_targets import call_arguments
from cgolint.cleanups import repeated_frees
from cgolint.flow import FlowNode
from cgolint.ownership import freeing_helpers, pointer_facts
from cgolint.ownership_facts import WRITES, Occurrence, OwnershipOptions, PointerFacts
from cgolint.rule import IMPORT_C, Level, Rule
from cgolint.source import text

# Occurrences that do not read the pointer at the statement they sit in
# (`C.get(&p)` hands C the variable, not the freed block).
# Nor does comparing its value or using it as a map key read the freed block.
_NOT_A_USE = WRITES | {"nil-compare", "compare", "closure-free"}


class CUseAfterFree(Rule):
    """A C pointer read, passed or freed again after `C.free` on the same path.

    ## What it does
    Follows each local variable passed to `C.free` (or to a library
    deallocator such as `g_free` or `sqlite3_free`, to a C function named
    in the `frees` option, or to a preamble function whose body frees its
    first argument on every path: `void item_free(item *p) { free(p); }`,
    and wrappers of it) through the control flow of its function, and
    reports the first read, call argument, return, `C.free` or
    `defer C.free(...)` of the same variable on a path from the free that
    does not assign the variable a new value first. It also reports a free
    that a `defer C.free(...)` registered earlier on the same path repeats
    when the function returns, and a free that a deferred function literal
    (`defer func() { C.free(p) }()`) repeats because the variable still
    holds the freed pointer when the function returns.

    A free that a runtime cleanup repeats is reported too: a `C.free` of
    the pointer that `runtime.AddCleanup(obj, cleanup, p)` hands a cleanup
    that frees what it is given (the same local variable after the
    registration, or the same field `obj.p` of the struct type, also in a
    method of that type), or of a local variable a `runtime.SetFinalizer`
    closure frees; not in a function that stops the cleanup (`c.Stop()`)
    or clears the finalizer (`runtime.SetFinalizer(x, nil)`), nor for an
    `AddCleanup` whose result is kept (it may be stopped anywhere).

    Frees and uses on different branches are not reported, nor is anything
    after `p = nil` or another assignment to `p`. Comparing the pointer with
    `nil` or with another pointer, or using it as a map key (`delete(live,
    p)`), reads only its value, not the freed memory, and is not counted
    as a use. A C call given `&p` (`C.get(&p, &n)`,
    an out-parameter) counts as an assignment: C may write `p` during the
    call, and cgo forbids it to keep the address. When the preamble shows
    the body, the body decides: one that frees `*pp` and never assigns it
    (`void destroy(obj **pp) { free(*pp); }`) frees `p`, and one that only
    reads `*pp` uses it. A package function that frees its parameter first
    thing (`func freeStr(p *C.char) { C.free(unsafe.Pointer(p)) }`, also by
    `defer`) frees what it is given. Variables whose address is
    taken otherwise (kept in Go, passed to Go code, to a preamble function
    that keeps it, or in a `go`/`defer` statement), or that a closure
    assigns, are not followed.

    A copy made by `q := p` (also `q = p`, `var q = p`, through
    `unsafe.Pointer` or `(*T)` conversions, and a view `v :=
    unsafe.Slice((*T)(p), n)`) is followed too: freeing one
    and then using the other is reported when, at the free, every path
    from the function's start went through the copy with neither variable
    assigned since.

    A freed struct field (`C.free(s.mem)`, `s` a local, parameter or
    receiver, the path made of field names only) is followed like a
    variable until the path or any prefix of it (`s`, `s.inner`) is
    assigned, or until a call that may change it behind the function's
    back: any Go function or method call, a C call given a containing
    struct (`C.reset(s)`), and, when the field belongs to a C struct or a
    struct of unknown type, any C call. A field whose address, or whose
    containing struct's address, is taken, or that a function literal
    mentions, or whose containing struct is copied or handed on, is not
    followed.

    Option (`[rules.CGL006]` in `.cgolint.toml`): `frees`, a list of extra
    C functions that free their first argument.

    ## Why is this bad?
    After `free`, the C allocator may hand the same memory to the next
    `malloc`, possibly in another thread. Reading it returns someone else's
    data, writing it corrupts someone else's data, and freeing it twice
    corrupts the allocator's own bookkeeping: a crash far from the bug, or
    an exploitable heap corruption. The Go runtime checks none of this: the
    memory is C memory and `cgocheck` does not look at it.

    ## Example
    ```go
    func greet(name string) {
        cs := C.CString(name)
        defer C.free(unsafe.Pointer(cs))
        C.puts(cs)
        C.free(unsafe.Pointer(cs)) // freed again by the defer: double free
    }
    ```

    ## Use instead
    ```go
    func greet(name string) {
        cs := C.CString(name)
        defer C.free(unsafe.Pointer(cs))
        C.puts(cs)
    }
    ```

    ## Fix safety
    No fix is offered: which of the two frees, or which use, is wrong
    depends on what the code means.

    ## References
    - [cmd/cgo: Go references to C](https://pkg.go.dev/cmd/cgo#hdr-Go_references_to_C)
    - [CWE-416: Use After Free](https://cwe.mitre.org/data/definitions/416.html)
    - [CWE-415: Double Free](https://cwe.mitre.org/data/definitions/415.html)
    """

    code = "CGL006"
    name = "c-use-after-free"
    markers = (IMPORT_C,)
    level = Level.ERROR
    precision = "high"
    security_severity = 8.0
    tags = ("security", "cgo", "memory-safety")
    node_kinds = ("function_declaration", "method_declaration", "func_literal")

    options = {"frees": []}

    @classmethod
    def applies(cls, source, package):
        return source.uses_cgo

    def check(self, node, ctx):
        if not ctx.file.uses_cgo or node.child_by_field_name("body") is None or node.has_error:
            return  # (a body that does not parse: error recovery can merge statements, so paths are unknown)
        options = OwnershipOptions.from_options(ctx.options, ctx.package.preamble)
        code = ctx.file.data[node.start_byte:node.end_byte]
        if not options.may_free(code) and not any(h in code for h in freeing_helpers(ctx.package, options)):
            return
        if node.type in ("function_declaration", "method_declaration"):  # (its literals are in it)
            yield from self._repeated_by_cleanup(node, ctx, options)
        facts = pointer_facts(node, ctx.file, ctx.package, options)
        reported: set[int] = set()
        untracked = facts.address_taken | facts.written_in_closure
        for symbol, events in facts.occurrences.items():
            if symbol in untracked:
                continue
            if not any(o.kind in ("free", "defer-free") for o in events):
                continue
            judged = [self._judge(symbol.name, events, facts.at(symbol), facts, ctx)]
            judged += [self._judge_alias(symbol, partner, events, facts, ctx)
                       for partner in sorted(facts.partners(symbol) - untracked, key=lambda s: s.name)]
            for reports in judged:
                for report in reports:
                    key = report.start_byte
                    if key not in reported:
                        reported.add(key)
                        yield report
        for path, events in facts.paths.items():
            if not any(o.kind in ("free", "defer-free") for o in events):
                continue
            grouped: dict[int, list[Occurrence]] = {}
            for occurrence in events:
                grouped.setdefault(occurrence.flow_id, []).append(occurrence)
            for report in self._judge(path, events, grouped, facts, ctx, kills=facts.path_kills.get(path, set())):
                key = report.start_byte
                if key not in reported:
                    reported.add(key)
                    yield report

    def _repeated_by_cleanup(self, function, ctx, options):
        for call, registration in repeated_frees(function, ctx.file, ctx.package, options):
            kind = "runtime.AddCleanup" if b"AddCleanup" in registration.call.text else "runtime.SetFinalizer"
            where = registration.source.position(registration.call.start_byte)
            place = f"line {where.line}" if registration.source is ctx.file \
                else f"{registration.source.display_path}:{where.line}"
            owner = text(call_arguments(registration.call)[0])
            freed = text(call_arguments(call)[0])
            yield self.report(
                call, f"`{text(call.child_by_field_name('function'))}({freed})` frees memory that the cleanup "
                      f"{kind} registers at {place} frees again once `{owner}` becomes unreachable (a double "
                      f"free); free it in one place: let the cleanup do it, or stop the cleanup (`Stop()` on what "
                      f"AddCleanup returns, `runtime.SetFinalizer(x, nil)`) where it is freed by hand")

    def _judge_alias(self, symbol, partner, events: list[Occurrence], facts: PointerFacts, ctx):
        """Uses of `partner`, a copy of `symbol` (or the variable `symbol`
        copies), after `symbol` is freed while both certainly hold the same
        pointer."""
        flow = facts.flow
        at = facts.at(partner)
        line = lambda node: ctx.file.position(node.start_byte).line  # noqa: E731

        def uses(node: FlowNode) -> list[Occurrence]:
            return [o for o in at.get(node.id, ()) if not o.in_closure and o.kind not in _NOT_A_USE]

        def writes(node: FlowNode) -> bool:
            return any(o.kind in WRITES and not o.in_closure for o in at.get(node.id, ()))

        for free in sorted((o for o in events if o.kind == "free" and not o.in_closure),
                           key=lambda o: o.ident.start_byte):
            if not facts.must_alias(symbol, partner, free.flow_id):
                continue
            for node in flow.reach(free.flow_id, lambda n: bool(uses(n)) or writes(n)):
                found = uses(node)
                if found:
                    first = min(found, key=lambda o: o.ident.start_byte)
                    yield self._use_report(first, partner.name, free, line(free.call), freed=symbol.name)

    def _judge(self, name: str, events: list[Occurrence], at: dict[int, list[Occurrence]], facts: PointerFacts,
               ctx, kills: set[int] = frozenset()):
        flow = facts.flow
        line = lambda node: ctx.file.position(node.start_byte).line  # noqa: E731

        def uses(node: FlowNode) -> list[Occurrence]:
            return [o for o in at.get(node.id, ()) if not o.in_closure and o.kind not in _NOT_A_USE]

        def writes(node: FlowNode) -> bool:
            return node.id in kills or any(o.kind in WRITES and not o.in_closure for o in at.get(node.id, ()))

        closure_frees = [o for o in events if o.kind == "closure-free"]
        frees = sorted((o for o in events if o.kind == "free" and not o.in_closure), key=lambda o: o.ident.start_byte)
        for free in frees:
            freed_at = line(free.call)
            reached = flow.reach(free.flow_id, lambda n: bool(uses(n)) or writes(n))
            for node in reached:
                found = uses(node)
                if found:
                    first = min(found, key=lambda o: o.ident.start_byte)
                    yield self._use_report(first, name, free, freed_at)
            if closure_frees and any(n.is_exit and not uses(n) and not writes(n) for n in reached):
                reached_ids = {n.id for n in reached}
                for deferred in closure_frees:
                    if deferred.flow_id in reached_ids or flow.reachable(deferred.flow_id, free.flow_id):
                        yield self.report(
                            free.call,
                            f"`{name}` is freed here and freed again by the deferred function at line "
                            f"{line(deferred.ident)} when the function returns (double free): `{name}` still "
                            f"holds the freed pointer then; set `{name} = nil` after this {free.detail}, "
                            f"or remove one of the frees")
                        break
        for deferred in (o for o in events if o.kind == "defer-free"):
            stop = lambda n: writes(n) or any(o.kind in ("free", "defer-free") for o in uses(n))  # noqa: E731
            for node in flow.reach(deferred.flow_id, stop):
                again = [o for o in uses(node) if o.kind in ("free", "defer-free")]
                if again and not writes(node):
                    first = min(again, key=lambda o: o.ident.start_byte)
                    yield self.report(
                        first.call,
                        f"`{name}` is freed here and freed again by `defer {deferred.detail}(...)` at line "
                        f"{line(deferred.ident)} when the function returns (double free): the deferred call "
                        f"already holds this pointer; remove this {first.detail} or the deferred one")

    def _use_report(self, use: Occurrence, name: str, free: Occurrence, freed_at: int, freed: str | None = None):
        if freed is not None:
            # `name` holds the same pointer as `freed`, which was freed
            fix = f"move the {free.detail} of `{freed}` after the last use of `{name}`"
            if use.kind in ("free", "defer-free"):
                message = (f"`{name}` holds the same pointer as `{freed}`, which {free.detail} already freed at "
                           f"line {freed_at}: freeing it again is a double free that corrupts the C allocator's "
                           f"state; free the block through one of the two variables only")
                return self.report(use.call, message)
            what = {"realloc": "passed to C.realloc", "handover": use.detail or "used"}.get(
                use.kind, use.detail or "used")
            message = (f"`{name}` is {what} after {free.detail} freed `{freed}` at line {freed_at}, and both "
                       f"hold the same pointer (use after free): the memory may already belong to another "
                       f"allocation; {fix}")
            return self.report(use.ident, message)
        fix = f"move the {free.detail} after the last use of `{name}`, or set `{name} = nil` right after freeing it"
        if use.kind == "free":
            where = ("when the loop comes back here" if use.flow_id == free.flow_id
                     else f"after {free.detail} at line {freed_at} on the same path")
            message = (f"`{name}` is freed again {where} (double free): freeing the same block twice corrupts "
                       f"the C allocator's state; remove one of the frees or assign `{name}` a new value in between")
            return self.report(use.call, message)
        if use.kind == "defer-free":
            message = (f"`{name}` was already freed by {free.detail} at line {freed_at}: this deferred "
                       f"{use.detail} frees it again when the function returns (double free); "
                       f"remove one of the frees")
            return self.report(use.call, message)
        what = {"realloc": "passed to C.realloc", "handover": use.detail or "used"}.get(use.kind, use.detail or "used")
        message = (f"`{name}` is {what} after {free.detail} freed it at line {freed_at} (use after free): "
                   f"the memory may already belong to another allocation; {fix}")
        return self.report(use.ident, message)
