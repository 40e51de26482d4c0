"""AI system impact assessment (clauses 6.1.4, 8.4; Annex A.5.2-A.5.5)."""

RULE_MODULES: tuple[str, ...] = (
    "not_performed",
    "triggers_missing",
    "affected_or_harms_missing",
    "severity_or_reversibility_missing",
    "review_cycle_missing",
    "escalation_missing",
    "predates_system_change",
    "assessment_stale",
    "privacy_only",
)
