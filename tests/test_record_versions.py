"""Issue 13, dates in order: a record dated before the document version it evidences
(CHR004), and an SoA whose only evidence of a procedure predates the revision that
changed it (CHR005). Layouts of our own: front matter, a body document-control table, a
revision-history table with other headers, records that name the version in a
sentence, in labelled fields or in table columns."""

from __future__ import annotations

from aims_lint.document import Document
from aims_lint.reading import versions

from .conftest import lint

# A procedure with its document control in the body and a "Revision history" of its own.
BODY_PROCEDURE = """# Model validation procedure

| Document control | |
|---|---|
| Document ID | PROC-VAL-002 |
| Owner | Head of Data Science |
| Version | 3.1 |
| Status | Approved |
| Effective date | 1 April 2026 |

Every model release passes the validation suite.

## Revision history

| Rev. | Effective | Description |
|---|---|---|
| 2.0 | 2025-10-01 | Validation suite extended to stability |
| 3.0 | 2026-02-01 | Fairness across regions added to the suite |
| 3.1 | 2026-04-01 | Release approval moved to the Chief Risk Officer |
"""

FRONT_PROCEDURE = """---
id: PROC-RM-001
type: procedure
title: AI risk management procedure
owner: Chief Risk Officer
version: "2.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-06-10
---
# AI risk management procedure

## Version history

| Version | Date | Author | Changes |
|---|---|---|---|
| 1.0 | 2025-09-01 | Chief Risk Officer | Initial release |
| 2.0 | 2026-06-10 | Chief Risk Officer | {changes} |
"""


def record(body: str, date: str = "2026-05-14", doc_type: str = "record") -> str:
    return f"---\nid: REC-1\ntype: {doc_type}\ntitle: A record\ndate: {date}\n---\n# A record\n\n{body}\n"


def found(root, code):
    result = lint(root, select=[code])
    assert not result.errors, result.errors
    return [finding for finding in result.active if finding.code == code]


def doc(text, relpath="r.md"):
    document = Document(None, relpath, text)  # type: ignore[arg-type]
    document.doc_type = document.meta.get("type")
    return document


# -- CHR004: the record names the version -------------------------------------------------


def test_a_record_in_fields_before_the_version_of_a_body_controlled_procedure(repo):
    root = repo({
        ".aims-lint.yaml": "types:\n  procedures/*.md: procedure\n",
        "procedures/validation.md": BODY_PROCEDURE,
        "records/validation-2026-03.md": record(
            "**Procedure reference:** PROC-VAL-002  \n**Procedure version:** 3.1\n\nSuite passed.", "2026-03-20"
        ),
    })
    (finding,) = found(root, "CHR004")
    assert (finding.path, finding.line) == ("records/validation-2026-03.md", 10)  # the version field
    assert "dated 2026-03-20, says it follows PROC-VAL-002 version 3.1, which the document dates 2026-04-01" in finding.message
    assert ("procedures/validation.md", 9) in [(item.path, item.line) for item in finding.locations]  # "Effective date"


def test_an_earlier_version_or_a_later_record_is_silent(repo):
    root = repo({
        ".aims-lint.yaml": "types:\n  procedures/*.md: procedure\n",
        "procedures/validation.md": BODY_PROCEDURE,
        "records/a.md": record("Performed per PROC-VAL-002 v3.0.", "2026-03-20"),
        "records/b.md": record("Performed per PROC-VAL-002 v3.1.", "2026-04-01"),
    })
    assert found(root, "CHR004") == []


def test_each_row_of_a_log_is_dated_by_its_own_date(repo):
    log = record(
        "| Date | Test | Procedure | Version |\n|---|---|---|---|\n"
        "| 2026-05-02 | Fairness | [PROC-RM-001](../procedures/risk.md) | 2.0 |\n"
        "| 2026-06-20 | Fairness | [PROC-RM-001](../procedures/risk.md) | 2.0 |\n",
        "2026-06-30",
    )
    root = repo({
        "procedures/risk.md": FRONT_PROCEDURE.format(changes="Fairness test before every release"),
        "records/fairness-log.md": log,
    })
    (finding,) = found(root, "CHR004")
    assert finding.line == 11 and "dated 2026-05-02" in finding.message


def test_a_link_and_a_version_in_a_sentence(repo):
    root = repo({
        "procedures/risk.md": FRONT_PROCEDURE.format(changes="Fairness test before every release"),
        "records/review.md": record("Carried out in accordance with [the risk procedure](../procedures/risk.md), version 2.0."),
    })
    (finding,) = found(root, "CHR004")
    assert "follows procedures/risk.md version 2.0, which the document dates 2026-06-10" in finding.message


def test_the_records_own_version_and_a_procedure_without_version_are_not_compared(repo):
    # The corpus layout (aicomply-dev): "Procedure Reference" without version, "Version"
    # of the record itself.
    root = repo({
        "procedures/risk.md": FRONT_PROCEDURE.format(changes="Fairness test before every release"),
        "records/rec.md": record("**Procedure Reference:** PROC-RM-001\n**Version:** 2.0\n\nDone."),
    })
    assert found(root, "CHR004") == []


def test_the_records_own_version_history_is_not_what_it_follows(repo):
    history = "## Version history\n\n| Version | Date | Changes |\n|---|---|---|\n| 1.1 | 2026-05-02 | Updated following PROC-RM-001 v2.0 |\n"
    root = repo({
        "procedures/risk.md": FRONT_PROCEDURE.format(changes="Fairness test before every release"),
        "records/rec.md": record(history, "2026-07-01"),
    })
    assert found(root, "CHR004") == []


def test_minutes_that_announce_a_version_are_not_read(repo):
    root = repo({
        "procedures/risk.md": FRONT_PROCEDURE.format(changes="Fairness test before every release"),
        "records/minutes.md": record("Reviews will be held under PROC-RM-001 v2.0 once approved.", doc_type="management-review"),
    })
    assert found(root, "CHR004") == []


def test_a_version_dated_by_month_is_read_from_its_first_day():
    procedure = doc(FRONT_PROCEDURE.replace("| 2.0 | 2026-06-10 |", "| 2.0 | June 2026 |").format(changes="x"))
    facts = versions.document_versions(procedure)
    assert facts["current"] == "2.0"
    assert versions.version_dates(facts, "v2") == [("2026-06-01", 18), ("2026-06-10", 9)]


def test_version_numbers_compare_as_numbers():
    assert versions.version_key("v2") == versions.version_key("2.0") == versions.version_key("Version 2.0.0") == (2,)
    assert versions.version_key("rev. 3.1") == (3, 1) and versions.version_key("draft") is None


def test_what_a_record_follows_in_each_layout():
    facts = versions.followed_versions(doc(record(
        "Performed per PROC-RM-001 v2.0.\n\nUnder PROC-DRIFT-001 (rev. 4) too.\n\n"
        "| Date | Check | Procedure | Procedure version |\n|---|---|---|---|\n| 2026-02-01 | Fairness | PROC-FAIR-001 | 1.2 |\n"
    )))
    assert facts["date"] == "2026-05-14"
    assert sorted((ref, kind, version, date) for ref, kind, version, date, _, _ in facts["follows"]) == [
        ("PROC-DRIFT-001", "id", "4", None),
        ("PROC-FAIR-001", "id", "1.2", "2026-02-01"),
        ("PROC-RM-001", "id", "2.0", None),
    ]


# -- CHR005: the SoA pairs a procedure with records -------------------------------------

SOA = """---
id: SOA-001
type: soa
title: Statement of Applicability
version: "1.0"
risk_register: RA-001
---
# Statement of Applicability

| Control | Title | Applicable | Justification | Procedure | Record | Owner |
|---|---|---|---|---|---|---|
| A.6.2.4 | AI system verification and validation | Yes | Treats R-01 | [PROC-RM-001](../procedures/risk.md) | {records} | Head of Data Science |
| A.6.2.5 | AI system deployment | Yes | Treats R-05 | PROC-RM-001 | REC-OLD | Chief Risk Officer |
"""


def soa_repo(repo, changes: str, records: str, new_date: str | None = "2026-10-06"):
    files = {
        "procedures/risk.md": FRONT_PROCEDURE.format(changes=changes),
        "records/old.md": record("Fairness test passed.", "2026-04-18").replace("id: REC-1", "id: REC-OLD"),
        "planning/soa.md": SOA.format(records=records),
    }
    new = record("Fairness test passed.", new_date).replace("id: REC-1", "id: REC-NEW")
    files["records/new.md"] = new if new_date else new.replace(f"date: {new_date}\n", "")
    return repo(files)


def test_the_only_evidence_predates_the_revision(repo):
    root = soa_repo(repo, "Fairness test before every release", "[REC-OLD](../records/old.md)")
    (finding,) = found(root, "CHR005")
    assert (finding.path, finding.line, finding.classification) == ("planning/soa.md", 12, "advisory")
    assert "offers 'records/old.md' (2026-04-18) as evidence of 'procedures/risk.md', dated before its version 2.0 of 2026-06-10" in finding.message
    others = [(item.path, item.line) for item in finding.locations if item.path != "planning/soa.md"]
    assert others == [("procedures/risk.md", 18), ("records/old.md", 5)]


def test_a_record_of_the_current_version_beside_it_is_enough(repo):
    root = soa_repo(repo, "Fairness test before every release", "[REC-OLD](../records/old.md), REC-NEW")
    assert found(root, "CHR005") == []


def test_an_editorial_revision_or_an_undated_record_is_silent(repo):
    root = soa_repo(repo, "Typos fixed, links updated", "[REC-OLD](../records/old.md)")
    assert found(root, "CHR005") == []
    root = soa_repo(repo, "Fairness test before every release", "[REC-OLD](../records/old.md), REC-NEW", new_date=None)
    assert found(root, "CHR005") == []


# -- the corpus ---------------------------------------------------------------------------

AICOMPLY = "aicomply-dev__aicomply/src/lib/data/guides"


def test_the_corpus_record_naming_its_procedure_without_a_version_is_silent(repo):
    import pytest

    from .test_corpus import CORPUS

    if not (CORPUS / AICOMPLY).is_dir():
        pytest.skip("corpus not found (set AIMS_LINT_CORPUS)")
    root = repo({
        ".aims-lint.yaml": "types:\n  records/*.md: record\n  procedures/*.md: procedure\n",
        "records/REC-AI-RM-001.md": (CORPUS / AICOMPLY / "records/REC-AI-RM-001_FINAL.md").read_text(encoding="utf-8"),
        "procedures/PROC-AI-RM-001.md": (CORPUS / AICOMPLY / "procedures/PROC-AI-RM-001_Example_Risk_Management_Procedure.md").read_text(encoding="utf-8"),
    })
    record_doc = doc((root / "records/REC-AI-RM-001.md").read_text(encoding="utf-8"))
    assert versions.followed_versions(record_doc)["follows"] == []  # "Procedure Reference" names no version
    assert found(root, "CHR004") == []
