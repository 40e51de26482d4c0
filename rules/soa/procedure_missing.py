from aims_lint.rule import rule

from .references import missing_references


@rule(
    code="SOA003",
    name="soa-procedure-missing",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 week",
    message="no procedure reference: {summary}; name the procedure or policy that implements it (a link or document id)",
    summary="An included Annex A control without a procedure reference.",
)
def check(doc, ctx):
    yield from missing_references(doc, ctx, "procedure")
