"""``aims-lint plan``: the open work placed by its dependencies and counted back from the
Stage 2 date (design gaps closed → operating evidence → internal audit → corrective
actions → management review → Stage 1 → Stage 2), in the three phases of the 90-day
countdown; one model that the plan, the text summary, JSON and the HTML report show."""

import datetime as dt
import json
import re

import pytest

from aims_lint.evidence import Evidence
from aims_lint.findings import Finding, Result
from aims_lint.plan import milestone_of, phase_of, shorten
from aims_lint.readiness import assess

from .test_cli import run
from .test_document_control import with_keys
from .test_objectives import GOOD_ROW, table
from .test_readiness import INTENTION, TODAY, ready  # noqa: F401 (a fixture)

@pytest.fixture
def plan_repo(repo):
    """A major objective finding (6.2, phase 1) owned by the AI Governance Lead, and a
    competence matrix with attendance-only evidence (7.2, phase 2) owned by the Head of People."""
    matrix = with_keys(type="competence-matrix", id="CMP-1", owner="Head of People").replace(
        "Text.", "| Role | Training |\n|---|---|\n| Data scientist | Webinar |"
    )
    return repo({
        ".aims-lint.yaml": "stage2-date: 2027-06-30\n",
        "planning/objectives.md": table(INTENTION),  # the only objective, an intention: OBJ002 major
        "support/competence.md": matrix,
    })


def finding(code, clause, classification="major", remediation="1-2 weeks", path="a.md"):
    return Finding(path, 1, 1, code, code.lower(), clause, classification, "msg", remediation)


def schedule_of(findings, stage2, today, owners=None, **settings):
    result = Result(findings=findings, documents_checked=1, owners=owners or {}, evidence=Evidence())
    return assess(result, stage2, today, settings).schedule


def dates(schedule):
    return {m.key: (m.latest.isoformat(), m.earliest.isoformat(), m.late_by) for m in schedule.milestones}


def test_latest_dates_count_back_from_stage2_and_earliest_dates_forward_from_today():
    # A 2-week major on the objectives (documentation) owned by one role, nothing else.
    schedule = schedule_of([finding("OBJ002", "6.2")], dt.date(2027, 6, 30), dt.date(2026, 12, 1), {"a.md": "AI Lead"})
    assert dates(schedule) == {
        # Stage 1 30 days before Stage 2; the review the day before; corrective actions before it;
        # the internal audit by its planning target, 60 days before Stage 2 (earlier than the
        # chain's 21 days of corrective action ask); 8 weeks of operating evidence before it.
        "documentation": ("2027-02-27", "2026-12-15", 0),  # 10 person-days: 14 calendar days
        "design": ("2027-02-27", "2026-12-15", 0),
        "evidence": ("2027-04-24", "2027-02-09", 0),  # the operating period starts when the major is closed
        "internal-audit": ("2027-05-01", "2027-02-16", 0),
        "corrective-actions": ("2027-05-29", "2027-03-09", 0),
        "management-review": ("2027-05-30", "2027-03-16", 0),
        "stage1": ("2027-05-31", "2027-03-16", 0),
        "stage2": ("2027-06-30", "2027-04-15", 0),
    }
    assert schedule.critical_path_days == 135 and schedule.days_left == 211


def test_a_chain_that_does_not_fit_names_the_late_milestone_and_by_how_many_days():
    findings = [finding("OBJ002", "6.2")]
    readiness = assess(Result(findings=findings, documents_checked=1, owners={"a.md": "AI Lead"}, evidence=Evidence()),
                       dt.date(2027, 3, 15), dt.date(2026, 12, 1))
    schedule = readiness.schedule
    assert dates(schedule)["documentation"] == ("2026-11-12", "2026-12-15", 33)
    assert dates(schedule)["internal-audit"] == ("2027-01-14", "2027-02-16", 33)
    assert readiness.verdict == "not ready"
    assert readiness.reason == (
        "the critical path to Stage 2 needs 135 days, 104 days are left: "
        "documentation gaps closed is 33 days late (latest 2026-11-12)"
    )


def test_the_internal_audit_target_is_a_planning_target_that_can_be_late_alone():
    # No design gap, no audit on record yet: 8 weeks of evidence from today, the audit a week
    # later (2027-02-02), three days after a target of 90 days before Stage 2; the rest fits.
    schedule_readiness = assess(Result(findings=[finding("MRV004", "9.3.3", "minor", "1 day")], documents_checked=1,
                                       evidence=Evidence()), dt.date(2027, 4, 30), dt.date(2026, 12, 1),
                                {"internal-audit-lead-days": 90})
    audit = schedule_readiness.schedule.milestone("internal-audit")
    assert (audit.latest.isoformat(), audit.earliest.isoformat(), audit.late_by) == ("2027-01-30", "2027-02-02", 3)
    assert schedule_readiness.verdict == "at risk"
    assert ("full-scope internal audit held is 3 days late against its latest date 2027-01-30 "
            "(the planning target: 90 days before Stage 2)") in schedule_readiness.reason


def test_owners_work_side_by_side_and_effort_is_not_calendar_time():
    findings = [finding("OBJ002", "6.2", path="o.md"), finding("SOA002", "6.1.3", path="s.md"),
                finding("POL001", "5.2", path="p.md")]
    apart = schedule_of(findings, dt.date(2027, 12, 1), dt.date(2027, 1, 1), {"o.md": "A", "s.md": "B", "p.md": "C"})
    together = schedule_of(findings, dt.date(2027, 12, 1), dt.date(2027, 1, 1), {"o.md": "A", "s.md": "A", "p.md": "A"})
    documentation = apart.milestone("documentation")
    assert (documentation.effort, documentation.days, documentation.owners) == (30, 14, ["A", "C", "B"])
    assert together.milestone("documentation").days == 42  # one owner: 30 person-days, six weeks


def test_the_operating_evidence_period_is_configurable():
    short = schedule_of([finding("OBJ002", "6.2")], dt.date(2027, 12, 1), dt.date(2027, 1, 1), **{"evidence-weeks": 2})
    assert (short.milestone("evidence").earliest - short.milestone("design").earliest).days == 14


def test_the_plan_lists_milestones_by_phase_with_blocking_findings_and_owners(plan_repo):
    result = run(plan_repo, "plan", "--select", "OBJ002,CMP002", "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Plan to Stage 2 on 2027-06-30 (configured; 211 days from 2026-12-01), counted back by dependencies"
    phase1 = lines.index("Phase 1: Documentation sprint (AI policy, SoA traceability, SMART objectives, document control)")
    assert lines[phase1 + 1].startswith("  1. Documentation gaps closed: latest 2027-02-")
    assert lines[phase1 + 2] == "    effort 10 person-days (1 work item); owners: AI Governance Lead"
    assert lines[phase1 + 3].startswith("    OBJ002 [major] planning/objectives.md:18  objective 'Deploy AI responsibly'")
    phase2 = lines.index("Phase 2: Process hardening (risk assessment across the risk dimensions, impact assessments, competence)")
    assert lines[phase2 + 2] == "    effort 5 person-days (1 work item); owners: Head of People"
    assert any(line.startswith("  4. Full-scope internal audit held: latest 2027-05-01") for line in lines)
    assert any(line.startswith("  8. Stage 2 audit: latest 2027-06-30") for line in lines)


def test_without_a_stage2_date_the_plan_assumes_one_90_days_away(repo):
    root = repo({"planning/objectives.md": table(GOOD_ROW, INTENTION)})
    result = run(root, "plan", "--select", "OBJ002", "--today", TODAY)
    lines = result.output.splitlines()
    assert lines[0] == "Plan to Stage 2 on 2027-03-01 (assumed; 90 days from 2026-12-01), counted back by dependencies"
    assert lines[1] == ("Note: no stage2-date configured: this plan assumes Stage 2 90 days from today "
                        "(set stage2-date in the configuration).")
    assert result.exit_code == 0


# -- one model, several renderers --------------------------------------------------------


def test_plan_summary_json_and_html_show_the_same_model(ready):  # noqa: F811
    (ready / "records" / "internal-audit-2026-10.md").unlink()
    (ready / "records" / "management-review-2026-11.md").unlink()
    plan_json = json.loads(run(ready, "plan", "--today", TODAY, "--no-cache", "--format", "json").output)
    check_json = json.loads(run(ready, "check", "--today", TODAY, "--no-cache", "--format", "json").output)
    readiness = check_json["summary"]["readiness"]
    assert plan_json["plan"] == readiness["plan"] and plan_json["verdict"] == readiness["verdict"] == "not ready"
    assert plan_json["reason"] == readiness["reason"]
    text = run(ready, "plan", "--today", TODAY, "--no-cache").output
    summary = run(ready, "check", "--today", TODAY, "--no-cache").output
    verdict = "DOCUMENTATION NOT READY FOR STAGE 2"
    assert verdict in text and verdict in summary and readiness["reason"] in text and readiness["reason"] in summary
    for milestone in readiness["plan"]["milestones"]:
        assert f"latest {milestone['latest']}" in text
    assert run(ready, "report", "--today", TODAY, "--no-cache", "-o", "r.html").exit_code == 0
    html = (ready / "r.html").read_text(encoding="utf-8")
    assert "Documentation not ready for Stage 2" in html
    for milestone in readiness["plan"]["milestones"]:
        assert f'data-milestone="{milestone["key"]}"' in html
    critical = re.search(r'id="critical-path">([^<]*)<', html).group(1)
    assert critical.startswith(f"Critical path: {readiness['plan']['critical_path_days']} days to the earliest Stage 2")


def test_a_clean_complete_aims_has_its_audit_and_review_on_record(ready):  # noqa: F811
    data = json.loads(run(ready, "plan", "--today", TODAY, "--no-cache", "--format", "json").output)
    done = {m["key"]: m["done"] for m in data["plan"]["milestones"]}
    assert done["internal-audit"] == "internal audit on record, 2026-10-14"
    assert done["management-review"] == "management review on record, 2026-11-12"
    assert data["verdict"] == "ready"


def test_bad_config_is_a_usage_error(repo):
    root = repo({".aims-lint.yaml": "stage2-date: soon\n"})
    result = run(root, "plan")
    assert result.exit_code == 2 and result.output.startswith("aims-lint: error: ") and "stage2-date" in result.output


@pytest.mark.parametrize(
    "clause, phase",
    [
        ("4.3", 1), ("5.2", 1), ("5.3", 1), ("6.1.3", 1), ("6.2", 1), ("7.4", 1), ("7.5.2", 1), ("A.2.4", 1),
        ("9.2", 3), ("9.2.2", 3),  # the internal audit comes after the operating evidence
        ("6.1", 2), ("6.1.2", 2), ("6.1.4", 2), ("7.2", 2), ("7.3", 2), ("8.4", 2), ("A.5.4", 2), ("A.10.3", 2),
        ("ORG-7", 2), ("", 2),  # a third-party pack's own ID: process work by default
        ("9.1", 3), ("9.3.2", 3), ("10.2", 3),
    ],
)
def test_phase_by_clause(clause, phase):
    assert phase_of(clause) == phase


def test_messages_are_shortened_at_a_word():
    assert shorten("short") == "short"
    long = "word " * 40
    assert shorten(long, 30) == "word word word word word word…"


@pytest.mark.parametrize(
    "clause, milestone",
    [("6.2", "documentation"), ("6.1.2", "design"), ("9.1", "evidence"), ("9.2", "internal-audit"),
     ("10.2", "corrective-actions"), ("9.3.2", "management-review"), ("ORG-7", "design")],
)
def test_milestone_by_clause(clause, milestone):
    assert milestone_of(clause) == milestone


def test_an_owner_does_their_documentation_then_their_process_work_while_others_work_on_theirs():
    findings = [finding("OBJ002", "6.2", path="o.md"), finding("RSK001", "6.1.2", path="r.md"),
                finding("IMP001", "6.1.4", path="i.md")]
    # A owns the objectives and the risk register: 10 + 10 person-days, one after the other;
    # B owns the impact assessment: 10 person-days, side by side with A.
    schedule = schedule_of(findings, dt.date(2027, 12, 1), dt.date(2027, 1, 1), {"o.md": "A", "r.md": "A", "i.md": "B"})
    assert schedule.milestone("documentation").earliest.isoformat() == "2027-01-15"  # 14 days
    assert schedule.milestone("design").earliest.isoformat() == "2027-01-29"  # A's 20 person-days: 28 days


def test_a_partial_run_compares_no_chain():
    readiness = assess(Result(findings=[finding("OBJ002", "6.2")], documents_checked=1), dt.date(2027, 2, 1), dt.date(2027, 1, 1))
    assert readiness.verdict == "at risk" and "critical path" not in readiness.reason
