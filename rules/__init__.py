"""The aims-lint rule pack: ISO/IEC 42001 checks over the document model.

Each rule is one module (metadata in its ``@rule`` decorator, the check below it) and
one Markdown file with the same name (what it checks, why an auditor flags it, failing
and passing examples, how to close it, options). Vocabularies the checks use are plain
text files in ``vocabulary/``, one term per line, for a compliance person to read and
extend. Adding a rule: write the two files and add the module to this registry.
"""

RULE_MODULES = (
    "document_control.unreadable_document",
    "document_control.front_matter_missing",
    "document_control.front_matter_invalid",
    "document_control.required_key_missing",
    "document_control.invalid_date",
    "document_control.approval_incomplete",
    "document_control.review_overdue",
    "document_control.placeholder_text",
    "document_control.vague_owner",
    "document_control.duplicate_id",
    "document_control.broken_link",
    "document_control.unknown_type",
    "document_control.invalid_field_value",
    "document_control.self_approval",
    "suppression.suppression_without_reason",
    "suppression.unused_suppression",
)
