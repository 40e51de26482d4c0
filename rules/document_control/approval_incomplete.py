from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder


def _unrecorded(value) -> bool:
    return value in (None, "", []) or is_placeholder(value)


@rule(
    code="DOC006",
    name="approval-incomplete",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="status is 'approved' but {missing} not recorded",
    summary="A document marked approved without a recorded approver and approval date.",
)
def check(doc, ctx):
    meta = doc.meta
    if str(meta.get("status", "")).strip().lower() != "approved":
        return
    missing = [
        description
        for key, description in (("approved_by", "the approver ('approved_by')"), ("approved_on", "the approval date ('approved_on')"))
        if _unrecorded(meta.get(key))
    ]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        yield Problem(*doc.value_position("status"), missing=f"{' and '.join(missing)} {verb}")
