"""Property tests: random and mutated Go source (the testdata files with
tokens and lines deleted, duplicated, swapped and spliced, plus hostile
fragments) never makes a run raise, always gives SARIF that validates
against the SARIF 2.1.0 schema, and findings always point inside their file.
The long version of this is `tests/fuzz/fuzz_engine.py`.

Examples are derandomized so the default run is stable and fast; set
CGOLINT_HYPOTHESIS_RANDOM=1 to draw new ones."""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile

from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz"))
import harness  # noqa: E402

CORPUS = harness.corpus()
POOL = [data for _, data in CORPUS]
HEADER = b'package p\n\n/*\n#include <stdlib.h>\nvoid keep(void *p);\n*/\nimport "C"\nimport "unsafe"\n\n'

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=not os.environ.get("CGOLINT_HYPOTHESIS_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@st.composite
def mutated_go(draw) -> bytes:
    """A testdata file mutated by 1-10 random operations."""
    assert CORPUS, "testdata/ holds no .go files"
    data = draw(st.sampled_from(POOL))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rounds = draw(st.integers(min_value=1, max_value=10))
    return harness.Mutator(random.Random(seed), POOL).mutate(data, rounds)


GO_ALPHABET = st.sampled_from(list("abcxyzCpfs_0129 \t\n(){}[]<>*&^%$#@!~.,;:=+-/\\\"'`") + ["\u00e9", "\u2028", "\U0001f600"])
GO_WORDS = st.sampled_from([
    "func", "package", "import", "var", "const", "type", "struct", "return", "defer", "go", "for", "range",
    "if", "else", "switch", "case", "C.", "unsafe.Pointer", "&", "[0]", "C.free(", "C.CString(", "C.malloc(",
    "runtime.Pinner", "reflect.SliceHeader", "//export F\n", "//go:linkname x runtime.y\n", "/*", "*/",
    "//cgolint:ignore CGL001 why\n", "(", ")", "{", "}", "\n", " ", "x", "buf", ":=", "=", ",",
])


@st.composite
def random_go(draw) -> bytes:
    """Go-flavoured noise after a cgo header, so the prefilter lets it through."""
    if draw(st.booleans()):
        body = "".join(draw(st.lists(GO_WORDS, max_size=120)))
    else:
        body = draw(st.text(GO_ALPHABET, max_size=600))
    return HEADER + body.encode("utf-8", "surrogatepass")


random_bytes = st.binary(max_size=1500).map(lambda b: HEADER + b)


def analyse(files: dict[str, bytes]) -> harness.Outcome:
    with tempfile.TemporaryDirectory(prefix="cgolint-prop-") as directory:
        return harness.analyse_tree(directory, files)


def check(files: dict[str, bytes]) -> None:
    outcome = analyse(files)  # raising here fails the property
    problems = [p for p in outcome.problems if "internal error" not in p]
    assert not problems, "\n".join(problems)
    for fmt in ("json", "sarif"):
        json.loads(outcome.outputs[fmt])
    assert outcome.outputs["text"].endswith("\n")


@PROPERTY
@given(mutated_go())
def test_mutated_testdata_never_breaks_a_run(data):
    check({"a.go": data})


@PROPERTY
@given(mutated_go(), mutated_go())
def test_mutated_two_file_packages_never_break_a_run(first, second):
    check({"a.go": first, "b.go": second})


@PROPERTY
@given(st.one_of(random_go(), random_bytes))
def test_random_source_never_breaks_a_run(data):
    check({"a.go": data})


@PROPERTY
@given(mutated_go())
def test_no_rule_raises_on_mutated_source(data):
    """A rule that raises becomes an internal-error notification (exit 2):
    the run goes on, but it is a bug in that rule or in the model."""
    outcome = analyse({"a.go": data})
    errors = [p for p in outcome.problems if "internal error" in p]
    assert not errors, "\n".join(errors) + "\n" + "\n".join(t for _, t in harness.TRACES[-3:])


def test_the_corpus_is_the_testdata():
    assert len(CORPUS) >= 10
    assert all(name.endswith(".go") for name, _ in CORPUS)


def test_the_mutator_changes_source_and_is_reproducible():
    data = POOL[0]
    first = [harness.Mutator(random.Random(seed), POOL).mutate(data, 3) for seed in range(20)]
    again = [harness.Mutator(random.Random(seed), POOL).mutate(data, 3) for seed in range(20)]
    assert first == again
    assert sum(m != data for m in first) >= 15


def test_the_checks_catch_bad_positions_and_bad_sarif():
    """The harness's own checks are not vacuous."""
    from dataclasses import replace

    with tempfile.TemporaryDirectory() as directory:
        outcome = harness.analyse_tree(directory, {"a.go": b'package p\n\nimport "C"\n\nfunc f( {\n}\n'})
        assert outcome.problems == []
        finding = outcome.result.findings[0]
        assert finding.code == "CGL000"
        moved = replace(outcome.result, findings=[replace(finding, start=replace(finding.start, line=99))])
        path = os.path.join(directory, "a.go")
        with open(path, "rb") as handle:
            assert harness.position_problems(moved, {path: handle.read()})
    document = json.loads(outcome.outputs["sarif"])
    document["runs"][0]["results"][0]["level"] = "fatal"
    assert harness.sarif_problems(json.dumps(document))
