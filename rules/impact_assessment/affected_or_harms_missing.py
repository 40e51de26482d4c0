import re

from aims_lint.rule import Problem, rule

from ..common import first_heading_line, full_text, mentions
from .common import TYPES, judged


def _scope_line(doc) -> int:
    sections = [
        section for section in doc.sections_titled(r"affect|impact|harm|who could|stakeholder|population")
        if not re.search(r"impact assessment|\bAIIA\b|\bASIA\b", section.title, re.I)
    ]
    return sections[0].line if sections else first_heading_line(doc)


@rule(
    code="IMP003",
    name="affected-or-harms-missing",
    clause="6.1.4",
    types=TYPES,
    classification="major",
    remediation="2-4 weeks",
    message="scope of impact incomplete: {missing} not identified; {advice}",
    summary="An impact assessment that does not say who could be affected or which harms are plausible.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    text = full_text(doc)
    missing = []
    if not mentions(text, ctx.vocabulary("impact_assessment_affected")):
        missing.append("who is affected (individuals, groups, society)")
    if not mentions(text, ctx.vocabulary("impact_assessment_harms")):
        missing.append("the plausible harms")
    if missing:
        advice = "name the affected individuals, groups and society and the harms each could suffer"
        yield Problem(_scope_line(doc), 1, missing=" and ".join(missing), advice=advice)
