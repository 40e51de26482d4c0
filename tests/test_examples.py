"""The bundled example AIMS: the one with gaps fails, the audit-ready one passes."""

import datetime as dt
from pathlib import Path

from aims_lint import runner
from aims_lint.config import load_config

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = dt.date(2026, 11, 27)


def lint_example(name):
    config = load_config(EXAMPLES / name)
    return runner.run(config, [], TODAY)


def test_example_with_gaps_fails_with_findings_a_consultant_expects():
    result = lint_example("aims")
    assert not result.errors
    found = {(f.path, f.code) for f in result.active}
    assert ("policies/ai-policy.md", "DOC009") in found  # owner "The AI team"
    assert ("policies/ai-policy.md", "DOC006") in found  # approved, no approval date
    assert ("planning/risk-assessment.md", "DOC011") in found  # procedure not written
    # Internal audit (9.2): one instance of each gap, in the two audit records.
    assert ("records/internal-audit-2026-03.md", "IAU001") in found  # no auditor named
    assert ("records/internal-audit-2026-10.md", "IAU002") in found  # clause 8 never audited (on the latest record)
    assert ("records/internal-audit-2026-09.md", "IAU003") in found  # the AI Governance Lead audits own documents
    assert ("records/internal-audit-2026-09.md", "IAU004") in found  # "A.9.2 Cryptography"
    assert sum(f.code.startswith("IAU") for f in result.active) == 4
    assert result.fails("minor")


def test_example_with_gaps_shows_the_soa_and_risk_cross_examination():
    """Issue 13: one planted instance of each gap of the SoA against Annex A and the
    risk treatment, and of the risk ratings against their own method."""
    result = lint_example("aims")
    found = {(f.path, f.code): f for f in result.active}
    assert "A.10.2 'Supplier contracts' names A.10.3 'Suppliers'" in found[("planning/soa.md", "SOA011")].message
    assert "(A.8.5) has no justification for inclusion" in found[("planning/soa.md", "SOA012")].message
    excluded = found[("planning/risk-assessment.md", "TRC004")]
    assert [(item.path, item.line) for item in excluded.locations] == [("planning/soa.md", 28)]  # the SoA row
    ratings = [f.message for f in result.active if f.code == "RSK006"]
    assert any("rating written as '3×3=6' but 3 × 3 = 9" in message for message in ratings)
    assert "residual likelihood 3 is higher than the inherent 2" in found[("planning/risk-assessment.md", "RSK008")].message
    assert "'High' × severity 'High' is rated 12 for risk 'R-08' but 15" in found[("planning/risk-assessment.md", "RSK009")].message
    assert found[("planning/risk-assessment.md", "RSK010")].message.startswith("the text counts 2 High risks but the register rates 3")


def test_example_with_gaps_shows_each_cross_examination_gap():
    """Issue 13: the records read against each other and the calendar, one gap each."""
    result = lint_example("aims")
    found = {(f.path, f.code) for f in result.active}
    review = "records/management-review-2026-07.md"
    assert {
        (review, "MRV009"),  # held 2026-07-02, before the internal audit of 2026-10-20
        (review, "MRV010"),  # cites AUD-2026-07, which no audit record holds
        (review, "MRV011"),  # 1 open nonconformity; the log holds 2 on that date
        (review, "MRV013"),  # fair credit decisions 0.79; the Q2 monitoring record says 0.74
        (review, "MRV012"),  # quarterly reviews planned, none since July
        (review, "CHR003"),  # relies on the audit report dated after it
        ("planning/objectives.md", "OBJ005"),  # human review objective due 2026-09-30, no result
        ("records/monitoring-2026-q2.md", "OBJ006"),  # fairness 0.74 against >= 0.8, no action
        ("records/monitoring-2026-q2.md", "OBJ007"),  # AUC measured against >= 0.75, objective says >= 0.78
        ("impact/document-triage.md", "CHR001"),  # approved three weeks after the change went live
        ("planning/risk-assessment.md", "CHR002"),  # residual risk accepted before the approval
        ("records/fairness-test-2026-05.md", "CHR004"),  # "per PROC-FAIR-001 v2.0", a month before v2.0
        ("planning/soa.md", "CHR005"),  # A.6.2.4's only record predates PROC-FAIR-001 v2.0 (advisory)
    } <= found
    (mrv009,) = [f for f in result.active if f.code == "MRV009"]
    assert mrv009.classification == "major"
    assert any(location.path == "records/internal-audit-2026-10.md" for location in mrv009.locations)


def test_audit_ready_example_has_no_major_or_minor_finding():
    result = lint_example("aims-complete")
    assert not result.errors
    assert [(f.path, f.line, f.code, f.message) for f in result.active if f.classification != "advisory"] == []
    assert result.documents_checked >= 8
