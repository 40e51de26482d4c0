"""The objectives of an ``ai-objectives`` document, read from the Document model: rows of
tables that have an objective column, or else one section per objective with labelled
fields (Metric:, Target:, Owner:, Review frequency:, Evaluation method:, Due:). Shared
by the OBJ rules; not a rule itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aims_lint.patterns import lazy

from ..document_control.placeholders import is_placeholder

OBJECTIVES_TYPE = "ai-objectives"

# The parts of an objective (6.2) and the canonical column / field names that hold them.
PARTS = {
    "metric": ("metric", "target"),
    "owner": ("owner",),
    "frequency": ("review_frequency", "frequency"),
    "method": ("method",),
    "deadline": ("due",),
}
LABELS = {
    "metric": "measurable metric with a target",
    "owner": "owner",
    "frequency": "review frequency",
    "method": "evaluation method",
    "deadline": "deadline",
}
# Headers the model does not map but that say how an objective is measured.
_METHOD_HEADER = lazy(r"\b(?:data )?source\b|\bmeasurement\b|\bhow (?:we )?(?:measure|evaluate)|\bevaluat|\bverification\b", re.I)
_DEADLINE_HEADER = lazy(r"\b(?:by when|target (?:date|year|quarter)|achieve by|due by|completion)\b", re.I)
_ID = lazy(r"^[A-Z]{1,6}[-_ ]?\d{1,4}$|^\d{1,3}\.?$")

# A date, year or quarter that sets a deadline: "2026-12-31", "Q4 2026", "by end of 2026", "December 2026".
DATE = lazy(
    r"\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d\b"
    r"|\b(?:Q[1-4]|H[12]|FY|end of|by|before|until)\s*(?:19|20)\d\d\b"
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:19|20)\d\d\b",
    re.I,
)
_YEAR = lazy(r"\b(?:19|20)\d\d\b")
# Things that look numeric but measure nothing: dates, years, clause and control numbers, IDs.
_NOT_A_MEASURE = lazy(
    r"\b(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\bQ[1-4]\b|\bH[12]\b"
    r"|\b(?:clause|annex|section|article|art\.?|ISO(?:/IEC)?|A)\s*[\d.]+\b|\bA\.\d+(?:\.\d+)*\b|\b\d+(?:\.\d+){2,}\b"
    r"|\b[A-Z]{2,}[-_]\d+\b|\b(?:ISO|IEC)\s*\d+",
    re.I,
)


def measurable(text: str) -> bool:
    """True when the text states a number, threshold, percentage or comparator."""
    cleaned = _NOT_A_MEASURE.sub(" ", text)
    return bool(re.search(r"\d|[≥≤<>=±%]", cleaned)) or bool(
        re.search(r"\b(?:zero|no more than|at least|at most|fewer than|less than|more than|greater than|within)\b", cleaned, re.I)
    )


def filled(text: str | None) -> bool:
    if text is None:
        return False
    value = re.sub(r"[*_`]", "", text).strip()
    return bool(value) and not is_placeholder(value) and not re.fullmatch(r"[-–—_.\s?]*|n/?a|tbd|tbc|none|-", value, re.I)


@dataclass
class Objective:
    name: str
    line: int
    column: int
    values: dict[str, str] = field(default_factory=dict)  # part -> text ("" when the column is empty)
    absent: set[str] = field(default_factory=set)  # parts the source has no column or field for
    source: str = "table"  # "table" or "section"
    table: object = None


def _table_parts(table) -> tuple[dict[str, list[int]], set[str]]:
    """Column indexes holding each part, and the parts the table has no column for."""
    indexes: dict[str, list[int]] = {part: [] for part in PARTS}
    for index, (name, cell) in enumerate(zip(table.columns, table.header)):
        for part, names in PARTS.items():
            if name in names:
                indexes[part].append(index)
        if name is None and _METHOD_HEADER.search(cell.text):
            indexes["method"].append(index)
        if name is None and _DEADLINE_HEADER.search(cell.text):
            indexes["deadline"].append(index)
    return indexes, {part for part, found in indexes.items() if not found}


def objective_tables(doc):
    return [table for table in doc.tables if table.has("objective") and len(table.header) > 2]


def blank_rows(table) -> list:
    """Rows whose every cell is empty, apart from an ID-like first cell."""
    blank = []
    for row in table.rows:
        texts = [cell.text.strip() for cell in row.cells]
        rest = texts[1:] if texts and _ID.match(texts[0] or "-") else texts
        if not any(filled(text) for text in rest):
            blank.append(row)
    return blank


def _period_deadline(doc, section) -> bool:
    """A deadline set for the whole set of objectives: a year in the heading above them
    ("Objectives for 2026"), front matter ``period``/``due``, or a document-level Due: field."""
    node = section
    while node is not None:
        if _YEAR.search(node.title):
            return True
        node = node.parent
    for key in ("period", "due", "target_date", "deadline", "year"):
        if doc.meta.get(key):
            return True
    return False


def objectives(doc) -> list[Objective]:
    found: list[Objective] = []
    tables = objective_tables(doc)
    for table in tables:
        indexes, absent = _table_parts(table)
        blank = set(map(id, blank_rows(table)))
        period = _period_deadline(doc, table.section)
        for row in table.rows:
            if id(row) in blank:
                continue
            cell = row.get("objective")
            name = cell.text if cell is not None and cell.text else " ".join(c.text for c in row.cells[:2]).strip()
            values = {}
            for part, columns in indexes.items():
                texts = [row.cells[index].text for index in columns if index < len(row.cells)]
                values[part] = " ".join(text for text in texts if filled(text))
            row_absent = set(absent)
            # A deadline written into the objective or its target ("by Q4 2026"), not a
            # "last measured" or "baseline" date elsewhere in the row.
            whole = " ".join((name, values["metric"]))
            if not values["deadline"] and (period or DATE.search(whole)):
                values["deadline"] = "period"
                row_absent.discard("deadline")
            if not values["metric"] and "metric" in row_absent and measurable(name):
                values["metric"] = name
                row_absent.discard("metric")
            found.append(Objective(name, row.line, (cell.column if cell is not None else 1), values, row_absent, "table", table))
    if tables:
        return found
    # One section per objective with labelled fields.
    by_section: dict[int, tuple] = {}
    for item in doc.fields:
        if item.block is None or item.block.section is None:
            continue
        section = item.block.section
        by_section.setdefault(id(section), (section, []))[1].append(item)
    for section, items in sorted(by_section.values(), key=lambda pair: pair[0].line):
        names = {item.name for item in items}
        known = names & {"metric", "target", "owner", "review_frequency", "frequency", "method", "due"}
        if not (len(known) >= 2 or ("objective" in names and known) or (re.search(r"objective", section.title, re.I) and known)):
            continue
        values = {}
        for part, part_names in PARTS.items():
            values[part] = " ".join(item.value for item in items if item.name in part_names and filled(item.value))
        for item in items:
            if item.name is None and _METHOD_HEADER.search(item.label) and filled(item.value):
                values["method"] = (values["method"] + " " + item.value).strip()
        statement = next((item.value for item in items if item.name == "objective"), "")
        if not values["deadline"] and (_period_deadline(doc, section.parent) or DATE.search(statement)):
            values["deadline"] = "period"
        if not values["metric"] and measurable(statement):
            values["metric"] = statement
        found.append(Objective(statement or section.title, section.line, 1, values, set(), "section"))
    return found


def missing_parts(objective: Objective, include_absent: bool = True) -> list[str]:
    """The parts an objective lacks, in the order of 6.2 (what, who, when reviewed, how evaluated, by when)."""
    missing = []
    for part in PARTS:
        if part == "metric":
            if not measurable(objective.values.get("metric", "")):
                missing.append(part)
            continue
        if objective.values.get(part):
            continue
        if part in objective.absent and not include_absent:
            continue
        missing.append(part)
    return missing


def short(name: str, limit: int = 60) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _normalise_owner(value: str) -> str:
    text = re.sub(r"[*_`]", "", value).strip().lower().rstrip(".;,")
    return re.sub(r"^the\s+", "", text)


def vague_owner(objective: Objective, ctx, leave_to_doc009: bool = False) -> str | None:
    """The objective's owner when it names no accountable role ("the AI team", "TBD",
    "everyone"); roles listed in the configuration's ``roles`` are always accepted.
    With ``leave_to_doc009``, an owner that DOC009 (vague-owner) reports in this run is
    not returned, so that one vague owner is one finding."""
    owner = objective.values.get("owner", "")
    if not owner:
        return None
    generic = {_normalise_owner(term) for term in ctx.vocabulary("vague_owners")}
    vague = generic | {_normalise_owner(term) for term in ctx.vocabulary("objectives_vague_owners")}
    roles = {_normalise_owner(role) for role in (ctx.config.roles or [])}
    value = _normalise_owner(owner)
    if leave_to_doc009 and value in generic and any(rule.code == "DOC009" for rule in ctx.enabled):
        return None
    return owner.strip() if value in vague and value not in roles else None
