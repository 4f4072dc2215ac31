"""Languages, parsers and compiled queries, created once per process."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import tree_sitter_c
import tree_sitter_go
from tree_sitter import Language, Parser, Query

GO = Language(tree_sitter_go.language())
C = Language(tree_sitter_c.language())


def go_parser() -> Parser:
    return Parser(GO)


def c_parser() -> Parser:
    return Parser(C)


@lru_cache(maxsize=None)
def query(language: Language, name: str) -> Query:
    """The compiled query `cgolint/queries/<name>.scm`, compiled once per run."""
    return Query(language, _query_text(name))


def _query_text(name: str) -> str:
    return resources.files("cgolint").joinpath("queries", f"{name}.scm").read_text()


@lru_cache(maxsize=None)
def file_query(kinds: frozenset[str]) -> Query:
    """The one query run over a whole Go file (`SourceFile.captures`): each
    node of the given kinds captured under its kind's name, and the
    declarations (`scope.declaration`) and declared names (`scope.name`)
    that function scopes are built from. Walking a tree costs a third of
    parsing it, even in C: one walk serves the rules and the scopes."""
    patterns = [f"{NODE_PATTERNS.get(kind, f'({kind})')} @{kind}" for kind in sorted(kinds)]
    return Query(GO, "\n".join(patterns + [_query_text("declarations"), _query_text("declared_names")]))


# Node kinds a rule may ask for beyond the grammar's own: each is a query
# pattern. A call without arguments hands its callee nothing, and in cgo
# test code most calls are `C.f()`: rules about what a call passes ask for
# `call_with_arguments` and never see them.
NODE_PATTERNS = {"call_with_arguments": "(call_expression arguments: (argument_list . (_)))"}


def node_kinds(language: Language) -> frozenset[str]:
    """Every named node kind of the grammar, to validate what rules ask for."""
    return _kinds(language)


@lru_cache(maxsize=None)
def _kinds(language: Language) -> frozenset[str]:
    return frozenset(
        language.node_kind_for_id(i)
        for i in range(language.node_kind_count)
        if language.node_kind_is_named(i) and language.node_kind_is_visible(i)
    )
