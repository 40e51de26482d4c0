import datetime as dt

from aims_lint.dates import parse_interval
from aims_lint.reading.metadata import FRONT_MATTER, metadata
from aims_lint.rule import ALL_TYPES, Problem, rule


# Where ISO/IEC 42001 itself asks for a review at planned intervals, an overdue review
# is a minor finding against that requirement; elsewhere the date is the organisation's
# own rule (the rule's advisory classification, clause 8.1).
REVIEWED_BY_THE_STANDARD = {"ai-policy": "A.2.4", "risk-assessment": "8.2", "impact-assessment": "8.4"}


def _basis(doc) -> dict:
    clause = REVIEWED_BY_THE_STANDARD.get(doc.doc_type or "")
    return dict(clause=clause, classification="minor") if clause else {}


def _name(item) -> str:
    return item.key if item.source == FRONT_MATTER else f"'{item.label}'"


@rule(
    code="DOC007",
    name="review-overdue",
    clause="8.1",
    types=ALL_TYPES,
    classification="advisory",
    remediation="1 week",
    message="review overdue: {basis} was due on {due} ({days} days ago)",
    summary="A document whose planned review date has passed.",
    options={"grace-days": 0},
)
def check(doc, ctx):
    meta = metadata(doc)
    if meta.inactive:
        return
    grace = dt.timedelta(days=int(ctx.options.get("grace-days", 0)))
    planned = meta.get("next_review")
    next_review = planned.date(late=True) if planned is not None else None
    if next_review is not None:
        if next_review + grace < ctx.today:
            days = (ctx.today - next_review).days
            yield Problem(*planned.position, **_basis(doc), basis=_name(planned), due=next_review.isoformat(), days=days)
        return
    reviewed, cycle = meta.get("last_reviewed"), meta.get("review_interval")
    last = reviewed.date(late=True) if reviewed is not None else None
    interval = parse_interval(cycle.value if cycle.source == FRONT_MATTER else cycle.text) if cycle is not None and cycle.filled else None
    if last is None or interval is None:
        return  # DOC004 / DOC005 / DOC013 report missing or unreadable values
    due = interval.after(last)
    if due + grace < ctx.today:
        basis = f"{_name(reviewed)} {last.isoformat()} + {_name(cycle)} '{cycle.text}'"
        yield Problem(*reviewed.position, **_basis(doc), basis=basis, due=due.isoformat(), days=(ctx.today - due).days)
