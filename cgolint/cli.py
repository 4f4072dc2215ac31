"""The `cgolint` command line."""
from __future__ import annotations

import os
import sys
from dataclasses import replace

import click

from . import __version__
from .config import ConfigError, Settings, find_config, load_settings, parse_level
from .registry import load_rules
from .reporters import FORMATS, ReportContext, render
from .loader import repository_root
from .runner import run

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class DefaultCommandGroup(click.Group):
    """`cgolint ARGS` means `cgolint check ARGS`, as `ruff` and `go vet` read."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cgolint")
def main() -> None:
    """Find cgo misuse in Go source: Go memory handed to C in ways that crash,
    corrupt or leak. `cgolint ./...` checks a module; see `cgolint rules`."""


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def resolve_settings(paths: list[str], config: str | None, isolated: bool) -> Settings:
    if isolated:
        return Settings(root=os.getcwd())
    path = config or find_config(paths[0] if paths else ".")
    return load_settings(path)


@main.command()
@click.argument("patterns", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated).")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (default: the nearest .cgolint.toml).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fail-level", type=click.Choice(["note", "warning", "error"]),
              help="Lowest level that makes the exit code 1 (default: note).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff without writing; exit 1 if any.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Hide the findings saved in this baseline file (matched by rule, file and fingerprint).")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False),
              help="Save every current finding to this baseline file and exit 0.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Result cache directory (default: $CGOLINT_CACHE_DIR, else .cgolint_cache in the config root "
                   "or the working directory).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def check(patterns, output_format, output, select, ignore, config, isolated, fail_level, exit_zero, jobs,
          fix, unsafe_fixes, diff, baseline_file, write_baseline_file, cache_dir, no_cache) -> None:
    """Analyse Go packages: PATTERNS like `go vet` (./..., dir/..., a directory, .go files)."""
    paths = list(patterns) or ["."]
    try:
        settings = resolve_settings(paths, config, isolated)
        if select:
            settings = replace(settings, select=_codes(select))
        if ignore:
            settings = replace(settings, ignore=settings.ignore + _codes(ignore))
        if fail_level:
            settings = replace(settings, fail_level=parse_level(fail_level))
    except ConfigError as error:
        click.echo(f"cgolint: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    ruleset = load_rules()
    fixed_count = _fix_or_diff(paths, settings, ruleset, unsafe_fixes, diff) if (fix or diff) else None
    result = _run_with_cache(paths, settings, ruleset, jobs or os.cpu_count() or 1, cache_dir, no_cache,
                             machine=output_format != "text")
    result, hidden, fixed_entries = _baseline(paths, settings, result, baseline_file, write_baseline_file)
    stream_is_tty = output is None and sys.stdout.isatty()
    color = stream_is_tty and not os.environ.get("NO_COLOR")
    if os.environ.get("FORCE_COLOR") and not os.environ.get("NO_COLOR") and output is None:
        color = True
    context = ReportContext(ruleset, settings, repository_root(os.getcwd()), tty=stream_is_tty, color=color,
                            baseline_fixed=fixed_entries, baseline_hidden=hidden)
    report = render(output_format, result, context)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(report)
        except OSError as error:
            click.echo(f"cgolint: error: cannot write {output}: {error.strerror or error}", err=True)
            sys.exit(EXIT_ERROR)
        if output_format != "text":
            click.echo(render("text", result, replace(context, tty=False, color=False)).splitlines()[-1], err=True)
    else:
        sys.stdout.write(report)
    if fixed_count:
        click.echo(f"cgolint: fixed {fixed_count} problem{'s' if fixed_count != 1 else ''}.", err=True)
    sys.exit(exit_code(result, settings, exit_zero))


def _fix_or_diff(paths, settings, ruleset, unsafe: bool, diff: bool) -> int:
    """--fix: write the fixes and return how many were applied; --diff: print
    them and exit (1 when there is something to fix)."""
    from .fix import FixError, fix_run, unified_diff, write_fixes

    try:
        outcome = fix_run(paths, settings, ruleset, unsafe=unsafe)
    except FixError as error:
        click.echo(f"cgolint: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    for shown, why in outcome.refused:
        click.echo(f"{shown}: warning: {why}", err=True)
    if diff:
        sys.stdout.write(unified_diff(outcome))
        files = len(outcome.files)
        click.echo(f"Would fix {outcome.applied} problem{'s' if outcome.applied != 1 else ''} in {files} "
                   f"file{'s' if files != 1 else ''}.", err=True)
        sys.exit(EXIT_FINDINGS if outcome.files else EXIT_CLEAN)
    problems = write_fixes(outcome)
    for shown, why in problems:
        click.echo(f"{shown}: error: {why}", err=True)
    if problems:
        sys.exit(EXIT_ERROR)
    return outcome.applied


def _baseline(paths, settings, result, baseline_file, write_baseline_file):
    """Apply --baseline / --write-baseline; return (result, hidden, fixed)."""
    from .baseline import BaselineError, filter_result, load_baseline, write_baseline

    try:
        if write_baseline_file:
            count = write_baseline(write_baseline_file, result.findings)
            for note in result.notifications:
                click.echo(f"{note.display_path + ': ' if note.display_path else ''}{note.level}: {note.message}", err=True)
            click.echo(f"cgolint: wrote {count} finding{'s' if count != 1 else ''} to the baseline "
                       f"{write_baseline_file}.", err=True)
            sys.exit(EXIT_ERROR if result.has_errors else EXIT_CLEAN)
        if not baseline_file:
            return result, 0, 0
        result, outcome = filter_result(result, load_baseline(baseline_file), paths, settings)
    except BaselineError as error:
        click.echo(f"cgolint: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    return result, outcome.hidden, outcome.fixed


def _run_with_cache(paths, settings, ruleset, jobs, cache_dir, no_cache, machine: bool):
    """run() with the result cache and, on a terminal, a progress line."""
    from .cache import Cache, resolve_directory
    from .runner import ProgressLine

    cache = None if no_cache else Cache(resolve_directory(cache_dir, settings.root))
    progress = ProgressLine.for_stderr(enabled=not machine)
    try:
        result = run(paths, settings, ruleset, jobs=jobs, cache=cache, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    for warning in cache.warnings if cache is not None else ():
        click.echo(f"cgolint: warning: {warning}", err=True)
    return result


def exit_code(result, settings: Settings, exit_zero: bool = False) -> int:
    if result.has_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    threshold = settings.fail_level.rank
    return EXIT_FINDINGS if any(f.level.rank >= threshold for f in result.findings) else EXIT_CLEAN


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every installed rule."""
    from .docs import rules_table

    ruleset = load_rules()
    for error in ruleset.errors:
        click.echo(f"cgolint: error: {error}", err=True)
    click.echo(rules_table(ruleset.rules, output_format), nl=False)
    sys.exit(EXIT_ERROR if ruleset.errors else EXIT_CLEAN)


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Show a rule's documentation, by code (CGL001) or name (local-array-to-c)."""
    found = load_rules().find(rule)
    if found is None:
        click.echo(f"cgolint: error: no rule {rule!r}; `cgolint rules` lists them", err=True)
        sys.exit(EXIT_ERROR)
    doc = found.doc()
    click.echo(doc.markdown(f"{found.code} {found.name}"), nl=False)
    click.echo(f"\nLevel: {found.level.value} · precision: {found.precision} · "
               f"security-severity: {found.security_severity:.1f} · fixable: {'yes' if found.fixable else 'no'}")


@main.command()
def lsp() -> None:
    """Run the language server over stdio (diagnostics as you type, quick fixes)."""
    from .lsp import serve

    serve()


if __name__ == "__main__":  # pragma: no cover
    main()
