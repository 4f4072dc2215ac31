"""`--fix`, `--unsafe-fixes` and `--diff`: the fix loop re-analyses until no
fix is left, refuses edits that would break the parse, and writes atomically.

The fixable rules are test-local (a module written to a temporary
directory): in-process they are passed to the loop as a RuleSet; for the
command line the same module is registered as a `cgolint.rules` entry-point
plugin through a dist-info directory on PYTHONPATH."""
from __future__ import annotations

import importlib.util
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cgolint.config import Settings
from cgolint.fix import FixError, choose_fixes, fix_run, unified_diff, write_fixes
from cgolint.registry import RuleSet, validate
from cgolint.rule import Edit, Fix
from plugin_support import FIRST_ELEMENT_ADDRESS, IMPORTS, write_plugin

REPO = Path(__file__).resolve().parents[1]

RULES = IMPORTS + FIRST_ELEMENT_ADDRESS + '''

DOC = """{summary}

## What it does
Test rule.

## Why is this bad?
Test rule.

## Example
```go
x
```

## Use instead
```go
y
```

## Fix safety
{safety}

## References
- none
"""


class _Rename(Rule):
    level = Level.WARNING
    fixable = True
    node_kinds = ("identifier",)
    renames = {}
    safe = True

    def check(self, node, ctx):
        new = self.renames.get(text(node))
        if new is not None:
            yield self.report(node, f"rename `{text(node)}` to `{new}`",
                              fix=Fix(f"Rename to {new}", (Edit(node.start_byte, node.end_byte, new),), safe=self.safe))


class Steps(_Rename):
    __doc__ = DOC.format(summary="Renames step1 to step2 to step3 (one round each).", safety="Safe.")
    code = "TST002"
    name = "steps"
    renames = {"step1": "step2", "step2": "step3"}


class Legacy(_Rename):
    __doc__ = DOC.format(summary="Renames legacyName (an unsafe fix).", safety="Unsafe.")
    code = "TST003"
    name = "legacy-name"
    renames = {"legacyName": "modernName"}
    safe = False


class PingPong(_Rename):
    __doc__ = DOC.format(summary="Renames ping to pong and back: never converges.", safety="Safe.")
    code = "TST004"
    name = "ping-pong"
    renames = {"ping": "pong", "pong": "ping"}


class Breaker(_Rename):
    __doc__ = DOC.format(summary="A fix that breaks the syntax.", safety="Safe.")
    code = "TST005"
    name = "breaker"
    renames = {"breakme": "breakme)("}
'''

CLASSES = {"TST001": "FirstElementAddress", "TST002": "Steps", "TST003": "Legacy", "TST004": "PingPong",
           "TST005": "Breaker"}
MODULE = "cgolint_fix_test_rules"

SOURCE = """\
package pkg

// void use(char *p);
import "C"

import "unsafe"

func F(buf []byte) {
\tC.use((*C.char)(unsafe.Pointer(&buf[0])))
\tstep1 := 1
\t_ = step1
\tlegacyName := 2
\t_ = legacyName
}
"""


@pytest.fixture(scope="module")
def plugin_dir(tmp_path_factory) -> Path:
    return write_plugin(tmp_path_factory.mktemp("plugins"), MODULE, RULES, CLASSES)


@pytest.fixture(scope="module")
def rules(plugin_dir) -> dict[str, type]:
    spec = importlib.util.spec_from_file_location(MODULE, plugin_dir / f"{MODULE}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {code: validate(code, getattr(module, cls)) for code, cls in CLASSES.items()}


def ruleset(rules, *codes) -> RuleSet:
    return RuleSet(tuple(rules[c] for c in codes))


def package(tmp_path: Path, text: str = SOURCE, name: str = "a.go") -> Path:
    directory = tmp_path / "pkg"
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text)
    return path


def settings(tmp_path: Path) -> Settings:
    return Settings(select=("TST",), root=str(tmp_path))


def test_safe_fixes_converge_over_rounds_in_memory(tmp_path, rules):
    path = package(tmp_path)
    outcome = fix_run([str(path.parent)], settings(tmp_path), ruleset(rules, "TST001", "TST002", "TST003"),
                      base=str(tmp_path))
    fixed = outcome.files[str(path)].fixed.decode()
    assert "unsafe.Pointer(unsafe.SliceData(buf))" in fixed
    # step1 -> step2 in round 1, step2 -> step3 in round 2; round 3 finds nothing.
    assert "step3 := 1" in fixed and "_ = step3" in fixed and "step1" not in fixed and "step2" not in fixed
    assert outcome.rounds == 2
    assert "legacyName" in fixed            # unsafe: not applied without unsafe=True
    assert sorted(outcome.files[str(path)].applied) == ["TST001", "TST002", "TST002", "TST002", "TST002"]
    assert path.read_text() == SOURCE       # fix_run never writes


def test_unsafe_fixes_only_when_asked(tmp_path, rules):
    path = package(tmp_path)
    outcome = fix_run([str(path)], settings(tmp_path), ruleset(rules, "TST003"), unsafe=True)
    assert outcome.files[str(path)].fixed.decode() == SOURCE.replace("legacyName", "modernName")
    assert fix_run([str(path)], settings(tmp_path), ruleset(rules, "TST003")).files == {}


def test_fixes_that_never_converge_fail_loudly(tmp_path, rules):
    path = package(tmp_path, SOURCE.replace("step1", "ping"))
    with pytest.raises(FixError, match=r"did not converge after 5 rounds.*a\.go \(TST004\)"):
        fix_run([str(path)], settings(tmp_path), ruleset(rules, "TST004"))


def test_a_fix_that_breaks_the_parse_is_refused(tmp_path, rules):
    path = package(tmp_path, SOURCE.replace("legacyName", "breakme"))
    outcome = fix_run([str(path)], settings(tmp_path), ruleset(rules, "TST001", "TST005"))
    fixed = outcome.files[str(path)].fixed.decode()
    assert "breakme)(" not in fixed and "_ = breakme" in fixed        # refused
    assert "unsafe.SliceData(buf)" in fixed                           # the other fix is kept
    assert outcome.refused and all("would no longer parse" in why for _, why in outcome.refused)
    # A file that already did not parse may still be fixed (no parse to break).
    broken = package(tmp_path, SOURCE + "func (\n", "b.go")
    outcome = fix_run([str(broken)], settings(tmp_path), ruleset(rules, "TST001"))
    assert "unsafe.SliceData(buf)" in outcome.files[str(broken)].fixed.decode()


def test_overlapping_fixes_are_taken_whole_or_not_at_all():
    first = Fix("a", (Edit(0, 5, "A"), Edit(10, 12, "B")))
    overlapping = Fix("b", (Edit(11, 14, "C"),))
    duplicate = Fix("a again", (Edit(10, 12, "B"), Edit(0, 5, "A")))
    same_place = Fix("d", (Edit(20, 20, "x"),))
    same_place_too = Fix("e", (Edit(20, 22, "y"),))
    assert choose_fixes([overlapping, first, duplicate, same_place, same_place_too]) == [first, same_place]


def test_write_is_atomic_keeps_mode_and_refuses_files_changed_meanwhile(tmp_path, rules):
    path = package(tmp_path)
    path.chmod(0o640)
    outcome = fix_run([str(path)], settings(tmp_path), ruleset(rules, "TST001"))
    assert write_fixes(outcome) == []
    assert "unsafe.SliceData(buf)" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".cgolint-fix-")]

    other = package(tmp_path, SOURCE, "c.go")
    outcome = fix_run([str(other)], settings(tmp_path), ruleset(rules, "TST001"))
    other.write_text(SOURCE + "\n// edited by someone else\n")
    problems = write_fixes(outcome)
    assert problems and "changed on disk" in problems[0][1]
    assert "&buf[0]" in other.read_text()


def test_diff_text(tmp_path, rules, monkeypatch):
    package(tmp_path)
    monkeypatch.chdir(tmp_path)
    outcome = fix_run(["pkg"], settings(tmp_path), ruleset(rules, "TST001"), base=str(tmp_path))
    diff = unified_diff(outcome)
    assert diff.startswith("--- a/pkg/a.go\n+++ b/pkg/a.go\n@@ ")
    assert "-\tC.use((*C.char)(unsafe.Pointer(&buf[0])))\n" in diff
    assert "+\tC.use((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))))\n" in diff


def _cli(plugin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join([str(plugin_dir), str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run([sys.executable, "-m", "cgolint", "--isolated", "--select", "TST001,TST002,TST003", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_cli_diff_fix_and_unsafe_fixes(tmp_path, plugin_dir):
    path = package(tmp_path)

    diff = _cli(plugin_dir, tmp_path, "--diff", "./...")
    assert diff.returncode == 1, diff.stderr
    assert "+\tC.use((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))))" in diff.stdout
    assert "+\tstep3 := 1" in diff.stdout and "modernName" not in diff.stdout
    assert "Would fix" in diff.stderr
    assert path.read_text() == SOURCE   # --diff writes nothing

    unsafe_diff = _cli(plugin_dir, tmp_path, "--diff", "--unsafe-fixes", "./...")
    assert unsafe_diff.returncode == 1 and "+\tlegacyName" not in unsafe_diff.stdout
    assert "+\tmodernName := 2" in unsafe_diff.stdout

    fixed = _cli(plugin_dir, tmp_path, "--fix", "./...")
    text = path.read_text()
    assert "unsafe.SliceData(buf)" in text and "step3" in text and "legacyName" in text
    # What is left (the unsafe fix not applied) is still reported: exit 1.
    assert fixed.returncode == 1, fixed.stderr
    assert "TST003" in fixed.stdout and "TST001" not in fixed.stdout and "TST002" not in fixed.stdout
    assert "fixed 5 problems" in fixed.stderr

    again = _cli(plugin_dir, tmp_path, "--fix", "--unsafe-fixes", "./...")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "modernName" in path.read_text()

    clean = _cli(plugin_dir, tmp_path, "--diff", "./...")
    assert clean.returncode == 0 and clean.stdout == ""


GOLDEN = sorted(str(p.relative_to(REPO)) for p in (REPO / "testdata").glob("**/*.go.golden"))


@pytest.mark.parametrize("golden", GOLDEN)
def test_builtin_fixes_reach_the_golden_text(golden, tmp_path):
    """`--fix --unsafe-fixes` with the built-in rules, on a copy of each
    testdata package that has a `.golden` file, gives the golden text, and
    a second `--diff` finds nothing left to change."""
    import shutil

    source = REPO / golden
    package = tmp_path / "pkg"
    shutil.copytree(source.parent, package)
    target = package / source.name[: -len(".golden")]
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = [sys.executable, "-m", "cgolint", "--isolated"]
    fixed = subprocess.run([*command, "--fix", "--unsafe-fixes", "pkg"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert fixed.returncode in (0, 1), fixed.stdout + fixed.stderr
    assert target.read_bytes() == source.read_bytes(), target.read_text()
    again = subprocess.run([*command, "--diff", "--unsafe-fixes", "pkg"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stdout == "", again.stdout + again.stderr
