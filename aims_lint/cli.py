"""The ``aims-lint`` command line."""

from __future__ import annotations

import datetime as _dt
import json
import os
import sys
from pathlib import Path

import click

from aims_lint import __version__
from aims_lint.reporters import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# The reader of the output went away (``aims-lint rules | head -1``): the status the shell
# reports for a process SIGPIPE ended (128 + 13), as for cat or grep. Not 0, which ruff
# and ripgrep return: under ``set -o pipefail`` a truncated check must not pass a gate.
# Not 1, which Python's documentation and click use: here it means findings.
EXIT_PIPE_CLOSED = 141


class _Failure(Exception):
    """A usage, configuration or internal error: one line on stderr, exit 2."""


def _tell(message: str) -> None:
    """One line on stderr. File names and document text in it are shown escaped
    (aims_lint.escape): a newline in a name must not start a line a CI runner reads as
    a workflow command, an escape sequence must not act on the terminal."""
    from aims_lint.escape import printable

    click.echo(printable(message), err=True)


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


def _write_atomically(path: Path, text: str, create_folders: bool = True) -> None:
    import tempfile

    if create_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        # mkstemp makes the file private (0600); a report is an ordinary file: keep the
        # mode of the file it replaces, else the usual mode under the umask.
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _quit_on_closed_pipe() -> None:
    """Exit quietly with EXIT_PIPE_CLOSED. What is still buffered for stdout or stderr
    goes to /dev/null, else flushing it at interpreter exit raises again and Python
    prints "Exception ignored ... BrokenPipeError"."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):  # not a real file (tests capture output in memory)
            pass
    sys.exit(EXIT_PIPE_CLOSED)


class _Group(click.Group):
    """Turns every known error into one line on stderr and exit code 2, and a closed
    output pipe into a quiet exit (EXIT_PIPE_CLOSED)."""

    def main(self, *args, **kwargs):
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                # Output still buffered is written here, where a closed pipe can be
                # caught, rather than at interpreter exit.
                if sys.stdout is not None:  # None without a console (pythonw)
                    sys.stdout.flush()
        except BrokenPipeError:
            _quit_on_closed_pipe()

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # before click's own handling, which exits 1
            _quit_on_closed_pipe()
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as error:
            from aims_lint.config import ConfigError
            from aims_lint.pack import PackError
            from aims_lint.runner import UsageError

            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(error, (ConfigError, PackError, UsageError, _Failure)):
                _tell(f"aims-lint: error: {error}")
            else:
                _tell(f"aims-lint: internal error: {type(error).__name__}: {error} (run with --debug for a traceback)")
            ctx.exit(EXIT_ERROR)


def outcome() -> int:
    """Run ``main`` on ``sys.argv`` (the ``aims-lint`` command, in this process or in a
    resident checker: aims_lint.resident); its exit code, an explanation on stderr when
    it ended with a message instead of a code."""
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = stop.code
    if code is not None and not isinstance(code, int):
        _tell(str(code))
        code = EXIT_ERROR
    return code or 0


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: the exit code still stands
            pass


def finish(code: int) -> None:
    """The quick exit of the ``aims-lint`` command. Once the output is flushed and every
    file closed, tearing down the interpreter's objects changes nothing and took a tenth
    of a pre-commit run's time, so it is skipped (as mypy does); exceptions (``--debug``)
    end the command as usual, before this."""
    flush_output()
    os._exit(code)


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
      aims-lint plan                       the plan to the Stage 2 audit, by dependencies
      aims-lint report -o readiness.html   an HTML readiness report for management
      aims-lint rules                      list the rules
      aims-lint explain DOC007             one rule's documentation
      aims-lint init aims --organisation "Acme" --ai-system chatbot --stage2-date 2027-06-01
                                           scaffold a new AIMS
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _lint_options(function):
    """The options of every command that lints (check, plan, report), defined once; the
    command receives them as keyword arguments and hands them to ``_lint``."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Rules to enable (codes, prefixes, names, DEFAULT or ALL), replacing the configured selection."),
        click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to enable in addition to the selection."),
        click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable, added to the configured ones."),
        click.option("--today", metavar="YYYY-MM-DD", help="Use this date as today for every date rule."),
        click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                     help="Use this configuration file instead of looking for one."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the caches in .aims-lint-cache/ (index and facts)."),
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=False,
                     help="Worker processes; 0 (default) picks one per core for runs of 200 files or more."),
        click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
                     help="Hide the findings this baseline accepts (see 'aims-lint baseline'); "
                          "replaces the configured baseline."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _lint(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    today: str | None,
    config_file: Path | None,
    no_cache: bool,
    jobs: int,
    fail_on: str | None = None,
    stdin_filename: Path | None = None,
    baseline_file: Path | None = None,
    use_baseline: bool = True,
    cwd: Path | None = None,
    cache: bool = True,
    exclude: tuple[str, ...] = (),
    overrides: dict | None = None,
    quiet: bool = False,
    evidence: bool = True,
    reach=None,
    keep_reach: bool = False,
    loaded_config=None,
):
    """Resolve the configuration with the command-line overrides and lint:
    (config, every rule, enabled rules, result, today). ``cwd``: lint as if run there (a
    state of the repository extracted elsewhere, ``aims_lint.changes``); ``exclude``:
    further globs to leave out; ``use_baseline``: False to see every finding;
    ``evidence``: False when no readiness verdict will be given; ``reach`` and
    ``keep_reach``: see ``runner.run`` (never with a baseline: its unused entries are
    told from every finding); ``loaded_config``: the configuration, when the caller has
    just loaded it for the same run."""
    import gc

    from aims_lint import runner
    from aims_lint.config import load_config_for_run

    # A lint run allocates many small objects that live until the end; the default
    # collector thresholds would scan them over and over (about a fifth of the run).
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    from aims_lint.pack import rules_for_run

    today_date = _parse_today(today)
    targets = list(paths)
    if stdin_filename is not None:
        if paths:
            raise click.UsageError("--stdin-filename lints standard input; give no PATHS with it")
        targets = [stdin_filename]
    config = loaded_config if loaded_config is not None else load_config_for_run(targets, config_file, cwd)
    if exclude:
        config.exclude = [*config.exclude, *exclude]
    if not cache:
        config.cache = False
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

    rules = rules_for_run(config.root if config.cache else None)
    enabled = runner.select_rules(config, rules)
    if stdin_filename is not None:
        from aims_lint.workspace import read_input

        data = read_input(sys.stdin.buffer, config.max_file_size)
        result = runner.run_buffer(config, stdin_filename, data, today_date, enabled)
    else:
        from aims_lint.progress import Progress

        # On a terminal, long runs say how far they are (never with -q or standard input).
        progress = None if quiet else Progress.for_stderr()
        try:
            result = runner.run(config, targets, today_date, overrides, rules=enabled, jobs=jobs or None, progress=progress,
                                    evidence=evidence, reach=reach if baseline_file is None and not config.baseline else None,
                                    keep_reach=keep_reach)
        finally:
            if progress is not None:
                progress.finish()
    if use_baseline:
        _apply_baseline(config, result, baseline_file, _display(config, cwd))
    result.notes = sorted(set(result.notes + config.notes))
    return config, rules, enabled, result, today_date


def _display(config, cwd: Path | None = None):
    """How people see a repository-relative path: relative to the folder the run is in,
    as text, JSON and JUnit findings show it (``Report.display``, the one conversion)."""
    from aims_lint.reporters import Report

    return Report(root=config.root, cwd=cwd or Path.cwd()).display


def _apply_baseline(config, result, baseline_file: Path | None, display) -> None:
    """Hide what the baseline accepts: ``--baseline FILE``, else the configured one."""
    from aims_lint import baseline

    if baseline_file is not None:
        path, name = baseline_file, str(baseline_file)
    elif config.baseline:
        path, name = config.root / config.baseline, display(Path(config.baseline).as_posix())
    else:
        return
    try:
        known = baseline.load(path)
    except baseline.BaselineError as error:
        raise _Failure(str(error)) from None
    baseline.apply(result, known, name, display)


def _lint_change(lint_options: dict, ref: str | None, staged: bool):
    """Lint the repository as it is (or as staged) and as it was at ``ref`` (HEAD with
    ``staged``); keep the findings the change introduces (aims_lint.changes). None when
    ``staged`` and nothing that can change a finding is staged."""
    import contextlib
    import glob
    from collections import Counter

    from aims_lint import __version__, changes, fingerprint
    from aims_lint.cache import code_stamp
    from aims_lint.config import load_config_for_run
    from aims_lint.git import GitError

    cwd = Path.cwd()
    option = "--staged" if staged else "--new-since"
    try:
        if staged:
            top, head_tree = changes.toplevel_and_head(cwd)
            staged_changes = changes.staged_changes(cwd, head_tree is not None)
            if not any(changes.relevant_change(status, name, ".aims-lint-baseline.json") for status, name in staged_changes):
                return None
            base_tree, label = (head_tree, "HEAD") if head_tree else (changes.EMPTY_TREE, "an empty repository")
        else:
            top = changes.toplevel(cwd)
            if ref.startswith("-"):
                raise GitError(f"'{ref}' is not a branch, tag or commit name")
            base_tree, label = changes.tree_of(cwd, ref), ref
    except GitError as error:
        raise _Failure(f"{option}: {error}") from None
    here = Path(os.path.relpath(os.path.abspath(cwd), top))
    config_file = lint_options.get("config_file")
    reported = lint_options["paths"]
    # The verdict of a change speaks of the change, not of the AIMS: no readiness evidence.
    options = {**lint_options, "paths": (), "evidence": False}
    with contextlib.ExitStack() as stack:
        made: list[Path] = []

        def scratch(name: str) -> Path:
            """A new folder ``name`` in this run's scratch folder (made when first needed,
            outside the repository; removed at the end)."""
            if not made:
                import tempfile

                made.append(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="aims-lint-"))))
            folder = made[0] / name
            folder.mkdir()
            return folder

        current = dict(options)
        untracked: list[str] = []
        early = load_config_for_run([], config_file, cwd)  # the working tree's configuration
        try:
            if staged:
                names = changes.unstaged_names(cwd)
                if any(changes.relevant(name) for name in names):
                    # The working copy is not what the commit records: lint the index itself.
                    state = scratch("index")
                    (state / ".git").mkdir()  # the state's repository root, for the configuration search
                    changes.extract_index(cwd, state)
                    current.update(cwd=state / here, cache=False, config_file=_moved(config_file, top, state))
                else:
                    untracked = [name for name in changes.untracked_names(cwd) if changes.relevant(name)]
                    current["exclude"] = tuple(
                        glob.escape(os.path.relpath(top / name, early.root).replace(os.sep, "/")) for name in untracked
                    )
            else:
                untracked = changes.untracked_names(cwd)
        except GitError as error:
            raise _Failure(f"{option}: {error}") from None
        today_date = _parse_today(lint_options["today"])

        def state_key(tree: str) -> str:
            return json.dumps([tree, __version__, code_stamp(), today_date.isoformat(), str(here), str(config_file),
                               [options.get(name) for name in ("select", "extend_select", "ignore")]])

        base_contents = changes.contents_key(top, base_tree)
        key = state_key(base_contents) if base_contents else None
        cached = early.cache and not lint_options["no_cache"]
        base = changes.kept_state(early.root, key) if cached and key and "cwd" not in current else None
        # What is linted now is the next commit's base: its findings are kept under the
        # tree it commits (without the baseline applied), so the next commit lints once,
        # with its reach, so the next commit judges only what its change can touch.
        keeps_state = staged and cached and "cwd" not in current and lint_options.get("baseline_file") is None
        reach = base.reach if base is not None and keeps_state and not early.baseline else None
        linted = _lint(**current, reach=reach, keep_reach=keeps_state, loaded_config=early if "cwd" not in current else None)
        config, _, enabled, result, today_date = linted
        workspace_codes = {item.code for item in enabled if item.scope == "workspace"}
        carried = base.carried(result.untouched, workspace_codes) if result.untouched else Counter()
        if keeps_state:
            contents = changes.contents_key(top)
            if contents:
                kept = fingerprint.count([f for f in result.findings if not f.suppressed], key=fingerprint.short_key)
                changes.keep_state(config.root, state_key(contents), kept + carried, result.reach)
        if base is None and config.cache and "cwd" not in current:
            # The base as the working tree with the changed files put back: unchanged files
            # keep their cache entries, so the base costs what a warm run costs.
            try:
                overrides = changes.base_overrides(cwd, top, config.root, base_tree, staged, untracked)
            except GitError:
                overrides = None
            if overrides is not None:
                base_options = {**current, "use_baseline": False, "overrides": overrides}
                _, _, _, base_result, _ = _lint(**base_options)
                base = changes.State(fingerprint.count(base_result.active, key=fingerprint.short_key))
                if key:
                    changes.keep_state(config.root, key, base.keys)
        if base is None:
            state = scratch("base")
            try:
                changes.extract_tree(cwd, base_tree, state)
            except GitError as error:
                raise _Failure(f"{option}: {error}") from None
            (state / ".git").mkdir(exist_ok=True)
            (state / here).mkdir(parents=True, exist_ok=True)
            base_options = {**options, "cwd": state / here, "cache": False, "use_baseline": False, "jobs": options["jobs"],
                            "config_file": _moved(config_file, top, state)}
            if config_file is not None and base_options["config_file"] is None:
                base_options["config_file"] = None  # no such configuration at the base: its defaults
            _, _, _, base_result, _ = _lint(**base_options)
            base = changes.State(fingerprint.count(base_result.active, key=fingerprint.short_key))
            if config.cache and key:
                changes.keep_state(config.root, key, base.keys)
    comparison = changes.compare(result.active, base, label, carried)
    new = comparison.new
    if reported:
        wanted = [config.root.resolve() / Path(os.path.relpath(os.path.abspath(path), config.root.resolve())) for path in reported]
        new = [finding for finding in new if any(
            (config.root.resolve() / finding.path) == item or item in (config.root.resolve() / finding.path).parents
            for item in wanted
        )]
        comparison.new = new
    keep = {id(finding) for finding in new}
    result.findings = [finding for finding in result.findings if id(finding) in keep]
    result.whole_repository = False  # the verdict speaks for the change, not for the AIMS
    result.evidence = None
    result.comparison = comparison
    # Where the run was, as the linted state sees it (the index extracted elsewhere): the
    # folder paths are shown relative to.
    return linted, comparison, current.get("cwd", cwd)


def _moved(config_file: Path | None, top: Path, state: Path) -> Path | None:
    """An explicit --config file's place in an extracted state, if it is there."""
    if config_file is None:
        return None
    absolute = Path(os.path.abspath(config_file))
    if top != absolute and top not in absolute.parents:
        return config_file  # outside the repository: the same file for both states
    moved = state / absolute.relative_to(top)
    return moved if moved.is_file() else None


def _print_problems(result, quiet: bool = False) -> None:
    if not quiet:
        for note in result.notes:
            _tell(f"aims-lint: note: {note}")
    for error in result.errors:
        _tell(f"aims-lint: error: {error}")


@main.command()
@_lint_options
@click.option(
    "--format", "format_name",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
@click.option("--fail-on", type=click.Choice(["major", "minor", "advisory"]), default=None,
              help="Lowest classification that makes the run fail [default: minor].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--stdin-filename", type=click.Path(path_type=Path, dir_okay=False),
              help="Lint standard input as if it were this file (for editors).")
@click.option("--show-suppressed", is_flag=True, help="Also list findings suppressed inline, with their reasons.")
@click.option("--statistics", is_flag=True, help="Show a count of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option("-v", "--verbose", is_flag=True, help="Also say which configuration file and repository root the run uses.")
@click.option("--new-since", metavar="REF",
              help="Report only the findings the change since the commit REF introduces, wherever they land: the "
                   "whole repository is linted as it is and as it was at REF (each with its configuration), and "
                   "findings are compared by content, not line. PATHS then only limit what is reported.")
@click.option("--staged", is_flag=True,
              help="Judge what 'git commit' would record (git's index) against HEAD, as --new-since does: what the "
                   "pre-commit hook runs. Passes at once when no Markdown or configuration file is staged.")
@click.option("--summary-file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Also append a Markdown summary (verdict, counts, findings with links) to FILE, e.g. "
                   "$GITHUB_STEP_SUMMARY.")
def check(
    format_name: str | None,
    output_file: Path | None,
    exit_zero: bool,
    show_suppressed: bool,
    statistics: bool,
    quiet: bool,
    verbose: bool,
    staged: bool,
    new_since: str | None,
    summary_file: Path | None,
    **lint_options,
) -> None:
    """Lint PATHS (files or folders; default: the whole repository).

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage,
    configuration or internal error.
    """
    from aims_lint.reporters import Report, render

    comparison = None
    if staged or new_since is not None:
        if staged and new_since is not None:
            raise click.UsageError("--staged compares the index with HEAD: give either --staged or --new-since")
        if lint_options["stdin_filename"] or (staged and lint_options["paths"]):
            raise click.UsageError("--staged and --new-since lint states of the repository: give no --stdin-filename"
                                   + (" or PATHS" if staged else ""))
        compared = _lint_change(lint_options, new_since, staged)
        if compared is None:
            if not quiet:
                _tell("aims-lint: no Markdown or configuration file staged: nothing to judge")
            sys.exit(EXIT_OK)
        (config, rules, enabled, result, today_date), comparison, here = compared
    else:
        config, rules, enabled, result, today_date = _lint(**lint_options, quiet=quiet)
        here = Path.cwd()
    if verbose:
        _tell(f"aims-lint: configuration: {config.file or 'none (defaults)'}; root: {config.root}"
              + ("; standalone (no configuration, no git repository)" if config.standalone else ""))
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
        stage2_date=config.stage2_date,
        today=today_date,
        planning=config.planning,
        # Text, JSON and JUnit: paths relative to where aims-lint runs; SARIF and GitHub
        # keep repository-relative paths, as those formats require.
        cwd=here if format_name in ("text", "json", "junit") else None,
    )
    text = render(format_name, result, report)
    if summary_file is not None:
        from aims_lint.reporters.summary import render_summary

        try:
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(render_summary(result, report, config, comparison))
        except OSError as error:
            raise _Failure(f"cannot write --summary-file {summary_file}: {error.strerror or error}") from None
    if output_file is not None:
        _write_atomically(output_file, text)
    elif text:
        click.echo(text, nl=False)
    _print_problems(result, quiet)
    if result.errors:
        sys.exit(EXIT_ERROR)
    if not exit_zero and result.fails(config.fail_on):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command()
@_lint_options
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", help="Output format.")
def plan(format_name: str, **lint_options) -> None:
    """Plan the work to the Stage 2 audit, counted back from stage2-date by dependencies.

    \b
    Phase 1  documentation sprint (policy, SoA traceability, objectives)
    Phase 2  process hardening (risk, impact assessments, competence)
    Phase 3  evidence and rehearsal: operating evidence (8 weeks) -> full-scope
             internal audit (60 days before Stage 2) -> corrective actions ->
             management review -> Stage 1 -> Stage 2

    Each milestone: its latest and earliest date, the findings that block it, their
    owners and the effort in person-days; the critical path against the days left.
    Settings: planning in the configuration (today + 90 days without stage2-date).
    Exit status: 0, or 2 for a usage, configuration or internal error.
    """
    from aims_lint import plan as planning

    config, _, _, result, today_date = _lint(**lint_options)
    countdown = planning.build(result, config.stage2_date, today_date, config.planning, _display(config))
    if format_name == "json":
        from aims_lint.escape import to_json

        click.echo(to_json({"version": __version__, **countdown.as_json()}))
    else:
        click.echo(planning.render_text(countdown), nl=False)
    _print_problems(result)
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


@main.command()
@_lint_options
@click.option("-o", "--output", "output", default="readiness.html", show_default=True, metavar="FILE",
              help="Where to write the HTML report.")
@click.option("--title", metavar="TEXT", help="Organisation or AIMS name in the report [default: the repository folder's name].")
def report(output: str, title: str | None, **lint_options) -> None:
    """Write an audit-readiness report: one self-contained HTML page.

    The verdict and the countdown to Stage 2, the severity matrix, a clause-by-clause
    heat map and the findings with links to the files. No script and no network
    assets: it opens offline and can be archived with the audit evidence.
    Exit status: 0, or 2 for a usage, configuration or internal error.
    """
    from aims_lint import html_report

    output_path = _output_path(output)
    config, _, _, result, today_date = _lint(**lint_options)
    page = html_report.render(
        result, config.root.resolve(), output_path, config.stage2_date, today_date, title or config.root.resolve().name,
        config.planning,
    )
    try:
        _write_atomically(output_path, page, create_folders=False)
    except OSError as error:
        raise _Failure(f"cannot write {output}: {error.strerror or error}") from None
    _print_problems(result)
    _tell(f"aims-lint: wrote {output}")
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


def _output_path(output: str) -> Path:
    """The report's path, checked before linting so that a typo costs no lint run."""
    path = Path(output).expanduser()
    if not output.strip() or path.is_dir() or output.endswith(("/", os.sep)):
        raise _Failure(f"--output {output!r} is a folder: give a file name, e.g. readiness.html")
    if not path.parent.is_dir():
        raise _Failure(f"--output {output!r}: folder {str(path.parent)!r} does not exist")
    return path.absolute()


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
                "default": rule.default,
            }
            for rule in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for rule in rules:
        opt_in = "" if rule.default else " (opt-in: select it by code, prefix or ALL)"
        click.echo(f"{rule.code:<7} {rule.name:<28} {rule.clause:<7} {rule.classification:<9} {rule.summary}{opt_in}")


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


@main.command()
@click.option("--stop", is_flag=True, help="Stop it.")
def resident(stop: bool) -> None:
    """Show the resident checker that serves the pre-commit hook in this folder.

    \b
    'check --staged' starts it at the repository root on its first run and hands it
    later runs; it exits after 30 idle minutes or when aims-lint changes.
    AIMS_LINT_RESIDENT=0 turns it off, AIMS_LINT_RESIDENT=1 on even in CI.
    """
    from aims_lint import resident as checker

    if stop:
        click.echo("resident checker stopped" if checker.stop() else "no resident checker serves this folder")
        return
    status = checker.status()
    if status is None:
        click.echo("no resident checker serves this folder")
    else:
        click.echo(f"resident checker: process {status['pid']}, {status['served']} checks served, "
                   f"running for {status['seconds']} s")


@main.command()
@click.argument("folder", metavar="[DIR]", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--organisation", "--organization", "organisation", metavar="NAME",
              help="The organisation's name, written into the documents.")
@click.option("--ai-system", "ai_systems", multiple=True, metavar="ID",
              help="An AI system in scope (repeat it, or separate ids with commas): letters, digits, '-' and '_'; "
                   "it names the file impact/ID.md.")
@click.option("--stage2-date", metavar="YYYY-MM-DD", help="The date of the Stage 2 certification audit (after today).")
@click.option("--today", metavar="YYYY-MM-DD", help="Use this date as today for the dates of the plan.")
def init(folder: Path, organisation: str | None, ai_systems: tuple[str, ...], stage2_date: str | None,
         today: str | None) -> None:
    """Scaffold an AI management system in DIR (default: this folder).

    \b
    Writes one structured template per document ISO/IEC 42001 requires:
      .aims-lint.yaml                  roles, stage2-date, types by folder
      scope.md                         AIMS scope with the AI systems (4.3)
      policies/ai-policy.md            AI policy (5.2)
      planning/risk-assessment.md      risk criteria, scales and register (6.1.2)
      planning/soa.md                  SoA with the 38 Annex A controls (6.1.3)
      planning/objectives.md           AI objectives (6.2)
      impact/ID.md                     one impact assessment per AI system (6.1.4)
      support/competence-matrix.md     competence and awareness (7.2, 7.3)
      records/internal-audit.md        internal audit record (9.2)
      records/nonconformity-log.md     nonconformities and corrective actions (10.2)
      records/management-review.md     management review minutes (9.3)
      README.md                        what to fill in, in what order, by when
                                       (AIMS-README.md when DIR has a README)

    Fill in the bracketed blanks; 'aims-lint check' reports each document that is still
    an unfilled template. An existing file is never overwritten (it is left as it is,
    with a note), nothing is written outside DIR and no symbolic link below it is
    followed. Missing options are asked for when standard input is a terminal.
    Exit status: 0 when every file is there (written now or already there), 2 for a
    usage error or a file that could not be written (the others are written).
    """
    from aims_lint import scaffold

    today_date = _parse_today(today)
    try:
        scaffold.check_folder(folder)
    except scaffold.ScaffoldError as error:
        raise click.BadParameter(str(error), param_hint="DIR") from None
    interactive = _stdin_is_terminal()

    def ask(text: str, check, value):
        if value is None and interactive:
            value = click.prompt(text, value_proc=check)
        return value

    def stage2(value: str) -> _dt.date:
        try:
            date = _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint="--stage2-date") from None
        if date <= today_date:
            raise click.BadParameter(f"{date.isoformat()} is not after today ({today_date.isoformat()})",
                                     param_hint="--stage2-date")
        return date

    def valid(function, hint: str):
        def check(value):
            try:
                return function(value)
            except scaffold.ScaffoldError as error:
                raise click.BadParameter(str(error), param_hint=hint) from None
        return check

    def systems(value) -> list[str]:
        values = value.split(",") if isinstance(value, str) else [part for item in value for part in item.split(",")]
        return scaffold.check_systems([part for part in values if part.strip()])

    missing = [name for name, value in (("--organisation", organisation), ("--ai-system", ai_systems or None),
                                        ("--stage2-date", stage2_date)) if value is None]
    if missing and not interactive:
        raise click.UsageError(f"missing {', '.join(missing)} (asked for only when standard input is a terminal)")
    organisation = ask("Organisation name", valid(scaffold.check_name, "--organisation"), organisation)
    organisation = valid(scaffold.check_name, "--organisation")(organisation)
    check_systems = valid(systems, "--ai-system")
    ai_list = check_systems(ai_systems) if ai_systems else ask("AI system ids in scope (comma-separated)", check_systems, None)
    date = stage2(stage2_date) if stage2_date is not None else ask("Stage 2 audit date (YYYY-MM-DD)", stage2, None)
    try:
        outcome = scaffold.init(folder, organisation, ai_list, date, today_date)
    except scaffold.ScaffoldError as error:
        raise _Failure(str(error)) from None
    for relpath in outcome.created:
        click.echo(_printable_path(folder, relpath))
    failed = False
    for relpath, why in outcome.skipped:
        failed = failed or not why.startswith("exists")
        _tell(f"aims-lint: {'note' if why.startswith('exists') else 'error'}: {_printable_path(folder, relpath)} {why}")
    if outcome.created:
        _tell(f"aims-lint: wrote {len(outcome.created)} files; fill in the documents in the order of the README, "
              "then run 'aims-lint check'")
    else:
        _tell("aims-lint: nothing written: every file of the scaffold is already there")
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _printable_path(folder: Path, relpath: str) -> str:
    from aims_lint.escape import printable

    return printable(relpath if str(folder) == "." else f"{folder.as_posix().rstrip('/')}/{relpath}")


@main.command(name="config")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Use this configuration file instead of looking for one.")
def show_config(path: Path | None, config_file: Path | None) -> None:
    """Print the resolved configuration for PATH (default: this folder) and where each value came from."""
    from aims_lint.config import CONFIG_KEYS, load_config_for_run
    from aims_lint.escape import printable
    from aims_lint.pack import load_rules
    from aims_lint.runner import select_rules

    config = load_config_for_run([path] if path else [], config_file)
    enabled = select_rules(config, load_rules())
    # Folder names and configured values belong to the repository: shown escaped.
    click.echo(printable(f"# root: {config.root}"))
    click.echo(printable(f"# configuration file: {config.file or 'none (defaults)'}"))
    if config.standalone:
        click.echo("# standalone: no configuration and no git repository; only the files named are linted, no cache")
    for note in config.notes:
        click.echo(printable(f"# note: {note}"))
    for key, attribute in CONFIG_KEYS.items():
        value = getattr(config, attribute)
        if isinstance(value, _dt.date):
            value = value.isoformat()
        click.echo(printable(f"{key} = {value!r}    # {config.sources.get(key, 'default')}"))
    click.echo(f"# enabled rules ({len(enabled)}): {', '.join(rule.code for rule in enabled)}")


@main.command(name="baseline")
@_lint_options
@click.option("-o", "--output", "output", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Where to write the baseline [default: .aims-lint-baseline.json at the repository root].")
def write_baseline(output: Path | None, **lint_options) -> None:
    """Accept today's findings: write them to a baseline that 'check' then hides.

    Entries are keyed on what each finding is about (rule, file, message without line
    numbers), counted, sorted: lines inserted above a gap keep it accepted. Use it with
    'aims-lint check --baseline FILE' or the 'baseline' configuration key; entries that
    match nothing any more are reported as notes, so regenerate it as gaps close.
    Exit status: 0, or 2 for a usage, configuration or internal error.
    """
    from aims_lint import baseline

    lint_options["baseline_file"] = None
    config, _, _, result, _ = _lint(use_baseline=False, **lint_options)
    path = output if output is not None else config.root / baseline.FILE_NAME
    findings = result.active
    try:
        _write_atomically(path, baseline.render(findings), create_folders=False)
    except OSError as error:
        raise _Failure(f"cannot write {path}: {error.strerror or error}") from None
    _print_problems(result)
    count = len(findings)
    _tell(f"aims-lint: wrote {count} finding{'s' if count != 1 else ''} to {path}")
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)
