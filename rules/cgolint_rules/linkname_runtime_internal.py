from __future__ import annotations

import re

from cgolint.rule import Level, Rule
from cgolint.source import text
from cgolint.toolchain import directory_in_go_distribution, in_go_distribution

# Runtime symbols that the runtime itself marks for linkname (a one-argument
# `//go:linkname name` "push" on the definition), so that the Go 1.23+ linker
# still accepts a pull from outside the standard library. Derived from the
# Go 1.27 sources (src/runtime, src/runtime/*, src/internal/runtime/*; test
# files excluded) minus the linker's blockedLinknames table
# (cmd/link/internal/loader). Mostly the "hall of shame": internals that
# widely used modules reached into before Go 1.23.
MARKED = frozenset("""
    internal/runtime/atomic.storePointer runtime.(*inlineUnwinder).srcFunc runtime.FuncForPC
    runtime._cgo_panic_internal runtime._cgo_setenv runtime._cgo_unsetenv runtime.abort
    runtime.add runtime.asanread runtime.asanwrite runtime.asmsysvicall6 runtime.atomicwb
    runtime.blockUntilEmptyFinalizerQueue runtime.blockevent runtime.callers
    runtime.cgoAlwaysFalse runtime.cgoCheckPointer runtime.cgoCheckResult runtime.cgoKeepAlive
    runtime.cgoNoCallback runtime.cgoUse runtime.cgocall runtime.cgocallback runtime.chanbuf
    runtime.cheaprand runtime.cheaprand64 runtime.cheaprandn runtime.checkptrBase
    runtime.convT64 runtime.convTslice runtime.convTstring runtime.cputicks runtime.divideError
    runtime.doInit runtime.entersyscall runtime.entersyscallblock runtime.exit
    runtime.exitsyscall runtime.extraMInUse runtime.fastrand runtime.fastrand64
    runtime.fastrandn runtime.fcntl runtime.findObject runtime.findfunc runtime.funcInfo.entry
    runtime.funcline1 runtime.gcWriteBarrier2 runtime.getAuxv runtime.getitab runtime.getm
    runtime.goarm runtime.goarmsoftfp runtime.gobytes runtime.gopanic runtime.gopark
    runtime.goready runtime.gostring runtime.gostringn runtime.goyield runtime.growslice
    runtime.haveHighResSleep runtime.heapObjectsCanMove runtime.iscgo runtime.lastmoduledatap
    runtime.load_g runtime.lockedOSThread runtime.makemap runtime.makemap_small
    runtime.makeslice runtime.mallocgc runtime.mapaccess2 runtime.mapaccess2_fast32
    runtime.mapaccess2_fast64 runtime.mapaccess2_faststr runtime.mapassign
    runtime.mapassign_fast32 runtime.mapassign_fast32ptr runtime.mapassign_fast64
    runtime.mapassign_fast64ptr runtime.mapassign_faststr runtime.mapdelete runtime.mapiterinit
    runtime.mapiternext runtime.mayMoreStackMove runtime.mayMoreStackPreempt
    runtime.memclrHasPointers runtime.memclrNoHeapPointers runtime.memequal runtime.memhash
    runtime.memmove runtime.moduledataverify1 runtime.morestack_noctxt runtime.morestackc
    runtime.msanfree runtime.msanmalloc runtime.msanmove runtime.msanread runtime.msanwrite
    runtime.nanotime runtime.netpollWaiters runtime.newInlineUnwinder runtime.newarray
    runtime.nilinterhash runtime.noescape runtime.overflowError runtime.overrideWrite
    runtime.pprof_blockProfileInternal runtime.pprof_fpunwindExpand
    runtime.pprof_goroutineProfileWithLabels runtime.pprof_makeProfStack
    runtime.pprof_memProfileInternal runtime.pprof_mutexProfileInternal
    runtime.pprof_threadCreateInternal runtime.procPin runtime.procUnpin runtime.procyield
    runtime.rand runtime.randn runtime.sched runtime.setCrashFD runtime.set_crosscall2
    runtime.setsigsegv runtime.sigpanic runtime.srcFunc.name runtime.strhash runtime.stringHash
    runtime.syscall_RawSyscall runtime.syscall_Syscall runtime.syscall_chdir
    runtime.syscall_chroot runtime.syscall_close runtime.syscall_dup2 runtime.syscall_execve
    runtime.syscall_exit runtime.syscall_fcntl runtime.syscall_forkx runtime.syscall_gethostname
    runtime.syscall_getpid runtime.syscall_ioctl runtime.syscall_rawSyscall6
    runtime.syscall_rawsyscall runtime.syscall_rawsyscall6 runtime.syscall_rawsysvicall6
    runtime.syscall_setgid runtime.syscall_setgroups runtime.syscall_setpgid
    runtime.syscall_setrlimit runtime.syscall_setsid runtime.syscall_setuid
    runtime.syscall_syscall runtime.syscall_syscall6 runtime.syscall_sysvicall6
    runtime.syscall_wait4 runtime.syscall_write runtime.throw runtime.traceAdvance
    runtime.traceClockNow runtime.typedmemmove runtime.typedslicecopy runtime.typehash
    runtime.vdsoClockgettimeSym runtime.vdsoGettimeofdaySym runtime.vgetrandom runtime.wakep
    runtime.walltime runtime.write runtime.writeBarrier runtime.zeroVal
    runtime/pprof.runtime_cyclesPerSecond
""".split())

# Import paths whose symbols are runtime internals.
_RUNTIME_PREFIXES = ("runtime/", "internal/runtime/")
# A two-argument directive whose target is in one of them: the bytes of a
# file the rule can report on (a superset; `check` decides). The fields are
# split on any white space but a line break, as `_directive` splits them.
_RUNTIME_PULL = re.compile(rb"(?m)^[^\S\n]*//go:linkname [^\S\n]*\S+[^\S\n]+(?:runtime[./]|internal/runtime/)")

# Public replacements for the runtime internals reached for most often.
_INSTEAD = {
    "nanotime": "use time.Now and time.Since (they read the same monotonic clock)",
    "nanotime1": "use time.Now and time.Since (they read the same monotonic clock)",
    "walltime": "use time.Now",
    "fastrand": "use math/rand/v2 (its top-level functions are fast and safe for concurrent use)",
    "fastrandn": "use math/rand/v2 (rand.N, rand.IntN)",
    "fastrand64": "use math/rand/v2 (rand.Uint64)",
    "fastrandu": "use math/rand/v2 (rand.Uint)",
    "cheaprand": "use math/rand/v2",
    "cheaprandn": "use math/rand/v2 (rand.N)",
    "memhash": "use hash/maphash",
    "strhash": "use hash/maphash",
    "memhash32": "use hash/maphash",
    "memhash64": "use hash/maphash",
    "memmove": "use copy",
    "memclrNoHeapPointers": "use clear",
    "mallocgc": "allocate with make or new",
    "cgocall": "call C functions through cgo (`import \"C\"`)",
    "asmcgocall": "call C functions through cgo (`import \"C\"`)",
    "cgoCheckPointer": "follow the cgo pointer-passing rules (runtime.Pinner, runtime/cgo.Handle) instead of calling the check",
    "cgoUse": "keep the value alive with runtime.KeepAlive",
    "procPin": "use sync.Pool, or a sync.Mutex around per-P state",
    "procUnpin": "use sync.Pool, or a sync.Mutex around per-P state",
    "goid": "pass a context or an explicit identifier instead of the goroutine ID",
    "stopTheWorld": "there is no public replacement: reconsider the design",
    "noescape": "let escape analysis decide, or restructure so the value does not escape",
    "gopark": "block on a channel, a sync.Cond or a sync.Mutex",
    "goready": "wake the goroutine through a channel or sync.Cond",
    "findfunc": "use runtime.FuncForPC or runtime.CallersFrames",
    "funcname": "use runtime.FuncForPC(pc).Name()",
    "typedmemmove": "use copy or plain assignment",
}


class LinknameRuntimeInternal(Rule):
    """`//go:linkname` that pulls a runtime internal into the package.

    ## What it does
    Reports a two-argument `//go:linkname local runtime.name` directive (and
    targets in `runtime/...`, `runtime/internal/...` and `internal/runtime/...`)
    that binds a local declaration to a symbol of the Go runtime. The
    finding is an error when the Go 1.23+ linker rejects the reference (the
    runtime does not mark the symbol for linkname), and a warning when the
    runtime still marks it only so that existing modules keep building.

    It stays silent for the one-argument form (`//go:linkname local`, which
    exports a local symbol), for linknames to the project's own packages and
    to other non-runtime packages, and inside the Go distribution itself (a
    directory whose module is `std` or `cmd`), where linkname to the runtime
    is how the standard library is built.

    ## Why is this bad?
    Runtime internals have no compatibility promise: they are renamed,
    change signature or semantics, or disappear between releases, and a
    linkname pull compiles against whatever is there, so a mismatch corrupts
    memory instead of failing to build. Since Go 1.23 the linker refuses
    `//go:linkname` references to runtime symbols that the runtime does not
    mark with a push `//go:linkname`, so such code fails to link ("invalid
    reference to runtime.x") unless built with `-ldflags=-checklinkname=0`.

    ## Example
    ```go
    import _ "unsafe"

    //go:linkname nanotime runtime.nanotime
    func nanotime() int64

    //go:linkname casgstatus runtime.casgstatus
    func casgstatus(gp unsafe.Pointer, oldval, newval uint32)
    ```

    ## Use instead
    ```go
    start := time.Now()
    elapsed := time.Since(start) // monotonic, like runtime.nanotime
    ```

    ## Fix safety
    No fix is offered: the replacement depends on what the internal was used for.

    ## References
    - [cmd/compile: Compiler directives (//go:linkname)](https://pkg.go.dev/cmd/compile#hdr-Compiler_Directives)
    - [Go 1.23 release notes: linker](https://go.dev/doc/go1.23#linker)
    - [golang/go#67401: restricting linkname access to the runtime](https://github.com/golang/go/issues/67401)
    """

    code = "CGL009"
    name = "linkname-runtime-internal"
    markers = (b"go:linkname",)
    level = Level.ERROR
    precision = "high"
    security_severity = 4.0
    tags = ("correctness", "compatibility")
    node_kinds = ("comment",)

    @classmethod
    def wants(cls, data):
        return _RUNTIME_PULL.search(data) is not None

    @classmethod
    def wants_package(cls, directory):
        return not directory_in_go_distribution(directory)

    @classmethod
    def applies(cls, source, package):
        return b"go:linkname" in source.data

    def check(self, node, ctx):
        directive = _directive(node, ctx)
        if directive is None:
            return
        local, target = directive
        package, symbol = split_symbol(target)
        if not is_runtime_package(package) or in_go_distribution(ctx.package):
            return
        declaration = ctx.package.declaration(local)
        if declaration is not None and declaration.kind == "func" and declaration.node.child_by_field_name("body") is not None:
            return  # a push that names a runtime symbol: not a pull of an internal
        instead = _instead(package, symbol)
        if target in MARKED:
            yield self.report(
                node, f"`//go:linkname {local} {target}` binds `{local}` to the runtime internal `{target}`: the "
                      f"runtime still marks it for linkname only so that existing modules keep building, with no "
                      f"promise about its signature or behaviour, which may change in any Go release; {instead}",
                level=Level.WARNING)
            return
        yield self.report(
            node, f"`//go:linkname {local} {target}` binds `{local}` to the runtime internal `{target}`, which the "
                  f"runtime does not mark for linkname: since Go 1.23 the linker rejects the reference (\"invalid "
                  f"reference to {target}\") unless built with -ldflags=-checklinkname=0, and the symbol may change "
                  f"or vanish in any release; {instead}")


def _directive(node, ctx) -> tuple[str, str] | None:
    """(local, target) of a two-argument `//go:linkname` line comment."""
    raw = text(node)
    if not raw.startswith("//go:linkname "):  # the compiler's own test: a space, not a tab
        return None
    line = ctx.file.line_text(node.start_point.row + 1)
    if line[:node.start_point.column].strip():
        return None  # after code on the same line: not a directive
    fields = raw[2:].split()
    if len(fields) < 3:
        return None  # `//go:linkname local`: exports a local symbol
    if len(fields) > 3 and not fields[3].startswith("//"):
        return None  # not a directive the compiler accepts ("usage: //go:linkname localname [linkname]")
    # A trailing `// comment` also makes the compiler reject the line, but the
    # intent is plain: report the pull.
    return fields[1], fields[2]


def split_symbol(target: str) -> tuple[str, str]:
    """`runtime.nanotime` -> (runtime, nanotime); `example.com/a/b.F` ->
    (example.com/a/b, F); `runtime.(*mheap).alloc` -> (runtime, (*mheap).alloc)."""
    slash = target.rfind("/")
    dot = target.find(".", slash + 1)
    if dot == -1:
        return "", target
    return target[:dot], target[dot + 1:]


def is_runtime_package(path: str) -> bool:
    return path == "runtime" or path.startswith(_RUNTIME_PREFIXES)


def _instead(package: str, symbol: str) -> str:
    suggestion = _INSTEAD.get(symbol)
    if suggestion:
        return suggestion
    if package == "runtime" and re.fullmatch(r"[A-Z]\w*", symbol):
        return f"call `runtime.{symbol}` directly: it is exported"
    return "use a public API instead"
