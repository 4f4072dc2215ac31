"""The rule table, from each rule's own metadata and docstring: one source
for `cgolint rules`, the README and SARIF."""
from __future__ import annotations

import json


def rules_table(rules, output_format: str = "text") -> str:
    rows = [(r.code, r.name, r.level.value, r.precision, "yes" if r.fixable else "", r.doc().summary) for r in rules]
    if output_format == "json":
        return json.dumps([dict(zip(("code", "name", "level", "precision", "fixable", "summary"), row)) for row in rows],
                          indent=2) + "\n"
    if output_format == "markdown":
        lines = ["| Code | Name | Level | Precision | Fix | What it finds |", "|---|---|---|---|---|---|"]
        lines += [f"| {c} | `{n}` | {lv} | {p} | {f} | {s} |" for c, n, lv, p, f, s in rows]
        return "\n".join(lines) + "\n"
    width = max((len(r[1]) for r in rows), default=4)
    return "".join(f"{c}  {n:<{width}}  {lv:<7}  {s}\n" for c, n, lv, p, f, s in rows)
