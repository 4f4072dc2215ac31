"""Every package under testdata/ against its `// want` comments (and .golden fixes)."""
from __future__ import annotations

import os

import pytest

from cgolint.registry import load_rules
from cgolint.testing import check_dir, package_dirs
from conftest import TESTDATA

PACKAGES = package_dirs(TESTDATA)


def test_rules_load_cleanly():
    assert load_rules().errors == ()


@pytest.mark.parametrize("directory", PACKAGES, ids=[os.path.relpath(d, TESTDATA) for d in PACKAGES])
def test_testdata_package(directory):
    problems = check_dir(directory)
    assert not problems, "\n".join(problems)


def test_every_rule_has_positive_and_negative_testdata():
    from cgolint.testing import expectations
    from cgolint.loader import go_files

    wanted: dict[str, int] = {}
    silent_files = 0
    for directory in PACKAGES:
        for path in go_files(directory):
            with open(path, "rb") as handle:
                found = expectations(path, handle.read())
            for item in found:
                wanted[item.code] = wanted.get(item.code, 0) + 1
            silent_files += not found
    for rule in load_rules().rules:
        if rule.code in ("CGL100", "CGL101", "CGL000"):
            continue
        assert wanted.get(rule.code, 0) >= 10, f"{rule.code} has {wanted.get(rule.code, 0)} positive cases"
    assert silent_files > 0
