"""The per-function control-flow graph (cgolint.flow), nil tests (cgolint.nil_tests) and the pointer facts of C allocations (cgolint.ownership)."""
from __future__ import annotations

import textwrap

from cgolint.flow import Flow
from cgolint.nil_tests import nil_when
from cgolint.source import SourceFile, text


def parse(body: str, params: str = "") -> tuple[SourceFile, Flow]:
    source = SourceFile.parse("x.go", "x.go", ("package p\n\nfunc f(" + params + ") {\n"
                                               + textwrap.indent(textwrap.dedent(body), "\t") + "}\n").encode())
    function = next(n for n in source.root.named_children if n.type == "function_declaration")
    return source, Flow(function)


def node(flow: Flow, snippet: str):
    """The flow node whose source text is `snippet` (exactly one)."""
    found = [n for n in flow.nodes if n.ast is not None and text(n.ast) == snippet]
    assert len(found) == 1, (snippet, [text(n.ast) for n in flow.nodes if n.ast is not None])
    return found[0]


def reaches(flow: Flow, a, b) -> bool:
    return any(n.id == b.id for n in flow.reach(a.id))


def reachable_from_entry(flow: Flow, target) -> bool:
    return any(n.id == target.id for n in flow.reach(flow.entry))


def test_straight_line_reaches_end_through_every_statement():
    _, flow = parse("a()\nb()\n")
    a, b = node(flow, "a()"), node(flow, "b()")
    assert [n.id for n in flow.reach(flow.entry)] == [a.id, b.id, flow.end]
    assert [n.kind for n in flow.exits] == ["end"]


def test_if_else_branches_are_labelled_and_join():
    _, flow = parse("""
        if x > 0 {
        \ta()
        } else {
        \tb()
        }
        c()
    """)
    cond = node(flow, "x > 0")
    branches = {(flow.nodes[t].ast and text(flow.nodes[t].ast), b.value) for t, b in cond.succs}
    assert branches == {("a()", True), ("b()", False)}
    assert not reaches(flow, node(flow, "a()"), node(flow, "b()"))
    assert reaches(flow, node(flow, "a()"), node(flow, "c()"))
    assert reaches(flow, node(flow, "b()"), node(flow, "c()"))


def test_early_return_is_an_exit_and_cuts_the_path():
    _, flow = parse("""
        if err != nil {
        \treturn
        }
        free()
    """)
    ret = next(n for n in flow.nodes if n.kind == "return")
    assert ret.succs == [] and ret.is_exit
    assert not reaches(flow, ret, node(flow, "free()"))
    assert reaches(flow, node(flow, "err != nil"), node(flow, "free()"))


def test_code_after_return_is_unreachable():
    _, flow = parse("return\ndead()\n")
    assert not reachable_from_entry(flow, node(flow, "dead()"))


def test_panic_and_fatal_do_not_return():
    _, flow = parse("""
        if a {
        \tpanic("x")
        }
        if b {
        \tos.Exit(1)
        }
        if c {
        \tt.Fatalf("bad")
        }
        after()
    """)
    for snippet in ('panic("x")', "os.Exit(1)", 't.Fatalf("bad")'):
        stop = node(flow, snippet)
        assert stop.kind == "noreturn" and stop.succs == []
    assert not any(n.kind == "noreturn" for n in flow.exits)


def test_for_loop_has_back_edge_and_exit():
    _, flow = parse("""
        for i := 0; i < n; i++ {
        \tbody()
        }
        after()
    """)
    body, post, cond = node(flow, "body()"), node(flow, "i++"), node(flow, "i < n")
    assert reaches(flow, body, body)            # around the loop
    assert reaches(flow, body, post) and reaches(flow, post, cond)
    assert (node(flow, "after()").id, ) == tuple(t for t, b in cond.succs if b is not None and not b.value)


def test_range_and_bare_loops():
    _, flow = parse("""
        for _, v := range xs {
        \tuse(v)
        }
        for {
        \tspin()
        }
        never()
    """)
    assert reaches(flow, node(flow, "use(v)"), node(flow, "spin()"))
    assert reaches(flow, node(flow, "spin()"), node(flow, "spin()"))
    assert not reachable_from_entry(flow, node(flow, "never()"))
    assert flow.end not in {n.id for n in flow.reach(flow.entry)}


def test_break_and_continue_with_and_without_labels():
    _, flow = parse("""
        outer:
        for _, x := range xs {
        \tfor _, y := range ys {
        \t\tif y == 1 {
        \t\t\tcontinue outer
        \t\t}
        \t\tif y == 2 {
        \t\t\tbreak outer
        \t\t}
        \t\tif y == 3 {
        \t\t\tbreak
        \t\t}
        \t\tinner()
        \t}
        \ttail(x)
        }
        after()
    """)
    # `continue outer` skips tail(x); `break outer` goes straight to after()
    continue_cond = node(flow, "y == 1")
    target = next(t for t, b in continue_cond.succs if b is not None and b.value)
    assert flow.nodes[target].kind == "range" and text(flow.nodes[target].ast).endswith("xs")
    break_cond = node(flow, "y == 2")
    target = next(t for t, b in break_cond.succs if b is not None and b.value)
    assert target == node(flow, "after()").id
    plain_break = node(flow, "y == 3")  # leaves the inner loop only
    target = next(t for t, b in plain_break.succs if b is not None and b.value)
    assert target == node(flow, "tail(x)").id


def test_switch_cases_fallthrough_and_missing_default():
    _, flow = parse("""
        switch x {
        case 1:
        \tone()
        \tfallthrough
        case 2:
        \ttwo()
        case 3:
        \treturn
        }
        after()
    """)
    one, two, after = node(flow, "one()"), node(flow, "two()"), node(flow, "after()")
    assert [t for t, _ in one.succs] == [two.id]   # fallthrough goes to the next body
    assert reaches(flow, two, after)
    head = node(flow, "x")
    assert after.id in [t for t, _ in head.succs]  # no default: the switch may match nothing


def test_tagless_switch_case_edges_carry_the_condition():
    _, flow = parse("""
        switch {
        case p == nil:
        \treturn
        default:
        \tuse(p)
        }
    """)
    head = next(n for n in flow.nodes if n.kind == "cond")
    labels = [b for _, b in head.succs if b is not None]
    assert [text(b.condition) for b in labels] == ["p == nil"] and labels[0].value


def test_type_switch_and_select():
    _, flow = parse("""
        switch v := x.(type) {
        case int:
        \tuse(v)
        default:
        \treturn
        }
        select {
        case m := <-ch:
        \tgot(m)
        case out <- 1:
        \tbreak
        }
        after()
    """)
    assert reaches(flow, node(flow, "use(v)"), node(flow, "m := <-ch"))
    assert reaches(flow, node(flow, "got(m)"), node(flow, "after()"))
    assert reaches(flow, node(flow, "out <- 1"), node(flow, "after()"))
    select = next(n for n in flow.nodes if n.kind == "select")
    assert node(flow, "after()").id not in [t for t, _ in select.succs]  # a select always takes a case


def test_goto_jumps_to_its_label():
    _, flow = parse("""
        if bad {
        \tgoto fail
        }
        ok()
        return
        fail:
        cleanup()
    """)
    assert reaches(flow, node(flow, "bad"), node(flow, "cleanup()"))
    assert not reaches(flow, node(flow, "ok()"), node(flow, "cleanup()"))


def test_defer_and_go_are_ordinary_statements():
    _, flow = parse("defer C.free(p)\ngo work()\nreturn\n")
    kinds = [n.kind for n in flow.reach(flow.entry)]
    assert kinds == ["stmt", "stmt", "return"]


def test_node_at_finds_the_statement_holding_a_byte():
    source, flow = parse("x := 1\nif x > 0 {\n\tuse(x)\n}\n")
    data = source.data
    assert flow.node_at(data.index(b"use(x)") + 4).ast.type == "expression_statement"
    assert text(flow.node_at(data.index(b"x > 0")).ast) == "x > 0"
    assert flow.node_at(data.index(b"x > 0 {") + 6) is None   # a brace evaluates nothing


def test_reach_stops_at_a_stop_node_and_prunes_edges():
    _, flow = parse("""
        if p == nil {
        \treturn
        }
        free(p)
        use(p)
    """)
    free, use = node(flow, "free(p)"), node(flow, "use(p)")
    reached = flow.reach(flow.entry, stop=lambda n: n.id == free.id)
    assert free in reached and use not in reached
    pruned = flow.reach(flow.entry, edge_ok=lambda b: not b.value)
    assert not any(n.kind == "return" for n in pruned)


def test_nil_when():
    _, flow = parse("")
    cases = {
        "p == nil": {True},
        "p != nil": {False},
        "nil == p": {True},
        "!(p != nil)": {True},
        "p == nil || n == 0": set(),
        "p != nil || n == 0": {False},
        "p == nil && n == 0": {True},
        "!(p != nil && n > 0)": set(),
        "(p) == nil": {True},
        "q == nil": set(),
        "n > 0": set(),
    }
    for expression, expected in cases.items():
        source = SourceFile.parse("x.go", "x.go", f"package p\nvar _ = {expression}\n".encode())
        expr = source.root.named_children[1].named_children[0].child_by_field_name("value").named_children[0]
        got = nil_when(expr, lambda ident: ident.type == "identifier" and text(ident) == "p")
        assert got == expected, expression


def test_deep_nesting_builds_without_recursion():
    depth = 3000
    body = "".join("if x {\n" for _ in range(depth)) + "use()\n" + "}\n" * depth
    _, flow = parse(body)
    assert reachable_from_entry(flow, node(flow, "use()"))
    loops = "".join("for x {\n" for _ in range(depth)) + "use()\n" + "}\n" * depth
    _, flow = parse(loops)
    assert reaches(flow, node(flow, "use()"), node(flow, "use()"))


def test_long_condition_chains_do_not_recurse():
    chain = " && ".join(["n > 0"] * 5000) + " && p == nil"
    source = SourceFile.parse("x.go", "x.go", f"package p\nvar _ = {chain}\n".encode())
    expr = source.root.named_children[1].named_children[0].child_by_field_name("value").named_children[0]
    assert nil_when(expr, lambda ident: text(ident) == "p") == {True}


def test_nil_when_sees_through_pointer_conversions():
    cases = {
        "uintptr(p) == 0": {True},
        "uintptr(unsafe.Pointer(p)) != 0": {False},
        "unsafe.Pointer(p) == nil": {True},
        "(*C.char)(p) == nil": {True},
        "p == 0": set(),               # not a nil test without uintptr
        "uintptr(p) == 1": set(),
        "f(p) == nil": set(),
    }
    for expression, expected in cases.items():
        source = SourceFile.parse("x.go", "x.go", f"package p\nvar _ = {expression}\n".encode())
        expr = source.root.named_children[1].named_children[0].child_by_field_name("value").named_children[0]
        got = nil_when(expr, lambda ident: ident.type == "identifier" and text(ident) == "p")
        assert got == expected, expression


# --- pointer facts ---------------------------------------------------------

from cgolint.flow import function_flow  # noqa: E402
from cgolint.ownership import pointer_facts  # noqa: E402
from cgolint.ownership_facts import OwnershipOptions  # noqa: E402
from cgolint.model import PackageModel  # noqa: E402

FACTS_SOURCE = b"""package p

// #include <stdlib.h>
import "C"

import "unsafe"

type T struct{ p *C.char }

func keep(p *C.char) {}

func F(s string, t *T, ch chan *C.char) *C.char {
	a := C.CString(s)
	C.puts(a)
	if a == nil {
		return nil
	}
	defer C.free(unsafe.Pointer(a))
	b := C.CString(s)
	t.p = b
	c := C.CString(s)
	keep(c)
	d := C.CString(s)
	ch <- d
	e := C.malloc(8)
	e = C.realloc(e, 16)
	f := C.CString(s)
	defer func() { C.free(unsafe.Pointer(f)) }()
	g := C.CString(s)
	C.free(unsafe.Pointer(g))
	g = nil
	C.puts(C.CString(s))
	C.malloc(1)
	h := C.CString(s)
	return h
}
"""


def facts_for(options=OwnershipOptions()):
    source = SourceFile.parse("/x/p.go", "p.go", FACTS_SOURCE)
    package = PackageModel("/x", [source])
    function = next(n for n in source.root.named_children
                    if n.type == "function_declaration" and text(n.child_by_field_name("name")) == "F")
    return source, package, function, pointer_facts(function, source, package, options)


def kinds(facts, name):
    symbol = next(s for s in facts.occurrences if s.name == name)
    return [o.kind for o in sorted(facts.events(symbol), key=lambda o: o.ident.start_byte)]


def test_pointer_facts_classify_every_occurrence():
    _, _, _, facts = facts_for()
    assert kinds(facts, "a") == ["write", "use", "nil-compare", "defer-free"]
    assert kinds(facts, "b") == ["write", "handover"]       # stored in a field
    assert kinds(facts, "c") == ["write", "handover"]       # passed to a Go function
    assert kinds(facts, "d") == ["write", "handover"]       # sent on a channel
    assert kinds(facts, "e") == ["write", "write", "realloc"]
    assert kinds(facts, "f") == ["write", "closure-free"]
    assert kinds(facts, "g") == ["write", "free", "write"]
    assert kinds(facts, "h") == ["write", "handover"]       # returned
    verdicts = sorted((a.allocator, a.verdict) for a in facts.allocations if a.symbol is None)
    assert verdicts == [("CString", "inline"), ("malloc", "discarded")]
    tracked = {a.symbol.name: a.pointer_kind for a in facts.allocations if a.symbol is not None}
    assert tracked["a"] == "typed" and tracked["e"] == "unsafe"


def test_pointer_facts_and_flows_are_cached_per_package_and_options():
    source, package, function, facts = facts_for()
    assert pointer_facts(function, source, package, OwnershipOptions()) is facts
    assert function_flow(function, source, package) is facts.flow
    other = pointer_facts(function, source, package, OwnershipOptions.from_options({"takes-ownership": ["puts"]}))
    assert other is not facts
    assert kinds(other, "a")[1] == "handover"


ALIAS_SOURCE = b"""package p

/*
#include <stdlib.h>
void use(char *s);
void upload(void *p);
*/
import "C"
import u "unsafe"

type box struct{ mem u.Pointer }

func (b *box) refill() {}

func F(s string, b *box, other *C.char, cond bool) {
	p := C.CString(s)
	q := p
	C.free(u.Pointer(p))
	C.use(q)
	r := other
	if cond {
		r = p
	}
	C.use(r)
	C.free(b.mem)
	C.upload(b.mem)
	b.refill()
	C.upload(b.mem)
}
"""


def test_pointer_facts_follow_copies_fields_and_a_renamed_unsafe():
    source = SourceFile.parse("/x/p.go", "p.go", ALIAS_SOURCE)
    package = PackageModel("/x", [source])
    function = next(n for n in source.root.named_children
                    if n.type == "function_declaration" and text(n.child_by_field_name("name")) == "F")
    facts = pointer_facts(function, source, package, OwnershipOptions())
    by_name = {s.name: s for s in facts.occurrences}
    p, q, r = by_name["p"], by_name["q"], by_name["r"]
    assert p in facts.partners(q) and r in facts.partners(p)
    free_p = next(o for o in facts.events(p) if o.kind == "free")   # seen through `u.Pointer`
    assert facts.must_alias(p, q, free_p.flow_id)
    assert not facts.must_alias(p, r, free_p.flow_id)               # r is not a copy yet
    # the field path: two uses, and the Go method call in between gives it up
    assert [o.kind for o in facts.paths["b.mem"]] == ["free", "use", "use"]
    refill = facts.flow.node_at(source.data.index(b"b.refill()"))
    assert refill.id in facts.path_kills["b.mem"]
