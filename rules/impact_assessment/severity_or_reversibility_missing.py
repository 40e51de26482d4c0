from aims_lint.rule import Problem, rule

from ..common import full_text, mentions
from .affected_or_harms_missing import _scope_line
from .common import TYPES, judged


@rule(
    code="IMP004",
    name="severity-or-reversibility-missing",
    clause="6.1.4",
    types=TYPES,
    classification="minor",
    remediation="1-2 weeks",
    message="harms are not rated for {missing}: say for each harm how severe it is and whether it can be undone (appeal, redress)",
    summary="An impact assessment that names harms but does not rate their severity or reversibility.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    text = full_text(doc)
    missing = []
    if not mentions(text, ctx.vocabulary("impact_assessment_severity")):
        missing.append("severity")
    if not mentions(text, ctx.vocabulary("impact_assessment_reversibility")):
        missing.append("reversibility")
    if missing:
        # Reversibility is good practice, not a 'shall': advisory when only it is missing.
        classification = "advisory" if missing == ["reversibility"] else None
        yield Problem(_scope_line(doc), 1, classification=classification, missing=" and ".join(missing))
