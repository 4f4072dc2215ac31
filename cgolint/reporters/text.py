"""`path:line:col: CODE message`, as go vet prints, with a code frame and
colour on a terminal, and a summary line."""
from __future__ import annotations

from . import ReportContext
from ..runner import RunResult

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "note": "\033[1;36m",
           "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def render(result: RunResult, context: ReportContext) -> str:
    paint = (lambda key, s: f"{_COLORS[key]}{s}{_COLORS['reset']}") if context.color else (lambda key, s: s)
    lines: list[str] = []
    for finding in result.findings:
        where = f"{finding.display_path}:{finding.start.line}:{finding.start.column}"
        lines.append(f"{paint('bold', where)}: {paint(finding.level.value, finding.code)} {finding.message}")
        if context.tty and finding.source_line:
            lines.extend(_frame(finding, paint))
    for note in result.notifications:
        where = f"{note.display_path}: " if note.display_path else ""
        lines.append(f"{where}{paint('error' if note.level == 'error' else 'warning', note.level)}: {note.message}")
    lines.append(summary(result, context))
    return "\n".join(lines) + "\n"


def _frame(finding, paint) -> list[str]:
    number = str(finding.start.line)
    gutter = " " * len(number)
    source = finding.source_line.expandtabs(4)
    raw = finding.source_line.encode("utf-8")  # columns count bytes; the caret goes under characters

    def before(column: int) -> int:
        return len(raw[:max(column - 1, 0)].decode("utf-8", "replace").expandtabs(4))

    start = before(finding.start.column)
    if finding.end.line == finding.start.line:
        width = max(1, before(finding.end.column) - start)
    else:
        width = max(1, len(source) - start)
    return [f"  {paint('dim', number + ' |')} {source}",
            f"  {paint('dim', gutter + ' |')} {' ' * start}{paint(finding.level.value, '^' * width)}"]


def summary(result: RunResult, context: ReportContext) -> str:
    count = len(result.findings)
    files = len({f.path for f in result.findings})
    by_level = {level: sum(1 for f in result.findings if f.level.value == level) for level in ("error", "warning", "note")}
    parts = [f"{n} {level}{'s' if n != 1 else ''}" for level, n in by_level.items() if n]
    fixable = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
    if count:
        text = (f"Found {count} problem{'s' if count != 1 else ''} ({', '.join(parts)}) in "
                f"{files} file{'s' if files != 1 else ''}; {result.files_analysed} file"
                f"{'s' if result.files_analysed != 1 else ''} analysed.")
    else:
        text = f"No problems found; {result.files_analysed} file{'s' if result.files_analysed != 1 else ''} analysed."
    if fixable:
        text += f" {fixable} fixable with --fix."
    if context.baseline_hidden or context.baseline_fixed:
        text += f" Baseline: {context.baseline_hidden} hidden, {context.baseline_fixed} fixed since it was written."
    errors = sum(1 for n in result.notifications if n.level == "error")
    if errors:
        text += f" {errors} error{'s' if errors != 1 else ''} (listed above): not everything asked for was analysed."
    return text
