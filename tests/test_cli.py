"""The command line as users meet it: formats, exit codes, selection, config."""
from __future__ import annotations

import json

BROKEN = 'package p\n\nimport "C"\n\nfunc f( {\n}\n'
CLEAN = 'package p\n\nimport "C"\n\nfunc f() {}\n'


def test_exit_codes_and_text_format(cli, write_tree):
    root = write_tree({"bad/a.go": BROKEN, "good/a.go": CLEAN})
    bad = cli("./bad", cwd=str(root))
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[0] == "bad/a.go:5:8: CGL000 syntax error: missing `)`"
    assert "Found 1 problem (1 note) in 1 file; 1 file analysed." in bad.stdout
    good = cli("./good", cwd=str(root))
    assert good.returncode == 0
    assert "No problems found; 1 file analysed." in good.stdout
    assert cli("./bad", "--exit-zero", cwd=str(root)).returncode == 0
    assert cli("./bad", "--fail-level", "warning", cwd=str(root)).returncode == 0


def test_no_argument_means_current_package(cli, write_tree):
    root = write_tree({"a.go": BROKEN})
    assert cli(cwd=str(root)).returncode == 1


def test_dot_dot_dot_walks_tree_and_skips_like_go(cli, write_tree):
    root = write_tree({
        "a/a.go": BROKEN, "a/b/b.go": BROKEN,
        "vendor/v/v.go": BROKEN, "testdata/t.go": BROKEN, ".hidden/h.go": BROKEN, "_skip/s.go": BROKEN,
        "nested/go.mod": "module nested\n", "nested/n.go": BROKEN,
    })
    result = cli("./...", cwd=str(root))
    paths = sorted({line.split(":")[0] for line in result.stdout.splitlines() if ": CGL" in line})
    assert paths == ["a/a.go", "a/b/b.go"]


def test_select_and_ignore(cli, write_tree):
    root = write_tree({"a.go": BROKEN})
    assert cli("--ignore", "CGL000", ".", cwd=str(root)).returncode == 0
    assert cli("--select", "CGL1", ".", cwd=str(root)).returncode == 0
    assert cli("--select", "CGL0", "--ignore", "CGL00", ".", cwd=str(root)).returncode == 0
    assert cli("--select", "CGL", "--ignore", "CGL1", ".", cwd=str(root)).returncode == 1


def test_config_file_is_found_and_overridden(cli, write_tree):
    root = write_tree({"sub/a.go": BROKEN, ".cgolint.toml": 'ignore = ["CGL000"]\n'})
    assert cli("./sub", cwd=str(root)).returncode == 0
    assert cli("--isolated", "./sub", cwd=str(root)).returncode == 1
    assert cli("--select", "CGL000", "./sub", cwd=str(root)).returncode == 0  # ignore still applies
    pyproject = write_tree({"pyproject.toml": '[tool.cgolint]\nexclude = ["sub"]\n', ".cgolint.toml": ""})
    (pyproject / ".cgolint.toml").unlink()
    assert "0 files analysed" in cli("./...", cwd=str(root)).stdout


def test_bad_config_is_a_clear_error(cli, write_tree):
    root = write_tree({"a.go": BROKEN, ".cgolint.toml": "select = [\n"})
    result = cli(".", cwd=str(root))
    assert result.returncode == 2
    assert ".cgolint.toml: invalid TOML" in result.stderr
    (root / ".cgolint.toml").write_text('selct = ["CGL"]\n')
    result = cli(".", cwd=str(root))
    assert result.returncode == 2 and "unknown setting(s) selct" in result.stderr
    (root / ".cgolint.toml").write_text('[rules.CGL003]\nknows-length = 3\n')
    result = cli(".", cwd=str(root))
    assert result.returncode == 2 and "option `knows-length` must be a list of C function names" in result.stderr


def test_json_format(cli, write_tree):
    root = write_tree({"a.go": BROKEN})
    result = cli("--format", "json", ".", cwd=str(root))
    document = json.loads(result.stdout)
    [finding] = document["findings"]
    assert finding["code"] == "CGL000" and finding["level"] == "note"
    assert finding["path"] == "a.go" and finding["start"] == {"line": 5, "column": 8}
    assert finding["fingerprint"]


def test_github_format(cli, write_tree):
    root = write_tree({"a.go": BROKEN})
    result = cli("--format", "github", ".", cwd=str(root))
    assert result.stdout.startswith("::notice file=a.go,line=5,col=8,endLine=5,endColumn=8,title=CGL000 syntax-error::")


def test_output_file(cli, write_tree):
    root = write_tree({"a.go": BROKEN})
    result = cli("--format", "sarif", "-o", "out.sarif", ".", cwd=str(root))
    assert result.returncode == 1
    assert json.loads((root / "out.sarif").read_text())["version"] == "2.1.0"
    assert result.stdout == ""
    assert "Found 1 problem" in result.stderr


def test_colour_only_when_asked_or_on_a_tty(cli, write_tree):
    root = write_tree({"a.go": BROKEN})
    plain = cli(".", cwd=str(root))
    assert "\033[" not in plain.stdout
    forced = cli(".", cwd=str(root), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\033[" in forced.stdout


def test_missing_path_is_reported_and_others_still_run(cli, write_tree):
    root = write_tree({"a/a.go": BROKEN})
    result = cli("./nope", "./a", cwd=str(root))
    assert result.returncode == 2
    assert "a/a.go:5:8: CGL000" in result.stdout
    assert "nope: error: no such file or directory" in result.stdout


def test_version_and_module_entry(cli):
    result = cli("--version")
    assert result.returncode == 0 and "cgolint" in result.stdout


def test_code_frame_caret_sits_under_the_finding_past_wide_characters(write_tree):
    from cgolint.config import Settings
    from cgolint.registry import load_rules
    from cgolint.reporters import ReportContext, render
    from cgolint.runner import run

    # `𝛼` and `😀` are one character each, four bytes and two UTF-16 units
    root = write_tree({"a.go": 'package p\n\nimport "C"\n\nvar s = "𝛼😀"; func f( {\n}\n'})
    result = run([str(root / "a.go")], Settings(root=str(root)), jobs=1)
    frame = render("text", result, ReportContext(load_rules(), Settings(root=str(root)), str(root), tty=True))
    line, caret = [row.split("| ", 1)[1] for row in frame.splitlines()[1:3]]
    assert line[:caret.index("^")].endswith("func f(")  # the missing `)` goes right after `(`
