from aims_lint.rule import ALL_TYPES, Problem, rule


@rule(
    code="DOC010",
    name="duplicate-id",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="id '{id}' is also used by {others}",
    summary="Two governance documents with the same id.",
    scope="workspace",
)
def check(workspace, ctx):
    linted = set(workspace.targets)
    for doc_id, docs in workspace.ids().items():
        if len(docs) < 2:
            continue
        for doc in docs:
            if doc.relpath not in linted:
                continue
            others = ", ".join(other.relpath for other in docs if other is not doc)
            yield Problem(*doc.value_position("id"), doc=doc, id=doc_id, others=others)
