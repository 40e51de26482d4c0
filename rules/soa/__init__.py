"""Statement of Applicability (clause 6.1.3, Annex A)."""

RULE_MODULES: tuple[str, ...] = ()
