from aims_lint.evidence import evidence_of, review_gap
from aims_lint.rule import Problem, Related, rule


@rule(
    code="MRV009",
    name="review-before-audit",
    clause="9.3.2",
    types=("management-review",),
    classification="major",
    remediation="2-4 weeks",
    message="{gap}; hold the management review after the internal audit and record what it concluded on the audit's results",
    summary="The latest management review predates the latest internal audit, or does not consider its results.",
    scope="workspace",
)
def check(workspace, ctx):
    """The same reading as the readiness verdict (``aims_lint.evidence.review_gap``): the
    verdict is never READY while this finding stands."""
    gap = review_gap(evidence_of(workspace), ctx.today)
    if gap is None:
        return
    review, audit = gap.review, gap.audit
    yield Problem(
        review.facts.get("line", 1), 1, doc=workspace.document(review.path),
        classification=None if gap.major else "minor", gap=gap.describe(),
        related=[Related(audit.facts.get("line", 1), 1, f"the internal audit of {audit.date}", doc=audit.path)],
    )
