import re

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
    owner, approver = doc.meta.get("owner"), doc.meta.get("approved_by")
    if isinstance(owner, str) and isinstance(approver, str) and owner.strip() and _person(owner) == _person(approver):
        yield Problem(*doc.value_position("approved_by"), owner=owner.strip())
