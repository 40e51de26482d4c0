from aims_lint.rule import Problem, rule

from .register import risks, summarised_unassessed


@rule(
    code="RSK005",
    name="risk-register-unassessed",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="major",
    remediation="3-6 weeks",
    message="{what}: the AI risk assessment has not been performed; rate each risk against the criteria, name its owner and decide its treatment",
    summary="A risk assessment with no risks, or whose risks carry no assessment at all (an unfilled template).",
)
def check(doc, ctx):
    found = risks(doc)
    if not found:
        line = doc.sections[0].line if doc.sections else doc.body_start_line
        yield Problem(line, 1, what="no risk register (the document identifies no AI risks)")
        return
    empty = summarised_unassessed(found)
    if empty:
        what = (
            f"{len(empty)} of {len(found)} risks have no likelihood, severity, owner or treatment"
            + (" (an unfilled template register)" if len(empty) == len(found) else "")
        )
        yield Problem(empty[0].line, empty[0].column, what=what)
