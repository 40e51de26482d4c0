from aims_lint.rule import rule

from .references import missing_references


@rule(
    code="SOA005",
    name="soa-owner-missing",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 week",
    message="no responsible role: {summary}; name the role accountable for it (e.g. 'Head of Data Science')",
    summary="An included Annex A control without a responsible role.",
)
def check(doc, ctx):
    yield from missing_references(doc, ctx, "owner")
