from aims_lint.reading.records import target_of
from aims_lint.rule import Problem, Related, rule

from .results import matcher, read


def _words(target) -> str:
    comparator, number, percent = target
    return f"{'≥' if comparator == '>=' else '≤'} {number:g}{'%' if percent else ''}"


@rule(
    code="OBJ007",
    name="target-inconsistent",
    clause="6.2",
    types=("ai-objectives",),
    classification="minor",
    remediation="1 day",
    message=(
        "'{ref}' is measured against {here} here, but its objective ({where}) sets {there}; one metric, one target: "
        "align the monitoring record with the approved objective (or change the objective, approved)"
    ),
    summary="The same objective given a different target in a monitoring record than in the objectives.",
    scope="workspace",
)
def check(workspace, ctx):
    objectives, results = read(workspace)
    find = matcher(workspace).find
    for relpath, result in results:
        ref, value, target, missed, action, line = result
        here = target_of(target) if target else None
        if here is None:
            continue
        for where, objective in find(ref):
            there = target_of(objective[2])
            if there is None or there == here:
                continue
            yield Problem(
                line, 1, doc=workspace.document(relpath), ref=ref, here=_words(here), there=_words(there), where=where,
                related=[Related(objective[5], 1, f"the objective's target: {objective[2]}", doc=where)],
            )
            break
