from aims_lint.rule import Problem, rule

from ..common import first_heading_line
from .common import TYPES, judged
from .support import body_review_cycle


@rule(
    code="IMP005",
    name="review-cycle-missing",
    clause="8.4",
    types=TYPES,
    classification="minor",
    remediation="1 day",
    message=(
        "no review cycle: say how often the assessment is redone at planned intervals "
        "(e.g. 'reviewed annually', or review_interval / next_review in front matter)"
    ),
    summary="An impact assessment that states no planned review interval.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    if doc.front_matter is not None:
        return  # front matter without next_review / review_interval is DOC004's finding
    if body_review_cycle(doc) is None:
        yield Problem(first_heading_line(doc), 1)
