
from aims_lint.dates import parse_date
from aims_lint.patterns import lazy
from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder
from .types import is_record

_DATE_KEY = lazy(
    r"^date$|_date$|^date_|^next_review$|^last_reviewed$|^last_significant_change$|^effective$"
    r"|^(approved|reviewed|signed|issued|published|effective|updated|created|completed|accepted)_on$"
)
# Dates that record something that already happened cannot lie in the future.
_PAST_KEYS = frozenset({"approved_on", "last_reviewed", "last_significant_change", "reviewed_on", "signed_on"})


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
    summary="A date in the front matter that is not a real YYYY-MM-DD date, or lies in the future when it records the past.",
)
def check(doc, ctx):
    for container, key, value in _dates(doc):
        if value is None or value == "" or is_placeholder(value):
            continue  # missing keys and placeholders have their own rules
        date = parse_date(value)
        if date is None:
            yield Problem(*doc.item_position(container, key), key=key, problem=f"is not a valid date: {str(value)!r} (write YYYY-MM-DD)")
        elif (key in _PAST_KEYS or key == "date" and container is doc.meta and is_record(doc.doc_type)) and date > ctx.today:
            yield Problem(*doc.item_position(container, key), key=key, problem=f"is in the future ({date.isoformat()}): it records something that has already happened")
