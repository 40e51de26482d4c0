from aims_lint.rule import Problem, Related, rule

from .results import matcher, read


@rule(
    code="OBJ005",
    name="objective-overdue-without-result",
    clause="9.1",
    types=("ai-objectives",),
    classification="minor",
    remediation="1 week",
    message=(
        "{count} objective{s} past {their} due date with no recorded result ({listed}): record what was achieved "
        "(a result against the target, in the objectives or a monitoring record) and what was decided"
    ),
    summary="Objectives past their due date with no result recorded anywhere in the repository.",
    scope="workspace",
)
def check(workspace, ctx):
    objectives, results = read(workspace)
    today = ctx.today.isoformat()
    find = matcher(workspace).find
    measured = {id(objective) for _, result in results for _, objective in find(result[0])}
    by_doc = {}
    for relpath, objective in objectives:
        ident, name, target, due, own_result, line = objective
        if not due or due >= today or own_result:
            continue
        if id(objective) in measured:
            continue
        by_doc.setdefault(relpath, []).append(objective)
    for relpath, overdue in by_doc.items():
        first, *rest = overdue
        listed = ", ".join(f"{item[0] or item[1]} due {item[3]}" for item in overdue[:3]) + (" ..." if len(overdue) > 3 else "")
        yield Problem(
            first[5], 1, doc=workspace.document(relpath), count=len(overdue), s="s" if len(overdue) != 1 else "",
            their="their" if len(overdue) != 1 else "its", listed=listed,
            related=[Related(item[5], 1, f"{item[0] or item[1]}: due {item[3]}, no result") for item in rest],
        )
