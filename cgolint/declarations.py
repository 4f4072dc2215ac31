"""Package-level declarations: the tables of a set of parsed files, and the
package's context files (the directory's Go files no rule looks at), which
are read when a name is first missing and parsed one by one, only where
their bytes can declare that name. A builtin such as `len` or an imported
name is looked up often; it must not parse every file of a large package."""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Callable

from tree_sitter import Node

from .rule import IMPORT_C
from .scopes import Symbol
from .source import SourceFile, text


def declaration_table(files: list[SourceFile]) -> dict[str, Symbol]:
    """name -> the first package-level func, type, var or const so named."""
    table: dict[str, Symbol] = {}
    for source in files:
        for decl in source.root.named_children:
            kind = decl.type
            if kind == "function_declaration":
                name = decl.child_by_field_name("name")
                if name is not None:
                    table.setdefault(text(name), Symbol(text(name), "func", decl, source))
            elif kind == "type_declaration":
                for spec in decl.named_children:
                    name = spec.child_by_field_name("name")
                    if spec.type in ("type_spec", "type_alias") and name is not None:
                        table.setdefault(text(name), Symbol(text(name), "type", spec, source, None,
                                                            spec.child_by_field_name("type")))
            elif kind in ("var_declaration", "const_declaration"):
                for spec in _specs(decl):
                    _declare_values(table, spec, source)
    return table


def method_table(files: list[SourceFile]) -> dict[tuple[str, str], Node]:
    """(receiver type name, method name) -> declaration, for the given files."""
    table: dict[tuple[str, str], Node] = {}
    for source in files:
        for decl in source.root.named_children:
            if decl.type != "method_declaration":
                continue
            receiver = decl.child_by_field_name("receiver")
            recv_type = text(receiver.named_children[0].child_by_field_name("type")) if receiver and receiver.named_children else ""
            recv_name = recv_type.lstrip("*").split("[", 1)[0]
            table.setdefault((recv_name, text(decl.child_by_field_name("name"))), decl)
    return table


def _declare_values(table: dict[str, Symbol], spec: Node, source: SourceFile) -> None:
    values = spec.child_by_field_name("value")
    rhs = values.named_children if values is not None else []
    # tree-sitter-go puts the commas of a const spec's names in the field too
    names = [n for n in spec.children_by_field_name("name") if n.type == "identifier"]
    kind = "package_var" if spec.type == "var_spec" else "const"
    for i, ident in enumerate(names):
        value, index = (rhs[i], 0) if len(rhs) == len(names) else ((rhs[0], i) if rhs else (None, 0))
        table.setdefault(text(ident), Symbol(text(ident), kind, ident, source, source.root,
                                             spec.child_by_field_name("type"), value, index))


def _specs(decl: Node):
    for child in decl.named_children:
        if child.type in ("var_spec", "const_spec"):
            yield child
        elif child.type in ("var_spec_list", "const_spec_list"):
            yield from (c for c in child.named_children if c.type in ("var_spec", "const_spec"))


class ContextFiles:
    """The directory's other Go files, read on the first lookup. A file is
    parsed only when a scan of its bytes says it may declare the name
    looked up (`_may_declare`): a declared name follows `func`, `type`,
    `var`, `const` (or a receiver), starts a line of a group, or follows a
    comma in a list of names, and is never directly followed by `(` there,
    unlike the calls of `panic(...)` or `len(x)`. The scan over-approximates,
    so an answer is the one the whole directory parsed would give (the
    first file wins)."""

    def __init__(self, load: Callable[[], list[tuple[str, bytes]]], parse: Callable[[str, bytes], SourceFile]):
        self._load = load
        self._parse = parse
        self._files: list[_ContextFile] | None = None  # in directory order
        self._declarations: dict[str, Symbol | None] = {}
        self._methods: dict[tuple[str, str], Node | None] = {}
        self._cgo_callables: dict[tuple[str, bool], bool] = {}

    @property
    def parsed(self) -> list[SourceFile]:
        return [entry.source for entry in self._files or () if entry.parsed]

    def declaration(self, name: str) -> Symbol | None:
        if name not in self._declarations:
            word = name.encode()
            self._declarations[name] = self._first(lambda entry: _may_declare(entry.data, word, groups=entry.groups),
                                                   lambda entry: entry.declarations.get(name))
        return self._declarations[name]

    def method(self, receiver: str, name: str) -> Node | None:
        key = (receiver, name)
        if key not in self._methods:
            word = name.encode()
            self._methods[key] = self._first(lambda entry: _may_declare(entry.data, word, method=True),
                                             lambda entry: entry.methods.get(key))
        return self._methods[key]

    def declares_cgo_callable(self, name: str, method: bool) -> bool:
        """Whether a file that imports "C" declares a function (or, with
        `method`, a method on any type) named `name`: only such a body can
        call C. Other files are not parsed for it."""
        key = (name, method)
        if key not in self._cgo_callables:
            word = name.encode()
            self._cgo_callables[key] = self._first(
                lambda entry: entry.uses_cgo and _may_declare(entry.data, word, method, entry.groups),
                lambda entry: _declares_callable(entry, name, method) or None) is not None
        return self._cgo_callables[key]

    def mentioning(self, name: str) -> list[SourceFile]:
        """The files whose bytes hold `name` as a word, parsed."""
        word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
        return [entry.source for entry in self._entries() if word.search(entry.data)]

    def _entries(self) -> list["_ContextFile"]:
        if self._files is None:
            self._files = [_ContextFile(path, data, self._parse) for path, data in self._load()]
        return self._files

    def _first(self, may_declare, find):
        for entry in self._entries():
            if may_declare(entry):
                found = find(entry)
                if found is not None:
                    return found
        return None


def _declares_callable(entry: "_ContextFile", name: str, method: bool) -> bool:
    if method:
        return any(declared == name for _, declared in entry.methods)
    symbol = entry.declarations.get(name)
    return symbol is not None and symbol.kind == "func"


class _ContextFile:
    def __init__(self, path: str, data: bytes, parse: Callable[[str, bytes], SourceFile]):
        self.path, self.data, self._parse = path, data, parse
        self.parsed = False

    @cached_property
    def source(self) -> SourceFile:
        self.parsed = True
        return self._parse(self.path, self.data)

    @cached_property
    def groups(self) -> set[bytes]:
        return one_line_groups(self.data)

    @cached_property
    def uses_cgo(self) -> bool:
        return IMPORT_C.found_in(self.data)

    @cached_property
    def declarations(self) -> dict[str, Symbol]:
        return declaration_table([self.source])

    @cached_property
    def methods(self) -> dict[tuple[str, str], Node]:
        return method_table([self.source])


def _may_declare(data: bytes, name: bytes, method: bool = False, groups: set[bytes] | None = None) -> bool:
    """Whether `name` occurs in `data` where a package-level declaration
    (with `method`, a method declaration) could name it: a superset, so
    that a file that does declare it is never skipped. A pattern that
    starts with the name itself (a fast literal search in C) finds the
    occurrences after a space, a line break, `,`, `;` or a comment, where
    a declared name stands (`var (name` is in `groups`, found once per
    file by `one_line_groups`); each is
    judged by looking back a few bytes, and the scan stops at the first
    that fits. So a name used all over a file, even on one huge line, as
    `x` in `len(x)`, costs one pass of the pattern."""
    if not method and name in (one_line_groups(data) if groups is None else groups):
        return True
    for match in _occurrences(name, method).finditer(data):
        at, end = match.start(), match.end()
        if method:
            if data[end:end + 1] in b"( \t" and _method_receiver_before(data, at):
                return True
        elif data[end:end + 1] == b"(":  # a call, unless `func name(`
            if _keyword_before(data, at, _FUNC, newlines=True):
                return True
        elif _names_position(data, at):
            return True
    return False


def _names_position(data: bytes, at: int) -> bool:
    """Whether the name at `at` (not followed by `(`) stands where names
    are declared: after func, type, var or const; first on its line (a
    group member); after `;` or a comment; after `var (`; or in a list of
    names in one of those places."""
    i = _space_before(data, at)
    for _ in range(_MAX_NAMES):
        if i == 0 or data[i - 1] == 0x0A:
            return True
        last = data[i - 1]
        if last == 0x3B or (last == 0x2F and i > 1 and data[i - 2] == 0x2A):  # `;` or `*/`
            return True
        if last == 0x28:  # `(`: `var (name`
            return _keyword_before(data, i - 1, _GROUPS)
        if last != 0x2C:  # not `,`: the name must follow a keyword
            return _keyword_before(data, i, _KEYWORDS)
        j = _space_before(data, i - 1)  # a list: step over the name before the comma
        k = j
        while k > 0 and data[k - 1] in _WORD:
            k -= 1
        if k == j:
            return False
        i = _space_before(data, k)
    return True  # a very long list of names: assume it may be one


def _method_receiver_before(data: bytes, at: int) -> bool:
    """Whether `func (receiver)` ends right before `at`."""
    i = _space_before(data, at)
    if i == 0 or data[i - 1] != 0x29:  # `)`
        return False
    depth, j = 0, i
    while j > 0 and i - j < _MAX_RECEIVER:
        j -= 1
        if data[j] == 0x29:
            depth += 1
        elif data[j] == 0x28:
            depth -= 1
            if depth == 0:
                return _keyword_before(data, j, _FUNC)
    return False


def _keyword_before(data: bytes, at: int, keywords: tuple[bytes, ...], newlines: bool = False) -> bool:
    """Whether one of `keywords`, as a whole word, ends right before `at`
    (spaces between; line breaks too with `newlines`)."""
    i = at
    while i > 0 and (data[i - 1] in b" \t" or (newlines and data[i - 1] in b"\r\n")):
        i -= 1
    return any(data[i - len(word):i] == word and (i == len(word) or data[i - len(word) - 1] not in _WORD)
               for word in keywords)


def _space_before(data: bytes, at: int) -> int:
    while at > 0 and data[at - 1] in b" \t":
        at -= 1
    return at


@lru_cache(maxsize=4096)
def _occurrences(name: bytes, method: bool) -> re.Pattern:
    # The name first (a literal prefix, searched fast), then a look back at
    # the byte before it; at offset 0 no declaration can stand (`package`).
    word = re.escape(name)
    before = rb"[\n \t,;/)]" if method else rb"[\n \t,;/]"
    return re.compile(word + rb"(?![\w\x80-\xff])(?<=" + before + word + rb")")


def one_line_groups(data: bytes) -> set[bytes]:
    """The first names of groups opened on the line of their keyword:
    `var (name`, `const ( name`, `type (name`."""
    return {match.group(1) for match in _ONE_LINE_GROUP.finditer(data)
            if not match.start() or data[match.start() - 1] not in _WORD}


# No look-behind in front: a pattern that starts with alternatives of
# literals is scanned much faster (the keyword's start is checked above).
_ONE_LINE_GROUP = re.compile(rb"(?:var|const|type)[ \t]*\([ \t]*([\w\x80-\xff]+)")


# Bytes of an identifier: ASCII word characters, and any byte of a UTF-8
# sequence (Go allows Unicode letters).
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") | frozenset(range(0x80, 0x100))
_FUNC = (b"func",)
_GROUPS = (b"var", b"const", b"type")
_KEYWORDS = (b"func", b"var", b"const", b"type")
_MAX_NAMES = 256     # names looked back over in one list
_MAX_RECEIVER = 512  # bytes looked back over for a receiver's `(`
