"""Management review (clause 9.3)."""

RULE_MODULES: tuple[str, ...] = ()
