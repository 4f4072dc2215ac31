"""Reporters turn a RunResult into text for one audience each."""
from __future__ import annotations

from dataclasses import dataclass, field

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
    from . import github, jsonout, sarif, text

    renderers = {"text": text.render, "json": jsonout.render, "sarif": sarif.render, "github": github.render}
    return renderers[format_name](result, context)


FORMATS = ("text", "json", "sarif", "github")
