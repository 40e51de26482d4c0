from aims_lint.rule import Problem, rule

from .criteria import linked_criteria
from .register import has_acceptance_threshold, has_scale


@rule(
    code="RSK002",
    name="acceptance-threshold-missing",
    clause="6.1.1/6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="no risk acceptance threshold{where}: state which rating is acceptable and which needs treatment (e.g. 'a score of 12 or more is not acceptable without treatment')",
    summary="Likelihood and severity scales without a stated level of acceptable risk.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    terms = ctx.vocabulary("risk_acceptance_terms")
    if has_acceptance_threshold(doc, terms):
        return
    linked = linked_criteria(workspace, doc, terms)
    if any(facts.get("threshold") is True for facts in linked):
        return
    scales = all(has_scale(doc, which) or any(facts.get(which) is True for facts in linked) for which in ("likelihood", "severity"))
    if not scales:
        return  # RSK001 reports the missing criteria as a whole
    where = " in this document or the documents it links to" if linked else ""
    section = doc.sections[0].line if doc.sections else doc.body_start_line
    yield Problem(section, 1, where=where)
