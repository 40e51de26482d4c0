"""Dates and review intervals as governance documents write them.

Dates arrive as YAML dates (ruamel gives ``datetime.date``) or quoted ISO strings;
intervals in plain words: "12 months", "every 6 months", "annually", "quarterly",
"6 weeks", "bi-annually".
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from aims_lint.patterns import lazy

_ISO_DATE = lazy(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?\s*$")


def parse_date(value: object) -> _dt.date | None:
    """A date from a YAML value, or None when the value is not a valid date."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        match = _ISO_DATE.match(value)
        if match:
            try:
                return _dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class Interval:
    months: int = 0
    days: int = 0

    def after(self, start: _dt.date) -> _dt.date:
        month_index = start.month - 1 + self.months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        # The last day of the target month, without importing calendar (and locale).
        following = _dt.date(year + month // 12, month % 12 + 1, 1)
        day = min(start.day, (following - _dt.timedelta(days=1)).day)
        return _dt.date(year, month, day) + _dt.timedelta(days=self.days)


_WORD_INTERVALS = {
    "daily": Interval(days=1),
    "weekly": Interval(days=7),
    "fortnightly": Interval(days=14),
    "biweekly": Interval(days=14),
    "monthly": Interval(months=1),
    "bimonthly": Interval(months=2),
    "quarterly": Interval(months=3),
    "semiannually": Interval(months=6),
    "semiannual": Interval(months=6),
    "biannually": Interval(months=6),
    "biannual": Interval(months=6),
    "halfyearly": Interval(months=6),
    "annually": Interval(months=12),
    "annual": Interval(months=12),
    "yearly": Interval(months=12),
    "biennially": Interval(months=24),
    "biennial": Interval(months=24),
}
_UNIT_MONTHS = {"month": 1, "months": 1, "year": 12, "years": 12, "yr": 12, "yrs": 12}
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "wk": 7, "wks": 7}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_COUNT_UNIT = lazy(r"^(?:every\s+)?(\d+|[a-z-]+)\s*-?\s*([a-z]+)$")


def parse_interval(value: object) -> Interval | None:
    """An Interval from "12 months", "every 6 months", "annually", "6 weeks"; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Interval(months=value) if value > 0 else None  # a bare number: months
    if not isinstance(value, str):
        return None
    text = re.sub(r"[\s_]+", " ", value.strip().lower()).rstrip(".")
    text = re.sub(r"^(?:reviewed |review )", "", text)
    compact = text.replace("-", "").replace(" ", "")
    for prefix in ("every", "once"):
        if compact.startswith(prefix) and compact[len(prefix):] in _WORD_INTERVALS:
            compact = compact[len(prefix):]
    if compact in _WORD_INTERVALS:
        return _WORD_INTERVALS[compact]
    if text in ("every year", "every month", "every quarter", "once a year", "once a quarter"):
        return {"year": Interval(months=12), "month": Interval(months=1), "quarter": Interval(months=3)}[text.split()[-1]]
    match = _COUNT_UNIT.match(text)
    if not match:
        return None
    count_text, unit = match.groups()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text)
    if not count:
        return None
    if unit in _UNIT_MONTHS:
        return Interval(months=count * _UNIT_MONTHS[unit])
    if unit in _UNIT_DAYS:
        return Interval(days=count * _UNIT_DAYS[unit])
    return None


# ---------------------------------------------------------------------------
# Dates written in prose ("2026-04-28", "15 August 2026", "January 2026")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# French and German month names: document-control blocks of European organisations
# ("Date d'effet : 2 février 2026", "Gültig ab: 1. März 2026"). Names shared with
# English ("mars" is not "mar", "mai" is not "may") do not collide.
_MONTHS.update(
    (name, number)
    for number, names in enumerate(
        (
            ("janvier", "januar", "jänner"), ("février", "fevrier", "februar"), ("mars", "märz", "maerz"),
            ("avril",), ("mai",), ("juin", "juni"), ("juillet", "juli"), ("août", "aout"),
            ("septembre",), ("octobre", "oktober"), ("novembre",), ("décembre", "decembre", "dezember"),
        ),
        start=1,
    )
    for name in names
)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
ISO_DATE = lazy(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = lazy(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = lazy(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = lazy(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)


def _safe_date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def prose_date(text: str, late: bool = True) -> _dt.date | None:
    """The first date written in ``text``. A month without a day ("January 2026") is
    read as its last day when ``late`` (the reading least likely to raise a finding)."""
    match = ISO_DATE.search(text)
    if match:
        return _safe_date(*(int(part) for part in match.groups()))
    match = _DAY_MONTH_YEAR.search(text)
    if match:
        return _safe_date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    match = _MONTH_DAY_YEAR.search(text)
    if match:
        return _safe_date(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _MONTH_YEAR.search(text)
    if match:
        year, month = int(match.group(2)), _MONTHS[match.group(1).lower()]
        if not late:
            return _safe_date(year, month, 1)
        following = _dt.date(year + month // 12, month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)
    return None
