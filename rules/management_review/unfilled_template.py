from aims_lint.rule import Problem, rule

from ..common import first_heading_line, inactive, unfilled
from .common import TYPES, is_minutes


@rule(
    code="MRV008",
    name="minutes-unfilled-template",
    clause="9.3",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message=(
        "management review not on record: {blank} of {total} fields and table cells are empty (an unfilled "
        "template); record the inputs discussed, the decisions and the actions of a real review"
    ),
    summary="Management review minutes that are an unfilled template.",
    options={"min-cells": 8, "blank-share": 0.8},
)
def check(doc, ctx):
    if not is_minutes(doc) or inactive(doc):
        return
    found = unfilled(doc, int(ctx.options.get("min-cells", 8)), float(ctx.options.get("blank-share", 0.8)))
    if found:
        yield Problem(first_heading_line(doc), 1, blank=found[0], total=found[1])
