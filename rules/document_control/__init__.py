"""Document control (ISO/IEC 42001 clause 7.5): rules that apply to every governance document."""

RULE_MODULES = (
    "unreadable_document",
    "front_matter_missing",
    "front_matter_invalid",
    "required_key_missing",
    "invalid_date",
    "approval_incomplete",
    "review_overdue",
    "placeholder_text",
    "vague_owner",
    "duplicate_id",
    "broken_link",
    "unknown_type",
    "invalid_field_value",
    "self_approval",
    "unfilled_template",
)
