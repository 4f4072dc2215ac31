"""The pre-commit hook (`.pre-commit-hooks.yaml`), run for real:
`pre-commit try-repo <cgolint> cgolint` in a Go repository made by the test.

pre-commit installs the hook from a git repository. The working tree of this
checkout may hold uncommitted or untracked files (try-repo would leave the
untracked ones out), so the test copies the files a build needs into a fresh
git repository and commits them there; /work/main's git state is never
touched. pre-commit builds the hook's virtualenv with pip (PyPI or the
configured index is needed once per test module).

A tiny rule plugin (a dist-info on PYTHONPATH, which pre-commit passes
through to the hook) reports the file that declares a type, which shows
whether the package's other files were read as context."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugin_support import DECLARED_IN, IMPORTS, write_plugin

REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
MODULE = "cgolint_precommit_test_plugin"

PLUGIN = IMPORTS + DECLARED_IN + '''

class DeclaredInTree(DeclaredIn):
    __doc__ = DeclaredIn.__doc__  # a docstring is not inherited
    code = "TST900"
    tags = ("test",)
'''

BROKEN = """\
package pkg

// #include <stdlib.h>
import "C"

func Broken() {
\tx := )
}
"""


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=cgolint tests", "-c", "user.email=tests@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This checkout's buildable files, committed in a fresh git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    copy = tmp_path_factory.mktemp("cgolint-hook") / "cgolint"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")
    copy.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, copy / name)
    for name in ("cgolint", "rules"):
        shutil.copytree(REPO / name, copy / name, ignore=ignore)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "cgolint under test")
    return copy


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict[str, str]:
    plugins = write_plugin(tmp_path_factory.mktemp("plugins"), MODULE, PLUGIN, {"TST900": "DeclaredInTree"})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")), PYTHONPATH=str(plugins),
               NO_COLOR="1", PRE_COMMIT_COLOR="never")
    return env


@pytest.fixture()
def go_repo(tmp_path) -> Path:
    root = tmp_path / "gorepo"
    root.mkdir()
    (root / ".cgolint.toml").write_text('select = ["CGL000", "CGL100", "TST"]\nexclude = ["gen"]\n')
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    files = {
        "pkg/a.go": BROKEN,
        "gen/bad.go": BROKEN.replace("package pkg", "package gen"),   # excluded by .cgolint.toml
        "ctx/use.go": 'package ctx\n\n// #include <stdlib.h>\nimport "C"\n\nvar h Header\n',
        "ctx/types.go": "package ctx\n\ntype Header struct{ n int }\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def try_repo(hook_repo: Path, go_repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    """`pre-commit try-repo`: builds the hook in a fresh store every time (slow)."""
    return _pre_commit(go_repo, env, "try-repo", str(hook_repo), "cgolint", "--verbose", *args)


def run_hook(hook_repo: Path, go_repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    """`pre-commit run` with the hook pinned in .pre-commit-config.yaml, as
    users install it; the hook environment is built once per test module."""
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, check=True, capture_output=True,
                         text=True).stdout.strip()
    (go_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n-   repo: {hook_repo}\n    rev: {rev}\n    hooks:\n    -   id: cgolint\n")
    git(go_repo, "add", ".pre-commit-config.yaml")
    return _pre_commit(go_repo, env, "run", "cgolint", "--verbose", *args)


def _pre_commit(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    run = subprocess.run([*PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if "An unexpected error has occurred" in run.stdout + run.stderr:
        log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
        pytest.fail(f"pre-commit failed to set up the hook:\n{run.stdout}\n{run.stderr}\n"
                    f"{log.read_text() if log.exists() else ''}")
    return run


def test_try_repo_fails_with_the_finding_and_respects_exclude(hook_repo, go_repo, environment):
    run = try_repo(hook_repo, go_repo, environment, "--all-files")
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "cgolint" in output and "Failed" in output
    assert "pkg/a.go:7:" in output and "CGL000 syntax error" in output
    assert "gen/bad.go" not in output   # excluded by .cgolint.toml
    # Every file analysed with its package: ctx/types.go declares Header.
    assert "ctx/use.go:6:7: TST900 type Header is declared in types.go" in output


def test_explicit_file_names_exclude_and_package_context(hook_repo, go_repo, environment):
    # pre-commit passes file names explicitly; `exclude` still applies to them.
    run = run_hook(hook_repo, go_repo, environment, "--files", "gen/bad.go", "pkg/a.go")
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "pkg/a.go:7:" in output and "gen/bad.go" not in output

    # Only use.go is passed; its sibling types.go is still read as context.
    run = run_hook(hook_repo, go_repo, environment, "--files", "ctx/use.go")
    output = run.stdout + run.stderr
    assert "ctx/use.go:6:7: TST900 type Header is declared in types.go" in output, output
    assert run.returncode == 1

    # Clean and excluded files pass.
    run = run_hook(hook_repo, go_repo, environment, "--files", "ctx/types.go", "gen/bad.go")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout
