"""CGL004 unpinned-go-pointer, CGL009 linkname-runtime-internal and CGL010
export-returns-go-pointer: their testdata, their options and levels, and
the shared facts of cgolint.pinning, go_pointers and handles."""
from __future__ import annotations

import os

import pytest

from cgolint.config import Settings
from cgolint.engine import Analyzer, parse_file
from cgolint.go_pointers import go_pointer
from cgolint.handles import is_handle
from cgolint.loader import PackageJob, go_files
from cgolint.model import PackageModel
from cgolint.pinning import function_pins
from cgolint.registry import load_rules
from cgolint.rule import DOC_SECTIONS, Level
from cgolint.source import text, walk
from cgolint.testing import check_dir, package_dirs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDATA = os.path.join(ROOT, "testdata")
RULE_DIRS = ("cgl004_unpinned_go_pointer", "cgl009_linkname_runtime_internal", "cgl010_export_returns_go_pointer")
PACKAGES = [p for d in RULE_DIRS for p in package_dirs(os.path.join(TESTDATA, d))]


@pytest.mark.parametrize("directory", PACKAGES, ids=[os.path.relpath(p, TESTDATA) for p in PACKAGES])
def test_testdata(directory):
    assert check_dir(directory) == []


@pytest.mark.parametrize("code", ["CGL004", "CGL009", "CGL010"])
def test_documentation_has_every_section(code):
    rule = load_rules().by_code(code)
    assert rule is not None
    doc = rule.doc()
    assert doc.summary
    assert [s for s in DOC_SECTIONS if s not in doc.sections] == []


def _findings(directory, code, options=None):
    settings = Settings(select=(code,), root=directory, rule_options=options or {})
    job = PackageJob(directory, tuple(go_files(directory)))
    result = Analyzer(load_rules(), settings, base=directory).analyze(job)
    assert result.notifications == []
    return result.findings


def test_keeps_pointer_option_marks_a_c_function_as_keeping():
    directory = os.path.join(TESTDATA, "cgl004_unpinned_go_pointer", "keeps")
    before = {(f.start.line, f.message) for f in _findings(directory, "CGL004")}
    after = _findings(directory, "CGL004", {"CGL004": {"keeps-pointer": ["process:0"]}})
    added = [f for f in after if (f.start.line, f.message) not in before]
    assert len(added) == 1
    assert added[0].message.startswith("`C.process` keeps its `data` argument after it returns")
    assert added[0].level is Level.ERROR
    # another index of the same function does not match
    other = _findings(directory, "CGL004", {"CGL004": {"keeps-pointer": ["process:1"]}})
    assert len(other) == len(before)


def test_levels_per_finding():
    pins = _findings(os.path.join(TESTDATA, "cgl004_unpinned_go_pointer", "pinner"), "CGL004")
    assert pins and all(f.level is Level.WARNING for f in pins)
    stores = _findings(os.path.join(TESTDATA, "cgl004_unpinned_go_pointer", "stores"), "CGL004")
    assert stores and all(f.level is Level.ERROR for f in stores)
    links = {f.message.split("`")[1]: f.level for f in
             _findings(os.path.join(TESTDATA, "cgl009_linkname_runtime_internal", "pulls"), "CGL009")}
    assert links["//go:linkname nanotime runtime.nanotime"] is Level.WARNING   # marked by the runtime
    assert links["//go:linkname casgstatus runtime.casgstatus"] is Level.ERROR  # the linker rejects it


def test_linkname_silent_in_go_distribution(tmp_path):
    source = "package p\n\nimport _ \"unsafe\"\n\n//go:linkname f runtime.casgstatus\nfunc f()\n"
    package = tmp_path / "p"
    package.mkdir()
    (package / "p.go").write_text(source)
    assert len(_findings(str(package), "CGL009")) == 1
    (tmp_path / "go.mod").write_text("module std\n\ngo 1.23\n")
    assert _findings(str(package), "CGL009") == []


def _model(tmp_path, source):
    path = tmp_path / "x.go"
    path.write_text(source)
    parsed = parse_file(str(path), source.encode())
    return parsed, PackageModel(str(tmp_path), [parsed])


def test_function_pins_facts(tmp_path):
    source, package = _model(tmp_path, '''package p

import "runtime"

func f(a, b *int) {
	var p runtime.Pinner
	defer p.Unpin()
	p.Pin(a)
	q := new(runtime.Pinner)
	q.Pin(b)
	go func() { q.Unpin() }()
}
''')
    function = next(n for n in walk(source.root) if n.type == "function_declaration")
    pins = function_pins(package, source, function)
    by_name = {p.name: p for p in pins.pinners}
    assert set(by_name) == {"p", "q"}
    assert len(by_name["p"].pins) == 1 and len(by_name["p"].deferred_unpins) == 1 and not by_name["p"].escapes
    assert by_name["q"].escapes  # unpinned by a goroutine: at a time the analysis cannot order
    assert len(pins.pin_calls) == 2
    assert pins.deferred_unpin() is by_name["p"]


def test_handles_and_pointers(tmp_path):
    source, package = _model(tmp_path, '''package p

import "C"

import (
	"runtime/cgo"
	"unsafe"
)

type T struct{ p *int }

func f(v *T) {
	h := cgo.NewHandle(v)
	use(C.uintptr_t(h))
	x := &T{}
	use(unsafe.Pointer(x))
	use(unsafe.Pointer(&v.p))
}
''')
    args = [n.child_by_field_name("arguments").named_children[0] for n in walk(source.root)
            if n.type == "call_expression" and text(n.child_by_field_name("function")) == "use"]
    assert is_handle(args[0], package, source)
    assert not is_handle(args[1], package, source)
    pointer = go_pointer(args[1], package, source)
    assert pointer.origin == "go" and pointer.is_go and str(pointer.memory) == "T"
    assert pointer.what == "`x` (*T)"
    field = go_pointer(args[2], package, source)
    assert field.memory is not None and field.memory.kind == "pointer"


def test_knows_length_option_silences_a_c_function_that_knows_the_size():
    directory = os.path.join(TESTDATA, "cgl003_missing_length_argument", "slots")
    before = _findings(directory, "CGL003")
    oid = [f for f in before if "C.oid_fmt" in f.message]
    assert oid
    after = _findings(directory, "CGL003", {"CGL003": {"knows-length": ["C.oid_fmt:0"]}})
    assert not [f for f in after if "C.oid_fmt" in f.message]
    assert len(after) == len(before) - len(oid)
    # another argument of the same function does not match
    assert len(_findings(directory, "CGL003", {"CGL003": {"knows-length": ["oid_fmt:1"]}})) == len(before)


def test_keeps_pointer_option_forms_for_local_arrays():
    directory = os.path.join(TESTDATA, "cgl001_local_array_to_c", "extents")
    before = _findings(directory, "CGL001")
    for entry in ("oid_hex", "C.oid_hex", "oid_hex:0", " oid_hex : 0 "):
        after = _findings(directory, "CGL001", {"CGL001": {"keeps-pointer": [entry]}})
        kept = [f for f in after if "C.oid_hex keeps the pointer" in f.message]
        assert len(kept) == 2, entry  # the fitting array and the short one: both kept now
    assert not [f for f in before if "keeps the pointer" in f.message and "oid_hex" in f.message]
