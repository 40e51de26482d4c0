from aims_lint.rule import Problem, rule

from .model import (
    LABELS,
    OBJECTIVES_TYPE,
    PARTS,
    POLICY_TYPE,
    judged_objectives,
    missing_parts,
    short,
    vague_owner,
)


@rule(
    code="OBJ003",
    name="objective-plan-incomplete",
    clause="6.2",
    types=(OBJECTIVES_TYPE, POLICY_TYPE),
    classification="minor",
    remediation="1 week",
    message="objective '{name}' has {missing}: 6.2 asks who is responsible, how and how often results are evaluated, and by when",
    summary="A measurable objective without a named owner role, review frequency, evaluation method or deadline.",
    options={"required": ["owner", "frequency", "method", "deadline"]},
    option_choices={"required": tuple(PARTS)},
)
def check(doc, ctx):
    required = [part for part in ctx.options.get("required") or () if part in PARTS]
    reported_tables = set()
    found = judged_objectives(doc, ctx)
    listed = [objective for objective in found if objective.source == "policy" and objective.table is None]
    if listed:
        yield from _policy_list(listed, required)
    listed_ids = {id(objective) for objective in listed}
    for objective in found:
        if id(objective) in listed_ids:
            continue
        missing = missing_parts(objective, include_absent=False)
        if "metric" in missing:
            continue  # OBJ002 reports the objective with everything it lacks
        problems = [f"no {LABELS[part]}" for part in missing if part in required]
        owner = vague_owner(objective, ctx, leave_to_doc009=True)
        if owner and "owner" in required:
            problems.insert(0, f"an owner that is not a named role ('{owner}')")
        if problems:
            # 6.2 asks who, by when and how results are evaluated; a review frequency
            # is good practice: advisory when it is all that is missing.
            classification = "advisory" if problems == [f"no {LABELS['frequency']}"] else None
            yield Problem(objective.line, objective.column, classification=classification, name=short(objective.name), missing=", ".join(problems[:-1]) + " and " + problems[-1] if len(problems) > 1 else problems[0])
        table = objective.table
        if table is not None and not reported_tables:  # one finding for the document's objectives tables
            reported_tables.add(id(table))
            absent = [LABELS[part] for part in PARTS if part in objective.absent and part in required]
            if absent:
                yield Problem(
                    table.line,
                    1,
                    classification="advisory" if absent == [LABELS["frequency"]] else None,
                    message=(
                        f"the objectives table has no {' and no '.join(absent)} column, so no objective in it states "
                        f"{'them' if len(absent) > 1 else 'it'}: add the column{'s' if len(absent) > 1 else ''} and fill "
                        f"{'them' if len(absent) > 1 else 'it'} in for every objective (6.2)"
                    ),
                )


def _policy_list(listed, required):
    """Measurable objectives an AI policy lists as bullets: one finding for the parts of
    the plan none of them states (a list has no columns to fill in)."""
    measurable = [objective for objective in listed if "metric" not in missing_parts(objective)]
    if not measurable:
        return  # OBJ002 reports the intentions, with everything they lack
    lacking = [LABELS[part] for part in PARTS if part in required and all(not objective.values.get(part) for objective in measurable)]
    if not lacking:
        return
    what = ", ".join(lacking[:-1]) + " or " + lacking[-1] if len(lacking) > 1 else lacking[0]
    first = measurable[0]
    yield Problem(
        first.line, first.column,
        message=(
            f"the {len(measurable)} measurable AI objective{'s' if len(measurable) > 1 else ''} the policy lists "
            f"name{'s' if len(measurable) == 1 else ''} no {what}: 6.2 asks who is responsible, how and how often "
            "results are evaluated, and by when; state them here or in an AI objectives register"
        ),
    )
