"""Finding the competence matrix in a document, and its columns, by meaning."""

from __future__ import annotations

import re

from aims_lint.dates import prose_date

# column -> (canonical names from the model, header pattern for spellings it does not know)
COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "role": (("role",), r"\broles?\b|\bposition\b|\bjob\b|\bemployee\b|\bperson\b|^name$"),
    "competencies": (("competencies",), r"competen|\bskills?\b|\bknowledge\b|qualification"),
    "method": (("method",), r"evaluat|assess|verif|how (measured|demonstrated|checked)"),
    "status": (("status",), r"\bstatus\b|current level|\bcompetent\b|\bgap\b|\bachieved\b"),
    "next_review": (("next_review", "review_frequency"), r"next review|review date|refresh|renewal|re-?assess|expir|valid until|review (frequency|interval|cycle)"),
}
LABELS = {
    "role": "role",
    "competencies": "required competencies",
    "method": "evaluation method",
    "status": "status",
    "next_review": "next review",
}


def _header_text(cell) -> str:
    return re.sub(r"[*_`]", "", cell.text).strip().lower()


def column_of(table, column: str) -> int | None:
    names, pattern = COLUMNS[column]
    for index, name in enumerate(table.columns):
        if name in names:
            return index
    regex = re.compile(pattern, re.I)
    for index, cell in enumerate(table.header):
        if regex.search(_header_text(cell)):
            return index
    return None


def matrix_tables(doc) -> list:
    """Tables that list roles or competencies: the competence matrix and its companions."""
    return [
        table for table in doc.tables
        if len(table.header) >= 2 and (column_of(table, "role") is not None or column_of(table, "competencies") is not None)
    ]


def cell(row, index: int | None):
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


def cell_date(text: str):
    return prose_date(text, late=True)
