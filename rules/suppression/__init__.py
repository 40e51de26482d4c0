"""Rules about inline suppressions: to an auditor each one is an accepted risk."""

RULE_MODULES = (
    "suppression_without_reason",
    "unused_suppression",
)
