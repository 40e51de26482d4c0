"""Reading risks whatever the layout (aims_lint.reading.risks).

One register of three risks written in each layout an organisation uses is read to the
same risks (id, likelihood, severity, owner, treatment, residual); tables that are not
registers (scales, treatment options, action plans, schemas, examples) give no risks;
a methodology whose register is another document is not "empty"; and the headline gap,
a risk without owner or treatment, is found in every layout.
"""

from pathlib import Path

import pytest

from aims_lint.document import Document
from aims_lint.reading.risks import parse_product, parse_rating, parse_score, reading, risks

from .conftest import lint


def read(text: str) -> Document:
    return Document(Path("ra.md"), "ra.md", text)


# The register every layout below writes: (id, likelihood, severity, owner, treatment).
EXPECTED = [
    ("R-01", 3, 4, "Head of Data Science", "fairness testing"),
    ("R-02", 2, 3, "Head of Customer Operations", "catalogue answers only"),
    ("R-03", 2, 4, "", "completeness checks"),  # no owner: the gap every layout must show
]

LAYOUTS = {
    "table with full headers": """# AI risk register

| Risk ID | Risk | Category | Likelihood | Severity | Rating | Owner | Treatment |
|---|---|---|---|---|---|---|---|
| R-01 | Scoring model disadvantages young applicants | Fairness | 3 | 4 | 12 | Head of Data Science | Reduce: fairness testing |
| R-02 | Assistant gives wrong repayment figures | Technical | 2 | 3 | 6 | Head of Customer Operations | Reduce: catalogue answers only |
| R-03 | Bureau feed delivers incomplete records | Data quality | 2 | 4 | 8 | | Reduce: completeness checks |
""",
    "abbreviations defined in the text, impact before likelihood": """# AI risk register

Each risk is rated for Impact (I) and Probability (P) on 1-5 scales; the score is P x I.

| # | Risk | I | P | P x I | Owner | Treatment |
|---|---|---|---|---|---|---|
| R-01 | Scoring model disadvantages young applicants | 4 | 3 | 12 | Head of Data Science | fairness testing |
| R-02 | Assistant gives wrong repayment figures | 3 | 2 | 6 | Head of Customer Operations | catalogue answers only |
| R-03 | Bureau feed delivers incomplete records | 4 | 2 | 8 | TBD | completeness checks |
""",
    "cells P2 / S5 and a product score": """# AI risk register

| ID | Description | Probability | Impact | Score | Risk owner | Mitigation |
|---|---|---|---|---|---|---|
| R-01 | Scoring model disadvantages young applicants | P3 | S4 | 3×4=12 | Head of Data Science | fairness testing |
| R-02 | Assistant gives wrong repayment figures | P2 | S3 | 2×3=6 | Head of Customer Operations | catalogue answers only |
| R-03 | Bureau feed delivers incomplete records | P2 | S4 | 2×4=8 | [Owner] | completeness checks |
""",
    "only a product score": """# AI risk register

| Risk ID | Risk | Inherent Score | Residual Score | Owner | Treatment |
|---|---|---|---|---|---|
| R-01 | Scoring model disadvantages young applicants | 3×4=12 | 3×2=6 | Head of Data Science | fairness testing |
| R-02 | Assistant gives wrong repayment figures | 2×3=6 | 2×2=4 | Head of Customer Operations | catalogue answers only |
| R-03 | Bureau feed delivers incomplete records | 2×4=8 | 1×4=4 | | completeness checks |
""",
    "German headers": """# KI-Risikoregister

| Risiko-ID | Bedrohung | Auswirkung (1-5) | Wahrscheinlichkeit (1-5) | Risikostufe | Risiko-Eigentümer | Maßnahme |
|---|---|---|---|---|---|---|
| R-01 | Benachteiligung junger Antragsteller | 4 | 3 | Mittel | Head of Data Science | fairness testing |
| R-02 | Falsche Rückzahlungsbeträge | 3 | 2 | Niedrig | Head of Customer Operations | catalogue answers only |
| R-03 | Unvollständige Auskunftsdaten | 4 | 2 | Mittel | | completeness checks |
""",
    "labelled-field sections with inherent and residual": """# AI risk register

## Risks

### Risk R-01: Scoring model disadvantages young applicants

- **Category**: Fairness
- **Inherent risk:**
  - Likelihood: 3 - Possible
  - Impact: 4 - Major
- **Residual risk:**
  - Likelihood: 2
  - Impact: 4
- **Owner**: Head of Data Science
- **Mitigation Strategy**:
  - fairness testing every month

### Risk R-02: Assistant gives wrong repayment figures

**Likelihood (L):** 2

**Severity (S):** 3

**Owner:** Head of Customer Operations

**Treatment:** catalogue answers only

### R-03 — Bureau feed delivers incomplete records

- **Likelihood**: 2
- **Impact**: 4
- **Treatment**: completeness checks

#### Residual

- **Likelihood**: 1
""",
    "one key/value table per risk": """# AI risk register

## Risk 1

| Field | Value |
|---|---|
| Risk ID | R-01 |
| Risk title | Scoring model disadvantages young applicants |
| Likelihood | 3 (Possible) |
| Impact | 4 (Major) |
| Risk owner | Head of Data Science |
| Treatment | fairness testing |

## Risk 2

| Field | Value |
|---|---|
| Risk ID | R-02 |
| Risk title | Assistant gives wrong repayment figures |
| Likelihood | 2 |
| Impact | 3 |
| Risk owner | Head of Customer Operations |
| Treatment | catalogue answers only |

## Risk 3

| Field | Value |
|---|---|
| Risk ID | R-03 |
| Risk title | Bureau feed delivers incomplete records |
| Likelihood | 2 |
| Impact | 4 |
| Risk owner | |
| Treatment | completeness checks |
""",
    "box-drawn register in a code fence": """# AI risk register

```
┌──────┬──────────────────────────────┬───┬───┬─────────────────────────────┬────────────────────────┐
│ ID   │ Risk                         │ L │ S │ Owner                       │ Treatment              │
├──────┼──────────────────────────────┼───┼───┼─────────────────────────────┼────────────────────────┤
│ R-01 │ Scoring model disadvantages  │ 3 │ 4 │ Head of Data Science        │ fairness testing       │
│      │ young applicants             │   │   │                             │                        │
│ R-02 │ Assistant gives wrong        │ 2 │ 3 │ Head of Customer Operations │ catalogue answers only │
│ R-03 │ Bureau feed incomplete       │ 2 │ 4 │                             │ completeness checks    │
└──────┴──────────────────────────────┴───┴───┴─────────────────────────────┴────────────────────────┘
```
""",
    "HTML table": """# AI risk register

<table>
<tr><th>Risk ID</th><th>Risk</th><th>Likelihood</th><th>Impact</th><th>Owner</th><th>Treatment</th></tr>
<tr><td>R-01</td><td>Scoring model disadvantages young applicants</td><td>3</td><td>4</td><td>Head of Data Science</td><td>fairness testing</td></tr>
<tr><td>R-02</td><td>Assistant gives wrong repayment figures</td><td>2</td><td>3</td><td>Head of Customer Operations</td><td>catalogue answers only</td></tr>
<tr><td>R-03</td><td>Bureau feed delivers incomplete records</td><td>2</td><td>4</td><td></td><td>completeness checks</td></tr>
</table>
""",
    "labelled records in box panels in a code fence": """# AI risk register

```
RISK REGISTER
┌───────────────────────────────────────────────────────────┐
│ Risk ID: R-01                                             │
│ Risk Title: Scoring model disadvantages young applicants  │
│ Risk Owner: Head of Data Science                          │
│ Likelihood: 3 | Severity: 4                               │
│ Treatment Plan:                                           │
│ • fairness testing every month                            │
└───────────────────────────────────────────────────────────┘
┌───────────────────────────────────────────────────────────┐
│ Risk ID: R-02                                             │
│ Risk Title: Assistant gives wrong repayment figures       │
│ Risk Owner: Head of Customer Operations                   │
│ Likelihood: 2 | Severity: 3                               │
│ Treatment: catalogue answers only                         │
└───────────────────────────────────────────────────────────┘
┌───────────────────────────────────────────────────────────┐
│ Risk ID: R-03                                             │
│ Risk Title: Bureau feed delivers incomplete records       │
│ Likelihood: 2 | Severity: 4                               │
│ Treatment: completeness checks                            │
└───────────────────────────────────────────────────────────┘
```
""",
    "labelled lines in a plain code fence": """# AI risk register

```text
Risk ID: R-01
Risk: Scoring model disadvantages young applicants
Likelihood: 3
Severity: 4
Owner: Head of Data Science
Treatment: fairness testing

Risk ID: R-02
Risk: Assistant gives wrong repayment figures
Likelihood: 2
Severity: 3
Owner: Head of Customer Operations
Treatment: catalogue answers only

Risk ID: R-03
Risk: Bureau feed delivers incomplete records
Likelihood: 2
Severity: 4
Treatment: completeness checks
```
""",
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_to_the_same_risks(layout):
    found = risks(read(LAYOUTS[layout]))
    assert [risk.ident for risk in found] == [ident for ident, *_ in EXPECTED]
    for risk, (_, likelihood, severity, owner, treatment) in zip(found, EXPECTED):
        assert (risk.likelihood, risk.severity) == (likelihood, severity), layout
        assert risk.owner == owner and treatment in risk.treatment, layout


def test_residual_values_are_kept_apart_from_inherent_ones():
    first, _, third = risks(read(LAYOUTS["labelled-field sections with inherent and residual"]))
    assert first.values["likelihood"].text.startswith("3") and first.values["residual_likelihood"].text == "2"
    assert third.values["residual_likelihood"].text == "1" and third.likelihood == 2
    product = risks(read(LAYOUTS["only a product score"]))[0]
    assert product.values["residual_likelihood"].text == "3" and product.values["residual_severity"].text == "2"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_risk_without_owner_is_found_in_every_layout(layout, tmp_path):
    (tmp_path / ".aims-lint.yaml").write_text('types:\n  "ra.md": risk-assessment\n')
    (tmp_path / "ra.md").write_text(LAYOUTS[layout])
    findings = [f for f in lint(tmp_path, select=["RSK004"]).active]
    assert [f.message[:28] for f in findings] == ["risk 'R-03' has no owner: ev"], layout


def test_a_risk_without_treatment_is_found():
    text = LAYOUTS["table with full headers"].replace("| Reduce: completeness checks |", "| |")
    (third,) = [risk for risk in risks(read(text)) if risk.ident == "R-03"]
    assert third.missing() == ["owner", "treatment"]


# ---------------------------------------------------------------------------
# Tables that are not registers

NOT_REGISTERS = {
    "likelihood scale": """| Score | Likelihood | Description |
|---|---|---|
| 1 | Rare | May occur only in exceptional circumstances |
| 2 | Unlikely | Could occur at some time |
| 3 | Possible | Might occur |
| 4 | Likely | Will probably occur |
| 5 | Almost certain | Expected to occur |
""",
    "scale with level words first": """| Level | Descriptor | Owner of the decision |
|---|---|---|
| Low | Accept and monitor | Risk owner |
| Medium | Treat within six months | CISO |
| High | Treat now | Management |
""",
    "heat map": """| Likelihood | Minor (1) | Moderate (2) | Major (3) | Severe (4) |
|---|---|---|---|---|
| Likely (3) | Medium (3) | High (6) | High (9) | Critical (12) |
| Possible (2) | Low (2) | Medium (4) | High (6) | High (8) |
""",
    "treatment options": """| Treatment | Description | When to apply |
|---|---|---|
| Avoid | Stop the activity | Unacceptable risk |
| Reduce | Apply controls | Most risks |
| Transfer | Insure or outsource | Financial risks |
| Accept | Take the risk knowingly | Low risks within appetite |
""",
    "action plan": """## Treatment action plan

| Action | Risk | What | Owner | Due |
|---|---|---|---|---|
| A-1 | R-01 | Add fairness tests to the pipeline | Head of Data Science | 2026-09-30 |
| A-2 | R-02 | Restrict answers to the catalogue | Head of Customer Operations | 2026-08-31 |
""",
    "schema of a register entry": """| Field | Description |
|---|---|
| Risk ID | Unique identifier (format: AIR-YYYY-NNN) |
| Likelihood | 1 (Very Low) to 5 (Very High) |
| Risk Owner | Role title of responsible party |
""",
    "example in a procedure": """3. **Example Treatment Decisions:**

| Risk | Risk Level | Treatment Strategy | Rationale | Owner | Target Date |
|---|---|---|---|---|---|
| Bias in hiring | High (16) | Mitigate | Fairness constraints | Data Science Lead | 2025-03-31 |
""",
    "closed-risk archive": """## Closed risks (archive)

| Risk ID | Threat | Score | Treatment | Closure date |
|---|---|---|---|---|
| R-20 | Unpatched web server | 15 | Mitigate | 2026-01-10 |
""",
    "asset list": """| Asset | Description | Owner | Criticality |
|---|---|---|---|
| Credit model | Scores applications | Head of Data Science | High |
""",
}


@pytest.mark.parametrize("kind", NOT_REGISTERS)
def test_tables_that_are_not_registers_give_no_risks(kind):
    doc = read("# Risk management procedure\n\n" + NOT_REGISTERS[kind])
    assert risks(doc) == [], kind
    assert set(reading(doc).roles.values()) <= {"scale", "options", "plan", "schema", "example", "archive", "other"}


def test_a_register_numbered_with_hash_is_not_a_scale():
    doc = read("""| # | Risk | Likelihood | Impact | Owner | Treatment |
|---|---|---|---|---|---|
| 1 | Model drift | 3 | 4 | ML lead | Monitoring |
| 2 | Vendor change | 2 | 3 | Procurement | Contract clause |
""")
    assert [risk.ident for risk in risks(doc)] == ["1", "2"]


# ---------------------------------------------------------------------------
# A methodology whose register is another document


def test_a_methodology_pointing_to_its_register_is_not_empty(tmp_path):
    (tmp_path / ".aims-lint.yaml").write_text('types:\n  "*.md": risk-assessment\n')
    (tmp_path / "methodology.md").write_text(
        "# Risk assessment methodology\n\nRisks are recorded in the [risk register](register.md).\n\n"
        + NOT_REGISTERS["likelihood scale"]
    )
    (tmp_path / "register.md").write_text(LAYOUTS["table with full headers"])
    codes = {(f.path, f.code) for f in lint(tmp_path, select=["RSK005"]).active}
    assert codes == set()
    (tmp_path / "register.md").unlink()
    codes = {(f.path, f.code) for f in lint(tmp_path, select=["RSK005"]).active}
    assert codes == {("methodology.md", "RSK005")}


# ---------------------------------------------------------------------------
# Cell values


@pytest.mark.parametrize("text, score", [("3", 3), ("P2", 2), ("S5", 5), ("3 - Likely", 3), ("4 (Likely)", 4), ("Likely (4)", 4), ("Medium", None), ("4×3=12", None)])
def test_scores(text, score):
    assert parse_score(text) == score


@pytest.mark.parametrize("text, rating", [("High (12)", (12, "high")), ("20 (Critical)", (20, "critical")), ("4×3=12", (12, None)), ("4 x 3", (12, None)), ("Mittel", (None, "medium"))])
def test_ratings(text, rating):
    assert parse_rating(text) == rating


def test_products():
    assert parse_product("4×3=12") == (4, 3, 12) and parse_product("3*4") == (3, 4, 12) and parse_product("12") is None


def test_a_risk_section_with_nothing_filled_is_a_template_slot():
    """``#### Risk ID: R001`` over empty fields and "Low/Medium/High" choices records no
    risk: the document is judged as an unfilled template, not as risks without owners."""
    doc = read("""# AI risk register

#### Risk ID: R001
- **Risk Title:**
- **Likelihood:** Low/Medium/High
- **Impact:** Low/Medium/High
- **Risk Owner:**

#### Risk ID: R002
- **Risk Title:** Chatbot gives wrong refund amounts
- **Likelihood:** Medium
- **Impact:** High
- **Risk Owner:**
""")
    assert [(risk.ident, risk.owner) for risk in risks(doc)] == [("R002", "")]


def test_a_heat_map_with_numbered_level_headers_is_a_scale():
    doc = read("""# Risk criteria

| Likelihood / Consequence | 1 Insignificant | 2 Minor | 3 Moderate | 4 Major |
|---|---|---|---|---|
| 4 Likely | Low (4) | Medium (8) | High (12) | Critical (16) |
| 3 Possible | Low (3) | Medium (6) | Medium (9) | High (12) |
""")
    assert list(reading(doc).roles.values()) == ["scale"] and risks(doc) == []


def test_a_flowchart_drawn_with_box_characters_is_no_table():
    from pathlib import Path

    from aims_lint.document import Document
    from aims_lint.reading.tables import box_tables

    text = """# Procedure

```
┌──────┬───────────┬──────────┐
│ ID   │ Risk      │ Owner    │
├──────┼───────────┼──────────┤
│ R-01 │ Bias      │ CRO      │
│ R-02 │ Drift     │ CTO      │
└──────┴───────────┴──────────┘

   ┌─────────┐       ┌──────────┐     ┌──────────┐
   │ Initial │──────▶│   Risk   │────▶│  Ongoing │
   │  Risk   │       │Identifi- │     │   Risk   │
   └─────────┘       └──────────┘     └──────────┘
        │                  │                │
        ▼                  ▼                ▼
   ┌──────────────────────────────────────────────┐
   │            RISK REGISTER (Continuous)         │
   └──────────────────────────────────────────────┘
```
"""
    tables = box_tables(Document(Path("p.md"), "p.md", text))
    assert [[cell.text for cell in table.header] for table in tables] == [["ID", "Risk", "Owner"]]
    assert [row.cells[0].text for row in tables[0].rows] == ["R-01", "R-02"]


def test_a_list_of_risks_in_a_box_panel_each_bullet_with_its_fields():
    text = """# Risk taxonomy

```
TECHNICAL RISKS
┌──────────────────────────────────────────────────────┐
│ • Model performance degradation: accuracy drift      │
│   - Risk Level: 3.2/5.0 (Medium-High)                │
│   - Impact: wrong decisions                          │
│   - Likelihood: 60% (High)                           │
│                                                      │
│ • Data quality issues: incomplete or biased data     │
│   - Risk Level: 3.6/5.0 (High)                       │
│   - Likelihood: 40% (Moderate)                       │
└──────────────────────────────────────────────────────┘

TREATMENT PLAN
┌──────────────────────────────────────────────────────┐
│ • Action 1: retrain with balanced data               │
│   - Owner: AI Ethics Lead                            │
│   - Due Date: 2025-02-15                             │
│ • Step 2: Current threat landscape analysis          │
│   - Impact: revenue loss                             │
└──────────────────────────────────────────────────────┘
```
"""
    found = risks(read(text))
    assert [risk.text for risk in found] == [
        "Model performance degradation: accuracy drift", "Data quality issues: incomplete or biased data",
    ]
    assert found[0].values["likelihood"].text.startswith("60%") and found[1].values["rating"].text.startswith("3.6")
