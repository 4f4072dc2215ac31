"""A whole run: load patterns, analyse packages (in worker processes when
--jobs > 1), and collect one sorted, deterministic result."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .config import Settings
from .engine import Analyzer, Notification, PackageResult, display_path
from .loader import PackageJob, load
from .registry import RuleSet, load_rules
from .rule import Finding


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    files_analysed: int = 0
    packages: int = 0

    @property
    def has_errors(self) -> bool:
        return any(n.level == "error" for n in self.notifications)


_worker: Analyzer | None = None


def _init_worker(ruleset: RuleSet, settings: Settings, base: str) -> None:
    global _worker
    _worker = Analyzer(ruleset, settings, base)


def _analyze(job: PackageJob) -> PackageResult:
    assert _worker is not None
    return _worker.analyze(job)


def run(patterns: list[str], settings: Settings, ruleset: RuleSet | None = None,
        jobs: int = 1, base: str | None = None, progress=None) -> RunResult:
    ruleset = ruleset or load_rules()
    base = base or os.getcwd()
    loaded = load(patterns, settings.excluded)
    result = RunResult(packages=len(loaded.packages))
    for path, message in loaded.errors:
        result.notifications.append(Notification(os.path.abspath(path), path, message))
    for pattern, message in loaded.warnings:
        result.notifications.append(Notification(pattern, pattern, message, "warning"))
    for message in ruleset.errors:
        result.notifications.append(Notification("", "cgolint", message))
    packages = [PackageJob(p.directory, tuple(f for f in p.files if not settings.excluded(f)))
                for p in loaded.packages]
    packages = [p for p in packages if p.files]
    if jobs > 1 and len(packages) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(ruleset, settings, base)) as pool:
            outcomes = pool.map(_analyze, packages, chunksize=max(1, len(packages) // (jobs * 8)))
            for done, outcome in enumerate(outcomes, 1):
                _merge(result, outcome)
                if progress:
                    progress(done, len(packages))
    else:
        analyzer = Analyzer(ruleset, settings, base)
        for done, package in enumerate(packages, 1):
            _merge(result, analyzer.analyze(package))
            if progress:
                progress(done, len(packages))
    result.findings.sort(key=lambda f: f.sort_key)
    result.notifications.sort(key=lambda n: n.sort_key)
    return result


def _merge(result: RunResult, outcome: PackageResult) -> None:
    result.findings.extend(outcome.findings)
    result.notifications.extend(outcome.notifications)
    result.files_analysed += outcome.files_analysed


__all__ = ["RunResult", "run", "display_path"]
