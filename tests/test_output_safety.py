"""Whatever a repository holds, aims-lint's output shows it and never acts on it.

File names, ids and other document text may hold control characters: escape sequences
that retitle the terminal or clear the screen, line breaks that forge GitHub workflow
commands (``::error::``, ``::add-mask::``), characters XML forbids, and bytes that are
not UTF-8. Every format prints them as visible escapes (or in its own lossless
encoding), one line per finding, in valid UTF-8.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import jsonschema
import pytest

from aims_lint import plan as planning
from aims_lint.escape import printable
from aims_lint.pack import load_rules
from aims_lint.reporters import Report, render

from .conftest import TODAY, lint, write_repo
from .test_document_control import GOOD

SARIF_SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text())
AIMS_LINT = str(Path(sys.executable).with_name("aims-lint"))

# A duplicated id is quoted in every duplicate's finding (DOC010), with the names of the
# other files: document text and file names in one message.
HOSTILE_ID = "POL\x1b]0;pwned\x07\x1b[2J\n::error::forged\r::add-mask::x\x00\x7f\x85\x9b\u2028\u202e\ufffe"
HOSTILE_NAMES = {
    # what the file is called on disk -> how aims-lint must print it
    "osc\x1b]0;pwned\x07.md": "osc\\x1b]0;pwned\\x07.md",
    "newline\n::error::forged\n::add-mask::x.md": "newline\\n::error::forged\\n::add-mask::x.md",
    "return\r::warning::y.md": "return\\r::warning::y.md",
    "c1\x9b31m\x85.md": "c1\\x9b31m\\x85.md",
    "bidi\u202eexe.md": "bidi\\u202eexe.md",
    os.fsdecode(b"latin1-\xe9t\xe9.md"): "latin1-\\xe9t\\xe9.md",  # not UTF-8: surrogateescape
}
# The characters that act on a terminal, a CI log or an XML parser (the tab aside).
UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def hostile_document() -> str:
    escaped_id = HOSTILE_ID.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return GOOD.replace("id: POL-AI-001", f'id: "{escaped_id}"')


@pytest.fixture
def hostile_repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    write_repo(root, {})
    for name in HOSTILE_NAMES:
        (root / name).write_text(hostile_document(), encoding="utf-8")
    return root


def report_for(root, **options):
    rules = load_rules()
    return Report(root=root, rules={r.code: r for r in rules}, enabled=list(rules), **options)


def unsafe_characters(text: str, allowed: str = "\n") -> list[str]:
    return [char for char in UNSAFE.findall(text) if char not in allowed]


def acts_rather_than_shows(char: str) -> bool:
    """Controls (C0, DEL, C1), surrogates, the line and paragraph separators, the
    bidirectional formatting characters and the two noncharacters XML forbids."""
    return (
        unicodedata.category(char) in ("Cc", "Cs")
        or char in "\u2028\u2029\ufffe\uffff"
        or "\u202a" <= char <= "\u202e"
        or "\u2066" <= char <= "\u2069"
    )


def test_printable_escapes_exactly_the_characters_that_act_and_keeps_the_tab():
    for code in range(0x10000):
        char = chr(code)
        shown = printable(f"a{char}b")
        if char == "\t" or not acts_rather_than_shows(char):
            assert shown == f"a{char}b", hex(code)
        else:
            assert shown != f"a{char}b" and shown.isascii() and shown.isprintable(), hex(code)
            assert printable(shown) == shown  # escaping twice changes nothing
    assert printable("\t", keep="") == "\\t" and printable("a\r\nb", keep="\r\n") == "a\r\nb"
    assert printable(os.fsdecode(b"\xff")) == "\\xff"
    assert printable("x ##[add-mask]y") == "x ##\\x5badd-mask]y"


def test_the_hostile_repository_has_a_finding_quoting_the_id_on_every_file(hostile_repo):
    result = lint(hostile_repo)
    duplicates = [finding for finding in result.active if finding.code == "DOC010"]
    assert len(duplicates) == len(HOSTILE_NAMES)
    assert all(HOSTILE_ID in finding.message for finding in duplicates)


@pytest.mark.parametrize("color", [False, True])
def test_text_prints_one_line_per_finding_with_document_text_escaped(hostile_repo, color):
    result = lint(hostile_repo)
    output = render("text", result, report_for(hostile_repo, quiet=True, color=color))
    own_colors = re.compile(r"\x1b\[[0-9;]*m")  # the reporter's own styling
    assert unsafe_characters(own_colors.sub("", output)) == []
    assert len(output.splitlines()) == len(result.active)
    for name, shown in HOSTILE_NAMES.items():
        assert sum(line.startswith(shown + ":") for line in own_colors.sub("", output).splitlines()) >= 1
    assert "POL\\x1b]0;pwned\\x07\\x1b[2J\\n::error::forged\\r::add-mask::x\\x00\\x7f\\x85\\x9b\\u2028\\u202e\\ufffe" in output


def test_text_escapes_a_suppression_reason(repo):
    root = repo({"p.md": GOOD.replace("Text.", "<!-- aims-lint-disable-next-line DOC008 -- why\x1b]0;x\x07 -->\nTBD")})
    result = lint(root)
    output = render("text", result, report_for(root, quiet=True, show_suppressed=True))
    assert "suppressed: why\\x1b]0;x\\x07" in output and unsafe_characters(output) == []


def test_github_annotations_are_well_formed_and_nothing_else_starts_with_two_colons(hostile_repo, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(hostile_repo))
    result = lint(hostile_repo)
    output = render("github", result, report_for(hostile_repo))
    annotation = re.compile(r"::warning file=([^,:]*),line=\d+,col=\d+,title=([^,:]*)::([^\r\n]*)")
    lines = output.split("\n")
    assert lines[-1] == "" and not lines[-2].startswith("::")
    annotations = [annotation.fullmatch(line) for line in lines if line.startswith("::")]
    assert len(annotations) == len(result.active) and all(annotations), lines
    assert unsafe_characters(output) == []
    # Line breaks in a name keep GitHub's own encoding, so the annotation lands on the
    # real file; other controls and undecodable bytes are shown escaped.
    files = {re.sub("%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m.group(1)).decode(), match.group(1)) for match in annotations}
    expected = {shown.replace("\\n", "\n").replace("\\r", "\r") for shown in HOSTILE_NAMES.values()}
    assert files == expected


def test_json_and_sarif_are_utf8_keep_the_exact_text_and_escape_what_a_terminal_acts_on(hostile_repo):
    result = lint(hostile_repo)
    for format_name in ("json", "sarif"):
        output = render(format_name, result, report_for(hostile_repo))
        output.encode("utf-8")  # no lone surrogate: strict UTF-8 encodes it
        assert unsafe_characters(output) == []
        data = json.loads(output)
        if format_name == "sarif":
            jsonschema.validate(data, SARIF_SCHEMA)
            messages = [entry["message"]["text"] for entry in data["runs"][0]["results"]]
        else:
            messages = [finding["message"] for finding in data["findings"]]
            paths = {finding["path"] for finding in data["findings"]}
            readable = {name for name in HOSTILE_NAMES if not re.search("[\ud800-\udfff]", name)}
            assert readable < paths and "latin1-\\xe9t\\xe9.md" in paths
        assert sum(HOSTILE_ID in message for message in messages) == len(HOSTILE_NAMES)


def test_junit_is_well_formed_xml_with_every_file_named_visibly(hostile_repo):
    result = lint(hostile_repo)
    output = render("junit", result, report_for(hostile_repo))
    tree = ElementTree.fromstring(output.encode("utf-8"))
    names = {case.get("name") for case in tree.iter("testcase")}
    assert set(HOSTILE_NAMES.values()) <= names
    for failure in tree.iter("failure"):
        assert unsafe_characters(failure.text) == []
        assert len(failure.text.splitlines()) == int(failure.get("message").split()[0])


def test_plan_text_prints_one_line_per_finding_with_document_text_escaped(hostile_repo):
    owned = GOOD.replace("owner: AI Governance Lead", 'owner: "Lead\\e]0;x\\a"').replace("Text.", "TBD")
    (hostile_repo / "owned.md").write_text(owned, encoding="utf-8")
    result = lint(hostile_repo)
    text = planning.render_text(planning.build(result, None, TODAY))
    assert unsafe_characters(text) == []
    items = [line for line in text.splitlines() if re.match(r"    \S+ \[(major|minor)\] ", line)]
    assert len(items) == len([f for f in result.active if f.classification != "advisory"])  # advisories: no planned work
    assert any(line.startswith("    effort ") and "Lead\\x1b]0;x\\x07" in line for line in text.splitlines())


# Names that break a URI written as is: a scheme, a fragment, a query, a percent sign,
# a space, non-ASCII, a byte that is not UTF-8, and a colon later in the path.
URI_NAMES = [
    "javascript:alert(1).md",
    "notes#top.md",
    "what?x=1.md",
    "100%25 done.md",
    "with space.md",
    "café — ünïcode.md",
    os.fsdecode(b"latin1-\xe9.md"),
    "sub/dir:colon/c:d.md",
    "sub/a&b;c=d+e@f.md",
]


# RFC 3986 relative-part with path-noscheme: a first segment without a colon (else it
# would read as a scheme), then segments of pchar.
_UNRESERVED_SUB_DELIMS = r"A-Za-z0-9\-._~!$&'()*+,;="
_PCT_ENCODED = "%[0-9A-F]{2}"
PATH_NOSCHEME = re.compile(
    rf"(?:[{_UNRESERVED_SUB_DELIMS}@]|{_PCT_ENCODED})+(?:/(?:[{_UNRESERVED_SUB_DELIMS}:@]|{_PCT_ENCODED})*)*"
)


@pytest.fixture
def uri_repo(tmp_path):
    root = tmp_path / "uri-repo"
    files = {name: GOOD.replace("id: POL-AI-001", f"id: POL-{index}").replace("Text.", "TBD") for index, name in enumerate(URI_NAMES)}
    return write_repo(root, files)


def test_sarif_uris_are_relative_references_that_decode_to_the_file(uri_repo):
    result = lint(uri_repo)
    log = json.loads(render("sarif", result, report_for(uri_repo)))
    jsonschema.validate(log, SARIF_SCHEMA)
    uris = {}
    for entry in log["runs"][0]["results"]:
        location = entry["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "SRCROOT"
        uris[location["uri"]] = entry
    named = [uri for uri in uris if uri != "."]
    assert len(named) == len(URI_NAMES)
    for uri in named:
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", ""), uri
        assert PATH_NOSCHEME.fullmatch(uri), uri
    assert sorted(os.fsdecode(unquote_to_bytes(uri)) for uri in named) == sorted(URI_NAMES)
    assert {unquote(uri) for uri in named if "%E9.md" not in uri} == {name for name in URI_NAMES if "latin1" not in name}


def test_report_links_are_relative_references_to_the_files_and_the_page_shows_names_escaped(hostile_repo, uri_repo):
    from .test_cli import run

    for root, names in ((hostile_repo, list(HOSTILE_NAMES)), (uri_repo, URI_NAMES)):
        result = run(root, "report", "--today", "2026-06-01", "-o", "r.html")
        assert result.exit_code == 0, result.output
        html = (root / "r.html").read_text(encoding="utf-8")
        assert unsafe_characters(html) == []
        hrefs = [href for href in re.findall(r'<a href="([^"]*)"', html) if href != "./"]
        for href in hrefs:
            href = href.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
            assert urlsplit(href).scheme == "" and urlsplit(href).fragment == "" and urlsplit(href).query == "", href
        linked = {os.fsdecode(unquote_to_bytes(href.replace("&amp;", "&").replace("&#x27;", "'"))) for href in hrefs}
        assert set(names) <= linked


# What a GitHub runner reads from a job's output as a workflow command: a line that
# starts, after blanks, with "::" (any of \r, \n and \r\n ends a line), or "##[" anywhere
# in a line (the legacy syntax, still parsed: ##[add-mask], ##[stop-commands]).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
OWN_ANNOTATION = re.compile(r"::(error|warning|notice) file=[^,:\r\n]*,line=\d+,col=\d+,title=[^,:\r\n]*::[^\r\n]*")


def workflow_commands(output: bytes) -> list[str]:
    text = output.decode("utf-8")  # the runner reads UTF-8: a stray byte is a defect too
    return [line for line in LINE_BREAK.split(text) if line.lstrip().startswith("::") or "##[" in line]


@pytest.fixture
def ci_repo(tmp_path):
    """A checkout whose folder, file names and documents try to forge workflow commands."""
    root = tmp_path / "checkout\n::error::root"
    root.mkdir()
    forged_id = "POL\n::error::forged id\r::add-mask::x ##[stop-commands]token ##[error]legacy"
    escaped_id = forged_id.encode("unicode_escape").decode("ascii")
    document = GOOD.replace("id: POL-AI-001", f'id: "{escaped_id}"').replace("Text.", "TBD")
    names = [
        "newline\n::error::forged\n::add-mask::x.md",
        "::error::at the start.md",
        "  ::warning::after blanks.md",
        "legacy ##[add-mask]name.md",
        "esc\x1b]0;pwned\x07.md",
    ]
    write_repo(root, {name: document for name in names})
    (root / "notes\n::error::forged note.txt").write_text("not Markdown", encoding="utf-8")
    return root


def run_under_actions(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(root), "NO_COLOR": "1"}
    return subprocess.run([AIMS_LINT, *args], cwd=root, env=env, capture_output=True, timeout=120)


@pytest.mark.parametrize("format_name", ["github", "text", "json", "sarif", "junit"])
def test_under_github_actions_only_aims_lints_own_annotations_are_workflow_commands(ci_repo, format_name):
    files = sorted(name for name in os.listdir(ci_repo) if not name.startswith("."))
    run = run_under_actions(ci_repo, "check", "--today", "2026-06-01", "--format", format_name, "--", *files)
    assert run.returncode == 1, run.stderr
    stdout_commands = workflow_commands(run.stdout)
    if format_name == "github":
        assert len(stdout_commands) >= 5 and all(OWN_ANNOTATION.fullmatch(line) for line in stdout_commands), stdout_commands
    else:
        assert stdout_commands == []
    assert workflow_commands(run.stderr) == []
    assert b"aims-lint: note: notes\\n::error::forged note.txt: skipped: not a Markdown file" in run.stderr


def test_under_github_actions_notes_errors_and_other_commands_forge_no_workflow_command(ci_repo):
    runs = [
        run_under_actions(ci_repo, "plan", "--today", "2026-06-01"),
        run_under_actions(ci_repo, "plan", "--today", "2026-06-01", "--format", "json"),
        run_under_actions(ci_repo, "report", "--today", "2026-06-01", "-o", "report\n::error::forged.html"),
        run_under_actions(ci_repo, "check", "missing\n::error::forged.md"),
        run_under_actions(ci_repo, "config"),
    ]
    assert [run.returncode for run in runs] == [0, 0, 0, 2, 0], [run.stderr for run in runs]
    for run in runs:
        assert workflow_commands(run.stdout) == [] and workflow_commands(run.stderr) == [], run
    assert b"aims-lint: wrote report\\n::error::forged.html" in runs[2].stderr
    assert b"missing\\n::error::forged.md" in runs[3].stderr
