"""The headline gaps are found whatever the layout a document is written in.

Issue 11's bar: a vague objective, attendance-only competence evidence, an SoA row with
no record and minutes that decide nothing are found in a table, in one section or
key/value table per item, in prose, in an HTML table and in a register drawn in a code
fence, wherever the reading layer reads that layout. Each case is a document with the
gap, the finding expected, and the same document with the gap closed, which must stay
silent. The documents carry no front matter: they are typed by the configuration, as
most real repositories are.
"""

from __future__ import annotations

import pytest

from .conftest import lint

CONFIG = """types:
  'objectives.md': ai-objectives
  'competence.md': competence-matrix
  'soa.md': soa
  'review.md': management-review
"""


def found(repo, name: str, text: str, code: str) -> list[int]:
    root = repo({".aims-lint.yaml": CONFIG, name: text})
    return [finding.line for finding in lint(root, select=[code]).active if finding.code == code]


# ---------------------------------------------------------------------------
# A vague objective (OBJ002): an intention beside a measurable objective.

MEASURABLE = "Approval-rate ratio ≥ 0.8"
VAGUE = "Use AI responsibly"

OBJECTIVE_LAYOUTS = {
    "table": """# AI objectives

| ID | Objective | Metric / target | Owner | Due |
|---|---|---|---|---|
| O1 | Fair credit decisions | Approval-rate ratio ≥ 0.8 | Head of Data Science | 2026-12-31 |
| O2 | Responsible AI | {metric} | AI Governance Lead | 2026-12-31 |
""",
    "labelled-field sections": """# AI objectives

## O1 Fair credit decisions

- **Metric:** Approval-rate ratio ≥ 0.8
- **Owner:** Head of Data Science

## O2 Responsible AI

- **Metric:** {metric}
- **Owner:** AI Governance Lead
""",
    "key/value table per objective": """# AI objectives

## O1 Fair credit decisions

| Field | Value |
|---|---|
| Metric | Approval-rate ratio ≥ 0.8 |
| Owner | Head of Data Science |

## O2 Responsible AI

| Field | Value |
|---|---|
| Metric | {metric} |
| Owner | AI Governance Lead |
""",
    "prose sections": """# AI objectives

## O1 Fair credit decisions

Keep the approval-rate ratio ≥ 0.8 between groups by 2026-12-31.

## O2 Responsible AI

{metric} across the company.
""",
    "HTML table": """# AI objectives

<table>
<tr><th>ID</th><th>Objective</th><th>Metric / target</th><th>Owner</th></tr>
<tr><td>O1</td><td>Fair credit decisions</td><td>Approval-rate ratio ≥ 0.8</td><td>Head of Data Science</td></tr>
<tr><td>O2</td><td>Responsible AI</td><td>{metric}</td><td>AI Governance Lead</td></tr>
</table>
""",
}


@pytest.mark.parametrize("layout", OBJECTIVE_LAYOUTS)
def test_a_vague_objective_is_found_in_every_layout(repo, layout):
    text = OBJECTIVE_LAYOUTS[layout]
    assert len(found(repo, "objectives.md", text.format(metric=VAGUE), "OBJ002")) == 1
    assert found(repo, "objectives.md", text.format(metric="Share of models with a model card: 100%"), "OBJ002") == []


# ---------------------------------------------------------------------------
# Competence evidenced only by attendance (CMP002).

COMPETENCE_LAYOUTS = {
    "table": """# AI competence matrix

| Role | Required competencies | Evaluation method | Status | Next review |
|---|---|---|---|---|
| Data scientist | Fairness testing | Practical assessment | Competent | 2027-03-01 |
| Support agent | AI limitations | {evidence} | Competent | 2027-03-01 |
""",
    "table with other header words": """# Skills and evidence

| Position | Evidence | Skills | Result | Re-assessment date |
|---|---|---|---|---|
| Data scientist | Practical assessment | Fairness testing | Competent | 2027-03-01 |
| Support agent | {evidence} | AI limitations | Competent | 2027-03-01 |
""",
    "HTML table": """# AI competence matrix

<table>
<tr><th>Role</th><th>Required competencies</th><th>Evaluation method</th><th>Status</th><th>Next review</th></tr>
<tr><td>Data scientist</td><td>Fairness testing</td><td>Practical assessment</td><td>Competent</td><td>2027-03-01</td></tr>
<tr><td>Support agent</td><td>AI limitations</td><td>{evidence}</td><td>Competent</td><td>2027-03-01</td></tr>
</table>
""",
    "box table in a code fence": """# AI competence matrix

```
┌────────────────┬──────────────────┬──────────────────────┬───────────┬─────────────┐
│ Role           │ Required skills  │ Evaluation method    │ Status    │ Next review │
├────────────────┼──────────────────┼──────────────────────┼───────────┼─────────────┤
│ Data scientist │ Fairness testing │ Practical assessment │ Competent │ 2027-03-01  │
│ Support agent  │ AI limitations   │ {evidence:<20} │ Competent │ 2027-03-01  │
└────────────────┴──────────────────┴──────────────────────┴───────────┴─────────────┘
```
""",
}


@pytest.mark.parametrize("layout", COMPETENCE_LAYOUTS)
def test_attendance_only_evidence_is_found_in_every_layout(repo, layout):
    text = COMPETENCE_LAYOUTS[layout]
    assert len(found(repo, "competence.md", text.format(evidence="Attended webinar"), "CMP002")) == 1
    assert found(repo, "competence.md", text.format(evidence="Scenario interview"), "CMP002") == []


# ---------------------------------------------------------------------------
# An included SoA control with no record (SOA004).

SOA_LAYOUTS = {
    "one table": """# Statement of Applicability

| Control | Title | Applicable | Justification | Procedure | Record | Owner |
|---|---|---|---|---|---|---|
| A.2.2 | AI policy | Yes | Sets direction for R-01 | POL-AI-001 | MR-2026-04 | Chief Executive Officer |
| A.6.2.4 | AI system verification and validation | Yes | Treats R-01 | PROC-LIFECYCLE | {record} | Head of Data Science |
""",
    "key/value table per control": """# Statement of Applicability

### A.2.2 AI policy

| Field | Value |
|---|---|
| Applicable | Yes |
| Justification | Sets direction for R-01 |
| Procedure | POL-AI-001 |
| Record | MR-2026-04 |
| Owner | Chief Executive Officer |

### A.6.2.4 AI system verification and validation

| Field | Value |
|---|---|
| Applicable | Yes |
| Justification | Treats R-01 |
| Procedure | PROC-LIFECYCLE |
| Record | {record} |
| Owner | Head of Data Science |
""",
    "labelled fields per control": """# Statement of Applicability

### A.2.2 — AI policy

- **Applicable:** Yes
- **Justification:** Sets direction for R-01
- **Procedure:** POL-AI-001
- **Record:** MR-2026-04
- **Owner:** Chief Executive Officer

### A.6.2.4 — AI system verification and validation

- **Applicable:** Yes
- **Justification:** Treats R-01
- **Procedure:** PROC-LIFECYCLE
- **Record:** {record}
- **Owner:** Head of Data Science
""",
    "HTML table": """# Statement of Applicability

<table>
<tr><th>Control</th><th>Title</th><th>Applicable</th><th>Justification</th><th>Procedure</th><th>Record</th><th>Owner</th></tr>
<tr><td>A.2.2</td><td>AI policy</td><td>Yes</td><td>Sets direction for R-01</td><td>POL-AI-001</td><td>MR-2026-04</td><td>Chief Executive Officer</td></tr>
<tr><td>A.6.2.4</td><td>AI system verification and validation</td><td>Yes</td><td>Treats R-01</td><td>PROC-LIFECYCLE</td><td>{record}</td><td>Head of Data Science</td></tr>
</table>
""",
}


@pytest.mark.parametrize("layout", SOA_LAYOUTS)
def test_an_soa_row_without_a_record_is_found_in_every_layout(repo, layout):
    text = SOA_LAYOUTS[layout]
    assert len(found(repo, "soa.md", text.format(record="-"), "SOA004")) == 1
    assert found(repo, "soa.md", text.format(record="Fairness test 2026-10"), "SOA004") == []


# ---------------------------------------------------------------------------
# Management-review minutes that decide nothing (MRV004).

DECISIONS = {
    "sections": "## Decisions and actions\n\n- Decided to retrain the credit model by 2027-01-31 (owner: Head of Data Science).\n",
    "table": "## Outputs\n\n| Decision | Owner | Due |\n|---|---|---|\n| Retrain the credit model | Head of Data Science | 2027-01-31 |\n",
    "labelled paragraph": "**Decisions:** retrain the credit model by 2027-01-31 (owner: Head of Data Science).\n",
}

MINUTES = """# Management review minutes, 12 November 2026

Attendees: Chief Executive Officer (chair), AI Governance Lead, Head of Data Science.

## Inputs

| Input | Discussion |
|---|---|
| Status of actions from previous reviews | All 3 actions of the April review are closed. |
| Changes in external and internal issues | The EU AI Act obligations for credit scoring apply from 2026-08. |
| Performance of the AIMS | Approval-rate ratio 0.83 against a target of 0.8. |
| Internal audit results | IA-2026-10: 2 minor nonconformities, both in progress. |

"""


@pytest.mark.parametrize("layout", DECISIONS)
def test_minutes_that_decide_nothing_are_found_whatever_their_decisions_layout(repo, layout):
    assert len(found(repo, "review.md", MINUTES + "## Close\n\nThe meeting closed at 16:00.\n", "MRV004")) == 1
    assert found(repo, "review.md", MINUTES + DECISIONS[layout], "MRV004") == []
