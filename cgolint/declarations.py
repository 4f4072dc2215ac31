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
    parsed only when one scan of its bytes says it may declare the name
    looked up: a declared name follows `func`, `type`, `var`, `const` (or a
    receiver), starts a line of a group, or follows a comma in a list of
    names, and is never directly followed by `(` there, unlike the calls of
    `panic(...)` or `len(x)`. The scan over-approximates, so an answer is
    the one the whole directory parsed would give (the first file wins)."""

    def __init__(self, load: Callable[[], list[tuple[str, bytes]]], parse: Callable[[str, bytes], SourceFile]):
        self._load = load
        self._parse = parse
        self._files: list[_ContextFile] | None = None  # in directory order
        self._declarations: dict[str, Symbol | None] = {}
        self._methods: dict[tuple[str, str], Node | None] = {}

    @property
    def parsed(self) -> list[SourceFile]:
        return [entry.source for entry in self._files or () if entry.parsed]

    def declaration(self, name: str) -> Symbol | None:
        if name not in self._declarations:
            word = name.encode()
            self._declarations[name] = self._first(lambda entry: _may_declare(entry.data, word, _DECLARATION_PREFIX),
                                                   lambda entry: entry.declarations.get(name))
        return self._declarations[name]

    def method(self, receiver: str, name: str) -> Node | None:
        key = (receiver, name)
        if key not in self._methods:
            word = name.encode()
            self._methods[key] = self._first(lambda entry: _may_declare(entry.data, word, _METHOD_PREFIX),
                                             lambda entry: entry.methods.get(key))
        return self._methods[key]

    def _first(self, may_declare, find):
        if self._files is None:
            self._files = [_ContextFile(path, data, self._parse) for path, data in self._load()]
        for entry in self._files:
            if may_declare(entry):
                found = find(entry)
                if found is not None:
                    return found
        return None


class _ContextFile:
    def __init__(self, path: str, data: bytes, parse: Callable[[str, bytes], SourceFile]):
        self.path, self.data, self._parse = path, data, parse
        self.parsed = False

    @cached_property
    def source(self) -> SourceFile:
        self.parsed = True
        return self._parse(self.path, self.data)

    @cached_property
    def declarations(self) -> dict[str, Symbol]:
        return declaration_table([self.source])

    @cached_property
    def methods(self) -> dict[tuple[str, str], Node]:
        return method_table([self.source])


def _may_declare(data: bytes, name: bytes, prefix: re.Pattern) -> bool:
    """Whether `name` occurs as a whole word, not after a `.`, where the
    text before it on its line fits `prefix`, the shapes of a declaration
    (a superset). The occurrences are found by a pattern that starts with
    the name itself (a fast literal search in C), and the file scan stops
    at the first that fits: much cheaper than a pattern over every position
    when, as for `len` or `new`, the name is in nearly every file."""
    for match in _occurrences(name).finditer(data):
        at, end = match.start(), match.end()
        if at and (data[at - 1] in _WORD or data[at - 1] == 0x2E):
            continue
        fits = prefix.fullmatch(data, data.rfind(b"\n", 0, at) + 1, at)
        if fits and (fits.group(1) is not None or data[end:end + 1] != b"("):
            return True
    return False


@lru_cache(maxsize=4096)
def _occurrences(name: bytes) -> re.Pattern:
    return re.compile(re.escape(name) + rb"(?![\w\x80-\xff])")


# Bytes of an identifier: ASCII word characters, and any byte of a UTF-8
# sequence (Go allows Unicode letters).
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") | frozenset(range(0x80, 0x100))
# What precedes a declared name on its line: func, type, var or const (with
# an opening parenthesis or a list of names), where a `(` may follow the
# name (group 1); or only indentation and a list of names, in a group or a
# list continued on a new line, where `(` would make it a call. A method
# name follows `func` and a receiver.
_NAMES = rb"(?:[\w\x80-\xff]+[ \t]*,[ \t]*)*"
_DECLARATION_PREFIX = re.compile(rb"[ \t]*(?:(?:func|type|var|const)[ \t]*(?:\([ \t]*)?"
                                 + _NAMES + rb"()|" + _NAMES + rb")")
_METHOD_PREFIX = re.compile(rb"[ \t]*func[ \t]*\([^()\n]*\)[ \t]*()")
