from aims_lint.rule import Problem, Related, rule

from .rating_inconsistent import method_of
from .register import parse_product, parse_rating, parse_score, risks, third_factor


def _score(risk, name: str) -> int | None:
    value = risk.values.get(name)
    return parse_score(value.text) if value is not None else None


def _own_cell(risk, name: str, rating) -> bool:
    """``name`` is written in its own cell, not read off the rating's product ("4×2=8")."""
    value = risk.values.get(name)
    return value is not None and rating is not None and (value.line, value.column) != (rating.line, rating.column)


@rule(
    code="RSK008",
    name="risk-residual-inconsistent",
    clause="6.1.3",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="risk {risk}: {problems}; derive the residual rating from the residual likelihood and severity with the document's own method",
    summary="A residual rating that does not follow from its inputs: wrong arithmetic, not residual likelihood × severity, or higher than the inherent rating.",
)
def check(doc, ctx):
    found = risks(doc)
    if not found:
        return
    _, _, method_at, applied = method_of(doc, ctx)
    method = method_at is not None
    # A method elsewhere whose formula has a third factor or modifiers: the residual
    # score need not be the product of the two.
    elsewhere_third = applied is not None and applied.third
    for risk in found:
        residual = risk.values.get("residual")
        if residual is None:
            continue
        problems = []
        related = []
        score, _ = parse_rating(residual.text)
        written = parse_product(residual.text)
        rl, rs = _score(risk, "residual_likelihood"), _score(risk, "residual_severity")
        if written and written[0] * written[1] != written[2]:
            problems.append(f"residual written as '{residual.text.strip()}' but {written[0]} × {written[1]} = {written[0] * written[1]}")
        elif (
            (method or written) and not third_factor(doc, risk) and not elsewhere_third and score is not None and rl is not None and rs is not None
            and _own_cell(risk, "residual_likelihood", residual) and _own_cell(risk, "residual_severity", residual)
            and score != rl * rs
        ):
            problems.append(f"residual rating {score} is not residual likelihood {rl} × residual severity {rs} = {rl * rs}")
            if method and not written:
                related.append(Related(method_at[1], 1, "the method: likelihood × severity", doc=method_at[0] or None))
        # A treatment lowers a risk or leaves it: a residual input above the inherent one
        # changes the assessment itself, which belongs in the inherent rating.
        raised = []
        for name, inherent in (("likelihood", risk.likelihood), ("severity", risk.severity)):
            after = rl if name == "likelihood" else rs
            if inherent is not None and after is not None and after > inherent:
                raised.append(f"residual {name} {after} is higher than the inherent {inherent}")
        if raised:
            problems.extend(raised)
        else:
            rating = risk.values.get("rating")
            inherent, _ = parse_rating(rating.text) if rating is not None else (None, None)
            if inherent is None and method and risk.likelihood is not None and risk.severity is not None:
                inherent = risk.likelihood * risk.severity
            if inherent is not None and score is not None and score > inherent and (method or written or parse_product(rating.text if rating else "")):
                problems.append(f"residual rating {score} is higher than the inherent {inherent}")
        if problems:
            message = None
            if method_at is not None and method_at[0]:
                # The method is another document's (a procedure the register applies).
                message = (
                    f"risk '{risk.label}': {'; '.join(problems)}; derive the residual rating from the residual likelihood"
                    f" and severity with the method of '{method_at[0]}'"
                )
            yield Problem(residual.line, residual.column, message=message, risk=f"'{risk.label}'", problems="; ".join(problems), related=related)
