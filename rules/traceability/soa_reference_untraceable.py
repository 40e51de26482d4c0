from aims_lint.rule import Problem, rule

from ..soa.controls import is_empty_reference, rows
from .graph import cell_references

_LABELS = (("procedure", "procedure"), ("evidence", "record"))


@rule(
    code="TRC002",
    name="soa-reference-untraceable",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 week",
    message=(
        "{count} of {total} included controls name their {label} only in words ({examples}): an auditor cannot "
        "follow them to the document; link the {label} or give its document id"
    ),
    summary="Included controls whose procedure or record is named only in words: no link, document id or declared external reference.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    empty_terms = ctx.vocabulary("soa_empty_references")
    included = [row for row in rows(doc) if row.included]
    for name, label in _LABELS:
        untraceable = []
        for row in included:
            ref = row.refs.get(name)
            if ref is None or is_empty_reference(ref.text, empty_terms):
                continue  # SOA003 and SOA004 report missing references
            if not cell_references(workspace, doc, ref, ctx).traceable:
                untraceable.append((row, ref))
        if untraceable:
            first_row, first_ref = untraceable[0]
            examples = ", ".join(f"{row.raw_id} '{ref.text.strip()[:40]}'" for row, ref in untraceable[:3])
            if len(untraceable) > 3:
                examples += ", ..."
            related = [(ref.line, ref.column, f"{row.raw_id} '{ref.text.strip()[:40]}'") for row, ref in untraceable[1:]]
            yield Problem(
                first_ref.line, first_ref.column, count=len(untraceable), total=len(included), label=label,
                examples=examples, related=related,
            )
