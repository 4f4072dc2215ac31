"""`--baseline FILE` and `--write-baseline FILE`: adopt cgolint on a legacy
codebase and fail only on new findings.

A baseline entry is (rule code, path relative to the repository root,
fingerprint). The fingerprint hashes the rule and the finding's line text,
not its line number, so lines added or removed elsewhere keep it matched.
Paths are relative to the git work tree that holds the baseline file (or the
baseline file's directory outside git), so the same baseline works from any
working directory. Each entry hides at most one finding; an entry for a file
of this run that matches nothing is counted as fixed."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace

from .rule import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message says why."""


def baseline_root(baseline_path: str) -> str:
    from .loader import repository_root

    return repository_root(os.path.dirname(os.path.abspath(baseline_path)))


def relative_path(path: str, root: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), root)
    return (os.path.abspath(path) if relative.startswith("..") else relative).replace(os.sep, "/")


@dataclass(frozen=True)
class Baseline:
    path: str
    root: str
    entries: tuple[tuple[str, str, str], ...]   # (code, relative path, fingerprint)


def write_baseline(path: str, findings: list[Finding]) -> int:
    """Save every finding as a baseline entry; return how many were written."""
    root = baseline_root(path)
    entries = sorted(
        ({"code": f.code, "path": relative_path(f.path, root), "fingerprint": f.fingerprint,
          "line": f.start.line, "message": f.message} for f in findings),
        key=lambda e: (e["path"], e["line"], e["code"], e["fingerprint"]))
    document = {"tool": "cgolint", "version": FORMAT_VERSION,
                "comment": "Findings accepted when the baseline was written; matched by code, path and "
                           "fingerprint (line and message are informative). Regenerate with --write-baseline.",
                "findings": entries}
    from .atomic import write_atomic

    text = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        write_atomic(path, text)
    except OSError as error:
        raise BaselineError(f"{path}: cannot write baseline: {error.strerror or error}") from None
    return len(entries)


def load_baseline(path: str) -> Baseline:
    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read().decode("utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline {path})") from None
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: not a cgolint baseline (invalid JSON: {error})") from None
    if not isinstance(document, dict) or document.get("tool") != "cgolint" or not isinstance(document.get("findings"), list):
        raise BaselineError(f"{path}: not a cgolint baseline (expected an object with \"tool\": \"cgolint\" and \"findings\")")
    if document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: baseline format version {document.get('version')!r} is not supported "
                            f"(this cgolint writes version {FORMAT_VERSION}); regenerate it with --write-baseline")
    entries = []
    for number, entry in enumerate(document["findings"], 1):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("code", "path", "fingerprint")):
            raise BaselineError(f"{path}: entry {number} needs string fields code, path and fingerprint")
        entries.append((entry["code"], entry["path"], entry["fingerprint"]))
    return Baseline(path, baseline_root(path), tuple(entries))


@dataclass(frozen=True)
class BaselineOutcome:
    findings: list[Finding]     # the findings still to report
    hidden: int                 # findings the baseline hid
    fixed: int                  # entries for files of this run that matched nothing


def apply_baseline(baseline: Baseline, findings: list[Finding], analysed_files) -> BaselineOutcome:
    """Drop the findings the baseline holds. `analysed_files` are the paths
    this run looked at: only their unmatched entries count as fixed, so a run
    over part of the tree (pre-commit, one package) reports nothing as fixed
    elsewhere. An entry whose file no longer exists counts as fixed too."""
    available = Counter(baseline.entries)
    kept, hidden = [], 0
    for finding in findings:
        key = (finding.code, relative_path(finding.path, baseline.root), finding.fingerprint)
        if available[key] > 0:
            available[key] -= 1
            hidden += 1
        else:
            kept.append(finding)
    analysed = {relative_path(path, baseline.root) for path in analysed_files}
    fixed = 0
    for (code, path, _), count in available.items():
        if count <= 0:
            continue
        absolute = path if os.path.isabs(path) else os.path.join(baseline.root, path)
        if path in analysed or not os.path.exists(absolute):
            fixed += count
    return BaselineOutcome(kept, hidden, fixed)


def analysed_files(patterns: list[str], settings) -> list[str]:
    """The Go files a run over `patterns` looks at (the loader's choice)."""
    from .loader import load

    return [path for job in load(patterns, settings.excluded).packages for path in job.files
            if not settings.excluded(path)]


def filter_result(result, baseline: Baseline, patterns: list[str], settings):
    """The run result without baseline findings, plus the counts for the summary."""
    outcome = apply_baseline(baseline, result.findings, analysed_files(patterns, settings))
    return replace(result, findings=outcome.findings), outcome


__all__ = ["Baseline", "BaselineError", "BaselineOutcome", "apply_baseline", "analysed_files", "filter_result",
           "load_baseline", "write_baseline"]
