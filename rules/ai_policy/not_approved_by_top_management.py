from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, rule

from .signals import POLICY_TYPE, anchor_line, approvers, filled, is_top_management


@rule(
    code="POL011",
    name="policy-not-approved-by-top-management",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="minor",
    remediation="1 week",
    message="{problem}: top management (e.g. the CEO or the board) establishes the AI policy (5.1, 5.2); record its approval in 'approved_by'",
    summary="The AI policy is not approved by a top-management role.",
)
def check(doc, ctx):
    roles = ctx.vocabulary("policy_top_management")
    found = [(line, column, value) for line, column, value in approvers(doc) if filled(value)]
    if not found:
        meta = metadata(doc)
        if meta.approved and "approved_by" not in meta:
            return  # DOC006 already reports an approved document without an approver
        yield Problem(*anchor_line(doc), problem="no approval by top management is recorded")
        return
    if any(is_top_management(value, roles) for _, _, value in found):
        return
    line, column, value = found[0]
    yield Problem(line, column, problem=f"approver '{value.strip()}' is not a top-management role")
