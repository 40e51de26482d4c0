from aims_lint.rule import Problem, rule

from ..common import count_terms, first_heading_line, full_text
from .common import TYPES, judged


@rule(
    code="IMP009",
    name="privacy-only-assessment",
    clause="6.1.4",
    types=TYPES,
    classification="major",
    remediation="2-4 weeks",
    message=(
        "a DPIA in disguise: {privacy} privacy / data-protection terms but {ai} about AI harms "
        "(fairness, safety, autonomy, societal effects); assess the impact of the AI system on "
        "individuals, groups and society, not only on personal data"
    ),
    summary="An impact assessment that is a privacy assessment only: no AI harms to individuals or society.",
    options={"min-privacy-terms": 8, "max-ai-harm-share": 0.15},
)
def check(doc, ctx):
    if not judged(doc):
        return
    text = full_text(doc)
    privacy = count_terms(text, ctx.vocabulary("impact_assessment_privacy"))
    harms = count_terms(text, ctx.vocabulary("impact_assessment_ai_harms"))
    if privacy < int(ctx.options.get("min-privacy-terms", 8)):
        return
    if harms <= float(ctx.options.get("max-ai-harm-share", 0.15)) * (privacy + harms):
        yield Problem(first_heading_line(doc), 1, privacy=privacy, ai=f"only {harms}" if harms else "none")
