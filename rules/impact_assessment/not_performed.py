from aims_lint.reading import templates
from aims_lint.rule import Problem, rule

from ..common import first_heading_line, inactive
from ..mandatory import template_classification
from .common import TYPES


@rule(
    code="IMP001",
    name="assessment-not-performed",
    clause="8.4",
    types=TYPES,
    classification="major",
    remediation="2-4 weeks",
    message=(
        "impact assessment not performed: the document is an unfilled template ({fill}); "
        "assess the system and record who is affected, the harms and the decision"
    ),
    summary="An impact assessment that is an unfilled template: nothing was assessed.",
    judges_templates=True,
)
def check(doc, ctx):
    if inactive(doc) or not templates.is_unfilled(doc):
        return
    classification, _ = template_classification(doc, ctx)
    yield Problem(first_heading_line(doc), 1, classification=classification, fill=templates.read(doc).describe())
