"""``aims-lint server``: a Language Server Protocol server over stdio, built on pygls.

Editors get the same findings as ``aims-lint check --stdin-filename``: each open buffer
is linted as the file it will be saved as, with the configuration found from that file
(the repository root is the configuration's folder, else the git root; with neither, the
buffer is linted alone), so cross-document rules see the rest of the repository on disk.

- diagnostics on open and save, and on change after a pause in typing (DEBOUNCE_SECONDS);
- a quick fix per diagnostic that inserts an inline suppression with a reason to fill in;
- hover shows every diagnostic under the cursor: each one's message, then the
  documentation of each rule among them once (as ``aims-lint explain``);
- a configuration error (an unknown key, a bad value) is shown to the user once per
  distinct error (window/showMessage, not on every keystroke) and logged; the buffer's
  diagnostics are cleared meanwhile, since they no longer say what aims-lint thinks;
  a closed buffer's diagnostics are cleared too;
- a finding that shows at several places (its ``locations``) is one diagnostic at its
  primary place, whose ``relatedInformation`` lists the others (VS Code nests them under
  the problem, each a link); each other place in the same document also gets a Hint
  diagnostic of the same code pointing back to the primary one (as rust-analyzer marks
  rustc's secondary spans), so that the place is marked in the text, hover explains it
  and the quick fix there accepts that place alone (aims_lint.suppress).

Nothing that goes wrong while linting one document stops the server: the error goes to
the editor's log (window/logMessage) and the server keeps serving.

Imported only by the ``server`` command: the CLI does not pay for pygls at start-up.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import gc
import re
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from aims_lint import __version__, runner
from aims_lint.config import ConfigError, load_config
from aims_lint.escape import printable
from aims_lint.findings import Finding
from aims_lint.framing import FramedInput
from aims_lint.pack import PackError, load_rules
from aims_lint.workspace import relative_path

SOURCE = "aims-lint"
DEBOUNCE_SECONDS = 0.3
# An editor lists a document's problems for a person to read: past a thousand the list
# is noise, and its cost is not (each diagnostic is built, serialised, sent and drawn
# again on every pause in typing; 360,000 of them took minutes and gigabytes).
# ``aims-lint check`` lists them all.
MAX_DIAGNOSTICS = 1000
# A rule that fires on every line (DOC008 on each placeholder) must not crowd the
# other rules' findings out of those thousand.
MAX_DIAGNOSTICS_PER_RULE = 100
# The largest message read from the editor: a buffer at the default max-file-size
# (10 MB) with room for JSON escapes; a larger one is skipped unread (framing.py).
MAX_MESSAGE_BYTES = 64 * 1048576
# A document's sections and blocks refer to each other, so its parse is freed only by a
# full collection, which an idle server may not run for a long time: after a buffer this
# large (a full collection costs some 20 ms, linting it a second) the linting thread runs one.
COLLECT_AFTER_CHARACTERS = 256 * 1024
REASON_PLACEHOLDER = "<reason>"  # SUP001 reports it until someone writes the real reason
SEVERITIES = {
    "major": types.DiagnosticSeverity.Error,
    "minor": types.DiagnosticSeverity.Warning,
    "advisory": types.DiagnosticSeverity.Information,
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the LSP's line breaks (not str.splitlines's)
# Possessive: "\s*\|?\s*" tried every split of a line of spaces (quadratic, issue 10).
_TABLE_DELIMITER = re.compile(r"^\s*+\|?\s*+:?-++:?\s*+(\|\s*+:?-++:?\s*+)++\|?\s*+$|^\s*+\|\s*+:?-++:?\s*+\|\s*+$")


@dataclass
class Outcome:
    """What linting one buffer gives: findings (None when linting failed), log lines, and
    why the buffer was not linted at all (over max-file-size, say), if it was not."""

    findings: list[Finding] | None
    log: list[tuple[types.MessageType, str]] = field(default_factory=list)
    skipped: str | None = None
    root: Path | None = None  # the repository: related locations in other files are under it
    config_error: str | None = None  # the configuration cannot be used: the user's to fix


def lint_text(path: Path, text: str, today: _dt.date | None = None) -> Outcome:
    """Lint ``text`` as the file at ``path``; never raises."""
    try:
        # Without a configuration or a git repository the buffer is linted alone (the
        # configuration is standalone): a stray file in a home folder must not make the
        # server index that folder or write a cache there.
        config = load_config(path)  # from where the file is; it may not exist yet
        enabled = runner.select_rules(config, load_rules())
        data = text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes the DOC001 a file would get
        result = runner.run_buffer(config, path, data, today or _dt.date.today(), enabled)
        relpath = relative_path(path, config.root.resolve())
        outcome = Outcome([finding for finding in result.active if finding.path == relpath], root=config.root.resolve())
        skipped = [note for note in result.notes if note.startswith(f"{relpath}: skipped")]
        if skipped:  # the workspace's note on the buffer, "<relpath>: skipped: <why>"
            outcome.skipped = skipped[0].removeprefix(f"{relpath}: ")
        outcome.log.extend((types.MessageType.Info, f"aims-lint: note: {note}") for note in result.notes)
        outcome.log.extend((types.MessageType.Error, f"aims-lint: error: {error}") for error in result.errors)
        return outcome
    except (ConfigError, PackError, runner.UsageError) as error:  # the user's to fix: one line, as the CLI says it
        message = f"aims-lint: error: {error}"
        return Outcome(None, [(types.MessageType.Error, message)], config_error=message)
    except Exception as error:  # a bug: log it with its traceback, keep serving
        detail = "".join(traceback.format_exception(error)).rstrip()
        return Outcome(None, [(types.MessageType.Error, f"aims-lint: internal error linting {path}: {detail}")])


def lint_and_collect(path: Path, text: str) -> Outcome:
    """``lint_text``, then a full garbage collection if the buffer was large."""
    outcome = lint_text(path, text)
    if len(text) > COLLECT_AFTER_CHARACTERS:
        gc.collect()
    return outcome


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def shown_findings(findings: list[Finding]) -> tuple[list[Finding], int]:
    """(the findings a document's diagnostics show, how many more there are): in order,
    at most MAX_DIAGNOSTICS_PER_RULE of one rule and MAX_DIAGNOSTICS in all."""
    shown: list[Finding] = []
    per_rule: dict[str, int] = {}
    for finding in findings:
        count = per_rule[finding.code] = per_rule.get(finding.code, 0) + 1
        if count <= MAX_DIAGNOSTICS_PER_RULE and len(shown) < MAX_DIAGNOSTICS:
            shown.append(finding)
    return shown, len(findings) - len(shown)


def notice(message: str) -> types.Diagnostic:
    """An Information diagnostic at the top of the document, about the document as a whole."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        severity=types.DiagnosticSeverity.Information,
        source=SOURCE,
        message=message,
    )


def diagnostics_for(outcome: Outcome, text: str, units, uri: str | None = None) -> list[types.Diagnostic]:
    """What the editor shows for a linted buffer: the findings, up to the caps, and a
    notice of what is not shown; or one notice when the buffer was not linted. With the
    buffer's ``uri``, a finding's other places are related information and hints."""
    if outcome.skipped:
        return [notice(outcome.skipped)]
    shown, hidden = shown_findings(outcome.findings or [])
    lines = split_lines(text) if shown else []  # a clean buffer is not split
    diagnostics = []
    hints: list[types.Diagnostic] = []
    for finding in shown:
        main = diagnostic(finding, lines, units)
        if uri is not None and finding.locations:
            where = _where(finding.path, outcome.root, uri)
            main.related_information = [
                types.DiagnosticRelatedInformation(
                    location=types.Location(uri=where(item.path), range=_span(item.line, item.column, lines, units, item.path == finding.path)),
                    message=item.message or finding.message,
                )
                for item in finding.locations[:MAX_DIAGNOSTICS_PER_RULE]
            ]
            back = types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=main.range), message=finding.message)
            for item in finding.locations[:MAX_DIAGNOSTICS_PER_RULE]:
                if item.path == finding.path and len(hints) < MAX_DIAGNOSTICS:
                    hints.append(
                        types.Diagnostic(
                            range=_span(item.line, item.column, lines, units, True),
                            severity=types.DiagnosticSeverity.Hint,
                            code=main.code,
                            code_description=main.code_description,
                            source=SOURCE,
                            message=f"{item.message or 'the same gap'}: see {finding.code} at line {finding.line}",
                            related_information=[back],
                            data={**main.data, "primary_line": finding.line},
                        )
                    )
        diagnostics.append(main)
    diagnostics.extend(hints)
    if hidden:
        diagnostics.append(notice(f"{hidden} more findings not shown: run aims-lint check"))
    return diagnostics


def _where(relpath: str, root: Path | None, uri: str):
    """relpath -> URI: the buffer's own for its path, else the file under ``root``."""

    def where(path: str) -> str:
        if path == relpath or root is None:
            return uri
        return (root / path).as_uri()

    return where


def _span(line_number: int, column: int, lines: list[str], units, here: bool) -> types.Range:
    """From ``column`` to the end of the line's text in this buffer; in another file
    (``here`` false), whose text the server has not read, the position alone."""
    if not here:
        position = types.Position(line=max(line_number - 1, 0), character=max(column - 1, 0))
        return types.Range(start=position, end=position)
    line = min(max(line_number - 1, 0), max(len(lines) - 1, 0))
    text = lines[line] if lines else ""
    start = min(max(column - 1, 0), len(text))
    end = max(len(text.rstrip()), start)
    return types.Range(
        start=types.Position(line=line, character=units(text[:start])),
        end=types.Position(line=line, character=units(text[:end])),
    )


def diagnostic(finding: Finding, lines: list[str], units) -> types.Diagnostic:
    """The finding as an LSP diagnostic: from its column to the end of its line's text.
    ``units`` counts a string's length in the client's position encoding."""
    rule = _rules().get(finding.code)
    description = None
    if rule is not None and rule.doc_path is not None and rule.doc_path.is_file():
        description = types.CodeDescription(href=rule.doc_path.as_uri())
    return types.Diagnostic(
        range=_span(finding.line, finding.column, lines, units, True),
        severity=SEVERITIES.get(finding.classification, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=description,
        source=SOURCE,
        message=f"{finding.message} [{finding.classification}; ISO/IEC 42001 {finding.clause}]",
        data={
            "name": finding.name,
            "clause": finding.clause,
            "classification": finding.classification,
            "remediation": finding.remediation,
        },
    )


@cache
def _rules() -> dict[str, Any]:
    return {rule.code: rule for rule in load_rules()}


def _front_matter_end(lines: list[str]) -> int:
    """Index of the front matter's closing line (0 when there is no front matter)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return 0


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _insert(line: int, text: str, lines: list[str]) -> types.TextEdit:
    """A line of ``text`` inserted before 0-based ``line``. Past the last line of a
    buffer without a final line break, the line break goes before the text (at the end
    of the last line), not after it: the file neither gains a blank line nor has its
    last line joined to the inserted one."""
    if line >= len(lines) and lines:
        last = len(lines) - 1
        position = types.Position(line=last, character=len(lines[last]))
        return types.TextEdit(range=types.Range(start=position, end=position), new_text="\n" + text)
    position = types.Position(line=line, character=0)
    return types.TextEdit(range=types.Range(start=position, end=position), new_text=text + "\n")


def suppression_fix(code: str, line: int, lines: list[str]) -> tuple[str, list[types.TextEdit]]:
    """(title, edits) of a quick fix that suppresses ``code`` at 0-based ``line``.

    - in the front matter: a YAML comment above the line (on the opening ``---``, where
      nothing can precede it, a file-wide suppression just after it);
    - in a table, where a comment line would end the table: disable before the table,
      enable after it;
    - elsewhere in the body: an HTML comment on the line above.
    """
    reason = REASON_PLACEHOLDER
    closing = _front_matter_end(lines)
    target = lines[line] if line < len(lines) else ""
    if closing and line == 0:
        return (f"Suppress {code} in this file (front matter comment)",
                [_insert(1, f"# aims-lint-disable-file {code} -- {reason}", lines)])
    if closing and line <= closing:
        return (f"Suppress {code} on this line (front matter comment)",
                [_insert(line, f"{_indent(target)}# aims-lint-disable-next-line {code} -- {reason}", lines)])
    first, last = line, line
    while first > closing + 1 and first - 1 < len(lines) and lines[first - 1].strip():
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    block = lines[first: last + 1]
    if "|" in target and any(_TABLE_DELIMITER.match(text) for text in block):
        indent = _indent(lines[first])
        return (f"Suppress {code} in this table", [
            _insert(first, f"{indent}<!-- aims-lint-disable {code} -- {reason} -->", lines),
            _insert(last + 1, f"{indent}<!-- aims-lint-enable {code} -->", lines),
        ])
    return (f"Suppress {code} on this line",
            [_insert(line, f"{_indent(target)}<!-- aims-lint-disable-next-line {code} -- {reason} -->", lines)])


def _contains(area: types.Range, position: types.Position) -> bool:
    start, end = area.start, area.end
    return (start.line, start.character) <= (position.line, position.character) <= (end.line, end.character)


class AimsLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("aims-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, list[types.Diagnostic]] = {}
        # One linting thread: runs never overlap, and requests (hover, code actions)
        # are answered while a document is being linted.
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aims-lint")
        self.loop: asyncio.AbstractEventLoop | None = None  # known from initialize on
        # The configuration error last shown to the user (None once a lint succeeds):
        # shown again only when it changes, not on every keystroke.
        self.shown_error: str | None = None

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def report_input_problem(self, message: str) -> None:
        """A problem reading the editor's messages, met on a reader thread: to the editor's
        log from the event loop (the one thread that writes to the editor), to stderr
        before the loop is known or after it closed."""
        if self.loop is not None:
            try:
                self.loop.call_soon_threadsafe(self.log, types.MessageType.Error, message)
                return
            except RuntimeError:  # the loop closed: the server is stopping
                pass
        print(message, file=sys.stderr, flush=True)

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting."""
        waiting = self.timers.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(delay, lambda: loop.create_task(self.lint_and_publish(uri)))

    async def lint_and_publish(self, uri: str) -> None:
        self.timers.pop(uri, None)
        try:
            document = self.workspace.text_documents.get(uri)
            if document is None or not uri.startswith("file:"):
                return  # closed meanwhile, or not a file (an untitled buffer has no repository)
            version, text = document.version, document.source
            path = Path(to_fs_path(uri))
            loop = asyncio.get_running_loop()
            outcome = await loop.run_in_executor(self.linter, lint_and_collect, path, text)
            for kind, message in outcome.log:
                self.log(kind, message)
            current = self.workspace.text_documents.get(uri)
            if outcome.config_error is not None:
                self.tell_config_error(outcome.config_error)
                if self.published.pop(uri, None):  # what was shown no longer holds
                    self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
                return
            if outcome.findings is None or current is None or current.version != version:
                return  # failed (logged), closed, or changed again: a newer lint follows
            self.shown_error = None
            diagnostics = diagnostics_for(outcome, text, self.workspace.position_codec.client_num_units, uri)
            self.published[uri] = diagnostics
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )
        except Exception as error:
            self.log(types.MessageType.Error, f"aims-lint: internal error on {uri}: {type(error).__name__}: {error}")

    def tell_config_error(self, message: str) -> None:
        """Show a configuration error to the user (window/showMessage), once until it
        changes or a lint succeeds."""
        if message != self.shown_error:
            self.shown_error = message
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def forget(self, uri: str) -> None:
        waiting = self.timers.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if self.published.pop(uri, None) is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


server = AimsLintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AimsLintServer, params: types.InitializeParams) -> None:
    ls.loop = asyncio.get_running_loop()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: AimsLintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: AimsLintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AimsLintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AimsLintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: AimsLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    document = ls.workspace.text_documents.get(params.text_document.uri)
    findings = [item for item in params.context.diagnostics if item.source == SOURCE and isinstance(item.code, str)]
    if document is None or not findings:
        return []  # editors ask on every move of the cursor: a large buffer is split only for a fix
    lines = split_lines(document.source)
    actions = []
    for item in findings:
        title, edits = suppression_fix(item.code, item.range.start.line, lines)
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[item],
                edit=types.WorkspaceEdit(changes={params.text_document.uri: edits}),
            )
        )
    return actions


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~-])")


def _plain(text: str) -> str:
    """Document text shown in Markdown as the characters it is, not as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))


def _places(item: types.Diagnostic, uri: str) -> str:
    """For a diagnostic of a finding with several places: where the others are."""
    if not item.related_information:
        return ""
    if item.severity == types.DiagnosticSeverity.Hint:
        return f"{_plain(item.message)}\n\n"

    def where(info: types.DiagnosticRelatedInformation) -> str:
        line = f"line {info.location.range.start.line + 1}"
        return line if info.location.uri == uri else f"{_plain(unquote(info.location.uri.rsplit('/', 1)[-1]))} {line}"

    listed = "".join(f"- {where(info)}: {_plain(info.message)}\n" for info in item.related_information[:MAX_DIAGNOSTICS_PER_RULE])
    return f"The same gap shows at {len(item.related_information)} other place(s):\n\n{listed}\n"


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: AimsLintServer, params: types.HoverParams) -> types.Hover | None:
    here = [item for item in ls.published.get(params.text_document.uri, []) if _contains(item.range, params.position)]
    if not here:
        return None
    rules = _rules()
    texts = []
    explained: set[str] = set()
    for item in here:
        rule = rules.get(str(item.code))
        if rule is None:
            continue
        text = _places(item, params.text_document.uri)
        if len(here) > 1:  # which diagnostic each part is about
            text = f"**{_plain(str(item.code))}**: {_plain(item.message)}\n\n" + text
        if rule.code not in explained:
            explained.add(rule.code)
            text += rule.explanation()
        texts.append(text)
    if not texts:
        return None
    start = min((item.range.start for item in here), key=lambda position: (position.line, position.character))
    end = max((item.range.end for item in here), key=lambda position: (position.line, position.character))
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)),
        range=types.Range(start=start, end=end),
    )


def serve() -> None:
    """Talk LSP over standard input and output until the editor says exit."""
    server.start_io(stdin=FramedInput(sys.stdin.buffer, MAX_MESSAGE_BYTES, server.report_input_problem))
