"""The pointer facts of one Go function: what it does with C allocations and
the variables holding them, as rules CGL005 and CGL006 read them.

`PointerFacts` lists every C allocation and, for each local variable that
holds one or is freed, every occurrence classified as free, deferred free,
ownership hand-over, plain use, nil comparison or reassignment, each tied to
its flow node. It also records copies between tracked variables (`q := p`,
`Alias`, with `PointerFacts.must_alias`) and freed struct-field paths
(`s.mem`) with their occurrences and the nodes that may change them
(`paths`, `path_kills`); only CGL006 reads those. `OwnershipOptions` says
which C functions allocate, free or take ownership.

The facts are collected by `ownership.pointer_facts`; this module holds only
what a rule judges them with, so a rule can read it without the collector.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable

from tree_sitter import Node

from .flow import Flow
from .scopes import Symbol


# The occurrence kinds after which a variable may hold a new value.
WRITES = frozenset({"write", "filled"})


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a tracked variable. kind:
    free         passed to a freeing function (`call` is the free call)
    defer-free   `defer C.free(...p...)`: frees the value p has now, at exit
    closure-free `defer func() { C.free(p) }()`: frees the value p has at exit
    realloc      passed as the first argument of C.realloc (the old block is freed)
    handover     ownership leaves the function's hands (`detail` says how)
    filled       `&p` passed to a C call: p's value may be handed over, and C
                 may write p a new value while the call runs (an out-parameter)
    use          read or passed where ownership stays
    nil-compare  `p == nil` / `p != nil`
    compare      p's value alone is read: `p == q`, a map key (`m[p]`, `delete(m, p)`)
    write        p is assigned a new value
    """

    kind: str
    ident: Node
    flow_id: int
    detail: str = ""
    call: Node | None = None
    in_closure: bool = False


@dataclass(frozen=True)
class Allocation:
    """A call to a C allocator. `symbol` is the local variable that receives
    the result (None when the result is not assigned to one); `verdict` says
    what happens to an unassigned result: tracked, inline (passed straight to
    a C function that does not take ownership), discarded, released (to a
    free or ownership-taking function), handover."""

    call: Node
    allocator: str
    flow_id: int
    symbol: Symbol | None
    statement: Node | None
    verdict: str
    detail: str = ""
    pointer_kind: str = "unknown"  # what the stored value is: unsafe (unsafe.Pointer), typed (*T), other


@dataclass(frozen=True)
class Alias:
    """`target := source` (or `=`, or `var target = source`), seen through
    pointer conversions, at flow node `flow_id`."""

    target: Symbol
    source: Symbol
    flow_id: int


@dataclass
class PointerFacts:
    """What one function does with C allocations and the variables holding them."""

    function: Node
    flow: Flow
    allocations: list[Allocation] = field(default_factory=list)
    occurrences: dict[Symbol, list[Occurrence]] = field(default_factory=dict)
    address_taken: set[Symbol] = field(default_factory=set)
    written_in_closure: set[Symbol] = field(default_factory=set)
    # what an identifier of this function refers to (locals and parameters
    # only), and the name of the C function a call calls (or None)
    resolve: Callable[[Node], "Symbol | None"] = lambda ident: None
    c_name: Callable[[Node], "str | None"] = lambda call: None
    # `q := p` / `q = p` (through pointer conversions) between two tracked
    # variables: after it, both hold the same C pointer until one is reassigned
    aliases: list["Alias"] = field(default_factory=list)
    # field paths (`s.mem`, `e.buf.data`) passed to a freeing function, with
    # their occurrences, and the flow nodes after which the path may no
    # longer hold the same pointer (see `ownership_paths.collect_field_paths`)
    paths: dict[str, list[Occurrence]] = field(default_factory=dict)
    path_kills: dict[str, set[int]] = field(default_factory=dict)

    def partners(self, symbol: Symbol) -> set[Symbol]:
        """The variables some alias statement links to `symbol`."""
        found = set()
        for alias in self.aliases:
            if alias.target is symbol:
                found.add(alias.source)
            elif alias.source is symbol:
                found.add(alias.target)
        return found

    def must_alias(self, a: Symbol, b: Symbol, at: int) -> bool:
        """Whether `a` and `b` certainly hold the same pointer when flow node
        `at` runs: every path from the entry to `at` passes an alias
        statement between them after which neither is reassigned."""
        if {a, b} & (self.address_taken | self.written_in_closure):
            return False
        links = {x.flow_id for x in self.aliases if {x.target, x.source} == {a, b}}
        if not links or at in links:
            return False
        kills = {o.flow_id for s in (a, b) for o in self.occurrences.get(s, ())
                 if o.kind in WRITES and o.flow_id not in links}
        kills |= {o.flow_id for s in (a, b) for o in self.occurrences.get(s, ()) if o.kind in WRITES and o.in_closure}
        if at in kills:
            return False
        stop = lambda n: n.id in links or n.id in kills  # noqa: E731
        for source in [self.flow.entry, *kills]:
            if any(n.id == at for n in self.flow.reach(source, stop)):
                return False
        return True

    def events(self, symbol: Symbol) -> list[Occurrence]:
        return self.occurrences.get(symbol, [])

    def at(self, symbol: Symbol) -> dict[int, list[Occurrence]]:
        """The symbol's occurrences grouped by flow node id."""
        grouped: dict[int, list[Occurrence]] = {}
        for occurrence in self.occurrences.get(symbol, []):
            grouped.setdefault(occurrence.flow_id, []).append(occurrence)
        return grouped


# Always tracked; `OwnershipOptions.allocators` adds a project's own.
_ALLOCATOR_NAMES = ("CString", "CBytes", "malloc", "calloc", "realloc", "strdup", "strndup")
# Always frees of their first argument: libc's, and the deallocators of
# libraries whose Go bindings hand their memory around (glib, SQLite, libpq,
# curl, SDL, FFmpeg, DuckDB, RocksDB, LevelDB, GPGME, mpv); each calls free
# or its allocator's free. `OwnershipOptions.frees` adds a project's own.
LIBRARY_FREES = frozenset({"free", "g_free", "sqlite3_free", "PQfreemem", "curl_free", "SDL_free", "av_free",
                           "duckdb_free", "rocksdb_free", "leveldb_free", "gpgme_free", "mpv_free"})
# libc functions that keep the pointer they are given (the caller must not free it).
KEEPING_LIBC = frozenset({"putenv", "setbuf", "setvbuf", "setbuffer", "pthread_setspecific"})


@dataclass(frozen=True)
class OwnershipOptions:
    """Per-rule options: extra C allocators, extra C functions that free their
    first argument, and C functions that take ownership of a pointer argument."""

    allocators: frozenset[str] = frozenset()
    frees: frozenset[str] = LIBRARY_FREES
    takes_ownership: frozenset[str] = KEEPING_LIBC

    @classmethod
    def from_options(cls, options: dict, preamble=None) -> "OwnershipOptions":
        """The rule's options; the preamble's C functions whose bodies free
        their first argument on every path count as frees too, and those
        that return a block they allocated as allocators."""
        frees = _option_names(options.get("frees"))
        allocators = _option_names(options.get("allocators"))
        if preamble is not None:
            frees += preamble.frees_first_argument
            allocators += preamble.allocating_functions
        # rules ask once per function: equal options give the same (cached) object
        return _ownership_options(allocators, frees, _option_names(options.get("takes-ownership")))

    # Byte tests on a function's code, before its pointer facts are built:
    # an allocation is a `C.<allocator>(...)` call, a free a `C.<free>(...)`.
    def may_allocate(self, code: bytes) -> bool:
        return any(needle in code for needle in self._allocation_needles)

    def may_free(self, code: bytes) -> bool:
        return any(needle in code for needle in self._free_needles)

    @cached_property
    def _allocation_needles(self) -> tuple[bytes, ...]:
        return tuple(b"C." + name.encode() for name in (*_ALLOCATOR_NAMES, *sorted(self.allocators)))

    @cached_property
    def _free_needles(self) -> tuple[bytes, ...]:
        return tuple(b"C." + name.encode() for name in sorted(self.frees))


def _option_names(value) -> tuple[str, ...]:
    """The C function names an option gives (one name or a list), without `C.` prefixes."""
    if not value:
        return ()
    if isinstance(value, str):
        value = (value,)
    return tuple(v.removeprefix("C.") for v in value if isinstance(v, str))


@lru_cache(maxsize=None)
def _ownership_options(allocators: tuple[str, ...], frees: tuple[str, ...],
                       takes_ownership: tuple[str, ...]) -> OwnershipOptions:
    return OwnershipOptions(frozenset(allocators), LIBRARY_FREES | frozenset(frees), KEEPING_LIBC | frozenset(takes_ownership))
