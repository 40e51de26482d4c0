import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import first_heading_line, mentions
from .common import TYPES, in_agenda, judged, review_text

# "(9.3.2a)", "9.3.2 (b)", "Clause 9.3.2 a)" in a heading. Only a) and b) are read from
# the letter: they are the same inputs in ISO/IEC 42001 and both editions of ISO/IEC
# 27001, whose later letters differ (27001:2013 c) is performance, 42001 c) is parties).
_CLAUSE_LETTER = lazy(r"\b9\.3\.2\s*+\(?\s*+([ab])\b", re.I)


def headed_inputs(doc) -> set[str]:
    """The inputs a) and b) named by clause letter in a heading outside the agenda."""
    return {
        match.group(1).lower()
        for section in doc.sections
        if not in_agenda(section)
        for match in _CLAUSE_LETTER.finditer(section.title)
    }

INPUTS = (
    ("a", "status of actions from previous management reviews", ("management_review_previous_actions",)),
    ("b", "changes in external and internal issues relevant to the AIMS", ("management_review_context_changes",)),
    ("c", "changes in the needs and expectations of interested parties", ("management_review_interested_parties",)),
    ("d", "information on AIMS performance", ("management_review_nonconformities", "management_review_monitoring", "management_review_audit")),
    ("e", "opportunities for continual improvement", ("management_review_improvement",)),
)
PERFORMANCE_PARTS = {
    "management_review_nonconformities": "nonconformities and corrective actions",
    "management_review_monitoring": "monitoring and measurement results",
    "management_review_audit": "audit results",
}


@rule(
    code="MRV001",
    name="review-input-missing",
    clause="9.3.2",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message="management review input 9.3.2 {letter} {status}: {what}; {advice}",
    summary="Minutes that do not address one of the required inputs of 9.3.2 (a-e).",
)
def check(doc, ctx):
    if not judged(doc):
        return
    text = review_text(doc)
    line = first_heading_line(doc)
    headed = headed_inputs(doc)
    for letter, title, vocabularies in INPUTS:
        if letter in headed:
            continue
        found = {name: mentions(text, ctx.vocabulary(name)) for name in vocabularies}
        if not any(found.values()):
            yield Problem(line, 1, letter=letter, status="not addressed", what=title, advice="record what was reviewed and what it showed")
        elif letter == "d" and not all(found.values()):
            missing = " and ".join(PERFORMANCE_PARTS[name] for name, ok in found.items() if not ok)
            yield Problem(line, 1, letter=letter, status="incomplete", what=f"{title} does not cover {missing}",
                          advice="report their trends with figures")
