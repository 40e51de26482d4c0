from aims_lint.reading import templates
from aims_lint.rule import Problem, rule

from ..common import first_heading_line, inactive
from ..mandatory import template_classification
from .common import TYPES, is_minutes


@rule(
    code="MRV008",
    name="minutes-unfilled-template",
    clause="9.3",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message=(
        "management review not on record: the minutes are an unfilled template ({fill}); "
        "record the inputs discussed, the decisions and the actions of a real review"
    ),
    summary="Management review minutes that are an unfilled template.",
    judges_templates=True,
)
def check(doc, ctx):
    if inactive(doc) or not templates.is_unfilled(doc):
        return
    classification, kind = template_classification(doc, ctx)
    if not is_minutes(doc) and (kind is None or kind.clause != "9.3"):
        return
    yield Problem(first_heading_line(doc), 1, classification=classification, fill=templates.read(doc).describe())
