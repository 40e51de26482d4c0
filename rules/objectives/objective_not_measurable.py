from aims_lint.rule import Problem, rule

from .model import (
    LABELS,
    OBJECTIVES_TYPE,
    POLICY_TYPE,
    judged_objectives,
    missing_parts,
    short,
    vague_owner,
)


@rule(
    code="OBJ002",
    name="objective-not-measurable",
    clause="6.2",
    types=(OBJECTIVES_TYPE, POLICY_TYPE),
    classification="minor",
    remediation="1-2 weeks",
    message="objective '{name}' is an intention, not a measurable objective: no metric with a target (a number, threshold, percentage or comparator){also}",
    summary="An objective with no measurable metric and target: an intention ('deploy AI responsibly').",
)
def check(doc, ctx):
    found = judged_objectives(doc, ctx)
    if doc.doc_type == POLICY_TYPE:
        yield from _policy(found)
        return
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


def _policy(found):
    """The objectives an AI policy states (with no objectives register beside it): one
    finding for those that are intentions, major when none of them is measurable."""
    vague = [objective for objective in found if "metric" in missing_parts(objective)]
    if not vague:
        return
    first = vague[0]
    names = ", ".join(f"'{short(objective.name, 40)}'" for objective in vague[:3]) + (", …" if len(vague) > 3 else "")
    count = f"all {len(found)}" if len(vague) == len(found) else f"{len(vague)} of the {len(found)}"
    if len(found) == 1:
        count = "the one"
    yield Problem(
        first.line, first.column,
        classification="major" if len(vague) == len(found) else "minor",
        message=(
            f"{count} AI objective{'s' if len(found) > 1 else ''} the policy states "
            f"{'are intentions' if len(vague) > 1 else 'is an intention'}, not measurable objectives "
            f"(no metric with a target): {names}; state each with a metric and target, owner, review frequency, "
            "evaluation method and deadline, here or in an AI objectives register (6.2)"
        ),
    )
