from aims_lint.rule import Problem, rule

from .register import (
    parse_product,
    parse_rating,
    rating_bands,
    risks,
    states_product_method,
)

_SAME = {"moderate": "medium"}


def _level(word):
    return _SAME.get(word, word)


def _apart(risk, rating) -> bool:
    """Likelihood and severity are written in their own cells, not read off the rating's product."""
    return all(
        (value := risk.values.get(name)) is not None and (value.line, value.column) != (rating.line, rating.column)
        for name in ("likelihood", "severity")
    )


def _band_problem(bands, score, level, what):
    if score is None or level is None:
        return None
    holding = [band for band in bands if band.low <= score <= band.high]
    if not holding or _level(level) in {_level(band.level) for band in holding}:
        return None
    band = holding[0]
    span = f"{band.low}-{band.high}" if band.high < 10**6 else f"{band.low} or more"
    return f"{what} {score} is labelled '{level.title()}' but the document's own bands put {score} in '{band.level.title()}' ({span}, line {band.line})"


@rule(
    code="RSK006",
    name="risk-rating-inconsistent",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="risk {risk}: {problems}; rate risks with the documented criteria so results are repeatable",
    summary="A risk rating that contradicts the document's own matrix: not likelihood × severity, or outside its level band.",
)
def check(doc, ctx):
    found = risks(doc)
    if not found:
        return
    bands = rating_bands(doc)
    product = states_product_method(doc)
    for risk in found:
        problems = []
        rating = risk.values.get("rating")
        likelihood, severity = risk.likelihood, risk.severity  # also read off "4×3=12"
        where = rating
        if rating is not None:
            score, level = parse_rating(rating.text)
            written = parse_product(rating.text)
            if written and written[0] * written[1] != written[2]:
                # "4×3=15": the cell contradicts itself, whatever the document's method.
                problems.append(f"rating written as '{rating.text.strip()}' but {written[0]} × {written[1]} = {written[0] * written[1]}")
            elif written and _apart(risk, rating) and (written[0], written[1]) != (likelihood, severity) and None not in (likelihood, severity):
                problems.append(
                    f"rating written as '{rating.text.strip()}' but the risk's likelihood is {likelihood} and its severity {severity}"
                )
            elif product and likelihood is not None and severity is not None:
                if score is not None and score != likelihood * severity:
                    problems.append(f"rating {score} is not likelihood {likelihood} × severity {severity} = {likelihood * severity}")
                elif score is None:
                    score = likelihood * severity
            problem = _band_problem(bands, score, level, "rating")
            if problem:
                problems.append(problem)
        residual = risk.values.get("residual")
        if residual is not None:
            score, level = parse_rating(residual.text)
            problem = _band_problem(bands, score, level, "residual rating")
            if problem:
                problems.append(problem)
                where = where or residual
        if problems:
            line, column = (where.line, where.column) if where is not None else (risk.line, risk.column)
            yield Problem(line, column, risk=f"'{risk.label}'", problems="; ".join(problems))
