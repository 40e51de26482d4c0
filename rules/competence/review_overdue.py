from aims_lint.rule import Problem, rule

from ..common import inactive
from .matrix import cell, cell_date, column_of, matrix_tables


@rule(
    code="CMP003",
    name="competence-review-overdue",
    clause="7.2",
    types=("competence-matrix",),
    classification="minor",
    remediation="1 week",
    message="competence review{who} was due on {due} ({days} days ago): re-evaluate and record the result and the next date",
    summary="A matrix row whose next competence review date has passed.",
    options={"grace-days": 0},
)
def check(doc, ctx):
    if inactive(doc):
        return
    grace = int(ctx.options.get("grace-days", 0))
    for table in matrix_tables(doc):
        index = None
        for position, name in enumerate(table.columns):
            if name == "next_review":
                index = position
                break
        if index is None:
            index = column_of(table, "next_review")
            if index is not None and table.columns[index] == "review_frequency":
                continue  # an interval, not a date
        role_index = column_of(table, "role")
        for row in table.rows:
            target = cell(row, index)
            due = cell_date(target.text) if target is not None else None
            if due is None or (ctx.today - due).days <= grace:
                continue
            role = cell(row, role_index)
            who = f" of '{role.text}'" if role is not None and role.text else ""
            yield Problem(target.line, target.column, who=who, due=due.isoformat(), days=(ctx.today - due).days)
