import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import first_heading_line
from .common import TYPES, in_agenda, judged

_TITLE = lazy(r"decision|resolution|outcome|conclusion|results? of the review|review output", re.I)
_LABEL = lazy(r"^\W*(decisions?|resolutions?|outcomes?|conclusions?)\W*:", re.I | re.M)
_VERBS = lazy(r"\b(decided|agreed|resolved|concluded|endorsed|management (decides|approves|confirms))\b", re.I)


@rule(
    code="MRV004",
    name="decisions-missing",
    clause="9.3.3",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message=(
        "no explicit decisions: record what top management decided (on continual improvement, changes "
        "to the AIMS, resources), e.g. under a 'Decisions' heading"
    ),
    summary="Minutes that record no decision of top management (9.3.3).",
)
def check(doc, ctx):
    if not judged(doc):
        return
    if any(s.text.strip() for s in doc.sections if _TITLE.search(s.title) and not in_agenda(s)):
        return
    if any("decision" in table.columns for table in doc.tables) or doc.fields_named("decision"):
        return
    for block in doc.blocks:
        if block.section is not None and in_agenda(block.section):
            continue
        if _LABEL.search(block.text) or _VERBS.search(block.text):
            return
    yield Problem(first_heading_line(doc), 1)
