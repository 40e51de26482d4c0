from aims_lint.reading import review_record
from aims_lint.rule import Problem, rule

# What 9.2.2 asks each audit to define and its retained results to show, in the order
# an auditor reads a report; the words name them in the message.
_ELEMENTS = (
    ("scope", "its scope"),
    ("criteria", "its criteria"),
    ("auditor", "the auditor(s)"),
    ("date", "the date it was held"),
    ("findings", "its findings (or that there were none)"),
)


def _record(doc) -> dict:
    return doc.memo("reading.audit_record", review_record.audit_record)


@rule(
    code="IAU001",
    name="audit-record-incomplete",
    clause="9.2.2",
    types=("internal-audit",),
    classification="minor",
    remediation="1-3 days",
    message="the internal-audit record does not state {missing}: {consequence}",
    summary="An internal-audit record that does not name its scope, criteria, auditor(s), date or findings (major when it has no findings or results at all).",
)
def check(doc, ctx):
    facts = _record(doc)
    if facts["kind"] != review_record.MINUTES:
        return  # a programme, plan or procedure: audits to come, no results yet
    missing = [words for key, words in _ELEMENTS if not facts[key]]
    if not missing:
        return
    text = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " or " + missing[-1]
    if not facts["findings"]:
        consequence = "9.2.2 asks for the audit results to be retained; with none the record is no evidence that the audit was carried out"
        classification = "major"
    else:
        consequence = "9.2.2 asks for the criteria and scope of each audit and auditors who are objective; say them in the record"
        classification = "minor"
    line = doc.sections[0].line if doc.sections else 1
    yield Problem(line, 1, classification=classification, missing=text, consequence=consequence)
