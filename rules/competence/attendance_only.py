from aims_lint.rule import Problem, rule

from ..common import find_terms, full_text, inactive, mentions, term_pattern
from .matrix import cell, column_of, matrix_tables


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
    flagged = False
    for table in matrix_tables(doc):
        skip = {column_of(table, "role"), column_of(table, "competencies")}
        role_index = column_of(table, "role")
        for row in table.rows:
            cells = [c for index, c in enumerate(row.cells) if index not in skip and c.text]
            text = " | ".join(c.text for c in cells)
            if mentions(text, evaluation):
                continue
            for candidate in cells:
                match = pattern.search(candidate.text)
                if match:
                    role = cell(row, role_index)
                    who = f" of '{role.text}'" if role is not None and role.text else ""
                    flagged = True
                    yield Problem(candidate.line, candidate.column, who=who, term=match.group(0))
                    break
    if flagged or mentions(full_text(doc), evaluation):
        return
    for line, column, term in find_terms(doc, attendance):
        yield Problem(line, column, who="", term=term)
        return
