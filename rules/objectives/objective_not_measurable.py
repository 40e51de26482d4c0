from aims_lint.rule import Problem, rule

from .model import (
    LABELS,
    OBJECTIVES_TYPE,
    missing_parts,
    objectives,
    short,
    vague_owner,
)


@rule(
    code="OBJ002",
    name="objective-not-measurable",
    clause="6.2",
    types=(OBJECTIVES_TYPE,),
    classification="minor",
    remediation="1-2 weeks",
    message="objective '{name}' is an intention, not a measurable objective: no metric with a target (a number, threshold, percentage or comparator){also}",
    summary="An objective with no measurable metric and target: an intention ('deploy AI responsibly').",
)
def check(doc, ctx):
    for objective in objectives(doc):
        missing = missing_parts(objective)
        if "metric" not in missing:
            continue
        others = [f"no {LABELS[part]}" for part in missing if part != "metric"]
        owner = vague_owner(objective, ctx)
        if owner:
            others.insert(0, f"an owner that is not a named role ('{owner}')")
        also = "; also " + ", ".join(others) if others else ""
        yield Problem(objective.line, objective.column, name=short(objective.name), also=also)
