"""Helpers the impact-assessment, competence and management-review rules share.

Everything here reads the Document model (blocks, tables, fields, sections); nothing
parses Markdown again.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref

from ..document_control.placeholders import find as find_placeholders

# ---------------------------------------------------------------------------
# Unfilled templates

_BLANK = re.compile(r"^[\s_\-–—.:/|*]*$")
_HINT = re.compile(r"^\(?\s*(e\.g\.|eg\b|for example|describe|specify|insert|enter|list)", re.I)
_CHOICE = re.compile(r"^(?:\[ ?\]\s*)?(yes|no|y|n|h|m|l|n/a)(\s*/\s*(yes|no|partial|y|n|h|m|l|n/a))+\s*$", re.I)
_TRAILING_FILL = re.compile(r"_{3,}\s*$")
_unfilled_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _is_blank(text: str) -> bool:
    value = text.strip()
    if _BLANK.match(value) or _HINT.match(value) or _CHOICE.match(value):
        return True
    hits = find_placeholders(value)
    return bool(hits) and sum(len(token) for _, token in hits) >= len(value.replace(" ", "")) * 0.6


def fill_counts(doc) -> tuple[int, int]:
    """(blank, total) over the value cells of tables (every column after the first)
    and labelled fields: how much of a form was actually filled in."""
    blank = total = 0
    for table in doc.tables:
        if len(table.header) < 2:
            continue
        for row in table.rows:
            for cell in row.cells[1:]:
                total += 1
                blank += _is_blank(cell.text)
    for field in doc.fields:
        if field.block is None:
            continue  # two-column tables are counted above
        total += 1
        blank += _is_blank(field.value) or bool(_TRAILING_FILL.search(field.value))
    return blank, total


def unfilled(doc, min_cells: int = 8, share: float = 0.8) -> tuple[int, int] | None:
    """(blank, total) when the document is an unfilled form, else None."""
    key = (min_cells, share)
    cached = _unfilled_cache.get(doc)
    if cached is not None and key in cached:
        return cached[key]
    blank, total = fill_counts(doc)
    result = (blank, total) if total >= min_cells and blank >= share * total else None
    _unfilled_cache.setdefault(doc, {})[key] = result
    return result


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
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def prose_date(text: str, late: bool = True) -> dt.date | None:
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
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return None


# ---------------------------------------------------------------------------
# Figures ("96.2%", "17.3h", "3 of 4", "0 incidents") as opposed to dates and IDs

_NOT_FIGURES = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"  # dates
    r"|\b[A-Za-z]+[-_]?\d[\w.-]*"  # identifiers: AUD-2025-001, R001, Q1, v1.2, A.5.2
    r"|\b\d+[A-Za-z_]*-[A-Za-z\d-]+"  # 2025-Q4
    r"|\b(?:clause|iso(?:/iec)?|section|annex)\s*[\d.]+[\w.:]*"  # clause references
    r"|\b\d+(?:\.\d+){2,}\b"  # numbering 9.3.2
    r"|\b(?:19|20)\d{2}\b",  # years
    re.I,
)
_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:%|percent\b|pp\b)?|\b(?:zero|none)\b", re.I)


def has_figure(text: str) -> bool:
    """True when the text states a value: a number that is not a date, year or ID."""
    return bool(_FIGURE.search(_NOT_FIGURES.sub(" ", text)))


# ---------------------------------------------------------------------------
# Reading a document by meaning


def first_heading_line(doc) -> int:
    return doc.sections[0].line if doc.sections else doc.body_start_line


def title_of(doc) -> str:
    title = doc.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title
    return doc.sections[0].title if doc.sections else ""


def section_texts(doc, pattern: str) -> list:
    """Sections whose heading matches ``pattern`` and hold some text."""
    return [section for section in doc.sections_titled(pattern) if section.text.strip()]


def full_text(doc) -> str:
    """Headings, blocks and table headers as plain text (for vocabulary scans)."""
    headers = [" | ".join(cell.text for cell in table.header) for table in doc.tables]
    return "\n".join([doc.plain_text, *headers])


def inactive(doc) -> bool:
    return str(doc.meta.get("status", "")).strip().lower() in ("retired", "superseded")


# ---------------------------------------------------------------------------
# Review cycles and dates written in the body (documents without front matter)

_INTERVAL = (
    r"(annual(?:ly)?|yearly|every year|once a year|quarterly|semi-?annual(?:ly)?|bi-?annual(?:ly)?|monthly"
    r"|every (?:\d+|two|three|six|twelve|eighteen|twenty-four) (?:months?|years?|weeks?))"
)
_REVIEW_WORD = r"(review|re-?assess|update|revisit|repeat|refresh)\w*"
_CYCLE = re.compile(
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
        if field.name in ("review_frequency", "frequency") and not _is_blank(field.value):
            return _months(field.value.strip().rstrip(".")), field.line
    for block in doc.blocks:
        match = _CYCLE.search(block.text)
        if match:
            phrase = match.group(2) or match.group(3)
            return _months(phrase), block.line_of(match.start())
    return None


_DATE_LABEL = re.compile(r"^(assessment date|date of assessment|date|last reviewed|review date|approved on|assessed on)$", re.I)


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
