"""AI objectives rules (6.2): objectives read from tables and from one section per
objective; one finding per objective naming what it lacks; blank templates; and the
real objectives registers of the corpus."""


import pytest

from .conftest import lint
from .test_corpus import CORPUS, corpus_repo

FRONT = """---
id: OBJ-2026
type: ai-objectives
title: AI objectives
owner: AI Governance Lead
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-01-15
next_review: 2026-12-15
---
# AI objectives
"""
HEAD = "\n## Objectives\n\n| ID | Objective | Metric / target | Owner | Review frequency | Evaluation method | Due |\n|---|---|---|---|---|---|---|\n"
GOOD_ROW = "| OBJ-01 | Fair credit decisions | Approval-rate ratio ≥ 0.8 | Head of Data Science | Monthly | Fairness dashboard | 2026-12-31 |\n"


def table(*rows, head=HEAD):
    return FRONT + head + "".join(rows)


def obj(result):
    return [(f.code, f.line) for f in result.active if f.code.startswith("OBJ")]


def test_complete_objectives_pass(repo):
    assert obj(lint(repo({"o.md": table(GOOD_ROW)}), select=["OBJ"])) == []


def test_intention_is_one_finding_naming_every_missing_part(repo):
    row = "| OBJ-02 | Deploy AI responsibly | Ensure ethical AI | The AI team | | | |\n"
    result = lint(repo({"o.md": table(GOOD_ROW, row)}), select=["OBJ"])
    assert obj(result) == [("OBJ002", 19)]
    message = result.active[0].message
    for part in ("no metric with a target", "'The AI team'", "no review frequency", "no evaluation method", "no deadline"):
        assert part in message


@pytest.mark.parametrize(
    "target",
    ["Improve model performance", "Model performance reviewed in 2026", "Aligned with clause 6.2 and A.6.2.4", "Decreasing trend"],
)
def test_numbers_that_measure_nothing_do_not_make_an_objective_measurable(repo, target):
    row = f"| OBJ-02 | Better models | {target} | Head of Data Science | Monthly | Report | 2026-12-31 |\n"
    assert obj(lint(repo({"o.md": table(row)}), select=["OBJ"])) == [("OBJ002", 18)]


@pytest.mark.parametrize("target", ["≥ 95%", "< 2 incidents per quarter", "at least 90 % of staff", "zero critical findings", "AUC 0.78"])
def test_measurable_targets(repo, target):
    row = f"| OBJ-02 | Better models | {target} | Head of Data Science | Monthly | Report | 2026-12-31 |\n"
    assert obj(lint(repo({"o.md": table(row)}), select=["OBJ"])) == []


def test_incomplete_plan_lists_what_is_missing_in_one_finding(repo):
    row = "| OBJ-02 | Accurate scoring | AUC ≥ 0.78 | TBD | | Model monitoring report | |\n"
    result = lint(repo({"o.md": table(GOOD_ROW, row)}), select=["OBJ"])
    assert obj(result) == [("OBJ003", 19)]
    assert "no review frequency and no deadline" in result.active[0].message


def test_vague_owner_and_configured_roles(repo):
    row = "| OBJ-02 | Accurate scoring | AUC ≥ 0.78 | Everyone | Monthly | Report | 2026-12-31 |\n"
    result = lint(repo({"o.md": table(row)}), select=["OBJ"])
    assert obj(result) == [("OBJ003", 18)] and "'Everyone'" in result.active[0].message
    row = row.replace("Everyone", "Data team")
    root = repo({"o.md": table(row), ".aims-lint.yaml": "roles: [Data Team]\n"})
    assert obj(lint(root, select=["OBJ"])) == []


def test_missing_column_reported_once_for_the_table(repo):
    head = "\n## Objectives\n\n| Objective | KPI | Target | Owner | Frequency |\n|---|---|---|---|---|\n"
    rows = "".join(f"| Objective {n} | Accuracy | ≥ 9{n}% | Head of Product | Monthly |\n" for n in range(3))
    result = lint(repo({"o.md": table(rows, head=head)}), select=["OBJ"])
    assert obj(result) == [("OBJ003", 16)]
    assert "no evaluation method and no deadline column" in result.active[0].message


def test_year_in_heading_sets_the_deadline_and_option_drops_a_part(repo):
    head = "\n## Objectives for 2026\n\n| Objective | KPI | Target | Owner | Frequency | Method |\n|---|---|---|---|---|---|\n"
    row = "| Accuracy | Accuracy rate | ≥ 95% | Head of Product | Monthly | Test set |\n"
    assert obj(lint(repo({"o.md": table(row, head=head)}), select=["OBJ"])) == []
    head = head.replace(" for 2026", "")
    root = repo({"o.md": table(row, head=head), ".aims-lint.yaml": "rule-options:\n  OBJ003: {required: [owner, frequency, method]}\n"})
    assert obj(lint(root, select=["OBJ"])) == []


def test_objectives_as_sections_with_labelled_fields(repo):
    text = FRONT + """
## OBJ-01 Fair credit decisions

**Metric:** approval-rate ratio between protected groups, target ≥ 0.8

**Owner:** Head of Data Science

**Review frequency:** Monthly

**Due:** 2026-12-31

## OBJ-02 Responsible AI

**Objective:** Ensure ethical AI

**Owner:** TBD
"""
    result = lint(repo({"o.md": text}), select=["OBJ"])
    assert obj(result) == [("OBJ003", 14), ("OBJ002", 24)]
    assert "no evaluation method" in result.active[0].message


def test_blank_template_and_blank_rows(repo):
    blank = "| OBJ-09 | | | | | | |\n"
    result = lint(repo({"o.md": table(blank, blank.replace("09", "10"))}), select=["OBJ"])
    assert obj(result) == [("OBJ001", 16)] and "unfilled template (2 empty rows)" in result.active[0].message
    result = lint(repo({"o.md": table(GOOD_ROW, blank)}), select=["OBJ"])
    assert obj(result) == [("OBJ004", 19)] and "(OBJ-09)" in result.active[0].message
    result = lint(repo({"o.md": table(GOOD_ROW, blank, blank.replace("09", "10"))}), select=["OBJ"])
    (finding,) = result.active
    assert (finding.code, finding.line, [(item.line, item.message) for item in finding.locations]) == (
        "OBJ004", 19, [(20, "an empty row")]
    )


def test_no_objectives_at_all(repo):
    text = FRONT + "\nWe will deploy AI responsibly and improve model performance.\n"
    assert obj(lint(repo({"o.md": text}), select=["OBJ"])) == [("OBJ001", 12)]


# -- real objectives registers ----------------------------------------------------------

REAL = {
    "ankit": "Ankit-Uniyal__iso-42001-ai-governance-toolkit/05-CLAUSE6-PLANNING/AI-OBJECTIVES-REGISTER.md",
    "k0": "K0-Cyber__grc-iso42001-aims-project/03-planning/ai-objectives-kpis.md",
    "llm": "onchainlabs1__llm-agent-mcp/docs/Clause6_Planning_new/AI_Objectives_and_Planning.md",
}


@pytest.fixture(scope="module")
def corpus_objectives(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("corpus not found")
    root = corpus_repo(tmp_path_factory.mktemp("objectives"), {f"{key}.md": path for key, path in REAL.items()}, "ai-objectives")
    result = lint(root, select=["OBJ"])
    assert not result.errors
    return [(f.path[:-3], f.code, f.line, f.message) for f in result.active]


def test_corpus_ankit_register_blank_rows_and_missing_columns(corpus_objectives):
    found = [(key, code, line) for key, code, line, _ in corpus_objectives if key == "ankit"]
    assert found == [("ankit", "OBJ003", 20), ("ankit", "OBJ004", 30)]
    messages = [message for key, _, _, message in corpus_objectives if key == "ankit"]
    assert "no evaluation method and no deadline column" in messages[0] and "OBJ-09, OBJ-10" in messages[1]


def test_corpus_k0_mostly_passes_only_deadlines_missing(corpus_objectives):
    found = [(code, line, message) for key, code, line, message in corpus_objectives if key == "k0"]
    assert len(found) == 1 and found[0][:2] == ("OBJ003", 11) and "no deadline column" in found[0][2]


def test_corpus_llm_agent_kpis_measurable_without_deadlines(corpus_objectives):
    found = [(code, line, message) for key, code, line, message in corpus_objectives if key == "llm"]
    assert [(code, line) for code, line, _ in found] == [("OBJ003", 15)] and "no deadline column" in found[0][2]


def test_bundled_examples():
    from .test_examples import lint_example

    gaps = {(f.path, f.code, f.line) for f in lint_example("aims").active if f.code.startswith("OBJ")}
    assert gaps == {
        ("planning/objectives.md", "OBJ002", 20), ("planning/objectives.md", "OBJ003", 21),
        # read against the monitoring results (issue 13)
        ("planning/objectives.md", "OBJ005", 22), ("records/monitoring-2026-q2.md", "OBJ006", 11),
        ("records/monitoring-2026-q2.md", "OBJ007", 12),
    }
    assert [f.code for f in lint_example("aims-complete").active if f.code.startswith("OBJ")] == []
