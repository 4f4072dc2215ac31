"""Go newer than the grammar is masked before parsing, byte for byte."""
from __future__ import annotations

from cgolint.engine import parse_file
from cgolint.newer_syntax import masked_calls, masked_methods, renamed_builtins, unmasked
from cgolint.source import SourceFile

SOURCE = b"""package p

type S struct{ n int }

func (s *S) Len[T interface{ ~string | ~[]byte }](
\tx T) int { return s.n }

func f(s string) *int {
\tt := new(int)
\tp := new(len(s)) // Go 1.26
\treturn p
}
"""


def test_methods_lose_their_type_parameters_and_nothing_moves():
    masked = masked_methods(SOURCE)
    assert masked is not None and len(masked) == len(SOURCE)
    assert masked.count(b"\n") == SOURCE.count(b"\n")
    assert b"func (s *S) Len" in masked and b"[T" not in masked and b"(\n\tx T) int" in masked
    assert masked_methods(b"package p\nfunc f[T any](x T) {}\n") is None  # a generic function parses


def test_only_calls_an_error_touches_are_renamed():
    source = SourceFile.parse("p.go", "p.go", masked_methods(SOURCE), frozenset())
    assert source.root.has_error
    masked = masked_calls(source.data, source.error_nodes)
    assert masked is not None and len(masked) == len(SOURCE)
    assert b"t := new(int)" in masked and b"p := _ew(len(s))" in masked


def test_the_engine_parses_the_masked_bytes_and_keeps_the_original():
    source = parse_file("p.go", SOURCE)
    assert not source.root.has_error
    assert source.data == SOURCE
    method = next(n for n in source.root.named_children if n.type == "method_declaration")
    name = method.child_by_field_name("name")
    assert name.text == b"Len" and source.position(name.start_byte) == source.position(SOURCE.index(b"Len["))


def test_a_real_syntax_error_stays_one():
    assert parse_file("p.go", b"package p\nfunc f() { x := new(int) + }\n").root.has_error


CGO_NEW_EXPR = """package p

/*
static void use(int *p, int n) {}
*/
import "C"
import "unsafe"

func F(s []int, n int) {
\tC.use((*C.int)(unsafe.Pointer(&s[*new(int(n))])), 4)
}
"""


def test_messages_quote_new_as_written(cli, write_tree):
    root = write_tree({"go.mod": "module p\n\ngo 1.26\n", "a.go": CGO_NEW_EXPR})
    done = cli("--no-cache", "--select", "CGL002", ".", cwd=str(root))
    assert "CGL002 `&s[*new(int(n))]` of []int" in done.stdout, done.stdout
    assert "_ew" not in done.stdout


def test_unmasked_spells_back_only_renamed_calls():
    assert unmasked("`_ew(int(n))` and _ake ( x ) but not x._ew(1) or my_ew(2) or _ewer(3)") == \
        "`new(int(n))` and make ( x ) but not x._ew(1) or my_ew(2) or _ewer(3)"


def test_a_function_named_like_a_renamed_builtin_keeps_its_name():
    assert renamed_builtins(b"func _ew(n int) *T { return nil }\nvar p = new(int(3))\n") == frozenset({"make"})
    assert unmasked("`_ew(n)` and `_ake(4)`", frozenset({"make"})) == "`_ew(n)` and `make(4)`"
