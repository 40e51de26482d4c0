"""The AIMS as a whole: the documented information ISO/IEC 42001 requires exists, and the
internal audit is on record in time for the Stage 2 audit (clauses 7.5.1, 9.2)."""

RULE_MODULES: tuple[str, ...] = (
    "mandatory_document_missing",
    "internal_audit_not_in_time",
)
