from collections import Counter

from aims_lint.rule import Problem, rule

from .register import level_of, parse_rating, parse_score, risks, third_factor


def _word(risk, name: str) -> str | None:
    """The level word of a likelihood or severity written in words only ("High")."""
    value = risk.values.get(name)
    if value is None or parse_score(value.text) is not None:
        return None
    return level_of(value.text)


@rule(
    code="RSK009",
    name="risk-scale-inconsistent",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="likelihood '{likelihood}' × severity '{severity}' is rated {score} for risk {risk} but {others} elsewhere in the register ({where}); one pair of levels gives one rating, so results are comparable",
    summary="Likelihood and severity given in words whose same pair is rated differently in the same register (High × High = 15 on one risk, 12 on another).",
)
def check(doc, ctx):
    pairs: dict[tuple[str, str], list] = {}
    for risk in risks(doc):
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
    for (likelihood, severity), rated in pairs.items():
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
