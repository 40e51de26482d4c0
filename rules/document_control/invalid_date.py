
from aims_lint.dates import parse_date
from aims_lint.patterns import lazy
from aims_lint.reading.metadata import BODY, DATE_KEYS, metadata
from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder
from .types import is_record

_DATE_KEY = lazy(
    r"^date$|_date$|^date_|^next_review$|^last_reviewed$|^last_significant_change$|^effective$"
    r"|^(approved|reviewed|signed|issued|published|effective|updated|created|completed|accepted)_on$"
)
# Dates that record something that already happened cannot lie in the future.
_PAST_KEYS = frozenset({"approved_on", "last_reviewed", "last_significant_change", "reviewed_on", "signed_on"})
# A body value that was meant as a date in numbers ("2026-13-01", "2026-02-30").
_NUMERIC_DATE = lazy(r"^\d{4}-\d{1,2}-\d{1,2}\b")


def _dates(doc):
    """(container, key, value) for every date-like key, top level and one list below."""
    for key, value in doc.meta.items():
        if isinstance(key, str) and _DATE_KEY.search(key):
            yield doc.meta, key, value
        elif isinstance(value, list):
            for item in value[:1000]:
                if isinstance(item, dict):
                    for inner_key, inner_value in item.items():
                        if isinstance(inner_key, str) and _DATE_KEY.search(inner_key):
                            yield item, inner_key, inner_value


@rule(
    code="DOC005",
    name="invalid-date",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="'{key}' {problem}",
    summary="A document-control date (front matter or body block) that is not a real date, or lies in the future when it records the past.",
)
def check(doc, ctx):
    yield from _body_dates(doc, ctx)
    for container, key, value in _dates(doc):
        if value is None or value == "" or is_placeholder(value):
            continue  # missing keys and placeholders have their own rules
        date = parse_date(value)
        if date is None:
            yield Problem(*doc.item_position(container, key), key=key, problem=f"is not a valid date: {str(value)!r} (write YYYY-MM-DD)")
        elif (key in _PAST_KEYS or key == "date" and container is doc.meta and is_record(doc.doc_type)) and date > ctx.today:
            yield Problem(*doc.item_position(container, key), key=key, problem=f"is in the future ({date.isoformat()}): it records something that has already happened")


def _body_dates(doc, ctx):
    """Dates of a body document-control block: written in words or numbers, judged when
    they are not real dates written as YYYY-MM-DD, or record the past in the future."""
    for key, item in metadata(doc).values.items():
        if item.source != BODY or key not in DATE_KEYS or not item.filled:
            continue
        past = key in _PAST_KEYS or key == "date" and is_record(doc.doc_type)
        date = item.date(late=not past)  # "January 2026": its first day when it must be past
        if date is None:
            if _NUMERIC_DATE.match(item.text):
                yield Problem(*item.position, key=item.label, problem=f"is not a valid date: {item.text!r} (write YYYY-MM-DD)")
        elif past and date > ctx.today:
            yield Problem(*item.position, key=item.label, problem=f"is in the future ({date.isoformat()}): it records something that has already happened")
