"""The aims-lint rule pack: ISO/IEC 42001 checks over the document model.

Each rule is one module (metadata in its ``@rule`` decorator, the check below it) and
one Markdown file with the same name (what it checks, why an auditor flags it, failing
and passing examples, how to close it, options). Vocabularies the checks use are plain
text files in ``vocabulary/``, one term per line, for a compliance person to read and
extend. Adding a rule: write the two files and add the module to its family's
``RULE_MODULES``; a new family is one more line here.
"""

FAMILIES = (
    "document_control",
    "suppression",
    "ai_policy",
    "objectives",
    "risk_assessment",
    "soa",
    "impact_assessment",
    "competence",
    "management_review",
    "internal_audit",
    "traceability",
    "chronology",
    "aims",
)
