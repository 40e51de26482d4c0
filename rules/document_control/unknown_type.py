from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import KNOWN_TYPES


@rule(
    code="DOC012",
    judges_templates=True,
    name="unknown-type",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="type '{type}' is not one aims-lint knows; did you mean '{suggestion}'?",
    summary="A document type that looks like a misspelt known type (other unknown types are fine).",
)
def check(doc, ctx):
    doc_type = doc.doc_type
    if doc_type in KNOWN_TYPES:
        return
    # Typos rarely touch the first letter: "ai-polcy" is a typo of "ai-policy", while
    # "it-policy" and "isms-scope" are an organisation's own types.
    import difflib  # rarely needed: keep it off start-up

    candidates = [known for known in KNOWN_TYPES if known[0] == doc_type[:1]]
    close = difflib.get_close_matches(doc_type, candidates, n=1, cutoff=0.85)
    if close:
        position = doc.value_position("type") if doc.type_source == "front matter" else (1, 1)
        yield Problem(*position, type=doc_type, suggestion=close[0])
