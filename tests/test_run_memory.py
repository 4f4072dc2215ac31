"""A run holds one package's model at a time: what a package's analysis
built is gone when the next package starts, whatever the state of Python's
cycle collector that the caller chose."""
from __future__ import annotations

import gc

from cgolint.config import Settings
from cgolint.model import PackageModel
from cgolint.runner import run
from conftest import TESTDATA


def _live_models() -> int:
    return sum(isinstance(o, PackageModel) for o in gc.get_objects())


def test_no_package_model_outlives_its_analysis():
    gc.collect()
    before = _live_models()
    result = run([f"{TESTDATA}/cgl005_c_memory_leak/..."], Settings(root=TESTDATA), jobs=1)
    assert result.findings  # models were built
    assert gc.isenabled()
    assert _live_models() == before


def test_a_caller_that_turned_the_collector_off_keeps_it_off():
    gc.disable()
    try:
        run([f"{TESTDATA}/cgl005_c_memory_leak/..."], Settings(root=TESTDATA), jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
