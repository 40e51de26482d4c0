"""AI policy (clause 5.2, 7.4; Annex A.2.2-A.2.4)."""

RULE_MODULES: tuple[str, ...] = (
    "swap_artefact",
    "infosec_vocabulary",
    "near_duplicate",
    "no_scope_reference",
    "no_objectives_framework",
    "no_requirements_commitment",
    "no_continual_improvement",
    "no_responsible_ai_commitment",
    "no_communication",
    "no_review_interval",
    "not_approved_by_top_management",
    "aspirational_policy",
)
