from aims_lint.reading.metadata import FRONT_MATTER, metadata
from aims_lint.rule import ALL_TYPES, Problem, rule

_KEYS = (("approved_by", "the approver", "Approved by"), ("approved_on", "the approval date", "Approval date"))


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
    meta = metadata(doc)
    if not meta.approved:
        return
    items = [meta.get(key) for key, _, _ in _KEYS]
    if items[1] is None:
        # "Date" or "Effective date" beside the approved status is when it was approved.
        items[1] = next((meta.get(key) for key in ("effective", "date") if meta.get(key) is not None and meta.get(key).filled), None)
    if any(item is not None and item.text and not item.filled for item in items):
        return  # a placeholder ("[Approver]", "{{ approver }}") is DOC008's finding
    front = meta.get("status").source == FRONT_MATTER
    missing = [
        f"{description} ('{key}')" if front else description
        for (key, description, _), item in zip(_KEYS, items)
        if item is None or not item.filled
    ]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        yield Problem(*meta.get("status").position, missing=f"{' and '.join(missing)} {verb}")
