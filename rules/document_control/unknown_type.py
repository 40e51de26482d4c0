from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import KNOWN_TYPES

# Names teams give the known types in their own words: the suggestion is unambiguous.
SYNONYMS = {
    "statement-of-applicability": "soa",
    "risk-register": "risk-assessment",
    "ai-risk-register": "risk-assessment",
    "objectives": "ai-objectives",
    "ai-system-impact-assessment": "impact-assessment",
    "aisia": "impact-assessment",
    "aiia": "impact-assessment",
}


def suggestion(doc_type: str) -> str | None:
    """The known type a declared type most likely means, or None for a type of the
    organisation's own (``privacy-policy``, ``model-card``, ``isms-scope``)."""
    if doc_type in KNOWN_TYPES:
        return None
    if doc_type in SYNONYMS:
        return SYNONYMS[doc_type]
    # "ai-risk-assessment" is a known type with a prefix; "ai-procedure" and
    # "ai-record" are an organisation's own names for its kinds of procedure or record.
    for prefix in ("ai-", "aims-"):
        rest = doc_type[len(prefix):]
        if doc_type.startswith(prefix) and rest in KNOWN_TYPES and rest not in ("procedure", "record"):
            return rest
    # Typos rarely touch the first letter: "ai-polcy" is a typo of "ai-policy", while
    # "it-policy" and "isms-scope" are an organisation's own types.
    import difflib  # rarely needed: keep it off start-up

    candidates = [known for known in KNOWN_TYPES if known[0] == doc_type[:1]]
    close = difflib.get_close_matches(doc_type, candidates, n=1, cutoff=0.85)
    return close[0] if close else None


@rule(
    code="DOC012",
    judges_templates=True,
    name="unknown-type",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message=(
        "type '{type}' is not one aims-lint knows; did you mean '{suggestion}'? "
        "Until it is corrected, none of the checks for a '{suggestion}' run on this document"
    ),
    summary="A document type that looks like a misspelt or reworded known type (other unknown types are the organisation's own).",
)
def check(doc, ctx):
    suggested = suggestion(doc.doc_type or "")
    if suggested:
        position = doc.value_position("type") if doc.type_source == "front matter" else (1, 1)
        yield Problem(*position, type=doc.doc_type, suggestion=suggested)
