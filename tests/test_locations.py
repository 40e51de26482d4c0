"""One gap, one finding, all its places: a finding's other locations travel with it
through the run (workers, the cache, suppressions, the sort) and every output format
shows them (JSON ``locations``, SARIF ``relatedLocations``, indented lines of text and
JUnit, GitHub's one annotation, the HTML report, the editor's related information)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
from lsprotocol import types

from aims_lint import runner
from aims_lint.config import load_config
from aims_lint.findings import Finding, Location, Result
from aims_lint.html_report import render as render_html
from aims_lint.pack import load_rules
from aims_lint.reporters import render
from aims_lint.rule import Problem, Related, Rule
from aims_lint.server import Outcome, _places, diagnostics_for

from .conftest import TODAY, lint
from .test_ai_policy import policy
from .test_document_control import GOOD
from .test_reporters import SCHEMA, report_for

# Three lines of one recycled policy: one POL001 finding at line 41, two other places.
SWAPPED = (
    "\nRequests from AI subjects are answered within a month.\n"
    "\nAI at rest is encrypted.\n"
    "\nEvery AI breach is reported to the AI Protection Officer.\n"
)


def swapped_policy(repo, text=None, path="p.md"):
    root = repo({path: text or policy(extra=SWAPPED)})
    return root, lint(root, select=["POL001"])


def test_a_swapped_policy_is_one_finding_with_its_other_places(repo):
    _, result = swapped_policy(repo)
    (finding,) = result.active
    assert (finding.line, finding.column) == (41, 15)
    assert [(item.path, item.line, item.column, item.message) for item in finding.locations] == [
        ("p.md", 43, 1, "'AI at rest'"), ("p.md", 45, 7, "'AI breach', 'AI Protection Officer'"),
    ]


# -- every format -------------------------------------------------------------------


def test_json_lists_the_other_locations(repo):
    root, result = swapped_policy(repo)
    data = json.loads(render("json", result, report_for(root, result)))
    (finding,) = data["findings"]
    assert finding["locations"] == [
        {"path": "p.md", "line": 43, "column": 1, "message": "'AI at rest'"},
        {"path": "p.md", "line": 45, "column": 7, "message": "'AI breach', 'AI Protection Officer'"},
    ]


def test_a_finding_at_one_place_has_an_empty_list(repo):
    root = repo({"p.md": policy(extra="\nAI at rest is encrypted.\n")})
    result = lint(root, select=["POL001"])
    assert json.loads(render("json", result, report_for(root, result)))["findings"][0]["locations"] == []


def test_sarif_related_locations_have_ids_messages_and_encoded_uris(repo):
    root, result = swapped_policy(repo, path="policies/AI policy #2.md")
    log = json.loads(render("sarif", result, report_for(root, result)))
    jsonschema.validate(log, SCHEMA)
    (entry,) = log["runs"][0]["results"]
    primary = entry["locations"][0]["physicalLocation"]
    related = entry["relatedLocations"]
    assert [item["id"] for item in related] == [1, 2]  # unique within the result
    assert [item["message"]["text"] for item in related] == ["'AI at rest'", "'AI breach', 'AI Protection Officer'"]
    for item in related:
        location = item["physicalLocation"]
        assert location["artifactLocation"] == primary["artifactLocation"]
        assert location["artifactLocation"]["uri"] == "policies/AI%20policy%20%232.md"
    assert [item["physicalLocation"]["region"] for item in related] == [
        {"startLine": 43, "startColumn": 1}, {"startLine": 45, "startColumn": 7},
    ]


def test_sarif_without_other_locations_has_no_related_locations(repo):
    root = repo({"p.md": policy(extra="\nAI at rest is encrypted.\n")})
    result = lint(root, select=["POL001"])
    (entry,) = json.loads(render("sarif", result, report_for(root, result)))["runs"][0]["results"]
    assert "relatedLocations" not in entry


def test_text_shows_the_count_then_one_indented_line_per_place(repo):
    root, result = swapped_policy(repo)
    lines = render("text", result, report_for(root, result, quiet=True)).splitlines()
    assert lines[0].startswith("p.md:41:15: POL001 [major] 'AI subjects', 'AI at rest', 'AI breach' and 1 more read like")
    assert lines[0].endswith(" (+2 other locations)")
    assert lines[1:] == ["    also at p.md:43:1 ('AI at rest')", "    also at p.md:45:7 ('AI breach', 'AI Protection Officer')"]
    # An editor that reads "file:line:col: message" lines (vim's %f:%l:%c: %m, the
    # --stdin-filename integrations) sees one finding, not three.
    errorformat = re.compile(r"^([^:]+):(\d+):(\d+):")
    assert [bool(errorformat.match(line)) for line in lines] == [True, False, False]


def _odd_finding() -> Finding:
    locations = [Location("odd\nname.md", 7, 2, "'\x1b]0;owned\x07'"), Location("p.md", 9, 1, None)]
    return Finding("p.md", 3, 1, "DOC008", "placeholder-text", "7.5.2", "minor", "2 placeholders", locations=locations)


def test_text_escapes_each_location_and_caps_the_list(tmp_path):
    result = Result(findings=[_odd_finding()], files_checked=1)
    lines = render("text", result, report_for(tmp_path, result, quiet=True)).splitlines()
    assert lines[1:] == ["    also at odd\\nname.md:7:2 ('\\x1b]0;owned\\x07')", "    also at p.md:9:1"]
    many = Finding("p.md", 1, 1, "DOC008", "placeholder-text", "7.5.2", "minor", "m",
                   locations=[Location("p.md", line, 1, "'TBD'") for line in range(2, 32)])
    lines = render("text", Result(findings=[many]), report_for(tmp_path, None, quiet=True)).splitlines()
    assert lines[0].endswith("(+30 other locations)") and len(lines) == 1 + 20 + 1
    assert lines[-1] == "    … and 10 more"


def test_github_gives_one_annotation_naming_the_other_places(repo, monkeypatch):
    root, result = swapped_policy(repo)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    annotations = [line for line in render("github", result, report_for(root, result)).splitlines() if line.startswith("::")]
    (annotation,) = annotations
    assert annotation.startswith("::error file=p.md,line=41,col=15,")
    assert annotation.endswith("(also at lines 43, 45)")


def test_github_names_another_file_and_keeps_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    output = render("github", Result(findings=[_odd_finding()]), report_for(tmp_path, None))
    first = output.splitlines()[0]
    assert first.endswith("2 placeholders (also at line 9; odd%0Aname.md:7)")


def test_junit_lists_the_places_under_the_finding(repo):
    root, result = swapped_policy(repo)
    tree = ElementTree.fromstring(render("junit", result, report_for(root, result)).split("\n", 1)[1])
    (failure,) = tree.iter("failure")
    lines = failure.text.splitlines()
    assert lines[0].startswith("p.md:41:15: POL001 [major]") and lines[0].endswith("(+2 other locations)")
    assert lines[1:] == ["    also at p.md:43:1 ('AI at rest')", "    also at p.md:45:7 ('AI breach', 'AI Protection Officer')"]


def test_html_report_folds_the_places_under_the_finding(repo):
    root, result = swapped_policy(repo)
    page = render_html(result, root, root / "report.html", None, TODAY, "AIMS")
    assert "<summary>+2 other locations</summary>" in page
    assert '<li><a href="p.md">line 43</a> &#x27;AI at rest&#x27;</li>' in page


# -- the editor -----------------------------------------------------------------------


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_the_editor_gets_related_information_and_a_hint_at_each_place(repo):
    root, result = swapped_policy(repo)
    text = (root / "p.md").read_text()
    uri = (root / "p.md").as_uri()
    diagnostics = diagnostics_for(Outcome(result.active, root=root), text, _units, uri)
    main, *hints = diagnostics
    assert main.code == "POL001" and main.severity == types.DiagnosticSeverity.Error
    assert [(info.location.uri, info.location.range.start.line, info.location.range.start.character, info.message)
            for info in main.related_information] == [
        (uri, 42, 0, "'AI at rest'"), (uri, 44, 6, "'AI breach', 'AI Protection Officer'"),
    ]
    # Each other place is marked too, as a hint of the same rule pointing back.
    assert [(hint.range.start.line, hint.severity, hint.code) for hint in hints] == [
        (42, types.DiagnosticSeverity.Hint, "POL001"), (44, types.DiagnosticSeverity.Hint, "POL001"),
    ]
    assert hints[0].message == "'AI at rest': see POL001 at line 41"
    assert hints[0].related_information[0].location == types.Location(uri=uri, range=main.range)
    # Hover on the finding lists the other places before the rule's documentation.
    hover = _places(main, uri)
    assert hover.startswith("The same gap shows at 2 other place(s):")
    assert "- line 43: 'AI at rest'" in hover


def test_a_place_in_another_file_links_to_that_file(tmp_path):
    finding = Finding("review.md", 3, 1, "XMR001", "x", "9.3", "minor", "cites an audit that does not exist",
                      locations=[Location("audits/audit 1.md", 12, 5, "the audit record")])
    diagnostics = diagnostics_for(Outcome([finding], root=tmp_path), "a\nb\nc\n", _units, (tmp_path / "review.md").as_uri())
    (main,) = diagnostics  # no hint: the other file is not this buffer
    (info,) = main.related_information
    assert info.location.uri == (tmp_path / "audits" / "audit 1.md").as_uri()
    assert (info.location.range.start.line, info.location.range.start.character) == (11, 4)


# -- suppressions ----------------------------------------------------------------------


def test_a_suppression_at_the_primary_place_suppresses_the_whole_finding(repo):
    extra = SWAPPED.replace("\nRequests", "\n<!-- aims-lint-disable-next-line POL001 -- quoted from the old policy -->\nRequests")
    root = repo({"p.md": policy(extra=extra)})
    result = lint(root, select=["POL001", "SUP"])
    assert result.active == []
    (finding,) = result.suppressed
    assert finding.suppression_reason == "quoted from the old policy" and len(finding.locations) == 2


def test_a_suppression_at_another_place_accepts_that_place_alone(repo):
    extra = SWAPPED.replace("\nAI at rest", "\n<!-- aims-lint-disable-next-line POL001 -- a quotation -->\nAI at rest")
    root = repo({"p.md": policy(extra=extra)})
    result = lint(root, select=["POL001", "SUP"])
    (finding,) = result.active  # still reported, and the directive is used (no SUP finding)
    assert finding.code == "POL001" and finding.line == 41
    assert [item.line for item in finding.locations] == [46]


# -- through the run: workers, the cache, another document -----------------------------


def _fact(doc) -> list:
    return [doc.sections[0].line, doc.sections[0].title] if doc.sections else [1, ""]


def _cross_check(workspace, ctx):
    """A workspace rule as issue 13's will be: one finding on the review, pointing at
    the audit record, whose place comes from the facts cache."""
    review = workspace.document("review.md")
    line, title = workspace.fact("audit.md", "test.heading.1", _fact, (int, str))
    yield Problem(3, 1, doc=review, related=[Related(line, 1, f"the audit record '{title}'", doc="audit.md")])


CROSS = Rule(
    code="XTS001", name="cross-examined", clause="9.3", types=("*",), classification="minor", remediation="1 day",
    message="the review cites an audit the record does not show", summary="test", check=_cross_check, scope="workspace",
)


def _run(root: Path, cache: bool, jobs: int = 1):
    config = load_config(root)
    config.cache = cache
    enabled = [rule for rule in load_rules() if rule.code in ("POL001", "DOC008")] + [CROSS]
    return runner.run(config, [], dt.date(2026, 6, 1), rules=enabled, jobs=jobs)


def test_a_cached_run_equals_an_uncached_one_with_locations(repo):
    root = repo({
        "p.md": policy(extra=SWAPPED),
        "review.md": "# Review\n\nWe considered audit IA-9.\n",
        "audit.md": "Intro.\n\n# Internal audit 2026\n\nFindings: none.\n",
    })
    uncached = [f.as_json() for f in _run(root, cache=False).findings]
    cold = [f.as_json() for f in _run(root, cache=True).findings]
    assert (root / ".aims-lint-cache" / "facts.json").is_file()
    warm = [f.as_json() for f in _run(root, cache=True).findings]
    assert uncached == cold == warm
    (cross,) = [f for f in uncached if f["code"] == "XTS001"]
    assert cross["path"] == "review.md"
    assert cross["locations"] == [{"path": "audit.md", "line": 3, "column": 1, "message": "the audit record 'Internal audit 2026'"}]
    assert [len(f["locations"]) for f in uncached if f["code"] == "POL001"] == [2]


def test_worker_processes_keep_the_locations(repo):
    files = {f"p{number}.md": policy(extra=SWAPPED) for number in range(4)}
    files.update({"review.md": "# Review\n", "audit.md": "# Internal audit\n"})
    root = repo(files)
    serial = [f.as_json() for f in _run(root, cache=False).findings]
    parallel = [f.as_json() for f in _run(root, cache=False, jobs=2).findings]
    assert serial == parallel
    assert sum(len(f["locations"]) for f in parallel) == 4 * 2 + 1


def test_the_cache_fingerprint_follows_the_code(repo, monkeypatch):
    from aims_lint import cache

    config = load_config(repo({"a.md": "# A\n"}))
    before = cache.fingerprint(config)
    monkeypatch.setattr(cache, "_CODE_STAMP", ["another reading"])
    assert cache.fingerprint(config) != before


def test_locations_are_kept_in_order_once_and_never_repeat_the_primary_place():
    from aims_lint.runner import _locations

    problem = Problem(5, 2, related=[(9, 1, "b"), (5, 2, "the primary again"), (7, 1, "a"), (9, 1, "b again"),
                                     Related(1, 1, "elsewhere", doc="z.md")])
    assert [(item.path, item.line, item.message) for item in _locations("p.md", problem)] == [
        ("p.md", 7, "a"), ("p.md", 9, "b"), ("z.md", 1, "elsewhere"),
    ]


def test_the_language_server_sends_the_places_to_the_editor(repo):
    import asyncio

    from .lsp_client import Editor

    text = policy(extra=SWAPPED)
    root = repo({"policies/p.md": text, ".aims-lint.yaml": "select: [POL001]\n"})

    async def scenario():
        async with Editor(root) as editor:
            uri = editor.open("policies/p.md", text)
            published = await editor.next_diagnostics(uri)
            main, *hints = published.diagnostics
            assert main.code == "POL001" and [info.location.range.start.line for info in main.related_information] == [42, 44]
            assert all(info.location.uri == uri for info in main.related_information)
            assert [(hint.severity, hint.range.start.line) for hint in hints] == [(types.DiagnosticSeverity.Hint, 42), (types.DiagnosticSeverity.Hint, 44)]
            hover = await editor.hover(uri, 40, 20)
            assert "The same gap shows at 2 other place(s)" in hover.contents.value
            hover = await editor.hover(uri, 42, 3)  # on a hint: what is there, then the rule
            assert hover.contents.value.startswith("'AI at rest': see POL001 at line 41")

    asyncio.run(asyncio.wait_for(scenario(), timeout=120))


def test_a_finding_carries_at_most_max_related_places_and_the_editor_fewer(repo):
    from aims_lint.rule import MAX_RELATED
    from aims_lint.server import MAX_DIAGNOSTICS_PER_RULE

    text = GOOD.replace("Text.", "".join(
        f"Step {number}: the AI Governance Lead reviews the model card and records the result in the log, signed TBD.\n\n"
        for number in range(MAX_RELATED + 50)
    ))
    root = repo({"p.md": text})
    (finding,) = lint(root, select=["DOC008"]).active
    assert finding.message.startswith(f"{MAX_RELATED + 50} template placeholders")
    assert len(finding.locations) == MAX_RELATED
    assert finding.locations[-1].line == finding.line + 2 * MAX_RELATED
    (main, *hints) = diagnostics_for(Outcome([finding], root=root), text, _units, (root / "p.md").as_uri())
    assert len(main.related_information) == MAX_DIAGNOSTICS_PER_RULE == len(hints)
