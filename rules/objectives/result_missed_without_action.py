from aims_lint.reading.records import misses
from aims_lint.rule import Problem, Related, rule

from .results import matcher, read


@rule(
    code="OBJ006",
    name="result-missed-without-action",
    clause="9.1",
    types=("ai-objectives",),
    classification="minor",
    remediation="1 week",
    message=(
        "'{ref}' measured {value} against a target of {target}: the target is missed and the record gives no action "
        "or decision; record what was decided (corrective action, accepted deviation, changed target) and by whom"
    ),
    summary="A monitoring result that misses its target with no action or decision recorded beside it.",
    scope="workspace",
)
def check(workspace, ctx):
    objectives, results = read(workspace)
    find = matcher(workspace).first
    for relpath, result in results:
        ref, value, target, missed, action, line = result
        if action:
            continue
        objective = find(ref)
        if not target and objective is not None:
            target = objective[1][2]
            missed = misses(value, target)
        if not missed:
            continue
        related = [Related(objective[1][5], 1, f"the objective's target: {objective[1][2]}", doc=objective[0])] if objective else []
        yield Problem(line, 1, doc=workspace.document(relpath), ref=ref, value=value, target=target or "the target", related=related)
