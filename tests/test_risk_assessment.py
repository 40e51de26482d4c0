"""AI risk assessment rules (6.1.2, 6.1.3): each on a register that must trigger it, at
the line where the gap is written, and on one that must not; then on real registers of
the corpus (Ankit's unfilled template, the NFS worked example, K0-Cyber's register)."""

from pathlib import Path

import pytest

from .conftest import lint, write_repo
from .test_corpus import CORPUS, corpus_repo

HEAD = """---
id: RA-001
type: risk-assessment
title: AI risk assessment
owner: Chief Risk Officer
version: "2.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-03-01
next_review: 2026-09-01
---
# AI risk assessment
"""
CRITERIA = """
## Criteria

| Level | Likelihood | Severity |
|---|---|---|
| 1 | Rare | Negligible |
| 2 | Unlikely | Minor |
| 3 | Possible | Moderate |
| 4 | Likely | Major |
| 5 | Almost certain | Severe |

Rating = likelihood × severity. A rating of 12 or more is not acceptable without treatment.

| Band | Score |
|---|---|
| Low | 1-6 |
| Medium | 8-12 |
| High | 15-25 |
"""
REGISTER = """
## Register

| ID | Risk | Category | Likelihood | Severity | Rating | Owner | Treatment |
|---|---|---|---|---|---|---|---|
"""
ROWS = [
    "| R-01 | Scoring model disadvantages young applicants | Ethical / fairness | 3 | 4 | 12 | Head of Data Science | Reduce: fairness testing |",
    "| R-02 | Assistant gives wrong repayment figures | Technical / performance | 2 | 3 | 6 | Head of Customer Operations | Reduce: catalogue answers only |",
    "| R-03 | Bureau feed delivers incomplete records | Data quality | 2 | 4 | 8 | Head of Data Science | Reduce: completeness checks |",
    "| R-04 | Declined applicants get no reasons | Explainability | 2 | 4 | 8 | Chief Risk Officer | Reduce: reason codes |",
    "| R-05 | LLM provider changes the model without notice | Third-party / supply chain | 3 | 3 | 9 | AI Governance Lead | Reduce: version pinning |",
    "| R-06 | Declines push vulnerable customers to high-cost lenders | Societal impact | 2 | 5 | 10 | Chief Risk Officer | Reduce: debt advice referral |",
]
FIRST_ROW_LINE = HEAD.count("\n") + CRITERIA.count("\n") + REGISTER.count("\n") + 1


def document(rows=ROWS, criteria=CRITERIA, register=REGISTER):
    return HEAD + criteria + register + "\n".join(rows) + "\n"


def rsk(root, **kwargs):
    return [(f.code, f.line) for f in lint(root, select=["RSK"], **kwargs).active]


def test_complete_assessment_has_no_finding(repo):
    assert rsk(repo({"ra.md": document()})) == []


def test_criteria_missing_is_major_at_the_title(repo):
    result = lint(repo({"ra.md": document(criteria="\nRatings are agreed in the risk meeting.\n")}), select=["RSK001"])
    (finding,) = result.active
    assert (finding.line, finding.classification) == (12, "major")
    assert "likelihood and severity/impact scales" in finding.message


def test_criteria_in_a_linked_procedure_count(repo):
    procedure = HEAD.replace("type: risk-assessment", "type: procedure").replace("RA-001", "PROC-RISK") + CRITERIA
    root = repo({"ra.md": document(criteria="\nThe scales are in [the procedure](proc.md).\n"), "proc.md": procedure})
    assert rsk(root) == []


def test_criteria_in_a_procedure_named_by_id_in_front_matter(repo):
    procedure = HEAD.replace("type: risk-assessment", "type: procedure").replace("RA-001", "PROC-RISK") + CRITERIA
    text = document(criteria="\nSee the procedure.\n").replace("version:", "procedure: PROC-RISK\nversion:")
    assert rsk(repo({"ra.md": text, "proc.md": procedure})) == []


def test_broken_link_to_criteria_is_named(repo):
    result = lint(repo({"ra.md": document(criteria="\nSee [the procedure](missing.md).\n")}), select=["RSK001"])
    assert "'missing.md' does not exist" in result.active[0].message


def test_labelled_scale_lines_count(repo):
    criteria = """
| Parameter | Approach |
|---|---|
| Likelihood scoring | 1 rare to 5 almost certain |
| Impact scoring | 1 negligible to 5 critical |
| Acceptance | ratings of 9 or more need treatment |
"""
    assert rsk(repo({"ra.md": document(criteria=criteria)})) == []


def test_acceptance_threshold_missing(repo):
    criteria = CRITERIA.replace("Rating = likelihood × severity. A rating of 12 or more is not acceptable without treatment.", "")
    assert rsk(repo({"ra.md": document(criteria=criteria)})) == [("RSK002", 12)]


def test_one_finding_lists_every_missing_dimension(repo):
    result = lint(repo({"ra.md": document(rows=ROWS[:3])}), select=["RSK003"])
    (finding,) = result.active
    assert finding.line == FIRST_ROW_LINE - 4 and finding.classification == "advisory"
    assert "societal impact, third-party/supply chain or explainability risk" in finding.message


def test_dimension_recognised_by_wording_and_heading_without_category_column(repo):
    register = "\n## Bias and fairness risks\n\n| ID | Risk | Likelihood | Severity | Rating | Owner | Treatment |\n|---|---|---|---|---|---|---|\n"
    rows = [
        "| R-01 | Proxy variables encode protected characteristics | 3 | 4 | 12 | Head of Data Science | Reduce |",
        "| R-02 | Model drift lowers accuracy | 2 | 3 | 6 | Head of Data Science | Reduce |",
        "| R-03 | Training data is unrepresentative of self-employed applicants | 2 | 4 | 8 | Head of Data Science | Reduce |",
        "| R-04 | Applicants receive no explanation of a decline | 2 | 4 | 8 | Chief Risk Officer | Reduce |",
        "| R-05 | Vendor retires the foundation model | 3 | 3 | 9 | AI Governance Lead | Reduce |",
        "| R-06 | Vulnerable customers lose access to fair credit | 2 | 5 | 10 | Chief Risk Officer | Reduce |",
    ]
    assert rsk(repo({"ra.md": document(rows=rows, register=register)})) == []


def test_row_without_owner_and_treatment(repo):
    rows = ROWS[:5] + ["| R-06 | Declines push vulnerable customers to high-cost lenders | Societal impact | 2 | 5 | 10 | | TBD |"]
    result = lint(repo({"ra.md": document(rows=rows)}), select=["RSK004"])
    (finding,) = result.active
    assert finding.line == FIRST_ROW_LINE + 5 and "has no owner or treatment" in finding.message


def test_unfilled_template_is_one_major_finding(repo):
    rows = [f"| R-0{n} | Catalogue risk number {n} about model drift | Technical | | | | | |" for n in range(1, 8)]
    result = lint(repo({"ra.md": document(rows=rows)}), select=["RSK004", "RSK005", "RSK006"])
    assert [(f.code, f.line, f.classification) for f in result.active] == [("RSK005", FIRST_ROW_LINE, "major")]
    assert "7 of 7 risks" in result.active[0].message and "unfilled template" in result.active[0].message


def test_two_empty_rows_are_reported_row_by_row(repo):
    rows = ROWS[:4] + ["| R-05 | LLM provider changes the model | Third party | | | | | |", "| R-06 | Declines hurt vulnerable customers | Societal | | | | | |"]
    assert rsk(repo({"ra.md": document(rows=rows)})) == [("RSK004", FIRST_ROW_LINE + 4), ("RSK004", FIRST_ROW_LINE + 5)]


def test_no_register_at_all(repo):
    assert rsk(repo({"ra.md": HEAD + CRITERIA})) == [("RSK005", 12)]


def test_rating_not_the_product_of_its_scores(repo):
    rows = [ROWS[0].replace("| 12 |", "| 10 |")] + ROWS[1:]
    result = lint(repo({"ra.md": document(rows=rows)}), select=["RSK006"])
    (finding,) = result.active
    assert finding.line == FIRST_ROW_LINE and "not likelihood 3 × severity 4 = 12" in finding.message


def test_rating_label_outside_its_band(repo):
    rows = [ROWS[0].replace("| 12 |", "| High: 12 |")] + ROWS[1:]
    result = lint(repo({"ra.md": document(rows=rows)}), select=["RSK006"])
    (finding,) = result.active
    assert "labelled 'High'" in finding.message and "'Medium' (8-12" in finding.message


def test_cybersecurity_only_register_replaces_dimension_findings(repo):
    rows = [
        "| R-01 | Ransomware encrypts the servers | Security | 2 | 5 | 10 | CISO | Reduce: backups |",
        "| R-02 | Phishing gives an attacker admin access | Security | 3 | 4 | 12 | CISO | Reduce: hardware keys |",
        "| R-03 | Unauthorised access to the model registry | Security | 2 | 4 | 8 | CISO | Reduce: access reviews |",
    ]
    assert rsk(repo({"ra.md": document(rows=rows)})) == [("RSK007", FIRST_ROW_LINE)]


def test_section_per_risk_register_is_read(repo):
    entry = """
## Risk 1: Bias against young applicants

| Field | Entry |
|---|---|
| **Risk ID** | R-01 |
| **Risk Title** | Scoring model disadvantages young applicants |
| **Risk Owner** | Head of Data Science |

### Assessment

| Dimension | Score | Basis |
|---|---|---|
| Likelihood (1-5) | 3 — Possible | seen in v1 |
| Impact (1-5) | 5 — Severe | credit denied |
| Inherent Risk Score | 15 (Medium) | 3 x 5 |

### Treatment

Monthly fairness testing.
"""
    result = lint(repo({"ra.md": HEAD + CRITERIA + entry}), select=["RSK004", "RSK005", "RSK006"])
    (finding,) = result.active
    assert finding.code == "RSK006" and "'R-01'" in finding.message and "'High' (15-25" in finding.message


# ---------------------------------------------------------------------------
# Real documents

ANKIT = "Ankit-Uniyal__iso-42001-ai-governance-toolkit"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not found")


def corpus_findings(tmp_path, relpath):
    corpus_repo(tmp_path, {Path(relpath).name: relpath}, "risk-assessment")
    return [(f.code, f.line, f.message) for f in lint(tmp_path, select=["RSK"]).active]


@needs_corpus
def test_ankit_unfilled_register_is_one_finding(tmp_path):
    found = corpus_findings(tmp_path, f"{ANKIT}/05-CLAUSE6-PLANNING/AI-RISK-REGISTER.md")
    assert [(code, line) for code, line, _ in found] == [("RSK005", 73)]
    assert "44 of 44 risks" in found[0][2]


@needs_corpus
def test_nfs_worked_example_rating_contradicts_its_own_bands(tmp_path):
    found = corpus_findings(tmp_path, f"{ANKIT}/14-WORKED-EXAMPLE/NFS-RISK-REGISTER-ENTRY.md")
    ratings = [message for code, _, message in found if code == "RSK006"]
    assert any("rating 15 is labelled 'High'" in m and "'Critical' (13-25" in m for m in ratings)
    assert not any(code in ("RSK004", "RSK005") for code, _, _ in found)


@needs_corpus
def test_k0_register_ratings_contradict_its_bands(tmp_path):
    found = corpus_findings(tmp_path, "K0-Cyber__grc-iso42001-aims-project/03-planning/ai-risk-register.md")
    codes = [code for code, _, _ in found]
    assert codes.count("RSK006") == 10 and "RSK002" in codes
    assert "RSK001" not in codes and "RSK004" not in codes  # scales are labelled rows; every row is complete


@needs_corpus
def test_foundryai_jinja_template_is_one_unfilled_template_finding(tmp_path):
    found = corpus_findings(tmp_path, "onchainlabs1__foundryai/aims_readiness_templates_en/01_RISK_ASSESSMENT.md")
    assert [code for code, _, _ in found] == ["RSK005"]
    assert found[0][2].startswith("the document is an unfilled template (")


# RSK001: the scales in other layouts and in other documents of the repository

HTML_SCALES = """
## Likelihood determination

Likelihood is graded from 1 (low) to 5 (high), as table 1 shows.

<table>
<tbody><tr>
<th>GRADE</th>
<th>DESCRIPTION</th>
</tr>
<tr><td>1</td><td>Improbable</td></tr>
<tr><td>2</td><td>Unlikely</td></tr>
<tr><td>3</td><td>Likely</td></tr>
<tr><td>4</td><td>Very likely</td></tr>
</tbody></table>

## Impact determination

The impact of a risk is graded as table 2 shows.

<table><tr><td>Grade</td><td>Impact on the people affected</td></tr>
<tr><td>1</td><td>Negligible: no lasting effect</td></tr>
<tr><td>2</td><td>Moderate: redress within a week</td></tr>
<tr><td>3</td><td>Severe: lasting harm</td></tr></table>

A rating of 12 or more is not acceptable without treatment.
"""

LIST_SCALES = """
## Risk criteria

**Likelihood scale**

- 1 – Rare: less than once in ten years
- 2 – Unlikely: once in five to ten years
- 3 – Possible: once in one to five years
- 4 – Likely: every year

**Severity scale**

- 1 – Negligible: no effect on the people affected
- 2 – Moderate: effects redressed within a week
- 3 – Major: lasting harm to some people
- 4 – Catastrophic: lasting harm to many

A rating of 12 or more is not acceptable without treatment.
"""

BOX_SCALES = """
## Risk criteria

```text
┌──────────┬────────────────┬────────────────┐
│ Level    │ Likelihood     │ Severity       │
├──────────┼────────────────┼────────────────┤
│ 1        │ Rare           │ Negligible     │
│ 2        │ Unlikely       │ Minor          │
│ 3        │ Possible       │ Moderate       │
│ 4        │ Likely         │ Major          │
└──────────┴────────────────┴────────────────┘
```

A rating of 12 or more is not acceptable without treatment.
"""


@pytest.mark.parametrize("criteria", [HTML_SCALES, LIST_SCALES, BOX_SCALES], ids=["html-table", "bullet-list", "box-drawing"])
def test_scales_in_html_tables_bullet_lists_and_box_drawings_are_read(tmp_path, criteria):
    assert rsk(write_repo(tmp_path / "scales", {"ra.md": document(criteria=criteria)}), today="2026-06-01") == []
    # the same document without its scales is still a major gap
    bare = document(criteria="\nRatings are agreed in the risk meeting.\n")
    result = lint(write_repo(tmp_path / "bare", {"ra.md": bare}), select=["RSK001"])
    assert [finding.code for finding in result.active] == ["RSK001"]


def test_scales_in_another_risk_assessment_document_of_the_repository_count(repo):
    """A register, a methodology and an acceptance-criteria document are one risk
    assessment: the scales are defined once, in the methodology, and not linked."""
    methodology = HEAD.replace("RA-001", "RA-METHOD").replace("# AI risk assessment", "# Risk methodology") + CRITERIA
    register = document(criteria="\nRisks are rated against the methodology's scales.\n")
    assert rsk(repo({"risk/register.md": register, "risk/methodology.md": methodology}), today="2026-06-01") == []


def test_scales_in_a_document_named_in_inline_code_count(tmp_path):
    procedure = HEAD.replace("type: risk-assessment", "type: procedure").replace("RA-001", "PROC-RISK") + CRITERIA
    register = document(criteria="\nThe scales are in `0060_Risk_Methodology.md`.\n")
    root = write_repo(tmp_path / "named", {"isms/0070_ra.md": register, "isms/0060_Risk_Methodology.md": procedure})
    assert rsk(root, today="2026-06-01") == []
    # a procedure nobody names does not define the register's criteria
    unnamed = document(criteria="\nAgreed in the meeting.\n")
    root = write_repo(tmp_path / "unnamed", {"isms/0070_ra.md": unnamed, "isms/0060_Risk_Methodology.md": procedure})
    assert [code for code, _ in rsk(root, today="2026-06-01")] == ["RSK001"]


def test_dimensions_covered_by_another_register_of_the_repository_are_not_missing(tmp_path):
    enterprise = HEAD.replace("RA-001", "RA-ENT").replace("# AI risk assessment", "# Enterprise risk register") + CRITERIA + REGISTER + "\n".join(
        [ROWS[0], ROWS[1], ROWS[3]]
    ) + "\n"
    ai_register = document()  # all six dimensions
    root = write_repo(tmp_path / "both", {"risk/enterprise.md": enterprise, "risk/ai.md": ai_register})
    assert [code for code, _ in rsk(root, today="2026-06-01")] == []
    root = write_repo(tmp_path / "alone", {"risk/enterprise.md": enterprise})
    assert [code for code, _ in rsk(root, today="2026-06-01")] == ["RSK003"]
