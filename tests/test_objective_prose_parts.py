"""Owner, review frequency, evaluation method, target and deadline stated in the prose of
an objective ("The AI Governance Lead reviews this quarterly against the fairness
dashboard; target: disparity below 5% by Q3 2026"). The OBJ rules do not say "no owner"
when the prose names one; only phrasing an auditor accepts as stating the part counts
(a named role, a frequency attached to a review, the instrument results are measured
with), so "the team", "retrained monthly" or "improve our models" state nothing."""

import pytest

from aims_lint.reading.objectives import prose_parts

from .conftest import lint
from .test_objectives import FRONT
from .test_policy_objectives import POLICY


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The AI Governance Lead reviews this quarterly against the fairness dashboard; target: disparity below 5% by Q3 2026.",
            {"owner": "AI Governance Lead", "frequency": "quarterly", "method": "the fairness dashboard"},
        ),
        ("Owner: Head of Data Science. Progress is reported monthly to the board.", {"owner": "Head of Data Science", "frequency": "monthly"}),
        ("Monitored by the Model Risk Committee using the bias test suite.", {"owner": "Model Risk Committee", "method": "the bias test suite"}),
        ("Quarterly review of drift; evaluation method: sampling of 200 decisions.", {"frequency": "Quarterly", "method": "sampling of 200 decisions"}),
        ("It is the responsibility of the Chief AI Officer.", {"owner": "Chief AI Officer"}),
        # Nothing an auditor would take as the part:
        ("We will use AI responsibly and improve our models.", {}),
        ("The team reviews the results with care.", {}),
        ("Our models are retrained monthly on fresh data.", {}),
        ("The model monitors transactions in real time.", {}),
        ("Owner: TBD", {}),
    ],
)
def test_prose_parts(text, expected):
    assert prose_parts(text) == expected


OBJECTIVES = FRONT + """
## O1 Fair lending decisions

The AI Governance Lead reviews this quarterly against the fairness dashboard; target:
approval-rate disparity below 5% by Q3 2026.

## O2 Use AI responsibly

We will use AI responsibly and keep improving our models.

## O3 Reduce model drift

The team keeps population drift below 0.2 PSI by 2026-12-31.
"""


def test_prose_objectives_are_judged_on_what_their_prose_states(repo):
    result = lint(repo({"objectives.md": OBJECTIVES}), select=["OBJ"])
    found = {(f.code, f.line): f.message for f in result.active}
    assert sorted(found) == [("OBJ002", 19), ("OBJ003", 23)]  # O1 states everything
    assert found[("OBJ002", 19)].endswith("also no owner, no review frequency, no evaluation method, no deadline")
    assert "no owner, no review frequency and no evaluation method" in found[("OBJ003", 23)]


def test_a_policy_item_that_states_its_plan_in_prose_is_complete(repo):
    item = (
        "- Keep the approval-rate gap between groups below 5% by Q4 2026, owned by the Head of Data Science "
        "and reviewed quarterly using the fairness dashboard."
    )
    assert [f.code for f in lint(repo({"policy.md": POLICY.format(objectives=item)}), select=["OBJ"]).active] == []
