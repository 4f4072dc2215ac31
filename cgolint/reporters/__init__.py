"""Reporters turn a RunResult into text for one audience each."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from ..config import Settings
from ..registry import RuleSet
from ..runner import RunResult


@dataclass
class ReportContext:
    ruleset: RuleSet
    settings: Settings
    root: str                   # the directory SARIF URIs are relative to (%SRCROOT%)
    tty: bool = False
    color: bool = False
    baseline_fixed: int = 0     # baseline entries that no longer match anything
    baseline_hidden: int = 0    # findings hidden by the baseline
    extra: dict = field(default_factory=dict)


def render(format_name: str, result: RunResult, context: ReportContext) -> str:
    # Import only the reporter asked for: sarif-om costs ~100 ms to import.
    module = import_module(f".{_MODULES[format_name]}", __name__)
    return module.render(result, context)


_MODULES = {"text": "text", "json": "jsonout", "sarif": "sarif", "github": "github"}
FORMATS = tuple(_MODULES)
