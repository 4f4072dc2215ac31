"""GitHub Actions workflow commands: one annotation per finding."""
from __future__ import annotations

from . import ReportContext
from ..runner import RunResult

_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, context: ReportContext) -> str:
    lines = []
    for f in result.findings:
        props = (f"file={_property(f.display_path)},line={f.start.line},col={f.start.column},"
                 f"endLine={f.end.line},endColumn={f.end.column},title={_property(f'{f.code} {f.name}')}")
        lines.append(f"::{_LEVELS[f.level.value]} {props}::{_data(f'{f.code} {f.message}')}")
    for n in result.notifications:
        where = f" file={_property(n.display_path)}" if n.display_path else ""
        lines.append(f"::{'error' if n.level == 'error' else 'warning'}{where}::{_data(n.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
