"""What a rule is, and what it reports."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from tree_sitter import Node

from .loader import import_header_end
from .source import Position, SourceFile

if TYPE_CHECKING:
    from .model import PackageModel

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "References")


@dataclass(frozen=True)
class LineMarker:
    """A marker more precise than a byte string: some line holding `literal`
    must match `line` in full (in the import header only, for an import).
    Found by byte search, line by line, so that it costs little more than
    the literal alone."""

    literal: bytes
    line: re.Pattern
    import_line: bool = False
    # The last file asked about and the answer: the rules sharing a marker
    # ask in turn about the same bytes.
    # (A tuple swapped whole, so threads never see half an update.)
    _last: list = field(default_factory=lambda: [(None, False)], compare=False, repr=False)

    def found_in(self, data: bytes) -> bool:
        seen, found = self._last[0]
        if seen is not data:
            found = self._search(data)
            self._last[0] = (data, found)
        return found

    def _search(self, data: bytes) -> bool:
        start, stop = 0, import_header_end(data) if self.import_line else len(data)
        while True:
            at = data.find(self.literal, start, stop)
            if at < 0:
                return False
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            if self.line.fullmatch(data, data.rfind(b"\n", 0, at) + 1, end):
                return True
            start = end


# The line of an `import "C"` (alone, in a group, after other specs or a
# comment or `package p;` on the line): not a "C" string elsewhere, such as
# the map key of unicode's tables.
IMPORT_C = LineMarker(b'"C"', re.compile(rb'(?:.*\bimport[ \t]*(?:\([ \t]*)?|[ \t]*)(?:[^\n"]*"[^\n"]*"[ \t]*;[ \t]*)*'
                                         rb'(?:[\w.]+[ \t]+)?"C"[ \t]*(?:[;)].*|//.*|/\*.*)?\r?'), import_line=True)


class Level(str, Enum):
    """SARIF levels, in increasing severity."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("note", "warning", "error").index(self.value)


@dataclass(frozen=True)
class Edit:
    """Replace bytes [start, end) of a file with `replacement`. The engine
    fills in the positions for reporters."""

    start: int
    end: int
    replacement: str
    start_pos: Position | None = None
    end_pos: Position | None = None


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Related:
    """A related location: another place that explains the finding."""

    path: str
    start: Position
    end: Position
    message: str


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    level: Level
    message: str
    path: str            # absolute
    display_path: str    # as the user named it
    start_byte: int
    end_byte: int
    start: Position
    end: Position
    source_line: str = ""
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    fingerprint: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.display_path, self.start.line, self.start.column, self.code, self.message)


@dataclass
class RuleContext:
    """What a rule's check sees: one file of one package, and its options."""

    file: SourceFile
    package: "PackageModel"
    options: dict[str, Any] = field(default_factory=dict)

    def resolve(self, ident: Node):
        return self.package.resolve(ident, self.file)

    def type_of(self, expr: Node):
        return self.package.type_of(expr, self.file)

    def origin_of(self, expr: Node):
        return self.package.origin_of(expr, self.file)

    def call_target(self, call: Node):
        return self.package.call_target(call, self.file)

    def lists_c_function(self, option: str, name: str, index: int) -> bool:
        """Whether the option (a list of C function names) names C.name for
        its argument `index`: an entry `name` or `C.name` (every argument),
        or `name:index`."""
        entries = self.options.get(option) or ()
        if isinstance(entries, str):
            entries = (entries,)
        elif not isinstance(entries, (list, tuple)):
            return False  # (a number or a table: not a list of names; the configuration warns of it)
        for entry in entries:
            listed, _, position = str(entry).strip().partition(":")
            if listed.strip().removeprefix("C.") == name and \
                    (not position.strip() or position.strip().isdigit() and int(position) == index):
                return True
        return False


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    sections: dict[str, str]

    @classmethod
    def parse(cls, docstring: str | None) -> "RuleDoc":
        import inspect

        body = inspect.cleandoc(docstring or "")
        parts = re.split(r"^## (.+)$", body, flags=re.MULTILINE)
        sections = {title.strip(): content.strip() for title, content in zip(parts[1::2], parts[2::2])}
        return cls(parts[0].strip(), sections)

    def markdown(self, title: str) -> str:
        lines = [f"# {title}", "", self.summary, ""]
        for name in DOC_SECTIONS:
            if name in self.sections:
                lines += [f"## {name}", "", self.sections[name], ""]
        return "\n".join(lines).rstrip() + "\n"

    def plain(self) -> str:
        text = self.markdown("").split("\n", 2)[2]
        return re.sub(r"^```\w*\n?", "", text, flags=re.MULTILINE)


class Rule:
    """Base of every rule. A subclass sets the class attributes, writes its
    documentation as its docstring (a one-line summary, then `## What it
    does`, `## Why is this bad?`, `## Example`, `## Use instead`, `## Fix
    safety`, `## References`), names the node kinds it wants, and yields
    findings from `check` (one node) and/or `check_package` (once per package)."""

    code: ClassVar[str]
    name: ClassVar[str]
    level: ClassVar[Level] = Level.WARNING
    precision: ClassVar[str] = "high"          # high | medium
    security_severity: ClassVar[float] = 5.0   # 0.0-10.0, for GitHub code scanning
    tags: ClassVar[tuple[str, ...]] = ("security", "cgo")
    fixable: ClassVar[bool] = False
    # Go node kinds `check` is given (node.type names), or one of
    # parsing.NODE_PATTERNS: "call_with_arguments", a call_expression with
    # at least one argument.
    node_kinds: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[dict[str, Any]] = {}     # option name -> default
    # Byte strings (or line markers such as IMPORT_C) one of which a file
    # must contain for the rule to find anything in it, checked before
    # parsing; None: any candidate file;
    # (): the rule never needs a file parsed for its own sake (CGL000).
    markers: ClassVar[tuple[bytes | LineMarker, ...] | None] = None

    @classmethod
    def wants(cls, data: bytes) -> bool:
        """Whether a file with these bytes is worth parsing for this rule."""
        return cls.markers is None or any(marker in data if isinstance(marker, bytes) else marker.found_in(data)
                                          for marker in cls.markers)

    @classmethod
    def wants_package(cls, directory: str) -> bool:
        """Whether the rule can find anything in the package in `directory`
        (a rule silent in some modules says so before any file is parsed)."""
        return True

    @classmethod
    def applies(cls, source: SourceFile, package: "PackageModel") -> bool:
        """Whether the rule can find anything in this file at all: a cheap
        gate (an import, a marker in the bytes) that spares the walk."""
        return True

    @classmethod
    def doc(cls) -> RuleDoc:
        return RuleDoc.parse(cls.__doc__)

    def check(self, node: Node, ctx: RuleContext) -> Iterable["Finding | Report"]:
        return ()

    def check_package(self, ctx: RuleContext) -> Iterable["Finding | Report"]:
        """Called once per file, after the walk; for whole-file or whole-package verdicts."""
        return ()

    def report(self, node: Node, message: str, *, fix: Fix | None = None,
               related: tuple[Related, ...] = (), end_node: Node | None = None,
               level: Level | None = None) -> "Report":
        """`level` overrides the rule's default level for this one finding."""
        return Report(self, node.start_byte, (end_node or node).end_byte, message, fix, related, level)


@dataclass(frozen=True)
class Report:
    """What a rule yields: a span in bytes; the engine makes it a Finding."""

    rule: Rule
    start_byte: int
    end_byte: int
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    level: Level | None = None  # None: the rule's default level


def related_prototype(function, message: str | None = None) -> Related:
    """A related location pointing at a C function's declaration in the preamble."""
    location = function.location
    return Related(location.path, location.start, location.end,
                   message or f"C declaration: {function.prototype}")
