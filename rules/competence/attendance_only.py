from aims_lint.rule import Problem, rule

from ..common import inactive, mentions, term_pattern
from .matrix import entries


_QUOTED = 3  # roles and terms quoted in the message; the related locations name every entry


@rule(
    code="CMP002",
    name="attendance-only-evidence",
    clause="7.2",
    types=("competence-matrix",),
    classification="minor",
    remediation="1 week",
    message=(
        "competence{who} evidenced only by attendance ({terms}): record an evaluation that shows "
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
    # Evidence by attendance for several roles is one gap (the way competence is shown
    # falls short of 7.2 c): one finding at the first such entry, the others its related
    # locations.
    found = []  # (cell, who, term)
    for entry in entries(doc):
        if not entry.evidence:
            continue
        text = " | ".join(cell.text for cell in entry.evidence)
        if mentions(text, evaluation):
            continue
        for candidate in entry.evidence:
            match = pattern.search(candidate.text)
            if match:
                found.append((candidate, entry.who, match.group(0)))
                break
    if not found:
        return
    roles = list(dict.fromkeys(who for _, who, _ in found if who))
    terms = list(dict.fromkeys(term for _, _, term in found))
    who = ""
    if roles:
        who = " of " + ", ".join(f"'{role}'" for role in roles[:_QUOTED])
        if len(roles) > _QUOTED:
            who += f" and {len(roles) - _QUOTED} more roles"
    quoted = ", ".join(f"'{term}'" for term in terms[:_QUOTED]) + (", …" if len(terms) > _QUOTED else "")
    related = [(cell.line, cell.column, f"'{role}': '{term_}'" if role else f"'{term_}'") for cell, role, term_ in found[1:]]
    yield Problem(found[0][0].line, found[0][0].column, who=who, terms=quoted, related=related)
