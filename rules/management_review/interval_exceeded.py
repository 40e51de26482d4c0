import datetime as dt

from aims_lint.dates import Interval, parse_date
from aims_lint.evidence import evidence_of
from aims_lint.reading.records import INTERVAL_FACT, INTERVAL_SHAPE, planned_review_interval
from aims_lint.rule import Problem, Related, rule

DEFAULT = Interval(months=12)
# Where the organisation plans its management reviews.
PLANNING_TYPES = ("ai-policy", "procedure", "management-review", "aims-scope")


def planned(workspace):
    """(Interval, where it is planned or None) of the organisation's own management
    reviews; 12 months when no document plans them."""
    for relpath in sorted(workspace.relpaths_of_type(*PLANNING_TYPES)):
        found = workspace.fact(relpath, INTERVAL_FACT, planned_review_interval, INTERVAL_SHAPE)
        if found:
            return Interval(months=found[0], days=found[1]), (relpath, found[2])
    return DEFAULT, None


def _words(interval: Interval) -> str:
    if interval.days and not interval.months:
        return f"{interval.days} days"
    return f"{interval.months} months" if interval.months != 1 else "1 month"


@rule(
    code="MRV012",
    name="review-interval-exceeded",
    clause="9.3.1",
    types=("management-review",),
    classification="minor",
    remediation="1-2 weeks",
    message="{what}, beyond the planned interval of {interval} ({source}); hold the review at the interval the organisation planned",
    summary="Management reviews further apart than planned (the organisation's interval, else 12 months), or none since.",
    scope="workspace",
    options={"grace-days": 31},
)
def check(workspace, ctx):
    reviews = sorted(
        (record for record in evidence_of(workspace).reviews if not record.lacks and record.date),
        key=lambda record: record.date,
    )
    if not reviews:
        return
    interval, where = planned(workspace)
    grace = dt.timedelta(days=int(ctx.options.get("grace-days", 31)))
    source = f"{where[0]}:{where[1]}" if where else "none planned: 12 months"
    related_plan = [Related(where[1], 1, "the planned interval", doc=where[0])] if where else []
    for previous, record in zip(reviews, reviews[1:]):
        start, held = parse_date(previous.date), parse_date(record.date)
        if held > interval.after(start) + grace:
            yield Problem(
                record.facts.get("line", 1), 1, doc=workspace.document(record.path), interval=_words(interval), source=source,
                what=f"the management review of {record.date} came {(held - start).days} days after the previous one ({previous.date})",
                related=[Related(previous.facts.get("line", 1), 1, "the previous review", doc=previous.path), *related_plan],
            )
    last = reviews[-1]
    due = interval.after(parse_date(last.date)) + grace
    if ctx.today > due:
        yield Problem(
            last.facts.get("line", 1), 1, doc=workspace.document(last.path), interval=_words(interval), source=source,
            what=f"no management review since {last.date} ({(ctx.today - parse_date(last.date)).days} days ago)",
            related=related_plan,
        )
