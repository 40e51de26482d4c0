import datetime as dt

from aims_lint.dates import parse_date, parse_interval
from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import is_inactive


@rule(
    code="DOC007",
    name="review-overdue",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 week",
    message="review overdue: {basis} was due on {due} ({days} days ago)",
    summary="A document whose planned review date has passed.",
    options={"grace-days": 0},
)
def check(doc, ctx):
    meta = doc.meta
    if is_inactive(meta):
        return
    grace = dt.timedelta(days=int(ctx.options.get("grace-days", 0)))
    next_review = parse_date(meta.get("next_review"))
    if next_review is not None:
        if next_review + grace < ctx.today:
            days = (ctx.today - next_review).days
            yield Problem(*doc.value_position("next_review"), basis="next_review", due=next_review.isoformat(), days=days)
        return
    last = parse_date(meta.get("last_reviewed"))
    interval = parse_interval(meta.get("review_interval"))
    if last is None or interval is None:
        return  # DOC004 / DOC005 / DOC013 report missing or unreadable values
    due = interval.after(last)
    if due + grace < ctx.today:
        basis = f"last_reviewed {last.isoformat()} + review_interval '{meta.get('review_interval')}'"
        yield Problem(*doc.value_position("last_reviewed"), basis=basis, due=due.isoformat(), days=(ctx.today - due).days)
