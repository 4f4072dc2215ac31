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
from .reporters.sarif import repository_root
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
def check(patterns, output_format, output, select, ignore, config, isolated, fail_level, exit_zero, jobs) -> None:
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
    result = run(paths, settings, ruleset, jobs=jobs or os.cpu_count() or 1)
    stream_is_tty = output is None and sys.stdout.isatty()
    color = stream_is_tty and not os.environ.get("NO_COLOR")
    if os.environ.get("FORCE_COLOR") and not os.environ.get("NO_COLOR") and output is None:
        color = True
    context = ReportContext(ruleset, settings, repository_root(os.getcwd()), tty=stream_is_tty, color=color)
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
    sys.exit(exit_code(result, settings, exit_zero))


def exit_code(result, settings: Settings, exit_zero: bool = False) -> int:
    if result.has_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    failing = [f for f in result.findings if f.level.rank >= settings.fail_level.rank]
    return EXIT_FINDINGS if failing else EXIT_CLEAN


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


if __name__ == "__main__":  # pragma: no cover
    main()
