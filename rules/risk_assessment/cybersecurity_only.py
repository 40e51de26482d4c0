from aims_lint.rule import Problem, rule

from ..common import mentions
from .register import dimension_terms, risk_dimensions, risks


def is_cybersecurity_only(found, ctx, share: float = 0.9) -> bool:
    """Nearly every risk speaks information security and none speaks an AI dimension."""
    if len(found) < 3:
        return False
    security = ctx.vocabulary("risk_cybersecurity_terms")
    vocabulary = dimension_terms(ctx)
    cyber = [r for r in found if mentions(f"{r.context} {r.category} {r.text}", security) and not risk_dimensions(r, vocabulary)]
    return len(cyber) >= share * len(found)


@rule(
    code="RSK007",
    name="cybersecurity-only-register",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="major",
    remediation="3-6 weeks",
    message="the risk register holds only information-security risks ({count} of {total}): an AI risk assessment also covers performance, data quality, fairness, societal impact, third parties and explainability",
    summary="A risk register made only of cybersecurity risks (an ISMS register renamed).",
    options={"share": 0.9},
)
def check(doc, ctx):
    found = risks(doc)
    share = float(ctx.options.get("share", 0.9))
    if not is_cybersecurity_only(found, ctx, share):
        return
    security = ctx.vocabulary("risk_cybersecurity_terms")
    count = sum(1 for r in found if mentions(f"{r.context} {r.category} {r.text}", security))
    yield Problem(found[0].line, found[0].column, count=count, total=len(found))
