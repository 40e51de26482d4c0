"""Management review (clause 9.3: 9.3.1, 9.3.2 inputs, 9.3.3 results)."""

RULE_MODULES: tuple[str, ...] = (
    "input_missing",
    "input_without_data",
    "boilerplate",
    "decisions_missing",
    "action_incomplete",
    "relative_due_date",
    "top_management_absent",
    "unfilled_template",
    "review_before_audit",
    "cites_unknown_audit",
    "figures_disagree",
    "figures_contradict_records",
    "interval_exceeded",
)
