"""`--write-baseline` / `--baseline`: findings saved in a baseline are hidden
(matched by rule, repository-relative path and fingerprint, not by line);
new findings are reported; baseline entries that match nothing any more are
counted as fixed in the summary. Runs the real command line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cgolint.baseline import BaselineError, apply_baseline, load_baseline

REPO = Path(__file__).resolve().parents[1]

SOURCE = """\
package pkg

// #include <stdlib.h>
import "C"

func Broken() {
\tx := )
}

func Quiet() int {
\treturn 1 //cgolint:ignore CGL000 nothing to hide here
}
"""


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run([sys.executable, "-m", "cgolint", "--isolated", "--select", "CGL000,CGL100", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    (root / ".git").mkdir()   # the repository root the baseline's paths are relative to
    (root / "pkg" / "a.go").write_text(SOURCE)
    (root / "other").mkdir()
    (root / "other" / "b.go").write_text('package other\n\nimport "C"\n\nfunc G() {\n\ty := (\n}\n')
    return root


def findings(run: subprocess.CompletedProcess) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["start"]["line"]) for f in json.loads(run.stdout)["findings"]]


def test_baseline_hides_known_findings_and_reports_new_and_fixed(repo):
    a = repo / "pkg" / "a.go"
    first = cli(repo, "--format", "json", "./...")
    assert sorted(findings(first)) == [("CGL000", "other/b.go", 6), ("CGL000", "pkg/a.go", 7),
                                      ("CGL100", "pkg/a.go", 11)], first.stdout + first.stderr

    written = cli(repo, "--write-baseline", "cgolint-baseline.json", "./...")
    assert written.returncode == 0, written.stderr
    assert "wrote 3 findings" in written.stderr
    document = json.loads((repo / "cgolint-baseline.json").read_text())
    assert document["tool"] == "cgolint" and document["version"] == 1
    assert {(e["code"], e["path"]) for e in document["findings"]} == {
        ("CGL000", "other/b.go"), ("CGL000", "pkg/a.go"), ("CGL100", "pkg/a.go")}
    assert all(e["fingerprint"] for e in document["findings"])

    hidden = cli(repo, "--baseline", "cgolint-baseline.json", "./...")
    assert hidden.returncode == 0, hidden.stdout + hidden.stderr
    assert "No problems found" in hidden.stdout and "Baseline: 3 hidden, 0 fixed" in hidden.stdout

    # Lines added above the findings move them; the fingerprints still match.
    a.write_text(SOURCE.replace("func Broken", "// One.\n// Two.\n// Three.\nfunc Broken"))
    moved = cli(repo, "--baseline", "cgolint-baseline.json", "--format", "json", "./...")
    assert moved.returncode == 0 and findings(moved) == [], moved.stdout
    assert json.loads(moved.stdout)["summary"]["baseline_hidden"] == 3

    # A new finding is reported, the old ones stay hidden.
    a.write_text(a.read_text() + "\nfunc New() {\n\tz := ]\n}\n")
    new = cli(repo, "--baseline", "cgolint-baseline.json", "--format", "json", "./...")
    assert new.returncode == 1
    assert findings(new) == [("CGL000", "pkg/a.go", 18)]

    # The baselined syntax error is fixed: reported as fixed, not as a finding.
    a.write_text(a.read_text().replace("\tx := )\n", "\tx := 1\n\t_ = x\n"))
    fixed = cli(repo, "--baseline", "cgolint-baseline.json", "./...")
    assert fixed.returncode == 1
    assert "Baseline: 2 hidden, 1 fixed since it was written." in fixed.stdout
    assert "pkg/a.go:19:" in fixed.stdout and "pkg/a.go:10:" not in fixed.stdout


def test_baseline_paths_are_repository_relative_from_any_directory(repo):
    assert cli(repo, "--write-baseline", "cgolint-baseline.json", "./...").returncode == 0
    # From a subdirectory, naming the baseline by a relative path.
    inner = cli(repo / "pkg", "--baseline", "../cgolint-baseline.json", ".")
    assert inner.returncode == 0, inner.stdout + inner.stderr
    # Only the analysed package's entries can be fixed: other/b.go was not looked at.
    assert "Baseline: 2 hidden, 0 fixed" in inner.stdout
    # Naming one file explicitly, as pre-commit does.
    single = cli(repo, "--baseline", "cgolint-baseline.json", "pkg/a.go")
    assert single.returncode == 0 and "Baseline: 2 hidden, 0 fixed" in single.stdout


def test_the_same_line_twice_needs_two_entries(repo):
    (repo / "other" / "b.go").unlink()
    assert cli(repo, "--write-baseline", "base.json", "./...").returncode == 0
    a = repo / "pkg" / "a.go"
    a.write_text(a.read_text().replace("\tx := )\n", "\tx := )\n\tx := )\n"))
    run = cli(repo, "--baseline", "base.json", "--format", "json", "./...")
    assert run.returncode == 1
    assert [(code, path) for code, path, _ in findings(run)] == [("CGL000", "pkg/a.go")]


def test_a_missing_or_invalid_baseline_is_a_usage_error(repo):
    missing = cli(repo, "--baseline", "nope.json", "./...")
    assert missing.returncode == 2 and "baseline file not found" in missing.stderr
    (repo / "bad.json").write_text("[1, 2]")
    invalid = cli(repo, "--baseline", "bad.json", "./...")
    assert invalid.returncode == 2 and "not a cgolint baseline" in invalid.stderr
    with pytest.raises(BaselineError):
        load_baseline(str(repo / "bad.json"))


def test_apply_baseline_counts(repo, tmp_path):
    from cgolint.config import Settings
    from cgolint.registry import load_rules
    from cgolint.runner import run

    settings = Settings(select=("CGL000", "CGL100"), root=str(repo))
    result = run([str(repo / "pkg")], settings, load_rules(), base=str(repo))
    path = repo / "base.json"
    from cgolint.baseline import write_baseline

    assert write_baseline(str(path), result.findings) == 2
    baseline = load_baseline(str(path))
    outcome = apply_baseline(baseline, result.findings, [str(repo / "pkg" / "a.go")])
    assert (outcome.findings, outcome.hidden, outcome.fixed) == ([], 2, 0)
    outcome = apply_baseline(baseline, [], [str(repo / "pkg" / "a.go")])
    assert (outcome.hidden, outcome.fixed) == (0, 2)
    outcome = apply_baseline(baseline, [], [])   # the file was not part of this run
    assert (outcome.hidden, outcome.fixed) == (0, 0)
