"""Reading a Statement of Applicability (aims_lint.reading.soa): the same SoA written in
several layouts is read to the same entries; tables beside the SoA that are not SoA rows
(quick references, remediation plans, coverage matrices, control-to-risk mappings) give
none; theme and objective rows are headings; another standard's Annex A is one gap
(SOA010), not a hundred wrong rows; code names in evidence cells are evidence, not
references to resolve."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from aims_lint.document import Document
from aims_lint.reading.soa import read_soa

from .conftest import lint

ANNEX = YAML(typ="safe").load((Path(__file__).resolve().parents[1] / "rules" / "data" / "annex_a.yaml").read_text())


def read(text: str):
    return read_soa(Document(Path("soa.md"), "soa.md", text))


def projection(reading) -> list[tuple]:
    """What a reader takes from each entry, whatever the layout."""
    return [
        (
            entry.control,
            entry.decision,
            entry.title,
            *((entry.values[name].text if name in entry.values else None) for name in ("justification", "status", "procedure", "evidence", "owner")),
        )
        for entry in reading.entries
    ]


EXPECTED = [
    ("A.2.2", "included", "AI policy", "Sets direction for R-01", "Implemented", "POL-AI-001", "MR-2026-04", "Chief Executive Officer"),
    ("A.3.3", "included", "Reporting of concerns", "Customers see unfair outputs (R-02)", "Planned", "PROC-GOV", "Concerns log 2026", "AI Governance Lead"),
    ("A.6.2.4", "included", "AI system verification and validation", "Treats R-01", "Implemented", "PROC-LIFECYCLE", "Fairness test 2026-10", "Head of Data Science"),
    ("A.10.4", "excluded", "Customers", "We provide no AI system to customers", "Not applicable", "-", "-", "-"),
]

ONE_TABLE = """# Statement of Applicability

| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |
|---|---|---|---|---|---|---|---|
| A.2.2 | AI policy | Yes | Sets direction for R-01 | Implemented | POL-AI-001 | MR-2026-04 | Chief Executive Officer |
| A.3.3 | Reporting of concerns | Yes | Customers see unfair outputs (R-02) | Planned | PROC-GOV | Concerns log 2026 | AI Governance Lead |
| A.6.2.4 | AI system verification and validation | Yes | Treats R-01 | Implemented | PROC-LIFECYCLE | Fairness test 2026-10 | Head of Data Science |
| A.10.4 | Customers | No | We provide no AI system to customers | Not applicable | - | - | - |
"""

# One table per theme, the id in a "Ref" column beside a "Control" column of titles,
# columns worded differently, the decision as ticks, theme and objective rows as headings.
PER_THEME = """# Statement of Applicability

## A.2 Policies related to AI

| Control | Ref | ✓/✗ | Justification (if No) | Outcome | Implemented by | Evidence | Accountable |
|---|---|---|---|---|---|---|---|
| **A.2.1 Objective: management direction for AI** | | | | | | | |
| AI policy | A.2.2 | ✓ | Sets direction for R-01 | Implemented | POL-AI-001 | MR-2026-04 | Chief Executive Officer |

## A.3 Internal organization

| Control | Ref | ✓/✗ | Justification (if No) | Outcome | Implemented by | Evidence | Accountable |
|---|---|---|---|---|---|---|---|
| Reporting of concerns | A.3.3 | ✓ | Customers see unfair outputs (R-02) | Planned | PROC-GOV | Concerns log 2026 | AI Governance Lead |

## A.6 AI system life cycle

| Control | Ref | ✓/✗ | Justification (if No) | Outcome | Implemented by | Evidence | Accountable |
|---|---|---|---|---|---|---|---|
| **AI system life cycle** | **A.6.2** | | | | | | |
| AI system verification and validation | A.6.2.4 | ✓ | Treats R-01 | Implemented | PROC-LIFECYCLE | Fairness test 2026-10 | Head of Data Science |

## A.10 Third-party and customer relationships

| Control | Ref | ✓/✗ | Justification (if No) | Outcome | Implemented by | Evidence | Accountable |
|---|---|---|---|---|---|---|---|
| Customers | A.10.4 | ✗ | We provide no AI system to customers | Not applicable | - | - | - |
"""


def _key_value(control, title, applicable, justification, status, procedure, record, owner):
    return f"""
### {control} {title}

| Field | Value |
|---|---|
| Applicable | {applicable} |
| Justification | {justification} |
| Status | {status} |
| Procedure | {procedure} |
| Record | {record} |
| Owner | {owner} |
"""


def _fields(control, title, applicable, justification, status, procedure, record, owner):
    return f"""
### {control} — {title}

- **Applicable:** {applicable}
- **Justification:** {justification}
- **Status:** {status}
- **Procedure:** {procedure}
- **Evidence:** {record}
- **Owner:** {owner}
"""


def _per_control(layout) -> str:
    answers = {"included": "Yes", "excluded": "No"}
    parts = ["# Statement of Applicability\n"]
    for control, state, title, justification, status, procedure, record, owner in EXPECTED:
        parts.append(layout(control, title, answers[state], justification, status, procedure, record, owner))
    return "".join(parts)


@pytest.mark.parametrize(
    "text",
    [ONE_TABLE, PER_THEME, _per_control(_key_value), _per_control(_fields)],
    ids=["one table", "table per theme", "key/value table per control", "labelled fields per control"],
)
def test_the_same_soa_in_every_layout_reads_to_the_same_entries(text):
    reading = read(text)
    assert projection(reading) == EXPECTED
    assert reading.other_standard is None


def test_control_id_row_in_a_key_value_table():
    text = "# SoA\n\n## Verification\n\n| Control | A.6.2.4 AI system verification and validation |\n|---|---|\n| Included | Yes |\n| Rationale | Treats R-01 |\n| Evidence | Fairness test 2026-10 |\n| Owner | Head of Data Science |\n"
    (entry,) = read(text).entries
    assert (entry.control, entry.decision, entry.title, entry.evidence.text, entry.owner.text) == (
        "A.6.2.4", "included", "AI system verification and validation", "Fairness test 2026-10", "Head of Data Science"
    )
    assert entry.line == 5


def test_implemented_by_holding_roles_is_the_owner():
    text = "| Control | Applicable | Implemented by | Evidence |\n|---|---|---|---|\n| A.2.2 | Yes | AI Governance Lead | MR-2026-04 |\n| A.3.2 | Yes | Head of Data Science | COMP-001 |\n"
    entries = read(text).entries
    assert [entry.owner.text for entry in entries] == ["AI Governance Lead", "Head of Data Science"]
    assert all(entry.procedure is None for entry in entries)


def test_an_unfilled_choice_is_no_decision():
    text = "| Control | Title | Applicable | Status |\n|---|---|---|---|\n| A.2.2 | AI policy | Yes / No | Implemented / Partial |\n"
    (entry,) = read(text).entries
    assert entry.decision == "unknown" and entry.included is None


def test_references_are_typed():
    text = "| Control | Applicable | Record |\n|---|---|---|\n| A.2.2 | Yes | [log](../records/log.md), REC-LOG-7, `nethical/core/rbac.py`, records/review.md, https://dms.example.org/4711, signed minutes |\n"
    (entry,) = read(text).entries
    kinds = [(reference.kind, reference.text) for reference in entry.evidence.references]
    assert kinds == [
        ("link", "log"),
        ("code", "nethical/core/rbac.py"),
        ("external", "https://dms.example.org/4711"),
        ("path", "records/review.md"),
        ("id", "REC-LOG-7"),
        ("words", "signed minutes"),
    ]


# ---------------------------------------------------------------------------
# Tables beside the SoA that are not SoA rows

BESIDE = """# ISO/IEC 42001 Annex A mapping

## Quick reference

| Category | Controls | Implemented | Partial | Gap |
|---|---|---|---|---|
| A.2 Policies related to AI | 3 | 2 | 1 | 0 |
| A.6 AI system life cycle | 9 | 7 | 1 | 1 |
| **Total** | **12** | **9** | **2** | **1** |

## Controls

{soa}

## Remediation plan

| Gap | Priority | Target | Action |
|---|---|---|---|
| A.2.4 Review of the AI policy | Medium | Q3 2026 | Schedule the annual review |
| A.6.2.5 AI system deployment | High | Q2 2026 | Write the release checklist |

## Coverage matrix

| Risk | Description | Controls |
|---|---|---|
| R-01 | Unfair credit decisions | A.5.4, A.6.2.4, A.7.4 |
| R-02 | Wrong answers from the assistant | A.6.2.6, A.9.2 |

## Controls against risks

| Control | Risks addressed |
|---|---|
| A.6.2.4 | R-01, R-03 |
| A.9.2 | R-02 |
"""


def test_quick_reference_plans_and_matrices_give_no_entries():
    soa_table = ONE_TABLE.split("\n", 2)[2]
    reading = read(BESIDE.format(soa=soa_table))
    assert projection(reading) == EXPECTED


def test_no_finding_from_the_rows_of_a_remediation_plan(repo):
    rows = "".join(
        f"| {c['id']} | {c['title']} | Yes | Treats R-01 | Implemented | PROC-GOV | REC-LOG | AI Governance Lead |\n" for c in ANNEX
    )
    table = "| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|\n" + rows
    files = {
        "soa.md": "---\nid: SOA-001\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n" + BESIDE.format(soa=table),
        "ra.md": "---\nid: RA-001\ntype: risk-assessment\n---\n# AI risk assessment\n",
    }
    assert [(f.code, f.line) for f in lint(repo(files), select=["SOA"]).active] == []


# ---------------------------------------------------------------------------
# Theme and objective ids used as headings


def test_objective_rows_used_as_group_headings_are_not_unknown_controls(repo):
    rows = []
    group = None
    for control in ANNEX:
        if control["group"] != group:
            group = control["group"]
            rows.append(f"| **{group}.1** | **Objective of {group}** | | | | | | |")
        rows.append(f"| {control['id']} | {control['title']} | Yes | Treats R-01 | Implemented | PROC-GOV | REC-LOG | AI Governance Lead |")
    text = (
        "---\nid: SOA-001\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n# Statement of Applicability\n\n"
        "| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows) + "\n"
    )
    files = {"soa.md": text, "ra.md": "---\nid: RA-001\ntype: risk-assessment\n---\n# AI risk assessment\n"}
    assert lint(repo(files), select=["SOA"]).active == []
    assert len(read(text).entries) == 38


def test_an_objective_id_with_a_decision_is_still_an_unknown_control(repo):
    text = "| Control | Title | Applicable | Justification |\n|---|---|---|---|\n| A.6.1 | Management guidance for AI system development | Yes | In-house development |\n"
    (entry,) = read(text).entries
    assert entry.control == "A.6.1" and entry.decision == "included"


# ---------------------------------------------------------------------------
# Another standard's Annex A

ISO27001_2022 = [
    ("A.5.1", "Policies for information security"), ("A.5.2", "Information security roles and responsibilities"),
    ("A.5.3", "Segregation of duties"), ("A.5.7", "Threat intelligence"), ("A.6.1", "Screening"),
    ("A.7.1", "Physical security perimeters"), ("A.8.2", "Privileged access rights"), ("A.8.34", "Protection of information systems during audit testing"),
]


def iso27001_soa(rows=ISO27001_2022, doc_id="SOA-ISMS"):
    table = "".join(
        f"| {control} | {title} | Yes | - | Implemented | `0010_ISMS_Policy.md` | Policy documents | {{{{ meta-organisation-roles.role_CISO }}}} |\n"
        for control, title in rows
    )
    return (
        f"---\nid: {doc_id}\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n# Statement of Applicability\n\n"
        "| Control ID | Control Name | Applicable | Justification (if No) | Implementation Status | Policy/Guideline | Evidence | Owner |\n"
        "|---|---|---|---|---|---|---|---|\n" + table
    )


RA = "---\nid: RA-001\ntype: risk-assessment\n---\n# AI risk assessment\n"


def test_an_iso_27001_2022_soa_is_one_gap(repo):
    text = iso27001_soa()
    reading = read(text)
    assert reading.other_standard.standard == "ISO/IEC 27001:2022" and reading.controls == []
    found = lint(repo({"soa.md": text, "ra.md": RA}), select=["SOA", "TRC"]).active
    # One gap, one finding: SOA010 says that no 42001 control is decided on; SOA002 does not
    # list the 38 controls again (A.5.2 of 27001 is not A.5.2 of 42001: reading.controls is empty).
    assert [(f.code, f.classification) for f in found] == [("SOA010", "major")]
    (other,) = found
    assert other.line == text.splitlines().index("| A.5.1 | Policies for information security | Yes | - | Implemented | `0010_ISMS_Policy.md` | Policy documents | {{ meta-organisation-roles.role_CISO }} |") + 1
    assert other.message.startswith(
        "the Statement of Applicability lists ISO/IEC 27001 Annex A controls, not the ISO/IEC 42001 Annex A controls (8 of its 8 entries"
    )
    assert "6.1.3 not met" in other.message


def test_an_iso_27001_soa_beside_a_42001_soa_is_minor(repo):
    rows = "".join(
        f"| {c['id']} | {c['title']} | Yes | Treats R-01 | Implemented | PROC-GOV | REC-LOG | AI Governance Lead |\n" for c in ANNEX
    )
    aims_soa = (
        "---\nid: SOA-AIMS\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n# Statement of Applicability\n\n"
        "| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|\n" + rows
    )
    files = {"isms/soa.md": iso27001_soa(), "aims/soa.md": aims_soa, "ra.md": RA}
    found = [(f.path, f.code, f.classification) for f in lint(repo(files), select=["SOA010"]).active]
    assert found == [("isms/soa.md", "SOA010", "minor")]


def test_an_iso_27001_2013_soa_is_recognised_by_its_ids():
    rows = [("A.5.1.1", ""), ("A.9.2.3", ""), ("A.12.4.1", ""), ("A.18.2.3", "")]
    text = "| Control | Applicable | Justification |\n|---|---|---|\n" + "".join(f"| {c} | Yes | Baseline |\n" for c, _ in rows)
    assert read(text).other_standard.standard == "ISO/IEC 27001:2013"


def test_a_42001_soa_with_a_few_wrong_ids_is_not_another_standard():
    text = ONE_TABLE + "| A.6.3 | AI system deployment and operation | Yes | Treats R-03 | Implemented | PROC-LIFECYCLE | Release log | Head of Data Science |\n"
    reading = read(text)
    assert reading.other_standard is None and [entry.control for entry in reading.controls][-1] == "A.6.3"


# ---------------------------------------------------------------------------
# Evidence cells: code names, template variables


def test_code_paths_in_evidence_cells_are_not_unresolved_references(repo):
    rows = "".join(
        f"| {c['id']} | {c['title']} | Yes | Treats R-01 | Implemented | [governance](proc.md) | `nethical/core/rbac.py`, `tests/test_rbac.py`, `SECURITY.md` | AI Governance Lead |\n"
        for c in ANNEX
    )
    text = (
        "---\nid: SOA-001\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n# Statement of Applicability\n\n"
        "| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|\n" + rows
    )
    proc = "---\nid: PROC-GOV\ntype: procedure\n---\n# Governance procedure\n"
    found = lint(repo({"soa.md": text, "ra.md": RA, "proc.md": proc}), select=["SOA", "TRC"]).active
    assert [(f.code, f.message) for f in found] == []


def test_a_code_path_that_names_a_procedure_is_still_followed(repo):
    rows = "| A.3.3 | Reporting of concerns | Yes | Treats R-01 | Implemented | PROC-GOV | `proc.md` | AI Governance Lead |\n"
    text = (
        "---\nid: SOA-001\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n# Statement of Applicability\n\n"
        "| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|\n" + rows
    )
    proc = "---\nid: PROC-GOV\ntype: procedure\n---\n# Governance procedure\n"
    found = lint(repo({"soa.md": text, "ra.md": RA, "proc.md": proc}), select=["TRC003"]).active
    assert [f.code for f in found] == ["TRC003"]


def test_a_template_variable_is_an_owner(repo):
    rows = "".join(
        f"| {c['id']} | {c['title']} | Yes | Treats R-01 | Implemented | PROC-GOV | REC-LOG | {{{{ roles.role_CISO }}}} |\n" for c in ANNEX
    )
    text = (
        "---\nid: SOA-001\ntype: soa\nversion: '1.0'\nrisk_register: RA-001\n---\n# Statement of Applicability\n\n"
        "| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|\n" + rows
    )
    assert [f.code for f in lint(repo({"soa.md": text, "ra.md": RA}), select=["SOA005"]).active] == []


def test_a_backtick_path_to_the_risk_register_is_a_link_to_it(repo):
    rows = "".join(f"| {c['id']} | Yes | Treats R-01 | PROC-1 | REC-1 | AI Governance Lead |\n" for c in ANNEX)
    body = "# Statement of Applicability\n\n**Version:** 1.0\n\n| Control | Applicable | Justification | Procedure | Record | Owner |\n|---|---|---|---|---|---|\n" + rows
    config = {".aims-lint.yaml": "types:\n  'soa.md': soa\n  'register.md': risk-assessment\n", "register.md": "# AI risk register\n"}
    assert [f.code for f in lint(repo({"soa.md": body, **config}), select=["SOA009"]).active] == ["SOA009"]
    linked = body.replace("**Version:** 1.0", "**Version:** 1.0\n\nControls are selected from the risks of `register.md`.")
    assert lint(repo({"soa.md": linked, **config}), select=["SOA009"]).active == []
