"""Dates in order (issue 13): what the calendar says about the records read against each
other: an impact assessment approved after the change it assesses went live (8.4),
residual risk accepted before the risk assessment was approved (6.1.3), evidence dated
after the management review that relies on it (9.3), a record dated before the version of
the procedure it names (7.5.3), the only evidence of a procedure dated before the revision
that changed it (8.1)."""

RULE_MODULES: tuple[str, ...] = (
    "assessment_after_change",
    "residual_accepted_before_approval",
    "evidence_after_review",
    "record_before_version",
    "evidence_before_revision",
)
