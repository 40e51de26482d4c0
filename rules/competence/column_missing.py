from aims_lint.rule import Problem, rule

from ..common import first_heading_line, inactive
from .matrix import COLUMNS, LABELS, column_of, columns, matrix_tables, records

ADVISORY_COLUMNS = ("status", "next_review")


@rule(
    code="CMP001",
    name="matrix-column-missing",
    clause="7.2",
    types=("competence-matrix",),
    classification="minor",
    remediation="1 week",
    message="{what}: add it for every role, so the matrix shows what competence is needed and how it is evidenced",
    summary="A competence matrix without a role, required competencies, evaluation method, status or next-review column.",
)
def check(doc, ctx):
    if inactive(doc):
        return
    tables = matrix_tables(doc)
    written = records(doc)  # per-person records in labelled fields
    if not tables and not written:
        wanted = ", ".join(LABELS.values())
        yield Problem(first_heading_line(doc), 1, what=f"no competence matrix: no table with the columns {wanted}")
        return
    if tables:
        line = max(tables, key=lambda table: sum(column_of(table, column) is not None for column in COLUMNS)).line
    else:
        line = written[0].line
    present = columns(doc)
    for column in COLUMNS:
        if column not in present:
            # 7.2 asks for the competence needed, the evaluation and the evidence; a
            # status or next-review column is good practice (advisory).
            classification = "advisory" if column in ADVISORY_COLUMNS else None
            yield Problem(line, 1, classification=classification, what=f"competence matrix has no '{LABELS[column]}' column")
