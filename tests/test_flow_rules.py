"""CGL005 c-memory-leak and CGL006 c-use-after-free: per-rule options, fix
safety and robustness (the testdata harness runs with default settings)."""
from __future__ import annotations

import os
import textwrap

import pytest

from cgolint.config import Settings
from cgolint.engine import Analyzer
from cgolint.loader import PackageJob, go_files
from cgolint.registry import load_rules

PREAMBLE = """\
package p

/*
#include <stdio.h>
#include <stdlib.h>
char *my_alloc(int n);
void my_free(char *p);
void set_owner(char *p);
*/
import "C"

import "unsafe"

var _ unsafe.Pointer
"""


def run(tmp_path, body: str, options: dict | None = None, select=("CGL005", "CGL006"), preamble=PREAMBLE):
    directory = tmp_path / "pkg"
    directory.mkdir(exist_ok=True)
    (directory / "p.go").write_text(preamble + textwrap.dedent(body))
    settings = Settings(select=select, root=str(directory), rule_options=options or {})
    job = PackageJob(str(directory), tuple(go_files(str(directory))))
    result = Analyzer(load_rules(), settings, base=str(directory)).analyze(job)
    assert not result.notifications, result.notifications
    return sorted(result.findings, key=lambda f: f.sort_key)


def lines(findings, code):
    return [(f.start.line, f.message) for f in findings if f.code == code]


def test_custom_allocator_is_tracked_only_with_the_option(tmp_path):
    body = """
    func F() {
    \tp := C.my_alloc(8)
    \tC.puts(p)
    }
    """
    assert run(tmp_path, body) == []
    found = run(tmp_path, body, {"CGL005": {"allocators": ["my_alloc"]}})
    assert [f.code for f in found] == ["CGL005"]
    assert "C.my_alloc" in found[0].message and "never freed" in found[0].message
    # no C.free advice (or fix) for memory of an allocator we do not know how to free
    assert "C.free" not in found[0].message and found[0].fix is None


def test_custom_free_releases_and_is_checked_for_use_after_free(tmp_path):
    body = """
    func F(s string) {
    \tp := C.CString(s)
    \tC.my_free(p)
    }

    func G(s string) {
    \tp := C.CString(s)
    \tC.my_free(p)
    \tC.puts(p)
    }
    """
    default = run(tmp_path, body)
    assert [f.code for f in default] == ["CGL005", "CGL005"]   # my_free is an ordinary C function
    options = {"CGL005": {"frees": ["my_free"]}, "CGL006": {"frees": ["C.my_free"]}}
    found = run(tmp_path, body, options)
    assert [(f.code, f.start.line) for f in found] == [("CGL006", found[0].start.line)]
    assert "`p` is passed to C.puts after C.my_free freed it" in found[0].message


def test_takes_ownership_option(tmp_path):
    body = """
    func F(s string) {
    \tC.set_owner(C.CString(s))
    \tp := C.CString(s)
    \tC.set_owner(p)
    }
    """
    assert len(run(tmp_path, body)) == 2
    assert run(tmp_path, body, {"CGL005": {"takes-ownership": ["set_owner"]}}) == []


def test_leak_message_names_variable_allocation_path_and_fix(tmp_path):
    found = run(tmp_path, """
    func F(s string, bad bool) error {
    \tcs := C.CString(s)
    \tif bad {
    \t\treturn nil
    \t}
    \tC.free(unsafe.Pointer(cs))
    \treturn nil
    }
    """)
    (finding,) = found
    assert finding.start.line == 17
    assert finding.message.startswith("`cs` holds C memory from C.CString that is leaked on the return at line 19")
    assert "defer C.free(unsafe.Pointer(cs))" in finding.message
    assert finding.fix is None   # freed on another path: a defer would free twice


def test_fix_is_safe_only_when_no_c_function_may_keep_the_pointer(tmp_path):
    libc = run(tmp_path, """
    func F(s string) {
    \tcs := C.CString(s)
    \tC.puts(cs)
    }
    """)
    assert libc[0].fix is not None and libc[0].fix.safe
    unknown = run(tmp_path, """
    func F(s string) {
    \tcs := C.CString(s)
    \tC.set_owner(cs)
    }
    """)
    assert unknown[0].fix is not None and not unknown[0].fix.safe
    assert unknown[0].fix.edits[0].replacement == "\n\tdefer C.free(unsafe.Pointer(cs))"


def test_a_pointer_turned_into_a_c_integer_is_not_followed(tmp_path):
    # C.uintptr_t(uintptr(p)) launders the pointer: release may free it, so
    # `defer C.free(p)` would free it twice; C.gpointer(p) hands it on
    preamble = PREAMBLE.replace("void set_owner(char *p);\n", "#include <stdint.h>\ntypedef void *gpointer;\n"
                                "static void release(uintptr_t a) { free((void *)a); }\n"
                                "static void take(gpointer p) { free(p); }\n")
    found = run(tmp_path, """
    func F() {
    \tp := C.malloc(16)
    \tC.release(C.uintptr_t(uintptr(p)))
    \tq := C.malloc(16)
    \tC.take(C.gpointer(q))
    }
    """, preamble=preamble)
    assert [f.message.split("`")[1] for f in found] == ["p"]
    assert found[0].fix is not None and not found[0].fix.safe


def test_fix_needs_unsafe_imported_for_char_pointers(tmp_path):
    preamble = PREAMBLE.replace('import "unsafe"\n\nvar _ unsafe.Pointer\n', "")
    found = run(tmp_path, """
    func F(s string) {
    \tcs := C.CString(s)
    \tC.puts(cs)
    \tp := C.malloc(8)
    \tC.puts((*C.char)(p))
    }
    """, preamble=preamble)
    by_name = {f.message.split("`")[1]: f for f in found}
    assert by_name["cs"].fix is None                   # C.free(unsafe.Pointer(cs)) needs unsafe
    assert by_name["p"].fix.edits[0].replacement == "\n\tdefer C.free(p)"


def test_missing_stdlib_is_mentioned_and_makes_the_fix_unsafe(tmp_path):
    preamble = PREAMBLE.replace("#include <stdlib.h>\n", "")
    (finding,) = run(tmp_path, """
    func F(s string) {
    \tcs := C.CString(s)
    \tC.puts(cs)
    }
    """, preamble=preamble)
    assert "add `#include <stdlib.h>` to the cgo preamble" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_use_after_free_is_not_also_reported_as_a_leak(tmp_path):
    found = run(tmp_path, """
    func F(s string) {
    \tcs := C.CString(s)
    \tC.free(unsafe.Pointer(cs))
    \tC.puts(cs)
    }
    """)
    assert [f.code for f in found] == ["CGL006"]


@pytest.mark.parametrize("depth", [2000])
def test_deeply_nested_function_does_not_fail(tmp_path, depth):
    body = "func F(s string) {\n\tcs := C.CString(s)\n" + "if len(s) > 0 {\n" * depth + \
        "C.puts(cs)\n" + "}\n" * depth + "}\n"
    found = run(tmp_path, body)
    assert [f.code for f in found] == ["CGL005"]


def test_files_without_cgo_are_ignored(tmp_path):
    directory = tmp_path / "plain"
    directory.mkdir()
    (directory / "p.go").write_text('package p\n\nimport "unsafe"\n\nfunc F() { _ = unsafe.Pointer(nil) }\n')
    settings = Settings(select=("CGL005", "CGL006"), root=str(directory))
    job = PackageJob(str(directory), tuple(go_files(str(directory))))
    assert Analyzer(load_rules(), settings).analyze(job).findings == []
    assert os.path.exists(directory / "p.go")
