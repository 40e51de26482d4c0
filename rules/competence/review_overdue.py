from aims_lint.rule import Problem, rule

from ..common import inactive
from .matrix import cell_date, entries


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
    for entry in entries(doc):
        target = entry.cells.get("next_review")
        if target is None:
            continue  # no next-review date (or only a review interval)
        due = cell_date(target.text)
        if due is None or (ctx.today - due).days <= grace:
            continue
        who = f" of '{entry.who}'" if entry.who else ""
        yield Problem(target.line, target.column, who=who, due=due.isoformat(), days=(ctx.today - due).days)
