from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule


@rule(
    code="DOC010",
    judges_templates=True,
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
    for doc_id, relpaths in workspace.ids().items():
        if len(relpaths) < 2:
            continue
        for relpath in relpaths:
            if relpath not in linted:
                continue
            doc = workspace.document(relpath)
            others = ", ".join(other for other in relpaths if other != relpath)
            written = metadata(doc).get("id")  # front matter, else the body's document control
            position = written.position if written is not None else doc.value_position("id")
            yield Problem(*position, doc=doc, id=doc_id, others=others)
