"""AI objectives (clause 6.2)."""

RULE_MODULES: tuple[str, ...] = ()
