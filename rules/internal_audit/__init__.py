"""Internal audit (clause 9.2): what the audit record holds, what the programme covers
over the cycle, the auditors' objectivity, and audit criteria that cite Annex A controls
by another standard's numbering."""

RULE_MODULES: tuple[str, ...] = (
    "record_incomplete",
    "programme_coverage",
    "auditor_own_work",
    "criteria_wrong_control",
)
