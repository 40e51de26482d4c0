"""AI objectives stated inside the AI policy (6.2). An auditor judges an objective
wherever it is written: a policy whose "AI objectives" section lists objectives, with no
objectives register in the repository, has its objectives judged by the OBJ rules there
(once for the list, not once per bullet). A policy that only sets the framework for
objectives, or points to an objectives register, has none to judge (POL005 checks the
framework), and with a filled objectives register the policy's list is not judged again."""

from aims_lint.config import load_config
from aims_lint.reading.objectives import policy_objectives
from aims_lint.workspace import Workspace

from .conftest import lint
from .test_objectives import GOOD_ROW, table

POLICY = """---
id: POL-AI-001
type: ai-policy
title: AI policy
owner: AI Governance Lead
version: "1.0"
status: approved
approved_by: Chief Executive Officer
approved_on: 2026-01-15
next_review: 2027-01-15
---
# AI policy

## Purpose and objectives

- Set out how we develop and use AI responsibly.
- Protect the people our AI systems affect.

## AI objectives

{objectives}

## Roles and responsibilities

The AI Governance Lead owns this policy and reviews it annually.
"""

INTENTIONS = "- Deploy AI responsibly.\n- Make our models fair and explainable.\n- Keep an inventory of every AI system."
MEASURED = (
    "- Reduce the approval-rate gap between groups to below 5%.\n"
    "- Complete an impact assessment for 100% of new AI systems before release."
)
KPI_TABLE = (
    "| KPI | Target | Measurement | Reporting frequency |\n|---|---|---|---|\n"
    "| Inventory completeness | 100% | % of AI systems registered | Monthly |\n"
    "| Training completion | ≥ 95% | % of staff trained | Quarterly |\n"
)
FRAMEWORK = (
    "AI objectives are set each year by the AI Governance Committee, consistent with this policy,\n"
    "and kept in the [AI objectives register](objectives.md).\n\n"
    "- Each objective has a metric, a target, an owner and a deadline.\n"
    "- Objectives are reviewed quarterly in the management review.\n"
)


def found(result, prefix=("OBJ", "AIMS001")):
    return [(f.path, f.code, f.line, f.classification) for f in result.active if f.code.startswith(prefix)]


def _read(root, relpath):
    return policy_objectives(Workspace(load_config(root)).document(relpath))


def test_intentions_listed_in_the_policy_are_one_major_finding(repo):
    root = repo({"policy.md": POLICY.format(objectives=INTENTIONS)})
    assert [objective.name for objective in _read(root, "policy.md")] == [
        "Deploy AI responsibly.", "Make our models fair and explainable.", "Keep an inventory of every AI system.",
    ]
    [finding] = lint(root, select=["OBJ"]).active
    assert (finding.code, finding.line, finding.classification) == ("OBJ002", 21, "major")
    assert finding.message.startswith("all 3 AI objectives the policy states are intentions, not measurable objectives")


def test_measurable_objectives_in_the_policy_without_owner_or_review_are_one_minor_finding(repo):
    root = repo({"policy.md": POLICY.format(objectives=MEASURED)})
    [finding] = lint(root, select=["OBJ"]).active
    assert (finding.code, finding.line, finding.classification) == ("OBJ003", 21, "minor")
    assert "the 2 measurable AI objectives the policy lists name no owner, review frequency, evaluation method or deadline" in finding.message


def test_a_kpi_table_in_the_policy_is_read_as_objectives(repo):
    root = repo({"policy.md": POLICY.format(objectives=KPI_TABLE)})
    assert [objective.name for objective in _read(root, "policy.md")] == ["Inventory completeness", "Training completion"]
    assert found(lint(root, select=["OBJ"])) == [("policy.md", "OBJ003", 21, "minor")]  # no owner, no deadline column


def test_a_policy_that_sets_the_framework_states_no_objectives(repo):
    root = repo({"policy.md": POLICY.format(objectives=FRAMEWORK)})
    assert _read(root, "policy.md") == []
    assert found(lint(root, select=["OBJ"])) == []


def test_with_an_objectives_register_the_policys_list_is_not_judged_again(repo):
    root = repo({"policy.md": POLICY.format(objectives=INTENTIONS), "objectives.md": table(GOOD_ROW)})
    assert found(lint(root, select=["OBJ"])) == []


def test_a_register_that_is_an_unfilled_template_leaves_the_policys_objectives_judged(repo):
    blank = table("| OBJ-01 | | | | | | |\n")
    root = repo({"policy.md": POLICY.format(objectives=INTENTIONS), "objectives.md": blank})
    assert ("policy.md", "OBJ002", 21, "major") in found(lint(root, select=["OBJ"]))


def test_objectives_in_the_policy_are_documented_information_on_objectives(repo):
    scope = "---\nid: SCOPE\ntype: aims-scope\ntitle: Scope\n---\n# Scope\n\nAll AI systems.\n"
    without = repo({"scope.md": scope, "policy.md": POLICY.format(objectives=FRAMEWORK)})
    assert any("AI objectives" in f.message for f in lint(without, select=["AIMS001"]).active)
    with_list = repo({"scope.md": scope, "policy.md": POLICY.format(objectives=INTENTIONS)})
    assert not any("AI objectives" in f.message for f in lint(with_list, select=["AIMS001"]).active)
