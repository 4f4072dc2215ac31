"""One documentation source per rule feeds `explain`, `rules`, SARIF and the README."""
from __future__ import annotations

import os
import re

import pytest

from cgolint.docs import rules_table
from cgolint.registry import load_rules
from cgolint.rule import DOC_SECTIONS
from conftest import ROOT

RULES = load_rules().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_doc_has_every_section(rule):
    doc = rule.doc()
    assert doc.summary and len(doc.summary) <= 1024
    missing = [s for s in DOC_SECTIONS if not doc.sections.get(s)]
    assert not missing, f"{rule.code} lacks sections {missing}"
    assert "```go" in doc.sections["Example"], f"{rule.code}: Example needs a ```go block"
    assert "```go" in doc.sections["Use instead"] or rule.code in ("CGL000", "CGL100", "CGL101")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata(rule):
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name)
    assert rule.precision in ("high", "medium")
    assert 0.0 <= rule.security_severity <= 10.0
    if "security" in rule.tags:
        assert rule.security_severity > 0


def test_readme_rule_table_is_current():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    match = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S)
    assert match, "README.md lacks the generated rule table markers"
    assert match.group(1) == rules_table(RULES, "markdown"), (
        "README rule table is stale: regenerate with `cgolint rules --format markdown`")


def test_explain_by_code_and_name(cli):
    for rule in RULES:
        by_code = cli("explain", rule.code)
        by_name = cli("explain", rule.name)
        assert by_code.returncode == 0 and by_code.stdout == by_name.stdout
        assert by_code.stdout.startswith(f"# {rule.code} {rule.name}")
        for section in ("What it does", "Why is this bad?", "Example"):
            assert f"## {section}" in by_code.stdout


def test_explain_unknown_rule(cli):
    result = cli("explain", "CGL999")
    assert result.returncode == 2
    assert "no rule" in result.stderr


def test_rules_command_lists_every_rule(cli):
    result = cli("rules")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == [r.code for r in RULES]
