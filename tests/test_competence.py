"""Competence and awareness rules (7.2, 7.3): each on a matrix that must trigger it at
the expected line, on one that must not, and on the real corpus."""

import datetime as dt

import pytest

from .conftest import codes, lint
from .test_corpus import CORPUS, corpus_repo

GOOD = """---
id: COMP-001
type: competence-matrix
title: AI competence matrix
owner: AI Governance Lead
version: "2.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-02-10
next_review: 2027-02-10
---
# AI competence matrix

| Role | Required competencies | Evaluation method | Status | Next review |
|---|---|---|---|---|
| Head of Data Science | Fairness testing | Practical assessment | Competent | 2027-02-01 |
| Support agents | Hand-over to a human | Observed practice | Competent | 2027-01-15 |

## Awareness

Every employee takes the AI policy awareness quiz each year (pass mark 80%).
"""


def cmp(result):
    return [(path, code, line) for path, code, line in codes(result) if code.startswith("CMP")]


def test_complete_matrix_has_no_finding(repo):
    assert cmp(lint(repo({"m.md": GOOD}))) == []


def test_each_missing_column_is_its_own_finding(repo):
    text = GOOD.replace("| Evaluation method | Status | Next review |\n|---|---|---|---|---|", "|\n|---|---|")
    text = text.replace(" | Practical assessment | Competent | 2027-02-01 |", " |").replace(" | Observed practice | Competent | 2027-01-15 |", " |")
    result = lint(repo({"m.md": text}), select=["CMP"])
    assert cmp(result) == [("m.md", "CMP001", 14)] * 3
    assert ["evaluation method" in f.message for f in result.active] == [True, False, False]


def test_no_matrix_table_at_all(repo):
    text = GOOD.split("| Role")[0] + "Staff attend training.\n\n## Awareness\n\nAwareness quiz for the AI policy.\n"
    assert ("m.md", "CMP001", 12) in cmp(lint(repo({"m.md": text})))


def test_attendance_for_several_roles_is_one_finding_with_each_row(repo):
    text = GOOD.replace("| Observed practice |", "| Attended webinar (sign-in sheet) |")
    text = text.replace("| Practical assessment |", "| Completion certificate |")
    result = lint(repo({"m.md": text}), select=["CMP"])
    (finding,) = result.active
    assert (finding.code, finding.line) == ("CMP002", 16)
    assert finding.message.startswith("competence of 'Head of Data Science', 'Support agents' evidenced only by attendance")
    assert [(item.line, item.message) for item in finding.locations] == [(17, "'Support agents': 'Attended'")]


def test_attendance_only_row(repo):
    text = GOOD.replace("| Observed practice |", "| Attended webinar (sign-in sheet) |")
    result = lint(repo({"m.md": text}), select=["CMP"])
    assert cmp(result) == [("m.md", "CMP002", 17)]
    assert "'Support agents'" in result.active[0].message


def test_attendance_with_an_assessment_is_fine(repo):
    text = GOOD.replace("| Observed practice |", "| Attended course and passed the exam |")
    assert cmp(lint(repo({"m.md": text}))) == []


def test_row_review_overdue(repo):
    result = lint(repo({"m.md": GOOD.replace("2027-01-15", "2026-05-01")}), select=["CMP"])
    assert cmp(result) == [("m.md", "CMP003", 17)]
    assert "31 days ago" in result.active[0].message


def test_awareness_missing_or_unchecked(repo):
    no_awareness = GOOD.split("## Awareness")[0]
    assert cmp(lint(repo({"m.md": no_awareness}))) == [("m.md", "CMP004", 12)]
    distributed = no_awareness + "## Awareness\n\nThe AI policy was emailed to all staff.\n"
    assert cmp(lint(repo({"m.md": distributed}))) == [("m.md", "CMP004", 19)]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_corpus_competence_documents(tmp_path):
    root = tmp_path / "c"
    names = {
        "k0.md": "K0-Cyber__grc-iso42001-aims-project/04-support/ai-competence-framework.md",
        "ankit.md": "Ankit-Uniyal__iso-42001-ai-governance-toolkit/06-CLAUSE7-SUPPORT/COMPETENCE-REQUIREMENTS-MATRIX.md",
        "hailbytes.md": "HailBytes__security-policy-templates/templates/training/policy_acknowledgment_form.md",
    }
    corpus_repo(root, names, "competence-matrix")
    result = lint(root, select=["CMP"], today=dt.date(2026, 11, 27))
    assert not result.errors
    k0 = [(code, line) for path, code, line in codes(result) if path == "k0.md"]
    # "Training completion record" / "Attendance record" rows: attendance-only (7.2).
    # One gap, however many roles: one finding with the other rows as its locations.
    (attendance,) = [f for f in result.active if f.path == "k0.md" and f.code == "CMP002"]
    assert [attendance.line] + [item.line for item in attendance.locations] == [35, 36, 37, 38, 39, 41]
    assert "and 3 more roles evidenced only by attendance" in attendance.message
    assert ("CMP004", 43) in k0
    ankit = {code for path, code, _ in codes(result) if path == "ankit.md"}
    assert ankit == {"CMP001", "CMP004"}  # no evaluation method / next review; awareness unchecked


# Competence records written as labelled fields in a code fence (a box panel or plain lines)

HEAD = GOOD.split("| Role")[0]
BOX_RECORD = """```
INDIVIDUAL TRAINING RECORDS
┌──────────────────────────────────────────────────────────────┐
│ Employee: J. Silva (ID: EMP-2847) | Role: Data Analyst        │
│ Department: Analytics | Manager: R. Costa                     │
│                                                              │
│ Competency Assessment:                                       │
│ • Fairness testing: Proficient (Last assessed: 2026-09-15)   │
│ • Score: 88% on the practical assessment                     │
│                                                              │
│ Status: Competent                                            │
│ Next review: 2027-09-15                                      │
└──────────────────────────────────────────────────────────────┘
```
"""
PLAIN_RECORD = """```text
Role: Head of Data Science
Required competencies: fairness testing, model validation
Evaluation method: practical assessment by an external reviewer
Status: Competent
Next review: 2027-02-01
```
"""
AWARENESS = "\n## Awareness\n\nEvery employee takes the AI policy awareness quiz each year (pass mark 80%).\n"


@pytest.mark.parametrize("record", [BOX_RECORD, PLAIN_RECORD], ids=["box-panel", "plain-fence"])
def test_records_in_labelled_fields_are_a_competence_matrix(repo, record):
    assert cmp(lint(repo({"m.md": HEAD + record + AWARENESS}), select=["CMP"])) == []


def test_a_record_in_labelled_fields_is_judged_like_a_row(tmp_path):
    from .conftest import write_repo

    overdue = PLAIN_RECORD.replace("2027-02-01", "2026-05-01")
    result = lint(write_repo(tmp_path / "overdue", {"m.md": HEAD + overdue + AWARENESS}), select=["CMP"])
    assert [code for _, code, _ in cmp(result)] == ["CMP003"]
    assert "'Head of Data Science'" in result.active[0].message
    # without an evaluation method the record lacks it, as a matrix lacks the column
    bare = PLAIN_RECORD.replace("Evaluation method: practical assessment by an external reviewer\n", "")
    result = lint(write_repo(tmp_path / "bare", {"m.md": HEAD + bare + AWARENESS}), select=["CMP001"])
    assert ["evaluation method" in finding.message for finding in result.active] == [True]


def test_a_fence_of_other_labelled_lines_is_no_record(repo):
    text = HEAD + "```\nDepartment: Analytics\nCourse: AI Fundamentals\nDuration: 2 hours\nProvider: LMS\n```\n" + AWARENESS
    result = lint(repo({"m.md": text}), select=["CMP001"])
    assert ["no competence matrix" in finding.message for finding in result.active] == [True]
