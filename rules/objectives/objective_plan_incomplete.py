from aims_lint.rule import Problem, rule

from .model import (
    LABELS,
    OBJECTIVES_TYPE,
    PARTS,
    missing_parts,
    objectives,
    short,
    vague_owner,
)


@rule(
    code="OBJ003",
    name="objective-plan-incomplete",
    clause="6.2",
    types=(OBJECTIVES_TYPE,),
    classification="minor",
    remediation="1 week",
    message="objective '{name}' has {missing}: 6.2 asks who is responsible, how and how often results are evaluated, and by when",
    summary="A measurable objective without a named owner role, review frequency, evaluation method or deadline.",
    options={"required": ["owner", "frequency", "method", "deadline"]},
)
def check(doc, ctx):
    required = [part for part in ctx.options.get("required") or () if part in PARTS]
    reported_tables = set()
    for objective in objectives(doc):
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
