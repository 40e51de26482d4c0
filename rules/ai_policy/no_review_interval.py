from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, rule

from .signals import (
    MANAGEMENT_REVIEW,
    POLICY_TYPE,
    anchor_line,
    first_match,
    review_interval,
)


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
    interval = (
        review_interval(doc) is not None
        or bool(metadata(doc).text("review_interval"))
        or bool(doc.fields_named("review_frequency"))
    )
    tied = first_match(doc, MANAGEMENT_REVIEW) is not None
    if not interval and not tied:
        problem = "the policy states no review at planned intervals"
    elif not interval:
        problem = "the policy names the management review but no interval for reviewing the policy"
    elif not tied:
        problem = "the policy's review is not tied to the management review"
    else:
        return
    yield Problem(*anchor_line(doc), problem=problem)
