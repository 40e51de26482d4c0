from aims_lint.reading import templates
from aims_lint.rule import ALL_TYPES, Problem, rule

from ..common import first_heading_line, inactive
from ..mandatory import template_classification

# Types whose family says it in its own words (RSK005, IMP001, OBJ001, MRV008; MRV008
# also for management reviews kept as records).
_FAMILY_TYPES = ("risk-assessment", "impact-assessment", "ai-objectives", "management-review")


@rule(
    code="DOC015",
    name="unfilled-template",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1-2 weeks",
    message="{what}the document is an unfilled template ({fill}); fill it in with what the organisation really does, or remove it",
    summary="A document that is an unfilled template: most of its fields and table cells are blank or placeholders.",
    judges_templates=True,
)
def check(doc, ctx):
    if inactive(doc) or not templates.is_unfilled(doc):
        return
    classification, kind = template_classification(doc, ctx)
    if doc.doc_type in _FAMILY_TYPES or doc.doc_type == "record" and kind is not None and kind.clause == "9.3":
        return
    if kind is None and doc.doc_type == "record":
        # A blank record form ("Risk Assessment Record Template": Field | Entry) is meant
        # to be blank: it is the procedure's form, not a record. A missing record of a
        # mandatory kind is what a kind (here) or AIMS001 reports.
        return
    reading = templates.read(doc)
    if kind is None:
        what, clause = "", None
    else:
        what, clause = f"{kind.what} not on record: ", kind.clause
    yield Problem(first_heading_line(doc), 1, clause=clause, classification=classification, what=what, fill=reading.describe())
