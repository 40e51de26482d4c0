from zlib import crc32

from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, rule

from .signals import POLICY_TYPE, anchor_line, approved_in_text, approvers, filled, is_top_management
from .whole import other_parts


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
    if top_approved(doc, roles):
        return
    # A policy in several documents (chapters, a charter and topic-specific policies) is
    # approved once: top management's approval of any of them covers the whole, and its
    # absence is reported on the main document only.
    key = f"pol.approval.1.{crc32(chr(10).join(roles).encode()):08x}"
    others = other_parts(ctx, doc, key, lambda part: top_approved(part, roles), bool)
    if others is None or any(others):
        return
    if not found:
        meta = metadata(doc)
        if meta.approved and "approved_by" not in meta:
            return  # DOC006 already reports an approved document without an approver
        yield Problem(*anchor_line(doc), problem="no approval by top management is recorded")
        return
    line, column, value = found[0]
    yield Problem(line, column, problem=f"approver '{value.strip()}' is not a top-management role")


def top_approved(doc, roles: list[str]) -> bool:
    """Is the document approved by a top-management role: a filled approver field naming
    one, or a sentence recording the approval ("approved by the Board on ...")?"""
    if any(filled(value) and is_top_management(value, roles) for _, _, value in approvers(doc)):
        return True
    return approved_in_text(doc, roles) is not None
