from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, rule

from .signals import (
    MANAGEMENT_REVIEW,
    POLICY_TYPE,
    anchor_line,
    first_match,
    review_interval,
)
from .whole import other_parts


@rule(
    code="POL010",
    name="policy-no-review-interval",
    clause="A.2.4",
    types=(POLICY_TYPE,),
    classification="minor",
    remediation="1 week",
    message="{problem} (A.2.4): state the review interval and that the review feeds, or is done in, the management review (9.3)",
    summary="No review at planned intervals, or a review not tied to the management review.",
)
def check(doc, ctx):
    interval, tied = review_facts(doc)
    if not (interval and tied):
        # A policy in several documents: an interval or a tie stated in any of them counts.
        others = other_parts(ctx, doc, "pol.review.1", lambda part: list(review_facts(part)), (bool, bool))
        if others is None:
            return
        for other_interval, other_tied in others:
            interval, tied = interval or other_interval, tied or other_tied
    if not interval and not tied:
        problem = "the policy states no review at planned intervals"
    elif not interval:
        problem = "the policy names the management review but no interval for reviewing the policy"
    elif not tied:
        # A.2.4 asks for review at planned intervals; feeding it to the management
        # review is good practice: advisory when only that is missing.
        yield Problem(*anchor_line(doc), classification="advisory", problem="the policy's review is not tied to the management review")
        return
    else:
        return
    yield Problem(*anchor_line(doc), problem=problem)


def review_facts(doc) -> tuple[bool, bool]:
    """(interval, tied): does the document state a review interval for the policy, and
    tie the review to the management review?"""
    interval = (
        review_interval(doc) is not None
        or bool(metadata(doc).text("review_interval"))
        or bool(doc.fields_named("review_frequency"))
    )
    return interval, first_match(doc, MANAGEMENT_REVIEW) is not None
