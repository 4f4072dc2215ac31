"""Patterns to packages (the `go` command's rules), the walker's pruning, and
the prefilter: a file that cannot hold a finding is never parsed."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cgolint.engine
import cgolint.loader
from cgolint.config import Settings
from cgolint.loader import PREFILTER_MARKERS, load, may_hold_finding
from cgolint.runner import run

CGO = '''package {name}

/*
#include <stdlib.h>
static void keep(char *p) {{ static char *k; k = p; }}
*/
import "C"

import "unsafe"

func F() {{
\tvar buf [8]byte
\tC.keep((*C.char)(unsafe.Pointer(&buf[0])))
}}
'''
PLAIN = "package {name}\n\nfunc G() int {{ return 1 }}\n"


@pytest.fixture
def tree(write_tree):
    return write_tree({
        "go.mod": "module example.com/m\n",
        "a/a.go": CGO.format(name="a"),
        "a/plain.go": PLAIN.format(name="a"),
        "a/sub/s.go": PLAIN.format(name="sub"),
        "a/vendor/v/v.go": CGO.format(name="v"),
        "b/b.go": CGO.format(name="b"),
        "b/testdata/t/t.go": CGO.format(name="t"),
        "b/.hidden/h.go": CGO.format(name="h"),
        "b/_skip/u.go": CGO.format(name="u"),
        "b/nested/go.mod": "module example.com/nested\n",
        "b/nested/n.go": CGO.format(name="n"),
        "b/nested/deeper/d.go": CGO.format(name="d"),
        "c/readme.txt": "no Go here\n",
        "c/.x.go": CGO.format(name="x"),
        "c/_y.go": CGO.format(name="y"),
        "c/z/z.go": PLAIN.format(name="z"),
    })


def dirs(result, root) -> list[str]:
    return [os.path.relpath(p.directory, root) for p in result.packages]


def test_dot_dot_dot_walks_the_tree_and_skips_go_command_exclusions(tree, monkeypatch):
    monkeypatch.chdir(tree)
    result = load(["./..."])
    assert dirs(result, tree) == ["a", os.path.join("a", "sub"), "b", os.path.join("c", "z")]
    assert result.errors == [] and result.warnings == []
    # files starting with . or _ are not Go files of the package, as for `go build`
    files = {os.path.relpath(f, tree) for p in result.packages for f in p.files}
    assert os.path.join("c", "z", "z.go") in files
    assert not any(os.path.basename(f).startswith((".", "_")) for f in files)


def test_dir_dot_dot_dot_and_bare_dots(tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert dirs(load(["b/..."]), tree) == ["b"]  # testdata, .hidden, _skip and the nested module are pruned
    assert dirs(load(["a/..."]), tree) == ["a", os.path.join("a", "sub")]
    monkeypatch.chdir(tree / "a")
    assert dirs(load(["..."]), tree / "a") == [".", "sub"]


def test_a_nested_module_is_analysed_when_named(tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert dirs(load(["b/nested/..."]), tree) == [os.path.join("b", "nested"), os.path.join("b", "nested", "deeper")]
    # a skipped directory named explicitly is a package like any other
    assert dirs(load(["a/vendor/v"]), tree) == [os.path.join("a", "vendor", "v")]


def test_directory_names_one_package(tree, monkeypatch):
    monkeypatch.chdir(tree)
    result = load(["a"])
    assert dirs(result, tree) == ["a"]
    assert [os.path.basename(f) for f in result.packages[0].files] == ["a.go", "plain.go"]
    missing = load(["c"])
    assert missing.packages == [] and missing.errors == [("c", "no Go files in c")]


def test_single_files_are_grouped_by_directory(tree, monkeypatch):
    monkeypatch.chdir(tree)
    result = load(["a/plain.go", "a/a.go", "b/b.go", "a/a.go"])
    assert dirs(result, tree) == ["a", "b"]
    assert [os.path.basename(f) for f in result.packages[0].files] == ["a.go", "plain.go"]
    bad = load(["c/readme.txt", "nope.go"])
    assert [path for path, _ in bad.errors] == ["c/readme.txt", "nope.go"]
    assert "must end in .go" in bad.errors[0][1] and bad.errors[1][1] == "no such file or directory"


def test_a_pattern_matching_nothing_warns(tree, monkeypatch):
    monkeypatch.chdir(tree)
    result = load(["c/readme.txt/..."])
    assert result.packages == [] and result.errors
    result = load(["b/testdata/..."])  # the root itself is walked even if its name is skipped
    assert dirs(result, tree) == [os.path.join("b", "testdata", "t")]


def test_the_walker_does_not_descend_into_skipped_trees(tree, monkeypatch):
    monkeypatch.chdir(tree)
    listed: list[str] = []
    real_scandir = os.scandir

    def spy(path="."):
        listed.append(os.path.relpath(os.fspath(path), tree))
        return real_scandir(path)

    monkeypatch.setattr(cgolint.loader.os, "scandir", spy)
    list(cgolint.loader._walk_packages(str(tree), lambda path: False))
    for skipped in ("a/vendor", "b/testdata", "b/.hidden", "b/_skip", "b/nested"):
        assert not any(p == skipped or p.startswith(skipped + os.sep) for p in listed), (skipped, listed)
    assert "b" in listed and os.path.join("a", "sub") in listed


def test_excluded_directories_are_pruned(tree, monkeypatch):
    monkeypatch.chdir(tree)
    settings = Settings(root=str(tree), exclude=("a/sub",))
    assert dirs(load(["./..."], settings.excluded), tree) == ["a", "b", os.path.join("c", "z")]


def test_prefilter_markers():
    for marker in PREFILTER_MARKERS:
        assert may_hold_finding(b"package p\n" + marker + b"\n")
    assert not may_hold_finding(b'package p\n\nimport "fmt"\n\nfunc F() { fmt.Println("unsafe code") }\n')
    # imports are looked for before the first function only: a "C" string in a body does not count
    assert not may_hold_finding(b'package p\n\nfunc F() string { return "C" }\n')
    # a byte scan, so a "C" string above the functions passes it: cheap and never misses a file
    assert may_hold_finding(b'package p\n\nvar m = map[string]int{"C": 1}\n')
    assert may_hold_finding(b'package p\n\n/*\nconst char *f(void);\n*/\nimport "C"\n\nfunc F() {}\n')
    assert may_hold_finding(b'package p\n\nimport (\n\t"C"\n)\n')
    assert may_hold_finding(b"package p\n\n//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n")
    assert may_hold_finding(b"package main\n\n//export Add\nfunc Add(a, b int) int { return a + b }\n")


def _header_end_by_definition(data: bytes) -> int:
    """Where imports end at the latest, as `import_header_end` promises:
    the first line starting with the keyword `func` that is not inside a
    block comment, found the slow way (searching back from each candidate)."""
    start = 0
    while True:
        end = data.find(b"\nfunc", start)
        if end < 0:
            return len(data)
        start = end + 5
        if data[start:start + 1] in (b" ", b"\t", b"(") and data.rfind(b"/*", 0, end) <= data.rfind(b"*/", 0, end):
            return end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"\nfunc ", b"\nfunc(", b"\nfunction", b"/*", b"*/", b"/**/", b"*", b"/",
                                 b"\n", b"x", b'"/*"', b"\tfunc "]), max_size=30))
def test_import_header_end_is_the_first_func_outside_a_block_comment(pieces):
    data = b"package p\n" + b"".join(pieces)
    assert cgolint.loader._header_end(data) == _header_end_by_definition(data)


def test_files_that_cannot_hold_a_finding_are_never_parsed(tree, monkeypatch):
    monkeypatch.chdir(tree)
    parsed: list[str] = []
    real = cgolint.engine.parse_file

    def counting(path, data, *args):
        parsed.append(os.path.relpath(path, tree))
        return real(path, data, *args)

    monkeypatch.setattr(cgolint.engine, "parse_file", counting)
    result = run(["./..."], Settings(root=str(tree)), jobs=1)
    analysed = sorted(p for p in parsed)
    # a.go and b.go are candidates; plain.go is read only as context, if at all
    assert [p for p in analysed if not p.endswith("plain.go")] == [os.path.join("a", "a.go"), os.path.join("b", "b.go")]
    assert not any(p.startswith((os.path.join("a", "sub"), os.path.join("c", "z"))) for p in analysed)
    assert result.files_analysed == 2
    assert {os.path.relpath(f.path, tree) for f in result.findings} <= {os.path.join("a", "a.go"), os.path.join("b", "b.go")}


def test_a_tree_without_candidates_parses_nothing(write_tree, monkeypatch):
    root = write_tree({f"p{i}/x.go": PLAIN.format(name=f"p{i}") for i in range(5)})
    monkeypatch.chdir(root)
    calls = []
    monkeypatch.setattr(cgolint.engine, "parse_file", lambda *a, **k: calls.append(a))
    result = run(["./..."], Settings(root=str(root)), jobs=1)
    assert calls == [] and result.files_analysed == 0 and result.packages == 5
