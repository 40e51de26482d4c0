from aims_lint.rule import Problem, rule

from .register import PART_NAMES, risks, summarised_unassessed


@rule(
    code="RSK004",
    name="risk-row-incomplete",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="risk {risk} has no {missing}: every risk needs a likelihood, a severity, an owner and a treatment decision",
    summary="A risk without likelihood, severity/impact, owner or treatment (one finding per risk).",
)
def check(doc, ctx):
    found = risks(doc)
    skipped = set(map(id, summarised_unassessed(found)))
    for risk in found:
        if id(risk) in skipped:
            continue  # RSK005 reports the unassessed rows together
        missing = risk.missing()
        if missing:
            names = [PART_NAMES[part] for part in missing]
            text = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
            yield Problem(risk.line, risk.column, risk=f"'{risk.label}'", missing=text)
