"""Audit readiness: every run ends with the certification impact, a remediation estimate
and, with a Stage 2 date, a verdict (ready / at risk / not ready) with its reason."""

import datetime as dt
import json

import pytest

from aims_lint.findings import Finding
from aims_lint.readiness import assess, duration, remediation_days

from .test_cli import run
from .test_document_control import GOOD, with_keys
from .test_objectives import table

STAGE2 = "2027-03-01"
INTENTION = "| OBJ-02 | Deploy AI responsibly | Ensure ethical AI | The AI team | | | |\n"  # OBJ002, major (the only objective), 1-2 weeks


def config(stage2=STAGE2):
    # These repositories hold no internal audit: AIMS002 (tested in test_traceability)
    # would add a major finding to every verdict.
    return f"stage2-date: {stage2}\nignore: [AIMS002]\n" if stage2 else "roles: [AI Governance Lead]\n"


@pytest.fixture
def major_repo(repo):
    """One major (OBJ002: an intention, not an objective) and two minor findings of one
    rule (DOC009: owners 'everyone' and 'The AI team'); run with --select OBJ,DOC009."""
    return repo({".aims-lint.yaml": config(), "planning/objectives.md": table(INTENTION), "p.md": with_keys(owner="everyone")})


@pytest.fixture
def minor_repo(repo):
    """Minor findings only: DOC009 in three files, one work item of one day."""
    files = {f"p{n}.md": with_keys(owner="everyone", id=f"POL-{n}") for n in range(3)}
    return repo({".aims-lint.yaml": config(), **files})


def tail(result, count=3):
    return result.output.splitlines()[-count:]


# -- the verdict -------------------------------------------------------------------


def test_major_that_cannot_be_closed_in_time_is_not_ready(major_repo):
    result = run(major_repo, "check", "--select", "OBJ,DOC009", "--today", "2027-02-20")
    assert tail(result) == [
        "1 major nonconformity: the certificate would be withheld until closed.",
        "Remediation estimate: about 2 weeks of effort in total (2 work items, one per rule); "
        "the longest major item is OBJ002 (objective-not-measurable), up to 2 weeks.",
        "Readiness: NOT READY for Stage 2 on 2027-03-01 (9 days left): "
        "closing OBJ002 (objective-not-measurable) takes up to 2 weeks, more than the 9 days left.",
    ]
    assert result.exit_code == 1


def test_major_that_still_fits_is_at_risk(major_repo):
    result = run(major_repo, "check", "--select", "OBJ,DOC009", "--today", "2026-12-01")
    assert tail(result, 1) == [
        "Readiness: AT RISK for Stage 2 on 2027-03-01 (90 days left): 1 major nonconformity must be closed "
        "with evidence before the audit (the longest, OBJ002, up to 2 weeks, still fits)."
    ]


def test_minor_findings_that_fit_are_ready(minor_repo):
    result = run(minor_repo, "check", "--today", "2026-12-01")
    assert tail(result) == [
        "3 minor nonconformities: certification possible, with a corrective-action plan and a follow-up.",
        "Remediation estimate: about 1 day of effort in total (1 work item, one per rule).",
        "Readiness: READY for Stage 2 on 2027-03-01 (90 days left): only minor findings, about 1 day of work with 90 days left.",
    ]


def test_no_finding_is_ready(repo):
    root = repo({".aims-lint.yaml": config(), "p.md": GOOD})
    result = run(root, "check", "--today", "2026-12-01")
    assert result.output.splitlines() == [
        "No findings in 1 file (1 governance documents).",
        "Readiness: READY for Stage 2 on 2027-03-01 (90 days left): no major or minor nonconformity is open.",
    ]


def test_a_passed_stage2_date_with_findings_open_is_not_ready(minor_repo):
    (minor_repo / ".aims-lint.yaml").write_text(config("2026-11-28"))
    result = run(minor_repo, "check", "--today", "2026-12-01")
    assert tail(result, 1) == [
        "Readiness: NOT READY for Stage 2 on 2026-11-28 (3 days ago): the Stage 2 date passed 3 days ago with 3 nonconformities open."
    ]


def test_without_a_stage2_date_there_is_no_verdict_but_impact_and_estimate(repo):
    root = repo({".aims-lint.yaml": config(None), "planning/objectives.md": table(INTENTION)})
    result = run(root, "check", "--select", "OBJ", "--today", "2026-12-01")
    assert tail(result) == [
        "1 major nonconformity: the certificate would be withheld until closed.",
        "Remediation estimate: about 2 weeks of effort in total (1 work item, one per rule); "
        "the longest major item is OBJ002 (objective-not-measurable), up to 2 weeks.",
        "Readiness: no verdict: set stage2-date in the configuration to compare with your audit date.",
    ]


def test_quiet_prints_findings_only(major_repo):
    result = run(major_repo, "check", "--select", "OBJ,DOC009", "--today", "2026-12-01", "-q")
    assert "Readiness" not in result.output and len(result.output.splitlines()) == 3


def test_a_run_on_some_files_says_its_verdict_covers_them_only(major_repo):
    result = run(major_repo, "check", "--select", "OBJ,DOC009", "--today", "2026-12-01", "p.md")
    assert tail(result, 1)[0].startswith("Readiness (linted files only): READY for Stage 2 on 2027-03-01")


# -- the verdict's rules, on findings made up for the purpose --------------------------


def finding(code, classification, remediation, clause="7.5.2", path="a.md", suppressed=False):
    return Finding(path, 1, 1, code, code.lower(), clause, classification, "msg", remediation, suppressed=suppressed)


TODAY = dt.date(2027, 1, 1)


def test_effort_counts_one_work_item_per_rule_not_per_finding():
    findings = [finding("DOC007", "minor", "1 week", path=f"{n}.md") for n in range(40)] + [finding("RSK005", "major", "3-6 weeks")]
    readiness = assess(findings, None, TODAY)
    assert [(item.code, item.days, item.findings) for item in readiness.items] == [("RSK005", 42, 1), ("DOC007", 7, 40)]
    assert readiness.total_days == 49
    assert (readiness.longest_major.code, readiness.longest_major.days) == ("RSK005", 42)
    assert readiness.verdict is None and readiness.days_left is None


def test_suppressed_and_advisory_findings_are_no_work():
    findings = [finding("SOA002", "major", "1-2 weeks", suppressed=True), finding("DOC014", "advisory", "1 day")]
    readiness = assess(findings, dt.date(2027, 1, 10), TODAY)
    assert readiness.counts == {"major": 0, "minor": 0, "advisory": 1}
    assert readiness.items == [] and readiness.verdict == "ready"


def test_total_effort_is_reported_not_compared_with_the_days_left():
    findings = [finding(f"DOC00{n}", "minor", "1 week") for n in range(1, 6)]  # 5 items of a week each
    readiness = assess(findings, TODAY + dt.timedelta(days=30), TODAY)
    assert readiness.total_days == 35 and readiness.verdict == "ready"  # five owners, side by side


def test_a_minor_item_longer_than_the_days_left_is_at_risk():
    findings = [finding("RSK003", "minor", "3-6 weeks")]
    readiness = assess(findings, TODAY + dt.timedelta(days=30), TODAY)
    assert (readiness.verdict, readiness.reason) == ("at risk", "closing RSK003 (rsk003) takes up to 6 weeks, more than the 30 days left")


def test_internal_audit_or_management_review_findings_put_a_near_audit_at_risk():
    findings = [finding("MRV004", "minor", "1 day", clause="9.3.3")]
    near = assess(findings, TODAY + dt.timedelta(days=59), TODAY)
    assert near.verdict == "at risk" and "(9.3.3) has open findings" in near.reason
    assert assess(findings, TODAY + dt.timedelta(days=60), TODAY).verdict == "ready"
    assert assess([finding("DOC007", "minor", "1 day")], TODAY + dt.timedelta(days=10), TODAY).verdict == "ready"


@pytest.mark.parametrize(
    "text, classification, days",
    [
        ("1 day", "minor", 1),
        ("3 days", "minor", 3),
        ("1 week", "minor", 7),
        ("1-2 weeks", "major", 14),
        ("2–4 weeks", "major", 28),
        ("3 to 6 weeks", "major", 42),
        ("4-8 weeks", "major", 56),
        ("2 months", "major", 60),
        ("", "major", 28),  # unknown: the matrix's typical time for the classification
        ("ask the auditor", "minor", 7),
    ],
)
def test_remediation_strings_are_read_as_their_upper_bound_in_days(text, classification, days):
    assert remediation_days(text, classification) == days


def test_durations_read_as_people_say_them():
    assert [duration(days) for days in (1, 7, 9, 14, 42, 225)] == ["1 day", "1 week", "9 days", "2 weeks", "6 weeks", "32 weeks"]


# -- machines --------------------------------------------------------------------------


def test_json_summary_carries_the_readiness_object(major_repo):
    result = run(major_repo, "check", "--select", "OBJ,DOC009", "--today", "2027-02-20", "--format", "json")
    readiness = json.loads(result.output)["summary"]["readiness"]
    assert readiness["counts"] == {"major": 1, "minor": 2, "advisory": 0}
    assert readiness["impact"] == "1 major nonconformity: the certificate would be withheld until closed"
    assert readiness["estimate"]["longest_major"] == {"code": "OBJ002", "days": 14}
    assert readiness["estimate"]["total_days"] == 15
    assert [item["code"] for item in readiness["estimate"]["items"]] == ["OBJ002", "DOC009"]
    assert readiness["estimate"]["items"][1] == {
        "code": "DOC009", "name": "vague-owner", "classification": "minor", "clause": "5.3",
        "remediation": "1 day", "days": 1, "findings": 2,
    }
    assert (readiness["stage2_date"], readiness["days_left"], readiness["verdict"]) == ("2027-03-01", 9, "not ready")
    assert readiness["reason"].startswith("closing OBJ002") and readiness["whole_repository"] is True


def test_github_summary_line_carries_the_verdict(major_repo):
    result = run(major_repo, "check", "--select", "OBJ,DOC009", "--today", "2027-02-20", "--format", "github")
    assert tail(result, 1)[0].endswith("; readiness for Stage 2 on 2027-03-01: not ready (closing OBJ002 "
                                       "(objective-not-measurable) takes up to 2 weeks, more than the 9 days left)")
