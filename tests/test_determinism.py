"""The same input gives byte-identical output: across runs, across --jobs
values, whatever order the file system lists directories in, and whatever
order the patterns are given in."""
from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile

import pytest
from hypothesis import given, settings, strategies as st

from cgolint.config import Settings
from cgolint.registry import load_rules
from cgolint.reporters import FORMATS, ReportContext, render
from cgolint.runner import MIN_FILES_FOR_POOL, run
from conftest import TESTDATA

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz"))
import harness  # noqa: E402

EXTRA = 'package {pkg}\n\n/*\nvoid keep(void *p);\n*/\nimport "C"\n\nfunc f(b []byte) {{\n\tC.keep(&b[0])\n}}\n\nfunc g( {{\n}}\n'


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """Every testdata package (findings of every rule, fixes, related
    locations, parse errors), enough extra packages for the worker pool, a
    binary file and a file over the size limit (notifications)."""
    root = tmp_path_factory.mktemp("determinism")
    shutil.copytree(TESTDATA, root / "src")
    for i in range(MIN_FILES_FOR_POOL + 2):
        (root / "src" / f"extra{i:02d}").mkdir()
        (root / "src" / f"extra{i:02d}" / "a.go").write_text(EXTRA.format(pkg=f"extra{i:02d}"))
    (root / "src" / "extra00" / "bin.go").write_bytes(b"package extra00\x00\x01")
    (root / "src" / "extra01" / "big.go").write_text("package extra01\n// " + "x" * 2000 + "\n")
    (root / ".cgolint.toml").write_text("max-file-size = 1500\n")
    return root


def _outputs(cli, root, *args) -> dict[str, tuple[int, str]]:
    found = {}
    for fmt in FORMATS:
        done = cli("--no-cache", "--format", fmt, *args, cwd=str(root))
        assert "Traceback" not in done.stderr, done.stderr
        found[fmt] = (done.returncode, done.stdout)
    return found


def test_repeated_runs_are_byte_identical(cli, tree):
    first = _outputs(cli, tree, "./...")
    second = _outputs(cli, tree, "./...")
    assert first == second, _difference(first, second)
    code, text = first["text"]
    assert code == 2  # the binary file and the big file
    assert text.count(": CGL0") > 60  # findings of the testdata and the extra packages
    assert "bin.go: error: skipped: binary file" in text and "big.go: error: skipped: file is" in text


def _difference(a: dict, b: dict) -> str:
    """The first format whose outputs differ, as a diff, for the failure message."""
    import difflib

    for fmt in a:
        if a[fmt] != b[fmt]:
            return f"{fmt}: exit {a[fmt][0]} vs {b[fmt][0]}\n" + "\n".join(difflib.unified_diff(
                a[fmt][1].splitlines(), b[fmt][1].splitlines(), lineterm="", n=1))[:4000]
    return ""


def test_output_is_the_same_for_every_jobs_value(cli, tree):
    outputs = {jobs: _outputs(cli, tree, "--jobs", jobs, "./...") for jobs in ("1", "2", "4")}
    assert outputs["1"] == outputs["2"], _difference(outputs["1"], outputs["2"])
    assert outputs["1"] == outputs["4"], _difference(outputs["1"], outputs["4"])


def test_output_does_not_depend_on_pattern_order(cli, tree):
    patterns = ["src/extra03", "src/cgl001_local_array_to_c/...", "src/extra01/a.go", "src/suppressions/..."]
    forward = _outputs(cli, tree, *patterns)
    backward = _outputs(cli, tree, *reversed(patterns))
    assert forward == backward, _difference(forward, backward)


class _Shuffled:
    """What os.scandir returns, with its entries in a shuffled order."""

    def __init__(self, entries):
        self.entries = entries

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __iter__(self):
        return iter(self.entries)

    def close(self):
        pass


def _render_all(result, root) -> dict[str, str]:
    context = ReportContext(load_rules(), Settings(root=str(root)), str(root))
    return {fmt: render(fmt, result, context) for fmt in FORMATS}


@pytest.mark.parametrize("seed", [1, 2])
def test_output_does_not_depend_on_directory_listing_order(tree, monkeypatch, seed):
    monkeypatch.chdir(tree)
    settings_ = Settings(root=str(tree), max_file_size=1500)
    plain = _render_all(run(["./..."], settings_, jobs=1), tree)
    real_scandir = os.scandir
    rng = random.Random(seed)
    calls = []

    def shuffled_scandir(path="."):
        with real_scandir(path) as iterator:
            entries = list(iterator)
        rng.shuffle(entries)
        calls.append(path)
        return _Shuffled(entries)

    monkeypatch.setattr(os, "scandir", shuffled_scandir)
    real_listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path=".": rng.sample(real_listdir(path), len(real_listdir(path))))
    shuffled = _render_all(run(["./..."], settings_, jobs=1), tree)
    assert len(calls) > MIN_FILES_FOR_POOL  # the loader did list through the shuffled view
    assert shuffled == plain


@settings(max_examples=15, deadline=None, database=None, derandomize=True)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from([data for _, data in harness.corpus()]))
def test_mutated_source_gives_identical_output_twice(seed, data):
    mutated = harness.Mutator(random.Random(seed), []).mutate(data, 3)
    # the same directory each time, so the absolute paths in SARIF compare equal
    target = os.path.join(tempfile.gettempdir(), f"cgolint-determinism-{os.getpid()}")
    outputs = []
    for _ in range(2):
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        try:
            outputs.append(harness.analyse_tree(target, {"a.go": mutated}, probe=False).outputs)
        finally:
            shutil.rmtree(target, ignore_errors=True)
    assert outputs[0] == outputs[1]


def test_a_rule_selected_alone_finds_what_it_finds_beside_the_others():
    """Which files are parsed depends on the enabled rules' markers, and
    shared analyses are memoised per package: neither may change what a
    rule finds. The rules about files and comments depend on the others by
    nature: CGL000 alone sees every candidate file (so finds at least as
    much), and an unused suppression is judged only when the rules it
    could silence ran (so alone, CGL100 finds at most as much)."""
    from cgolint.testing import analyze_dir, package_dirs

    rules = load_rules()
    by_code = {r.code: r for r in rules.rules}
    compared = 0
    for directory in package_dirs(TESTDATA):
        together = analyze_dir(directory, rules)

        def found(code, alone=True):
            chosen = analyze_dir(directory, rules, select=(code,)) if alone else together
            return [f.sort_key for f in chosen if f.code == code]

        for code, rule in by_code.items():
            if rule.markers != ():
                assert found(code) == found(code, alone=False), (directory, code)
                compared += len(found(code, alone=False))
        assert set(found("CGL000")) >= set(found("CGL000", alone=False)), directory
        assert set(found("CGL100")) <= set(found("CGL100", alone=False)), directory
    assert compared > 100
