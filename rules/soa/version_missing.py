
from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..document_control.placeholders import is_placeholder

_VERSION_VALUE = lazy(r"\d")


def _has_version(doc) -> bool:
    for item in doc.fields_named("version"):
        if _VERSION_VALUE.search(item.value) and not is_placeholder(item.value):
            return True
    for table in doc.tables:  # a change history: "Version | Date | Author | Changes"
        if table.has("version") and any(_VERSION_VALUE.search(row.value("version")) for row in table.rows):
            return True
    return False


@rule(
    code="SOA008",
    name="soa-version-missing",
    clause="7.5.3",
    types=("soa",),
    classification="minor",
    remediation="1 day",
    message="the SoA has no version: give it a version (front matter 'version', or a 'Version:' line or change history) so the auditor knows which SoA was approved",
    summary="A Statement of Applicability without a version, in front matter or in its text.",
)
def check(doc, ctx):
    if doc.front_matter is not None and not doc.front_matter.problems:
        return  # front matter: DOC004 reports a missing 'version'
    if _has_version(doc):
        return
    yield Problem(doc.sections[0].line if doc.sections else 1, 1)
