"""Finding-level classification (issue 12): a rule raises or lowers one finding where a
lead auditor would. One missing SoA row is minor, most of Annex A missing is major; one
vague objective is minor, all of them major; minutes without top management are minor
when another review had it, major when none did; one missing scale is minor, none at all
major; parts of a rule that rest on no 'shall' are advisory."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from .conftest import lint, write_repo

_CATALOGUE = YAML(typ="safe").load((Path(__file__).parents[1] / "rules/data/annex_a.yaml").read_text())
ANNEX_A = [entry["id"] for entry in _CATALOGUE]
TITLES = {entry["id"]: entry["title"] for entry in _CATALOGUE}
HEADER = """---
id: {id}
type: {type}
title: {title}
owner: AI Governance Lead
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-03-01
next_review: 2027-03-01
{extra}---
# {title}
"""


def header(doc_id, doc_type, title, extra=""):
    return HEADER.format(id=doc_id, type=doc_type, title=title, extra=extra)


def found(root, code, family=None):
    result = lint(root, select=[family or code.rstrip("0123456789")])
    return [(f.classification, f.message) for f in result.active if f.code == code]


# --- SOA002: one missing row is minor, most of Annex A missing is major ------------


def soa(controls):
    rows = "\n".join(
        f"| {control} | {TITLES[control]} | Yes | Treats risks R-01 to R-06 | Implemented | PROC-AIMS | REC-AIMS-LOG | AI Governance Lead |"
        for control in controls
    )
    return header("SOA-001", "soa", "Statement of Applicability", "risk_register: RA-001\n") + (
        "\n| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n"
        "|---|---|---|---|---|---|---|---|\n" + rows + "\n"
    )


RISKS = header("RA-001", "risk-assessment", "AI risk assessment")


def test_one_missing_soa_row_is_minor(tmp_path):
    root = write_repo(tmp_path, {"planning/soa.md": soa(ANNEX_A[:-1]), "planning/risk-assessment.md": RISKS})
    [(classification, message)] = found(root, "SOA002")
    assert classification == "minor" and message.startswith("1 of the 38")


def test_a_few_missing_soa_rows_are_still_minor(tmp_path):
    root = write_repo(tmp_path, {"planning/soa.md": soa(ANNEX_A[:20]), "planning/risk-assessment.md": RISKS})
    assert [c for c, _ in found(root, "SOA002")] == ["minor"]  # 18 of 38 missing: not most


def test_most_of_annex_a_missing_is_major(tmp_path):
    root = write_repo(tmp_path, {"planning/soa.md": soa(ANNEX_A[:14]), "planning/risk-assessment.md": RISKS})
    [(classification, message)] = found(root, "SOA002")
    assert classification == "major" and message.startswith("24 of the 38")


# --- OBJ002: one vague objective is minor, all of them major ------------------------

ROW_GOOD = "| OBJ-01 | Fair credit decisions | Approval-rate ratio between protected groups ≥ 0.8 | Head of Data Science | Monthly | Fairness dashboard | 2026-12-31 |"
ROW_VAGUE = "| OBJ-{n:02} | Deploy AI responsibly {n} | Ensure ethical AI | Head of Data Science | Monthly | Review | 2026-12-31 |"


def objectives(*rows):
    return header("OBJ-2026", "ai-objectives", "AI objectives 2026") + (
        "\n| ID | Objective | Metric / target | Owner | Review frequency | Evaluation method | Due |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def test_one_vague_objective_among_measurable_ones_is_minor(tmp_path):
    root = write_repo(tmp_path, {"planning/objectives.md": objectives(ROW_GOOD, ROW_VAGUE.format(n=2))})
    assert [c for c, _ in found(root, "OBJ002")] == ["minor"]


def test_no_measurable_objective_at_all_is_major(tmp_path):
    root = write_repo(tmp_path, {"planning/objectives.md": objectives(ROW_VAGUE.format(n=1), ROW_VAGUE.format(n=2))})
    assert [c for c, _ in found(root, "OBJ002")] == ["major", "major"]


def test_a_missing_review_frequency_alone_is_advisory(tmp_path):
    row = "| OBJ-01 | Fair credit decisions | Approval-rate ratio ≥ 0.8 | Head of Data Science | | Fairness dashboard | 2026-12-31 |"
    row2 = "| OBJ-02 | Fewer complaints | Complaints below 5 per month | | | Complaint log | 2026-12-31 |"
    root = write_repo(tmp_path, {"planning/objectives.md": objectives(row, row2)})
    assert sorted(c for c, _ in found(root, "OBJ003")) == ["advisory", "minor"]  # the second has no owner either


# --- MRV007: minor when another review had top management, major when none did ------

MINUTES = """---
id: MR-{key}
type: management-review
title: Management review, {key}
date: {date}
attendees: [{attendees}]
---
# Management review, {key}

## Status of previous actions

All 3 actions from the previous review are closed.

## Changes in external and internal issues

EU AI Act obligations for credit scoring apply from August 2026.

## Interested parties

Complaints about automated credit decisions fell from 14 to 6.

## AIMS performance

- Nonconformities: 2 open, 1 corrective action closed this quarter.
- Monitoring: fairness ratio 0.86 against a target of 0.8.
- Internal audit results: 3 minor findings (AUD-2026-01).

## Opportunities for improvement

Automate the monthly fairness report.

## Decisions

- The fairness threshold for credit scoring stays at 0.8.

## Actions

| Action | Owner | Due |
|---|---|---|
| Automate the monthly fairness report | Head of Data Science | 2026-07-31 |
"""


def minutes(key, date, attendees):
    return MINUTES.format(key=key, date=date, attendees=attendees)


def test_the_only_review_without_top_management_is_major(tmp_path):
    root = write_repo(tmp_path, {"records/mr-2026-04.md": minutes("2026-04", "2026-04-28", "AI Governance Lead, Head of Data Science")})
    assert [c for c, _ in found(root, "MRV007")] == ["major"]


def test_a_review_without_top_management_beside_one_with_it_is_minor(tmp_path):
    root = write_repo(tmp_path, {
        "records/mr-2025-10.md": minutes("2025-10", "2025-10-20", "Chief Executive Officer, AI Governance Lead"),
        "records/mr-2026-04.md": minutes("2026-04", "2026-04-28", "AI Governance Lead, Head of Data Science"),
    })
    assert [c for c, _ in found(root, "MRV007")] == ["minor"]


def test_no_review_with_top_management_makes_each_major(tmp_path):
    root = write_repo(tmp_path, {
        "records/mr-2025-10.md": minutes("2025-10", "2025-10-20", "AI Governance Lead"),
        "records/mr-2026-04.md": minutes("2026-04", "2026-04-28", "AI Governance Lead, Head of Data Science"),
    })
    assert [c for c, _ in found(root, "MRV007")] == ["major", "major"]


# --- MRV008: the only management review an empty template is major ------------------

TEMPLATE = """---
id: MR-{key}
type: management-review
title: Management review {key}
date: 2026-04-28
attendees: [Chief Executive Officer]
---
# Management review

| Input | Summary | Data |
|---|---|---|
| Previous actions | | |
| Changes in issues | | |
| Interested parties | | |
| AIMS performance | | |
| Improvement | | |
"""


def test_the_only_management_review_an_empty_template_is_major(tmp_path):
    root = write_repo(tmp_path, {"records/mr-template.md": TEMPLATE.format(key="T")})
    assert [c for c, _ in found(root, "MRV008")] == ["major"]


def test_a_stray_template_beside_a_held_review_is_minor(tmp_path):
    root = write_repo(tmp_path, {
        "records/mr-template.md": TEMPLATE.format(key="T"),
        "records/mr-2026-04.md": minutes("2026-04", "2026-04-28", "Chief Executive Officer"),
    })
    assert [c for c, _ in found(root, "MRV008")] == ["minor"]


# --- RSK001: no scale at all is major, one scale missing is minor -------------------

REGISTER = """
## Register

| ID | Risk | Category | Likelihood | Severity | Rating | Owner | Treatment |
|---|---|---|---|---|---|---|---|
| R-01 | Scoring model disadvantages young applicants | Ethical / fairness | 3 | 4 | 12 | Head of Data Science | Reduce: monthly fairness testing |
"""
LIKELIHOOD = """
## Likelihood scale

| Level | Likelihood | Meaning |
|---|---|---|
| 1 | Rare | Less than once in ten years |
| 2 | Unlikely | Once in five years |
| 3 | Possible | Once a year |
| 4 | Likely | Several times a year |
| 5 | Almost certain | Monthly or more |
"""


def test_no_scale_at_all_is_major(tmp_path):
    root = write_repo(tmp_path, {"planning/risk-assessment.md": RISKS + REGISTER})
    assert [c for c, _ in found(root, "RSK001")] == ["major"]


def test_one_missing_scale_is_minor(tmp_path):
    root = write_repo(tmp_path, {"planning/risk-assessment.md": RISKS + LIKELIHOOD + REGISTER})
    [(classification, message)] = found(root, "RSK001")
    assert classification == "minor" and "severity/impact scale " in message


# --- IMP004: reversibility alone is advisory ----------------------------------------

IMPACT = header("AIIA-CS", "impact-assessment", "Impact assessment of the credit scoring model", "ai_system: credit-scoring\n") + """
## Who could be affected and how

| Affected party | Plausible harm | {column} |
|---|---|---|
| Credit applicants | A biased score denies credit to a protected group | {value} |

## When we reassess

Reviewed annually, and whenever the model is retrained or a new population is scored.
"""


def test_missing_reversibility_alone_is_advisory(tmp_path):
    root = write_repo(tmp_path, {"impact/credit-scoring.md": IMPACT.format(column="Severity", value="High")})
    assert [c for c, _ in found(root, "IMP004")] == ["advisory"]


def test_missing_severity_is_minor(tmp_path):
    root = write_repo(tmp_path, {"impact/credit-scoring.md": IMPACT.format(column="Notes", value="See register")})
    assert [c for c, _ in found(root, "IMP004")] == ["minor"]


# --- DOC007: minor where the standard asks for a planned review, advisory elsewhere ---


def overdue(doc_id, doc_type, title):
    return header(doc_id, doc_type, title).replace("next_review: 2027-03-01", "next_review: 2026-01-01")


def test_overdue_review_rests_on_the_requirement_for_that_document(tmp_path):
    root = write_repo(tmp_path, {
        "policies/ai-policy.md": overdue("POL-AI", "ai-policy", "AI policy"),
        "planning/risk-assessment.md": overdue("RA-001", "risk-assessment", "AI risk assessment"),
        "procedures/incident.md": overdue("PRO-001", "procedure", "Incident procedure"),
    })
    result = lint(root, select=["DOC007"])
    assert sorted((f.path, f.clause, f.classification) for f in result.active) == [
        ("planning/risk-assessment.md", "8.2", "minor"),
        ("policies/ai-policy.md", "A.2.4", "minor"),
        ("procedures/incident.md", "8.1", "advisory"),
    ]


# --- DOC004: keys beyond 7.5.2 are advisory -------------------------------------------


def test_missing_owner_is_advisory_missing_title_is_minor(tmp_path):
    no_owner = header("PRO-001", "procedure", "Incident procedure").replace("owner: AI Governance Lead\n", "")
    no_title = header("PRO-002", "procedure", "Change procedure").replace("title: Change procedure\n", "")
    root = write_repo(tmp_path, {"procedures/a.md": no_owner, "procedures/b.md": no_title})
    result = lint(root, select=["DOC004"])
    assert sorted((f.path, f.classification) for f in result.active) == [("procedures/a.md", "advisory"), ("procedures/b.md", "minor")]


# --- CMP001: status and next-review columns are good practice --------------------------


def test_competence_matrix_without_status_column_is_advisory(tmp_path):
    matrix = header("CM-001", "competence-matrix", "Competence matrix") + """
| Role | Required competencies | Evaluation method | Next review |
|---|---|---|---|
| Head of Data Science | Fairness testing, model validation | Supervisor sign-off of a validation report | 2027-01-31 |
"""
    root = write_repo(tmp_path, {"people/competence.md": matrix})
    result = lint(root, select=["CMP001"])
    assert [(f.classification, f.message.split(":")[0]) for f in result.active] == [("advisory", "competence matrix has no 'status' column")]


# --- AIMS002: the lead time is an option --------------------------------------------


AUDIT = """---
id: AUD-2026-01
type: internal-audit
title: Internal audit 2026
date: 2027-01-20
scope: Whole AIMS
status: completed
---
# Internal audit 2026
"""


def test_internal_audit_lead_time_is_a_planning_setting(tmp_path):
    import datetime as dt

    root = write_repo(tmp_path, {"audits/audit.md": AUDIT, ".aims-lint.yaml": "stage2-date: 2027-03-15\n"})
    today = dt.date(2027, 2, 1)
    result = lint(root, select=["AIMS002"], today=today)
    [finding] = result.active
    assert finding.classification == "advisory" and "less than 60 days before Stage 2" in finding.message
    (root / ".aims-lint.yaml").write_text("stage2-date: 2027-03-15\nplanning:\n  internal-audit-lead-days: 45\n")
    assert lint(root, select=["AIMS002"], today=today).active == []


# --- POL010: the planned interval is the requirement, the tie to 9.3 good practice ----


def test_policy_review_not_tied_to_the_management_review_is_advisory(tmp_path):
    from .test_ai_policy import policy

    no_link = {"review": "\n## Review\n\nThis policy is reviewed annually by the AI Governance Lead.\n"}
    root = write_repo(tmp_path / "a", {"p.md": policy(replace=no_link)})
    assert [c for c, _ in found(root, "POL010")] == ["advisory"]
    nothing = {"review": "\n## Changes\n\nChanges are made by the AI Governance Lead.\n"}
    root = write_repo(tmp_path / "b", {"p.md": policy(replace=nothing)})
    assert [c for c, _ in found(root, "POL010")] == ["minor"]
