"""The SoA against Annex A and against the risk treatment (issue 13): control titles
that name another control (SOA011), inclusions without a justification (SOA012), in
every layout the reading layer reads; the K0-Cyber SoA of the corpus."""

import pytest

from aims_lint.annex_a import disagreement

from .conftest import lint
from .test_corpus import CORPUS, corpus_repo
from .test_soa import ALL, ANNEX, FIRST, FM, findings, row, soa

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not found")


def _replace(rows, control, new):
    return [new if f"| {control} |" in r else r for r in rows]


# ---------------------------------------------------------------------------
# The shared helper: does a title name its control?


@pytest.mark.parametrize(
    "control, title",
    [
        ("A.2.2", "AI policy communicated"),  # paraphrase
        ("A.2.2", "ai POLICY"),  # case
        ("A.6.2.8", "AI system logging"),  # abbreviation
        ("A.6.2.4", "AI system testing"),
        ("A.7.5", "Data lineage"),  # shares "data" with its own title
        ("A.3.2", "AI-related responsibilities"),
        ("A.9.2", "Human oversight of AI"),  # names nothing else recognisable
        ("A.8.2", "Data governance"),  # several data controls: not one other control
        ("A.4.6", "AI awareness and training"),
    ],
)
def test_titles_that_name_their_control_or_nothing_else(control, title):
    assert disagreement(control, title) is None


@pytest.mark.parametrize(
    "control, title, names",
    [
        ("A.10.2", "Supplier contracts", "A.10.3 'Suppliers'"),
        ("A.2.3", "Review of the AI policy", "A.2.4 'Review of the AI policy'"),  # shifted by one
        ("A.3.2", "Reporting of concerns", "A.3.3 'Reporting of concerns'"),
        ("A.9.2", "Cryptography", "an ISO/IEC 27001 control ('cryptograph')"),
        ("A.4.6", "Screening for AI roles", "an ISO/IEC 27001 control ('screening')"),
        ("A.5.2", "Information security roles and responsibilities", "an ISO/IEC 27001 control ('information security')"),
    ],
)
def test_titles_that_name_another_control(control, title, names):
    found = disagreement(control, title)
    assert found is not None and found.names == names


def test_ids_outside_the_catalogue_and_empty_titles_are_not_judged():
    assert disagreement("A.12.4.1", "Event logging") is None
    assert disagreement("A.10.2", "") is None


# ---------------------------------------------------------------------------
# SOA011


def test_a_few_wrong_titles_are_one_finding_with_every_row(repo):
    rows = _replace(ALL, "A.4.6", row("A.4.6", "Screening for AI roles"))
    rows = _replace(rows, "A.10.2", row("A.10.2", "Supplier contracts"))
    (finding,) = findings(repo, soa(rows), select=["SOA011"])
    index = [c["id"] for c in ANNEX]
    assert finding.line == FIRST + index.index("A.4.6") and finding.classification == "minor"
    assert finding.message.startswith("2 SoA rows give a title that is not the Annex A control of their number: A.4.6 'Screening for AI roles' names an ISO/IEC 27001 control ('screening'), not A.4.6 'Human resources'")
    assert [item.line for item in finding.locations] == [FIRST + index.index("A.10.2")]


def test_titles_in_their_own_words_pass(repo):
    rows = _replace(ALL, "A.2.2", row("A.2.2", "AI policy communicated"))
    rows = _replace(rows, "A.6.2.8", row("A.6.2.8", "AI SYSTEM LOGGING"))
    assert findings(repo, soa(rows), select=["SOA011"]) == []


def test_another_standards_soa_is_soa010s_single_finding(repo):
    titles = ["Policies for information security", "Information security roles and responsibilities", "Segregation of duties",
              "Management responsibilities", "Contact with authorities", "Threat intelligence"]
    rows = [f"| A.5.{n} | {t} | Yes | Risk R-01 | Implemented | PROC-1 | REC-1 | CISO |" for n, t in enumerate(titles, 1)]
    found = findings(repo, soa(rows), select=["SOA010", "SOA011"])
    assert [f.code for f in found] == ["SOA010"]


KV = FM.split("| Control |")[0] + """
### A.10.2 Supplier contracts

| Field | Value |
|---|---|
| Applicable | Yes |
| Justification | Risk R-05 |
| Owner | Head of Procurement |
"""

FIELDS = FM.split("| Control |")[0] + """
## A.9.2 Cryptography

- **Applicable:** Yes
- **Justification:** Risk R-02
- **Owner:** CISO
"""


@pytest.mark.parametrize("text, line", [(KV, 18), (FIELDS, 16)])
def test_other_layouts(repo, text, line):
    (finding,) = findings(repo, text, select=["SOA011"])
    assert finding.line == line


def test_front_matter_controls(repo):
    front = FM.replace("risk_register: RA-001\n", "risk_register: RA-001\ncontrols:\n  - {id: A.2.2, title: AI policy, applicable: yes, justification: Risk R-01}\n  - {id: A.2.3, title: Review of the AI policy, applicable: yes, justification: Risk R-01}\n")
    (finding,) = findings(repo, front.split("| Control |")[0], select=["SOA011"])
    assert "A.2.3 'Review of the AI policy' names A.2.4 'Review of the AI policy'" in finding.message


# ---------------------------------------------------------------------------
# SOA012


def test_included_rows_without_justification_are_one_finding(repo):
    rows = _replace(ALL, "A.4.4", row("A.4.4", "Tooling resources", justification=" "))
    rows = _replace(rows, "A.7.6", row("A.7.6", "Data preparation", justification="N/A"))
    (finding,) = findings(repo, soa(rows), select=["SOA012"])
    assert finding.message.startswith("2 of the 38 included controls (A.4.4, A.7.6) have no justification for inclusion")
    assert finding.classification == "minor" and len(finding.locations) == 1


def test_no_justification_column_is_one_finding_for_every_table(repo):
    header = "| Control | Title | Applicable | Status | Procedure | Record | Owner |\n|---|---|---|---|---|---|---|\n"
    body = FM.split("| Control |")[0]
    for group in ("A.2", "A.3"):
        body += f"\n## {group}\n\n" + header + "\n".join(
            f"| {c['id']} | {c['title']} | Yes | Implemented | PROC-1 | REC-1 | AI Governance Lead |" for c in ANNEX if c["group"] == group
        ) + "\n"
    (finding,) = findings(repo, body, select=["SOA012"])
    assert finding.message.startswith("none of the 5 included controls has a justification (no justification, rationale or risk column)")
    assert len(finding.locations) == 1  # the first row of the second table


def test_risks_treated_are_a_justification(repo):
    header = "| Control | Title | Applicable | Risks treated | Status | Procedure | Record | Owner |"
    text = soa(front=FM.replace("| Control | Title | Applicable | Justification | Status | Procedure | Record | Owner |", header))
    assert findings(repo, text, select=["SOA012"]) == []


def test_exclusions_are_soa006s(repo):
    rows = _replace(ALL, "A.10.4", "| A.10.4 | Customers | No | | | | | |")
    assert [f.code for f in findings(repo, soa(rows), select=["SOA006", "SOA012"])] == ["SOA006"]


def test_labelled_fields_without_justification(repo):
    text = FM.split("| Control |")[0] + "## A.6.2.6 AI system operation and monitoring\n\n- **Applicable:** Yes\n- **Owner:** MLOps Lead\n- **Justification:** \n"
    (finding,) = findings(repo, text, select=["SOA012"])
    assert finding.message.startswith("included control A.6.2.6 has no justification")


@needs_corpus
def test_k0_soa_valid_ids_wrong_titles_and_no_reasons(tmp_path):
    corpus_repo(tmp_path, {"soa.md": "K0-Cyber__grc-iso42001-aims-project/05-annex-a/statement-of-applicability.md"}, "soa")
    found = {f.code: f for f in lint(tmp_path, select=["SOA011", "SOA012"]).active}
    assert sorted(found) == ["SOA011", "SOA012"]
    assert found["SOA011"].message.startswith("3 SoA rows give a title")
    assert len(found["SOA011"].locations) == 2
    assert found["SOA012"].message.startswith("none of the 15 included controls has a justification")


# ---------------------------------------------------------------------------
# TRC004: a treatment naming a control the SoA excludes, whatever the layouts

RA_FM = """---
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
RISK_TABLE = RA_FM + """| ID | Risk | Likelihood | Severity | Owner | Treatment |
|---|---|---|---|---|---|
| R-02 | Bureau feed delivers stale records | 2 | 4 | Head of Data Science | Reduce: freshness checks (A.7.4) |
"""
RISK_SECTIONS = RA_FM + """## R-02 Bureau feed delivers stale records

- **Likelihood:** 2
- **Severity:** 4
- **Owner:** Head of Data Science
- **Controls:** A.7.4 Quality of data for AI systems
"""
RISK_KV = RA_FM + """### R-02 Bureau feed delivers stale records

| Field | Value |
|---|---|
| Likelihood | 2 |
| Severity | 4 |
| Owner | Head of Data Science |
| Treatment | Reduce: freshness checks at ingestion, A.7.4 |
"""
SOA_HEAD = FM.split("| Control |")[0]
SOA_TABLE = soa(_replace(ALL, "A.7.4", "| A.7.4 | Quality of data for AI systems | No | Data quality is managed by the ISMS | | | | |"))
SOA_FIELDS = SOA_HEAD + """## A.7.4 Quality of data for AI systems

- **Applicable:** No
- **Justification:** Data quality is managed by the ISMS
"""
SOA_KV = SOA_HEAD + """### A.7.4 Quality of data for AI systems

| Field | Value |
|---|---|
| Applicable | No |
| Justification | Data quality is managed by the ISMS |
"""


def _line(text, needle):
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("risks", [RISK_TABLE, RISK_SECTIONS, RISK_KV], ids=["risk-table", "risk-sections", "risk-kv"])
@pytest.mark.parametrize("soa_text", [SOA_TABLE, SOA_FIELDS, SOA_KV], ids=["soa-table", "soa-fields", "soa-kv"])
def test_treatment_naming_an_excluded_control_points_at_both_ends(repo, risks, soa_text):
    root = repo({"planning/risk-assessment.md": risks, "planning/soa.md": soa_text})
    (finding,) = lint(root, select=["TRC004"]).active
    assert finding.path == "planning/risk-assessment.md" and finding.line == _line(risks, "A.7.4")
    assert "A.7.4, cited in the treatment of risk R-02, is excluded in the Statement of Applicability" in finding.message
    (other,) = finding.locations
    soa_line = _line(soa_text, "A.7.4") if soa_text is not SOA_KV else _line(soa_text, "| Field |")
    assert (other.path, other.line, other.message) == ("planning/soa.md", soa_line, "A.7.4 excluded here")


def test_treatment_naming_an_included_control_passes(repo):
    root = repo({"planning/risk-assessment.md": RISK_SECTIONS, "planning/soa.md": soa()})
    assert lint(root, select=["TRC004"]).active == []
