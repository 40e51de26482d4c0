from aims_lint.rule import Problem, rule

from ..common import first_heading_line, inactive, unfilled
from .common import TYPES


@rule(
    code="IMP001",
    name="assessment-not-performed",
    clause="8.4",
    types=TYPES,
    classification="major",
    remediation="2-4 weeks",
    message=(
        "impact assessment not performed: {blank} of {total} fields and table cells are empty "
        "(an unfilled template); assess the system and record who is affected, the harms and the decision"
    ),
    summary="An impact assessment that is an unfilled template: nothing was assessed.",
    options={"min-cells": 8, "blank-share": 0.8},
)
def check(doc, ctx):
    if inactive(doc):
        return
    found = unfilled(doc, int(ctx.options.get("min-cells", 8)), float(ctx.options.get("blank-share", 0.8)))
    if found:
        yield Problem(first_heading_line(doc), 1, blank=found[0], total=found[1])
