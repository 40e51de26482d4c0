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
    found = objectives(doc)
    vague = [objective for objective in found if "metric" in missing_parts(objective)]
    # One intention beside measurable objectives is a single lapse (minor); when no
    # objective is measurable, there is no measurable AI objective at all (major).
    classification = "major" if vague and len(vague) == len(found) else None
    for objective in vague:
        missing = missing_parts(objective)
        others = [f"no {LABELS[part]}" for part in missing if part != "metric"]
        owner = vague_owner(objective, ctx)
        if owner:
            others.insert(0, f"an owner that is not a named role ('{owner}')")
        also = "; also " + ", ".join(others) if others else ""
        yield Problem(objective.line, objective.column, classification=classification, name=short(objective.name), also=also)
