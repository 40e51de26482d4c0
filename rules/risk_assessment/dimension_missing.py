import zlib

from aims_lint.rule import Problem, rule

from .criteria import RISK_TYPE, sibling_assessments
from .cybersecurity_only import is_cybersecurity_only
from .register import dimension_terms, heading_above, is_empty, risk_dimensions, risks, summarised_unassessed


@rule(
    code="RSK003",
    name="risk-dimension-missing",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="advisory",
    remediation="1-2 weeks",
    message="the risk register has no {dimensions} risk: consider each for the AI systems in scope (Annex C lists them as sources of AI risk), or record why none applies",
    summary="A risk register that misses some of the six AI risk dimensions of Annex C (one finding listing them all).",
    options={"min-risks": 3},
)
def check(doc, ctx):
    found = [risk for risk in risks(doc) if not is_empty(risk.text)]
    if len(found) < int(ctx.options.get("min-risks", 3)):
        return  # RSK005 reports a register with no risks
    if len(summarised_unassessed(found)) == len(found):
        return  # an unfilled register: RSK005 says the assessment has not been done
    if any(rule.code == "RSK007" for rule in ctx.enabled) and is_cybersecurity_only(found, ctx):
        return  # RSK007 says the register knows only cybersecurity
    vocabulary = dimension_terms(ctx)
    covered = set()
    for risk in found:
        covered |= risk_dimensions(risk, vocabulary)
    missing = [key for key, _, _ in vocabulary if key not in covered]
    if missing and ctx.workspace is not None:
        # The AIMS's risk assessment as a whole: an enterprise register beside the AI risk
        # register need not repeat the AI dimensions the AI register covers.
        covered |= covered_elsewhere(ctx.workspace, doc, vocabulary, int(ctx.options.get("min-risks", 3)))
        missing = [key for key in missing if key not in covered]
    missing = [name for key, name, _ in vocabulary if key in missing]
    if not missing:
        return
    names = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
    yield Problem(heading_above(doc, found[0].line), 1, dimensions=names)


def covered_elsewhere(workspace, doc, vocabulary, min_risks: int) -> set[str]:
    """The dimensions the other risk registers of the repository cover (facts cache)."""
    terms = "\n".join(f"{key}:{','.join(words)}" for key, _, words in vocabulary)
    key = f"rsk.dimensions.1.{min_risks}.{zlib.crc32(terms.encode()):08x}"

    def compute(other) -> list[str]:
        found = [risk for risk in risks(other) if not is_empty(risk.text)]
        if len(found) < min_risks or len(summarised_unassessed(found)) == len(found):
            return []  # no register, or an unfilled one
        keys: set[str] = set()
        for risk in found:
            keys |= risk_dimensions(risk, vocabulary)
        return sorted(keys)

    def count(ws) -> dict[str, int]:
        # How many registers cover each dimension, once per run (a walk over every
        # sibling from every document would grow with the square of their number).
        counts: dict[str, int] = {}
        for relpath in sibling_assessments(ws, None):
            value = ws.fact(relpath, key, compute, [str])
            for dimension in value if isinstance(value, list) else ():
                counts[dimension] = counts.get(dimension, 0) + 1
        return counts

    counts = workspace.memo(f"{key}.counts", count)
    own: set[str] = set()
    if workspace.index().get(doc.relpath, (None,))[0] == RISK_TYPE:
        value = workspace.fact(doc.relpath, key, compute, [str])
        own = set(value) if isinstance(value, list) else set()
    return {dimension for dimension, number in counts.items() if number - (dimension in own) > 0}
