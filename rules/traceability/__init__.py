"""Traceability across documents: references resolve; the SoA points to procedures and
records; risk treatments, the SoA, the AI systems in scope and their impact assessments
agree; owners are defined roles (clauses 4.3, 6.1.2-6.1.4, 7.2, 7.5.3)."""

RULE_MODULES: tuple[str, ...] = (
    "unresolved_reference",
    "soa_reference_untraceable",
    "soa_record_not_evidence",
    "risk_control_not_in_soa",
    "system_without_impact_assessment",
    "system_not_in_risk_register",
    "system_not_in_scope",
    "owner_not_defined_role",
)
