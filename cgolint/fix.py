"""Applying fixes: non-overlapping byte edits to a file's text, and the
`--fix`/`--diff` loop that re-analyses until no fix is left to apply."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from .atomic import write_atomic
from .rule import Edit, Finding, Fix

MAX_ROUNDS = 5


class FixError(Exception):
    """The fix loop cannot finish (fixes that keep producing fixes)."""


def apply_edits(data: bytes, edits: list[Edit]) -> tuple[bytes, list[Edit]]:
    """Apply the edits that do not overlap an earlier-chosen one; return the
    new bytes and the edits skipped (to retry in a later round)."""
    chosen: list[Edit] = []
    skipped: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        if chosen and edit.start < chosen[-1].end:
            skipped.append(edit)
        elif chosen and edit.start == chosen[-1].end == edit.end and chosen[-1].start == edit.start:
            skipped.append(edit)
        else:
            chosen.append(edit)
    out = bytearray(data)
    for edit in reversed(chosen):
        out[edit.start:edit.end] = edit.replacement.encode("utf-8")
    return bytes(out), skipped


def _conflict(a: Edit, b: Edit) -> bool:
    # Overlapping spans, or two edits at the same place (their order would be a guess).
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def choose_fixes(fixes: list[Fix]) -> list[Fix]:
    """Whole fixes whose edits touch no edit of an earlier-chosen fix, in
    document order; a fix is applied entirely or not at all. Duplicates
    (the same edits proposed twice) are dropped."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    seen: set[tuple] = set()
    for fix in sorted(fixes, key=lambda f: min((e.start, e.end) for e in f.edits) if f.edits else (0, 0)):
        key = tuple(sorted((e.start, e.end, e.replacement) for e in fix.edits))
        if not fix.edits or key in seen:
            continue
        own = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(_conflict(x, y) for x, y in zip(own, own[1:])):
            continue  # a malformed fix: its own edits overlap
        if any(_conflict(edit, other) for edit in fix.edits for other in taken):
            continue
        seen.add(key)
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


def apply_fixes(data: bytes, fixes: list[Fix]) -> bytes:
    """The text with every edit of `fixes` (which must not conflict) applied."""
    out, skipped = apply_edits(data, [e for fix in fixes for e in fix.edits])
    assert not skipped, "apply_fixes needs non-conflicting fixes (see choose_fixes)"
    return out


def has_syntax_error(data: bytes) -> bool:
    from .engine import parse_file

    return parse_file("<fix>", data).root.has_error


def wants(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


@dataclass
class FixedFile:
    path: str
    display_path: str
    original: bytes
    fixed: bytes
    applied: list[str] = field(default_factory=list)   # codes of the fixes applied, in order


@dataclass
class FixOutcome:
    files: dict[str, FixedFile] = field(default_factory=dict)   # only files whose text changed
    refused: list[tuple[str, str]] = field(default_factory=list)  # (display path, why)
    rounds: int = 0

    @property
    def applied(self) -> int:
        return sum(len(f.applied) for f in self.files.values())


def _refusal_key(finding: Finding) -> tuple:
    return (finding.path, finding.code, finding.fingerprint, finding.fix.description if finding.fix else "")


def fix_package(analyzer, job, unsafe: bool = False, max_rounds: int = MAX_ROUNDS,
                outcome: FixOutcome | None = None) -> FixOutcome:
    """Fix one package in memory: analyse, apply the wanted fixes, analyse
    the new text again, until no wanted fix is left. A round whose fixes
    would make a file that parsed stop parsing keeps the fixes that do not,
    and refuses the others. Raises FixError after `max_rounds` rounds that
    all still changed something."""
    from .engine import read_source

    outcome = outcome if outcome is not None else FixOutcome()
    contents: dict[str, bytes] = {}
    refused: set[tuple] = set()
    for round_number in range(1, max_rounds + 2):
        result = analyzer.analyze(job, overrides=contents)
        by_path: dict[str, list[Finding]] = {}
        for finding in result.findings:
            if wants(finding.fix, unsafe) and _refusal_key(finding) not in refused:
                by_path.setdefault(finding.path, []).append(finding)
        if not by_path:
            break
        if round_number > max_rounds:
            pending = sorted({f"{f.display_path} ({f.code})" for fs in by_path.values() for f in fs})
            raise FixError(f"fixes did not converge after {max_rounds} rounds: still fixing {', '.join(pending)}; "
                           f"no file was written")
        outcome.rounds = max(outcome.rounds, round_number)
        changed = False
        for path, findings in sorted(by_path.items()):
            if path in contents:
                data = contents[path]
            else:
                data, problem = read_source(path, analyzer.settings)
                if data is None:
                    outcome.refused.append((findings[0].display_path, f"not fixed: {problem}"))
                    refused.update(_refusal_key(f) for f in findings)
                    continue
            by_fix = {id(f.fix): f for f in findings}
            chosen = choose_fixes([f.fix for f in findings])
            new = apply_fixes(data, chosen)
            if has_syntax_error(new) and not has_syntax_error(data):
                kept: list[Fix] = []
                for fix in chosen:
                    if has_syntax_error(apply_fixes(data, kept + [fix])):
                        finding = by_fix[id(fix)]
                        refused.add(_refusal_key(finding))
                        outcome.refused.append((finding.display_path, f"{finding.code} fix at line {finding.start.line} "
                                                                      f"not applied: the file would no longer parse"))
                    else:
                        kept.append(fix)
                chosen = kept
                new = apply_fixes(data, chosen)
            if new == data:
                continue
            contents[path] = new
            changed = True
            record = outcome.files.get(path)
            if record is None:
                original = data
                record = outcome.files[path] = FixedFile(path, findings[0].display_path, original, new)
            record.fixed = new
            record.applied.extend(by_fix[id(fix)].code for fix in chosen)
        if not changed:
            break
    for path in [p for p, f in outcome.files.items() if f.fixed == f.original]:
        del outcome.files[path]
    return outcome


def fix_run(patterns: list[str], settings, ruleset=None, *, unsafe: bool = False, base: str | None = None,
            max_rounds: int = MAX_ROUNDS) -> FixOutcome:
    """Fix every package the patterns name, in memory; nothing is written."""
    from .engine import Analyzer
    from .loader import PackageJob, load
    from .registry import load_rules

    ruleset = ruleset or load_rules()
    analyzer = Analyzer(ruleset, settings, base or os.getcwd())
    outcome = FixOutcome()
    for job in load(patterns, settings.excluded).packages:
        files = tuple(f for f in job.files if not settings.excluded(f))
        if files:
            fix_package(analyzer, PackageJob(job.directory, files), unsafe, max_rounds, outcome)
    return outcome


def write_fixes(outcome: FixOutcome) -> list[tuple[str, str]]:
    """Write every fixed file; return (display path, problem) for files not
    written (changed on disk since they were read, or not writable)."""
    problems = []
    for path, fixed in sorted(outcome.files.items()):
        try:
            with open(path, "rb") as handle:
                current = handle.read()
            if current != fixed.original:
                problems.append((fixed.display_path, "not fixed: the file changed on disk while it was being fixed"))
                continue
            write_atomic(path, fixed.fixed, durable=True)
        except OSError as error:
            problems.append((fixed.display_path, f"not fixed: cannot write: {error.strerror or error}"))
    return problems


def unified_diff(outcome: FixOutcome) -> str:
    """A unified diff (git's a/ b/ prefixes) of every file the fixes change."""
    chunks = []
    for path, fixed in sorted(outcome.files.items(), key=lambda item: item[1].display_path):
        name = fixed.display_path.replace(os.sep, "/")
        before = fixed.original.decode("utf-8", "replace").splitlines(keepends=True)
        after = fixed.fixed.decode("utf-8", "replace").splitlines(keepends=True)
        for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
            chunks.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(chunks)
