from aims_lint.rule import Problem, rule

from .signals import POLICY_TYPE, REQUIREMENTS, anchor_line, first_match
from .whole import found_elsewhere


@rule(
    code="POL006",
    name="policy-no-requirements-commitment",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="minor",
    remediation="1 week",
    message="the policy does not commit to satisfying applicable requirements (5.2 c): commit to the legal, regulatory and contractual requirements that apply to your AI systems",
    summary="No commitment to satisfy applicable (legal, regulatory, contractual) requirements.",
)
def check(doc, ctx):
    if first_match(doc, REQUIREMENTS) is None and not found_elsewhere(ctx, doc, "pol.requirements.1", _found):
        yield Problem(*anchor_line(doc))


def _found(doc) -> bool:
    return first_match(doc, REQUIREMENTS) is not None
