"""Figures read against each other (issue 13): results matched to objectives by id,
name or metric in normalised words (``aims_lint.reading.matching``, OBJ005-OBJ007),
and the figures management-review minutes cite against the audit record and the
monitoring records (MRV013). Gaps are planted into a copy of the audit-ready example,
and the readings are tested on layouts of our own (tables, labelled fields, prose)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aims_lint.reading import records
from aims_lint.reading.matching import ObjectiveMatcher, words

# The audit-ready example copied (``repo``), edited and linted as in the other
# cross-examination tests.
from .conftest import lint
from .test_cross_examination import COMPLETE, TODAY, doc, edit, found, repo  # noqa: F401

REVIEW = "records/management-review-2026-11.md"
MONITORING = "records/monitoring-report-2026-10.md"


def matcher(*objectives):
    return ObjectiveMatcher([("planning/objectives.md", [ident, name, metric, None, False, line])
                             for line, (ident, name, metric) in enumerate(objectives, start=10)])


# -- the matcher -----------------------------------------------------------------------

def test_words_drop_case_punctuation_plurals_order_units_and_the_target():
    assert words("Approval-rate ratios between Protected Groups") == words("approval rate ratio between protected group")
    assert words("Latency (ms), p95") == words("p95 latency")
    assert words("Wrong answers (%)") == words("wrong answer")
    assert words("AUC ≥ 0.78 on the monthly hold-out sample") == words("AUC on the monthly hold-out sample")
    assert words("Sample, hold-out monthly: AUC") == words("AUC on the monthly hold-out sample")


def test_a_result_names_an_objective_by_id_name_or_metric():
    objectives = matcher(
        ("OBJ-01", "Fair credit decisions", "Approval-rate ratio between protected groups ≥ 0.8"),
        ("OBJ-02", "Accurate scoring", "AUC ≥ 0.78 on the monthly hold-out sample"),
        ("", "Correct answers from the support assistant", "≤ 2% of sampled conversations with a factually wrong answer"),
    )

    def named(ref):
        return [objective[1] for _, objective in objectives.find(ref)]

    assert named("obj_01") == named("OBJ 01") == named("OBJ-01") == ["Fair credit decisions"]
    assert named("Fair credit decision") == ["Fair credit decisions"]
    assert named("**Approval-rate ratios** between protected groups") == ["Fair credit decisions"]
    assert named("Approval-rate ratio between protected groups ≥ 0.75") == ["Fair credit decisions"]  # before the target
    assert named("Approval-rate ratio") == []  # a part of the metric is not the metric
    assert named("AUC on the monthly hold-out sample") == ["Accurate scoring"]
    assert named("Sampled conversations with a factually wrong answer (%)") == ["Correct answers from the support assistant"]
    assert named("Scoring accuracy") == []  # other words
    assert named("OBJ-09") == []


def test_one_generic_word_or_a_key_two_objectives_share_names_no_objective():
    objectives = matcher(
        ("", "Model accuracy", "Accuracy ≥ 95% on the test set"),
        ("", "Fairness monitor accuracy", "Accuracy of the fairness monitor ≥ 90%"),
        ("", "Triage quality", "Model accuracy ≥ 92% on triage"),
    )
    assert objectives.find("Accuracy") == []  # one word: generic
    assert objectives.find("accuracy of the fairness monitor")[0][1][1] == "Fairness monitor accuracy"
    # "Model accuracy" is the first objective's name and the third's metric before its target.
    assert objectives.find("Model accuracy") == []


def test_the_same_objective_copied_in_two_documents_is_one_objective():
    objectives = ObjectiveMatcher([
        ("planning/objectives.md", ["", "Fair credit decisions", "Approval-rate ratio ≥ 0.8", None, False, 10]),
        ("planning/objectives-summary.md", ["", "Fair credit decisions", "Approval-rate ratio ≥ 0.8", None, False, 4]),
    ])
    assert len(objectives.find("approval rate ratio")) == 2


# -- OBJ005-OBJ007 through the matcher ---------------------------------------------------

def test_a_result_named_by_the_objective_name_is_the_objectives_result(repo):
    edit(repo / MONITORING, "| OBJ-03 | Declines near the cut-off", "| Human reviews of adverse decisions | Declines near the cut-off")
    assert found(repo, "OBJ005") == []
    edit(repo / MONITORING, "| Human reviews of adverse decisions |", "| Human review |")  # other words: no result
    (finding,) = found(repo, "OBJ005")
    assert "OBJ-03 due 2026-09-30" in finding.message


MONITORING_BY_METRIC = """---
id: REC-MON-2026-11
type: record
title: Support assistant sample, November 2026
date: 2026-11-20
---
# Support assistant sample, November 2026

| Metric | Result | Target |
|---|---|---|
| Sampled conversations with a factually wrong answer (%) | 3.1% | ≤ 2.5% |
| Accuracy | 71% | ≥ 95% |
"""


def test_a_missed_result_named_by_its_metric_points_at_the_objective(repo):
    (repo / "records" / "support-sample-2026-11.md").write_text(MONITORING_BY_METRIC, encoding="utf-8")
    findings = found(repo, "OBJ006", "OBJ007")
    assert sorted((f.code, f.path, f.line) for f in findings) == [
        ("OBJ006", "records/support-sample-2026-11.md", 11),  # 3.1% against ≤ 2.5%
        ("OBJ006", "records/support-sample-2026-11.md", 12),  # missed; "Accuracy" names no objective
        ("OBJ007", "records/support-sample-2026-11.md", 11),  # ≤ 2.5% here, ≤ 2% in the objectives
    ]
    unmatched = [f for f in findings if f.line == 12]
    assert [loc.path for f in unmatched for loc in f.locations if loc.path != f.path] == []
    for finding in findings:
        if finding.line == 12:
            continue
        assert [(loc.path, loc.line) for loc in finding.locations if loc.path != finding.path] == [("planning/objectives.md", 25)]


# -- MRV013: counts of the internal audit's findings -------------------------------------

def test_the_audit_ready_example_passes():
    result = lint(COMPLETE, select=["MRV013"], today=TODAY)
    assert result.active == []


def test_a_count_of_nonconformities_the_audit_record_contradicts(repo):
    edit(repo / REVIEW, "raised 1 minor\n  nonconformity and", "raised 3\n  nonconformities and")
    (finding,) = found(repo, "MRV013")
    assert (finding.path, finding.line, finding.classification) == (REVIEW, 38, "minor")
    assert finding.message.startswith(
        "the review reports 3 nonconformities for the internal audit of 2026-10-14, but its record "
        "(records/internal-audit-2026-10.md) says 1 nonconformity (1 minor)"
    )
    assert [(loc.path, loc.line) for loc in finding.locations if loc.path != finding.path] == [
        ("records/internal-audit-2026-10.md", 20)
    ]


def test_a_table_of_inputs_and_observations_for_opportunities(repo):
    edit(
        repo / REVIEW, "## Opportunities for improvement",
        "## Inputs\n\n| Input | Summary |\n|---|---|\n| Audit results | Internal audit: 1 minor nonconformity, 2 observations |\n\n"
        "## Opportunities for improvement",
    )
    (finding,) = found(repo, "MRV013")
    # The record calls its one non-nonconformity an opportunity for improvement: one word for both.
    assert "reports 2 observations for the internal audit of 2026-10-14" in finding.message
    assert "says 1 opportunity for improvement" in finding.message


def test_an_action_about_the_audits_findings_is_no_count(repo):
    edit(repo / REVIEW, "| Add the tested age bands", "| Close the 2 minor nonconformities of the internal audit | AI Governance Lead | 2026-12-15 |\n| Add the tested age bands")
    assert found(repo, "MRV013") == []


@pytest.mark.parametrize("sentence", [
    "The internal audit left 2 nonconformities open.",
    "Of the internal audit's findings, 2 nonconformities remain open.",
    "The internal audit raised 1 new nonconformity, of which 3 minor nonconformities are repeats.",
    "The certification audit of 2025 raised 4 nonconformities.",
    "The internal audits of 2025 and 2026 raised 4 nonconformities.",
    "The ISO 27001 internal audit raised 4 nonconformities.",
    "Internal audit AUD-2025-09 raised 4 nonconformities.",  # another audit, not on record here
    "The internal audit of March raised 4 nonconformities.",  # the audit on record is October's
    "The internal audit confirmed that 3 nonconformities raised in 2025 were closed.",
    "The internal audit raised 4 findings.",  # findings of which kinds?
])
def test_subsets_other_audits_and_findings_are_not_counts_to_compare(repo, sentence):
    edit(repo / REVIEW, "## Opportunities for improvement", f"{sentence}\n\n## Opportunities for improvement")
    assert found(repo, "MRV013") == []


def test_the_audit_findings_read_from_a_findings_table_not_a_summary_or_repeated_rows():
    record = doc("""# Internal audit report

## Findings

| Ref | Finding Type | Description |
|---|---|---|
| F-01 | Minor Nonconformity | Screening not applied to existing staff |
| F-02 | Major NC | No management review held |
| F-03 | Observation | No dashboard |
| F-04 | Strength | Clear policy |

## Findings summary

| Finding type | Count |
|---|---:|
| Minor nonconformity | 1 |

## Corrective actions

| Ref | Classification | Description | Owner |
|---|---|---|---|
| F-01 | Minor | Apply screening | HR Manager |
""")
    assert records.audit_findings(record) == {"major": 1, "minor": 1, "nc": 0, "observation": 1, "ofi": 0, "line": 5}
    unreadable = doc("| ID | Classification | Finding |\n|---|---|---|\n| F-1 | see annex | Gap |\n")
    assert records.audit_findings(unreadable) is None


def test_the_counts_minutes_give_in_prose_lists_and_tables():
    minutes = doc("""# Management review

## Audit results

- Internal audit IA-2026-01 raised two minor
  nonconformities and 3 OFIs.
- No major nonconformity was raised by the internal audit.

| Input | Summary |
|---|---|
| Internal audit | 1 observation; 2 NCs closed |
""")
    assert records.review_audit_figures(minutes) == [
        ["minor", 2, "IA-2026-01", 5, "2026"], ["ofi", 3, "IA-2026-01", 5, "2026"], ["major", 0, "", 7, ""],
        ["observation", 1, "", 11, ""],
    ]


# -- MRV013: results of objectives -------------------------------------------------------

def test_a_result_in_the_minutes_the_monitoring_record_contradicts(repo):
    edit(repo / REVIEW, "- Monitoring and measurement: fairness ratio 0.88",
         "- Approval-rate ratio between protected groups: 0.91 against a target of 0.8.\n- Monitoring and measurement: fairness ratio 0.88")
    (finding,) = found(repo, "MRV013")
    assert finding.message.startswith(
        "the review reports 0.91 for 'Approval-rate ratio between protected groups' (OBJ-01), but the monitoring "
        f"record {MONITORING} says 0.88 on 2026-11-03"
    )
    assert sorted((loc.path, loc.line) for loc in finding.locations if loc.path != finding.path) == [
        ("planning/objectives.md", 22), (MONITORING, 16),
    ]


@pytest.mark.parametrize("claim", [
    "Fair credit decisions: 0.9 against a target of 0.8.",  # 0.88 rounded as the minutes write it
    "Fair credit decisions: ≥ 0.8.",  # a target, not a result
    "Fair credit decisions: 0.8 target, met.",
    "Fair credit decisions: target of 0.8, met.",
    "Accuracy: 0.71.",  # one word names no objective
    "Fairness: 0.5.",
    "Fair credit decisions: 0.91 in the second quarter.",  # a period named: which record?
    "Fair credit decisions: 0.91 (July 2026).",
])
def test_a_rounded_figure_a_target_or_a_generic_label_is_not_compared(repo, claim):
    edit(repo / REVIEW, "- Monitoring and measurement:", f"- {claim}\n- Monitoring and measurement:")
    assert found(repo, "MRV013") == []


def test_a_figure_of_an_earlier_record_speaks_of_an_earlier_period(repo):
    earlier = (repo / MONITORING).read_text(encoding="utf-8").replace("date: 2026-11-03", "date: 2026-08-02").replace(
        "| 0.88 |", "| 0.84 |").replace("id: REC-MON-2026-10", "id: REC-MON-2026-07")
    (repo / "records" / "monitoring-report-2026-07.md").write_text(earlier, encoding="utf-8")
    edit(repo / REVIEW, "- Monitoring and measurement:", "- Fair credit decisions: 0.84, as reported.\n- Monitoring and measurement:")
    assert found(repo, "MRV013") == []


def test_a_status_the_record_contradicts_and_a_results_table_in_the_minutes(repo):
    edit(repo / REVIEW, "## Opportunities for improvement",
         "OBJ-04 achieved.\n\n| Objective | Result |\n|---|---|\n| OBJ-02 | 0.83 |\n\n## Opportunities for improvement")
    findings = found(repo, "MRV013")
    assert sorted(f.message.split(", but")[0] for f in findings) == [
        "the review reports 0.83 for 'OBJ-02'",
        "the review reports met for 'OBJ-04'",
    ]
    (status,) = [f for f in findings if "OBJ-04" in f.message]
    assert "says missed (2.2% of 200 against ≤ 2%, 2026-11-03)" in status.message


def test_labelled_results_in_the_minutes():
    minutes = doc("""# Management review

- **Model accuracy**: 91% against a target of 95%
- Objectives: O2 not met; OBJ-03: achieved
- Date: 2026-11-12
- Version: 1.0
""")
    assert records.review_result_figures(minutes) == [
        ["Model accuracy", "91% against a target of 95%", 3], ["O2", "not met", 4], ["OBJ-03", "achieved", 4],
    ]


# -- the corpus --------------------------------------------------------------------------

CORPUS = Path(os.environ.get("AIMS_LINT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
K0 = CORPUS / "K0-Cyber__grc-iso42001-aims-project"


@pytest.mark.skipif(not K0.is_dir(), reason="corpus not found (set AIMS_LINT_CORPUS)")
def test_corpus_k0_audit_findings_and_kpis_matched_by_metric():
    report = doc((K0 / "06-performance" / "internal-audit-report.md").read_text(encoding="utf-8"))
    assert records.audit_findings(report) == {"major": 0, "minor": 2, "nc": 0, "observation": 2, "ofi": 0, "line": 47}
    objectives = doc((K0 / "03-planning" / "ai-objectives-kpis.md").read_text(encoding="utf-8"))
    minutes = doc((K0 / "06-performance" / "management-review-minutes.md").read_text(encoding="utf-8"))
    index = ObjectiveMatcher([("o.md", item) for item in records.objective_facts(objectives)])
    named = {row[0]: [item[1][1] for item in index.find(row[0])] for row in records.results(minutes)}
    assert named["AI literacy training completion"] == ["Staff AI competence"]
    assert named["EugAI factual accuracy"] == ["Accurate AI outputs"]
    assert named["Internal audit findings resolved"] == []  # the objective says "AIMS internal audit ..."
    assert records.review_audit_figures(minutes) == []


def test_a_kind_the_findings_table_does_not_hold_is_not_compared(repo):
    """An audit record whose findings table lists no nonconformity may keep them
    elsewhere (a section in prose): a count of nonconformities is not compared with it."""
    edit(repo / "records" / "internal-audit-2026-10.md", "| Minor nonconformity |", "| Observation |")
    assert found(repo, "MRV013") == []


def test_a_partly_achieved_objective_is_no_status_to_compare(repo):
    edit(repo / REVIEW, "## Opportunities for improvement", "OBJ-04: partially achieved.\n\n## Opportunities for improvement")
    assert found(repo, "MRV013") == []
