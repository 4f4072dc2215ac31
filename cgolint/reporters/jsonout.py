"""A JSON document for scripts: findings with 1-based lines and byte columns."""
from __future__ import annotations

from . import ReportContext, json_document
from .. import __version__
from ..runner import RunResult


def _position(position) -> dict:
    return {"line": position.line, "column": position.column}


def render(result: RunResult, context: ReportContext) -> str:
    findings = []
    for f in result.findings:
        item = {
            "code": f.code, "name": f.name, "level": f.level.value, "message": f.message,
            "path": f.display_path, "start": _position(f.start), "end": _position(f.end),
            "fingerprint": f.fingerprint,
            "related": [{"path": r.path, "start": _position(r.start), "end": _position(r.end), "message": r.message}
                        for r in f.related],
            "fix": None,
        }
        if f.fix is not None:
            item["fix"] = {"description": f.fix.description, "safe": f.fix.safe,
                           "edits": [{"start": _position(e.start_pos), "end": _position(e.end_pos),
                                      "replacement": e.replacement} for e in f.fix.edits]}
        findings.append(item)
    document = {
        "tool": "cgolint", "version": __version__,
        "findings": findings,
        "notifications": [{"path": n.display_path, "level": n.level, "message": n.message}
                          for n in result.notifications],
        "summary": {"findings": len(findings), "files_analysed": result.files_analysed,
                    "baseline_hidden": context.baseline_hidden, "baseline_fixed": context.baseline_fixed},
    }
    return json_document(document, flat_below=2)  # a finding, a notification per line
