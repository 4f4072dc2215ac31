"""The package model: the facts every rule reads, computed once per package.

A package is a directory: its Go files, their declarations, their cgo
preambles merged into one C model. Expression facts (type, call target,
memory origin) are derived on demand and cached.

`PackageModel` is the one object rules ask: it holds the declarations, the
scopes and every memo. The longer derivations behind the memos are plain
functions of the model, a module to a topic (expression_types, call_targets,
memory_origins), so that this one reads as what a package knows."""
from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from functools import cached_property

from tree_sitter import Node

from . import gotypes
from .call_targets import CallTarget, classify_call
from .declarations import ContextFiles, declaration_table, method_table
from .expression_types import derive_type
from .gotypes import GoType, parse_type
from .memory_origins import derive_origin
from .c_bodies import propagate_always_frees, propagate_keeps
from .loader import c_files, for_one_platform, read_file
from .preamble import CPreamble, c_source_bodies, parse_preamble
from .scopes import FUNCTION_KINDS, FunctionScope, Symbol, declared_names
from .source import SourceFile, text

_UNKNOWN = object()  # not yet in a memo (None is a memoised answer)


class PackageModel:
    def __init__(self, directory: str, files: list[SourceFile], read_header=None,
                 context: ContextFiles | None = None):
        """`files` are the package files being analysed; `context` the
        directory's other Go files, parsed only for a declaration not found
        in `files`."""
        self.directory = directory
        self.files = files
        self._read_header = read_header
        self._context = context
        self._scopes: dict[tuple[str, int], FunctionScope] = {}
        # Rules and shared analyses ask about the same nodes over and over:
        # each identifier, expression and call is answered once per package.
        # A node is its own key: it hashes and compares by tree and position
        # in C, cheaper than any key built from its properties.
        self._types: dict[Node, GoType | None] = {}
        self._resolved: dict[Node, Symbol | None] = {}
        self._targets: dict[Node, CallTarget] = {}
        self._origins: dict[Node, str | None] = {}
        self._spelled: dict[Node, GoType | None] = {}
        self._memos: dict[str, object] = {}

    def memo(self, analysis: str, make=dict):
        """The memo of a shared analysis (flows, pointer facts, pins...): what
        it worked out for this package, kept as long as the model is. `make`
        builds it on first use."""
        found = self._memos.get(analysis)
        if found is None:
            found = self._memos[analysis] = make()
        return found

    # --- declarations -------------------------------------------------
    @cached_property
    def preamble(self) -> CPreamble:
        merged = CPreamble()
        for source in self.files:
            if source.uses_cgo:
                merged.merge(parse_preamble(source, self._read_header))
        # the bodies of what the preamble only declares, from the package's C files: not
        # one defined twice, or under #if, or in a file that may not build (`x_darwin.c`);
        # of those, what any of their bodies takes over may be taken
        wanted = [name for name, fn in merged.functions.items() if not fn.has_body]
        mention = re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in wanted) + rb")\s*\(") if wanted else None
        found, others = [], []
        for path in c_files(self.directory) if mention is not None else []:
            data = (self._read_header or read_file)(path)
            if data is not None and mention.search(data):  # parse only a file that may define one
                bodies, rest = c_source_bodies(path, data, not for_one_platform(path))
                found.append(bodies)
                others += rest
        defined = Counter(name for bodies in found for name in bodies)
        unsure = {fn.name for fn in others} | {name for name, count in defined.items() if count > 1}
        for fn in others + [fn for bodies in found for fn in bodies.values()]:
            mine = merged.functions.get(fn.name)
            if fn.name in unsure and mine is not None and not mine.has_body:
                taken = {p.index for p in fn.params if fn.takes_ownership_of(p.index)}
                merged.uncertain[fn.name] = merged.uncertain.get(fn.name, set()) | taken
        adopted = False
        for bodies in found:
            adopted = merged.adopt_bodies({n: fn for n, fn in bodies.items() if n not in unsure}) or adopted
        if adopted:
            propagate_keeps(merged)
            propagate_always_frees(merged)
        return merged

    @cached_property
    def _declarations(self) -> dict[str, Symbol]:
        return declaration_table(self.files)

    @cached_property
    def _own_methods(self) -> dict[tuple[str, str], Node]:
        return method_table(self.files)

    @property
    def all_files(self) -> list[SourceFile]:
        """The analysed files and the context files parsed so far."""
        return self.files + (self._context.parsed if self._context is not None else [])

    def files_mentioning(self, name: str) -> list[SourceFile]:
        """Every file of the package (analysed or context) whose bytes hold
        `name` as a word: where a package-level name can be used."""
        word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
        found = [source for source in self.files if word.search(source.data)]
        return found + (self._context.mentioning(name) if self._context is not None else [])

    def declaration(self, name: str) -> Symbol | None:
        """A package-level declaration (func, type, var, const) by name."""
        found = self._declarations.get(name)
        if found is None and self._context is not None:
            found = self._context.declaration(name)
        return found

    def declares_cgo_callable(self, name: str, method: bool = False) -> bool:
        """Whether a file of the package that imports "C" declares a function
        (or, with `method`, a method) named `name`: a cheap test, before
        the model is asked about a call, of whether its callee can reach C."""
        if method:
            found = name in self._cgo_method_names
        else:
            symbol = self._declarations.get(name)
            found = symbol is not None and symbol.kind == "func" and symbol.file.uses_cgo
        if found or self._context is None:
            return found
        return self._context.declares_cgo_callable(name, method)

    @cached_property
    def _cgo_method_names(self) -> frozenset[str]:
        """The names of the methods the analysed files that import "C" declare."""
        return frozenset(name for (_, name), node in self._own_methods.items() if self.file_of(node).uses_cgo)

    def method(self, receiver: str, name: str) -> Node | None:
        """The declaration of method `name` on the package type `receiver`."""
        found = self._own_methods.get((receiver, name))
        if found is None and self._context is not None:
            found = self._context.method(receiver, name)
        return found

    def file_of(self, node: Node) -> SourceFile:
        root = node
        while root.parent is not None:
            root = root.parent
        for source in self.all_files:
            if source.root == root:
                return source
        raise ValueError("node is not in this package")

    # --- identifiers --------------------------------------------------
    def scope_of(self, node: Node, source: SourceFile) -> FunctionScope | None:
        top = source.root.child_with_descendant(node) if node != source.root else None
        if top is None:
            return None
        # A function declaration, or a function literal in a package-level
        # declaration found by its byte range: descending to it could cost the
        # depth of a deeply nested expression for every identifier.
        function = top if top.type in FUNCTION_KINDS else self._literal_at(node, top, source)
        if function is None:
            return None
        key = (source.path, function.start_byte)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = FunctionScope(function, source)
        return scope

    def _literal_at(self, node: Node, top: Node, source: SourceFile) -> Node | None:
        """The outermost function literal of package-level declaration `top`
        that contains `node` (or is it), if any."""
        cache = self.memo("outer function literals")
        key = (source.path, top.start_byte)
        found = cache.get(key)
        if found is None:
            literals, stack = [], [top]
            while stack:  # the literals not inside another literal, in order
                current = stack.pop()
                if current.type == "func_literal":
                    literals.append(current)
                else:
                    stack.extend(reversed(current.named_children))
            found = cache[key] = ([literal.start_byte for literal in literals], literals)
        starts, literals = found
        index = bisect.bisect_right(starts, node.start_byte) - 1
        if index < 0:
            return None
        literal = literals[index]
        if literal == node:
            return literal
        inside = literal.start_byte <= node.start_byte and node.end_byte <= literal.end_byte
        same_range = literal.start_byte == node.start_byte and literal.end_byte == node.end_byte
        return literal if inside and not same_range else None  # same range: an ancestor of the literal

    def resolve(self, ident: Node, source: SourceFile) -> Symbol | None:
        """What the identifier at a use site refers to, or None if unknown
        (a universe name, an import, or something this model cannot see)."""
        found = self._resolved.get(ident, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._resolved[ident] = self._resolve(ident, source) if ident.type == "identifier" else None
        return found

    def _resolve(self, ident: Node, source: SourceFile) -> Symbol | None:
        name = text(ident)
        if name == "_":
            return None  # the blank identifier declares and refers to nothing
        # Most names a rule resolves (C, unsafe, builtins, package functions)
        # are declared by no function of the file: those need no scope.
        scope = self.scope_of(ident, source) if name in self._declared_names(source) else None
        if scope is not None:
            symbol = scope.resolve(ident, name)
            if symbol is not None:
                return symbol
        return None if name in source.imports else self.declaration(name)

    def _declared_names(self, source: SourceFile) -> frozenset[str]:
        cache = self.memo("declared names")
        found = cache.get(source.path)
        if found is None:
            found = cache[source.path] = declared_names(source)
        return found

    # --- types --------------------------------------------------------
    def underlying(self, t: GoType | None, depth: int = 0) -> GoType | None:
        """Follow named types declared in this package to their definition."""
        while t is not None and t.kind == "named" and depth < 16:
            symbol = self.declaration(t.name)
            if symbol is None or symbol.kind != "type":
                return None
            t = self.spelled_type(symbol.type_node, symbol.file.imports)
            depth += 1
        return t

    def spelled_type(self, node: Node | None, imports: dict[str, str]) -> GoType | None:
        """The GoType a type node spells (`parse_type`), once per node: every
        use of a variable asks for the type its declaration spells. `imports`
        are those of the node's file."""
        if node is None:
            return None
        found = self._spelled.get(node, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._spelled[node] = parse_type(node, imports)
        return found

    def type_of(self, expr: Node | None, source: SourceFile, depth: int = 0) -> GoType | None:
        """The type of an expression, as far as source tells; None if unknown."""
        if expr is None or depth > 24:
            return None
        return _memoised(self._types, derive_type, self, expr, source, depth)

    def call_target(self, call: Node, source: SourceFile) -> CallTarget:
        """Classify what `call` calls: a C function, unsafe, a builtin, a type
        conversion, or a Go function or method of this package."""
        found = self._targets.get(call)
        if found is None:
            found = self._targets[call] = classify_call(self, call, source)
        return found

    @staticmethod
    def underlying_name(t: GoType | None) -> str:
        if t is not None and t.kind == "pointer":
            t = t.elem
        return t.name if t is not None and t.kind == "named" else ""

    def contains_go_pointers(self, t: GoType | None, depth: int = 0) -> bool | None:
        """Whether a value of type t holds Go pointers (True), none (False), or unknown (None)."""
        if depth > 16:
            return None
        t = self.underlying(t)
        if t is None:
            return None
        if t.kind in ("pointer", "slice", "map", "chan", "func", "interface", "string", "unsafe_pointer"):
            return True
        if t.kind in ("basic", "c"):
            return False
        if t.kind == "array":
            return self.contains_go_pointers(t.elem, depth + 1)
        if t.kind == "struct":
            verdicts = [self.contains_go_pointers(f, depth + 1) for _, f in t.fields]
            if any(v is True for v in verdicts):
                return True
            return None if any(v is None for v in verdicts) else False
        return None

    def size_of(self, t: GoType | None) -> int | None:
        """Size in bytes on a 64-bit target, or None if unknown."""
        t = self.underlying(t)
        if t is None:
            return None
        if t.kind == "basic":
            return gotypes.NUMERIC_SIZES.get(t.name)
        if t.kind == "c":
            return self.preamble.size_of(t.name) or _C_ALIAS_SIZES.get(t.name)
        if t.kind in ("pointer", "unsafe_pointer", "map", "chan", "func"):
            return 8
        if t.kind == "string":
            return 16
        if t.kind == "slice":
            return 24
        if t.kind == "array" and t.length is not None:
            element = self.size_of(t.elem)
            return element * t.length if element is not None else None
        return None

    # --- memory origin --------------------------------------------------
    def origin_of(self, expr: Node | None, source: SourceFile, depth: int = 0) -> str | None:
        """Where the memory an expression points into lives: GO_MEMORY,
        C_MEMORY, or None when source does not say."""
        if expr is None or depth > 16:
            return None
        return _memoised(self._origins, derive_origin, self, expr, source, depth)

    @cached_property
    def package_name(self) -> str:
        for source in self.files:
            if source.package_name:
                return source.package_name
        return os.path.basename(self.directory)


_C_ALIAS_SIZES = {"complexfloat": 8, "complexdouble": 16}


def _memoised(memo: dict, derive, package: PackageModel, expr: Node, source: SourceFile, depth: int):
    """`derive(package, expr, source, depth)`, remembered for the questions
    rules ask (depth 0); an answer inside a recursion may be cut short by its
    depth."""
    if depth:
        return derive(package, expr, source, depth)
    found = memo.get(expr, _UNKNOWN)
    if found is _UNKNOWN:
        found = memo[expr] = derive(package, expr, source, depth)
    return found
