"""AI risk assessment (clauses 6.1.2, 6.1.3)."""

RULE_MODULES: tuple[str, ...] = (
    "criteria_missing",
    "acceptance_threshold_missing",
    "dimension_missing",
    "row_incomplete",
    "register_unassessed",
    "rating_inconsistent",
    "cybersecurity_only",
    "residual_inconsistent",
    "scale_inconsistent",
    "summary_count_mismatch",
)
