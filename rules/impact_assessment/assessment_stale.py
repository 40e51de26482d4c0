
from aims_lint.dates import Interval, parse_date, parse_interval
from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, rule

from .common import TYPES, judged
from .support import body_date, body_review_cycle


@rule(
    code="IMP008",
    name="assessment-stale",
    clause="8.4",
    types=TYPES,
    classification="minor",
    remediation="2-4 weeks",
    message="impact assessment stale: dated {date}, {basis}, so it was due again on {due} ({days} days ago); reassess the system",
    summary="An impact assessment whose own date plus its review cycle (stated in the body) has passed.",
    options={"default-cycle-months": 12},
)
def check(doc, ctx):
    # Planned review dates of document control (front matter or a body block) are
    # DOC007's; this rule reads what the rest of the body says.
    if not judged(doc) or any(parse_date(doc.meta.get(key)) for key in ("next_review", "last_reviewed")):
        return
    meta = metadata(doc)
    if meta.date("next_review") or (meta.date("last_reviewed") and parse_interval(meta.text("review_interval"))):
        return
    found = body_date(doc)
    if found is None:
        return
    date, line = found
    cycle = body_review_cycle(doc)
    if cycle is not None and cycle[0]:
        months, basis = cycle[0], f"its stated review cycle is {cycle[0]} months"
    else:
        months = int(ctx.options.get("default-cycle-months", 12))
        basis = f"no review cycle is stated and {months} months is the usual maximum"
    due = Interval(months=months).after(date)
    if due < ctx.today:
        yield Problem(line, 1, date=date.isoformat(), basis=basis, due=due.isoformat(), days=(ctx.today - due).days)
