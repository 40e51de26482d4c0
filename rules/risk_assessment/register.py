"""Reading an AI risk assessment from the document model: the risk register (table rows
or one section per risk with labelled fields), the likelihood and severity criteria,
the acceptance threshold and the rating bands the document itself defines.

Shared by the RSK rules; nothing here parses Markdown: it reads tables, cells, fields
and sections of ``aims_lint.document.Document``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aims_lint.fields import canonical_name
from aims_lint.patterns import lazy, replace_delimited

from ..common import distinct_terms, mentions
from ..document_control.placeholders import is_placeholder

# The four things every assessed risk carries (6.1.2 d, 6.1.3 a), in message order.
ASSESSMENT_PARTS = ("likelihood", "severity", "owner", "treatment")
PART_NAMES = {"likelihood": "likelihood", "severity": "severity/impact", "owner": "owner", "treatment": "treatment"}

DIMENSIONS = (
    ("technical", "technical/performance"),
    ("data_quality", "data quality"),
    ("fairness", "ethical/fairness"),
    ("societal", "societal impact"),
    ("third_party", "third-party/supply chain"),
    ("explainability", "explainability"),
)

_EMPTY = lazy(r"^[\s\-–—_?.*]*$|^(tbd|tbc|n/?a|none|not assessed|to be (determined|assessed|defined))$", re.I)
_TREATMENT_TITLE = lazy(r"treatment|mitigation|controls?\b|response|action plan", re.I)
_RISK_ID_VALUE = lazy(r"[A-Z]{1,10}[-_ ]?[A-Z]*[-_ ]?\d{1,4}")


def _without_templates(text: str) -> str:
    """``text`` without ``{{ ... }}`` and ``{% ... %}`` (in linear time, see replace_delimited)."""
    return replace_delimited(text, "{{", "}}", "{%", "%}", replacement="", across_lines=False)


def is_empty(text: str | None) -> bool:
    """True for a cell or value that says nothing: blank, dashes, TBD, N/A, template
    syntax, or an unfilled placeholder ("[Name]", "[Score]")."""
    if text is None:
        return True
    text = _without_templates(text).strip()
    return not text or bool(_EMPTY.match(text)) or is_placeholder(text)


@dataclass(eq=False)
class Value:
    text: str
    line: int
    column: int
    label: str = ""


@dataclass(eq=False)
class Risk:
    """One risk of the register: where it is written and its values by canonical name."""

    line: int
    column: int
    ident: str
    text: str  # the risk's wording (risk/description cells, title), for vocabulary scans
    context: str  # headings above it and its category, for dimension scans
    values: dict[str, Value] = field(default_factory=dict)
    source: str = "table"

    def has(self, name: str) -> bool:
        value = self.values.get(name)
        return value is not None and not is_empty(value.text)

    def missing(self) -> list[str]:
        return [part for part in ASSESSMENT_PARTS if not self.has(part)]

    @property
    def label(self) -> str:
        return self.ident or f"line {self.line}"


# ---------------------------------------------------------------------------
# Register tables


def _value_name(header_text: str, canonical: str | None) -> str | None:
    """Canonical name for a register column, refined for risk registers: residual
    ratings are kept apart from inherent ones; 'controls' count as treatment."""
    lowered = header_text.lower()
    if re.search(r"\bid\b", lowered) and "risk" not in lowered and lowered.strip(" *#") != "id":
        return None  # "Treatment ID", "Control ID": not the risk's identifier
    if "residual" in lowered:
        return "residual"
    if canonical in ("control", "controls"):
        return "controls"
    if canonical == "description":
        return "risk"
    if canonical in ("action",) and "treat" not in lowered:
        return "action"
    return canonical


def is_register_table(table) -> bool:
    """A table of risks: a risk (or description) column, or an id column beside a
    likelihood or severity column. Scale tables (Level | Likelihood | Severity) are not."""
    columns = set(table.columns)
    has_risk = "risk" in columns or "description" in columns
    has_scores = "likelihood" in columns or "severity" in columns
    has_id = "id" in columns
    if has_risk and (has_scores or has_id or "owner" in columns or "treatment" in columns):
        return True
    return has_id and has_scores and len(table.header) >= 4


def _context(section) -> str:
    return " ".join(section.path) if section is not None else ""


def _table_risks(doc) -> list[Risk]:
    risks = []
    for table in doc.tables:
        if len(table.header) <= 2 or not is_register_table(table):
            continue
        names = [_value_name(cell.text, canonical) for cell, canonical in zip(table.header, table.columns)]
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            filled = [text for text in texts if not is_empty(text)]
            if len(filled) <= 1 or any("{{" in text or "{%" in text for text in texts):
                continue  # a blank line of the template, a Jinja/mustache loop, a stray line
            values: dict[str, Value] = {}
            unnamed = []
            for name, header, cell in zip(names, table.header, row.cells):
                if name is None or name == "title":
                    unnamed.append(cell.text)
                    if name is None:
                        continue
                if name in ("rating", "residual", "controls") and name in values:
                    values[name].text += " " + cell.text  # "Risk Score" and "Rating" read together
                    continue
                if name not in values or is_empty(values[name].text):
                    values[name] = Value(cell.text, cell.line, cell.column, header.text)
            if "treatment" not in values and "controls" in values:
                values["treatment"] = values["controls"]
            risk_text = values["risk"].text if "risk" in values else " ".join(unnamed)
            ident = values["id"].text if "id" in values else ""
            if is_empty(risk_text) and is_empty(ident):
                continue
            first = row.cells[0] if row.cells else None
            context = _context(table.section) + " " + (values["dimension"].text if "dimension" in values else "")
            risks.append(
                Risk(row.line, first.column if first else 1, ident.strip(), risk_text, context, values, "table")
            )
    return risks


# ---------------------------------------------------------------------------
# One section per risk, with labelled fields ("| Risk ID | R-01 |", "**Owner:** X")


def _section_values(doc, section) -> dict[str, Value]:
    values: dict[str, Value] = {}
    end = section.end_line or len(doc.lines)

    def add(label: str, text: str, line: int, column: int) -> None:
        name = _value_name(label, canonical_name(label))
        if name is not None and (name not in values or is_empty(values[name].text)):
            values[name] = Value(text, line, column, label)

    for table in doc.tables:
        if not (section.line <= table.line <= end) or is_register_table(table):
            continue
        # A vertical table: labels in the first column, values in the second.
        labelled = [row for row in table.rows if len(row.cells) >= 2 and canonical_name(row.cells[0].text)]
        if len(labelled) >= 2 and len(labelled) * 2 >= len(table.rows):
            for row in labelled:
                add(row.cells[0].text, row.cells[1].text, row.cells[1].line, row.cells[1].column)
    for item in doc.fields:
        if section.line <= item.line <= end and item.block is not None:
            add(item.label, item.value, item.line, item.column)
    if "treatment" not in values:
        for sub in section.walk():
            if sub is not section and _TREATMENT_TITLE.search(sub.title) and sub.text.strip():
                values["treatment"] = Value(sub.title, sub.line, 1, sub.title)
                break
    return values


def _section_risks(doc) -> list[Risk]:
    risks: list[Risk] = []
    taken_until = 0
    for section in doc.sections:
        if section.line <= taken_until:
            continue
        values = _section_values(doc, section)
        ident = values.get("id")
        # A record carries an identifier ("Risk ID | R-01"); a glossary defining "Risk",
        # "Likelihood" and "Risk owner" does not.
        has_risk = ident is not None and _RISK_ID_VALUE.search(ident.text)
        if not has_risk or not any(name in values for name in ("likelihood", "severity", "rating")):
            continue
        # Only the innermost section that holds the whole record: a parent section
        # holding several risks is not itself one.
        children = [
            child for child in section.children
            if "id" in (child_values := _section_values(doc, child)) or "risk" in child_values
        ]
        if len(children) > 1:
            continue
        text = values["risk"].text if "risk" in values else section.title
        description = " ".join(
            sub.text for sub in section.walk() if re.search(r"descri|cause|scenario|consequence", sub.title, re.I)
        )
        risks.append(
            Risk(section.line, 1, ident.text.strip() if ident else "", f"{section.title} {text} {description}",
                 _context(section) + " " + (values["dimension"].text if "dimension" in values else ""),
                 values, "section")
        )
        taken_until = section.end_line or len(doc.lines)
    return risks


def risks(doc) -> list[Risk]:
    """Every risk the document registers, in document order (cached on the document)."""
    return doc.memo("rsk.risks", lambda doc: sorted(_table_risks(doc) + _section_risks(doc), key=lambda risk: risk.line))


def unassessed(found: list[Risk]) -> list[Risk]:
    """Risks with none of likelihood, severity, owner and treatment: catalogue entries."""
    return [risk for risk in found if len(risk.missing()) == len(ASSESSMENT_PARTS)]


# ---------------------------------------------------------------------------
# Criteria: likelihood and severity scales, acceptance threshold

_LIKELIHOOD = lazy(r"likelihood|probability|frequency of occurrence", re.I)
_SEVERITY = lazy(r"severity|impact|consequence", re.I)
_SCALE_RANGE = lazy(r"\b[01]\s*(?:-|–|—|to)\s*(?:3|4|5|10)\b|\b[01]\b[^|\d]{1,30}\bto\s+(?:3|4|5|10)\b", re.I)
_LIKELIHOOD_WORDS = ("rare", "unlikely", "possible", "likely", "almost certain", "frequent", "remote", "occasional", "probable", "improbable")
_SEVERITY_WORDS = ("negligible", "insignificant", "minor", "moderate", "major", "severe", "catastrophic", "critical", "significant", "limited")


def _scale_in_table(doc, table, pattern, words) -> bool:
    columns = set(table.columns)
    if is_register_table(table):
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
            len(t.rows) >= 3 for t in doc.tables if section.line <= t.line <= (section.end_line or t.line)
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


def has_scale(doc, which: str) -> bool:
    """Whether the document defines a likelihood (or severity) scale (memoised: RSK001
    and RSK002 ask about a document and the documents it links to)."""
    pattern, words = (_LIKELIHOOD, _LIKELIHOOD_WORDS) if which == "likelihood" else (_SEVERITY, _SEVERITY_WORDS)
    return doc.memo(
        f"rsk.scale.{which}",
        lambda doc: any(_scale_in_table(doc, table, pattern, words) for table in doc.tables)
        or _scale_in_sections(doc, pattern, words),
    )


_NUMBER = lazy(r"\d")
_SCALE_TITLE = lazy(r"scale|criteria|levels|scoring|definitions|matrix|rating", re.I)


def has_acceptance_threshold(doc, terms: list[str]) -> bool:
    """An acceptance criterion: a sentence or table naming acceptance/appetite/tolerance
    together with a number or a rating level."""
    for section in doc.sections:
        if mentions(section.title, terms) and _NUMBER.search(section.text):
            return True
    registers = {table.line for table in doc.tables if is_register_table(table)}
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
        if is_register_table(table):
            continue
        for row in table.rows:
            matrix = [_MATRIX_CELL.match(cell.text) for cell in row.cells]
            if sum(1 for match in matrix if match) >= 2:
                bands.extend(Band(m.group(1).lower(), int(m.group(2)), int(m.group(2)), row.line) for m in matrix if m)
                continue
            band = _band_from_cells([cell.text for cell in row.cells], row.line)
            if band is not None:
                bands.append(band)
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


def states_product_method(doc) -> bool:
    """The document says a rating is likelihood × severity."""
    return any(_PRODUCT_METHOD.search(text) for _, text in doc.prose_lines)


def parse_rating(text: str) -> tuple[int | None, str | None]:
    """(score, level) of a rating cell: "High: 12", "15 (High)", "12", "Medium"."""
    if not text:
        return None, None
    number = re.search(r"(?<![\d.])(\d{1,3})(?![\d.])", text)
    level = _LEVEL.search(text)
    return (int(number.group(1)) if number else None, level.group(1).lower() if level else None)


def parse_score(text: str) -> int | None:
    """A likelihood or severity score: "3", "3 — Possible", "4 (Likely)"."""
    match = re.match(r"^\s*(\d{1,2})(?![\d.])", text or "")
    return int(match.group(1)) if match else None


def dimension_terms(ctx) -> list[tuple[str, str, list[str]]]:
    return [(key, name, ctx.vocabulary(f"risk_dimension_{key}")) for key, name in DIMENSIONS]


def risk_dimensions(risk: Risk, vocabulary) -> set[str]:
    text = f"{risk.context} {risk.text}"
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
