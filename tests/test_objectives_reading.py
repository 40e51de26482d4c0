"""Objectives read whatever the layout: an objectives table, a scorecard / KPI table, one
section per objective with labelled fields, one section per objective in prose under an
id-like heading. The same objectives read to the same statements and targets, and a
prose objective is judged (OBJ002), not skipped."""

from pathlib import Path

from aims_lint.document import Document
from aims_lint.reading.objectives import objectives

from .conftest import lint
from .test_objectives import FRONT


def read(text):
    return Document(Path("o.md"), "o.md", text)


TABLE = """# AI objectives

| ID | Objective | Metric | Target | Owner | Review frequency | Evaluation method | Due |
|---|---|---|---|---|---|---|---|
| O1 | Fair credit decisions | Approval-rate ratio | ≥ 0.8 | Head of Data Science | Monthly | Fairness dashboard | 2026-12-31 |
| O2 | Trained AI staff | Staff trained | 95% | Head of People | Quarterly | LMS report | 2026-06-30 |
"""

SCORECARD = """# Balanced scorecard

| Perspective | Strategic Objective | KPI / Metric | Target | Owner |
|---|---|---|---|---|
| **Fairness** | Fair credit decisions | Approval-rate ratio | ≥ 0.8 | Head of Data Science |
| | Trained AI staff | Staff trained | 95% | Head of People |
"""

KPI_TABLE = """# AI KPIs

| KPI | Description | Target |
|---|---|---|
| **Fair credit decisions** | Approval-rate ratio between groups | ≥ 0.8 |
| **Trained AI staff** | Share of staff trained | 95% |
"""

FIELDS = """# AI objectives

## O1 Fair credit decisions

- **Metric:** Approval-rate ratio ≥ 0.8
- **Owner:** Head of Data Science
- **Due:** 2026-12-31

## O2 Trained AI staff

- **Metric:** 95% of staff trained
- **Owner:** Head of People
- **Due:** 2026-06-30
"""

PROSE = """# AI objectives

## O1 Fair credit decisions

Keep the approval-rate ratio between groups at or above 0.8 by 2026-12-31.

## O2 Trained AI staff

Train 95% of staff who use AI by 2026-06-30.
"""


def names(text):
    return [" ".join(objective.name.replace("*", "").split()) for objective in objectives(read(text))]


def test_the_same_objectives_in_every_layout_read_to_the_same_statements():
    expected = ["Fair credit decisions", "Trained AI staff"]
    assert names(TABLE) == expected
    assert names(SCORECARD) == expected
    assert names(KPI_TABLE) == expected
    assert names(PROSE) == expected
    assert len(objectives(read(FIELDS))) == 2


def test_every_layout_reads_a_measurable_target():
    for text in (TABLE, SCORECARD, KPI_TABLE, FIELDS, PROSE):
        for objective in objectives(read(text)):
            assert objective.values["metric"], (text, objective)


def test_a_prose_objective_without_a_number_is_read_and_judged_not_measurable(repo):
    text = FRONT + "\n## O4 Use AI responsibly\n\nWe use AI responsibly across the company. Everyone is expected to help.\n"
    found = objectives(read(text))
    assert [objective.name for objective in found] == ["Use AI responsibly"]
    result = lint(repo({"o.md": text}), select=["OBJ"])
    codes = [(f.code, f.line) for f in result.active if f.code.startswith("OBJ")]
    assert ("OBJ002", 14) in codes and not any(code == "OBJ001" for code, _ in codes)


def test_a_kpi_table_with_targets_is_not_no_objectives(repo):
    result = lint(repo({"o.md": FRONT + "\n" + KPI_TABLE.split("\n", 1)[1]}), select=["OBJ001"])
    assert [f.code for f in result.active] == []


def test_headings_that_are_not_objective_ids_are_not_objectives():
    text = "# AI objectives\n\n## 1. Purpose\n\nThis document sets objectives.\n\n## A.6.2 Controls\n\nSome prose.\n"
    assert objectives(read(text)) == []


def test_one_key_value_table_per_objective_gives_its_owner_and_metric():
    doc = read("""# AI objectives

## Objective 1: Fair outcomes

| Field | Details |
|---|---|
| Objective | Keep approval rates fair across age groups |
| KPI | Approval-rate gap between age bands |
| Target | Below 3 points |
| Owner | Head of Data Science |

## Objective 2: Informed customers

| Field | Details |
|---|---|
| Objective | Tell every applicant that AI is used |
| Target | 100% of decisions |
""")
    found = objectives(doc)
    assert [objective.name for objective in found] == ["Keep approval rates fair across age groups", "Tell every applicant that AI is used"]
    assert found[0].values["owner"] == "Head of Data Science" and found[0].values["metric"]
    assert found[1].values["owner"] == ""  # the gap a rule reports


def test_targets_over_a_list_and_dated_milestones_are_read():
    """``**Targets:**`` with the targets in the list below it; a plan whose items are
    labelled with quarters sets a deadline."""
    doc = read("""# Objectives

## Reliable answers

**Objective:** Keep the assistant's answers reliable.

**Targets:**
- **Accuracy:** at least 95% on the monthly test set
- **Escalation:** under 2 minutes to a human

**Plan:**
- **Q1 2027:** build the test set
- **Q3 2027:** reach the targets

**Owner:** Head of Support
""")
    (objective,) = objectives(doc)
    assert "95%" in objective.values["metric"] and "2 minutes" in objective.values["metric"]
    assert objective.values["deadline"] and objective.values["owner"] == "Head of Support"


def test_a_measure_column_naming_sources_is_the_method():
    """Beside a target column, "Measure" holding "Audit report" / "Training logs" says how
    the objective is measured, not what: it is the evaluation method."""
    doc = read("""# Objectives

| ID | Objective | Target | Measure | Responsible |
|----|-----------|--------|---------|-------------|
| OB-01 | Pass the certification audit | 0 major nonconformities | External audit report | CISO |
| OB-02 | Train every engineer | 100% completion | Training logs | HR |
""")
    found = objectives(doc)
    assert [objective.values["method"] for objective in found] == ["External audit report", "Training logs"]
    assert [objective.values["metric"] for objective in found] == ["0 major nonconformities", "100% completion"]


def test_a_measure_column_holding_metrics_stays_the_metric():
    doc = read("""# Objectives

| Objective | Measure | Target | Owner |
|-----------|---------|--------|-------|
| Fair outcomes | Approval-rate gap between age bands | below 3 points | Head of Data Science |
""")
    (objective,) = objectives(doc)
    assert "Approval-rate gap" in objective.values["metric"] and objective.values["method"] == ""
