"""AI objectives (clause 6.2)."""

RULE_MODULES: tuple[str, ...] = (
    "no_objectives",
    "objective_not_measurable",
    "objective_plan_incomplete",
    "blank_objective_rows",
    "overdue_without_result",
    "result_missed_without_action",
    "target_inconsistent",
)
