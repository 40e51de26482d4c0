"""Reading the records against each other and against the calendar (issue 13): the
management review against the internal audit, the nonconformity log and the planned
interval; the objectives against the monitoring results; dates in order. Each gap is
planted into a copy of the audit-ready example (which is clean), and the readings are
tested on layouts of our own."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from aims_lint.document import Document
from aims_lint.reading import records, review_record

from .conftest import lint

COMPLETE = Path(__file__).resolve().parent.parent / "examples" / "aims-complete"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "aims"
    shutil.copytree(COMPLETE, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def found(root, *codes):
    result = lint(root, select=list(codes), today=TODAY)
    assert not result.errors, result.errors
    return [finding for finding in result.active if finding.code in codes]


def doc(text, relpath="r.md"):
    document = Document(None, relpath, text)  # type: ignore[arg-type]
    document.doc_type = document.meta.get("type")
    return document


def test_the_audit_ready_example_passes_every_cross_examination(repo):
    assert found(repo, "MRV", "OBJ", "CHR", "IMP") == []


# -- management review against the audit (MRV009) and the verdict agree -------------

def test_a_review_before_the_audit_is_a_major_finding_pointing_at_both_records(repo):
    (repo / "records" / "management-review-2026-11.md").unlink()
    (finding,) = found(repo, "MRV009")
    assert (finding.path, finding.line, finding.classification) == ("records/management-review-2026-04.md", 5, "major")
    assert finding.message.startswith(
        "the latest management review (records/management-review-2026-04.md, 2026-04-28) predates the internal audit "
        "(records/internal-audit-2026-10.md, 2026-10-14): it cannot have considered its results"
    )
    (other,) = finding.locations[1:] if finding.locations and finding.locations[0].path == finding.path and finding.locations[0].line == finding.line else finding.locations
    assert (other.path, other.line) == ("records/internal-audit-2026-10.md", 9)


def test_the_verdict_gives_the_same_sentence_as_the_finding(repo):
    from aims_lint.readiness import assess

    (repo / "records" / "management-review-2026-11.md").unlink()
    result = lint(repo, today=TODAY)
    (finding,) = [f for f in result.active if f.code == "MRV009"]
    readiness = assess(result, dt.date(2027, 3, 15), TODAY)
    assert readiness.verdict == "not ready"
    assert finding.message.split("; hold")[0] in readiness.reason


def test_a_review_after_the_audit_that_ignores_it_is_major_when_it_is_the_only_one(repo):
    review = repo / "records" / "management-review-2026-11.md"
    edit(review, "This\nreview considers the results of the [internal audit of October 2026](internal-audit-2026-10.md).", "")
    text = review.read_text(encoding="utf-8")
    start, end = text.index("- Audit results:"), text.index("- Nonconformities and corrective actions")
    review.write_text(text[:start] + text[end:].replace(" (the audit's observation)", ""), encoding="utf-8")
    (finding,) = found(repo, "MRV009")
    assert finding.classification == "major" and "does not consider the results of the internal audit" in finding.message


# -- cited audits, figures, interval -------------------------------------------------

def test_an_audit_id_no_record_holds_is_reported_where_it_is_cited(repo):
    edit(repo / "records" / "management-review-2026-11.md", "internal audit IA-2026-01 (2026-10-14", "internal audit AUD-2026-01 (2026-10-14")
    (finding,) = found(repo, "MRV010")
    assert (finding.path, finding.line, finding.classification) == ("records/management-review-2026-11.md", 38, "minor")
    assert "'AUD-2026-01'" in finding.message


def test_a_finding_id_of_the_audit_names_the_audit(repo):
    edit(repo / "records" / "management-review-2026-11.md", "internal audit IA-2026-01 (2026-10-14", "internal audit finding IA-2026-01-F1 (2026-10-14")
    assert found(repo, "MRV010") == []


def test_open_nonconformities_are_counted_on_the_review_date(repo):
    # NC-2026-03 closed after the review: it was open on 2026-11-12, the minutes say 0.
    edit(repo / "records" / "nonconformity-log-2026.md", "Closed 2026-11-02; effectiveness", "Closed 2026-11-18; effectiveness")
    (finding,) = found(repo, "MRV011")
    assert finding.path == "records/management-review-2026-11.md" and finding.line == 41
    assert "reports 0 open nonconformities on 2026-11-12, the nonconformity log (records/nonconformity-log-2026.md) holds 1 open" in finding.message
    assert [(loc.path, loc.line) for loc in finding.locations if loc.path != finding.path] == [("records/nonconformity-log-2026.md", 17)]


def test_a_log_that_cannot_say_when_rows_were_raised_is_not_compared(repo):
    log = repo / "records" / "nonconformity-log-2026.md"
    edit(log, "Closed 2026-11-02; effectiveness", "Closed 2026-11-18; effectiveness")
    for date in ("2026-03-24", "2026-04-09", "2026-10-14"):
        edit(log, f"| {date} |", "| |")
    assert found(repo, "MRV011") == []


def test_reviews_further_apart_than_planned(repo):
    edit(repo / "procedures" / "ai-governance.md", "\n## ", "\nManagement reviews are held every three months.\n\n## ")
    findings = found(repo, "MRV012")
    assert [f.path for f in findings] == ["records/management-review-2026-11.md"]
    assert "came 198 days after the previous one (2026-04-28), beyond the planned interval of 3 months" in findings[0].message


def test_twelve_months_when_nothing_is_planned(repo):
    assert found(repo, "MRV012") == []
    late = lint(repo, select=["MRV012"], today=dt.date(2028, 1, 15)).active
    assert [f.message.split(",")[0] for f in late] == ["no management review since 2026-11-12 (429 days ago)"]


# -- objectives against results ---------------------------------------------------------

def test_an_objective_past_due_with_no_result(repo):
    edit(repo / "records" / "monitoring-report-2026-10.md", "| OBJ-03 |", "| OBJ-33 |")
    (finding,) = found(repo, "OBJ005")
    assert (finding.path, finding.line) == ("planning/objectives.md", 24)
    assert "1 objective past its due date with no recorded result (OBJ-03 due 2026-09-30)" in finding.message


def test_a_missed_target_with_no_action(repo):
    edit(repo / "records" / "monitoring-report-2026-10.md", "| Not met | Knowledge base refreshed on 2026-11-05 (AI Governance Lead); November sample doubled to 400 and reported to the next review |", "| Not met | — |")
    (finding,) = found(repo, "OBJ006")
    assert (finding.path, finding.line) == ("records/monitoring-report-2026-10.md", 19)
    assert [(loc.path, loc.line) for loc in finding.locations if loc.path != finding.path] == [("planning/objectives.md", 25)]


def test_the_same_objective_with_another_target(repo):
    edit(repo / "records" / "monitoring-report-2026-10.md", "| 0.81 | ≥ 0.78 |", "| 0.81 | ≥ 0.75 |")
    (finding,) = found(repo, "OBJ007")
    assert "'OBJ-02' is measured against ≥ 0.75 here, but its objective (planning/objectives.md) sets ≥ 0.78" in finding.message


# -- dates in order ----------------------------------------------------------------------

def test_an_impact_assessment_approved_after_the_change_went_live(repo):
    edit(repo / "impact" / "credit-scoring.md", "approved_on: 2026-04-16", "approved_on: 2026-05-04")
    (finding,) = found(repo, "CHR001")
    assert (finding.path, finding.line) == ("impact/credit-scoring.md", 9)
    assert "approved on 2026-05-04, 14 days after 'credit-scoring' changed on 2026-04-20" in finding.message
    assert [(loc.path, loc.line) for loc in finding.locations if loc.path != finding.path] == [("scope.md", 16)]


def test_imp007_accepts_the_assessment_of_the_change_before_it_went_live(repo):
    assert found(repo, "IMP007") == []
    edit(repo / "impact" / "credit-scoring.md", "before its release on 2026-04-20", "before its release")
    assert [f.code for f in found(repo, "IMP007")] == ["IMP007"]  # it no longer names the change


def test_residual_risk_accepted_before_the_assessment_was_approved(repo):
    edit(repo / "planning" / "risk-assessment.md", "on 2026-09-22, after the approval of this version.", "on 2026-09-18.")
    (finding,) = found(repo, "CHR002")
    assert (finding.path, finding.line) == ("planning/risk-assessment.md", 36)
    assert "residual risk accepted on 2026-09-18, 2 days before this risk assessment was approved on 2026-09-20" in finding.message


def test_an_acceptance_of_an_earlier_cycle_is_not_compared(repo):
    edit(repo / "planning" / "risk-assessment.md", "on 2026-09-22, after the approval of this version.", "on 2025-09-18.")
    assert found(repo, "CHR002") == []


def test_evidence_dated_after_the_review(repo):
    edit(repo / "records" / "monitoring-report-2026-10.md", "date: 2026-11-03", "date: 2026-11-20")
    (finding,) = found(repo, "CHR003")
    assert finding.path == "records/management-review-2026-11.md"
    assert "relies on 'records/monitoring-report-2026-10.md', dated 2026-11-20, after the review" in finding.message


# -- the readings, on layouts of our own -------------------------------------------------

def test_open_nonconformities_in_the_words_minutes_use():
    for text, count in [
        ("Two minor nonconformities remain open.", 2),
        ("Open nonconformities: 3 (see the log).", 3),
        ("There are no open nonconformities.", 0),
        ("0 nonconformities open, 4 closed.", 0),
    ]:
        minutes = doc(f"---\ntype: management-review\n---\n# MR\n\n{text}\n")
        assert review_record.open_nonconformities(minutes) == [count, 6], text


def test_a_nonconformity_log_with_a_closure_column():
    log = doc(
        "---\ntype: nonconformity\ndate: 2026-06-01\n---\n# Log\n\n"
        "| NC No. | Opened | Description | Closed on |\n|---|---|---|---|\n"
        "| NCR-7 | 2026-02-01 | Missing test | 2026-03-01 |\n| NCR-8 | 2026-04-01 | Late review | |\n"
    )
    facts = records.nonconformity_log(log)
    assert [row[:4] for row in facts["rows"]] == [["NCR-7", "2026-02-01", "2026-03-01", False], ["NCR-8", "2026-04-01", None, True]]
    assert records.open_at(facts, "2026-02-15") == 1 and records.open_at(facts, "2026-05-01") == 1
    assert records.open_at(facts, "2026-04-15") == 1 and records.open_at(facts, "2026-01-01") == 0


def test_results_read_the_direction_next_to_the_figure():
    assert records.target_of("100% of declines within 5 points reviewed") == (">=", 100.0, True)
    assert records.target_of("95% or higher") == (">=", 95.0, True)
    assert records.target_of("Within 10% of baseline") is None
    assert records.misses("2.2% of 200", "≤ 2%") is True and records.misses("0.74", "≥ 0.8") is True
    assert records.misses("96%", "≥ 0.95") is None  # a percentage against a ratio: not compared


def test_a_comment_column_or_a_nonconformity_elsewhere_is_the_action():
    kpis = doc(
        "---\ntype: record\n---\n# KPIs\n\n| KPI | Target | Actual | Trend |\n|---|---|---|---|\n"
        "| Admin MFA coverage | 100% | 48% | FIDO2 rollout in progress |\n| Training completion | 100% | 88% | down |\n\n"
        "## Nonconformities\n\nNC-01: training completion below the 100% target, in progress.\n"
    )
    assert [row[3:5] for row in records.results(kpis)] == [[True, True], [True, True]]


def test_a_status_in_progress_or_a_target_with_a_deadline_is_not_missed():
    kpis = doc(
        "---\ntype: record\n---\n# KPIs\n\n| KPI | Result | Target | Status |\n|---|---|---|---|\n"
        "| Findings resolved | 0% | 100% by due date | In progress |\n| Accuracy | 91% | ≥ 95% | On track |\n"
    )
    assert [row[3] for row in records.results(kpis)] == [None, None]


def test_the_planned_interval_is_the_management_reviews_not_the_policys():
    policy = doc("---\ntype: ai-policy\n---\n# Policy\n\nThis policy is reviewed every 12 months, as an input to the management review.\n")
    assert records.planned_review_interval(policy) is None
    plan = doc("---\ntype: procedure\n---\n# Governance\n\nManagement reviews are held twice a year by the board.\n")
    assert records.planned_review_interval(plan) == [6, 0, 6]
