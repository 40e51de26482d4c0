"""The competence matrix of a document: read by ``aims_lint.reading.competence``.

Kept as the family's one import point; the rules judge its entries and columns."""

from __future__ import annotations

from aims_lint.dates import prose_date
from aims_lint.reading.competence import (  # noqa: F401
    COLUMNS,
    LABELS,
    CompetenceEntry,
    column_of,
    columns,
    entries,
    matrix_tables,
    record_tables,
    records,
    table_role,
)


def cell_date(text: str):
    return prose_date(text, late=True)


def cell(row, index: int | None):
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]
