"""Reporters turn a RunResult into text for one audience each."""
from __future__ import annotations

import json
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


def json_document(value, flat_below: int) -> str:
    """`value` as JSON indented by two spaces for its first `flat_below`
    levels of nesting, each value deeper than that on a line of its own:
    one finding per line, which reads and diffs well, and is written by
    json's C encoder (an indented dump is pure Python: five times as slow
    on a report of thousands of findings, and twice the size). ASCII only,
    as json writes by default: a non-UTF-8 file name or a console that
    cannot show a character still gets the whole report."""
    out: list[str] = []
    _write_json(value, 0, flat_below, out)
    out.append("\n")
    return "".join(out)


def _write_json(value, depth: int, flat_below: int, out: list[str]) -> None:
    if depth >= flat_below or not isinstance(value, (dict, list)) or not value:
        out.append(json.dumps(value))
        return
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        out.append("{")
        for number, (key, item) in enumerate(value.items()):
            # a key that is not a string is spelled as json spells it (1 -> "1", True -> "true")
            name = key if isinstance(key, str) else json.dumps(key)
            out.append(("," if number else "") + inner + json.dumps(name) + ": ")
            _write_json(item, depth + 1, flat_below, out)
        out.append("\n" + "  " * depth + "}")
    else:
        out.append("[")
        for number, item in enumerate(value):
            out.append(("," if number else "") + inner)
            _write_json(item, depth + 1, flat_below, out)
        out.append("\n" + "  " * depth + "]")
