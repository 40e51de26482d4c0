"""Competence entries read from the competence matrix only, whatever its layout: RACI
tables, governance-responsibility tables, training catalogues and blank record forms
give no entries, and a duty ("track training records") is not evidence (CMP002)."""

from pathlib import Path

from aims_lint.document import Document
from aims_lint.reading.competence import columns, entries, table_role

from .conftest import lint

FRONT = """---
id: CMP-1
type: competence-matrix
title: AI competence matrix
owner: Head of People
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-01-15
next_review: 2026-12-15
---
"""

MATRIX = """# AI competence matrix

| Role | Required competencies | Evaluation method | Status | Next review |
|---|---|---|---|---|
| Data scientist | Fairness testing | Practical assessment | Competent | 2027-03-01 |
| AI product owner | AI risk assessment | Scenario interview | Competent | 2027-04-01 |
"""

# The same entries with other header words and column order.
MATRIX_OTHER_WORDS = """# Skills and evidence

| Position | Evidence | Skills | Result | Re-assessment date |
|---|---|---|---|---|
| Data scientist | Practical assessment | Fairness testing | Competent | 2027-03-01 |
| AI product owner | Scenario interview | AI risk assessment | Competent | 2027-04-01 |
"""

RACI = """# Training

| Activity | CISO | HR | Manager | Employee |
|---|---|---|---|---|
| Create training plan | R/A | C | C | I |
| Document records | A | R | C | I |
"""

RESPONSIBILITIES = """# Training

| Role | Responsibility |
|---|---|
| HR | Track training records; ensure compliance |
| Internal Audit | Verifies training completion rates annually |
"""

CATALOGUE = """# Training catalogue

| Training Module | Frequency | Completion Deadline |
|---|---|---|
| Security awareness fundamentals | Annual | Within 30 days of hire |
"""

BLANK_FORM = """# Training record

| Competency | Assessed Date | Result | Assessor |
|------------|---------------|--------|----------|
| | | [ ] Competent [ ] Needs Development | |
"""


def read(text):
    return Document(Path("c.md"), "c.md", text)


def summary(text):
    return [(e.who, e.competence, e.method, e.status, e.next_review) for e in entries(read(text))]


def test_the_same_matrix_with_other_header_words_reads_to_the_same_entries():
    assert summary(MATRIX) == [
        ("Data scientist", "Fairness testing", "Practical assessment", "Competent", "2027-03-01"),
        ("AI product owner", "AI risk assessment", "Scenario interview", "Competent", "2027-04-01"),
    ]
    assert summary(MATRIX_OTHER_WORDS) == summary(MATRIX)


def test_a_grid_of_roles_against_competence_areas_is_a_matrix():
    text = "| Role | Awareness | Literacy | Oversight |\n|---|---|---|---|\n| AI users | Required | Required | - |\n"
    assert summary(text) == [("AI users", "Awareness, Literacy", "", "", "")]
    assert "competencies" in columns(read(text))


def test_raci_responsibility_catalogue_and_blank_forms_give_no_entries():
    for text, role in ((RACI, "raci"), (RESPONSIBILITIES, "responsibilities"), (CATALOGUE, "catalogue"), (BLANK_FORM, "form")):
        doc = read(text)
        assert [table_role(table) for table in doc.tables] == [role]
        assert entries(doc) == []


def test_a_duty_in_a_responsibility_table_is_not_attendance_only_evidence(repo):
    result = lint(repo({"c.md": FRONT + MATRIX + "\n" + RESPONSIBILITIES}), select=["CMP002"])
    assert [f.code for f in result.active] == []


def test_attendance_only_evidence_is_found_in_the_matrix_whatever_its_header_words(repo):
    text = MATRIX_OTHER_WORDS.replace("Practical assessment", "Webinar attendance")
    result = lint(repo({"c.md": FRONT + text}), select=["CMP002"])
    assert [(f.code, f.line) for f in result.active] == [("CMP002", 16)]


def test_a_raci_table_is_not_read_as_a_matrix_missing_columns(repo):
    result = lint(repo({"c.md": FRONT + RACI}), select=["CMP001"])
    assert [f.message.split(":")[0] for f in result.active] == ["no competence matrix"]


def test_columns_of_a_blank_record_form_count_for_the_matrix(repo):
    grid = "# Matrix\n\n| Role | Required competencies | Evaluation method |\n|---|---|---|\n| AI users | AI literacy | Quiz |\n\n"
    form = "| Training Course | Completion Date | Score | Next Refresh |\n|---|---|---|---|\n| | | | |\n\n"
    result = lint(repo({"c.md": FRONT + grid + form + BLANK_FORM.split("\n", 1)[1]}), select=["CMP001"])
    assert [f.message.split(":")[0] for f in result.active] == []


def test_awareness_assessed_in_a_table_row_is_a_check(repo):
    text = FRONT + MATRIX + "\n## Assessment\n\n| Training level | Minimum score |\n|---|---|\n| Awareness | 70% |\n"
    assert [f.code for f in lint(repo({"c.md": text}), select=["CMP004"]).active] == []
    unchecked = text.replace("| Training level | Minimum score |", "| Training level | Delivery |").replace("70%", "E-learning")
    assert [f.code for f in lint(repo({"c.md": unchecked}), select=["CMP004"]).active] == ["CMP004"]


def test_an_awareness_check_drawn_in_a_code_fence_counts(repo):
    fence = "\n## Records\n\n```\nAI AWARENESS TRAINING\n| Policy awareness quiz | Score: 92% |\n```\n"
    assert [f.code for f in lint(repo({"c.md": FRONT + MATRIX + fence}), select=["CMP004"]).active] == []


def test_a_grid_with_roles_as_columns_gives_one_entry_per_role():
    """Competence areas as rows and roles as columns, levels in the cells: who must be
    competent in what is read per column; a bold group row with empty cells is no area."""
    doc = read("""# Competence matrix

| Competence area | Risk Manager | DPO | All Staff |
|---|---|---|---|
| **Governance** | | | |
| AI risk assessment | Expert | Awareness | |
| Data protection impact | Intermediate | Expert | Awareness |
""")
    assert [(entry.who, entry.competence) for entry in entries(doc)] == [
        ("Risk Manager", "AI risk assessment, Data protection impact"),
        ("DPO", "AI risk assessment, Data protection impact"),
        ("All Staff", "Data protection impact"),
    ]
    assert {"role", "competencies"} <= columns(doc)
    assert all(not entry.method for entry in entries(doc))  # the gap a rule reports: no evaluation
