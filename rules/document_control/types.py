"""The document types aims-lint knows and the front-matter keys each must carry.

Documents (policies, procedures, registers) are versioned, owned and reviewed at
planned intervals (7.5.2, 7.5.3); records (minutes, audit reports, evidence) are dated
facts that are not reviewed. A type aims-lint does not know is treated as a document.
"""

DOCUMENT_KEYS = ("id", "title", "owner", "version", "status")
RECORD_KEYS = ("id", "title", "date")

# type -> (is a record, extra required keys)
KNOWN_TYPES: dict[str, tuple[bool, tuple[str, ...]]] = {
    "aims-scope": (False, ("ai_systems",)),
    "ai-policy": (False, ()),
    "ai-objectives": (False, ()),
    "risk-assessment": (False, ()),
    "soa": (False, ("risk_register",)),
    "impact-assessment": (False, ("ai_system",)),
    "competence-matrix": (False, ()),
    "procedure": (False, ()),
    "management-review": (True, ("attendees",)),
    "internal-audit": (True, ("scope",)),
    "record": (True, ()),
}


INACTIVE_STATUSES = ("retired", "superseded")


def is_inactive(meta) -> bool:
    """Retired or superseded documents are kept for the record, not reviewed."""
    return str(meta.get("status", "")).strip().lower() in INACTIVE_STATUSES


def is_record(doc_type: str | None) -> bool:
    return KNOWN_TYPES.get(doc_type or "", (False, ()))[0]


def required_keys(doc_type: str | None) -> tuple[str, ...]:
    record, extra = KNOWN_TYPES.get(doc_type or "", (False, ()))
    return (RECORD_KEYS if record else DOCUMENT_KEYS) + extra
