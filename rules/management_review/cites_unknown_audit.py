from aims_lint.evidence import evidence_of
from aims_lint.rule import Problem, rule


def _known(evidence, ids) -> set[str]:
    """Identifiers an internal audit answers to: document ids, and the ids each audit
    record names (its findings, "IA-2026-01-F1", and so the audit "IA-2026-01")."""
    known = set(ids)
    for record in evidence.audits:
        for name in record.facts.get("ids", []):
            known.add(name)
            parts = name.replace("_", "-").split("-")
            known.update("-".join(parts[:end]) for end in range(2, len(parts)))
    return known


@rule(
    code="MRV010",
    name="review-cites-unknown-audit",
    clause="9.2.2",
    types=("management-review",),
    classification="minor",
    remediation="1 day",
    message="the review cites internal audit '{cited}', which no audit record of the repository holds; cite the audit on record (its id or a link) or add its report",
    summary="Management-review minutes cite an internal audit that is not on record.",
    scope="workspace",
)
def check(workspace, ctx):
    evidence = evidence_of(workspace)
    if not evidence.audits:
        return  # no audit records kept here at all: AIMS001 says so once
    known = _known(evidence, workspace.ids())
    for review in evidence.reviews:
        doc = None
        for name, line in review.facts.get("cited", []):
            if name in known or name.replace("_", "-") in known:
                continue
            doc = doc or workspace.document(review.path)
            yield Problem(line, 1, doc=doc, cited=name)
