"""Audit readiness: every run ends with the certification impact, the effort, the minor
findings grouped by requirement, what is accepted by suppression and, with a Stage 2
date, a verdict about the *documentation* (ready / at risk / not ready) with its reasons.

The never-READY conditions are specified on a copy of examples/aims-complete, which is
ready as it stands: each test breaks one thing and expects NOT READY with the reason."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from aims_lint.findings import Finding, Result
from aims_lint.readiness import assess, effort_days, remediation_days

from .test_cli import run

TODAY = "2026-12-01"
INTENTION = "| OBJ-02 | Deploy AI responsibly | Ensure ethical AI | The AI team | | | |\n"  # OBJ002, major, 1-2 weeks
COMPLETE = Path(__file__).resolve().parent.parent / "examples" / "aims-complete"


@pytest.fixture
def ready(tmp_path):
    """examples/aims-complete in a repository of its own: documentation ready for Stage 2."""
    root = tmp_path / "aims"
    shutil.copytree(COMPLETE, root)
    (root / ".git").mkdir()
    return root


def verdict(root, *args):
    result = run(root, "check", "--today", TODAY, "--no-cache", *args)
    line = next(line for line in result.output.splitlines() if line.startswith("Readiness"))
    return line, result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_complete_example_is_ready_and_says_it_is_about_documentation(ready):
    line, result = verdict(ready)
    assert line == (
        "Readiness: DOCUMENTATION READY FOR STAGE 2 on 2027-03-15 (104 days left): no major or minor nonconformity "
        "is open; the critical path needs 30 days of the 104 days left."
    )
    assert result.output.splitlines()[-1] == (
        "The verdict is about documented information only, not whether the AIMS operates effectively."
    )
    assert "operates effectively." in result.output and "AIMS is effective" not in result.output


# -- never READY ---------------------------------------------------------------------


def test_no_governance_document_is_not_ready(repo):
    root = repo({".aims-lint.yaml": "stage2-date: 2027-03-15\n", "README.md": "# Notes\n\nNothing typed here.\n"})
    line, _ = verdict(root)
    assert line.startswith("Readiness: DOCUMENTATION NOT READY FOR STAGE 2 on 2027-03-15 (104 days left): no governance document")


def test_a_missing_mandatory_record_is_not_ready(ready):
    (ready / "records" / "nonconformity-log-2026.md").unlink()
    line, _ = verdict(ready)
    assert "NOT READY" in line
    assert "no record of nonconformities and corrective actions (10.2) on record (mandatory documented information)" in line


def test_a_mandatory_record_present_only_as_an_unfilled_template_is_not_ready(ready):
    (ready / "records" / "nonconformity-log-2026.md").write_text(
        "---\nid: NC-LOG\ntype: record\ntitle: Nonconformity log\n---\n# Nonconformity log\n\n"
        "| ID | Nonconformity | Root cause | Corrective action | Owner | Closed |\n|---|---|---|---|---|---|\n"
        + "| [ID] | [Describe the nonconformity] | [Root cause] | [Action] | [Owner] | [Date] |\n" * 3
        + "\nOwner: [Owner]\n\nLast reviewed: [Date]\n",
        encoding="utf-8",
    )
    line, _ = verdict(ready)
    assert "NOT READY" in line
    assert "the record of nonconformities and corrective actions (clause 10.2) is only an unfilled template" in line


def test_an_internal_audit_record_without_content_is_not_ready(ready):
    audit = ready / "records" / "internal-audit-2026-10.md"
    front = audit.read_text(encoding="utf-8").split("\n# ")[0].replace("scope: Clauses 4 to 10 and the 37 included Annex A controls, both AI systems in scope\n", "")
    audit.write_text(front + "\n# Internal audit of the AIMS, October 2026\n\nDone.\n", encoding="utf-8")
    line, _ = verdict(ready)
    assert "NOT READY" in line
    assert "the internal audit record records/internal-audit-2026-10.md has no content (only 1 word in its body)" in line


def test_management_review_minutes_without_content_are_not_ready(ready):
    (ready / "records" / "management-review-2026-04.md").unlink()
    review = ready / "records" / "management-review-2026-11.md"
    front = review.read_text(encoding="utf-8").split("\n# ")[0]
    review.write_text(front + "\n# Management review, November 2026\n\nHeld as planned.\n", encoding="utf-8")
    line, _ = verdict(ready)
    assert "NOT READY" in line and "the management review minutes records/management-review-2026-11.md have no content" in line


def test_a_management_review_before_the_internal_audit_is_not_ready(ready):
    (ready / "records" / "management-review-2026-11.md").unlink()
    line, _ = verdict(ready)
    assert "NOT READY" in line and (
        "the latest management review (records/management-review-2026-04.md, 2026-04-28) predates the internal audit "
        "(records/internal-audit-2026-10.md, 2026-10-14): it cannot have considered its results"
    ) in line


def test_a_management_review_that_does_not_consider_the_audit_is_not_ready(ready):
    review = ready / "records" / "management-review-2026-11.md"
    text = review.read_text(encoding="utf-8")
    start, end = text.index("This\nreview considers"), text.index("## Status of previous actions")
    text = text[:start] + "\n\n" + text[end:]
    start, end = text.index("- Audit results:"), text.index("- Nonconformities and corrective actions")
    text = text[:start] + text[end:].replace(" (the audit's observation)", "")
    review.write_text(text, encoding="utf-8")
    body = text.split("---", 2)[2].lower()
    assert "internal audit" not in body and "ia-" not in body and "certification audit" in body  # not the one 9.3 means
    line, _ = verdict(ready)
    assert "NOT READY" in line and (
        "the latest management review (records/management-review-2026-11.md, 2026-11-12) does not consider the results "
        "of the internal audit (records/internal-audit-2026-10.md, 2026-10-14)"
    ) in line


def test_a_suppressed_major_is_not_ready_and_listed_as_accepted_by_suppression(ready):
    suppress_a_major(ready)
    line, result = verdict(ready)
    assert "NOT READY" in line and "major finding" in line and "accepted by suppression" in line
    assert "the auditor will still see" in line
    lines = result.output.splitlines()
    heading = next(i for i, text in enumerate(lines) if text.startswith("Accepted by suppression: the auditor will still see these ("))
    assert "[major]" in lines[heading + 1] and "(suppressed: the board accepts this)" in lines[heading + 1]


def test_a_suppressed_major_alone_is_enough():
    finding = Finding("soa.md", 3, 1, "SOA002", "soa-controls-missing", "6.1.3", "major", "12 controls missing", "1-2 weeks",
                      suppressed=True, suppression_reason="later")
    readiness = assess(Result(findings=[finding], documents_checked=1), dt.date(2027, 6, 1), dt.date(2027, 1, 1))
    assert readiness.verdict == "not ready" and readiness.counts["major"] == 0
    assert readiness.reason == "1 major finding is accepted by suppression (SOA002 soa.md:3): the auditor will still see it"
    assert readiness.as_json()["accepted_by_suppression"][0]["code"] == "SOA002"


def test_a_run_on_some_files_has_no_evidence_and_says_so(ready):
    line, _ = verdict(ready, "policies/ai-policy.md")
    assert line.startswith("Readiness (linted files only): DOCUMENTATION READY FOR STAGE 2")


# -- minors per requirement ------------------------------------------------------------


def minor(code, clause, path="a.md"):
    return Finding(path, 1, 1, code, code.lower(), clause, "minor", "msg", "1 day")


def test_many_minors_against_one_requirement_may_be_a_major():
    findings = [minor("SOA003", "6.1.3", f"{n}.md") for n in range(5)] + [minor("DOC007", "7.5.2")]
    readiness = assess(Result(findings=findings, documents_checked=1), dt.date(2027, 12, 1), dt.date(2027, 1, 1))
    assert [(g.clause, g.count, g.many) for g in readiness.groups] == [("6.1.3", 5, True), ("7.5.2", 1, False)]
    assert readiness.verdict == "at risk"
    assert "minor findings pile up against 6.1.3 (5): together they may be judged a major nonconformity" in readiness.reason


def test_the_threshold_is_configurable(ready):
    (ready / ".aims-lint.yaml").write_text(
        (ready / ".aims-lint.yaml").read_text(encoding="utf-8") + "planning:\n  many-minors: 2\n", encoding="utf-8"
    )
    for name in ("ai-policy.md",):
        edit(ready / "policies" / name, "owner: AI Governance Lead", "owner: everyone")
    edit(ready / "planning" / "objectives.md", "owner: AI Governance Lead", "owner: everyone")
    _, result = verdict(ready)
    assert "Minor findings by requirement: 5.3 (2)." in result.output
    assert "2 or more minors against one requirement (5.3): together they may be judged a major nonconformity (ISO/IEC 17021-1)." in result.output


def test_four_minors_against_one_requirement_are_minors():
    findings = [minor("SOA003", "6.1.3", f"{n}.md") for n in range(4)]
    readiness = assess(Result(findings=findings, documents_checked=1), dt.date(2027, 12, 1), dt.date(2027, 1, 1))
    assert readiness.verdict == "ready" and not any(group.many for group in readiness.groups)


# -- effort --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, classification, effort, days",
    [
        ("1 day", "minor", 1, 1),
        ("1 week", "minor", 5, 7),
        ("1-2 weeks", "major", 10, 14),
        ("3 to 6 weeks", "major", 30, 42),
        ("2 months", "major", 40, 60),
        ("", "major", 20, 28),  # unknown: the matrix's typical effort for the classification
        ("ask the auditor", "minor", 5, 7),
    ],
)
def test_remediation_strings_are_read_as_person_days_and_calendar_days(text, classification, effort, days):
    assert (effort_days(text, classification), remediation_days(text, classification)) == (effort, days)


def test_effort_counts_one_work_item_per_rule_and_milestone_in_person_days():
    findings = [minor("DOC007", "7.5.2", f"{n}.md") for n in range(40)]
    findings.append(Finding("r.md", 1, 1, "RSK005", "rsk005", "6.1.2", "major", "msg", "3-6 weeks"))
    readiness = assess(Result(findings=findings, documents_checked=1), None, dt.date(2027, 1, 1))
    assert [(item.code, item.effort, len(item.findings), item.milestone) for item in readiness.items] == [
        ("RSK005", 30, 1, "design"), ("DOC007", 1, 40, "documentation"),
    ]
    assert readiness.total_effort == 31 and readiness.verdict is None


def test_the_summary_speaks_of_person_days_not_weeks_of_effort(repo):
    root = repo({".aims-lint.yaml": "roles: [AI Lead]\n", "p.md": "---\ntype: ai-policy\nid: P\nowner: everyone\n---\n# P\n\nText.\n"})
    result = run(root, "check", "--select", "DOC009", "--today", TODAY)
    assert "Remediation effort: 1 person-days in total (1 work item, one per rule and milestone): effort shared among owners, not calendar time." in result.output
    assert "weeks of effort" not in result.output


# -- machines --------------------------------------------------------------------------


def test_json_summary_carries_the_readiness_object(ready):
    (ready / "records" / "management-review-2026-11.md").unlink()
    data = json.loads(run(ready, "check", "--today", TODAY, "--no-cache", "--format", "json").output)
    readiness = data["summary"]["readiness"]
    assert (readiness["verdict"], readiness["verdict_label"]) == ("not ready", "documentation not ready for Stage 2")
    assert readiness["scope"] == "about documented information only, not whether the AIMS operates effectively"
    assert len(readiness["blockers"]) == 1 and "predates the internal audit" in readiness["blockers"][0]
    assert readiness["plan"]["milestones"][-1]["key"] == "stage2" and readiness["whole_repository"] is True


def test_github_summary_line_carries_the_verdict(ready):
    (ready / "records" / "management-review-2026-11.md").unlink()
    result = run(ready, "check", "--today", TODAY, "--no-cache", "--format", "github")
    assert ": documentation not ready for Stage 2 (the latest management review" in result.output.splitlines()[-1]


def suppress_a_major(ready):
    """The impact assessment of an in-scope system deleted (TRC005, major), the finding
    suppressed in the scope document."""
    (ready / "impact" / "support-assistant.md").unlink()
    scope = ready / "scope.md"
    text = scope.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4) + 5
    scope.write_text(
        text[:front_end] + "<!-- aims-lint-disable-file TRC005 -- the board accepts this -->\n" + text[front_end:],
        encoding="utf-8",
    )


def test_the_html_report_lists_blockers_groups_and_what_is_accepted_by_suppression(ready):
    suppress_a_major(ready)
    assert run(ready, "report", "--today", TODAY, "--no-cache", "-o", "r.html").exit_code == 0
    html = (ready / "r.html").read_text(encoding="utf-8")
    assert 'id="verdict">Documentation not ready for Stage 2<' in html
    assert '<ul class="blockers" id="blockers"><li>1 major finding is accepted by suppression (TRC005 scope.md:' in html
    assert "Accepted by suppression: the auditor will still see these (1)." in html
    assert "(suppressed: the board accepts this)" in html
