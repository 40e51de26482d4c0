"""Statement of Applicability (clause 6.1.3, Annex A)."""

RULE_MODULES: tuple[str, ...] = (
    "control_unknown",
    "control_missing",
    "procedure_missing",
    "evidence_missing",
    "owner_missing",
    "exclusion_unjustified",
    "boilerplate_justification",
    "version_missing",
    "risk_link_missing",
    "other_standard",
    "title_mismatch",
    "inclusion_unjustified",
)
