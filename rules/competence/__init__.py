"""Competence and awareness (clauses 7.2, 7.3)."""

RULE_MODULES: tuple[str, ...] = (
    "column_missing",
    "attendance_only",
    "review_overdue",
    "awareness_missing",
)
