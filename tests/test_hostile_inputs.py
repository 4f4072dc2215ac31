"""Bad input never crashes the run and never loses a result. Each case runs
the command line as a user would (`python -m cgolint`) on a tree built in a
temporary directory, next to a good package whose finding must still be
reported: exit code 2 when something the user named could not be
analysed, a message that says what and why, in every format."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap

import pytest

from cgolint.registry import load_rules

GOOD = 'package good\n\nimport "C"\n\nfunc bad( {\n}\n'
GOOD_FINDING = "good/a.go:5:10: CGL000 syntax error: missing `)`"
SYNTAX = 'package {pkg}\n\nimport "C"\n\nfunc broken( {{\n}}\n'

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
plugins_ok = pytest.mark.skipif(bool(load_rules().errors), reason="a rule plugin fails to load: every run exits 2")


def tree(write_tree, files: dict[str, str | bytes]):
    return write_tree({"good/a.go": GOOD, **files})


def run_patched(patch: str, *args: str, cwd: str) -> subprocess.CompletedProcess:
    """The command line in a subprocess whose Python first runs `patch`: to
    make `open` or `os.scandir` fail as they would for another user (tests
    run as root, for whom chmod 000 stops nothing)."""
    code = textwrap.dedent(patch) + "\nimport sys\nfrom cgolint.cli import main\nsys.argv = ['cgolint', *sys.argv[1:]]\nmain()\n"
    env = dict(os.environ, NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def assert_good_still_reported(done: subprocess.CompletedProcess) -> None:
    assert GOOD_FINDING in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "internal error" not in done.stdout, done.stdout


# --- paths ----------------------------------------------------------------------
def test_a_missing_path(cli, write_tree):
    root = tree(write_tree, {})
    done = cli("nosuch", "good", "nosuch/...", cwd=str(root))
    assert done.returncode == 2
    assert done.stdout.count("nosuch: error: no such file or directory") == 2
    assert_good_still_reported(done)


def test_a_directory_without_go_files(cli, write_tree):
    root = tree(write_tree, {"empty/README": "no Go here\n"})
    done = cli("empty", "good", cwd=str(root))
    assert done.returncode == 2
    assert "empty: error: no Go files in empty" in done.stdout
    assert_good_still_reported(done)


def test_no_arguments_in_a_directory_without_go_files(cli, write_tree):
    root = write_tree({"notes.txt": "nothing\n"})
    done = cli(cwd=str(root))
    assert done.returncode == 2
    assert ".: error: no Go files in ." in done.stdout
    assert "Traceback" not in done.stderr


def test_a_tree_pattern_matching_nothing_warns_without_failing(cli, write_tree):
    root = tree(write_tree, {"docs/README": "x\n"})
    done = cli("docs/...", "good", cwd=str(root))
    assert 'warning: "docs/..." matched no packages' in done.stdout
    assert done.returncode == 1  # a warning is no error; the good finding decides
    assert_good_still_reported(done)


@pytest.mark.skipif(ROOT_USER, reason="running as root: chmod 000 does not stop root from reading "
                                      "(test_unreadable_file_simulated covers the case)")
def test_unreadable_file_and_directory_for_real(cli, write_tree):
    root = tree(write_tree, {"locked/a.go": SYNTAX.format(pkg="locked"), "closed/a.go": SYNTAX.format(pkg="closed")})
    os.chmod(root / "locked" / "a.go", 0)
    os.chmod(root / "closed", 0)
    try:
        done = cli("./...", cwd=str(root))
    finally:
        os.chmod(root / "locked" / "a.go", 0o644)
        os.chmod(root / "closed", 0o755)
    assert done.returncode == 2
    assert "locked/a.go: error: cannot read: Permission denied" in done.stdout
    assert "closed: error: cannot read directory: Permission denied" in done.stdout
    assert_good_still_reported(done)


def test_unreadable_file_simulated(write_tree):
    root = tree(write_tree, {"locked/a.go": SYNTAX.format(pkg="locked"), "locked/b.go": SYNTAX.format(pkg="locked")})
    patch = """
        import builtins, errno
        real_open = builtins.open
        def guarded_open(file, *args, **kwargs):
            if str(file).endswith("locked/a.go"):
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)
        builtins.open = guarded_open
    """
    for args in (("./...",), ("locked", "good"), ("locked/a.go", "locked/b.go", "good")):
        done = run_patched(patch, *args, cwd=str(root))
        assert done.returncode == 2, args
        assert "locked/a.go: error: cannot read: Permission denied" in done.stdout, args
        assert "locked/b.go:5:13: CGL000" in done.stdout, args  # the readable file of the package still runs
        assert_good_still_reported(done)


def test_unreadable_directory_simulated(write_tree):
    root = tree(write_tree, {"closed/a.go": SYNTAX.format(pkg="closed"), "closed/sub/a.go": SYNTAX.format(pkg="sub")})
    patch = """
        import errno, os
        real_scandir = os.scandir
        def guarded_scandir(path="."):
            if os.path.basename(os.path.abspath(str(path))) == "closed":
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_scandir(path)
        os.scandir = guarded_scandir
    """
    walked = run_patched(patch, "./...", cwd=str(root))
    assert walked.returncode == 2
    assert "closed: error: cannot read directory: Permission denied" in walked.stdout
    assert_good_still_reported(walked)
    named = run_patched(patch, "closed", "good", cwd=str(root))
    assert named.returncode == 2
    assert "closed: error: cannot read directory: Permission denied" in named.stdout
    assert_good_still_reported(named)


def test_a_file_that_vanishes_between_listing_and_reading(write_tree):
    root = tree(write_tree, {"pkg/gone.go": SYNTAX.format(pkg="pkg"), "pkg/kept.go": SYNTAX.format(pkg="pkg")})
    patch = """
        import errno, os
        real_stat = os.stat
        def vanishing_stat(path, *args, **kwargs):
            if str(path).endswith("gone.go"):
                raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
            return real_stat(path, *args, **kwargs)
        os.stat = vanishing_stat
    """
    done = run_patched(patch, "./...", cwd=str(root))
    assert done.returncode == 2
    assert "pkg/gone.go: error: cannot read: the file vanished while the run was listing it" in done.stdout
    assert "pkg/kept.go:5:13: CGL000" in done.stdout
    assert_good_still_reported(done)


# --- file contents --------------------------------------------------------------
def test_binary_files_named_go(cli, write_tree):
    noise = bytes(random.Random(3).randrange(256) for _ in range(4096)) + b"\0"
    root = tree(write_tree, {
        "bin/noise.go": noise,
        "bin/nul.go": b'package bin\n\nimport "C"\n\nvar x = 1\x00\x00\n',
        "bin/ok.go": SYNTAX.format(pkg="bin"),
    })
    done = cli("./...", cwd=str(root))
    assert done.returncode == 2
    for name in ("noise", "nul"):
        assert f"bin/{name}.go: error: skipped: binary file (contains NUL bytes), not Go source" in done.stdout
    assert "bin/ok.go:5:13: CGL000" in done.stdout
    assert_good_still_reported(done)


@plugins_ok
def test_invalid_utf8_bom_and_crlf_are_analysed_at_the_right_positions(cli, write_tree):
    body = 'package enc\n\nimport "C"\n\n// caf\xe9 \xff\xfe\nfunc broken( {\n}\n'
    root = tree(write_tree, {
        "enc/plain.go": body.encode("latin-1"),
        "enc/bom.go": b"\xef\xbb\xbf" + body.encode("latin-1"),
        "enc/crlf.go": body.encode("latin-1").replace(b"\n", b"\r\n"),
    })
    done = cli("--format", "json", "./...", cwd=str(root))
    assert done.returncode == 1, done.stdout
    findings = json.loads(done.stdout)["findings"]
    where = {(f["path"], f["start"]["line"], f["start"]["column"], f["code"]) for f in findings}
    for name in ("plain", "bom", "crlf"):
        assert (f"enc/{name}.go", 6, 13, "CGL000") in where
    assert ("good/a.go", 5, 10, "CGL000") in where
    text = cli("./...", cwd=str(root), env={"FORCE_COLOR": ""})
    assert "enc/crlf.go:6:13: CGL000 syntax error: missing `)`" in text.stdout
    sarif = cli("--format", "sarif", "./...", cwd=str(root))
    assert json.loads(sarif.stdout)["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_a_file_over_the_size_limit_is_skipped_with_a_message(cli, write_tree):
    line = "var _ = []byte{" + ", ".join(["0x01"] * 30) + "}\n"
    big = 'package big\n\nimport "unsafe"\n\n' + line * (10 * 1024 * 1024 // len(line) + 1)
    root = tree(write_tree, {"big/gen.go": big})
    done = cli("./...", cwd=str(root))
    assert done.returncode == 2
    size = os.path.getsize(root / "big" / "gen.go")
    assert size > 10 * 1024 * 1024
    assert (f"big/gen.go: error: skipped: file is {size:,} bytes, over the limit of 5,242,880 "
            "(raise `max-file-size` in .cgolint.toml to analyse it)") in done.stdout
    assert_good_still_reported(done)


def test_the_size_limit_is_configurable(cli, write_tree):
    root = tree(write_tree, {"pkg/a.go": SYNTAX.format(pkg="pkg") + "// " + "x" * 3000 + "\n",
                             ".cgolint.toml": "max-file-size = 2000\n"})
    done = cli("./...", cwd=str(root))
    assert done.returncode == 2
    size = os.path.getsize(root / "pkg" / "a.go")
    assert f"pkg/a.go: error: skipped: file is {size:,} bytes, over the limit of 2,000" in done.stdout
    assert_good_still_reported(done)


@plugins_ok
def test_a_large_file_under_the_limit_is_analysed(cli, write_tree):
    rng = random.Random(5)
    lines = ['package gen', '', '/*', '#include <stdlib.h>', '*/', 'import "C"', 'import "unsafe"', '',
             'var table = []byte{']
    size = 0
    while size < 4_000_000:
        row = "\t" + ", ".join(f"0x{rng.randrange(256):02x}" for _ in range(16)) + ","
        lines.append(row)
        size += len(row) + 1
    lines += ["}", "", "func use() unsafe.Pointer { return C.CBytes(table) }", "", "func tail( {", "}", ""]
    # a generous time budget: this checks size handling, not speed on a loaded machine
    root = tree(write_tree, {"gen/gen.go": "\n".join(lines), ".cgolint.toml": "file-timeout = 300\n"})
    done = cli("./...", cwd=str(root))
    assert done.returncode == 1, done.stdout[-2000:]
    assert f"gen/gen.go:{len(lines) - 2}:11: CGL000 syntax error: missing `)`" in done.stdout
    assert_good_still_reported(done)


NESTING = {
    "parens": lambda n: "x := " + "(" * n + "1" + ")" * n,
    "negations": lambda n: "x := " + "-" * n + "1",
    "derefs": lambda n: "x := " + "*" * n + "p",
    "calls": lambda n: "C.f(" + "f(" * (n // 2) + ")" * (n // 2) + ")",
    "indexes": lambda n: "C.f(&x" + "[0]" * (n // 2) + ")",
    "selectors": lambda n: "C.f(&x" + ".f" * (n // 2) + ")",
    "blocks": lambda n: "{" * (n // 2) + "}" * (n // 2),
    "binary": lambda n: "x := 1" + " + 1" * n,
}


@plugins_ok
@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_deeply_nested_expressions(cli, write_tree, fmt):
    files = {
        f"deep/{name}.go": f'package deep\n\nimport "C"\nimport "unsafe"\n\nfunc {name}() {{\n\t{build(50_000)}\n}}\n'
        for name, build in NESTING.items()
    }
    # outside any function too: a constant expression nested 25,000 deep
    files["deep/toplevel.go"] = 'package deep\n\nimport "C"\n\nvar v = ' + "f(" * 25_000 + ")" * 25_000 + "\n"
    files[".cgolint.toml"] = "file-timeout = 300\n"  # every file must finish: no skip on a loaded machine
    root = tree(write_tree, files)
    done = cli("--format", fmt, "./...", cwd=str(root))
    assert "RecursionError" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert "internal error" not in done.stdout
    assert "took longer" not in done.stdout
    assert done.returncode == 1, done.stdout[-3000:]
    if fmt == "text":
        assert_good_still_reported(done)
    else:
        results = json.loads(done.stdout)["runs"][0]["results"]
        assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "good/a.go"
                   for r in results)


@plugins_ok
def test_unterminated_comments_and_strings(cli, write_tree):
    root = tree(write_tree, {
        "open/comment.go": 'package open\n\nimport "C"\n\nfunc f() {\n/* never closed\nfunc g() {}\n',
        "open/string.go": 'package open\n\nimport "C"\n\nfunc h() {\n\ts := "never closed\n}\n',
        "open/raw.go": 'package open\n\nimport "C"\n\nfunc k() {\n\ts := `never closed\n}\n',
        "open/preamble.go": 'package open\n\n/*\nint f(void) { return 1; }\n',
        "open/rune.go": "package open\n\nimport \"C\"\n\nvar r = '\n",
    })
    done = cli("./...", cwd=str(root))
    assert done.returncode == 1, done.stdout
    for name in ("comment", "string", "raw", "rune"):
        assert f"open/{name}.go:" in done.stdout and "CGL000" in done.stdout
    assert_good_still_reported(done)


@plugins_ok
def test_a_preamble_that_is_not_valid_c(cli, write_tree):
    preamble = textwrap.dedent("""\
        package cpre

        /*
        #include "missing.h"
        #include "self.h"
        #cgo noescape
        #define BROKEN(
        int f(int x { return x;
        struct { int ;
        typedef ;;;
        static char buf[08];
        void keep(void *p) { static void *k; k = p; }
        */
        import "C"

        func use() { C.f(1); C.keep(nil) }
        """)
    root = tree(write_tree, {"cpre/a.go": preamble, "cpre/self.h": '#include "self.h"\nint g(;\n'})
    done = cli("./...", cwd=str(root))
    assert done.returncode in (0, 1), done.stdout
    assert "cpre/" not in done.stdout.replace("cpre/a.go", "")  # nothing but findings of a.go itself
    assert_good_still_reported(done)


@plugins_ok
def test_a_directory_mixing_several_packages(cli, write_tree):
    root = tree(write_tree, {
        "mixed/a.go": SYNTAX.format(pkg="one"),
        "mixed/b.go": 'package two\n\nimport "C"\n',
        "mixed/c.go": 'package one\npackage three\n\nimport "C"\n',
        "mixed/gen.go": '//go:build ignore\n\npackage main\n\nimport "C"\n',
        "mixed/a_test.go": 'package one_test\n\nimport "C"\n',
    })
    done = cli("./...", cwd=str(root))
    assert done.returncode == 1, done.stdout  # warnings: the files are still analysed
    assert ("mixed: warning: files of several packages in one directory: one (a.go, a_test.go, c.go); "
            "two (b.go)") in done.stdout
    assert "mixed/c.go: warning: 2 `package` clauses in one file" in done.stdout
    assert "mixed/a.go:5:13: CGL000" in done.stdout
    assert_good_still_reported(done)


# --- symbolic links --------------------------------------------------------------
@plugins_ok
def test_symlink_loops_and_links_out_of_the_tree(cli, write_tree, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "far.go").write_text(SYNTAX.format(pkg="far"))
    root = tree(write_tree, {"loop/a.go": SYNTAX.format(pkg="loop")})
    os.symlink("..", root / "loop" / "up")                 # a directory loop
    os.symlink(".", root / "loop" / "here")
    os.symlink("self.go", root / "loop" / "self.go")       # a link to itself
    os.symlink("nowhere.go", root / "loop" / "dangling.go")
    os.symlink(outside / "far.go", root / "loop" / "far.go")
    os.symlink(outside, root / "outdir")
    walked = cli("./...", cwd=str(root))
    assert walked.returncode == 1, walked.stdout      # loops and dangling links in a walk are not errors
    assert "loop/a.go:5:13: CGL000" in walked.stdout
    assert "loop/far.go:5:13: CGL000" in walked.stdout  # a file link is a file of its package
    assert "outdir" not in walked.stdout                # a directory link is not followed, as `go` does
    assert_good_still_reported(walked)
    through = cli("loop/up/loop/here/a.go", cwd=str(root))
    assert through.returncode == 1 and "loop/up/loop/here/a.go:5:13: CGL000" in through.stdout
    named = cli("loop/self.go", "loop/dangling.go", "good", cwd=str(root))
    assert named.returncode == 2
    assert "loop/self.go: error: cannot read: Too many levels of symbolic links" in named.stdout
    assert "loop/dangling.go: error: cannot read: broken symbolic link" in named.stdout
    assert_good_still_reported(named)


# --- what the user names ------------------------------------------------------------
@plugins_ok
def test_a_named_file_among_broken_neighbours(cli, write_tree):
    root = tree(write_tree, {
        "pkg/named.go": SYNTAX.format(pkg="pkg"),
        "pkg/binary.go": b"\x00\x01\x02",
        "pkg/broken.go": b'package pkg\nimport "C"\n\xff((((\nfunc helper( {',
    })
    os.symlink("nowhere.go", root / "pkg" / "dangling.go")
    done = cli("pkg/named.go", cwd=str(root))
    assert done.returncode == 1, done.stdout   # the neighbours were not named: no error for them
    assert done.stdout.splitlines()[0] == "pkg/named.go:5:13: CGL000 syntax error: missing `)`"
    assert "binary" not in done.stdout and "broken.go" not in done.stdout


def test_two_patterns_naming_the_same_package(cli, write_tree):
    root = tree(write_tree, {})
    done = cli("good", "./good", "good/a.go", "good/...", "./good/a.go", cwd=str(root))
    assert done.stdout.count(GOOD_FINDING) == 1
    assert "1 file analysed" in done.stdout


# --- output and configuration --------------------------------------------------------
def test_output_to_an_unwritable_path(cli, write_tree):
    root = tree(write_tree, {"afile": "not a directory\n"})
    done = cli("-o", "afile/report.sarif", "--format", "sarif", "good", cwd=str(root))
    assert done.returncode == 2
    assert "cgolint: error: cannot write afile/report.sarif: Not a directory" in done.stderr
    to_dir = cli("-o", "good", "good", cwd=str(root))
    assert to_dir.returncode == 2
    assert "is a directory" in to_dir.stderr


@pytest.mark.parametrize("config, message", [
    ("select = [\n", "invalid TOML"),
    ("bogus = 1\n", "unknown setting(s) bogus"),
    ("max-file-size = -1\n", "`max-file-size` must be a positive number"),
    ("file-timeout = \"soon\"\n", "`file-timeout` must be a positive number"),
])
def test_a_bad_configuration_file(cli, write_tree, config, message):
    root = tree(write_tree, {".cgolint.toml": config})
    done = cli("good", cwd=str(root))
    assert done.returncode == 2
    assert done.stderr.startswith("cgolint: error: ")
    assert ".cgolint.toml" in done.stderr and message in done.stderr
    assert "Traceback" not in done.stderr


# --- every format says what could not be analysed -------------------------------------
def test_every_format_reports_what_could_not_be_analysed(cli, write_tree):
    root = tree(write_tree, {"bin/x.go": b"package bin\x00"})
    args = ("nosuch", "bin", "good")
    text = cli(*args, cwd=str(root))
    assert text.returncode == 2
    assert "bin/x.go: error: skipped: binary file" in text.stdout
    document = json.loads(cli("--format", "json", *args, cwd=str(root)).stdout)
    assert {(n["path"], n["level"]) for n in document["notifications"]} >= {("nosuch", "error"), ("bin/x.go", "error")}
    assert any(f["path"] == "good/a.go" and f["code"] == "CGL000" for f in document["findings"])
    sarif = cli("--format", "sarif", *args, cwd=str(root))
    assert sarif.returncode == 2
    invocation = json.loads(sarif.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = {(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["level"], n["message"]["text"])
             for n in invocation["toolExecutionNotifications"]}
    assert ("nosuch", "error", "no such file or directory") in notes
    assert ("bin/x.go", "error", "skipped: binary file (contains NUL bytes), not Go source") in notes
    assert any(r["ruleId"] == "CGL000" for r in json.loads(sarif.stdout)["runs"][0]["results"])
    github = cli("--format", "github", *args, cwd=str(root))
    assert github.returncode == 2
    assert "::error file=nosuch::no such file or directory" in github.stdout
    assert "::error file=bin/x.go::skipped: binary file (contains NUL bytes), not Go source" in github.stdout
    assert "::notice file=good/a.go,line=5,col=10" in github.stdout


# --- the time budget ----------------------------------------------------------------
_SLOW_FUNCTION = """func f{i}(b []byte, s string) {{
	var buf [64]byte
	p := C.malloc(C.size_t(len(b)))
	C.keep(&buf[0])
	C.use((*C.char)(unsafe.Pointer(&b[0])), C.CString(s))
	C.free(p)
}}
"""


def _slow_file(functions: int = 1200) -> str:
    """A file that parses in a blink (about 230 KB) and takes seconds to
    analyse: a thousand functions full of cgo calls for every rule (300 took
    about 1 s once the rules got faster: too close to the 1 s budgets below)."""
    return ('package slow\n\n/*\n#include <stdlib.h>\nstatic void *k;\nvoid keep(void *p) { k = p; }\n'
            'void use(char *p, char *q) {}\n*/\nimport "C"\nimport "unsafe"\n\n'
            + "".join(_SLOW_FUNCTION.format(i=i) for i in range(functions)))


@plugins_ok
def test_a_file_over_the_time_budget_is_skipped_with_its_reason(cli, write_tree):
    root = tree(write_tree, {"slow/a.go": _slow_file(), "slow/b.go": SYNTAX.format(pkg="slow"),
                             ".cgolint.toml": "file-timeout = 1\n"})
    done = cli("./...", cwd=str(root))
    assert done.returncode == 2, done.stdout
    assert ("slow/a.go: error: skipped: analysis took longer than the time budget of 1s per file "
            "(file-timeout); no finding of this file is reported") in done.stdout
    assert "slow/b.go:5:13: CGL000" in done.stdout  # the same package's other file is still analysed
    assert_good_still_reported(done)


@plugins_ok
def test_a_parse_over_the_time_budget_is_cancelled(cli, write_tree):
    body = "func f() { x := []int{" + ", ".join(["(1 + 2)"] * 40) + "}; _ = x }\n"
    big = 'package huge\n\nimport "C"\n\n' + body * 9000
    root = tree(write_tree, {"huge/a.go": big, ".cgolint.toml": "file-timeout = 0.2\n"})
    done = cli("./...", cwd=str(root))
    assert done.returncode == 2, done.stdout
    assert "huge/a.go: error: skipped: parsing took longer than the time budget of 0.2s" in done.stdout
    assert_good_still_reported(done)


@plugins_ok
def test_the_time_budget_works_in_worker_processes(cli, write_tree):
    from cgolint.runner import MIN_FILES_FOR_POOL

    files = {f"p{i:02d}/a.go": SYNTAX.format(pkg=f"p{i:02d}") for i in range(MIN_FILES_FOR_POOL + 4)}
    files.update({"slow/a.go": _slow_file(), ".cgolint.toml": "file-timeout = 1\n"})
    root = tree(write_tree, files)
    done = cli("--jobs", "2", "./...", cwd=str(root))
    assert done.returncode == 2, done.stdout
    assert "slow/a.go: error: skipped: analysis took longer than the time budget of 1s" in done.stdout
    assert done.stdout.count(": CGL000 ") == MIN_FILES_FOR_POOL + 5
    assert_good_still_reported(done)


@plugins_ok
def test_the_time_budget_works_outside_the_main_thread(write_tree):
    """The language server analyses in threads, where no timer signal arrives."""
    import threading
    from dataclasses import replace

    from cgolint.config import Settings
    from cgolint.engine import Analyzer
    from cgolint.loader import PackageJob

    root = tree(write_tree, {"slow/a.go": _slow_file()})
    settings = replace(Settings(root=str(root)), file_timeout=1)
    outcome = {}

    def work():
        job = PackageJob(str(root / "slow"), (str(root / "slow" / "a.go"),))
        outcome["result"] = Analyzer(load_rules(), settings, str(root)).analyze(job)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(120)
    assert not thread.is_alive()
    messages = [n.message for n in outcome["result"].notifications]
    assert len(messages) == 1 and messages[0].startswith("skipped: analysis took longer than the time budget of 1s")
