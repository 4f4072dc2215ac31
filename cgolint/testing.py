"""The testdata harness, in the style of go/analysis's analysistest: Go files
under testdata/ carry `// want CGL001 "regexp"` comments (or `/* want ... */`
where the line's last comment must be something else) on the lines where a
finding is expected. A check fails on a missing finding, on an unexpected
one, and, where `file.go.golden` exists, on a fix result that differs."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .config import Settings
from .engine import Analyzer
from .fix import apply_edits
from .loader import PackageJob, go_files
from .registry import RuleSet, load_rules
from .rule import Finding

_WANT = re.compile(r"(?://|/\*)\s*want\s+(.*?)(?:\*/.*)?$")
_ITEM = re.compile(r'([A-Z]{2,6}[0-9]{3,4})(?:\s+"((?:[^"\\]|\\.)*)")?')


@dataclass(frozen=True)
class Expectation:
    path: str
    line: int
    code: str
    pattern: str | None


def expectations(path: str, data: bytes) -> list[Expectation]:
    found = []
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        match = _WANT.search(line)
        if match:
            for item in _ITEM.finditer(match.group(1)):
                found.append(Expectation(path, number, item.group(1), item.group(2)))
    return found


def package_dirs(root: str) -> list[str]:
    """Every directory under `root` that holds Go files: one testdata package each."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        if any(f.endswith(".go") for f in files):
            found.append(directory)
    return sorted(found)


def analyze_dir(directory: str, ruleset: RuleSet | None = None, select: tuple[str, ...] = ("CGL",)) -> list[Finding]:
    settings = Settings(select=select, root=directory)
    job = PackageJob(os.path.abspath(directory), tuple(go_files(os.path.abspath(directory))))
    result = Analyzer(ruleset or load_rules(), settings, base=directory).analyze(job)
    if result.notifications:
        raise AssertionError("; ".join(f"{n.display_path}: {n.message}" for n in result.notifications))
    return sorted(result.findings, key=lambda f: f.sort_key)


def check_dir(directory: str, ruleset: RuleSet | None = None) -> list[str]:
    """Problems with one testdata package; an empty list means it passes."""
    findings = analyze_dir(directory, ruleset)
    wanted: list[Expectation] = []
    for path in go_files(os.path.abspath(directory)):
        with open(path, "rb") as handle:
            wanted += expectations(path, handle.read())
    problems = []
    unmatched = list(findings)
    for want in wanted:
        match = next((f for f in unmatched if f.path == want.path and f.start.line == want.line
                      and f.code == want.code and (want.pattern is None or re.search(want.pattern, f.message))), None)
        if match is None:
            near = [f"{f.code} {f.message!r}" for f in findings if f.path == want.path and f.start.line == want.line]
            problems.append(f"{os.path.basename(want.path)}:{want.line}: missing {want.code}"
                            f"{' matching ' + repr(want.pattern) if want.pattern else ''}"
                            f"{'; got ' + '; '.join(near) if near else ''}")
        else:
            unmatched.remove(match)
    for finding in unmatched:
        problems.append(f"{os.path.basename(finding.path)}:{finding.start.line}:{finding.start.column}: "
                        f"unexpected {finding.code} {finding.message}")
    problems += check_golden(directory, findings)
    return problems


def check_golden(directory: str, findings: list[Finding]) -> list[str]:
    problems = []
    for path in go_files(os.path.abspath(directory)):
        golden = path + ".golden"
        if not os.path.exists(golden):
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        edits = [e for f in findings if f.path == path and f.fix is not None for e in f.fix.edits]
        fixed, _ = apply_edits(data, edits)
        with open(golden, "rb") as handle:
            expected = handle.read()
        if fixed != expected:
            problems.append(f"{os.path.basename(path)}: fixed text differs from {os.path.basename(golden)}:\n"
                            f"{fixed.decode('utf-8', 'replace')}")
    return problems
