import re

from aims_lint.dates import ISO_DATE, prose_date
from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import term_pattern
from .common import TYPES, actions, judged

_RELATIVE = lazy(
    r"^\+\s*\d+\s*(d|w|m|y|days?|weeks?|months?)\b|\b(in|within)\s+(\d+|one|two|three|four|six)\s+(days?|weeks?|months?)\b",
    re.I,
)


@rule(
    code="MRV006",
    name="relative-due-date",
    clause="9.3.3",
    types=TYPES,
    classification="advisory",
    remediation="1 day",
    message="due date '{due}' is relative: nobody can tell later when it was due; write a calendar date (e.g. 2027-01-31)",
    summary="An action due date written relative to the meeting ('+7d', 'next week', 'ASAP').",
)
def check(doc, ctx):
    if not judged(doc):
        return
    vocabulary = term_pattern(ctx.vocabulary("management_review_relative_dates"))
    for action in actions(doc, ctx.config.roles):
        due = (action.due or "").strip().rstrip(".")
        if not due or ISO_DATE.search(due) or prose_date(due):
            continue
        if _RELATIVE.search(due) or (vocabulary is not None and vocabulary.search(due)):
            yield Problem(action.due_line, action.due_column, due=due)
