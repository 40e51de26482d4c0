from aims_lint.dates import parse_interval
from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder

STATUSES = ("draft", "in-review", "approved", "retired", "superseded")


@rule(
    code="DOC013",
    name="invalid-field-value",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="'{key}' {problem}",
    summary="A status that is not a known state, or a review interval that cannot be read.",
)
def check(doc, ctx):
    meta = doc.meta
    status = meta.get("status")
    if status not in (None, "") and not is_placeholder(status):
        normalised = str(status).strip().lower().replace(" ", "-").replace("_", "-")
        if normalised not in STATUSES:
            yield Problem(*doc.value_position("status"), key="status", problem=f"is {status!r}; expected one of {', '.join(STATUSES)}")
    interval = meta.get("review_interval")
    if interval not in (None, "") and not is_placeholder(interval) and parse_interval(interval) is None:
        yield Problem(
            *doc.value_position("review_interval"),
            key="review_interval",
            problem=f"is {interval!r}, which is not an interval aims-lint can read (e.g. '12 months', 'quarterly', '6 weeks')",
        )
