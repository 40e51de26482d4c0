"""Competence and awareness (clauses 7.2, 7.3)."""

RULE_MODULES: tuple[str, ...] = ()
