"""Statement of Applicability rules (6.1.3, Annex A): each on an SoA that must trigger
it, at the line where the gap is written, and on one that must not; ID normalisation;
and the real SoAs of the corpus (Ankit, K0-Cyber, NavinManaswi, foundryai)."""

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import lint
from .test_corpus import CORPUS, corpus_repo

ANNEX = YAML(typ="safe").load((Path(__file__).resolve().parents[1] / "rules" / "data" / "annex_a.yaml").read_text())
FM = """---
id: SOA-001
type: soa
title: Statement of Applicability
owner: AI Governance Lead
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-03-01
next_review: 2027-03-01
risk_register: RA-001
---
# Statement of Applicability

| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |
|---|---|---|---|---|---|---|---|
"""
FIRST = FM.count("\n") + 1  # line of the first control row
RA = """---
id: RA-001
type: risk-assessment
title: AI risk assessment
owner: Chief Risk Officer
version: "1.0"
status: draft
next_review: 2027-01-01
---
# AI risk assessment
"""


def row(control, title="Control", applicable="Yes", justification=None, procedure="PROC-1", record="REC-1", owner="AI Governance Lead"):
    justification = justification if justification is not None else f"Treats risk R-01 for {title.lower()}"
    return f"| {control} | {title} | {applicable} | {justification} | Implemented | {procedure} | {record} | {owner} |"


ALL = [row(c["id"], c["title"]) for c in ANNEX]


def soa(rows=ALL, front=FM):
    return front + "\n".join(rows) + "\n"


def findings(repo, text, select=("SOA",), extra=None):
    files = {"soa.md": text, "ra.md": RA, **(extra or {})}
    return lint(repo(files), select=list(select)).active


def test_complete_soa_has_no_finding(repo):
    assert findings(repo, soa()) == []


@pytest.mark.parametrize("written", ["A6.2.4", "A-6-2-4", "A.6.2.4", "Annex A.6.2.4", "A 6.2.4"])
def test_id_spellings_are_normalised(repo, written):
    rows = [r if "| A.6.2.4 |" not in r else r.replace("| A.6.2.4 |", f"| {written} |") for r in ALL]
    assert findings(repo, soa(rows)) == []


@pytest.mark.parametrize(
    "control, why",
    [("A.2.1", "an objective"), ("A.6.1", "an objective"), ("A.6.3", "not an Annex A control (A.6 has A.6.1.2 to A.6.2.8)"),
     ("A.4.10", "not an Annex A control"), ("A.7.x", "a group"), ("A.13.2", "not an Annex A group")],
)
def test_unknown_control_ids(repo, control, why):
    (finding,) = findings(repo, soa(ALL + [row(control)]), select=["SOA001"])
    assert finding.line == FIRST + len(ALL) and why in finding.message


def test_the_same_mistake_on_several_rows_is_one_finding_with_every_row(repo):
    rows = ALL + [row("A.2.1"), row("A.3.1"), row("A.4.1"), row("A.5.1"), row("A.6.3")]
    found = findings(repo, soa(rows), select=["SOA001"])
    assert [(f.line, [item.line for item in f.locations]) for f in found] == [
        (FIRST + len(ALL), [FIRST + len(ALL) + 1, FIRST + len(ALL) + 2, FIRST + len(ALL) + 3]),
        (FIRST + len(ALL) + 4, []),
    ]
    assert found[0].message.startswith("'A.2.1', 'A.3.1', 'A.4.1' and 1 more are each an objective of Annex A")
    assert [item.message for item in found[0].locations] == ["'A.3.1'", "'A.4.1'", "'A.5.1'"]
    assert found[1].message.startswith("'A.6.3' is not an Annex A control")


def test_missing_controls_one_major_finding(repo):
    (finding,) = findings(repo, soa(ALL[:14]), select=["SOA002"])
    assert (finding.line, finding.classification) == (13, "major")  # the heading above the table
    assert finding.message.startswith("24 of the 38 Annex A controls") and "and 12 more" in finding.message


def test_included_control_without_references_row_by_row(repo):
    rows = list(ALL)
    rows[3] = row(ANNEX[3]["id"], procedure="-", record="No evidence", owner="")
    codes = [(f.code, f.line) for f in findings(repo, soa(rows))]
    assert codes == [("SOA003", FIRST + 3), ("SOA004", FIRST + 3), ("SOA005", FIRST + 3)]


def test_soa_without_reference_columns_gets_one_finding_each(repo):
    front = FM.replace("| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|---|",
                       "| Control | Title | Applicable | Justification |\n|---|---|---|---|")
    rows = [f"| {c['id']} | {c['title']} | Yes | Treats R-01 |" for c in ANNEX]
    found = findings(repo, soa(rows, front))
    assert [(f.code, f.line) for f in found] == [("SOA003", FIRST), ("SOA004", FIRST), ("SOA005", FIRST)]
    assert "none of the 38 included controls" in found[0].message


def test_excluded_controls_need_no_references(repo):
    rows = ALL[:-1] + [row("A.10.4", "Customers", "No", "We provide no AI system to customers; AI is used internally only", "", "", "")]
    assert findings(repo, soa(rows)) == []


@pytest.mark.parametrize("justification", ["", "N/A", "Not applicable.", "not relevant", "Mandatory", "Not yet implemented"])
def test_exclusion_without_justification(repo, justification):
    rows = ALL[:-1] + [row("A.10.4", "Customers", "No", justification, "", "", "")]
    (finding,) = findings(repo, soa(rows), select=["SOA006"])
    assert finding.line == FIRST + len(ALL) - 1


def test_exclusions_table_and_real_reason(repo):
    rows = ALL[:-1]
    text = soa(rows) + "\n## Exclusions\n\n| Control | Exclusion rationale |\n|---|---|\n| A.10.4 | Not applicable — we provide no AI system to customers |\n"
    assert findings(repo, text) == []
    text = soa(rows) + "\n## Exclusions\n\n| Control | Exclusion rationale |\n|---|---|\n| A.10.4 | Not applicable |\n"
    assert [f.code for f in findings(repo, text)] == ["SOA006"]


def test_front_matter_controls_keep_no_as_text(repo):
    entries = "".join(
        f"  - {{id: {c['id']}, applicable: yes, justification: Treats R-01, procedure: PROC-1, evidence: REC-1, owner: AI Governance Lead}}\n"
        for c in ANNEX[:-1]
    ) + "  - {id: A-10-4, applicable: no, justification: N/A}\n"
    text = FM.split("# Statement")[0].replace("---\n", "", 1).rsplit("---", 1)[0]
    document = "---\n" + text + "controls:\n" + entries + "---\n# Statement of Applicability\n"
    found = findings(repo, document)
    assert [f.code for f in found] == ["SOA006"] and "A-10-4" in found[0].message


def test_boilerplate_justifications_are_advisory(repo):
    rows = [row(c["id"], c["title"], justification=f"Mandatory — {c['title']}") for c in ANNEX]
    (finding,) = findings(repo, soa(rows), select=["SOA007"])
    assert finding.classification == "advisory" and "38 of 38" in finding.message and "'Mandatory'" in finding.message


def test_version_from_the_text_when_there_is_no_front_matter(repo):
    body = "# Statement of Applicability\n\nRisk register: [risk assessment](ra.md)\n\n| Control | Applicable | Justification | Procedure | Record | Owner |\n|---|---|---|---|---|---|\n"
    rows = "".join(f"| {c['id']} | Yes | Treats R-01 | PROC-1 | REC-1 | AI Governance Lead |\n" for c in ANNEX)
    config = {".aims-lint.yaml": "types:\n  'soa.md': soa\n"}
    assert [f.code for f in findings(repo, body + rows, extra=config)] == ["SOA008"]
    assert findings(repo, body.replace("\n\nRisk", "\n\n**Version:** 1.2\n\nRisk") + rows, extra=config) == []


def test_risk_register_must_name_a_document(repo):
    (finding,) = findings(repo, soa(front=FM.replace("risk_register: RA-001", "risk_register: RA-009")), select=["SOA009"])
    assert finding.line == 11 and "'RA-009' names no document" in finding.message


def test_soa_without_front_matter_needs_a_link_to_the_risk_assessment(repo):
    body = "# Statement of Applicability\n\n**Version:** 1.0\n\n| Control | Applicable | Justification | Procedure | Record | Owner |\n|---|---|---|---|---|---|\n"
    rows = "".join(f"| {c['id']} | Yes | Treats R-01 | PROC-1 | REC-1 | AI Governance Lead |\n" for c in ANNEX)
    config = {".aims-lint.yaml": "types:\n  'soa.md': soa\n"}
    assert [(f.code, f.line) for f in findings(repo, body + rows, extra=config)] == [("SOA009", 1)]
    assert findings(repo, body.replace("**Version:** 1.0", "**Version:** 1.0\n\nDerived from RA-001.") + rows, extra=config) == []


# ---------------------------------------------------------------------------
# Real documents

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not found")


def corpus_findings(tmp_path, relpath):
    corpus_repo(tmp_path, {Path(relpath).name: relpath}, "soa")
    return [(f.code, f.line, f.message) for f in lint(tmp_path, select=["SOA"]).active]


@needs_corpus
def test_ankit_soa_all_valid_but_boilerplate(tmp_path):
    found = corpus_findings(tmp_path, "Ankit-Uniyal__iso-42001-ai-governance-toolkit/05-CLAUSE6-PLANNING/STATEMENT-OF-APPLICABILITY.md")
    codes = sorted(code for code, _, _ in found)
    assert codes == ["SOA003", "SOA005", "SOA007", "SOA009"]  # no unknown or missing control, version present


@needs_corpus
def test_k0_soa_lists_14_of_38(tmp_path):
    found = corpus_findings(tmp_path, "K0-Cyber__grc-iso42001-aims-project/05-annex-a/statement-of-applicability.md")
    (missing,) = [message for code, _, message in found if code == "SOA002"]
    assert missing.startswith("24 of the 38")
    assert "SOA001" not in {code for code, _, _ in found}


@needs_corpus
def test_navinmanaswi_soa_invalid_ids(tmp_path):
    relpath = "NavinManaswi__iso-42001-aims-implementation/03-planning/statement-of-applicability.md"
    found = corpus_findings(tmp_path, relpath)
    assert "SOA006" not in {code for code, _, _ in found}  # "Not applicable — <reason>" is a justification
    # One mistake, one finding: every objective number used as a control; the two
    # numbers A.6 does not have.
    unknown = [f for f in lint(tmp_path, select=["SOA001"]).active]
    ids = [[f.message.split("'")[1]] + [item.message.strip("'") for item in f.locations] for f in unknown]
    assert ids == [["A.2.1", "A.3.1", "A.4.1", "A.5.1", "A.6.1", "A.6.2", "A.7.1", "A.8.1", "A.9.1", "A.10.1"], ["A.6.3", "A.6.4"]]
    assert unknown[0].message.startswith("'A.2.1', 'A.3.1', 'A.4.1' and 7 more are each an objective of Annex A")


@needs_corpus
def test_foundryai_jinja_template_is_one_unfilled_template_finding(tmp_path):
    corpus_repo(tmp_path, {"soa.md": "onchainlabs1__foundryai/aims_readiness_templates_en/09_SOA_TEMPLATE.md"}, "soa")
    found = [(f.code, f.classification, f.message) for f in lint(tmp_path).active if f.path == "soa.md"]
    assert [(code, classification) for code, classification, _ in found] == [("DOC015", "major")]
    assert found[0][2].startswith("Statement of Applicability not on record: the document is an unfilled template")


def test_risk_register_must_name_a_risk_assessment(repo):
    policy = RA.replace("id: RA-001", "id: POL-001").replace("type: risk-assessment", "type: ai-policy")
    (finding,) = findings(repo, soa(front=FM.replace("risk_register: RA-001", "risk_register: POL-001")), select=["SOA009"], extra={"pol.md": policy})
    assert finding.line == 11 and "names a document of type 'ai-policy', not a risk-assessment" in finding.message
