from aims_lint.rule import rule

from .references import missing_references


@rule(
    code="SOA004",
    name="soa-evidence-missing",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 week",
    message="no record/evidence reference: {summary}; name the record that shows it operates (a link to a record, a log, a ticket id)",
    summary="An included Annex A control without a record/evidence reference.",
)
def check(doc, ctx):
    yield from missing_references(doc, ctx, "evidence")
