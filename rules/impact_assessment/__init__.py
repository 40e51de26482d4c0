"""AI system impact assessment (clauses 6.1.4, 8.4; Annex A.5.2-A.5.5)."""

RULE_MODULES: tuple[str, ...] = ()
