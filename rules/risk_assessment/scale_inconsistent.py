from collections import Counter

from aims_lint.rule import Problem, Related, rule

from .criteria import register_method
from .rating_inconsistent import method_of
from .register import has_scale, level_of, parse_rating, parse_score, risks, third_factor, word_scales


def _word(risk, name: str) -> str | None:
    """The level word of a likelihood or severity written in words only ("High")."""
    value = risk.values.get(name)
    if value is None or parse_score(value.text) is not None:
        return None
    return level_of(value.text)


def _scales(doc, ctx, applied):
    """(the number of each level word on each scale, the document saying so: "" for the
    register's own): the register's own scale tables, else those of the method it
    applies."""
    own = word_scales(doc)
    if own["likelihood"] and own["severity"]:
        return own, ""
    if has_scale(doc, "likelihood") or has_scale(doc, "severity"):
        return None, None  # scales of its own, written otherwise: another document's are not its
    method = applied if applied is not None else register_method(getattr(ctx, "workspace", None), doc)
    if method is not None and method.scales and method.scales["likelihood"] and method.scales["severity"]:
        return method.scales, method.scales_at
    return None, None


@rule(
    code="RSK009",
    name="risk-scale-inconsistent",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="likelihood '{likelihood}' × severity '{severity}' is rated {score} for risk {risk} but {others} elsewhere in the register ({where}); one pair of levels gives one rating, so results are comparable",
    summary="Likelihood and severity given in words whose same pair is rated differently in the same register (High × High = 15 on one risk, 12 on another), or not as the method's scales and product give it.",
)
def check(doc, ctx):
    found = risks(doc)
    if not found:
        return
    _, _, product_at, applied = method_of(doc, ctx)
    if applied is not None and applied.third:
        return  # the method the register applies rates with a third factor or modifiers
    pairs: dict[tuple[str, str], list] = {}
    for risk in found:
        if third_factor(doc, risk):
            continue
        likelihood, severity = _word(risk, "likelihood"), _word(risk, "severity")
        rating = risk.values.get("rating")
        if likelihood is None or severity is None or rating is None:
            continue
        score, _ = parse_rating(rating.text)
        if score is None:
            continue
        pairs.setdefault((likelihood, severity), []).append((risk, rating, score))
    if not pairs:
        return
    scales, scales_at = _scales(doc, ctx, applied) if product_at is not None else (None, None)
    for (likelihood, severity), rated in pairs.items():
        if scales is not None and likelihood in scales["likelihood"] and severity in scales["severity"]:
            problem = _against_method(likelihood, severity, rated, scales, scales_at, product_at)
            if problem is not None:
                yield problem
            continue
        counts = Counter(score for _, _, score in rated)
        if len(counts) < 2:
            continue
        # The score most risks of the pair carry is the register's reading of the pair;
        # the first risk that departs from it is the finding, the others its places.
        usual = max(counts, key=lambda score: (counts[score], -next(i for i, item in enumerate(rated) if item[2] == score)))
        odd = [item for item in rated if item[2] != usual]
        risk, rating, score = odd[0]
        same = [item for item in rated if item[2] == usual]
        where = ", ".join(f"'{item[0].label}'" for item in same[:3]) + (" and more" if len(same) > 3 else "")
        others = f"{usual}"
        related = [(item[1].line, item[1].column, f"'{item[0].label}': {item[2]}") for item in rated if item[0] is not risk]
        yield Problem(
            rating.line, rating.column, likelihood=likelihood.title(), severity=severity.title(), score=score,
            risk=f"'{risk.label}'", others=others, where=where, related=related,
        )


def _against_method(likelihood, severity, rated, scales, scales_at, product_at):
    """One finding for a pair of words whose risks are not rated as the method's scales
    and its product give the pair (likelihood 'High' = 4, severity 'High' = 4: 16)."""
    (first, first_line), (second, second_line) = scales["likelihood"][likelihood], scales["severity"][severity]
    expected = first * second
    odd = [item for item in rated if item[2] != expected]
    if not odd:
        return None
    risk, rating, score = odd[0]
    whose = "the register's own scales" if not scales_at else f"the scales of the method '{scales_at}'"
    more = f" (and {len(odd) - 1} more risk{'s' if len(odd) > 2 else ''} of the pair)" if len(odd) > 1 else ""
    message = (
        f"likelihood '{likelihood.title()}' × severity '{severity.title()}' is rated {score} for risk '{risk.label}'{more}"
        f" but {whose} put '{likelihood.title()}' likelihood at {first} and '{severity.title()}' severity at {second}:"
        f" {first} × {second} = {expected}; one pair of levels gives one rating, so results are comparable"
    )
    where = scales_at or None
    related = [Related(item[1].line, item[1].column, f"'{item[0].label}': {item[2]}") for item in odd[1:]]
    related += [
        Related(first_line, 1, f"likelihood '{likelihood.title()}' = {first}", doc=where),
        Related(second_line, 1, f"severity '{severity.title()}' = {second}", doc=where),
    ]
    if product_at is not None:
        related.append(Related(product_at[1], 1, "the method: likelihood × severity", doc=product_at[0] or None))
    return Problem(rating.line, rating.column, message=message, related=related)
