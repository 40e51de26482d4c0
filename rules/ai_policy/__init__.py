"""AI policy (clause 5.2, 7.4; Annex A.2.2-A.2.4)."""

RULE_MODULES: tuple[str, ...] = ()
