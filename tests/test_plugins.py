"""Rules from a separate installed package, found through the `cgolint.rules` entry points."""
from __future__ import annotations

import os
import textwrap

PLUGIN = '''
from cgolint.rule import Level, Rule
from cgolint.source import text


class NoPanicInCgo(Rule):
    """A call to panic in a file that uses cgo.

    ## What it does
    Flags `panic(...)` calls in cgo files.

    ## Why is this bad?
    A panic unwinding through C frames crashes the process.

    ## Example
    ```go
    panic("x")
    ```

    ## Use instead
    ```go
    return errors.New("x")
    ```

    ## Fix safety
    No fix.

    ## References
    - cmd/cgo
    """

    code = "XYZ001"
    name = "no-panic-in-cgo"
    level = Level.ERROR
    node_kinds = ("call_expression",)

    def check(self, node, ctx):
        function = node.child_by_field_name("function")
        if ctx.file.uses_cgo and text(function) == "panic":
            yield self.report(node, "panic in a cgo file")


class NotARule:
    code = "XYZ002"
'''


def install_plugin(root, entry_points: str):
    (root / "xyzrules.py").write_text(PLUGIN)
    info = root / "xyzrules-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xyzrules\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points))
    # the inherited PYTHONPATH stays behind it (as in test_fix and test_lsp): a
    # worktree under test keeps its own engine and rules
    return {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def test_plugin_rule_is_listed_explained_and_run(cli, tmp_path, write_tree):
    env = install_plugin(tmp_path, """
        [cgolint.rules]
        XYZ001 = xyzrules:NoPanicInCgo
    """)
    listed = cli("rules", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "XYZ001  no-panic-in-cgo" in listed.stdout
    assert "CGL000" in listed.stdout
    explained = cli("explain", "no-panic-in-cgo", env=env)
    assert explained.stdout.startswith("# XYZ001 no-panic-in-cgo")
    write_tree({"pkg/a.go": 'package a\n\nimport "C"\n\nfunc f() { panic("x") }\n'})
    result = cli("--select", "XYZ", "pkg", cwd=str(tmp_path), env=env)
    assert result.returncode == 1
    assert "pkg/a.go:5:12: XYZ001 panic in a cgo file" in result.stdout


def test_broken_plugins_give_clear_errors_not_tracebacks(cli, tmp_path, write_tree):
    env = install_plugin(tmp_path, """
        [cgolint.rules]
        XYZ001 = xyzrules:NoPanicInCgo
        XYZ002 = xyzrules:NotARule
        XYZ003 = xyzrules_missing:Rule
        XYZ004 = xyzrules:NoPanicInCgo
    """)
    result = cli("rules", env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "'XYZ002' is not a cgolint.rule.Rule subclass" in result.stderr
    assert "'XYZ003' (xyzrules_missing:Rule) failed to load: ModuleNotFoundError" in result.stderr
    assert "entry-point name differs from the rule's code 'XYZ001'" in result.stderr
    assert "XYZ001  no-panic-in-cgo" in result.stdout  # the good plugin still loads
    write_tree({"pkg/a.go": 'package a\n\nimport "C"\n\nfunc f() { panic("x") }\n'})
    run = cli("pkg", cwd=str(tmp_path), env=env)
    assert run.returncode == 2
    assert "XYZ001 panic in a cgo file" in run.stdout
    assert "XYZ003" in run.stdout


CALL_RULES = '''
from cgolint.rule import Level, Rule
from cgolint.source import text

DOC = """{summary}

    ## What it does
    Reports calls to `f` (test plugin).

    ## Why is this bad?
    It is a test.

    ## Example
    ```go
    f()
    ```

    ## Use instead
    ```go
    g()
    ```

    ## Fix safety
    No fix.

    ## References
    - none
    """


class EveryCall(Rule):
    __doc__ = DOC.format(summary="Every call to f.")
    code = "XYZ010"
    name = "every-call"
    node_kinds = ("call_expression",)
    message = "a call"

    def check(self, node, ctx):
        assert node.type == "call_expression"
        if text(node.child_by_field_name("function")) == "f":
            yield self.report(node, self.message)


class CallWithArguments(EveryCall):
    __doc__ = DOC.format(summary="Calls to f that pass something.")
    code = "XYZ011"
    name = "call-with-arguments"
    node_kinds = ("call_with_arguments",)
    message = "a call passing something"
'''


def test_call_with_arguments_kind_skips_calls_without_arguments(cli, tmp_path, write_tree):
    # the built-in rules ask for `call_with_arguments`; a plugin asking for
    # `call_expression` beside them still sees every call
    (tmp_path / "xyzcalls.py").write_text(CALL_RULES)
    info = tmp_path / "xyzcalls-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xyzcalls\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[cgolint.rules]\nXYZ010 = xyzcalls:EveryCall\nXYZ011 = xyzcalls:CallWithArguments\n")
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    write_tree({"pkg/a.go": 'package a\n\nimport "C"\n\nfunc f(...int) {}\n\nfunc g() {\n\tf()\n\tf(1)\n\tf(f2())\n}\n\n'
                            'func f2() int { return 0 }\n'})
    result = cli("--select", "XYZ,CGL", "--no-cache", "pkg", cwd=str(tmp_path), env=env)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if "XYZ01" in line]
    assert lines == ["pkg/a.go:8:2: XYZ010 a call", "pkg/a.go:9:2: XYZ010 a call",
                     "pkg/a.go:9:2: XYZ011 a call passing something", "pkg/a.go:10:2: XYZ010 a call",
                     "pkg/a.go:10:2: XYZ011 a call passing something"], result.stdout


def test_entry_points_are_those_importlib_metadata_finds(tmp_path, monkeypatch):
    """The registry reads entry_points.txt itself (importlib.metadata costs a
    quarter of start-up): it must find what importlib.metadata finds, the
    first distribution of a name winning, egg-info and comments included."""
    import importlib.metadata
    import sys

    from cgolint.registry import ENTRY_POINT_GROUP, entry_points

    def dist(directory, folder, text):
        info = directory / folder
        info.mkdir(parents=True)
        name = folder.split("-")[0].split(".")[0]
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1\n")
        (info / "entry_points.txt").write_text(textwrap.dedent(text))

    first, second = tmp_path / "first", tmp_path / "second"
    dist(first, "Xyz_Rules-1.0.dist-info", """
        # a comment
        [console_scripts]
        xyz = xyzrules:main
        [cgolint.rules]
        XYZ001 = xyzrules:NoPanicInCgo
        XYZ003=xyzrules : Other [extra]
        """)
    dist(second, "xyz.rules-2.0.dist-info", "[cgolint.rules]\nXYZ009 = shadowed:Rule\n")  # same name: shadowed
    dist(second, "other.egg-info", "[cgolint.rules]\n  ABC001 = other.rules:Rule  \n\n[other]\nABC002 = x:y\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)] + sys.path)

    ours = sorted((e.name, e.value) for e in entry_points(ENTRY_POINT_GROUP))
    theirs = sorted((e.name, e.value) for e in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))
    assert ours == theirs
    assert ("XYZ003", "xyzrules : Other [extra]") in ours and ("ABC001", "other.rules:Rule") in ours
    assert all(name != "XYZ009" for name, _ in ours)
