"""The criteria of an AI risk assessment: the likelihood and severity scales, the
acceptance threshold and the rating bands the document itself defines; and the AI risk
dimensions. The risks themselves are read by ``aims_lint.reading.risks`` (re-exported
here for the RSK and TRC rules).

Nothing here parses Markdown: it reads tables, cells, fields and sections of
``aims_lint.document.Document``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aims_lint.patterns import lazy
from aims_lint.reading.tables import all_tables
from aims_lint.reading.risks import (  # noqa: F401  (the reading, re-exported for the families)
    ASSESSMENT_PARTS,
    PART_NAMES,
    Risk,
    Value,
    is_empty,
    level_of,
    parse_product,
    parse_rating,
    parse_score,
    reading,
    register_tables,
    risks,
    unassessed,
)

from ..common import distinct_terms, mentions

DIMENSIONS = (
    ("technical", "technical/performance"),
    ("data_quality", "data quality"),
    ("fairness", "ethical/fairness"),
    ("societal", "societal impact"),
    ("third_party", "third-party/supply chain"),
    ("explainability", "explainability"),
)


def is_register_table(table, doc=None) -> bool:
    """A table the reading layer reads as a register (or a closed-risk archive)."""
    if doc is None:
        return False
    return any(found is table for found in register_tables(doc))


# ---------------------------------------------------------------------------
# Criteria: likelihood and severity scales, acceptance threshold

_LIKELIHOOD = lazy(r"likelihood|probability|frequency of occurrence", re.I)
_SEVERITY = lazy(r"severity|impact|consequence", re.I)
_SCALE_RANGE = lazy(r"\b[01]\s*(?:-|–|—|to)\s*(?:3|4|5|10)\b|\b[01]\b[^|\d]{1,30}\bto\s+(?:3|4|5|10)\b", re.I)
_LIKELIHOOD_WORDS = ("rare", "unlikely", "possible", "likely", "almost certain", "frequent", "remote", "occasional", "probable", "improbable")
_SEVERITY_WORDS = ("negligible", "insignificant", "minor", "moderate", "major", "severe", "catastrophic", "critical", "significant", "limited")


def _scale_in_table(doc, table, pattern, words) -> bool:
    columns = set(table.columns)
    if is_register_table(table, doc):
        return False
    header = " ".join(cell.text for cell in table.header)
    title = table.section.title if table.section is not None else ""
    # A caption just above or below the table ("Table 3: Consequence levels").
    title += " " + " ".join(
        block.text[:200] for block in doc.blocks
        if block.kind == "paragraph" and (table.line - 3 <= block.end_line < table.line or table.end_line < block.line <= table.end_line + 3)
    )
    named = bool(pattern.search(header)) or bool(pattern.search(title))
    if named and len(table.rows) >= 3:
        return True
    # A vertical "Likelihood scoring | 1 rare to 5 almost certain" row.
    for row in table.rows:
        if len(row.cells) >= 2 and pattern.search(row.cells[0].text):
            value = " ".join(cell.text for cell in row.cells[1:])
            if _SCALE_RANGE.search(value) or distinct_terms(value, words) >= 3:
                return True
    return "likelihood" in columns and len(table.rows) >= 3 and pattern is _LIKELIHOOD and not named


def _scale_in_sections(doc, pattern, words) -> bool:
    for section in doc.sections:
        if not pattern.search(section.title):
            continue
        text = section.text
        titled = _SCALE_TITLE.search(section.title)
        items = [b for section_part in section.walk() for b in section_part.blocks if b.kind == "list_item"]
        if distinct_terms(text, words) >= 3 or titled and (len(items) >= 3 or any(
            len(t.rows) >= 3 for t in all_tables(doc) if section.line <= t.line <= (section.end_line or t.line)
        )):
            return True
    grades = words + ("low", "medium", "high", "very low", "very high")
    for block in doc.blocks:
        if block.kind == "table":
            continue
        # A scale drawn as a grid table or a list inside one paragraph.
        if "\n" in block.text and pattern.search(block.text) and distinct_terms(block.text, grades) >= 3:
            return True
        for line in block.text.split("\n"):
            if pattern.search(line) and (
                _SCALE_RANGE.search(line) and distinct_terms(line, words) >= 1
                or distinct_terms(line, words) >= 3
            ):
                return True
    return False


_LEVEL_ITEM = lazy(r"^\W*+(?:level\s*+)?(?:[0-9]|10|very low|low|medium|high|very high)\b", re.I)


def _scale_in_lists(doc, pattern, words) -> bool:
    """A scale written as a bullet list under a lead-in that names it ("**Likelihood
    scale**", "Impact levels:"): three or more items that are levels ("1 – Rare: ...",
    "High: ...") or that use three of the scale's words."""
    grades = words + ("low", "medium", "high", "very low", "very high")

    def judge(lead: str, run: list) -> bool:
        if len(run) < 3 or not pattern.search(lead):
            return False
        text = "\n".join(block.text for block in run)
        levels = sum(1 for block in run if _LEVEL_ITEM.match(block.text))
        return levels >= 3 and distinct_terms(text, grades) >= 2 or distinct_terms(text, words) >= 3

    lead, run, previous = "", [], None
    for block in doc.blocks:
        if block.kind == "list_item":
            if not run:
                # The lead-in: the paragraph just above the list, else the section's title.
                near = previous is not None and previous.kind == "paragraph" and block.line - previous.end_line <= 2
                lead = previous.text[:200] if near else (block.section.title if block.section is not None else "")
            if not run or block.depth <= run[0].depth:  # the list's own items, not nested ones
                run.append(block)
        else:
            if judge(lead, run):
                return True
            run = []
            previous = block
    return judge(lead, run)


def has_scale(doc, which: str) -> bool:
    """Whether the document defines a likelihood (or severity) scale (memoised: RSK001
    and RSK002 ask about a document and the documents it links to)."""
    pattern, words = (_LIKELIHOOD, _LIKELIHOOD_WORDS) if which == "likelihood" else (_SEVERITY, _SEVERITY_WORDS)
    return doc.memo(
        f"rsk.scale.{which}",
        lambda doc: any(_scale_in_table(doc, table, pattern, words) for table in all_tables(doc))
        or _scale_in_sections(doc, pattern, words)
        or _scale_in_lists(doc, pattern, words),
    )


_SCALE_NUMBER_CELL = lazy(r"^(?:level\s*+)?(\d{1,2})$", re.I)
_SCALE_WORD_CELL = lazy(r"^(very low|very high|low|medium|moderate|high|critical|extreme)$", re.I)


def word_scales(doc) -> dict[str, dict[str, tuple[int, int]]]:
    """The number each level word stands for on the likelihood and the severity scale,
    read from scale tables that give both ("| 4 | High | Expected ... |" under a
    likelihood heading or caption): {"likelihood": {"high": (4, line), ...}, "severity": {...}}.
    A table that is both scales at once ("| Level | Likelihood | Severity |") says
    nothing about which word is which; a word given two numbers is dropped."""

    def compute(doc) -> dict[str, dict[str, tuple[int, int]]]:
        found: dict[str, dict[str, tuple[int, int]]] = {"likelihood": {}, "severity": {}}
        dropped: dict[str, set[str]] = {"likelihood": set(), "severity": set()}
        for table in doc.tables:
            if len(table.rows) < 3 or not any(_SCALE_WORD_CELL.match(cell.text.strip(" *_")) for row in table.rows for cell in row.cells):
                continue
            if is_register_table(table, doc):
                continue
            header = " ".join(cell.text for cell in table.header)
            title = table.section.title if table.section is not None else ""
            title += " " + " ".join(
                block.text[:200] for block in doc.blocks
                if block.kind == "paragraph" and table.line - 3 <= block.end_line < table.line
            )
            which = [name for name, pattern in (("likelihood", _LIKELIHOOD), ("severity", _SEVERITY))
                     if pattern.search(header)]
            if not which:
                which = [name for name, pattern in (("likelihood", _LIKELIHOOD), ("severity", _SEVERITY))
                         if pattern.search(title)]
            if len(which) != 1:
                continue
            scale = which[0]
            for row in table.rows:
                numbers = [int(m.group(1)) for m in (_SCALE_NUMBER_CELL.match(c.text.strip(" *_")) for c in row.cells) if m]
                words = [m.group(1).lower() for m in (_SCALE_WORD_CELL.match(c.text.strip(" *_")) for c in row.cells) if m]
                if len(numbers) != 1 or len(words) != 1:
                    continue
                word = {"moderate": "medium"}.get(words[0], words[0])
                if found[scale].get(word, (numbers[0],))[0] != numbers[0]:
                    dropped[scale].add(word)
                found[scale][word] = (numbers[0], row.line)
        return {scale: {w: n for w, n in words.items() if w not in dropped[scale]} for scale, words in found.items()}

    return doc.memo("rsk.word_scales", compute)


_NUMBER = lazy(r"\d")
_SCALE_TITLE = lazy(r"scale|criteria|levels|scoring|definitions|matrix|rating", re.I)


def has_acceptance_threshold(doc, terms: list[str]) -> bool:
    """An acceptance criterion: a sentence or table naming acceptance/appetite/tolerance
    together with a number or a rating level."""
    for section in doc.sections:
        if mentions(section.title, terms) and _NUMBER.search(section.text):
            return True
    registers = {table.line for table in register_tables(doc)}
    for block in doc.blocks:
        if block.kind == "table" and block.line in registers:
            continue  # "acceptable use guidance" in a risk row is not a criterion
        parts = block.text.split("\n") if block.kind == "table" else [block.text]
        for part in parts:
            if mentions(part, terms) and (_NUMBER.search(part) or _LEVEL.search(part)):
                return True
    # Prose indented by four spaces under "b." / "i." items (pandoc-style lists, which
    # CommonMark reads as indented code) still states the criterion.
    for code in doc.code_blocks:
        if not code.info:
            for part in code.text.split("\n"):
                if mentions(part, terms) and _NUMBER.search(part):
                    return True
    return False


# ---------------------------------------------------------------------------
# Rating bands and the rating written on each risk

_LEVEL = lazy(r"\b(very low|very high|low|medium|moderate|high|critical|extreme)\b", re.I)
_RANGE = lazy(r"(?<![\w.-])(\d{1,3})\s*(?:-|–|—|to)\s*(\d{1,3})(?![\w.])")
_OPEN_RANGE = lazy(r"(?:≥|>=)\s*(\d{1,3})|(\d{1,3})\s*\+|(?:above|over|>)\s*(\d{1,3})")
_MATRIX_CELL = lazy(r"^\s*(very low|very high|low|medium|moderate|high|critical|extreme)\s*\(\s*(\d{1,3})\s*\)\s*$", re.I)


@dataclass(frozen=True)
class Band:
    level: str
    low: int
    high: int
    line: int


_LEVEL_CELL = lazy(r"^(very low|very high|low|medium|moderate|high|critical|extreme)(?: risk| rating| level)?$", re.I)
_RANGE_CELL = lazy(r"^(?:score\s*)?(\d{1,3})\s*(?:-|–|—|to)\s*(\d{1,3})$", re.I)
_OPEN_CELL = lazy(r"^(?:(?:≥|>=)\s*(\d{1,3})|(\d{1,3})\s*\+|(\d{1,3}) or (?:more|above|higher))$", re.I)


def _band_from_cells(texts: list[str], line: int) -> Band | None:
    """A band row: one cell is only a level ("High", "Low risk"), another only a range
    ("10-12", "1 to 8", "16+")."""
    level = None
    span = None
    for text in texts:
        text = text.strip(" *_:")
        named = _LEVEL_CELL.match(text)
        if named and level is None:
            level = named.group(1).lower()
            continue
        match = _RANGE_CELL.match(text)
        if match and span is None and int(match.group(1)) < int(match.group(2)):
            span = (int(match.group(1)), int(match.group(2)))
        elif span is None:
            opened = _OPEN_CELL.match(text)
            if opened:
                span = (int(next(group for group in opened.groups() if group)), 10**6)
    if level and span:
        return Band(level, span[0], span[1], line)
    return None


def rating_bands(doc) -> list[Band]:
    """Levels the document maps scores to: "High | 10-12" rows, "Low Risk | 1 to 8"
    parameter rows, and matrix cells "Critical (15)"."""
    return doc.memo("rsk.bands", _rating_bands)


def _rating_bands(doc) -> list[Band]:
    bands: list[Band] = []
    for table in doc.tables:
        found: list[Band] = []
        for row in table.rows:
            matrix = [_MATRIX_CELL.match(cell.text) for cell in row.cells]
            if sum(1 for match in matrix if match) >= 2:
                found.extend(Band(m.group(1).lower(), int(m.group(2)), int(m.group(2)), row.line) for m in matrix if m)
                continue
            band = _band_from_cells([cell.text for cell in row.cells], row.line)
            if band is not None:
                found.append(band)
        # A register's rows are not bands (asked only of a table with band rows: the
        # register reading is the costlier question).
        if found and not is_register_table(table, doc):
            bands.extend(found)
    for item in doc.list_items:
        # "- Low: 1-6" / "- High: 15 or more"
        label, _, rest = item.text.partition(":")
        band = _band_from_cells([label, rest], item.line) if rest and len(item.text) < 80 else None
        if band is not None:
            bands.append(band)
    return bands


_PRODUCT_METHOD = lazy(
    r"(likelihood|probability|\bL\b)\s*(?:x|×|\*|times|multiplied by)\s*(severity|impact|consequence|\b[ISC]\b)", re.I
)


# A third factor in the rating (FMEA's detection, velocity, exposure): the same pair of
# likelihood and severity may then rightly carry different ratings.
_THIRD_FACTOR = lazy(r"\b(rpn|detect\w*|velocity|proximity|exposure|vulnerability|controllability|weight\w*)\b", re.I)


def third_factor(doc, risk) -> bool:
    """The risk's register rates with a third factor besides likelihood and severity."""
    for table in doc.tables:
        if table.line == risk.register:
            return any(_THIRD_FACTOR.search(cell.text) for cell in table.header)
    return any(_THIRD_FACTOR.search(label) for label in (value.label for value in risk.values.values()))


def states_product_method(doc) -> bool:
    """The document says a rating is likelihood × severity."""
    return product_method_line(doc) is not None


def product_method_line(doc) -> int | None:
    """The line where the document says a rating is likelihood × severity (the other end
    of a finding that judges a rating by it)."""
    return doc.memo("rsk.product_method", lambda doc: next((line for line, text in doc.prose_lines if _PRODUCT_METHOD.search(text)), None))


def dimension_terms(ctx) -> list[tuple[str, str, list[str]]]:
    return [(key, name, ctx.vocabulary(f"risk_dimension_{key}")) for key, name in DIMENSIONS]


def risk_dimensions(risk: Risk, vocabulary) -> set[str]:
    text = f"{risk.context} {risk.category} {risk.text}"
    return {key for key, _, terms in vocabulary if mentions(text, terms)}


SUMMARY_MIN_ROWS = 3


def summarised_unassessed(found: list[Risk]) -> list[Risk]:
    """Unassessed risks reported together by RSK005 (and skipped by RSK004): all of them
    once there are at least SUMMARY_MIN_ROWS, or when no risk of the register is assessed."""
    empty = unassessed(found)
    if empty and (len(empty) >= SUMMARY_MIN_ROWS or len(empty) == len(found)):
        return empty
    return []


def heading_above(doc, line: int) -> int:
    """Line of the nearest heading above ``line`` (the register's heading), else ``line``."""
    above = [section.line for section in doc.sections if section.line <= line]
    return above[-1] if above else line
