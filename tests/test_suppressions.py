"""Which suppression comments are reported, when not every rule runs: a
comment is judged unused only if every rule it could silence ran."""
from __future__ import annotations

import os

from cgolint.config import Settings
from cgolint.engine import Analyzer
from cgolint.loader import PackageJob, go_files
from cgolint.registry import load_rules

# CGL008 finds `unsafe.StringData(s)` handed to C.strlen; the comment names it
# beside CGL001, which finds nothing here.
NAMED = '''package p

// #include <string.h>
import "C"

import "unsafe"

func Len(s string) int {
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) //cgolint:ignore CGL001,CGL008 callers pass terminated strings
}
'''

UNEXPLAINED = '''package p

import "C"

func f() {} //nolint:cgolint
'''


def found(tmp_path, source: str, select: tuple[str, ...] = ("CGL",), ignore: tuple[str, ...] = ()) -> list[str]:
    (tmp_path / "p.go").write_text(source)
    settings = Settings(select=select, ignore=ignore, root=str(tmp_path))
    job = PackageJob(str(tmp_path), tuple(go_files(str(tmp_path))))
    return [f"{f.code} {f.message}" for f in Analyzer(load_rules(), settings).analyze(job).findings]


def test_a_suppression_is_not_unused_while_a_rule_it_names_did_not_run(tmp_path):
    assert found(tmp_path, NAMED) == []
    assert found(tmp_path, NAMED, select=("CGL001", "CGL100")) == []
    assert found(tmp_path, NAMED, select=("CGL008", "CGL100")) == []  # used by the CGL008 finding


def test_an_unused_suppression_is_reported_when_every_rule_it_names_ran(tmp_path):
    source = NAMED.replace("unsafe.StringData(s)", "unsafe.StringData(s+\"\\x00\")")
    assert [f for f in found(tmp_path, source) if f.startswith("CGL100")] == [
        "CGL100 unused suppression: `//cgolint:ignore` suppresses no CGL001, CGL008 finding; remove it"]


def test_without_the_unused_rule_an_unexplained_suppression_is_still_reported(tmp_path):
    assert [f.split()[0] for f in found(tmp_path, UNEXPLAINED)] == ["CGL100"]
    assert found(tmp_path, UNEXPLAINED, ignore=("CGL100",)) == [
        "CGL101 `//nolint:cgolint` gives no reason: say why the finding is safe to ignore"]


# CGL011 points into the C of a `/* */` preamble, where only a C line
# comment can carry a directive: trailing, or alone on the line above.
IN_PREAMBLE = '''package p

/*
int calls; // cgolint:ignore CGL011 linked with --allow-multiple-definition
// cgolint:ignore CGL011 linked with --allow-multiple-definition
int limit = 10;
int total;
static int hidden; // cgolint:ignore CGL011 nothing to silence
// see http://example.com/nolint and //nolint for another tool
*/
import "C"

//export GoTick
func GoTick() {}
'''



# ...after a `//` inside a C string, after the `/*` that opens the block, on
# the name's line of a GNU-style definition, and in a preamble of `//` lines
# (where the directive must be a C comment: `// int n; // cgolint:...`).
MORE_IN_PREAMBLE = {
    "block.go": """package p

/* // cgolint:ignore CGL011 linked with --allow-multiple-definition
int hits;
const char *home = "http://example.com"; // cgolint:ignore CGL011 the string holds a //
int
gnu_style(void) // cgolint:ignore CGL011 the finding is on the line of the name
{ return 0; }
*/
import "C"

//export GoTick
func GoTick() {}
""",
    "lines.go": """package p

// int calls; // cgolint:ignore CGL011 a preamble of line comments
// // cgolint:ignore CGL011 alone on its line
// int limit;
// int total;
import "C"

//export GoTock
func GoTock() {}
""",
}


def _lines_and_codes(tmp_path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    for name, source in files.items():
        (tmp_path / name).write_text(source)
    job = PackageJob(str(tmp_path), tuple(go_files(str(tmp_path))))
    findings = Analyzer(load_rules(), Settings(root=str(tmp_path))).analyze(job).findings
    return [(os.path.basename(f.path), f.start.line, f.code) for f in findings]


def test_directives_in_a_preamble_cover_its_c_lines(tmp_path):
    assert _lines_and_codes(tmp_path, {"p.go": IN_PREAMBLE}) == [("p.go", 7, "CGL011"), ("p.go", 8, "CGL100")]


def test_directives_after_strings_block_openers_and_in_line_preambles(tmp_path):
    assert _lines_and_codes(tmp_path, MORE_IN_PREAMBLE) == [("lines.go", 6, "CGL011")]


# golangci-lint's own directives: a bare `//nolint` (or `//nolint:all`) is
# aimed at every linter, so cgolint honours it but does not judge it.
NOLINTS = '''package p

/*
static int get(void *p) { return *(int *)p; }
*/
import "C"

import "unsafe"

func bare() int {
	var i C.int
	C.get(unsafe.Pointer(&i)) //nolint
	return int(i)
}

func all(s string) {
	C.get(unsafe.Pointer(C.CString(s))) //nolint:all
}

func named() {} //nolint:cgolint // nothing to silence here

func shared() {} //nolint:cgolint,errcheck // errcheck's, and once cgolint's
'''


def test_golangci_lint_directives_for_every_linter_are_honoured_but_not_judged(tmp_path):
    assert found(tmp_path, NOLINTS) == [
        "CGL100 unused suppression: `//nolint:cgolint` suppresses no cgolint finding; remove it",
        "CGL100 unused suppression: `//nolint:cgolint,errcheck` suppresses no cgolint finding; take cgolint out of it"]
