from aims_lint.rule import Problem, rule

from .controls import rows
from .exclusion_unjustified import _normalise, non_justification

_QUOTED = 6  # control ids quoted in the message; the related locations name every row


def _justified(row, terms) -> bool:
    """A reason to include the control: a justification, or the risks it treats."""
    for name in ("justification", "risk"):
        value = row.refs.get(name)
        if value is not None and _normalise(value.text) and non_justification(value.text, terms) is None:
            return True
    return False


@rule(
    code="SOA012",
    name="soa-inclusion-unjustified",
    clause="6.1.3",
    types=("soa",),
    classification="minor",
    remediation="1 week",
    message="{problem}: 6.1.3 asks for the justification of each inclusion as of each exclusion; say why each control is included (the risks it treats, a legal or contractual requirement, the organisation's role)",
    summary="Included Annex A controls without a justification for inclusion (no justification or risk column, or empty cells): one finding per SoA.",
)
def check(doc, ctx):
    terms = ctx.vocabulary("soa_non_justifications")
    included = [row for row in rows(doc) if row.included]
    if not included:
        return
    with_column = [row for row in included if "justification" in row.refs or "risk" in row.refs]
    if not with_column:
        # The SoA has no place for a reason at all: one gap, whatever the number of tables.
        tables = []
        for row in included:
            if row.table is not None and all(row.table is not seen.table for seen in tables):
                tables.append(row)
        first = included[0]
        related = [(row.line, row.column, f"{row.raw_id}: another table without a justification column") for row in tables[1:]]
        yield Problem(
            first.line, first.column, related=related,
            problem=(f"none of the {len(included)} included controls has a justification" if len(included) > 1 else f"included control {first.raw_id} has no justification")
            + " (no justification, rationale or risk column)",
        )
        return
    unjustified = [row for row in included if not _justified(row, terms)]
    if not unjustified:
        return
    ids = [row.raw_id for row in unjustified]
    quoted = ", ".join(ids[:_QUOTED]) + (f" and {len(ids) - _QUOTED} more" if len(ids) > _QUOTED else "")
    first = unjustified[0]
    where = first.refs.get("justification") or first.refs.get("risk") or first
    related = []
    for row in unjustified[1:]:
        place = row.refs.get("justification") or row.refs.get("risk") or row
        related.append((place.line, place.column, f"{row.raw_id}: no justification"))
    verb = "has" if len(unjustified) == 1 else "have"
    yield Problem(where.line, where.column, related=related, problem=f"{len(unjustified)} of the {len(included)} included controls ({quoted}) {verb} no justification for inclusion")
