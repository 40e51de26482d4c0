"""Competence entries: who must be competent in what, how it is evaluated, the result
and when it is looked at again (clause 7.2), read from the table that holds them.

Only a *competence matrix* gives entries: a table with a role or person column beside
what that role must know (required competencies, skills, training required) or how its
competence is evidenced (evaluation method, evidence, status/result, next review); or
a grid of roles against competence areas ("Role | Awareness | Literacy | Technical"
with Required / ✓ / Level cells). Other tables about the same subject are told apart
and give no entries:

- a RACI table (R/A/C/I letters under role columns, or R/A/C/I columns);
- a governance-responsibility table ("Role | Responsibility"): what a role *does*
  ("track training records") is not evidence of its competence;
- a training catalogue or plan (Training / Course / Module first, with duration,
  provider, content, frequency): courses, not people;
- a blank per-person record form ("Training Course | Completion Date | Score" with
  empty rows, "Field | Entry"): a form to fill in, not a record. Its columns still
  show what the organisation records (``record_columns``).

A competence matrix may also be drawn with box characters or as HTML (``reading.tables``),
and per-person competence *records* may be written as labelled fields in a code fence
or a box panel ("Employee: J. Smith | Role: Data Analyst", "Competency Assessment:",
"• AI Knowledge: Advanced (Last assessed: 2024-11-15)", "Annual Refresher Training:
Due 2025-03-20"): a record with a role (or person) label and labels for at least two of
required competencies, evaluation method, status and next review is an entry.

Rules judge ``entries(doc)`` and ``columns(doc)``; they do not look at tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aims_lint.fields import header_text
from aims_lint.patterns import lazy

from .roles import clean, raci_layout
from .tables import all_tables, fenced_groups, labelled_pairs

# field -> (canonical column names of the document model, header pattern)
COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "role": (("role",), r"\broles?\b|\bposition\b|\bjob\b|\bemployee\b|\bperson\b|\bstaff member\b|^name$|^(employee |staff )?name$"),
    "competencies": (
        ("competencies",),
        r"competen|\bskills?\b|\bknowledge\b|qualification|training (?:required|need)|required training|\brequirements?\b",
    ),
    "method": (("method",), r"evaluat|assess|verif|how (?:measured|demonstrated|checked|evidenced)|\bevidence\b|\bproof\b|\bscore\b|pass mark|minimum score"),
    "status": (("status",), r"\bstatus\b|current level|\bcompetent\b|\bgap\b|\bachieved\b|\bresult\b|\boutcome\b"),
    "next_review": (
        ("next_review", "review_frequency"),
        r"next review|review date|refresh|renewal|re-?assess|expir|valid until|review (?:frequency|interval|cycle)",
    ),
}
LABELS = {
    "role": "role",
    "competencies": "required competencies",
    "method": "evaluation method",
    "status": "status",
    "next_review": "next review",
}
_REGEX = {name: lazy(pattern, re.I) for name, (_, pattern) in COLUMNS.items()}
_RESPONSIBILITY = lazy(r"responsib|\bdut(?:y|ies)\b|accountab|\btasks?\b|\bactivit", re.I)
_CATALOGUE_FIRST = lazy(r"^(?:training|course|module|programme|program|training (?:id|module|course|type|level|name)|topic|session)\b", re.I)
_CATALOGUE_OTHER = lazy(r"\bduration\b|\bprovider\b|\bcontent\b|\bcost\b|\bformat\b|\bdelivery\b|\btopics?\b|\baudience\b|\btarget group\b|\bfrequency\b|\bdeadline\b", re.I)
_TRAINING = lazy(r"\btraining\b|\bcourses?\b|\blearning\b|\bcertif|\bcurricul", re.I)
_FORM_HEADER = lazy(r"^(?:field|item|attribute)$", re.I)
_GRID_VALUE = lazy(r"^(?:required|mandatory|optional|recommended|yes|no|y|n|x|✓|✔|✗|basic|intermediate|advanced|expert|awareness|working|practitioner|l[1-5]|[1-5])$", re.I)
_EMPTY = lazy(r"^[-–—_.\s?]*$")


@dataclass(frozen=True, slots=True)
class CompetenceEntry:
    who: str
    competence: str
    method: str
    status: str
    next_review: str
    line: int
    cells: dict = field(default_factory=dict)  # field -> Cell of the row (method/status/evidence/next_review)
    evidence: tuple = ()  # filled cells other than who, what and when: how competence is shown
    table: object = None


def column_of(table, name: str) -> int | None:
    """The column of ``name`` (see ``COLUMNS``): the organisation's header words first
    (``header-words: competence:``), then the model's canonical names, then header words."""
    configured = table.configured("competence")
    if name in configured:
        return configured.index(name)
    names, _ = COLUMNS[name]
    for index, canonical in enumerate(table.columns):
        if configured[index] is not None:
            continue
        if canonical in names:
            return index
    regex = _REGEX[name]
    role = None if name == "role" else column_of(table, "role")
    for index, cell in enumerate(table.header):
        if index != role and configured[index] is None and regex.search(header_text(cell)):
            return index
    return None


def _filled(text: str) -> bool:
    """A cell that says something: not empty, not a dash, not unticked choices ("[ ] Competent [ ] Not yet")."""
    value = clean(text)
    if value.startswith(("[ ]", "[]", "☐")):
        return False
    return not _EMPTY.match(value)


def _blank_form(table) -> bool:
    headers = [header_text(cell) for cell in table.header]
    if headers and _FORM_HEADER.match(headers[0]):
        return True
    if not table.rows:
        return True
    return all(not any(_filled(cell.text) for cell in row.cells[1:]) for row in table.rows)


def _grid(table, role: int) -> bool:
    """Roles against competence areas: most cells beside the role say Required / ✓ / a level."""
    if len(table.header) < 3:
        return False
    values = [clean(cell.text) for row in table.rows for index, cell in enumerate(row.cells) if index != role and _filled(cell.text)]
    return bool(values) and sum(1 for value in values if _GRID_VALUE.match(value)) >= 0.7 * len(values)


_AREA_FIRST = lazy(r"competen|\bskills?\b|\bknowledge\b|\barea\b|\btopic\b|\bdomain\b|\brequirement", re.I)


def _transposed(table) -> bool:
    """Competence areas as rows, roles as columns ("Competency Area | AI Lead | DPO | ..."),
    levels or ticks in the cells."""
    if len(table.header) < 3 or not _AREA_FIRST.search(header_text(table.header[0])):
        return False
    if not all(clean(cell.text) for cell in table.header[1:]):
        return False
    values = [clean(cell.text) for row in table.rows for cell in row.cells[1:] if _filled(cell.text)]
    return bool(values) and sum(1 for value in values if _GRID_VALUE.match(value)) >= 0.7 * len(values)


def table_role(table) -> str | None:
    """"matrix", "raci", "responsibilities", "catalogue", "form", or None (not about competence)."""
    if len(table.header) < 2:
        return None
    if raci_layout(table) is not None:
        return "raci"
    found = {name: column_of(table, name) for name in COLUMNS}
    role = found["role"]
    headers = [header_text(cell) for cell in table.header]
    about_competence = any(found[name] is not None for name in ("competencies", "method", "status", "next_review")) or any(
        _TRAINING.search(header) for index, header in enumerate(headers) if index != role
    )
    if role is None:
        if _transposed(table):
            return "matrix"
        if _CATALOGUE_FIRST.match(headers[0]) and any(_CATALOGUE_OTHER.search(h) for h in headers[1:]):
            return "catalogue"
        if about_competence and _blank_form(table):
            return "form"
        return None
    if _blank_form(table):
        return "form"
    if _grid(table, role):
        return "matrix"
    others = [index for index in range(len(headers)) if index != role]
    if any(_RESPONSIBILITY.search(headers[index]) for index in others) and found["competencies"] is None and found["method"] is None and found["status"] is None:
        return "responsibilities"
    return "matrix" if about_competence else None


def _tables(doc, kind: str) -> list:
    return [table for table in all_tables(doc) if table_role(table) == kind]


def matrix_tables(doc) -> list:
    return doc.memo("reading.competence.matrix_tables", lambda d: _tables(d, "matrix"))


def record_tables(doc) -> list:
    """Blank per-person record forms: no entries, but their columns show what is recorded."""
    return doc.memo("reading.competence.record_tables", lambda d: _tables(d, "form"))


def columns(doc) -> set[str]:
    """The entry fields the document's competence matrix (and its record forms, and its
    labelled-field records) carry."""

    def compute(d) -> set[str]:
        present: set[str] = set()
        for record in records(d):
            present |= set(record.labels)
        for table in matrix_tables(d):
            present |= {name for name in COLUMNS if column_of(table, name) is not None}
            role = column_of(table, "role")
            if role is not None and _grid(table, role):
                present.add("competencies")  # the competence areas are the columns
            if role is None and _transposed(table):
                present |= {"role", "competencies"}  # roles are the columns, areas the rows
        if present:
            for table in record_tables(d):
                present |= {name for name in COLUMNS if name != "role" and column_of(table, name) is not None}
        return present

    return doc.memo("reading.competence.columns", compute)


def _cell(row, index):
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


def read_entries(doc) -> list[CompetenceEntry]:
    found: list[CompetenceEntry] = []
    for table in matrix_tables(doc):
        if column_of(table, "role") is None and _transposed(table):
            found += _transposed_entries(table)
            continue
        index = {name: column_of(table, name) for name in COLUMNS}
        # What the row says about how competence is shown: every column but who, what and when.
        evidence_columns = set(range(len(table.header))) - {index[name] for name in ("role", "competencies", "next_review")}
        grid = index["role"] is not None and _grid(table, index["role"])
        for row in table.rows:
            texts = {name: (clean(c.text) if (c := _cell(row, i)) is not None else "") for name, i in index.items()}
            if not any(_filled(cell.text) for cell in row.cells):
                continue
            if grid:
                texts["competence"] = ", ".join(
                    clean(table.header[i].text) for i, cell in enumerate(row.cells)
                    if i != index["role"] and i < len(table.header) and _filled(cell.text) and not re.match(r"^(?:no|n|-)$", clean(cell.text), re.I)
                )
            cells = {name: c for name, i in index.items() if (c := _cell(row, i)) is not None}
            if index["next_review"] is not None and table.columns[index["next_review"]] == "review_frequency":
                cells["review_frequency"] = cells.pop("next_review", None)  # an interval, not a date
            evidence = tuple(row.cells[i] for i in sorted(evidence_columns) if i < len(row.cells) and _filled(row.cells[i].text))
            found.append(CompetenceEntry(
                who=texts["role"],
                competence=texts.get("competence") or texts["competencies"],
                method=texts["method"],
                status=texts["status"],
                next_review=texts["next_review"],
                line=row.line,
                cells=cells,
                evidence=evidence,
                table=table,
            ))
    return found


def _transposed_entries(table) -> list[CompetenceEntry]:
    """One entry per role column: the areas whose cell for that role is filled."""
    found = []
    for position, header in enumerate(table.header):
        if position == 0:
            continue
        areas = [
            clean(row.cells[0].text) for row in table.rows
            if position < len(row.cells) and _filled(row.cells[position].text) and not re.match(r"^(?:no|n|-)$", clean(row.cells[position].text), re.I)
        ]
        if areas:
            found.append(CompetenceEntry(
                who=clean(header.text), competence=", ".join(areas), method="", status="", next_review="",
                line=header.line, cells={"role": header}, evidence=(), table=table,
            ))
    return found


def entries(doc) -> list[CompetenceEntry]:
    """The competence entries of the document's competence matrix and of its labelled-field
    records, computed once per document."""
    return doc.memo("reading.competence.entries", lambda d: read_entries(d) + [r.entry for r in records(d)])


# ---------------------------------------------------------------------------
# Per-person records written as labelled fields in a code fence or a box panel

_RECORD_NEXT = lazy(r"\bdue\b|\bnext requirements?\b|\bnext (?:assessment|evaluation)\b", re.I)


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    labels: dict  # field -> first Cell (its value) with a label naming the field
    entry: CompetenceEntry


def _field_of(label: str) -> list[str]:
    names = [name for name, regex in _REGEX.items() if regex.search(label)]
    if "next_review" not in names and _RECORD_NEXT.search(label):
        names.append("next_review")
    return names


def _read_records(doc) -> list[Record]:
    found = []
    for group in fenced_groups(doc):
        if len(group) < 3:
            continue
        labels: dict[str, Cell] = {}
        who = None
        for line, text in group:
            for label, value in labelled_pairs(text, line):
                for name in _field_of(label):
                    if name == "role" and value.text:
                        # "Role: Data Analyst" names the role; "Employee: J. Smith" the person
                        if who is None or re.match(r"(?i)roles?$", label):
                            who = value
                    labels.setdefault(name, value)
        if who is None or sum(1 for name in ("competencies", "method", "status", "next_review") if name in labels) < 2:
            continue
        labels["role"] = who
        text = {name: clean(labels[name].text) if name in labels else "" for name in COLUMNS}
        cells = {name: labels[name] for name in ("method", "status", "next_review") if name in labels}
        evidence = tuple(labels[name] for name in ("method", "status") if name in labels and labels[name].text)
        entry = CompetenceEntry(
            who=text["role"], competence=text["competencies"], method=text["method"], status=text["status"],
            next_review=text["next_review"], line=group[0][0], cells=cells, evidence=evidence, table=None,
        )
        found.append(Record(group[0][0], labels, entry))
    return found


def records(doc) -> list[Record]:
    """Per-person competence records written as labelled fields (see the module docstring)."""
    return doc.memo("reading.competence.records", _read_records)
