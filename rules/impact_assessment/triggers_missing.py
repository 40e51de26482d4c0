from aims_lint.reading.reassessment import triggers
from aims_lint.rule import Problem, rule

from ..common import first_heading_line, full_text, mentions, section_texts
from .common import TYPES, judged


@rule(
    code="IMP002",
    name="triggers-missing",
    clause="8.4",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message=(
        "no trigger criteria: say when the assessment is redone (significant change to the model, "
        "data or intended use, a new population or jurisdiction, a serious incident)"
    ),
    summary="An impact assessment that does not say which events make it be redone.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    if section_texts(doc, r"trigger|re-?assess|when (we|to|it is|is it) (review|re-?assess|update)"):
        return
    if mentions(full_text(doc), ctx.vocabulary("impact_assessment_triggers")):
        return
    if triggers(doc):  # "reviewed annually or upon change in processing scope"
        return
    yield Problem(first_heading_line(doc), 1)
