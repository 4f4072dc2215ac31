"""The stat index: an unchanged tree is answered from the cache without
reading a file, and every kind of change (content under restored times, a
file added or removed, a header, a racy write, a damaged index) falls back
to reading."""
from __future__ import annotations

import glob
import os

import pytest

import cgolint.engine
import cgolint.file_index
import cgolint.runner
from cgolint.cache import Cache
from cgolint.config import Settings
from cgolint.runner import run
from test_cache import HEADER, HELPER, KEEPER


@pytest.fixture
def tree(write_tree, monkeypatch):
    root = write_tree({"p/p.go": KEEPER, "p/p.h": HEADER, "p/helper.go": HELPER,
                       "q/q.go": KEEPER.replace("package p", "package q").replace('#include "p.h"\n', ""),
                       "plain/plain.go": "package plain\n\nfunc F() {}\n"})
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def trusting(monkeypatch):
    """Files written by the test just now count as settled (not racy)."""
    monkeypatch.setattr(cgolint.file_index, "RACY_SECONDS", 0.0)


@pytest.fixture
def reads(monkeypatch):
    """The Go files read, by name."""
    read: list[str] = []
    real = cgolint.engine.read_source

    def counting(path, settings):
        read.append(os.path.basename(path))
        return real(path, settings)

    monkeypatch.setattr(cgolint.runner, "read_source", counting)
    monkeypatch.setattr(cgolint.engine, "read_source", counting)
    return read


def lint(root):
    return run(["./..."], Settings(root=str(root)), jobs=1, cache=Cache(str(root / "cache")))


def test_an_unchanged_tree_is_answered_without_reading_a_file(tree, trusting, reads):
    cold = lint(tree)
    assert "plain.go" in reads and cold.findings
    reads.clear()
    warm = lint(tree)
    assert reads == []
    assert warm.findings == cold.findings and warm.notifications == cold.notifications
    assert warm.cache_hits == 2 and warm.files_analysed == cold.files_analysed


def test_new_content_under_restored_times_and_size_is_read(tree, trusting, reads):
    before = lint(tree)
    path = tree / "q" / "q.go"
    info = os.stat(path)
    edited = KEEPER.replace("package p", "package q").replace('#include "p.h"\n', "").replace("buf", "bux")
    assert len(edited) == info.st_size
    path.write_text(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # as `touch -r` or an archive would
    reads.clear()
    after = lint(tree)
    assert "q.go" in reads  # the change time differs, so the index does not answer
    assert [f.message for f in after.findings if "q.go" in f.path] != \
        [f.message for f in before.findings if "q.go" in f.path]
    assert after.findings == run(["./..."], Settings(root=str(tree)), jobs=1).findings


@pytest.mark.parametrize("change", ["added file", "removed file", "local header", "header removed"])
def test_a_change_to_what_the_key_covers_is_read(tree, trusting, reads, change):
    lint(tree)
    if change == "added file":
        (tree / "p" / "more.go").write_text("package p\n\nvar W = 3\n")
    elif change == "removed file":
        os.unlink(tree / "p" / "helper.go")
    elif change == "local header":
        (tree / "p" / "p.h").write_text(HEADER + "void extra(char *p);\n")
    else:
        os.unlink(tree / "p" / "p.h")
    reads.clear()
    result = lint(tree)
    assert "p.go" in reads and "q.go" not in reads
    assert result.findings == run(["./..."], Settings(root=str(tree)), jobs=1).findings


def test_files_written_just_before_a_run_are_not_trusted(tree, reads):
    lint(tree)
    reads.clear()
    lint(tree)
    assert "p.go" in reads and "plain.go" in reads  # racy: they could change again within the same tick


def test_a_damaged_index_is_ignored_and_rewritten(tree, trusting, reads):
    cold = lint(tree)
    [index] = glob.glob(str(tree / "cache" / "index" / "*.json"))
    for damage in (b"", b"{not json", b"[1, 2]", b'{"%s": {"files": 3}}' % str(tree / "p").encode()):
        with open(index, "wb") as handle:
            handle.write(damage)
        reads.clear()
        assert lint(tree).findings == cold.findings
        assert "p.go" in reads
    reads.clear()
    assert lint(tree).findings == cold.findings and reads == []  # rewritten, and trusted again


def test_a_header_removed_after_it_was_read_is_not_trusted(tree, trusting, monkeypatch):
    """The header is read for the key, then deleted before the index records
    the package: its signature was taken before the read, so the next run
    sees the change."""
    real = cgolint.runner._Seen.record

    def record_after_delete(self, key, extras):
        header = tree / "p" / "p.h"
        if header.exists():
            header.unlink()
        return real(self, key, extras)

    monkeypatch.setattr(cgolint.runner._Seen, "record", record_after_delete)
    lint(tree)
    monkeypatch.setattr(cgolint.runner._Seen, "record", real)
    assert not (tree / "p" / "p.h").exists()
    assert lint(tree).findings == run(["./..."], Settings(root=str(tree)), jobs=1).findings


def test_a_go_mod_change_is_read(tree, trusting, reads):
    (tree / "go.mod").write_text("module example.com/t\n\ngo 1.19\n")
    lint(tree)
    (tree / "go.mod").write_text("module example.com/t\n\ngo 1.22\n")
    reads.clear()
    after = lint(tree)
    assert "p.go" in reads and "plain.go" in reads  # every package depends on its go.mod
    assert after.findings == run(["./..."], Settings(root=str(tree)), jobs=1).findings
