"""AI risk assessment (clauses 6.1.2, 6.1.3)."""

RULE_MODULES: tuple[str, ...] = ()
