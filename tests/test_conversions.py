"""Facts of cgolint/conversions.py and of the modules beside it (layouts,
emptiness, nul_termination, toolchain) on small, exact snippets."""
from __future__ import annotations

from cgolint.conversions import (
    container_type,
    element_address,
    enclosing_deref,
    pointer_conversion,
    pointer_flow,
)
from cgolint.emptiness import known_nonempty, length_checked
from cgolint.layouts import layout_mismatch
from cgolint.model import PackageModel
from cgolint.nul_termination import bytes_terminated, string_terminated
from cgolint.source import SourceFile, text, walk
from cgolint.toolchain import go_version_at_least, module_go_minor

SOURCE = '''package p

/*
#include <stdint.h>
typedef int32_t sample_t;
struct point { int x; int y; };
void take(int *p, long n);
*/
import "C"
import u "unsafe"

type Point struct{ X, Y int }

func f(s []int, b []byte, name string) {
	x := (*C.int)(u.Pointer(&s[0]))
	C.take(x, 1)
	if len(b) == 0 {
		return
	}
	_ = &b[0]
	t := []byte(name)
	v := append([]byte(name), 0)
	w := make([]byte, len(name)+1)
	_, _, _ = t, v, w
	_ = *(*string)(u.Pointer(&b))
	_ = *(*[]byte)(u.Pointer(&name))
	_ = name + "\\x00"
}
'''


def model_for(tmp_path):
    path = tmp_path / "p.go"
    path.write_text(SOURCE)
    source = SourceFile.parse(str(path), "p.go", path.read_bytes())
    return source, PackageModel(str(tmp_path), [source])


def nodes(source, kind, spelling):
    return [n for n in walk(source.root) if n.type == kind and text(n) == spelling]


def test_element_address_through_aliased_unsafe_and_a_variable(tmp_path):
    source, model = model_for(tmp_path)
    address = element_address(nodes(source, "unary_expression", "&s[0]")[0], source, model)
    assert text(address.container) == "s" and address.index_is_zero
    assert str(container_type(address, source, model)) == "[]int"
    flow = pointer_flow(address.node, source, model)
    assert flow.reaches_c
    assert [s.kind for s in flow.sinks] == ["conversion", "c_argument"]
    assert flow.sinks[1].c_name == "take" and flow.sinks[1].hops[0].symbol.name == "x"


def test_layouts_on_lp64(tmp_path):
    source, model = model_for(tmp_path)
    from cgolint.gotypes import GoType
    c = lambda name: GoType("c", name)  # noqa: E731
    basic = lambda name: GoType("basic", name)  # noqa: E731
    assert layout_mismatch(basic("int"), c("int"), model).reason == "size"
    assert layout_mismatch(basic("int64"), c("sample_t"), model).c.size == 4
    assert layout_mismatch(basic("float32"), c("int"), model).reason == "kind"
    assert layout_mismatch(basic("int32"), c("int"), model) is None
    assert layout_mismatch(basic("int"), c("long"), model) is None
    assert layout_mismatch(basic("byte"), c("int"), model) is None  # a byte view is not judged
    assert layout_mismatch(GoType("named", "Point"), c("struct_point"), model).go.size == 16
    assert layout_mismatch(c("unknown_t"), c("int"), model) is None  # unknown stays unknown


def test_length_checks_and_emptiness(tmp_path):
    source, model = model_for(tmp_path)
    first_s = nodes(source, "unary_expression", "&s[0]")[0]
    first_b = nodes(source, "unary_expression", "&b[0]")[0]
    assert not length_checked(first_s.child_by_field_name("operand").child_by_field_name("operand"), first_s, source, model)
    assert length_checked(first_b.child_by_field_name("operand").child_by_field_name("operand"), first_b, source, model)
    w = nodes(source, "identifier", "w")[0]
    t = nodes(source, "identifier", "t")[0]
    assert known_nonempty(w, source, model)       # make([]byte, len(name)+1)
    assert not known_nonempty(t, source, model)   # []byte(name) of a parameter


def test_termination(tmp_path):
    source, model = model_for(tmp_path)
    at = nodes(source, "identifier", "w")[-1]
    assert bytes_terminated(nodes(source, "identifier", "t")[0], at, source, model) is False
    assert bytes_terminated(nodes(source, "identifier", "v")[0], at, source, model) is True
    assert bytes_terminated(nodes(source, "identifier", "w")[0], at, source, model) is None
    assert string_terminated(nodes(source, "binary_expression", 'name + "\\x00"')[0], source, model) is True
    assert string_terminated(nodes(source, "identifier", "name")[-1], source, model) is False


def test_both_shapes_of_a_dereferenced_conversion(tmp_path):
    source, model = model_for(tmp_path)
    # `*(*[]byte)(p)`: tree-sitter folds the `*` into a type_conversion_expression's type
    folded = next(n for n in walk(source.root) if n.type == "type_conversion_expression" and text(n).startswith("*("))
    conversion = pointer_conversion(folded, source)
    assert conversion.deref and str(conversion.target) == "*[]byte" and enclosing_deref(conversion) == folded
    # `*(*string)(p)`: a unary `*` over a call
    unary = nodes(source, "unary_expression", "*(*string)(u.Pointer(&b))")[0]
    conversion = pointer_conversion(unary.child_by_field_name("operand"), source)
    assert not conversion.deref and str(conversion.target) == "*string" and enclosing_deref(conversion) == unary


def test_go_version_from_go_mod(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "go.mod").write_text("module m\n\ngo 1.19\n")
    (tmp_path / "old" / "sub").mkdir()
    assert not go_version_at_least(PackageModel(str(tmp_path / "old" / "sub"), []), 20)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "go.mod").write_text("module m\n\ngo 1.22.1\n")
    assert go_version_at_least(PackageModel(str(tmp_path / "new"), []), 20)
    (tmp_path / "nogo").mkdir()
    (tmp_path / "nogo" / "go.mod").write_text("module m\n")
    assert module_go_minor(str(tmp_path / "nogo")) is None and module_go_minor(str(tmp_path / "new")) == 22


def test_an_edited_go_mod_counts_at_the_next_analysis(tmp_path):
    """The language server lives for hours: a bumped `go` line must not wait for a restart."""
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.19\n")
    assert not go_version_at_least(PackageModel(str(tmp_path), []), 20)
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    assert go_version_at_least(PackageModel(str(tmp_path), []), 20)
