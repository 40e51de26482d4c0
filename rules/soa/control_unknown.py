from aims_lint.rule import Problem, rule

from .controls import annex_a, rows, why_unknown


@rule(
    code="SOA001",
    name="soa-control-unknown",
    clause="6.1.3",
    types=("soa",),
    classification="minor",
    remediation="1 day",
    message="'{raw}' is {why}: use the ISO/IEC 42001 Annex A numbering (A.2.2 to A.10.4), or give an organisation-specific control an ID of your own",
    summary="A control ID in the SoA that is not an ISO/IEC 42001 Annex A control (A.2.1, A.6.3, A.4.10, A.7.x).",
)
def check(doc, ctx):
    catalogue = annex_a(ctx)
    for row in rows(doc):
        if row.control not in catalogue:
            yield Problem(row.line, row.column, raw=row.raw_id, why=why_unknown(row.control, catalogue))
