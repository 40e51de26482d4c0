import re

from aims_lint.rule import Problem, rule

from .controls import rows


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[`*_.;:!,()\[\]—–-]+", " ", text.lower())).strip()


def non_justification(text: str, terms: list[str]) -> str | None:
    """The term when a justification is only a non-justification ("N/A", "Not relevant.")."""
    cleaned = _normalise(text)
    for term in terms:
        if cleaned == _normalise(term) or cleaned == "":
            return term
    return None


@rule(
    code="SOA006",
    name="soa-exclusion-unjustified",
    clause="6.1.3",
    types=("soa",),
    classification="minor",
    remediation="1 week",
    message="excluded control {control} {problem}: say why it does not apply, tied to the risk assessment, the AIMS scope or the organisation's role",
    summary="An Annex A control excluded without a justification, or with a non-justification (N/A, not relevant, not yet implemented).",
)
def check(doc, ctx):
    terms = ctx.vocabulary("soa_non_justifications")
    for row in rows(doc):
        if row.included is not False:
            continue
        ref = row.refs.get("justification")
        if ref is None or not _normalise(ref.text):
            where = ref or row
            yield Problem(where.line, where.column, control=row.raw_id, problem="has no justification")
            continue
        term = non_justification(ref.text, terms)
        if term is not None:
            yield Problem(ref.line, ref.column, control=row.raw_id, problem=f"is justified only by '{ref.text.strip()}', which is not a justification")
