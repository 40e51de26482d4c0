from aims_lint.rule import Problem, rule

from .controls import annex_a, rows, why_unknown

_QUOTED = 3  # IDs quoted in one finding's message; its related locations name every row


@rule(
    code="SOA001",
    name="soa-control-unknown",
    clause="6.1.3",
    types=("soa",),
    classification="minor",
    remediation="1 day",
    message="{ids} {verb} {why}: use the ISO/IEC 42001 Annex A numbering (A.2.2 to A.10.4), or give an organisation-specific control an ID of your own",
    summary="A control ID in the SoA that is not an ISO/IEC 42001 Annex A control (A.2.1, A.6.3, A.4.10, A.7.x).",
)
def check(doc, ctx):
    catalogue = annex_a(ctx)
    # The same mistake on several rows (every objective number used as a control, one
    # group numbered another way) is one gap: one finding at its first row, the other
    # rows its related locations.
    by_reason: dict[str, list] = {}
    for row in rows(doc):
        if row.control not in catalogue:
            by_reason.setdefault(why_unknown(row.control, catalogue), []).append(row)
    for why, found in by_reason.items():
        ids = list(dict.fromkeys(row.raw_id for row in found))
        quoted = ", ".join(f"'{raw}'" for raw in ids[:_QUOTED]) + (f" and {len(ids) - _QUOTED} more" if len(ids) > _QUOTED else "")
        verb = "is" if len(ids) == 1 else "are each"
        related = [(row.line, row.column, f"'{row.raw_id}'") for row in found[1:]]
        yield Problem(found[0].line, found[0].column, ids=quoted, verb=verb, why=why, related=related)
