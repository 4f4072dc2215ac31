from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDATA = os.path.join(ROOT, "testdata")
# Runs of the command line cache their results here, not in the checkout.
_CACHE_DIR = os.path.join(tempfile.gettempdir(), f"cgolint-test-cache-{os.getpid()}")


def run_cli(*args: str, cwd: str | None = None, env: dict | None = None, input: str | None = None):
    """Run `python -m cgolint` as a user would; returns the CompletedProcess."""
    full_env = dict(os.environ, NO_COLOR="1", CGOLINT_CACHE_DIR=_CACHE_DIR)
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cgolint", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, input=input, timeout=300)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def write_tree(tmp_path):
    """Write {relative path: text} under tmp_path and return tmp_path."""
    def write(files: dict[str, str | bytes]):
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content)
        return tmp_path
    return write
