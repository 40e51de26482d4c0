"""``aims-lint server`` driven as an editor drives it: a real LSP client talking JSON-RPC
to the server process over stdio (tests/lsp_client.py, on pygls's LanguageClient)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types

from aims_lint.findings import Finding
from aims_lint.server import (
    DEBOUNCE_SECONDS,
    MAX_DIAGNOSTICS,
    MAX_DIAGNOSTICS_PER_RULE,
    MAX_MESSAGE_BYTES,
    shown_findings,
    suppression_fix,
)
from aims_lint.pack import load_rules

from .lsp_client import Editor
from .test_document_control import GOOD, with_keys

GAP = with_keys(owner="everyone", next_review="2099-01-10")  # DOC009 on line 5, column 8
FIXED = with_keys(next_review="2099-01-10")


def _run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario(), timeout=120))


def test_open_change_save_code_action_and_hover(repo):
    root = repo({"policies/procedure.md": GAP})

    async def scenario():
        async with Editor(root) as editor:
            assert editor.capabilities.text_document_sync.save
            uri = editor.open("policies/procedure.md", GAP)
            published = await editor.next_diagnostics(uri)
            (diagnostic,) = published.diagnostics
            assert published.version == 1
            assert diagnostic.code == "DOC009" and diagnostic.source == "aims-lint"
            assert diagnostic.severity == types.DiagnosticSeverity.Warning  # minor
            # line 5, column 8 (1-based) to the end of "owner: everyone"
            assert diagnostic.range == types.Range(start=types.Position(4, 7), end=types.Position(4, 15))
            assert diagnostic.message.startswith("owner 'everyone' is not a named role")
            assert diagnostic.message.endswith("[minor; ISO/IEC 42001 5.3]")
            assert diagnostic.data["clause"] == "5.3" and diagnostic.data["classification"] == "minor"
            assert diagnostic.code_description.href.endswith(".md")

            (action,) = await editor.code_actions(uri, diagnostic)
            assert action.kind == types.CodeActionKind.QuickFix
            (edit,) = action.edit.changes[uri]
            assert edit.range == types.Range(start=types.Position(4, 0), end=types.Position(4, 0))
            assert edit.new_text == "# aims-lint-disable-next-line DOC009 -- <reason>\n"

            hover = await editor.hover(uri, 4, 10)
            explain = subprocess.run(
                [sys.executable, "-m", "aims_lint", "explain", "DOC009"], capture_output=True, text=True, check=True
            ).stdout
            assert hover.contents.kind == types.MarkupKind.Markdown and hover.contents.value == explain
            assert await editor.hover(uri, 2, 3) is None  # no diagnostic there

            version = editor.change(uri, FIXED)
            published = await editor.next_diagnostics(uri)
            assert published.version == version and not published.diagnostics

            version = editor.change(uri, GAP.replace("everyone", "all staff"))
            editor.save(uri)  # saving lints at once, without waiting for the pause in typing
            published = await editor.next_diagnostics(uri)
            assert published.version == version and [d.code for d in published.diagnostics] == ["DOC009"]

    _run(scenario)


OBJECTIVES = GOOD.replace("type: procedure", "type: ai-objectives").replace("2027-01-10", "2099-01-10").replace(
    "Text.",
    "Signed: TBD\n"
    "\n"
    "| Objective | Metric / target | Owner | Review frequency | Evaluation method | Due |\n"
    "|---|---|---|---|---|---|\n"
    "| Reduce bias | disparity below 5% | AI Governance Lead | quarterly | fairness audit | 2027-03-31 |\n"
    "| Deploy AI responsibly | | The AI team | | | |\n"
    "| Explain decisions | 90% of decisions explained | AI Governance Lead | quarterly | sample review | 2027-06-30 |\n",
)


def test_applying_the_quick_fixes_suppresses_the_findings(repo):
    root = repo({"o.md": OBJECTIVES})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("o.md", OBJECTIVES)
            diagnostics = (await editor.next_diagnostics(uri)).diagnostics
            assert sorted((d.code, d.range.start.line) for d in diagnostics) == [
                ("DOC008", 13), ("DOC009", 18), ("OBJ002", 18),
            ]
            edits = []
            for diagnostic in diagnostics:
                (action,) = await editor.code_actions(uri, diagnostic)
                edits.extend(action.edit.changes[uri])
            lines = OBJECTIVES.split("\n")
            for edit in sorted(edits, key=lambda e: -e.range.start.line):  # bottom-up keeps positions valid
                lines.insert(edit.range.start.line, edit.new_text.rstrip("\n"))
            fixed = "\n".join(lines)
            assert "<!-- aims-lint-disable-next-line DOC008 -- <reason> -->\nSigned: TBD" in fixed
            # A comment line inside a table would end it: the table is wrapped instead.
            assert "<!-- aims-lint-disable OBJ002 -- <reason> -->\n" in fixed and "<!-- aims-lint-enable OBJ002 -->\n" in fixed
            assert "| Deploy AI responsibly | | The AI team | | | |\n| Explain decisions" in fixed
            editor.change(uri, fixed)
            # Suppressed, and no SUP002 either; SUP001 asks for the reasons still to write.
            remaining = (await editor.next_diagnostics(uri)).diagnostics
            assert remaining and {d.code for d in remaining} == {"SUP001"}
            editor.change(uri, fixed.replace("<reason>", "accepted by the AI Governance Lead, see MR-2026-04"))
            assert not (await editor.next_diagnostics(uri)).diagnostics

    _run(scenario)


def test_columns_are_counted_in_the_clients_utf16_units(repo):
    text = GOOD.replace("2027-01-10", "2099-01-10").replace("Text.", "| Step | Owner |\n|---|---|\n| Launch \U0001f680 | TBD |\n")
    root = repo({"p.md": text})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", text)
            (diagnostic,) = (await editor.next_diagnostics(uri)).diagnostics
            # 'TBD' is character 14 (1-based) of "| Launch 🚀 | TBD |"; the rocket is two UTF-16 units
            assert diagnostic.code == "DOC008"
            assert diagnostic.range == types.Range(start=types.Position(15, 14), end=types.Position(15, 19))

    _run(scenario)


def test_typing_is_debounced_to_one_lint_of_the_last_version(repo):
    root = repo({"p.md": FIXED})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", FIXED)
            await editor.next_diagnostics(uri)
            for owner in ("e", "ev", "eve", "every", "everyone"):
                last = editor.change(uri, with_keys(owner=owner, next_review="2099-01-10"))
            published = await editor.next_diagnostics(uri)
            assert published.version == last and [d.code for d in published.diagnostics] == ["DOC009"]
            await asyncio.sleep(DEBOUNCE_SECONDS * 2)
            assert editor.diagnostics.empty()  # no lint of the intermediate versions

    _run(scenario)


def test_workspace_rules_see_the_files_on_disk(repo):
    other = with_keys(id="POL-AI-001", next_review="2099-01-10").replace("Text.", "See [the register](register.md).")
    root = repo({"policies/a.md": FIXED, "policies/b.md": other})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("policies/b.md", other)
            codes = sorted(d.code for d in (await editor.next_diagnostics(uri)).diagnostics)
            assert codes == ["DOC010", "DOC011"]  # the id of a.md on disk; the missing register.md

    _run(scenario)


def test_a_malformed_document_gets_the_cli_findings_and_the_server_survives(repo):
    broken = "---\nid: X\ntype: procedure\ntitle: [unclosed\nowner: A\n---\n# T\n"
    root = repo({})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("broken.md", broken)
            codes = [d.code for d in (await editor.next_diagnostics(uri)).diagnostics]
            assert "DOC003" in codes
            binary = editor.open("binary.md", "---\nid: \udc80\n---\n")  # a lone surrogate: not UTF-8
            assert [d.code for d in (await editor.next_diagnostics(binary)).diagnostics] == ["DOC001"]
            editor.change(uri, FIXED)
            assert not (await editor.next_diagnostics(uri)).diagnostics

    _run(scenario)


def test_a_configuration_error_is_logged_and_linting_resumes_once_fixed(repo):
    root = repo({".aims-lint.yaml": "selekt: [DOC]\n", "p.md": GAP})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", GAP)
            await asyncio.sleep(1)
            assert editor.diagnostics.empty()
            errors = [entry.message for entry in editor.log if entry.type == types.MessageType.Error]
            assert any("unknown configuration key 'selekt'" in message for message in errors), errors
            (root / ".aims-lint.yaml").write_text("select: [DOC]\n", encoding="utf-8")
            editor.save(uri)
            assert [d.code for d in (await editor.next_diagnostics(uri)).diagnostics] == ["DOC009"]

    _run(scenario)


def test_severity_follows_the_classification(repo):
    root = repo({"o.md": OBJECTIVES})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("o.md", OBJECTIVES)
            diagnostics = (await editor.next_diagnostics(uri)).diagnostics
            expected = {"major": types.DiagnosticSeverity.Error, "minor": types.DiagnosticSeverity.Warning,
                        "advisory": types.DiagnosticSeverity.Information}
            # The finding's own classification (a rule may raise or lower one finding):
            # one vague objective among measurable ones is minor.
            assert {(d.code, d.data["classification"]) for d in diagnostics} >= {("OBJ002", "minor"), ("DOC008", "minor")}
            for diagnostic in diagnostics:
                assert diagnostic.severity == expected[diagnostic.data["classification"]]

    _run(scenario)


def test_without_pygls_the_server_command_says_what_to_install():
    code = "import sys; sys.modules['pygls'] = None; from aims_lint.cli import main; main(['server'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "aims-lint: error: 'aims-lint server' needs the language-server extra (pygls is not installed): "
        "pip install 'aims-lint[lsp]'"
    ]


def test_the_command_line_does_not_import_the_language_server(repo):
    root = repo({"p.md": FIXED})
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "aims_lint", "check", "p.md"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "aims_lint.cli" in result.stderr and "pygls" not in result.stderr and "lsprotocol" not in result.stderr


def test_a_bug_while_linting_is_logged_not_raised(repo, monkeypatch):
    from aims_lint import server

    def broken(*args, **kwargs):
        raise RuntimeError("rule pack exploded")

    root = repo({"p.md": GAP})
    monkeypatch.setattr(server.runner, "run_buffer", broken)
    outcome = server.lint_text(root / "p.md", GAP)
    assert outcome.findings is None
    ((kind, message),) = outcome.log
    assert kind == types.MessageType.Error and "internal error" in message and "RuntimeError: rule pack exploded" in message


_LINUX = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="process memory from /proc (Linux)")
# A fixed threshold keeps glibc from caching freed large buffers in its heap, so that the
# server's memory measures what it still holds.
_SERVER_WITHOUT_CACHED_BUFFERS = ["env", "MALLOC_MMAP_THRESHOLD_=131072", sys.executable, "-m", "aims_lint", "server"]


def _placeholders(count: int) -> str:
    """A procedure with ``count`` broken links (one DOC011 each) after its DOC009 (placeholder
    lines would make it an unfilled template: one finding)."""
    return GAP + "[x](gon.md)\n\n" * count


def test_a_buffer_over_max_file_size_gets_one_notice_instead_of_findings(repo):
    root = repo({".aims-lint.yaml": "max-file-size: 100 KB\n"})
    big = _placeholders(20_000)  # 0.25 MB

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", big)
            (notice,) = (await editor.next_diagnostics(uri)).diagnostics
            assert notice.severity == types.DiagnosticSeverity.Information and notice.code is None
            assert notice.message == "skipped: 0.2 MB is over the max-file-size of 0.1 MB"
            assert notice.range == types.Range(start=types.Position(0, 0), end=types.Position(0, 0))
            assert not await editor.code_actions(uri, notice)
            infos = [entry.message for entry in editor.log if entry.type == types.MessageType.Info]
            assert "aims-lint: note: p.md: skipped: 0.2 MB is over the max-file-size of 0.1 MB" in infos
            editor.change(uri, GAP)  # back under the limit: linted again
            assert [d.code for d in (await editor.next_diagnostics(uri)).diagnostics] == ["DOC009"]

    _run(scenario)


def test_diagnostics_are_capped_per_rule_and_say_how_many_are_not_shown(repo):
    text = _placeholders(2_000)
    root = repo({})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", text)
            diagnostics = (await editor.next_diagnostics(uri)).diagnostics
            *findings, more = diagnostics
            assert [d.code for d in findings] == ["DOC009"] + ["DOC011"] * MAX_DIAGNOSTICS_PER_RULE
            assert more.severity == types.DiagnosticSeverity.Information and more.code is None
            assert more.message == f"{2_000 - MAX_DIAGNOSTICS_PER_RULE} more findings not shown: run aims-lint check"

    _run(scenario)


def _finding(code: str, line: int) -> Finding:
    return Finding("p.md", line, 1, code, "name", "5.3", "minor", "message")


def test_a_document_shows_at_most_max_diagnostics_in_order_of_position():
    # 30 rules with 100 findings each (rule-major order, as findings are sorted by line)
    findings = sorted((_finding(f"R{rule:03}", line) for rule in range(30) for line in range(100)),
                      key=Finding.sort_key)
    shown, hidden = shown_findings(findings)
    assert len(shown) == MAX_DIAGNOSTICS and hidden == len(findings) - MAX_DIAGNOSTICS
    assert shown == findings[:MAX_DIAGNOSTICS]
    few = findings[:10]
    assert shown_findings(few) == (few, 0)


@_LINUX
def test_an_oversized_buffer_leaves_nothing_behind_once_closed(repo):
    root = repo({".aims-lint.yaml": "max-file-size: 100 KB\n"})
    big = _placeholders(400_000)  # 5 MB, one finding a line were it linted

    async def scenario():
        async with Editor(root, _SERVER_WITHOUT_CACHED_BUFFERS) as editor:
            small = editor.open("small.md", GAP)
            await editor.next_diagnostics(small)
            before = editor.server_memory()
            started = time.perf_counter()
            uri = editor.open("big.md", big)
            (notice,) = (await editor.next_diagnostics(uri)).diagnostics
            assert notice.message.startswith("skipped: 5.0 MB") and time.perf_counter() - started < 5
            editor.close(uri)
            assert not (await editor.next_diagnostics(uri)).diagnostics
            editor.change(small, FIXED)  # linted after the close: the server has handled it
            await editor.next_diagnostics(small)
            assert editor.server_memory() - before < 2 * 1024  # KB: the 5 MB text is not kept

    _run(scenario)


@_LINUX
@pytest.mark.parametrize(
    "header, problem",
    [
        (b"Content-Length: 99999999999999\r\n\r\n", "message of 99999999999999 bytes from the editor is over"),
        (b"Content-Length: -5\r\n\r\n", "Content-Length '-5' is not a size in bytes"),
        (b"Content-Length: many\r\n\r\n", "Content-Length 'many' is not a size in bytes"),
        (b"Content-Type: application/vscode-jsonrpc\r\n\r\n", "no Content-Length"),
        (b"Content-Length: " + b"7" * 2000 + b"\r\n\r\n", "a header line over 1024 bytes"),
    ],
)
def test_a_frame_whose_header_cannot_be_trusted_is_skipped_and_the_server_goes_on(repo, header, problem):
    root = repo({})

    async def scenario():
        async with Editor(root) as editor:
            peak = editor.server_memory("VmHWM")
            editor.send_raw(header + b'{"jsonrpc": "2.0", "method": "lost"}')
            uri = editor.open("p.md", GAP)  # the next message is read and answered
            assert [d.code for d in (await editor.next_diagnostics(uri, timeout=10)).diagnostics] == ["DOC009"]
            (error,) = [entry.message for entry in editor.log if entry.type == types.MessageType.Error]
            assert error.startswith("aims-lint: error: ") and problem in error and error.endswith(": skipped")
            assert editor.server_memory("VmHWM") - peak < 16 * 1024  # KB: nothing of the announced size

    _run(scenario)


@_LINUX
def test_a_message_over_the_size_limit_is_skipped_unread_and_the_next_one_is_served(repo):
    root = repo({})
    big = (root / "big.md").as_uri()
    document = {"uri": big, "languageId": "markdown", "version": 1, "text": "x" * MAX_MESSAGE_BYTES}
    message = {"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_DID_OPEN, "params": {"textDocument": document}}
    body = json.dumps(message).encode()

    async def scenario():
        async with Editor(root) as editor:
            peak = editor.server_memory("VmHWM")
            editor.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            uri = editor.open("p.md", GAP)
            assert [d.code for d in (await editor.next_diagnostics(uri, timeout=20)).diagnostics] == ["DOC009"]
            (error,) = [entry.message for entry in editor.log if entry.type == types.MessageType.Error]
            assert error == (
                f"aims-lint: error: a message of {len(body)} bytes from the editor is over the limit of 64 MB: skipped"
            )
            assert editor.server_memory("VmHWM") - peak < 16 * 1024  # KB: read in chunks and dropped

    _run(scenario)


@_LINUX
def test_the_parse_of_a_large_buffer_is_freed_once_its_diagnostics_are_published(repo):
    root = repo({})
    text = _placeholders(40_000)  # 0.5 MB, within max-file-size: linted

    async def scenario():
        async with Editor(root, _SERVER_WITHOUT_CACHED_BUFFERS) as editor:
            small = editor.open("small.md", GAP)
            await editor.next_diagnostics(small)
            before = editor.server_memory()
            uri = editor.open("big.md", text)
            assert len((await editor.next_diagnostics(uri)).diagnostics) == MAX_DIAGNOSTICS_PER_RULE + 2
            editor.close(uri)
            await editor.next_diagnostics(uri)
            # KB: linting it took some 70 MB; unfreed, its parse would hold some 27 MB
            assert editor.server_memory() - before < 16 * 1024

    _run(scenario)


def test_hover_shows_every_diagnostic_under_the_cursor(repo):
    # Line 19 of OBJECTIVES ("| Deploy AI responsibly | | The AI team | ...") has two
    # findings: DOC009 (owner not a role) and OBJ002 (objective without a metric).
    root = repo({"o.md": OBJECTIVES})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("o.md", OBJECTIVES)
            diagnostics = (await editor.next_diagnostics(uri)).diagnostics
            on_row = [d for d in diagnostics if d.range.start.line == 18]
            assert sorted(d.code for d in on_row) == ["DOC009", "OBJ002"]
            character = max(d.range.start.character for d in on_row)  # inside both ranges
            hover = await editor.hover(uri, 18, character)
            text = hover.contents.value
            for code in ("DOC009", "OBJ002"):
                assert f"**{code}**:" in text  # each diagnostic's own message ...
            # ... and each rule's documentation, once.
            rules = {rule.code: rule for rule in load_rules()}
            for code in ("DOC009", "OBJ002"):
                assert text.count(rules[code].explanation()) == 1

    _run(scenario)


def _apply(text: str, edits) -> str:
    """The buffer after the edits (LSP positions: 0-based line and character)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    def offset(position):
        return min(offsets[position.line] + position.character, len(text)) if position.line < len(lines) else len(text)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


TABLE_AT_END = "Intro.\n\n| Objective | Owner |\n|---|---|\n| Reduce bias | TBD |"


@pytest.mark.parametrize("ending", ["", "\n"], ids=["no final newline", "final newline"])
def test_a_quick_fix_at_the_end_of_a_file_adds_no_blank_line(ending):
    text = TABLE_AT_END + ending
    lines = text.split("\n")
    _, edits = suppression_fix("OBJ002", 4, lines)  # the table's last row, the file's last line
    fixed = _apply(text, edits)
    assert fixed == (
        "Intro.\n\n<!-- aims-lint-disable OBJ002 -- <reason> -->\n| Objective | Owner |\n|---|---|\n"
        "| Reduce bias | TBD |\n<!-- aims-lint-enable OBJ002 -->" + ending
    )
    # A plain last line: the comment goes above it; nothing changes at the end.
    text = "Intro.\n\nSigned: TBD" + ending
    _, edits = suppression_fix("DOC008", 2, text.split("\n"))
    assert _apply(text, edits) == "Intro.\n\n<!-- aims-lint-disable-next-line DOC008 -- <reason> -->\nSigned: TBD" + ending


def test_a_configuration_error_is_shown_once_and_clears_stale_diagnostics(repo):
    root = repo({"p.md": GAP, ".aims-lint.yaml": ""})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", GAP)
            assert [d.code for d in (await editor.next_diagnostics(uri)).diagnostics] == ["DOC009"]
            (root / ".aims-lint.yaml").write_text("selekt: [DOC]\n", encoding="utf-8")
            editor.save(uri)
            # The diagnostics shown no longer hold: cleared.
            assert not (await editor.next_diagnostics(uri)).diagnostics
            for step in range(3):  # typing: one message for the user, not one per keystroke
                editor.change(uri, GAP + "\n" * (step + 1))
                await asyncio.sleep(DEBOUNCE_SECONDS + 0.5)
            shown = [item.message for item in editor.shown]
            assert len(shown) == 1 and "unknown configuration key 'selekt'" in shown[0], shown
            assert shown[0].startswith("aims-lint: error: ") and "did you mean 'select'" in shown[0]
            (root / ".aims-lint.yaml").write_text("select: [DOC]\n", encoding="utf-8")
            editor.save(uri)
            assert [d.code for d in (await editor.next_diagnostics(uri)).diagnostics] == ["DOC009"]
            # Another error later is shown again.
            (root / ".aims-lint.yaml").write_text("fail-on: critical\n", encoding="utf-8")
            editor.save(uri)
            assert not (await editor.next_diagnostics(uri)).diagnostics
            await asyncio.sleep(0.3)
            assert len(editor.shown) == 2 and "fail-on" in editor.shown[1].message

    _run(scenario)


def test_closing_a_buffer_clears_its_diagnostics(repo):
    root = repo({"p.md": GAP})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("p.md", GAP)
            assert (await editor.next_diagnostics(uri)).diagnostics
            editor.close(uri)
            assert not (await editor.next_diagnostics(uri)).diagnostics

    _run(scenario)
