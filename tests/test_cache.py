"""The result cache: exact round-trips, a warm run that parses nothing, keys
that change with everything a result depends on, and a cache directory
that can be moved, disabled, corrupted or unwritable without harm."""
from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass, replace

import pytest

import cgolint.engine
from cgolint.cache import CACHEDIR_TAG, Cache, decode, encode, resolve_directory
from cgolint.config import Settings
from cgolint.engine import Notification, PackageResult
from cgolint.rule import Edit, Finding, Fix, Level, Related
from cgolint.runner import run
from cgolint.source import Position

KEEPER = '''package p

/*
#include <stdlib.h>
#include "p.h"
static char *kept;
static void keep(char *s) { kept = s; }
*/
import "C"

import "unsafe"

func F() {
\tvar buf [16]byte
\tC.keep((*C.char)(unsafe.Pointer(&buf[0])))
}

func G(s string) int {
\tcs := C.CString(s)
\treturn int(C.strlen(cs))
}
'''
HEADER = "#define P_SIZE 16\n"
HELPER = "package p\n\nfunc H() int { return 1 }\n"


@pytest.fixture
def tree(write_tree, monkeypatch):
    root = write_tree({"p/p.go": KEEPER, "p/p.h": HEADER, "p/helper.go": HELPER,
                       "q/q.go": KEEPER.replace("package p", "package q").replace('#include "p.h"\n', "")})
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def parses(monkeypatch):
    parsed: list[str] = []
    real = cgolint.engine.parse_file

    def counting(path, data, *args):
        parsed.append(os.path.basename(path))
        return real(path, data, *args)

    monkeypatch.setattr(cgolint.engine, "parse_file", counting)
    return parsed


def lint(root, cache, settings=None, patterns=("./...",)):
    return run(list(patterns), settings or Settings(root=str(root)), jobs=1, cache=cache)


def test_dataclasses_round_trip_exactly():
    start, end = Position(3, 5, 4), Position(3, 9, 8)
    finding = Finding("CGL001", "local-array-to-c", Level.ERROR, "message ü", "/abs/x.go", "x.go", 10, 20,
                      start, end, "\tC.f(&buf[0]) // ü", (Related("/abs/x.go", start, end, "C declaration"),),
                      Fix("use SliceData", (Edit(10, 20, "unsafe.SliceData(b)", start, end), Edit(0, 0, "", None, None)),
                          safe=False), "abcd:1")
    result = PackageResult([finding], [Notification("/abs/y.go", "y.go", "skipped: binary", "error")], 1)
    back = decode(json.loads(json.dumps(encode(result))))
    assert back == result
    assert isinstance(back.findings[0].related, tuple) and isinstance(back.findings[0].fix.edits, tuple)
    assert back.findings[0].level is Level.ERROR


def good_encoded():
    start = Position(1, 2, 2)
    finding = Finding("CGL005", "c-memory-leak", Level.WARNING, "m", "/a.go", "a.go", 1, 2, start, start)
    return encode(PackageResult([finding], [], 1))


@pytest.mark.parametrize("damage", [
    lambda e: e[:2],                                     # a field missing
    lambda e: e + [1],                                   # a field too many
    lambda e: [e[0], e[1], "1"],                         # files_analysed not an int
    lambda e: [e[0], e[1], True],                        # a bool is not an int
    lambda e: [[e[0][0][:-1]], e[1], e[2]],              # a Finding field missing
    lambda e: [[e[0][0][:2] + ["fatal"] + e[0][0][3:]], e[1], e[2]],  # not a Level
    lambda e: [[e[0][0][:8] + [[1, "2", 3]] + e[0][0][9:]], e[1], e[2]],  # a Position with a string
    lambda e: {"findings": e[0]},                        # not the layout
    lambda e: None,
])
def test_decode_refuses_what_is_not_a_result(damage):
    assert decode(good_encoded()) == decode(json.loads(json.dumps(good_encoded())))
    with pytest.raises(Exception):
        decode(damage(good_encoded()))


def test_a_result_that_would_not_round_trip_is_not_cached(tmp_path):
    start = Position(1, 2, 2)
    odd = Finding("CGL005", "c-memory-leak", Level.WARNING, "m", "/a.go", "a.go", 1, 2, start, start,
                  related=[Related("/a.go", start, start, "list, not tuple")])
    cache = Cache(str(tmp_path / "c"))
    cache.put("k" * 64, PackageResult([odd], [], 1))
    assert cache.get("k" * 64) is None
    fine = PackageResult([odd.__class__(**{**odd.__dict__, "related": tuple(odd.related)})], [], 1)
    cache.put("k" * 64, fine)
    assert cache.get("k" * 64) == fine


@pytest.mark.parametrize("odd", [
    lambda f: replace(f, start_byte=True),                 # a bool where an int is declared
    lambda f: replace(f, level="warning"),                 # a string where a Level is declared
    lambda f: replace(f, start=(1, 2, 2)),                 # a tuple where a Position is declared
    lambda f: replace(f, related=[]),                      # a list where a tuple is declared
])
def test_encode_refuses_what_decode_would_not_give_back(odd):
    start = Position(1, 2, 2)
    finding = Finding("CGL005", "c-memory-leak", Level.WARNING, "m", "/a.go", "a.go", 1, 2, start, start)
    encode(PackageResult([finding], [], 1))
    with pytest.raises(TypeError):
        encode(PackageResult([odd(finding)], [], 1))


def test_warm_run_parses_nothing_and_gives_the_same_result(tree, parses):
    cache = Cache(str(tree / "cache"))
    cold = lint(tree, cache)
    assert parses and cold.findings and cold.cache_hits == 0
    parses.clear()
    warm_cache = Cache(str(tree / "cache"))
    warm = lint(tree, warm_cache)
    assert parses == []
    assert warm.cache_hits == 2 and warm_cache.hits == 2
    assert warm.findings == cold.findings and warm.notifications == cold.notifications
    assert warm.files_analysed == cold.files_analysed


def test_cli_output_is_identical_cold_and_warm(tree, cli):
    outputs = []
    for _ in range(2):
        for fmt in ("text", "sarif"):
            done = cli("--format", fmt, "--jobs", "1", "./...", cwd=str(tree), env={"CGOLINT_CACHE_DIR": ""})
            outputs.append((fmt, done.returncode, done.stdout))
    assert outputs[:2] == outputs[2:]
    assert os.path.isfile(tree / ".cgolint_cache" / "CACHEDIR.TAG")


@pytest.mark.parametrize("change", ["analysed file", "context file", "local header", "new context file",
                                    "new C file", "C file"])
def test_a_change_in_the_package_is_a_miss(tree, parses, change):
    if change == "C file":
        (tree / "p" / "p.c").write_text("void extra(char *p) { (void)p; }\n")
    lint(tree, Cache(str(tree / "cache")))
    if change in ("new C file", "C file"):  # its bodies are those of the preamble's prototypes
        (tree / "p" / "p.c").write_text("#include <stdlib.h>\nvoid extra(char *p) { free(p); }\n")
    elif change == "analysed file":
        (tree / "p" / "p.go").write_text(KEEPER + "\nfunc Extra() {}\n")
    elif change == "context file":
        (tree / "p" / "helper.go").write_text(HELPER + "\nvar V = 2\n")
    elif change == "local header":
        (tree / "p" / "p.h").write_text(HEADER + "void extra(char *p);\n")
    else:
        (tree / "p" / "more.go").write_text("package p\n\nvar W = 3\n")
    parses.clear()
    result = lint(tree, Cache(str(tree / "cache")))
    assert result.cache_hits == 1  # q is unchanged
    assert "p.go" in parses and "q.go" not in parses


def test_new_findings_after_an_edit_are_reported(tree):
    cache_dir = str(tree / "cache")
    before = lint(tree, Cache(cache_dir))
    (tree / "q" / "q.go").write_text(KEEPER.replace("package p", "package q").replace('#include "p.h"\n', "")
                                     .replace("func G(", "func G2(t string) { cs := C.CString(t); _ = cs }\n\nfunc G("))
    after = lint(tree, Cache(cache_dir))
    assert len(after.findings) > len(before.findings)
    assert after.findings == lint(tree, None).findings


def test_rules_and_options_are_part_of_the_key(tree, parses):
    cache_dir = str(tree / "cache")
    lint(tree, Cache(cache_dir))
    parses.clear()
    narrowed = lint(tree, Cache(cache_dir), Settings(root=str(tree), select=("CGL005",)))
    assert narrowed.cache_hits == 0 and parses
    assert {f.code for f in narrowed.findings} == {"CGL005"}
    parses.clear()
    optioned = lint(tree, Cache(cache_dir), Settings(root=str(tree), rule_options={"CGL001": {"keepers": ["x"]}}))
    assert optioned.cache_hits == 0 and parses
    parses.clear()
    again = lint(tree, Cache(cache_dir), Settings(root=str(tree), select=("CGL005",)))
    assert again.cache_hits == 2 and parses == []


def test_entries_are_per_display_base(tree, monkeypatch):
    cache_dir = str(tree / "cache")
    lint(tree, Cache(cache_dir))
    monkeypatch.chdir(tree / "p")
    shown = run(["."], Settings(root=str(tree)), jobs=1, cache=Cache(cache_dir))
    assert shown.cache_hits == 0
    assert all(f.display_path == "p.go" for f in shown.findings)


def entry_files(directory) -> list[str]:
    return sorted(glob.glob(os.path.join(str(directory), "cgolint-cache-*", "*", "*.json")))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "edited body", "other version", "json bomb"])
def test_a_corrupt_entry_is_ignored_and_rewritten(tree, parses, damage):
    cache_dir = tree / "cache"
    cold = lint(tree, Cache(str(cache_dir)))
    entries = entry_files(cache_dir)
    assert len(entries) == 2
    good = {path: open(path, "rb").read() for path in entries}
    for path, raw in good.items():
        header, _, body = raw.partition(b"\n")
        if damage == "garbage":
            data = os.urandom(300)
        elif damage == "truncated":
            data = raw[: len(raw) // 2]
        elif damage == "empty":
            data = b""
        elif damage == "edited body":
            data = header + b"\n" + body.replace(b"CGL00", b"CGL99")
        elif damage == "other version":
            data = header.replace(b'"version": "', b'"version": "9') + b"\n" + body
        else:
            data = b"[" * 100000 + b"\n" + body
        with open(path, "wb") as handle:
            handle.write(data)
    parses.clear()
    cache = Cache(str(cache_dir))
    again = lint(tree, cache)
    assert again.cache_hits == 0 and cache.misses == 2 and parses
    assert again.findings == cold.findings
    assert {path: open(path, "rb").read() for path in entry_files(cache_dir)} == good  # rewritten


def test_a_foreign_entry_under_another_key_is_not_trusted(tree, parses):
    cache_dir = tree / "cache"
    cold = lint(tree, Cache(str(cache_dir)))
    first, second = entry_files(cache_dir)
    with open(first, "rb") as handle:
        swapped = handle.read()
    with open(second, "wb") as handle:
        handle.write(swapped)  # valid entry, other package's key
    parses.clear()
    again = lint(tree, Cache(str(cache_dir)))
    assert again.cache_hits == 1 and parses
    assert again.findings == cold.findings


def test_cache_directory_layout(tree):
    cache_dir = tree / "cache"
    lint(tree, Cache(str(cache_dir)))
    assert (cache_dir / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert "*" in (cache_dir / ".gitignore").read_text().split()


def test_cache_directory_resolution(tmp_path, monkeypatch):
    monkeypatch.delenv("CGOLINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_directory(None, str(tmp_path / "proj")) == str(tmp_path / "proj" / ".cgolint_cache")
    assert resolve_directory(None, "") == str(tmp_path / ".cgolint_cache")
    monkeypatch.setenv("CGOLINT_CACHE_DIR", "envcache")
    assert resolve_directory(None, str(tmp_path / "proj")) == str(tmp_path / "envcache")
    assert resolve_directory("optcache", str(tmp_path / "proj")) == str(tmp_path / "optcache")


def test_cli_cache_options(tree, cli):
    env = {"CGOLINT_CACHE_DIR": ""}
    (tree / ".cgolint.toml").write_text('select = ["CGL"]\n')
    done = cli("--no-cache", "./...", cwd=str(tree / "p"), env=env)
    assert done.returncode == 1 and not (tree / ".cgolint_cache").exists() and not (tree / "p" / ".cgolint_cache").exists()
    done = cli("./...", cwd=str(tree / "p"), env=env)
    assert done.returncode == 1 and (tree / ".cgolint_cache" / "CACHEDIR.TAG").exists()  # the config root
    done = cli("--cache-dir", str(tree / "elsewhere"), "./...", cwd=str(tree), env=env)
    assert entry_files(tree / "elsewhere")
    done = cli("./...", cwd=str(tree), env={"CGOLINT_CACHE_DIR": str(tree / "fromenv")})
    assert entry_files(tree / "fromenv")


def test_an_unusable_cache_directory_only_warns(tree, cli):
    blocker = tree / "blocker"
    blocker.write_text("a file, not a directory\n")
    plain = cli("--no-cache", "./...", cwd=str(tree))
    done = cli("--cache-dir", str(blocker / "cache"), "./...", cwd=str(tree))
    assert done.returncode == plain.returncode == 1
    assert done.stdout == plain.stdout
    assert "cgolint: warning: cache disabled" in done.stderr


def test_transient_problems_are_not_cached(tree, parses, monkeypatch):
    import cgolint.runner

    real = cgolint.engine.read_source

    def unreadable_helper(path, settings):
        if path.endswith("helper.go"):
            return None, "cannot read: Permission denied"
        return real(path, settings)

    for module in (cgolint.engine, cgolint.runner):
        monkeypatch.setattr(module, "read_source", unreadable_helper)
    cache_dir = str(tree / "cache")
    first = lint(tree, Cache(cache_dir))
    assert [n.message for n in first.notifications if "helper.go" in n.display_path] == ["cannot read: Permission denied"]
    second = lint(tree, Cache(cache_dir))
    assert second.cache_hits == 1  # q only: p had a file that could not be read
    assert second.notifications == first.notifications
    for module in (cgolint.engine, cgolint.runner):
        monkeypatch.setattr(module, "read_source", real)
    parses.clear()
    third = lint(tree, Cache(cache_dir))
    assert third.cache_hits == 1 and "p.go" in parses and not third.notifications


@dataclass(frozen=True)
class _Checked:
    x: int

    def __post_init__(self):
        if self.x < 0:
            raise ValueError("x must not be negative")


@dataclass(frozen=True)
class _CheckedChild(_Checked):
    y: int = 0


@dataclass(frozen=True)
class _TwoKinds:
    a: int | str


def test_decoders_keep_the_classes_own_checks_and_refuse_unions_they_cannot_check():
    from cgolint.cache import _Codec

    decode = _Codec(_CheckedChild).decode
    assert decode([1, 2]) == _CheckedChild(1, 2)
    with pytest.raises(ValueError):
        decode([-1, 0])  # the inherited __post_init__ still runs
    with pytest.raises(TypeError):
        _Codec(_TwoKinds)


def test_json_reports_are_ascii_and_spell_keys_as_json_does():
    from cgolint.reporters import json_document

    document = {"path": "d\udcff/文字.go", "nested": {1: ["ü"], None: {}, 2.5: [[]]}, "empty": []}
    written = json_document(document, flat_below=1)
    assert written.isascii()
    assert json.loads(written) == json.loads(json.dumps(document))
