from aims_lint.rule import Problem, rule

from ..soa.controls import rows
from .graph import cell_references

# Types that describe how things are done, not that they were done.
PROCEDURE_TYPES = frozenset({"procedure", "process", "policy", "ai-policy", "standard", "guideline", "methodology", "template"})


@rule(
    code="TRC003",
    name="soa-record-not-evidence",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 day",
    message=(
        "the record of {control} points to {target} ({doc_type}), which says how the control works, not that it "
        "operates: point to a record of it being carried out (a log, report, minutes, test result)"
    ),
    summary="An SoA record/evidence reference that points to a procedure or policy instead of a record.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    for row in rows(doc):
        ref = row.refs.get("evidence")
        if not row.included or ref is None or not ref.text.strip():
            continue
        found = cell_references(workspace, doc, ref, ctx)
        if found.documents and not found.external and not found.unknown_ids and all(target.doc_type in PROCEDURE_TYPES for target in found.documents):
            target = found.documents[0]
            yield Problem(ref.line, ref.column, control=row.raw_id, target=target.id or target.relpath, doc_type=target.doc_type)
