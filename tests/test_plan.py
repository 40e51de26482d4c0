"""``aims-lint plan``: the findings in a 90-day countdown to Stage 2, by clause, with
each document's owner and the date its phase ends."""

import json

import pytest

from aims_lint.plan import phase_of, shorten

from .test_cli import run
from .test_document_control import with_keys
from .test_objectives import table
from .test_readiness import INTENTION


@pytest.fixture
def plan_repo(repo):
    """A major objective finding (6.2, phase 1) owned by the AI Governance Lead, and a
    competence matrix with attendance-only evidence (7.2, phase 2) owned by the Head of People."""
    matrix = with_keys(type="competence-matrix", id="CMP-1", owner="Head of People").replace(
        "Text.", "| Role | Training |\n|---|---|\n| Data scientist | Webinar |"
    )
    return repo({
        ".aims-lint.yaml": "stage2-date: 2027-03-31\n",
        "planning/objectives.md": table(INTENTION),
        "support/competence.md": matrix,
    })


def test_findings_are_listed_by_phase_with_owner_and_phase_end(plan_repo):
    result = run(plan_repo, "plan", "--select", "OBJ002,CMP002", "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [
        "Countdown to Stage 2 on 2027-03-31 (configured; 120 days from 2026-12-01)",
        "Day 1 is 2026-12-31, 30 days from today: nothing stops an earlier start.",
        "Internal audit on record by 2027-01-30 (60 days before Stage 2).",
        "Readiness: AT RISK: 1 major nonconformity must be closed with evidence before the audit "
        "(the longest, OBJ002, up to 2 weeks, still fits).",
    ]
    phase1 = lines.index("Phase 1, days 1–30: Documentation sprint (2026-12-31 to 2027-01-29), 1 finding")
    assert lines[phase1 + 2].startswith(
        "  by 2027-01-29  OBJ002 [major] planning/objectives.md:18  owner: AI Governance Lead  objective 'Deploy AI responsibly'"
    )
    phase2 = lines.index("Phase 2, days 31–60: Process hardening (2027-01-30 to 2027-02-28), 1 finding")
    assert lines[phase2 + 2].startswith("  by 2027-02-28  CMP002 [minor] support/competence.md:16  owner: Head of People  ")
    phase3 = lines.index("Phase 3, days 61–90: Evidence and rehearsal (2027-03-01 to 2027-03-30), 0 findings")
    assert lines[phase3 + 2] == "  Nothing open in this phase."


def test_fewer_than_90_days_left_compresses_the_countdown_into_the_days_left(plan_repo):
    data = json.loads(run(plan_repo, "plan", "--select", "OBJ002", "--today", "2027-03-01", "--format", "json").output)
    assert (data["start"], data["compressed"], data["stage2_assumed"]) == ("2027-03-01", True, False)
    assert [(p["days"], p["start"], p["end"]) for p in data["phases"]] == [
        ([1, 10], "2027-03-01", "2027-03-10"),
        ([11, 20], "2027-03-11", "2027-03-20"),
        ([21, 30], "2027-03-21", "2027-03-30"),
    ]
    assert data["notes"][0] == "only 30 days to Stage 2: the countdown starts today and the three phases share the days left"
    assert "can no longer be on record 60 days before Stage 2 (that was 2027-01-30)" in data["notes"][1]
    assert data["phases"][0]["findings"][0] | {"message": ""} == {
        "path": "planning/objectives.md", "line": 18, "column": 12, "code": "OBJ002", "clause": "6.2",
        "classification": "major", "message": "", "remediation": "1-2 weeks", "owner": "AI Governance Lead", "due": "2027-03-10",
    }
    assert data["readiness"]["verdict"] == "at risk"  # a major open, 30 days left


def test_without_a_stage2_date_the_plan_assumes_one_90_days_away(repo):
    root = repo({"planning/objectives.md": table(INTENTION)})
    result = run(root, "plan", "--select", "OBJ002", "--today", "2026-12-01")
    lines = result.output.splitlines()
    assert lines[0] == "Countdown to Stage 2 on 2027-03-01 (assumed; 90 days from 2026-12-01)"
    assert lines[1] == ("Note: no stage2-date configured: this plan assumes Stage 2 90 days from today "
                        "(set stage2-date in the configuration).")
    assert not any(line.startswith("Readiness:") for line in lines)  # no verdict against an assumed date
    assert result.exit_code == 0


def test_a_clean_repository_has_an_empty_plan(repo):
    root = repo({".aims-lint.yaml": "stage2-date: 2027-03-31\nignore: [AIMS002]\n", "p.md": with_keys()})
    result = run(root, "plan", "--today", "2026-12-01")
    assert result.exit_code == 0 and result.output.count("Nothing open in this phase.") == 3
    assert "Readiness: READY: no major or minor nonconformity is open." in result.output


def test_bad_config_is_a_usage_error(repo):
    root = repo({".aims-lint.yaml": "stage2-date: soon\n"})
    result = run(root, "plan")
    assert result.exit_code == 2 and result.output.startswith("aims-lint: error: ") and "stage2-date" in result.output


@pytest.mark.parametrize(
    "clause, phase",
    [
        ("4.3", 1), ("5.2", 1), ("5.3", 1), ("6.1.3", 1), ("6.2", 1), ("7.4", 1), ("7.5.2", 1), ("A.2.4", 1),
        ("9.2", 1), ("9.2.2", 1),  # the internal audit must be on record 60 days before Stage 2
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
