from aims_lint.rule import Problem, rule

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
    missing = [name for key, name, _ in vocabulary if key not in covered]
    if not missing:
        return
    names = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
    yield Problem(heading_above(doc, found[0].line), 1, dimensions=names)
