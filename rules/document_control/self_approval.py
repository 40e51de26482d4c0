import re

from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule


def _person(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().lower()


@rule(
    code="DOC014",
    name="self-approval",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="advisory",
    remediation="1 day",
    message="approved by its own owner ('{owner}'): have it approved by someone accountable above the author",
    summary="A document approved by the same person or role that owns it.",
)
def check(doc, ctx):
    meta = metadata(doc)
    owner, approver = meta.get("owner"), meta.get("approved_by")
    if owner is None or approver is None or not owner.filled or not approver.filled:
        return
    if isinstance(owner.value, str) and isinstance(approver.value, str) and _person(owner.value) == _person(approver.value):
        yield Problem(*approver.position, owner=owner.value.strip())
