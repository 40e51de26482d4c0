"""Internal-audit rules (9.2): each on a record or programme that must trigger it, one
that must not, layouts of our own, and the corpus excerpts that showed a misreading."""

from aims_lint import annex_a
from aims_lint.reading import review_record

from .conftest import lint

HEAD = """---
id: {id}
type: internal-audit
title: {title}
owner: Head of Internal Audit
status: approved
{extra}---
# {title}

"""

RECORD = HEAD.format(
    id="IA-1", title="Internal audit report, October 2026",
    extra="date: 2026-10-14\nscope: Clauses 4 to 10 and all applicable Annex A controls\nauditor: Head of Internal Audit\n",
) + """Criteria: ISO/IEC 42001 and the AIMS documents of this repository.

## Findings

| ID | Control | Finding | Classification |
|---|---|---|---|
| F1 | A.6.2.8 Logging | Confidence scores missing from some log entries | Observation |
"""

POLICY = "---\nid: POL-AI\ntype: ai-policy\ntitle: AI policy\nowner: AI Governance Lead\nstatus: approved\n---\n# AI policy\n\nOur commitments.\n"


def found(root, code):
    return [(f.path, f.line, f.classification, f.message) for f in lint(root, select=[code]).active]


# --- the shared helper: an id and the title beside it against the catalogue ----------

def test_annex_a_helper_names_the_catalogue_title_only_when_the_title_means_another_control():
    assert annex_a.disagrees("A.9.2", "Cryptography") == "Processes for responsible use of AI systems"
    assert annex_a.disagrees("A.8.2", "Data governance") == "System documentation and information for users"
    for control, title in [("A.6.2.8", "Logging"), ("A.10.3", "Supplier"), ("A.3.3", "Whistleblowing"),
                           ("A.5.2", "AI impact assessment"), ("A.99.1", "Anything"), ("A.9.2", "")]:
        assert annex_a.disagrees(control, title) is None, (control, title)


def test_annex_a_helper_reads_ids_with_titles_and_skips_other_standards_and_sentences():
    cited = annex_a.cited("A.9.2 – Cryptography; A.8.2 is about users; ISO/IEC 27001:2013 A.9.2 User access; A.7.4 (Data quality)")
    assert [(c.control, c.title) for c in cited] == [("A.9.2", "Cryptography"), ("A.7.4", "Data quality")]


# --- IAU001 ------------------------------------------------------------------------

def test_record_without_auditor_is_minor_and_without_findings_major(repo):
    root = repo({"records/ia.md": RECORD.replace("auditor: Head of Internal Audit\n", "")})
    assert [(c, m.split(":")[0]) for _, _, c, m in found(root, "IAU001")] == [
        ("minor", "the internal-audit record does not state the auditor(s)")]
    bare = RECORD.split("## Findings")[0].replace("Criteria:", "Criteria for this audit:") + "We interviewed the owners of every process and read the records they keep.\n"
    root = repo({"records/ia.md": bare})
    assert [c for _, _, c, _ in found(root, "IAU001")] == ["major"]


def test_auditor_read_from_a_key_value_row_and_from_prose(repo):
    table = RECORD.replace("auditor: Head of Internal Audit\n", "").replace(
        "Criteria:", "| Field | Value |\n|---|---|\n| Lead auditor | Head of Internal Audit |\n| Audit dates | 2026-10-12 to 2026-10-14 |\n\nCriteria:")
    assert found(repo({"records/ia.md": table.replace("date: 2026-10-14\n", "")}), "IAU001") == []
    prose = RECORD.replace("auditor: Head of Internal Audit\n", "").replace("Criteria:", "Auditor: Head of Internal Audit, independent of the AI teams; criteria:")
    assert found(repo({"records/ia.md": prose}), "IAU001") == []


def test_a_programme_records_no_audit_and_is_not_judged(repo):
    programme = HEAD.format(id="IAP", title="Internal audit programme 2026", extra="") + "## Programme\n\n| Audit | Scope |\n|---|---|\n| Q1 | Clauses 4 to 10 |\n"
    assert review_record.audit_kind
    assert found(repo({"records/iap.md": programme}), "IAU001") == []


# --- IAU002 ------------------------------------------------------------------------

def test_programme_spread_over_records_covers_the_clauses_together(repo):
    first = RECORD.replace("Clauses 4 to 10 and all applicable Annex A controls", "Clauses 4, 5, 6 and 7")
    second = RECORD.replace("id: IA-1", "id: IA-2").replace("Clauses 4 to 10 and all applicable Annex A controls", "Clauses 8, 9 and 10")
    assert found(repo({"records/ia1.md": first, "records/ia2.md": second}), "IAU002") == []
    no_eight = second.replace("Clauses 8, 9 and 10", "Clauses 9 and 10")
    result = found(repo({"records/ia1.md": first, "records/ia2.md": no_eight}), "IAU002")
    assert len(result) == 1 and "never covers clause 8 over its cycle" in result[0][3]


def test_a_coverage_matrix_with_clause_titles_and_the_audit_clause_in_prose(repo):
    """CenedrilTeam's plan: 'in accordance with clause 9.2' is no scope; the matrix rows
    '4 Context of the organisation' are (a false alarm found on the corpus)."""
    plan = HEAD.format(id="IAP", title="Internal audit plan 2026", extra="") + (
        "## Purpose and scope\n\nWe audit in accordance with ISO/IEC 42001 clause 9.2.\n\n"
        "## Coverage\n\n| ISO clause / area | 2025 | 2026 |\n|---|---|---|\n"
        + "".join(f"| {n} Clause title | x | x |\n" for n in range(4, 11))
    )
    assert found(repo({"records/iap.md": plan}), "IAU002") == []
    assert len(found(repo({"records/iap.md": plan.replace("| 8 Clause title | x | x |\n", "")}), "IAU002")) == 1


def test_a_findings_table_control_column_is_not_the_scope(repo):
    """The gappy example's record: its findings cite one control; that is not an audit
    scope of one control (a false alarm found while building it)."""
    soa = "---\nid: SOA\ntype: soa\ntitle: SoA\nowner: AI Governance Lead\nstatus: approved\n---\n# SoA\n\n| Control | Applicable | Justification |\n|---|---|---|\n" + "".join(
        f"| {c} | Yes | risk R{i} |\n" for i, c in enumerate(list(annex_a.catalogue())[:10]))
    record = RECORD.replace("Clauses 4 to 10 and all applicable Annex A controls", "Clauses 4 to 10")
    assert found(repo({"records/ia.md": record, "planning/soa.md": soa}), "IAU002") == []
    listed = record.replace("Clauses 4 to 10", "Clauses 4 to 10; controls A.2.2 and A.2.3")
    result = found(repo({"records/ia.md": listed, "planning/soa.md": soa}), "IAU002")
    assert len(result) == 1 and "8 of the 10 applicable Annex A controls" in result[0][3]
    sample = record.replace("Clauses 4 to 10", "Clauses 4 to 10 and selected Annex A controls (A.2.2)")
    assert found(repo({"records/ia.md": sample, "planning/soa.md": soa}), "IAU002") == []


# --- IAU003 ------------------------------------------------------------------------

def test_auditor_who_owns_documents_in_a_full_scope_audit(repo):
    own = RECORD.replace("auditor: Head of Internal Audit", "auditor: AI Governance Lead")
    result = lint(repo({"records/ia.md": own, "policies/ai-policy.md": POLICY}), select=["IAU003"]).active
    assert [(f.path, f.line) for f in result] == [("records/ia.md", 9)]
    assert [(r.path, r.line) for r in result[0].locations] == [("policies/ai-policy.md", 5)]
    assert found(repo({"records/ia.md": RECORD, "policies/ai-policy.md": POLICY}), "IAU003") == []


def test_a_person_is_never_matched_to_a_role_and_a_narrow_scope_counts_only_its_links(repo):
    person = RECORD.replace("auditor: Head of Internal Audit", "auditor: Jane Doe")
    assert found(repo({"records/ia.md": person, "policies/ai-policy.md": POLICY}), "IAU003") == []
    narrow = RECORD.replace("auditor: Head of Internal Audit", "auditor: AI Governance Lead").replace(
        "Clauses 4 to 10 and all applicable Annex A controls", "Supplier management (A.10.3)")
    assert found(repo({"records/ia.md": narrow, "policies/ai-policy.md": POLICY}), "IAU003") == []
    linked = narrow + "\nWe read the [AI policy](../policies/ai-policy.md).\n"
    assert len(found(repo({"records/ia.md": linked, "policies/ai-policy.md": POLICY}), "IAU003")) == 1


# --- IAU004 ------------------------------------------------------------------------

def test_one_finding_per_document_with_the_other_citations_related(repo):
    text = RECORD.replace("| F1 | A.6.2.8 Logging |", "| F1 | A.9.2 Cryptography |") + "| F2 | A.8.2 Data governance | Lineage | Observation |\n"
    result = lint(repo({"records/ia.md": text}), select=["IAU004"]).active
    assert len(result) == 1 and "A.9.2 as 'Cryptography'" in result[0].message and "and 1 more" in result[0].message
    assert [r.line for r in result[0].locations] == [20]
    assert found(repo({"records/ia.md": RECORD}), "IAU004") == []


def test_an_iso_27001_audit_names_no_42001_controls(repo):
    """CenedrilTeam's ISO/IEC 27001 plan: its "Annex A.8 Technological" is 27001's."""
    plan = HEAD.format(id="IAP", title="Internal audit plan 2026", extra="") + (
        "Criteria: ISO/IEC 27001:2022.\n\n## Coverage\n\n| Area | Scope |\n|---|---|\n| Q1 | Clauses 4 to 10, Annex A.8 |\n")
    from pathlib import Path

    from aims_lint.document import Document

    doc = Document(Path("iap.md"), "iap.md", plan)
    assert review_record.audit_scope(doc)["controls"] == []
    assert review_record.audit_scope(Document(Path("iap.md"), "iap.md", plan.replace("27001:2022", "42001:2023")))["controls"][:1] == ["A.8.2"]


def test_a_procedures_prose_is_no_partial_scope(repo):
    """"This procedure covers internal audits (clause 9.2) and corrective actions (clause
    10.2)" says what the procedure applies to, not that audits cover clause 10 only."""
    procedure = HEAD.format(id="PROC-IA", title="Internal audit procedure", extra="") + (
        "## Purpose and scope\n\nThis procedure covers internal audits required by clause 9.2 and the corrective "
        "actions of clause 10.2. Auditors shall be independent of the area audited.\n")
    assert found(repo({"procedures/ia.md": procedure}), "IAU002") == []
    whole = procedure.replace("This procedure covers", "Each year's audits cover clauses 4 to 10. This procedure covers")
    assert found(repo({"procedures/ia.md": whole, "records/ia.md": RECORD.replace(
        "Clauses 4 to 10 and all applicable Annex A controls", "Clauses 4 and 5")}), "IAU002") == []


def test_several_auditors_do_not_show_who_audited_what(repo):
    for auditor in ("AI Governance Lead / External consultant", "[AI Governance Lead, External consultant]"):
        team = RECORD.replace("auditor: Head of Internal Audit", f"auditor: {auditor}")
        assert found(repo({"records/ia.md": team, "policies/ai-policy.md": POLICY}), "IAU003") == []
