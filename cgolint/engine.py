"""Runs the rules over packages: one walk per file, dispatch by node kind,
suppressions, and a failure in one rule on one file kept to that file."""
from __future__ import annotations

import hashlib
import os
import re
import signal
import threading
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass, field, replace


from tree_sitter import Node

from . import newer_syntax
from .config import Settings
from .loader import PackageJob, may_hold_finding
from .declarations import ContextFiles
from .model import PackageModel
from .registry import RuleSet
from .rule import Finding, Level, Report, Rule, RuleContext
from .scopes import analysing
from .source import FileTimeout, SourceFile, check_deadline, mark_expired, parsing_now, set_deadline
from .suppressions import Suppression, parse_suppressions

UNUSED_SUPPRESSION = "CGL100"
UNEXPLAINED_SUPPRESSION = "CGL101"


@dataclass(frozen=True)
class Notification:
    """Something that kept a file from being analysed (level error: exit 2),
    or that the user should know (warning)."""

    path: str
    display_path: str
    message: str
    level: str = "error"

    @property
    def sort_key(self) -> tuple:
        return (self.display_path, self.message)


@dataclass
class PackageResult:
    findings: list[Finding] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    files_analysed: int = 0


def display_path(path: str, base: str | None = None) -> str:
    base = base or os.getcwd()
    try:
        relative = os.path.relpath(path, base)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def read_source(path: str, settings: Settings) -> tuple[bytes | None, str | None]:
    """The bytes of a Go file, or None and why it cannot be analysed."""
    try:
        size = os.stat(path).st_size
        if size > settings.max_file_size:
            return None, _too_large(size, settings)
        with open(path, "rb") as handle:
            # Sized to the file: a buffer as large as the limit costs more
            # than the read. A file that grew after the stat is read on.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(settings.max_file_size + 1 - len(data))
        if len(data) > settings.max_file_size:
            return None, _too_large(len(data), settings)
    except FileNotFoundError:
        if os.path.islink(path):
            return None, "cannot read: broken symbolic link"
        return None, "cannot read: the file vanished while the run was listing it"
    except IsADirectoryError:
        return None, "cannot read: is a directory"
    except OSError as error:
        return None, f"cannot read: {error.strerror or error}"
    if b"\0" in data:
        return None, "skipped: binary file (contains NUL bytes), not Go source"
    return data, None


def _too_large(size: int, settings: Settings) -> str:
    return (f"skipped: file is {size:,} bytes, over the limit of {settings.max_file_size:,} "
            f"(raise `max-file-size` in .cgolint.toml to analyse it)")


def parse_file(path: str, data: bytes, base: str | None = None, dispatched: frozenset[str] = frozenset()) -> SourceFile:
    """`dispatched`: the node kinds rules will be handed (see SourceFile.captures)."""
    # A leading BOM is legal Go; tree-sitter-go does not expect it, so it
    # parses three spaces in its place and positions stay the same.
    parsed = b"   " + data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    source = SourceFile.parse(path, display_path(path, base), parsed, dispatched)
    if source.root.has_error:
        source = _reparsed_newer_syntax(source, dispatched)
    source.data = data
    return source


def _reparsed_newer_syntax(source: SourceFile, dispatched: frozenset[str]) -> SourceFile:
    """The file parsed again with the Go newer than the grammar masked
    (newer_syntax): methods with type parameters first, whose errors can
    swallow the rest of the file, then the `new(expr)` calls errors touch."""
    masked = newer_syntax.masked_methods(source.data)
    if masked is not None:
        source = SourceFile.parse(source.path, source.display_path, masked, dispatched)
    masked = newer_syntax.masked_calls(source.data, source.error_nodes) if source.root.has_error else None
    if masked is not None:
        renamed = newer_syntax.renamed_builtins(source.data)
        source = SourceFile.parse(source.path, source.display_path, masked, dispatched)
        source.renamed_builtins = renamed
    return source


class Analyzer:
    """Analyses packages with one set of rules and settings."""

    def __init__(self, ruleset: RuleSet, settings: Settings, base: str | None = None):
        self.settings = settings
        self.base = base
        self.rule_classes = [r for r in ruleset.rules if settings.enabled(r.code)]
        # Rules with markers () (syntax errors, suppressions) report on files
        # parsed for other rules; selected alone, they see every candidate.
        self._parse_for = [r for r in self.rule_classes if r.markers != ()]
        self.meta = {r.code: r for r in ruleset.rules}
        self._every_rule_enabled = all(settings.enabled(code) for code in self.meta
                                       if code not in (UNUSED_SUPPRESSION, UNEXPLAINED_SUPPRESSION))
        self._package_rules: dict[str, list[type[Rule]]] = {}
        self._dispatched = frozenset(kind for r in self.rule_classes for kind in r.node_kinds) | {"comment"}

    def wanted(self, directory: str, data: bytes) -> bool:
        """Whether a file with these bytes in this directory is parsed: some
        enabled rule may find something in it."""
        if not may_hold_finding(data):
            return False
        if not self._parse_for:
            return True
        rules = self._package_rules.get(directory)
        if rules is None:
            rules = self._package_rules[directory] = [r for r in self._parse_for if r.wants_package(directory)]
        return any(r.wants(data) for r in rules)

    def analyze(self, job: PackageJob, overrides: dict[str, bytes] | None = None,
                part: tuple[int, int] | None = None) -> PackageResult:
        """Analyse one package. `overrides` maps paths to unsaved buffer text.
        `part` (index, parts): report only that share of the package's files
        (see `file_shares`); the parts' results together are the package's."""
        result = PackageResult()
        overrides = overrides or {}
        sources: list[SourceFile] = []
        parse_time: dict[str, float] = {}  # the budget of a file covers its parse and its analysis
        for path in job.files:
            shown = display_path(path, self.base)
            if path in overrides:
                data, problem = overrides[path], None
            else:
                data, problem = read_source(path, self.settings)
            if problem is not None:
                result.notifications.append(Notification(path, shown, problem))
                continue
            if not self.wanted(job.directory, data):
                continue
            started = time.monotonic()
            try:
                with _time_budget(self.settings.file_timeout):
                    sources.append(parse_file(path, data, self.base, self._dispatched))
            except FileTimeout:
                result.notifications.append(Notification(path, shown, self._timeout_message("parsing")))
            except Exception as error:  # pragma: no cover - tree-sitter does not raise on bad input
                result.notifications.append(Notification(path, shown, f"cannot parse: {error}"))
            else:
                parse_time[path] = time.monotonic() - started
        if not sources:  # (every note then goes with part 0)
            return result if part is None or part[0] == 0 else PackageResult()
        analysed = {s.path for s in sources}

        def load_context() -> list[tuple[str, bytes]]:
            context = []
            for path in job.directory_files():
                if path in analysed:
                    continue
                data = overrides.get(path)
                if data is None:
                    data, problem = read_source(path, self.settings)
                if data is not None:
                    context.append((path, data))
            return context

        result.notifications.extend(_package_clause_notes(job.directory, sources, self.base))
        if part is not None:
            index, parts = part
            owner = file_shares(sources, parts)
            # a note on a file goes with its file; a note on the package (or on a
            # file that did not parse) with part 0
            result.notifications = [n for n in result.notifications if owner.get(n.path, 0) == index]
            sources_to_report = [s for s in sources if owner[s.path] == index]
        else:
            sources_to_report = sources
        package = PackageModel(job.directory, sources,
                               context=ContextFiles(load_context, lambda path, data: parse_file(path, data, self.base)))
        for source in sources_to_report:
            try:
                findings, notes = self._analyze_file(source, package, parse_time.get(source.path, 0.0))
            except Exception as error:  # a bug outside the rules: lose this file, not the run
                where = traceback.extract_tb(error.__traceback__)[-1]
                findings, notes = [], [Notification(
                    source.path, source.display_path,
                    f"internal error: {type(error).__name__}: {error} (at {os.path.basename(where.filename)}:"
                    f"{where.lineno}); no finding of this file is reported")]
            result.findings.extend(findings)
            result.notifications.extend(notes)
            if not any(n.level == "error" and n.message.startswith(("skipped:", "internal error:")) for n in notes):
                result.files_analysed += 1
        return result

    def _timeout_message(self, stage: str) -> str:
        return (f"skipped: {stage} took longer than the time budget of {self.settings.file_timeout:g}s per file "
                f"(file-timeout); no finding of this file is reported")

    def _analyze_file(self, source: SourceFile, package: PackageModel,
                      spent: float = 0.0) -> tuple[list[Finding], list[Notification]]:
        notes: list[Notification] = []
        reports: list[Report] = []
        # The try is outside the budget: a timer firing as the budget closes is caught too.
        try:
            with _time_budget(max(self.settings.file_timeout - spent, 0.001)):
                comments = self._run_rules(source, package, reports, notes)
        except FileTimeout:
            return [], [Notification(source.path, source.display_path, self._timeout_message("analysis"))]
        findings = [self._finding(source, r.rule.code, r.rule.name, r.level or r.rule.level, r) for r in reports]
        findings = self._suppress(source, findings, parse_suppressions(source, comments))
        return _with_fingerprints(findings), notes

    def _run_rules(self, source: SourceFile, package: PackageModel, reports: list, notes: list) -> list:
        rules = [cls() for cls in self.rule_classes if cls.applies(source, package)]
        checks = [(rule, RuleContext(source, package, self.settings.options_for(rule.code, rule.options)))
                  for rule in rules]
        by_kind: dict[str, list[tuple[Rule, RuleContext]]] = defaultdict(list)
        for rule, ctx in checks:
            for kind in rule.node_kinds:
                by_kind[kind].append((rule, ctx))
        failed: set[str] = set()

        def fail(rule: Rule, error: Exception) -> None:
            failed.add(rule.code)
            notes.append(_rule_failure(source, rule, error))

        comments = []
        with analysing(source.root):
            # Each node of a wanted kind, in document order, goes to the rules
            # that want it; one tree-sitter query (in C) finds them. This loop
            # is the hot path of a run, so it calls `check` directly.
            for visited, (node, kind) in enumerate(_nodes_of_kinds(source, frozenset(by_kind) | {"comment"}), 1):
                if not visited & 255:
                    check_deadline()  # the timer signal works in the main thread only
                if kind == "comment":
                    comments.append(node)
                for rule, ctx in by_kind.get(kind, ()):
                    if rule.code in failed:
                        continue
                    try:
                        reports.extend(rule.check(node, ctx))
                    except FileTimeout:
                        raise
                    except Exception as error:
                        fail(rule, error)
            for rule, ctx in checks:
                if rule.code in failed:
                    continue
                try:
                    reports.extend(rule.check_package(ctx))
                except FileTimeout:
                    raise
                except Exception as error:
                    fail(rule, error)
        return comments

    def _finding(self, source: SourceFile, code: str, name: str, level: Level, report) -> Finding:
        start, end = source.position(report.start_byte), source.position(report.end_byte)
        # Messages and fixes quote node text: from a tree parsed with renamed
        # builtins, it is spelled back as the user wrote it.
        spelled = (lambda message: newer_syntax.unmasked(message, source.renamed_builtins)) \
            if source.renamed_builtins else str
        fix = report.fix
        if fix is not None:
            edits = tuple(replace(e, replacement=spelled(e.replacement), start_pos=source.position(e.start),
                                  end_pos=source.position(e.end)) for e in fix.edits)
            fix = replace(fix, description=spelled(fix.description), edits=edits)
        related = tuple(replace(r, message=spelled(r.message)) for r in report.related) \
            if source.renamed_builtins else report.related
        return Finding(code, name, level, spelled(report.message), source.path, source.display_path,
                       report.start_byte, report.end_byte, start, end, source.line_text(start.line),
                       related, fix)

    def _suppress(self, source: SourceFile, findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
        kept = []
        for finding in findings:
            covering = [s for s in suppressions if s.covers(finding.code, finding.start.line)]
            for suppression in covering:
                suppression.used = True
            if not covering:
                kept.append(finding)
        for suppression in suppressions:
            if not suppression.judged:
                continue
            # (code, message) in order of importance: the first whose rule is enabled is reported
            problems = [(UNEXPLAINED_SUPPRESSION, message) for message in suppression.problems]
            if not problems and not suppression.reason:
                problems.append((UNEXPLAINED_SUPPRESSION,
                                 f"`{suppression.directive}` gives no reason: say why the finding is safe to ignore"))
            # Unused only if every rule it could silence ran and none of them
            # found anything it covers: a rule that did not run may need it.
            judged = all(self.settings.enabled(c) for c in suppression.codes) if suppression.codes \
                else self._every_rule_enabled
            if not suppression.used and judged:
                what = ", ".join(suppression.codes) or "cgolint"
                problems.insert(0, (UNUSED_SUPPRESSION,
                                    f"unused suppression: `{suppression.directive}` suppresses no {what} finding; "
                                    + ("take cgolint out of it" if suppression.shared else "remove it")))
            for code, message in problems:
                rule = self.meta.get(code)
                if rule is None or not self.settings.enabled(code):
                    continue
                kept.append(self._finding(source, rule.code, rule.name, rule.level,
                                          Report(None, suppression.start_byte, suppression.end_byte, message)))
                break
        return kept


def _rule_failure(source: SourceFile, rule: Rule, error: Exception) -> Notification:
    """What the user sees when a rule fails on a file: the file's other rules still run."""
    if isinstance(error, RecursionError):
        return Notification(source.path, source.display_path,
                            f"internal error in rule {rule.code} ({rule.name}): input nested too deeply")
    where = traceback.extract_tb(error.__traceback__)[-1]
    return Notification(source.path, source.display_path,
                        f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error} "
                        f"(at {os.path.basename(where.filename)}:{where.lineno}); the file's other rules still ran")


def file_shares(sources: list[SourceFile], parts: int) -> dict[str, int]:
    """Deal the files of one package into `parts` shares of about equal
    bytes (largest first, each to the lightest share): every worker given
    a part of the package computes the same shares."""
    load = [0] * parts
    owner = {}
    for source in sorted(sources, key=lambda s: (-len(s.data), s.path)):
        lightest = load.index(min(load))
        owner[source.path] = lightest
        load[lightest] += len(source.data)
    return owner


def _package_clause_notes(directory: str, sources: list[SourceFile], base: str | None) -> list[Notification]:
    """Warnings for a directory whose files name different packages (as `go
    vet` refuses: "found packages a and b"), and for a file with several
    `package` clauses. The files are still analysed, as one package."""
    notes = []
    names: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        clauses = [c for c in source.root.named_children if c.type == "package_clause"]
        if len(clauses) > 1:
            notes.append(Notification(source.path, source.display_path,
                                      f"{len(clauses)} `package` clauses in one file; Go allows one, the first is used",
                                      "warning"))
        name = source.package_name
        if not name or _IGNORED_BUILD.search(source.data[:4096]):
            continue  # no clause (reported as a syntax error), or a `//go:build ignore` program
        if name.endswith("_test") and source.path.endswith("_test.go"):
            name = name[: -len("_test")]  # an external test package belongs with its package
        names[name].append(os.path.basename(source.path))
    if len(names) > 1:
        listed = "; ".join(f"{name} ({', '.join(files)})" for name, files in sorted(names.items()))
        notes.append(Notification(directory, display_path(directory, base),
                                  f"files of several packages in one directory: {listed}; they are analysed "
                                  f"together, so a declaration may be taken from the wrong package", "warning"))
    return notes


_IGNORED_BUILD = re.compile(rb"^//\s*(?:go:build|\+build)\b.*\bignore\b", re.MULTILINE)


def _with_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Fingerprints from the rule and the finding's line text (not its line
    number), numbered per repeat, so they survive edits above a finding."""
    findings = sorted(findings, key=lambda f: f.sort_key)
    seen: dict[str, int] = defaultdict(int)
    digests: dict[tuple[str, str], str] = {}  # many findings on one (long) line hash it once
    result = []
    for finding in findings:
        key = (finding.code, finding.source_line)
        digest = digests.get(key)
        if digest is None:
            digest = digests[key] = hashlib.sha256(
                f"{finding.code}\0{' '.join(finding.source_line.split())}".encode()).hexdigest()[:16]
        occurrence = seen[digest]
        seen[digest] += 1
        result.append(replace(finding, fingerprint=f"{digest}:{occurrence + 1}"))
    return result


class _time_budget:
    """A per-file deadline. In every thread, tree-sitter parses are cancelled
    and the engine's walk stops (FileTimeout) once it passes; in the main
    thread (also a worker process's), a timer signal also interrupts a rule
    that runs too long inside one check (POSIX only). Budgets nest: the
    earlier deadline wins."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.active = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def __enter__(self):
        deadline = time.monotonic() + self.seconds
        self.previous_deadline = set_deadline(deadline)
        if self.previous_deadline is not None and self.previous_deadline < deadline:
            set_deadline(self.previous_deadline)
            self.active = False  # the outer budget's timer is already running
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    @staticmethod
    def _expire(signum, frame):
        mark_expired()
        if not parsing_now():  # tree-sitter's progress callback cancels a parse
            raise FileTimeout()

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        set_deadline(self.previous_deadline)
        return False


def _nodes_of_kinds(source: SourceFile, kinds: frozenset[str]) -> list[tuple[Node, str]]:
    """(node, kind) for every node of the kinds (out of the file's query,
    which captures every kind the enabled rules want), in document order,
    outer nodes first; a node of two kinds (a call wanted as
    `call_expression` and as `call_with_arguments`) comes once for each."""
    assert kinds <= source.dispatched, "the file was parsed without these kinds in its query"
    captured = source.captures
    found = [(node, kind) for kind in kinds for node in captured.get(kind, ())]
    found.sort(key=lambda item: (item[0].start_byte, -item[0].end_byte, item[1]))
    return found
