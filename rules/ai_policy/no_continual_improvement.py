from aims_lint.rule import Problem, rule

from .signals import CONTINUAL_IMPROVEMENT, POLICY_TYPE, anchor_line, first_match
from .whole import found_elsewhere


@rule(
    code="POL007",
    name="policy-no-continual-improvement",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="minor",
    remediation="1 week",
    message="the policy does not commit to continual improvement of the AI management system (5.2 d): add the commitment",
    summary="No commitment to continual improvement of the AIMS.",
)
def check(doc, ctx):
    if first_match(doc, CONTINUAL_IMPROVEMENT) is None and not found_elsewhere(ctx, doc, "pol.improvement.1", _found):
        yield Problem(*anchor_line(doc))


def _found(doc) -> bool:
    return first_match(doc, CONTINUAL_IMPROVEMENT) is not None
