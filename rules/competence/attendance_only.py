from aims_lint.rule import Problem, rule

from ..common import inactive, mentions, term_pattern
from .matrix import entries


@rule(
    code="CMP002",
    name="attendance-only-evidence",
    clause="7.2",
    types=("competence-matrix",),
    classification="minor",
    remediation="1 week",
    message=(
        "competence{who} evidenced only by attendance ('{term}'): record an evaluation that shows "
        "competence (test, certification exam, practical assessment, observed practice, scenario interview)"
    ),
    summary="Competence evidenced only by attendance (webinar, sign-in sheet, completion certificate).",
)
def check(doc, ctx):
    if inactive(doc):
        return
    attendance = ctx.vocabulary("competence_attendance")
    evaluation = ctx.vocabulary("competence_evaluation")
    pattern = term_pattern(attendance)
    if pattern is None:
        return
    for entry in entries(doc):
        if not entry.evidence:
            continue
        text = " | ".join(cell.text for cell in entry.evidence)
        if mentions(text, evaluation):
            continue
        for candidate in entry.evidence:
            match = pattern.search(candidate.text)
            if match:
                who = f" of '{entry.who}'" if entry.who else ""
                yield Problem(candidate.line, candidate.column, who=who, term=match.group(0))
                break
