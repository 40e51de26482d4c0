from aims_lint.rule import Problem, rule

from .signals import OBJECTIVES, POLICY_TYPE, anchor_line, first_match


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
    if first_match(doc, OBJECTIVES) is None:
        yield Problem(*anchor_line(doc))
