"""The ``aims-lint`` command line."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

import click

from aims_lint import __version__
from aims_lint.reporters import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Failure(Exception):
    """A usage, configuration or internal error: one line on stderr, exit 2."""


def _selectors(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parse_today(value: str | None) -> _dt.date:
    if value is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint="--today") from None


def _color_wanted(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _write_atomically(path: Path, text: str) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _Group(click.Group):
    """Turns every known error into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as error:
            from aims_lint.config import ConfigError
            from aims_lint.pack import PackError
            from aims_lint.runner import UsageError

            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(error, (ConfigError, PackError, UsageError, _Failure)):
                click.echo(f"aims-lint: error: {error}", err=True)
            else:
                click.echo(
                    f"aims-lint: internal error: {type(error).__name__}: {error} (run with --debug for a traceback)",
                    err=True,
                )
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="aims-lint")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Lint ISO/IEC 42001 AI management system documents the way an auditor reads them.

    \b
    Examples:
      aims-lint check                      lint the repository around this folder
      aims-lint check policies/ai-policy.md
      aims-lint check --format json > findings.json
      aims-lint rules                      list the rules
      aims-lint explain DOC007             one rule's documentation
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "format_name",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
@click.option("--select", multiple=True, metavar="CODES", help="Rules to enable (codes, prefixes, names or ALL), replacing the configured selection.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to enable in addition to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable, added to the configured ones.")
@click.option("--fail-on", type=click.Choice(["major", "minor", "advisory"]), default=None,
              help="Lowest classification that makes the run fail [default: minor].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--today", metavar="YYYY-MM-DD", help="Use this date as today for every date rule.")
@click.option("--stdin-filename", type=click.Path(path_type=Path, dir_okay=False),
              help="Lint standard input as if it were this file (for editors).")
@click.option("--show-suppressed", is_flag=True, help="Also list findings suppressed inline, with their reasons.")
@click.option("--statistics", is_flag=True, help="Show a count of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Use this configuration file instead of looking for one.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the repository index in .aims-lint-cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=False,
              help="Worker processes; 0 (default) picks one per core for runs of 200 files or more.")
def check(
    paths: tuple[Path, ...],
    format_name: str | None,
    output_file: Path | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    today: str | None,
    stdin_filename: Path | None,
    show_suppressed: bool,
    statistics: bool,
    quiet: bool,
    config_file: Path | None,
    no_cache: bool,
    jobs: int,
) -> None:
    """Lint PATHS (files or folders; default: the whole repository).

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage,
    configuration or internal error.
    """
    import gc

    from aims_lint import runner
    from aims_lint.config import load_config_for

    # A lint run allocates many small objects that live until the end; the default
    # collector thresholds would scan them over and over (about a fifth of the run).
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    from aims_lint.pack import load_rules
    from aims_lint.reporters import Report, render

    today_date = _parse_today(today)
    targets = list(paths)
    if stdin_filename is not None:
        if paths:
            raise click.UsageError("--stdin-filename lints standard input; give no PATHS with it")
        targets = [stdin_filename]
    config = load_config_for(targets[0] if targets else Path.cwd(), config_file)
    if select:
        config.select, config.sources["select"] = _selectors(select), "command line"
    if extend_select:
        config.extend_select += _selectors(extend_select)
        config.sources["extend-select"] = "command line"
    if ignore:
        config.ignore += _selectors(ignore)
        config.sources["ignore"] = "command line"
    if fail_on:
        config.fail_on, config.sources["fail-on"] = fail_on, "command line"
    if no_cache:
        config.cache, config.sources["cache"] = False, "command line"

    rules = load_rules()
    enabled = runner.select_rules(config, rules)
    if stdin_filename is not None:
        result = runner.run_buffer(config, stdin_filename, sys.stdin.buffer.read(), today_date, enabled)
    else:
        result = runner.run(config, targets, today_date, rules=enabled, jobs=jobs or None)

    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    stream = sys.stdout
    report = Report(
        root=config.root,
        rules={rule.code: rule for rule in rules},
        enabled=enabled,
        show_suppressed=show_suppressed,
        statistics=statistics,
        quiet=quiet,
        color=format_name == "text" and output_file is None and _color_wanted(stream),
        fail_on=config.fail_on,
    )
    text = render(format_name, result, report)
    if output_file is not None:
        _write_atomically(output_file, text)
    elif text:
        click.echo(text, nl=False)
    if not quiet:
        for note in result.notes:
            click.echo(f"aims-lint: note: {note}", err=True)
    for error in result.errors:
        click.echo(f"aims-lint: error: {error}", err=True)
    if result.errors:
        sys.exit(EXIT_ERROR)
    if not exit_zero and result.fails(config.fail_on):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command(name="rules")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", help="Output format.")
def list_rules(format_name: str) -> None:
    """List every rule: code, name, clause, classification and what it checks."""
    from aims_lint.pack import load_rules

    rules = load_rules()
    if format_name == "json":
        import json

        rows = [
            {
                "code": rule.code,
                "name": rule.name,
                "clause": rule.clause,
                "classification": rule.classification,
                "remediation": rule.remediation,
                "types": list(rule.types),
                "scope": rule.scope,
                "summary": rule.summary,
                "pack": rule.pack,
            }
            for rule in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for rule in rules:
        click.echo(f"{rule.code:<7} {rule.name:<28} {rule.clause:<7} {rule.classification:<9} {rule.summary}")


@main.command()
@click.argument("rule_id", metavar="CODE|NAME")
def explain(rule_id: str) -> None:
    """Print one rule's documentation: what it checks, why an auditor flags it, how to close it."""
    from aims_lint.pack import load_rules

    for rule in load_rules():
        if rule_id.upper() == rule.code or rule_id.lower() == rule.name:
            click.echo(rule.explanation(), nl=False)
            return
    raise _Failure(f"no rule with code or name '{rule_id}' (see 'aims-lint rules')")


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default; accepted for editors that pass it).")
def server(stdio: bool) -> None:
    """Run the language server (LSP over stdio) for editors: lint on open, change and save.

    Needs the optional dependencies: pip install 'aims-lint[lsp]'.
    """
    try:
        from aims_lint.server import serve
    except ModuleNotFoundError as error:
        missing = (error.name or "pygls").split(".")[0]
        raise _Failure(
            f"'aims-lint server' needs the language-server extra ({missing} is not installed): "
            "pip install 'aims-lint[lsp]'"
        ) from None
    serve()


@main.command(name="config")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Use this configuration file instead of looking for one.")
def show_config(path: Path | None, config_file: Path | None) -> None:
    """Print the resolved configuration for PATH (default: this folder) and where each value came from."""
    from aims_lint.config import CONFIG_KEYS, load_config
    from aims_lint.pack import load_rules
    from aims_lint.runner import select_rules

    config = load_config(path or Path.cwd(), config_file)
    enabled = select_rules(config, load_rules())
    click.echo(f"# root: {config.root}")
    click.echo(f"# configuration file: {config.file or 'none (defaults)'}")
    for key, attribute in CONFIG_KEYS.items():
        value = getattr(config, attribute)
        if isinstance(value, _dt.date):
            value = value.isoformat()
        click.echo(f"{key} = {value!r}    # {config.sources.get(key, 'default')}")
    click.echo(f"# enabled rules ({len(enabled)}): {', '.join(rule.code for rule in enabled)}")
