from aims_lint.rule import Problem, rule

from ..common import first_heading_line, full_text, mentions, section_texts
from .common import TYPES, judged


@rule(
    code="IMP006",
    name="escalation-missing",
    clause="6.1.4",
    types=TYPES,
    classification="advisory",
    remediation="1 week",
    message=(
        "no escalation path: say who decides when an impact or residual risk is unacceptable "
        "(a named role or body) and what happens to the system meanwhile"
    ),
    summary="An impact assessment without an escalation path for unacceptable impacts.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    if section_texts(doc, r"escalat"):
        return
    if mentions(full_text(doc), ctx.vocabulary("impact_assessment_escalation")):
        return
    yield Problem(first_heading_line(doc), 1)
