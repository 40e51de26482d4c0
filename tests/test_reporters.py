"""Machine-readable output: SARIF validates against the official schema, GitHub
workflow commands are escaped, JUnit is well-formed."""

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema

from aims_lint.findings import Finding, Result
from aims_lint.pack import load_rules
from aims_lint.reporters import Report, render
from aims_lint.reporters.github import escape_data, escape_property

from .conftest import lint
from .test_document_control import with_keys

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text())


def report_for(root, result, **options):
    rules = load_rules()
    return Report(root=root, rules={r.code: r for r in rules}, enabled=list(rules), **options)


def test_sarif_is_valid_2_1_0_with_rule_metadata(repo):
    root = repo({"p.md": with_keys(owner="everyone", next_review="2026-01-01").replace("Text.", "<!-- aims-lint-disable-next-line DOC008 -- quoted from the template on purpose -->\nTBD")})
    result = lint(root)
    log = json.loads(render("sarif", result, report_for(root, result, show_suppressed=True)))
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["DOC009"]["properties"]["clause"] == "5.3"
    assert "Why an auditor flags it" in rules["DOC007"]["help"]["markdown"]
    located = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert located == [("DOC009", 5), ("DOC007", 10), ("DOC008", 15)]
    assert run["results"][2]["suppressions"] == [{"kind": "inSource", "justification": "quoted from the template on purpose"}]
    for entry in run["results"]:
        assert run["tool"]["driver"]["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"]


def test_github_escaping_of_data_and_properties():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotation_levels_and_escaped_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    finding = Finding("dir, with: odd/p%.md", 3, 2, "DOC008", "placeholder-text", "7.5.2", "major", "100% sure:\nTBD, here")
    output = render("github", Result(findings=[finding], files_checked=1), report_for(tmp_path, None))
    first = output.splitlines()[0]
    assert first == (
        "::error file=dir%2C with%3A odd/p%25.md,line=3,col=2,title=DOC008 placeholder-text (7.5.2%2C major)::"
        "100%25 sure:%0ATBD, here"
    )


def test_github_annotations_stay_one_line_whatever_the_path_or_message_holds(tmp_path, monkeypatch):
    """Workflow-command rules: in the message (data) only %, CR and LF are encoded; in
    properties (file, title) also ':' and ','. A path or message with a newline must not
    start a second command."""
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    findings = [
        Finding("a\r\nb,c:d%e.md", 1, 1, "DOC008", "placeholder-text", "7.5.2", "minor", "line one\r\n::error::forged, 5% : x"),
        Finding("plain.md", 2, 3, "DOC009", "vague-owner", "5.3", "advisory", "%0A is text, not a newline"),
    ]
    lines = render("github", Result(findings=findings, files_checked=2), report_for(tmp_path, None)).splitlines()
    assert lines[:2] == [
        "::warning file=a%0D%0Ab%2Cc%3Ad%25e.md,line=1,col=1,title=DOC008 placeholder-text (7.5.2%2C minor)::"
        "line one%0D%0A::error::forged, 5%25 : x",
        "::notice file=plain.md,line=2,col=3,title=DOC009 vague-owner (5.3%2C advisory)::%250A is text, not a newline",
    ]
    assert len(lines) == 3 and lines[2].startswith("aims-lint: 2 findings")

def test_junit_is_well_formed_with_one_case_per_file(repo):
    root = repo({"a.md": with_keys(owner="everyone"), "b.md": with_keys(id="POL-2")})
    result = lint(root)
    tree = ElementTree.fromstring(render("junit", result, report_for(root, result)))
    suite = tree.find("testsuite")
    assert suite.get("failures") == "1" and suite.get("tests") == "2"
    failure = suite.find("testcase/failure")
    assert "a.md:5:8: DOC009" in failure.text


def test_text_color_only_when_asked(repo):
    root = repo({"a.md": with_keys(owner="everyone")})
    result = lint(root)
    assert "\x1b[" not in render("text", result, report_for(root, result))
    assert "\x1b[" in render("text", result, report_for(root, result, color=True))
