"""Traceability rules (TRC: 4.3, 6.1.2-6.1.4, 7.2, 7.5.3) and whole-AIMS rules (AIMS:
7.5.1, 9.2). Each is a specification: a small repository that must trigger the rule, the
finding expected (path, code, line), and the same repository fixed, which must not.
Plus the behaviour around them: single-file runs, declared external references, links
that leave the repository, advisories, and how owners are matched to defined roles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .conftest import codes, lint, write_repo


def document(doc_id, doc_type, *, title=None, owner="AI Governance Lead", meta="", body=""):
    """A governance document: front matter (id, type, title, owner, then ``meta``
    lines), a heading and ``body``."""
    title = title or doc_id
    return f"---\nid: {doc_id}\ntype: {doc_type}\ntitle: {title}\nowner: {owner}\n{meta}---\n# {title}\n{body}"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of ``needle`` (the line a finding must name)."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def check(tmp_path, files, select=("TRC",), paths=None, name="repo", today=None):
    """Lint a repository written under ``tmp_path/name`` with only the given families."""
    root = write_repo(tmp_path / name, files)
    targets = [root / path for path in paths] if paths else None
    return lint(root, targets, select=list(select), **({"today": today} if today else {}))


SOA_HEADER = "| Control | Applicable | Justification | Procedure | Record | Owner |\n|---|---|---|---|---|---|\n"


def soa(*rows, meta=""):
    """An SoA; each row is (control, applicable, procedure, record)."""
    table = "".join(
        f"| {control} | {applicable} | Treats risk R-01 | {procedure} | {record} | AI Governance Lead |\n"
        for control, applicable, procedure, record in rows
    )
    return document("SOA-001", "soa", title="Statement of Applicability", meta=meta, body="\n" + SOA_HEADER + table)


PROC_GOV = document("PROC-GOV", "procedure", title="AI governance procedure")
PROC_RES = document("PROC-RES", "procedure", title="AI resources procedure")
REC_LOG = document("REC-CONCERNS-2026", "record", title="Concerns log 2026")

SCOPE = document(
    "AIMS-SCOPE",
    "aims-scope",
    title="Scope of the AI management system",
    meta=(
        "ai_systems:\n"
        "  - id: credit-scoring\n"
        "    name: Retail credit scoring model\n"
        "  - id: support-assistant\n"
        "    name: Customer support assistant\n"
    ),
)
CREDIT_LINE = line_of(SCOPE, "- id: credit-scoring")
ASSISTANT_LINE = line_of(SCOPE, "- id: support-assistant")


def impact(system, doc_id="AIIA-CS"):
    return document(doc_id, "impact-assessment", title=f"Impact assessment of {system}", meta=f"ai_system: {system}\n")


IMPACTS = {
    "impact/credit-scoring.md": impact("credit-scoring"),
    "impact/support-assistant.md": impact("support-assistant", "AIIA-SA"),
}

REGISTER_HEADER = (
    "| ID | System | Risk | Likelihood | Severity | Owner | Treatment | Controls |\n|---|---|---|---|---|---|---|---|\n"
)


def register(*rows):
    """A risk assessment; each row is (id, system, owner, controls)."""
    table = "".join(
        f"| {risk} | {system} | Model error harms applicants | 3 | 4 | {owner} | Reduce: monthly testing | {controls} |\n"
        for risk, system, owner, controls in rows
    )
    return document(
        "RA-001",
        "risk-assessment",
        title="AI risk assessment",
        owner="Chief Risk Officer",
        body="\n" + REGISTER_HEADER + table,
    )


# ---------------------------------------------------------------------------
# TRC001 unresolved-reference


def test_front_matter_id_that_names_no_document(tmp_path):
    policy = document("POL-AI-001", "ai-policy", meta="related:\n  - PROC-GOV\n  - PROC-AUDIT\n")
    files = {"policies/ai-policy.md": policy, "procedures/governance.md": PROC_GOV}
    result = check(tmp_path, files)
    assert codes(result) == [("policies/ai-policy.md", "TRC001", line_of(policy, "- PROC-AUDIT"))]
    assert "'PROC-AUDIT' in 'related' is no document id" in result.active[0].message

    files["procedures/audit.md"] = document("PROC-AUDIT", "procedure")
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_front_matter_path_must_be_a_file_of_the_repository(tmp_path):
    policy = document("POL-AI-001", "ai-policy", meta="procedure: ../procedures/ai-risk.md\n")
    result = check(tmp_path, {"policies/ai-policy.md": policy})
    assert codes(result) == [("policies/ai-policy.md", "TRC001", line_of(policy, "procedure:"))]
    assert "names no file of the repository" in result.active[0].message

    files = {"policies/ai-policy.md": policy, "procedures/ai-risk.md": document("PROC-AI-RISK", "procedure")}
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_soa_cell_id_reported_once_where_first_written(tmp_path):
    text = soa(
        ("A.2.2", "Yes", "PROC-GOV", "REC-CONCERNS-2026"),
        ("A.4.2", "Yes", "PROC-RESOURCES", "REC-CONCERNS-2026"),
        ("A.4.3", "Yes", "PROC-RESOURCES", "REC-CONCERNS-2026"),
        ("A.4.4", "Yes", "PROC-RESOURCES", "REC-CONCERNS-2026"),
    )
    files = {"planning/soa.md": text, "procedures/governance.md": PROC_GOV, "records/concerns.md": REC_LOG}
    result = check(tmp_path, files)
    assert codes(result) == [("planning/soa.md", "TRC001", line_of(text, "| A.4.2 |"))]
    assert "'PROC-RESOURCES' in the procedure of A.4.2 (and on 2 more lines)" in result.active[0].message
    # The other lines are the finding's related locations.
    assert [(item.line, item.message) for item in result.active[0].locations] == [
        (line_of(text, "| A.4.3 |"), "'PROC-RESOURCES' again"), (line_of(text, "| A.4.4 |"), "'PROC-RESOURCES' again"),
    ]

    files["planning/soa.md"] = text.replace("PROC-RESOURCES", "PROC-RES")
    files["procedures/resources.md"] = PROC_RES
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_soa_cell_id_of_excluded_control_is_not_read(tmp_path):
    text = soa(("A.2.2", "Yes", "PROC-GOV", "REC-CONCERNS-2026"), ("A.10.4", "No", "PROC-CUSTOMERS", "-"))
    files = {"planning/soa.md": text, "procedures/governance.md": PROC_GOV, "records/concerns.md": REC_LOG}
    assert codes(check(tmp_path, files)) == []


def test_soa_cell_path_written_as_text(tmp_path):
    text = soa(("A.3.3", "Yes", "PROC-GOV", "records/concerns-log.md"))
    files = {"planning/soa.md": text, "procedures/governance.md": PROC_GOV}
    result = check(tmp_path, files)
    assert codes(result) == [("planning/soa.md", "TRC001", line_of(text, "| A.3.3 |"))]
    assert "names no file of the repository" in result.active[0].message

    files["records/concerns-log.md"] = REC_LOG  # written from the repository root, as people do
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_prose_id_checked_against_the_repository_naming_scheme(tmp_path):
    body = "\nConcerns are handled under PROC-GOV and escalated as PROC-ESCALATION says.\nWe also follow ISO-27001 and A.3.3.\n"
    policy = document("POL-AI-001", "ai-policy", body=body)
    files = {"policies/ai-policy.md": policy, "procedures/governance.md": PROC_GOV, "procedures/resources.md": PROC_RES}
    result = check(tmp_path, files)
    assert codes(result) == [("policies/ai-policy.md", "TRC001", line_of(policy, "PROC-ESCALATION"))]
    finding = result.active[0]
    assert finding.column == policy.splitlines()[finding.line - 1].index("PROC-ESCALATION") + 1
    assert "follows the repository's document ids but names none" in finding.message

    files["policies/ai-policy.md"] = policy.replace("PROC-ESCALATION", "PROC-RES")
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_prose_ids_need_a_naming_scheme_shared_by_two_documents(tmp_path):
    # Only one PROC document: "PROC" is not yet a scheme, so PROC-ESCALATION is just text.
    policy = document("POL-AI-001", "ai-policy", body="\nEscalation follows PROC-ESCALATION.\n")
    assert codes(check(tmp_path, {"policies/ai-policy.md": policy, "procedures/governance.md": PROC_GOV})) == []


def test_prose_ids_a_table_defines_are_not_references(tmp_path):
    body = "\n| ID | Action | Owner |\n|---|---|---|\n| PROC-A1 | Update the register | AI Governance Lead |\n\nPROC-A1 is due in June.\n"
    review = document("MR-2026-04", "management-review", body=body)
    files = {"records/review.md": review, "procedures/governance.md": PROC_GOV, "procedures/resources.md": PROC_RES}
    assert codes(check(tmp_path, files)) == []


def test_id_that_extends_a_document_id_names_that_document(tmp_path):
    policy = document("POL-AI-001", "ai-policy", meta="related:\n  - PROC-GOV-S4\n")
    assert codes(check(tmp_path, {"policies/ai-policy.md": policy, "procedures/governance.md": PROC_GOV})) == []


def test_external_refs_exempt_declared_ids(tmp_path):
    policy = document(
        "POL-AI-001", "ai-policy", meta="related:\n  - JIRA-1234\n  - DMS:QM-7\n", body="\nTracked in PROC-JIRA-9.\n"
    )
    text = soa(("A.2.2", "Yes", "PROC-GOV", "JIRA-2001"), ("A.3.3", "Yes", "DMS:QM-8", "JIRA-2002"))
    files = {
        "policies/ai-policy.md": policy,
        "planning/soa.md": text,
        "procedures/governance.md": PROC_GOV,
        "procedures/resources.md": PROC_RES,
    }
    undeclared = check(tmp_path, files)
    assert codes(undeclared) == [
        ("planning/soa.md", "TRC001", line_of(text, "| A.2.2 |")),  # JIRA-2001
        ("planning/soa.md", "TRC002", line_of(text, "| A.3.3 |")),  # DMS:QM-8 reads as words
        ("planning/soa.md", "TRC001", line_of(text, "| A.3.3 |")),  # JIRA-2002
        ("policies/ai-policy.md", "TRC001", line_of(policy, "- JIRA-1234")),
        ("policies/ai-policy.md", "TRC001", line_of(policy, "PROC-JIRA-9")),
    ]

    files[".aims-lint.yaml"] = 'external-refs:\n  - "JIRA-*"\n  - "DMS:*"\n  - "PROC-JIRA-*"\n'
    assert codes(check(tmp_path, files, name="declared")) == []


# ---------------------------------------------------------------------------
# Links in SoA cells that leave the repository


def test_link_that_leaves_the_repository_is_not_read(tmp_path):
    # A procedure outside the repository: if the link were followed, its type would
    # make the record cell a TRC003 advisory, and its id would resolve.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "proc.md").write_text(document("PROC-OUT", "procedure"), encoding="utf-8")
    text = soa(("A.3.3", "Yes", "PROC-GOV", "[Concerns procedure](../../outside/proc.md)"))
    files = {"planning/soa.md": text, "procedures/governance.md": PROC_GOV}
    result = check(tmp_path, files)
    assert codes(result) == []
    assert not any("PROC-OUT" in finding.message for finding in result.findings)


# ---------------------------------------------------------------------------
# TRC002 soa-reference-untraceable


def test_references_only_in_words_one_finding_per_column(tmp_path):
    text = soa(
        ("A.2.2", "Yes", "PROC-GOV", "Concerns log"),
        ("A.3.3", "Yes", "Concerns procedure", "Concerns log"),
        ("A.4.2", "Yes", "PROC-RES", "Resource inventory 2026"),
        ("A.10.4", "No", "Customer terms", "Contract file"),  # excluded: not judged
    )
    files = {"planning/soa.md": text, "procedures/governance.md": PROC_GOV, "procedures/resources.md": PROC_RES}
    result = check(tmp_path, files)
    first = line_of(text, "| A.2.2 |")
    assert codes(result) == [
        ("planning/soa.md", "TRC002", first),
        ("planning/soa.md", "TRC002", line_of(text, "| A.3.3 |")),
    ]
    record, procedure = sorted(result.active, key=lambda finding: finding.line)
    assert record.message.startswith("3 of 3 included controls name their record only in words")
    assert [(item.line, item.message) for item in record.locations] == [
        (line_of(text, "| A.3.3 |"), "A.3.3 'Concerns log'"), (line_of(text, "| A.4.2 |"), "A.4.2 'Resource inventory 2026'"),
    ]
    assert procedure.locations == []
    assert procedure.message.startswith(
        "1 of 3 included controls name their procedure only in words (A.3.3 'Concerns procedure')"
    )


def test_links_ids_paths_external_ids_and_web_addresses_are_traceable(tmp_path):
    text = soa(
        ("A.2.2", "Yes", "PROC-GOV", "[Concerns log](../records/concerns.md)"),
        ("A.3.3", "Yes", "procedures/governance.md", "REC-CONCERNS-2026"),
        ("A.4.2", "Yes", "PROC-RES", "JIRA-77"),
        ("A.4.3", "Yes", "PROC-RES", "https://dms.example.org/records/4711"),
        ("A.4.4", "Yes", "PROC-RES", "https://git.example.org/acme/aims/blob/main/records/log.md"),
    )
    files = {
        ".aims-lint.yaml": 'external-refs:\n  - "JIRA-*"\n',
        "planning/soa.md": text,
        "procedures/governance.md": PROC_GOV,
        "procedures/resources.md": PROC_RES,
        "records/concerns.md": REC_LOG,
    }
    assert codes(check(tmp_path, files)) == []


def test_empty_references_are_left_to_the_soa_rules(tmp_path):
    text = soa(("A.2.2", "Yes", "-", "N/A"))
    assert codes(check(tmp_path, {"planning/soa.md": text})) == []


# ---------------------------------------------------------------------------
# TRC003 soa-record-not-evidence


def test_record_cell_pointing_to_a_procedure_is_an_advisory(tmp_path):
    text = soa(
        ("A.3.3", "Yes", "PROC-GOV", "PROC-GOV"),
        ("A.4.2", "Yes", "PROC-RES", "[resources](../procedures/resources.md)"),
    )
    files = {"planning/soa.md": text, "procedures/governance.md": PROC_GOV, "procedures/resources.md": PROC_RES}
    result = check(tmp_path, files)
    assert codes(result) == [
        ("planning/soa.md", "TRC003", line_of(text, "| A.3.3 |")),
        ("planning/soa.md", "TRC003", line_of(text, "| A.4.2 |")),
    ]
    assert {finding.classification for finding in result.active} == {"advisory"}
    assert "points to PROC-GOV (procedure)" in result.active[0].message

    fixed = soa(
        ("A.3.3", "Yes", "PROC-GOV", "REC-CONCERNS-2026"), ("A.4.2", "Yes", "PROC-RES", "PROC-RES, REC-CONCERNS-2026")
    )
    files.update({"planning/soa.md": fixed, "records/concerns.md": REC_LOG})
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_record_cell_with_a_procedure_and_an_external_record_is_not_judged(tmp_path):
    text = soa(("A.3.3", "Yes", "PROC-GOV", "PROC-GOV; JIRA-12"))
    files = {
        ".aims-lint.yaml": 'external-refs:\n  - "JIRA-*"\n',
        "planning/soa.md": text,
        "procedures/governance.md": PROC_GOV,
    }
    assert codes(check(tmp_path, files)) == []


# ---------------------------------------------------------------------------
# TRC004 risk-control-not-in-soa


def test_treatment_control_excluded_or_missing_from_the_soa(tmp_path):
    risks = register(
        ("R-01", "credit-scoring", "Chief Risk Officer", "A.6.2.4"),
        ("R-02", "credit-scoring", "Chief Risk Officer", "A.7.4"),
        ("R-03", "credit-scoring", "Chief Risk Officer", "A.9.2, A.99.1"),
    )
    text = soa(("A.6.2.4", "Yes", "PROC-GOV", "REC-CONCERNS-2026"), ("A.7.4", "No", "-", "-"))
    files = {
        "planning/risk-assessment.md": risks,
        "planning/soa.md": text,
        "procedures/governance.md": PROC_GOV,
        "records/concerns.md": REC_LOG,
    }
    result = check(tmp_path, files)
    assert codes(result) == [
        ("planning/risk-assessment.md", "TRC004", line_of(risks, "| R-02 |")),
        ("planning/risk-assessment.md", "TRC004", line_of(risks, "| R-03 |")),
    ]
    excluded, missing = result.active
    assert (
        f"A.7.4, cited in the treatment of risk R-02, is excluded in the Statement of Applicability (planning/soa.md:{line_of(text, '| A.7.4 |')})"
        in excluded.message
    )
    assert (
        "A.9.2, cited in the treatment of risk R-03, is not in the Statement of Applicability" in missing.message
    )  # A.99.1 is no control

    fixed = soa(
        ("A.6.2.4", "Yes", "PROC-GOV", "REC-CONCERNS-2026"),
        ("A.7.4", "Yes", "PROC-GOV", "REC-CONCERNS-2026"),
        ("A.9.2", "Yes", "PROC-GOV", "REC-CONCERNS-2026"),
    )
    files["planning/soa.md"] = fixed
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_no_soa_no_comparison(tmp_path):
    risks = register(("R-01", "credit-scoring", "Chief Risk Officer", "A.7.4"))
    assert codes(check(tmp_path, {"planning/risk-assessment.md": risks})) == []


# ---------------------------------------------------------------------------
# TRC005 system-without-impact-assessment


def test_system_in_scope_without_impact_assessment(tmp_path):
    files = {"scope.md": SCOPE, "impact/credit-scoring.md": impact("credit-scoring")}
    result = check(tmp_path, files)
    assert codes(result) == [("scope.md", "TRC005", ASSISTANT_LINE)]
    assert result.active[0].classification == "major"

    files["impact/support-assistant.md"] = impact("support-assistant", "AIIA-SA")
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_impact_assessment_may_name_the_system_by_its_name(tmp_path):
    files = {
        "scope.md": SCOPE,
        "impact/credit-scoring.md": impact("credit-scoring"),
        "impact/support-assistant.md": impact("customer support assistant", "AIIA-SA"),
    }
    assert "TRC005" not in {code for _, code, _ in codes(check(tmp_path, files))}


# ---------------------------------------------------------------------------
# TRC006 system-not-in-risk-register


def test_system_in_scope_that_no_risk_assessment_names(tmp_path):
    files = {
        "scope.md": SCOPE,
        **IMPACTS,
        "planning/risk-assessment.md": register(("R-01", "credit-scoring", "Chief Risk Officer", "-")),
    }
    assert codes(check(tmp_path, files)) == [("scope.md", "TRC006", ASSISTANT_LINE)]

    files["planning/risk-assessment.md"] = register(
        ("R-01", "credit-scoring", "Chief Risk Officer", "-"), ("R-02", "support-assistant", "Chief Risk Officer", "-")
    )
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_risk_assessment_may_name_systems_in_words(tmp_path):
    text = "\nThis register covers the credit scoring model and the customer support assistant.\n"
    files = {
        "scope.md": SCOPE,
        **IMPACTS,
        "planning/risk-assessment.md": document("RA-001", "risk-assessment", body=text),
    }
    assert codes(check(tmp_path, files)) == []


def test_no_risk_assessment_no_comparison(tmp_path):
    assert codes(check(tmp_path, {"scope.md": SCOPE, **IMPACTS})) == []


# ---------------------------------------------------------------------------
# TRC007 system-not-in-scope


def test_impact_assessment_of_a_system_not_in_scope(tmp_path):
    chatbot = impact("support-chatbot", "AIIA-SA")
    files = {
        "scope.md": SCOPE,
        "impact/credit-scoring.md": impact("credit-scoring"),
        "impact/support-assistant.md": chatbot,
    }
    result = check(tmp_path, files, select=["TRC007"])
    assert codes(result) == [("impact/support-assistant.md", "TRC007", line_of(chatbot, "ai_system:"))]
    assert "names AI system 'support-chatbot'" in result.active[0].message

    files["impact/support-assistant.md"] = impact("support-assistant", "AIIA-SA")
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_risk_register_system_column_names_a_system_not_in_scope(tmp_path):
    risks = register(
        ("R-01", "credit-scoring", "Chief Risk Officer", "-"),
        ("R-02", "All", "Chief Risk Officer", "-"),
        ("R-03", "support-assistant, fraud-detector", "Chief Risk Officer", "-"),
    )
    files = {"scope.md": SCOPE, **IMPACTS, "planning/risk-assessment.md": risks}
    result = check(tmp_path, files)
    assert codes(result) == [("planning/risk-assessment.md", "TRC007", line_of(risks, "| R-03 |"))]
    assert "risk 'R-03' names AI system 'fraud-detector'" in result.active[0].message

    files["planning/risk-assessment.md"] = risks.replace(", fraud-detector", "")
    assert codes(check(tmp_path, files, name="fixed")) == []


def test_systems_compare_in_any_case_with_hyphens_as_spaces(tmp_path):
    # TRC006 reads "credit scoring" as credit-scoring; TRC005 and TRC007 must agree with it.
    risks = register(
        ("R-01", "credit scoring", "Chief Risk Officer", "-"), ("R-02", "Support Assistant", "Chief Risk Officer", "-")
    )
    files = {
        "scope.md": SCOPE,
        "impact/credit-scoring.md": impact("Credit Scoring"),
        "impact/support-assistant.md": impact("support_assistant", "AIIA-SA"),
        "planning/risk-assessment.md": risks,
    }
    assert codes(check(tmp_path, files)) == []


# ---------------------------------------------------------------------------
# TRC008 owner-not-defined-role

MATRIX = document(
    "COMP-001",
    "competence-matrix",
    title="AI competence matrix",
    body=(
        "\n| Role | Required competencies | Evaluation method | Status | Next review |\n|---|---|---|---|---|\n"
        "| Chief Risk Officer | Accepting residual AI risk | Scenario interview | Competent | 2027-03-01 |\n"
        "| Head of Data Science | Fairness testing | Practical assessment | Competent | 2027-02-01 |\n"
    ),
)
ROLES = {
    ".aims-lint.yaml": "roles:\n  - AI Governance Lead\n  - Chief Executive Officer\n",
    "support/competence-matrix.md": MATRIX,
}


def test_owner_that_is_no_defined_role(tmp_path):
    risks = register(
        ("R-01", "credit-scoring", "Head of AI", "-"),
        ("R-02", "credit-scoring", "Head of AI", "-"),
        ("R-03", "credit-scoring", "Head of Data Science", "-"),
    )
    result = check(tmp_path, {**ROLES, "planning/risk-assessment.md": risks})
    assert codes(result) == [("planning/risk-assessment.md", "TRC008", line_of(risks, "| R-01 |"))]
    assert "owner 'Head of AI' (also 1 more time in this document)" in result.active[0].message
    (other,) = result.active[0].locations  # the other time is the finding's related location
    assert (other.line, other.message) == (line_of(risks, "| R-02 |"), "owner 'Head of AI' again")

    fixed = risks.replace("Head of AI", "Head of Data Science")
    assert codes(check(tmp_path, {**ROLES, "planning/risk-assessment.md": fixed}, name="fixed")) == []


def test_owner_close_to_a_defined_role_gets_a_hint(tmp_path):
    risks = register(("R-01", "credit-scoring", "Head of Data Sciences", "-"))
    result = check(tmp_path, {**ROLES, "planning/risk-assessment.md": risks})
    assert [finding.code for finding in result.active] == ["TRC008"]
    assert "(did you mean 'Head of Data Science'?)" in result.active[0].message


@pytest.mark.parametrize(
    "owner",
    [
        "CRO",  # the acronym of Chief Risk Officer
        "chief risk officer",
        "J. Silva (Chief Risk Officer)",  # Name (Role)
        "Chief Risk Officer / Head of Data Science",  # Role A / Role B
        "CRO and AI Governance Lead",
        "Deputy Chief Risk Officer",  # a longer title containing a defined role
    ],
)
def test_owner_forms_that_name_a_defined_role(tmp_path, owner):
    risks = register(("R-01", "credit-scoring", owner, "-"))
    assert codes(check(tmp_path, {**ROLES, "planning/risk-assessment.md": risks})) == []


def test_role_catalogue_entries_with_several_names(tmp_path):
    matrix = MATRIX.replace("| Head of Data Science |", "| AI Management Representative / ISM |")
    risks = register(
        ("R-01", "credit-scoring", "ISM", "-"), ("R-02", "credit-scoring", "AI Management Representative", "-")
    )
    assert (
        codes(check(tmp_path, {**ROLES, "support/competence-matrix.md": matrix, "planning/risk-assessment.md": risks}))
        == []
    )


def test_owner_in_front_matter_and_in_a_labelled_field(tmp_path):
    objectives = document(
        "OBJ-2026",
        "ai-objectives",
        owner="Head of AI",
        body="\n## Fairness\n\nOwner: Chief Risk Officer\n\n## Accuracy\n\nOwner: ML Ops\n",
    )
    result = check(tmp_path, {**ROLES, "planning/objectives.md": objectives})
    assert codes(result) == [
        ("planning/objectives.md", "TRC008", line_of(objectives, "owner: Head of AI")),
        ("planning/objectives.md", "TRC008", line_of(objectives, "Owner: ML Ops")),
    ]


def test_no_role_catalogue_no_comparison(tmp_path):
    risks = register(("R-01", "credit-scoring", "Head of AI", "-"))
    assert codes(check(tmp_path, {"planning/risk-assessment.md": risks})) == []


def test_vague_owners_are_left_to_doc009(tmp_path):
    risks = register(("R-01", "credit-scoring", "Everyone", "-"), ("R-02", "credit-scoring", "TBD", "-"))
    assert codes(check(tmp_path, {**ROLES, "planning/risk-assessment.md": risks})) == []


# ---------------------------------------------------------------------------
# AIMS001 mandatory-document-missing

MANDATORY = {
    "scope.md": document("AIMS-SCOPE", "aims-scope"),
    "policies/ai-policy.md": document("POL-AI-001", "ai-policy"),
    "planning/risk-assessment.md": document("RA-001", "risk-assessment"),
    "planning/soa.md": document("SOA-001", "soa"),
    "impact/credit-scoring.md": document("AIIA-CS", "impact-assessment"),
    "planning/objectives.md": document("OBJ-2026", "ai-objectives"),
    "support/competence-matrix.md": document("COMP-001", "competence-matrix"),
    "records/internal-audit-2026-03.md": document(
        "IA-2026-01", "internal-audit", meta="date: 2026-03-10\nstatus: approved\n"
    ),
    "records/management-review-2026-04.md": document("MR-2026-04", "management-review"),
    "records/nonconformity-log-2026.md": document("NC-LOG-2026", "nonconformity"),
}


def test_every_mandatory_document_present(tmp_path):
    assert codes(check(tmp_path, MANDATORY, select=["AIMS"])) == []


def test_missing_mandatory_documents_one_finding_each_on_the_repository(tmp_path):
    files = {path: text for path, text in MANDATORY.items() if "records/" not in path}
    result = check(tmp_path, files, select=["AIMS"])
    # Shown at the configuration file (the repository's, here an empty one), never at ".".
    assert codes(result) == [(".aims-lint.toml", "AIMS001", 1)] * 3
    assert all(finding.repository for finding in result.active)
    assert sorted(finding.message.split("(clause ")[1].split(")")[0] for finding in result.active) == [
        "10.2",
        "9.2",
        "9.3",
    ]
    assert {finding.classification for finding in result.active} == {"major"}


def test_records_of_another_type_count_by_name(tmp_path):
    files = dict(MANDATORY)
    files["records/internal-audit-2026-03.md"] = document("IA-2026-01", "record")
    files["records/management-review-2026-04.md"] = document("MR-2026-04", "record")
    files["records/nonconformity-log-2026.md"] = document("NC-LOG-2026", "record")
    assert codes(check(tmp_path, files, select=["AIMS001"])) == []


def test_a_repository_with_a_policy_or_two_is_not_judged(tmp_path):
    files = {
        "policies/ai-policy.md": MANDATORY["policies/ai-policy.md"],
        "planning/objectives.md": MANDATORY["planning/objectives.md"],
    }
    assert codes(check(tmp_path, files, select=["AIMS"])) == []
    # A scope alone says the repository holds the AIMS: nine items are missing.
    assert len(codes(check(tmp_path, {"scope.md": SCOPE}, select=["AIMS001"], name="scope"))) == 9


def test_with_a_stage2_date_the_missing_audit_is_aims002s(tmp_path):
    files = {path: text for path, text in MANDATORY.items() if "internal-audit" not in path}
    files[".aims-lint.yaml"] = "stage2-date: 2026-10-01\n"
    result = check(tmp_path, files, select=["AIMS"])
    assert codes(result) == [(".aims-lint.yaml", "AIMS002", 1)]
    assert "the repository has no internal-audit document" in result.active[0].message
    # Without AIMS002 selected, AIMS001 reports it.
    assert codes(check(tmp_path, files, select=["AIMS001"], name="alone")) == [(".aims-lint.yaml", "AIMS001", 1)]


# ---------------------------------------------------------------------------
# AIMS002 internal-audit-not-in-time

AUDIT_PATH = "records/internal-audit.md"


def audit(meta):
    return document("IA-2026-01", "internal-audit", owner="Head of Internal Audit", meta=meta)


@pytest.mark.parametrize(
    "meta, line, reason",
    [
        ("status: approved\ndate: 2026-08-20\n", 7, "is dated 2026-08-20, less than 60 days before Stage 2"),
        ("status: planned\ndate: 2026-05-10\n", 7, "has status 'planned': it is not a completed audit"),
        ("status: approved\n", 1, "has no date"),
    ],
)
def test_internal_audit_not_completed_in_time(tmp_path, meta, line, reason):
    files = {".aims-lint.yaml": "stage2-date: 2026-10-01\n", AUDIT_PATH: audit(meta)}
    result = check(tmp_path, files, select=["AIMS"], today=dt.date(2026, 9, 1))
    assert codes(result) == [(AUDIT_PATH, "AIMS002", line)]
    assert result.active[0].message.startswith(
        "no completed internal audit on record by 2026-08-02, 60 days before the Stage 2 audit on 2026-10-01"
    )
    assert reason in result.active[0].message


def test_the_internal_audit_lead_time_is_a_planning_setting(tmp_path):
    files = {
        ".aims-lint.yaml": "stage2-date: 2026-10-01\nplanning: {internal-audit-lead-days: 30}\n",
        AUDIT_PATH: audit("status: approved\ndate: 2026-08-20\n"),
    }
    assert codes(check(tmp_path, files, select=["AIMS"], today=dt.date(2026, 9, 1))) == []
    files[AUDIT_PATH] = audit("status: approved\ndate: 2026-09-10\n")
    result = check(tmp_path, files, select=["AIMS"], today=dt.date(2026, 9, 20))
    assert "on record by 2026-09-01, 30 days before the Stage 2 audit" in result.active[0].message


def test_internal_audit_dated_in_the_future(tmp_path):
    text = audit("status: approved\ndate: 2026-07-01\n")
    files = {".aims-lint.yaml": "stage2-date: 2026-10-01\n", AUDIT_PATH: text}
    result = check(tmp_path, files, select=["AIMS"])  # today is 2026-06-01
    assert codes(result) == [(AUDIT_PATH, "AIMS002", line_of(text, "date:"))]
    assert "which has not come yet" in result.active[0].message


def test_one_audit_in_time_is_enough(tmp_path):
    files = {
        ".aims-lint.yaml": "stage2-date: 2026-10-01\n",
        AUDIT_PATH: audit("status: approved\ndate: 2026-05-12\n"),
        "records/internal-audit-followup.md": document(
            "IA-2026-02", "internal-audit", meta="status: planned\ndate: 2026-09-01\n"
        ),
    }
    assert codes(check(tmp_path, files, select=["AIMS"])) == []


def test_no_stage2_date_no_check(tmp_path):
    assert codes(check(tmp_path, {AUDIT_PATH: audit("status: planned\n")}, select=["AIMS"])) == []


# ---------------------------------------------------------------------------
# Single-file runs (pre-commit hook, editor)


def test_single_file_runs_report_workspace_findings_only_for_the_files_given(tmp_path):
    files = {
        ".aims-lint.yaml": "stage2-date: 2026-10-01\n",
        "scope.md": SCOPE,
        "impact/credit-scoring.md": impact("credit-scoring"),
        AUDIT_PATH: audit("status: planned\ndate: 2026-05-10\n"),
    }
    everything = codes(check(tmp_path, files, select=["TRC", "AIMS"]))
    assert (".aims-lint.yaml", "AIMS001", 1) in everything  # six documents are missing
    assert (AUDIT_PATH, "AIMS002", 7) in everything
    assert ("scope.md", "TRC005", ASSISTANT_LINE) in everything

    scope_only = check(tmp_path, files, select=["TRC", "AIMS"], paths=["scope.md"])
    assert codes(scope_only) == [("scope.md", "TRC005", ASSISTANT_LINE)]

    audit_only = check(tmp_path, files, select=["TRC", "AIMS"], paths=[AUDIT_PATH])
    assert codes(audit_only) == [(AUDIT_PATH, "AIMS002", 7)]


def test_a_retired_assessment_neither_names_a_system_nor_assesses_one(tmp_path):
    retired = impact("old-chatbot", "AIIA-OLD").replace("ai_system:", "status: retired\nai_system:")
    files = {"scope.md": SCOPE, **IMPACTS, "impact/old-chatbot.md": retired}
    assert codes(check(tmp_path, files, select=["TRC005", "TRC007"])) == []
    files["impact/support-assistant.md"] = files["impact/support-assistant.md"].replace("ai_system:", "status: retired\nai_system:")
    assert codes(check(tmp_path, files, select=["TRC005", "TRC007"], name="retired")) == [("scope.md", "TRC005", ASSISTANT_LINE)]


def test_supersedes_names_a_withdrawn_document_and_is_not_checked(tmp_path):
    files = {"p.md": document("POL-AI-002", "ai-policy", meta="supersedes: POL-AI-001\n")}
    assert codes(check(tmp_path, files, select=["TRC001"])) == []


def test_prose_id_of_a_row_in_another_document_of_the_scheme_is_known(tmp_path):
    log = document("NC-LOG-2026", "nonconformity", body="| ID | Nonconformity |\n|---|---|\n| NC-2026-03 | Checklist outdated |\n")
    files = {
        "nc-2026.md": log,
        "nc-2025.md": document("NC-LOG-2025", "nonconformity"),
        "audit.md": document("IA-1", "internal-audit", body="Corrective action NC-2026-03 closed; NC-2026-04 opened.\n"),
    }
    result = check(tmp_path, files, select=["TRC001"])
    assert [(f.path, f.code) for f in result.active] == [("audit.md", "TRC001")]
    assert "'NC-2026-04'" in result.active[0].message


# ---------------------------------------------------------------------------
# AI systems in scope listed in the scope's body (no front matter)

BODY_SCOPE_TABLE = (
    "# AIMS scope\n\n## 4. AI systems in scope\n\n"
    "| ID | AI system | Role | In scope |\n|---|---|---|---|\n"
    "| CS-01 | Retail credit scoring model | Provider | Yes |\n"
    "| SA-02 | Customer support assistant | Deployer | Yes |\n"
    "| HR-03 | CV screening pilot | Deployer | No (retired) |\n"
)
BODY_SCOPE_LIST = (
    "# AIMS scope\n\n## AI systems covered by the AIMS\n\n"
    "- **Retail credit scoring model** (CS-01): ranks consumer credit applications\n"
    "- **Customer support assistant** (SA-02): answers customer questions\n\n"
    "## Out of scope\n\n- **CV screening pilot** (HR-03): retired in 2025\n"
)
BODY_TYPES = ".aims-lint.yaml", "types:\n  'scope.md': aims-scope\n  'impact/*.md': impact-assessment\n  'planning/*.md': risk-assessment\n"


def body_impact(name):
    return f"# Impact assessment: {name}\n\n## Who could be affected\n\nApplicants and customers.\n"


@pytest.mark.parametrize("scope", [BODY_SCOPE_TABLE, BODY_SCOPE_LIST], ids=["table", "list"])
def test_systems_listed_in_the_scopes_body(tmp_path, scope):
    from aims_lint.reading.systems import systems

    from .test_roles_reading import read

    assert [(s.ident, s.name) for s in systems(read(scope))] == [
        ("CS-01", "Retail credit scoring model"), ("SA-02", "Customer support assistant")
    ]
    files = {
        BODY_TYPES[0]: BODY_TYPES[1],
        "scope.md": scope,
        "impact/credit.md": body_impact("Retail credit scoring model (CS-01)"),
        "impact/other.md": body_impact("the marketing segmentation model"),
    }
    result = check(tmp_path, files, select=["TRC005"])
    assert codes(result) == [("scope.md", "TRC005", line_of(scope, "Customer support assistant"))]
    files["impact/support.md"] = body_impact("Customer support assistant")
    assert codes(check(tmp_path, files, select=["TRC005"], name="fixed")) == []


def test_a_scope_body_without_a_systems_list_lists_no_system(tmp_path):
    from aims_lint.reading.systems import systems

    from .test_roles_reading import read

    # Benkola/ai-governance-os-eu 0_start-here/scope.md: kinds of systems, not a list of systems.
    scope = (
        "# Scope (SME-first)\n\n## What is included\n- Governance for:\n  - Internal AI systems (ML + GenAI)\n"
        "  - Vendor AI embedded in business processes\n\n## Definitions\n- **Provider:** the entity that develops a system\n"
    )
    assert systems(read(scope)) == []
    # A systems table of another section (a glossary) is not the scope's list either.
    glossary = "# Scope\n\n## Terms\n\n| Name | Meaning |\n|---|---|\n| AI system | A machine-based system |\n"
    assert systems(read(glossary)) == []


# ---------------------------------------------------------------------------
# TRC008 with roles defined in the body of any document


def test_roles_defined_in_a_policys_roles_section_are_defined(tmp_path):
    policy = document(
        "POL-AI-001", "ai-policy",
        body="\n## Roles and responsibilities\n\n| Role | Responsibility |\n|---|---|\n| Head of AI | Runs the AI programme |\n",
    )
    risks = register(("R-01", "credit-scoring", "Head of AI", "-"), ("R-02", "credit-scoring", "Head of Marketing", "-"))
    result = check(tmp_path, {**ROLES, "policies/ai-policy.md": policy, "planning/risk-assessment.md": risks})
    assert codes(result) == [("planning/risk-assessment.md", "TRC008", line_of(risks, "| R-02 |"))]
    assert result.active[0].classification == "advisory"


def test_duties_raci_letters_and_schema_rows_are_not_judged_as_owners(tmp_path):
    capa = document(
        "PROC-CAPA", "procedure",
        body=(
            "\n## Roles\n\n| Role | Responsibility |\n|---|---|\n| CAPA Owner | Own the CAPA; ensure completion |\n"
            "\n## RACI\n\n| Activity | CAPA Owner | Chief Risk Officer |\n|---|---|---|\n| Close CAPA | R | A |\n"
            "\n## Register fields\n\n| Field | Description |\n|---|---|\n| Risk owner | Role title of responsible party |\n"
        ),
    )
    assert codes(check(tmp_path, {**ROLES, "procedures/capa.md": capa})) == []


def test_roles_sections_alone_do_not_make_a_catalogue(tmp_path):
    # Without configured roles or a competence matrix there is no catalogue to compare
    # owners with: a RACI in one procedure does not make every other owner undefined.
    policy = document("POL-AI-001", "ai-policy", body="\n## Roles\n\n- **Head of AI:** runs the AI programme.\n")
    risks = register(("R-01", "credit-scoring", "Head of Marketing", "-"))
    assert codes(check(tmp_path, {"policies/ai-policy.md": policy, "planning/risk-assessment.md": risks})) == []


# TRC008 is opt-in: advisory good practice, not in the default selection


def test_owner_not_defined_role_is_opt_in(tmp_path):
    risks = register(("R-01", "credit-scoring", "Head of AI", "-"))
    files = {**ROLES, "planning/risk-assessment.md": risks}
    # the default selection (nothing configured) leaves it out ...
    assert "TRC008" not in [code for _, code, _ in codes(check(tmp_path, files, select=("DEFAULT",), name="default"))]
    # ... its code, its family prefix, its name or ALL select it
    for selector in ("TRC008", "TRC", "owner-not-defined-role", "ALL"):
        found = codes(check(tmp_path, files, select=(selector,), name=f"by-{selector}"))
        assert ("planning/risk-assessment.md", "TRC008", line_of(risks, "| R-01 |")) in found, selector


def test_default_selection_is_every_rule_but_the_opt_in_ones():
    from aims_lint.config import Config
    from aims_lint.pack import enabled_rules, load_rules
    from aims_lint.runner import select_rules

    rules = load_rules()
    default = select_rules(Config(root=Path(".")), rules)
    assert [item.code for item in rules if item not in default] == [item.code for item in rules if not item.default]
    assert "TRC008" not in {item.code for item in default}
    assert "TRC008" in {item.code for item in enabled_rules(rules, ["DEFAULT", "TRC008"], [])}


# AIMS001: AI objectives stated inside the AI policy, the scope or a governance cadence

POLICY_KPIS = {
    "kpi-table": (
        "\n## 15. Key performance indicators\n\n| KPI | Target | Measurement | Reporting frequency |\n|---|---|---|---|\n"
        "| AI system inventory completeness | 100% | % of AI systems registered | Monthly |\n"
        "| Policy compliance rate | ≥ 95% | % of audited controls passing | Quarterly |\n"
    ),
    "empty-header-row": (
        "\n**Controls & Metrics**\n\n|     |     |     |     |\n| --- | --- | --- | --- |\n| Metric | Target | Frequency | Owner |\n"
        "| Ethics board reviews | 100% of high-risk use cases | Quarterly | Board Chair |\n"
        "| Technical reviews | 100% of AI systems | Quarterly | CTO |\n"
    ),
    "labelled-sections": (
        "\n## Objectives\n\n### O1 Fair credit decisions\n\n- Metric: approval-rate gap of the credit model between age bands\n- Target: below 5%\n- Owner: Chief Risk Officer\n\n"
        "### O2 Explained declines\n\n- Metric: declines with reason codes\n- Target: 100%\n- Owner: Head of Credit\n"
    ),
}


@pytest.mark.parametrize("layout", sorted(POLICY_KPIS))
def test_objectives_stated_in_the_ai_policy_are_on_record(tmp_path, layout):
    files = {path: text for path, text in MANDATORY.items() if path != "planning/objectives.md"}
    files["policies/ai-policy.md"] = document("POL-AI-001", "ai-policy", body=POLICY_KPIS[layout])
    assert codes(check(tmp_path, files, select=["AIMS001"], name=layout)) == []


def test_one_kpi_or_a_kpi_table_in_a_procedure_is_no_objectives(tmp_path):
    files = {path: text for path, text in MANDATORY.items() if path != "planning/objectives.md"}
    one = "\n| KPI | Target |\n|---|---|\n| Inventory completeness | 100% |\n"
    files["policies/ai-policy.md"] = document("POL-AI-001", "ai-policy", body=one)
    files["support/playbook.md"] = document("PROC-IR", "procedure", body=POLICY_KPIS["kpi-table"])
    result = check(tmp_path, files, select=["AIMS001"])
    assert ["6.2" in finding.message for finding in result.active] == [True]


def test_security_kpis_and_minutes_reporting_metrics_are_no_ai_objectives(tmp_path):
    files = {path: text for path, text in MANDATORY.items() if path != "planning/objectives.md"}
    security = (
        "\n| KPI | Target |\n|---|---|\n| Phishing simulation click rate | <5% |\n| MFA coverage | 100% |\n"
    )
    files["policies/ai-policy.md"] = document("POL-AI-001", "ai-policy", body=security)
    minutes = (
        "\nDate: 2026-04-10\n\nAttendees: CEO, AI Governance Lead\n\n## Performance\n\n| KPI | Target | Actual |\n|---|---|---|\n"
        "| AI incidents closed in time | 100% | 96% |\n| AI models with fairness test | 100% | 100% |\n\n## Decisions\n\nThe board approved the plan.\n"
    )
    files["records/management-review-2026-04.md"] = document("MR-2026-04", "management-review", body=minutes)
    result = check(tmp_path, files, select=["AIMS001"])
    assert ["6.2" in finding.message for finding in result.active] == [True]
