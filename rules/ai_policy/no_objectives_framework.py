from aims_lint.rule import Problem, rule

from .signals import POLICY_TYPE, anchor_line, objectives_framework
from .whole import found_elsewhere


@rule(
    code="POL005",
    name="policy-no-objectives-framework",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="minor",
    remediation="1 week",
    message="the policy gives no framework for setting AI objectives (5.2 b): say how AI objectives are set and reviewed, or link the objectives document",
    summary="No framework for setting AI objectives and no link to them.",
)
def check(doc, ctx):
    if objectives_framework(doc) is None and not found_elsewhere(ctx, doc, "pol.objectives.1", objectives_framework):
        yield Problem(*anchor_line(doc))
