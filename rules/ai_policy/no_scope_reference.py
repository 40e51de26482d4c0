from aims_lint.rule import Problem, rule

from .signals import POLICY_TYPE, anchor_line, scope_reference
from .whole import found_elsewhere


@rule(
    code="POL004",
    name="policy-no-scope-reference",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="advisory",
    remediation="1 week",
    message="the policy does not refer to the AIMS scope or the AI systems in scope: link the scope document or name the AI systems it governs",
    summary="No reference to the AIMS scope or to the AI systems in scope.",
)
def check(doc, ctx):
    if scope_reference(doc) is None and not found_elsewhere(ctx, doc, "pol.scope.1", scope_reference_found):
        yield Problem(*anchor_line(doc))


def scope_reference_found(doc) -> bool:
    return scope_reference(doc) is not None
