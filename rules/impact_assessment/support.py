"""Reading review cycles and assessment dates from the body of an impact assessment
written without front matter. Shared helpers of every family are in ``rules/common.py``."""

from __future__ import annotations

import datetime as dt
import re

from aims_lint.dates import prose_date
from aims_lint.patterns import lazy

from ..common import is_blank

# ---------------------------------------------------------------------------
# Review cycles and dates written in the body (documents without front matter)

_INTERVAL = (
    r"(annual(?:ly)?|yearly|every year|once a year|quarterly|semi-?annual(?:ly)?|bi-?annual(?:ly)?|monthly"
    r"|every (?:\d+|two|three|six|twelve|eighteen|twenty-four) (?:months?|years?|weeks?))"
)
_REVIEW_WORD = r"(review|re-?assess|update|revisit|repeat|refresh)\w*"
_CYCLE = lazy(
    rf"\b{_REVIEW_WORD}\b[^.\n]{{0,60}}?\b{_INTERVAL}\b|\b{_INTERVAL}\b[^.\n]{{0,40}}?\b{_REVIEW_WORD}\b", re.I
)
_CYCLE_WORDS = {
    "annual": 12, "annually": 12, "yearly": 12, "every year": 12, "once a year": 12, "quarterly": 3,
    "semiannual": 6, "semiannually": 6, "semi-annual": 6, "semi-annually": 6, "biannual": 6,
    "biannually": 6, "bi-annual": 6, "bi-annually": 6, "monthly": 1,
}


def _months(phrase: str) -> int | None:
    phrase = phrase.lower()
    if phrase in _CYCLE_WORDS:
        return _CYCLE_WORDS[phrase]
    from aims_lint.dates import parse_interval

    interval = parse_interval(phrase)
    if interval is None:
        return None
    return interval.months or max(interval.days // 30, 1)


def body_review_cycle(doc) -> tuple[int | None, int] | None:
    """(months or None, line) of the first review cycle the body states, e.g. "reviewed
    annually", "Review cycle: 12 months", "Full reassessment | Annually"; None if none."""
    for field in doc.fields:
        if field.name in ("review_frequency", "frequency") and not is_blank(field.value):
            return _months(field.value.strip().rstrip(".")), field.line
    for block in doc.blocks:
        match = _CYCLE.search(block.text)
        if match:
            phrase = match.group(2) or match.group(3)
            return _months(phrase), block.line_of(match.start())
    return None


_DATE_LABEL = lazy(r"^(assessment date|date of assessment|date|last reviewed|review date|approved on|assessed on)$", re.I)


def body_date(doc) -> tuple[dt.date, int] | None:
    """(date, line) of the assessment date a document without front matter states in a
    labelled field ("Date: 2024-12-28", "| Assessment Date | January 2026 |")."""
    candidates = []
    for field in doc.fields:
        label = re.sub(r"[*_`]", "", field.label).strip().rstrip(":").lower()
        if _DATE_LABEL.match(label) or field.name in ("date", "last_reviewed"):
            found = prose_date(field.value)
            if found:
                candidates.append((found, field.line))
    return max(candidates, key=lambda item: item[0]) if candidates else None
