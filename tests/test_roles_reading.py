"""Reading roles and owners (aims_lint.reading.roles): which roles a document defines,
and which values are owners, in the layouts organisations use. Corpus excerpts are
quoted with their repository; the other layouts are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_lint.document import Document
from aims_lint.reading.roles import looks_like_name, owners, roles


def read(text: str) -> Document:
    return Document(Path("doc.md"), "doc.md", text)


def role_names(text: str) -> set[str]:
    return {role.name for role in roles(read(text))}


def owner_values(text: str) -> list[str]:
    return [owner.value for owner in owners(read(text))]


# ---------------------------------------------------------------------------
# Roles a document defines

# aicomply-dev/aicomply, PROC-AI-CAPA-001: a roles table and a RACI matrix.
CAPA = """# CAPA procedure

## 2. ROLES AND RESPONSIBILITIES

### 2.1 Key Roles

| Role | Responsibility | Authority |
|------|----------------|-----------|
| **CAPA Initiator** | Identify and report issues; initiate CAPA | Submit CAPA requests |
| **Quality Manager** | Oversee CAPA process; ensure effectiveness | Approve CAPAs; reject inadequate actions |
| **Root Cause Investigator** | Conduct root cause analysis | Determine root cause |

### 2.2 RACI Matrix

| Activity | Initiator | CAPA Owner | Quality Mgr |
|---|---|---|---|
| Initiate CAPA | R | A | I |
| Close CAPA | I | R | A |

**Legend:** A=Accountable, R=Responsible, C=Consulted, I=Informed
"""


def test_roles_table_and_raci_columns_define_roles_and_are_no_owners():
    names = role_names(CAPA)
    assert {"CAPA Initiator", "Quality Manager", "Root Cause Investigator", "Initiator", "CAPA Owner", "Quality Mgr"} <= names
    assert "Legend" not in names
    # The duties column and the RACI letters are not owners.
    assert owner_values(CAPA) == []


# SPRIME01/IAGPM-GenAI-Handbook: a RACI whose columns are the four letters spelt out.
RACI_CELLS = """# Scope

## 6. Roles & Responsibilities (RACI)
| Process Area | Responsible | Accountable | Consulted | Informed |
|--------------|-------------|--------------|------------|-----------|
| Context analysis | Governance Lead | Exec Sponsor | Risk Mgr | All staff |
| Risk assessment | Risk Mgr | Governance Lead | Data Science | Legal |
"""


def test_raci_with_roles_in_its_cells():
    assert {"Governance Lead", "Exec Sponsor", "Risk Mgr", "Legal"} <= role_names(RACI_CELLS)
    assert owner_values(RACI_CELLS) == []  # the RACI assigns roles to activities, it names no item's owner


# Singhhs/OpenGRC-Toolkit management-review procedure: one subsection per role.
SUBSECTIONS = """# Management Review Procedure

## 4. Roles and Responsibilities

### 4.1 Top Management
- Attend and participate in reviews
- Make decisions on ISMS changes

### 4.2 ISMS Manager / CISO
- Schedule and organize reviews
- Prepare review inputs
"""


def test_subsection_titles_of_a_roles_section_are_roles_and_their_duties_are_not():
    assert role_names(SUBSECTIONS) == {"Top Management", "ISMS Manager", "CISO"}


# jposluns/grc_library, a council charter: "Role | Seat" holds the roles in its second column.
CHARTER = """# AI Governance Council Charter

## Composition

| Role | Seat |
| --- | --- |
| **Chair** | Chief Information Security Officer |
| **Member** | Chief Risk Officer |
"""


def test_a_councils_seats_are_roles_and_seat_labels_are_not():
    assert role_names(CHARTER) == {"Chief Information Security Officer", "Chief Risk Officer"}


LIST_LAYOUTS = """# AI policy

## 4. Roles and responsibilities

- **AI Governance Lead:** keeps the AI risk register and reports to the board.
- Chief Data Officer — accountable for training data quality.
- All staff complete the annual AI awareness module.

## 2. Audit function

The **Chief Audit Executive (CAE)** holds primary accountability for the internal audit function.

## Organisation chart

- Chief Executive Officer
  - Head of Data Science
"""


def test_list_lead_ins_bold_names_in_an_assignment_and_an_organisation_chart():
    names = role_names(LIST_LAYOUTS)
    assert {"AI Governance Lead", "Chief Data Officer", "Chief Audit Executive (CAE)", "Chief Executive Officer"} <= names
    assert not any(name.startswith("All staff complete") for name in names)


def test_a_document_without_roles_defines_none():
    assert role_names("# Risk register\n\n| ID | Risk | Owner |\n|---|---|---|\n| R1 | Drift | CRO |\n") == set()


# ---------------------------------------------------------------------------
# Owners


def test_owner_fields_columns_and_front_matter():
    text = (
        "---\nowner: AI Governance Lead\n---\n# Register\n\n**Owner:** Chief Risk Officer\n\n"
        "| ID | Risk | Risk owner | Treatment |\n|---|---|---|---|\n| R1 | Drift | Head of Data Science | Monitor |\n"
        "\n| Action | Responsible | Due |\n|---|---|---|\n| Retrain | ML Lead | 2027-01-31 |\n"
    )
    assert owner_values(text) == ["AI Governance Lead", "Chief Risk Officer", "Head of Data Science", "ML Lead"]


# jposluns/grc_library, a register's schema: its rows describe the fields.
SCHEMA = """# Risk register template

| Field | Description | Example |
|---|---|---|
| **Risk ID** | Unique identifier | `RSK-2026-001` |
| **Risk Owner** | Role accountable for risk management | Chief Information Security Officer |

| Field | Description |
|---|---|
| **Risk Owner** | Role title of responsible party |
"""


def test_a_schema_table_names_no_owner():
    assert owner_values(SCHEMA) == []


# surreal70/Handbook-Generator, risk method: "typical owners" are examples, not assignments.
TYPICAL = """# Risk management

### 5.1 Risk Owner

**Typical Risk Owners:**
- **CISO:** Cross-cutting security risks
- **Asset Owner:** Asset-specific risks
"""


def test_typical_owners_are_examples_not_owners():
    assert owner_values(TYPICAL) == []


@pytest.mark.parametrize(
    "value",
    ["Quality Manager", "CRO", "Risk owners; Risk Manager", "J. Silva (AI Governance Lead)", "John Smith, Data Science Lead",
     "Auditor, ISMS Manager, or Reporter"],
)
def test_names(value):
    assert looks_like_name(value)


@pytest.mark.parametrize(
    "value",
    ["Identify and report issues; initiate CAPA", "Own the CAPA; ensure completion", "Conduct root cause analysis",
     "Role title of responsible party", "Individual or role responsible for implementation", "Asset-specific risks",
     "C", "R/A", "", "Tier 2 recommendation"],
)
def test_duties_descriptions_and_raci_letters_are_not_names(value):
    assert not looks_like_name(value)


def test_an_html_roles_table_defines_roles():
    """Word-processor exports keep tables as HTML ``<table>`` markup."""
    doc = read("""# Risk policy

## Roles and responsibilities

<table>
<tr><th>Role</th><th>Responsibility</th></tr>
<tr><td>Risk Manager</td><td>Runs the risk process</td></tr>
<tr><td>CFO</td><td>Approves the risk appetite</td></tr>
</table>
""")
    assert [role.name for role in roles(doc)] == ["Risk Manager", "CFO"]


@pytest.mark.parametrize("title", ["Rôles et responsabilités", "Decision rights (who approves what)"])
def test_french_and_decision_rights_headings_are_roles_sections(title):
    doc = read(f"""# Charter

## {title}

- **AI Officer** : chairs the AI committee
- **Data Protection Officer:** is consulted on personal data
""")
    assert {role.name for role in roles(doc)} == {"AI Officer", "Data Protection Officer"}
