"""Worker processes change nothing in the output, and are not started for
runs too small to gain from them."""
from __future__ import annotations

import concurrent.futures
import os
import shutil
import sys

import pytest

import cgolint.runner
from cgolint.config import Settings
from cgolint.runner import MIN_FILES_FOR_POOL, run
from conftest import ROOT, TESTDATA

sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from gen_tree import generate  # noqa: E402


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory):
    """Generated cgo packages plus every testdata package: more candidate
    files than the pool threshold, findings of every rule, parse errors."""
    root = tmp_path_factory.mktemp("parallel")
    generate(str(root / "gen"), MIN_FILES_FOR_POOL + 6, seed=7)
    shutil.copytree(TESTDATA, root / "testdata_copy")
    return root


class PoolSpy:
    def __init__(self, monkeypatch):
        self.started = 0
        real = concurrent.futures.ProcessPoolExecutor
        spy = self

        class Spying(real):
            def __init__(self, *args, **kwargs):
                spy.started += 1
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Spying)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_is_byte_identical_across_job_counts(big_tree, cli, fmt):
    outputs = {}
    for jobs in ("1", "3"):
        done = cli("--no-cache", "--format", fmt, "--jobs", jobs, "./...", cwd=str(big_tree))
        assert done.returncode in (0, 1, 2), done.stderr
        outputs[jobs] = (done.returncode, done.stdout)
    assert outputs["1"] == outputs["3"]
    assert outputs["1"][1].count("CGL0") > 50  # the comparison is over real findings


def test_runner_results_are_identical_and_the_pool_is_used_for_big_runs(big_tree, monkeypatch):
    monkeypatch.chdir(big_tree)
    spy = PoolSpy(monkeypatch)
    serial = run(["./..."], Settings(root=str(big_tree)), jobs=1)
    assert spy.started == 0
    parallel = run(["./..."], Settings(root=str(big_tree)), jobs=2)
    assert spy.started == 1
    assert parallel.findings == serial.findings
    assert parallel.notifications == serial.notifications
    assert parallel.files_analysed == serial.files_analysed >= MIN_FILES_FOR_POOL


_REAL_ANALYZE = cgolint.runner._analyze


def _die_on_one_package(job, part=None):
    """A worker task that ends its process, as the kernel's OOM killer would."""
    if "testdata_copy" in job.directory and job.directory.endswith("keeps"):
        os._exit(1)
    return _REAL_ANALYZE(job, part)


def test_a_worker_that_dies_loses_no_result(big_tree, monkeypatch):
    monkeypatch.chdir(big_tree)
    serial = run(["./..."], Settings(root=str(big_tree)), jobs=1)
    monkeypatch.setattr(cgolint.runner, "_analyze", _die_on_one_package)
    survived = run(["./..."], Settings(root=str(big_tree)), jobs=2)
    assert survived.findings == serial.findings
    assert survived.files_analysed == serial.files_analysed


def test_small_runs_stay_in_process(big_tree, monkeypatch):
    monkeypatch.chdir(big_tree)
    spy = PoolSpy(monkeypatch)
    packages = sorted(p for p in os.listdir(big_tree / "gen") if p.startswith("pkg"))[:3]
    result = run([os.path.join("gen", p) for p in packages], Settings(root=str(big_tree)), jobs=8)
    assert spy.started == 0
    assert result.files_analysed >= 3 and result.findings


def test_progress_reports_every_package(big_tree, monkeypatch):
    monkeypatch.chdir(big_tree)
    calls: list[tuple[int, int]] = []
    result = run(["gen/..."], Settings(root=str(big_tree)), jobs=2, progress=lambda d, t: calls.append((d, t)))
    total = calls[-1][1]
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == list(range(1, total + 1))
    assert total == len([p for p in os.listdir(big_tree / "gen") if p.startswith("pkg")])
    assert result.findings


def test_progress_line_only_on_a_terminal(monkeypatch):
    class Stream:
        def __init__(self, tty):
            self.tty, self.text = tty, ""

        def isatty(self):
            return self.tty

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stderr", Stream(False))
    assert cgolint.runner.ProgressLine.for_stderr() is None
    tty = Stream(True)
    monkeypatch.setattr(sys, "stderr", tty)
    assert cgolint.runner.ProgressLine.for_stderr(enabled=False) is None
    line = cgolint.runner.ProgressLine.for_stderr()
    assert line is not None
    line(1, 10)  # within the first half second: quiet
    assert tty.text == ""
    line.started -= 1.0
    line(2, 10)
    line(10, 10)
    line.close()
    assert "\rcgolint: 2/10 packages" in tty.text and "cgolint: 10/10 packages" in tty.text
    assert tty.text.endswith("\r\x1b[K")
    monkeypatch.setenv("CI", "true")
    assert cgolint.runner.ProgressLine.for_stderr() is None


def test_no_progress_in_pipes(big_tree, cli):
    done = cli("--no-cache", "gen/...", cwd=str(big_tree))
    assert "packages" not in done.stderr and "\r" not in done.stderr


def _big_package(root, files: int) -> None:
    """One cgo package of many files (each with findings of several rules,
    one with a syntax error, one of another package name: a note on the
    package), and a small package beside it."""
    big = root / "big"
    big.mkdir(parents=True)
    for i in range(files):
        (big / f"f{i:02}.go").write_text(
            f'package big\n\n/*\n#include <stdlib.h>\nvoid keep{i}(int *p);\n*/\nimport "C"\n\nimport "unsafe"\n\n'
            f'func F{i}(s []int) {{\n\tvar a [4]C.int\n\tC.keep{i}(&a[0])\n'
            f'\tC.keep{i}((*C.int)(unsafe.Pointer(&s[0])))\n\tcs := C.CString("x")\n\t_ = cs\n}}\n')
    (big / "broken.go").write_text('package big\n\nimport "C"\n\nfunc Broken( {\n')
    (big / "other.go").write_text('package other\n\nimport "C"\n\nfunc Other() { C.free(nil) }\n')
    small = root / "small"
    small.mkdir()
    (small / "s.go").write_text('package small\n\nimport "C"\n\nfunc S() { cs := C.CString("y"); _ = cs }\n')


def test_a_large_package_is_split_across_workers_without_changing_the_result(tmp_path, monkeypatch):
    from cgolint.cache import Cache

    _big_package(tmp_path, MIN_FILES_FOR_POOL)
    monkeypatch.chdir(tmp_path)
    merged = []
    real_merge = cgolint.runner._merge_parts
    monkeypatch.setattr(cgolint.runner, "_merge_parts", lambda parts, cache: merged.append(len(parts))
                        or real_merge(parts, cache))
    serial = run(["./..."], Settings(root=str(tmp_path)), jobs=1)
    assert merged == []
    codes = {f.code for f in serial.findings}
    assert {"CGL000", "CGL001", "CGL002", "CGL005"} <= codes
    assert any("several packages" in n.message for n in serial.notifications)
    cache = Cache(str(tmp_path / "cache"))
    parallel = run(["./..."], Settings(root=str(tmp_path)), jobs=3, cache=cache)
    assert merged == [3]  # the big package, in three parts; the small one whole
    assert parallel.findings == serial.findings
    assert parallel.notifications == serial.notifications  # the package's note once, not once per part
    assert parallel.files_analysed == serial.files_analysed
    # what the parts stored is the whole package: a warm run, split or not,
    # answers from it (files this new are too fresh for the stat index, so
    # each part looks the package up in the cache and one whole result wins)
    for jobs in (3, 1):
        merged.clear()
        warm = run(["./..."], Settings(root=str(tmp_path)), jobs=jobs, cache=Cache(str(tmp_path / "cache")))
        assert warm.cache_hits == 2
        assert merged == ([3] if jobs == 3 else [])
        assert warm.findings == serial.findings and warm.notifications == serial.notifications
