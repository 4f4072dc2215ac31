"""One Go file, parsed: positions, imports and the cgo preamble's place."""
from __future__ import annotations

import bisect
import re
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from tree_sitter import Node, Parser, Point, QueryCursor, Range, Tree

from .parsing import file_query, go_parser


class FileTimeout(BaseException):
    """A file's time budget (`file-timeout`) ran out. A BaseException, so a
    rule's `except Exception` cannot swallow it."""


# The current thread's deadline (time.monotonic()), set by the engine's
# per-file time budget; `parsing` is true while tree-sitter parses, when a
# timer signal must not raise (the parse is cancelled through its progress
# callback instead).
_budget = threading.local()


def current_deadline() -> float | None:
    return getattr(_budget, "deadline", None)


def set_deadline(deadline: float | None) -> float | None:
    """Set this thread's deadline; returns the previous one, to restore."""
    previous = getattr(_budget, "deadline", None)
    _budget.deadline = deadline
    _budget.expired = False
    return previous


def check_deadline() -> None:
    """Raise FileTimeout when this thread's deadline has passed."""
    deadline = getattr(_budget, "deadline", None)
    if deadline is not None and (getattr(_budget, "expired", False) or time.monotonic() >= deadline):
        raise FileTimeout()


def parsing_now() -> bool:
    return getattr(_budget, "parsing", False)


def mark_expired() -> None:
    _budget.expired = True


_CHUNK = 1 << 16


def parse_bytes(parser: Parser, data: bytes) -> Tree:
    """`parser.parse(data)`, cancelled with FileTimeout when this thread's
    deadline passes: tree-sitter's C parser cannot be interrupted by a signal,
    but it calls a progress callback while it reads its input."""
    deadline = getattr(_budget, "deadline", None)
    if deadline is None:
        return parser.parse(data)
    check_deadline()

    def read(offset: int, _point) -> bytes:
        return data[offset:offset + _CHUNK]

    def progress(*_state) -> bool:
        return getattr(_budget, "expired", False) or time.monotonic() >= deadline

    _budget.parsing = True
    try:
        tree = parser.parse(read, progress_callback=progress)
    except ValueError:
        if progress():
            raise FileTimeout() from None
        raise
    finally:
        _budget.parsing = False
    if tree is None:  # pragma: no cover - older bindings return None on cancellation
        raise FileTimeout()
    # A tree parsed from a callback has no bytes of its own: every `node.text`
    # would call `read` again (copying a chunk per call: 10-100x slower). An
    # incremental re-parse from the bytes, with nothing edited, reuses every
    # node (well under 1% of a parse) and gives a tree that holds its source.
    return parser.parse(data, old_tree=tree)


@dataclass(frozen=True)
class Position:
    """1-based line; 1-based column in bytes (go vet) and in UTF-16 units (SARIF, LSP)."""

    line: int
    column: int
    utf16_column: int


def text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def string_value(node: Node) -> str:
    """The value of a Go string literal node, quotes removed (escapes kept)."""
    raw = text(node)
    return raw[1:-1] if len(raw) >= 2 else raw


def strip_parens(node: Node | None) -> Node | None:
    """The expression inside any parentheses around `node`: `((x))` -> `x`."""
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def field_chain(node: Node) -> list[Node] | None:
    """`s.a.b` -> [s, a, b] (identifier, then field identifiers); None for
    anything else in the chain (calls, indexes, package-qualified names)."""
    parts: list[Node] = []
    while node is not None and node.type == "selector_expression":
        field_node = node.child_by_field_name("field")
        if field_node is None or field_node.type != "field_identifier":
            return None
        parts.append(field_node)
        node = node.child_by_field_name("operand")
    if node is None or node.type != "identifier" or not parts:
        return None
    parts.append(node)
    parts.reverse()
    return parts


def root_variable(node: Node | None) -> Node | None:
    """The identifier a selector chain starts from (`s` of `s.a.b`, also
    through parentheses), the identifier itself; None for anything else."""
    node = strip_parens(node)
    while node is not None and node.type == "selector_expression":
        node = strip_parens(node.child_by_field_name("operand"))
    return node if node is not None and node.type == "identifier" else None


def assignments(statement: Node) -> list[tuple[Node, Node]]:
    """(lhs, rhs) pairs of a plain `=` assignment statement."""
    if statement.type != "assignment_statement" or text(statement.child_by_field_name("operator")) != "=":
        return []
    left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
    lhs = left.named_children if left is not None else []
    rhs = right.named_children if right is not None else []
    return list(zip(lhs, rhs)) if len(lhs) == len(rhs) else []


def literal_values(literal: Node) -> list[tuple[Node, Node]]:
    """(element, value) of each element of a composite literal (or `&` of
    one, seen through parentheses, or a nested `{...}`, a `literal_value`):
    the value expression, keyed or not, out of its `literal_element`. Empty
    for anything that is not a composite literal."""
    literal = strip_parens(literal)
    if literal is not None and literal.type == "unary_expression" and text(literal.child_by_field_name("operator")) == "&":
        literal = strip_parens(literal.child_by_field_name("operand"))
    if literal is not None and literal.type == "literal_value":  # an element's `{...}`, its type elided
        body = literal
    else:
        body = literal.child_by_field_name("body") if literal is not None and literal.type == "composite_literal" \
            else None
    found = []
    for element in body.named_children if body is not None else []:
        item = element.child_by_field_name("value") if element.type == "keyed_element" else element
        if item is not None and item.type == "literal_element" and item.named_children:
            item = item.named_children[0]
        if item is not None and element.type != "comment":
            found.append((element, item))
    return found


# cgo reads `//export` followed by a space, then the name (cmd/cgo: `//export ` prefix)
_EXPORT_DIRECTIVE = re.compile(r"^//export (?:\s*)(\w+)\s*$")


def exported_name(function: Node) -> str | None:
    """The name in an `//export name` line of the comments directly above `function`."""
    node = function.prev_sibling
    next_row = function.start_point.row
    while node is not None and node.type == "comment" and node.end_point.row >= next_row - 1:
        match = _EXPORT_DIRECTIVE.match(text(node))
        if match:
            return match.group(1)
        next_row = node.start_point.row
        node = node.prev_sibling
    return None


def walk(node: Node) -> Iterator[Node]:
    """Every named node under `node`, in document order, without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


@dataclass
class SourceFile:
    """A parsed Go file. `path` is absolute; `display_path` is what users see."""

    path: str
    display_path: str
    data: bytes
    tree: Tree = field(repr=False)
    dispatched: frozenset[str] = field(default=frozenset(), repr=False)  # node kinds the engine hands to rules
    # The builtins whose calls the tree was parsed with renamed (newer_syntax:
    # node text spells them `_ew`/`_ake`): the engine spells them back.
    renamed_builtins: frozenset[str] = field(default=frozenset(), repr=False)

    @classmethod
    def parse(cls, path: str, display_path: str, data: bytes, dispatched: frozenset[str] = frozenset()) -> "SourceFile":
        return cls(path, display_path, data, parse_bytes(go_parser(), data), dispatched)

    @cached_property
    def captures(self) -> dict[str, list[Node]]:
        """What the file's one query (`parsing.file_query`) captures: the
        nodes of each `dispatched` kind, `scope.declaration` and `scope.name`."""
        return QueryCursor(file_query(self.dispatched)).captures(self.root)

    @cached_property
    def declarations(self) -> tuple[list[int], list[Node]]:
        """The `scope.declaration` captures in document order (outer first),
        and their start bytes, to find a function's by bisecting."""
        nodes = sorted(self.captures.get("scope.declaration", ()), key=lambda n: (n.start_byte, -n.end_byte))
        return [n.start_byte for n in nodes], nodes

    @cached_property
    def root(self) -> Node:
        # One Node object for the root: tree-sitter caches child lists on a
        # Node, so every descent from the root after the first is cheaper.
        return self.tree.root_node

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.data.find
        i = find(b"\n")
        while i != -1:
            starts.append(i + 1)
            i = find(b"\n", i + 1)
        return starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.data)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        prefix = self.data[start:offset]
        if prefix.isascii():  # the common case, and cheap on a very long line
            utf16 = len(prefix)
        else:
            utf16 = len(prefix.decode("utf-8", "replace").encode("utf-16-le")) // 2
        return Position(line + 1, offset - start + 1, utf16 + 1)

    def line_text(self, line: int) -> str:
        """The text of 1-based `line`, without its newline."""
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        cache = self.__dict__.setdefault("_line_texts", {})  # many findings can share one long line
        found = cache.get(line)
        if found is None:
            end = starts[line] if line < len(starts) else len(self.data)
            found = cache[line] = self.data[starts[line - 1]:end].decode("utf-8", "replace").rstrip("\r\n")
        return found

    @cached_property
    def package_name(self) -> str:
        for child in self.root.named_children:
            if child.type == "package_clause":
                ident = child.named_children[0] if child.named_children else None
                return text(ident)
        return ""

    @cached_property
    def imports(self) -> dict[str, str]:
        """Local name -> import path, for every import spec of the file."""
        names: dict[str, str] = {}
        for decl in self.root.named_children:
            if decl.type != "import_declaration":
                continue
            for spec in walk(decl):
                if spec.type != "import_spec":
                    continue
                path_node = spec.child_by_field_name("path")
                if path_node is None:
                    continue
                path = string_value(path_node)
                alias = spec.child_by_field_name("name")
                local = text(alias) if alias is not None else path.rsplit("/", 1)[-1]
                names[local] = path
        return names

    def import_name(self, path: str) -> str | None:
        """The name under which this file imports `path`, if it does."""
        for local, imported in self.imports.items():
            if imported == path and local not in ("_",):
                return local
        return None

    @cached_property
    def uses_cgo(self) -> bool:
        return "C" in self.imports.values()

    @cached_property
    def preamble_comments(self) -> list[Node]:
        """The comment nodes cgo reads as the preamble: the run of comments
        directly above `import "C"`, stopping at a blank line as cgo does;
        above `import (` too when "C" is the group's only import (cmd/cgo
        takes the declaration's doc comment then)."""
        # (a file may import "C" more than once: cgo joins their preambles)
        return [comment for found in self._imports_of_c for comment in _own_preamble(*found)]

    @cached_property
    def ignored_preamble(self) -> tuple[list[Node], str]:
        """The comment group that sits where a preamble would but that cgo
        ignores, and why: "blank line" (a blank line parts it from the
        preamble or from `import "C"`), "group" (above an `import (` of
        several imports), "spec comment" (above an `import (` whose "C" has
        a comment of its own, the preamble), "other import" (the doc
        comment of another import declaration: `// #cgo ...` above
        `import "unsafe"`). Empty when there is none."""
        imports = self._imports_of_c
        if not imports:
            return [], ""
        group, why = self._ignored_near_c(*imports[0])
        if group:
            return group, why
        importing_c = {declaration for _, declaration, _ in imports}
        for declaration in self.root.named_children:
            if declaration.type == "import_declaration" and declaration not in importing_c:
                group = _comments_above(declaration)
                if any(b"#" in comment.text for comment in group):  # (a licence or a note is no preamble)
                    return group, "other import"
        return [], ""

    def _ignored_near_c(self, spec: Node, declaration: Node, specs: int) -> tuple[list[Node], str]:
        preamble = _own_preamble(spec, declaration, specs)
        if preamble:
            group = _comment_group_above(preamble[0])
            if group or spec.parent is declaration or preamble[0].end_byte <= declaration.start_byte:
                return group, "blank line" if group else ""
            # `"C"` has its own comment inside `import (`: cgo reads that one alone
            group = _comments_above(declaration)
            return (group, "spec comment") if group else ([], "")
        anchor = declaration if spec.parent is declaration or specs == 1 else spec
        group = _comment_group_above(anchor)
        if group:
            return group, "blank line"
        if anchor is spec:
            group = _comments_above(declaration)
            return (group, "group") if group else ([], "")
        return [], ""

    def _import_c(self) -> tuple[Node, Node, int] | None:
        """(the first `"C"` import spec, its import declaration, how many specs that declaration has)."""
        imports = self._imports_of_c
        return imports[0] if imports else None

    @cached_property
    def _imports_of_c(self) -> list[tuple[Node, Node, int]]:
        """(spec, declaration, specs) of each `import "C"`, in document order."""
        found = []
        for declaration in self.root.named_children:
            if declaration.type != "import_declaration":
                continue
            specs = [n for n in walk(declaration) if n.type == "import_spec"]
            for spec in specs:
                path_node = spec.child_by_field_name("path")
                if path_node is not None and string_value(path_node) == "C":
                    found.append((spec, declaration, len(specs)))
        return found

    def preamble_ranges(self) -> list[Range]:
        """Byte ranges of the preamble comment bodies, for a C parser's included_ranges."""
        ranges = []
        for comment in self.preamble_comments:
            start, end = comment.start_byte, comment.end_byte
            if self.data.startswith(b"//", start):
                start += 2
                newline = self.data.find(b"\n", end)
                end = newline + 1 if newline != -1 else end
            else:
                start += 2
                end -= 2
            if end > start:
                ranges.append(Range(self._point(start), self._point(end), start, end))
        return ranges

    def _point(self, offset: int) -> Point:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Point(line, offset - self.line_starts[line])

    @cached_property
    def error_nodes(self) -> list[Node]:
        """Outermost ERROR and MISSING nodes of the tree."""
        found = []
        if not self.root.has_error:
            return found
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.is_error or node.is_missing:
                found.append(node)
                continue
            stack.extend(c for c in node.children if c.has_error or c.is_missing)
        found.sort(key=lambda n: n.start_byte)
        return found


def _comment_group_above(anchor: Node) -> list[Node]:
    """The run of comments just above `anchor` that a blank line parts from it."""
    node = anchor.prev_sibling
    if node is None or node.type != "comment" or node.end_point.row >= anchor.start_point.row - 1 \
            or _trailing(node):
        return []
    return _comments_above(node) + [node]


def _own_preamble(spec: Node, declaration: Node, specs: int) -> list[Node]:
    """The comments cgo reads as the preamble of one `import "C"`."""
    if spec.parent is declaration:
        return _comments_above(declaration)
    return _comments_above(spec) or (_comments_above(declaration) if specs == 1 else [])


def _comments_above(anchor: Node) -> list[Node]:
    """The run of comments directly above `anchor`, as go/parser's doc
    comment: no blank line inside, none trailing code on its line."""
    comments: list[Node] = []
    next_line = anchor.start_point.row
    node = anchor.prev_sibling
    while node is not None and node.type == "comment":
        if node.end_point.row < next_line - 1 or _trailing(node):
            break  # a blank line separates this comment, or it ends a line of code: cgo ignores it
        comments.append(node)
        next_line = node.start_point.row
        node = node.prev_sibling
    comments.reverse()
    return comments


def _trailing(comment: Node) -> bool:
    """A comment after code on its line (`"fmt" // printing`, `import ( // cgo`):
    go/parser makes it that line's comment, never the doc of what follows."""
    before = comment.prev_sibling
    return before is not None and before.type != "comment" and before.end_point.row == comment.start_point.row
