from aims_lint.rule import Problem, Related, rule

from .criteria import register_method
from .register import (
    parse_product,
    parse_rating,
    product_method_line,
    rating_bands,
    risks,
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


def _band_problem(bands, score, level, what, related=None, source=None):
    """``source``: the document the bands are written in when it is not the register's
    own (a risk procedure or methodology), else None."""
    if score is None or level is None:
        return None
    if source is not None and _level(level) not in {_level(band.level) for band in bands}:
        return None  # a level word the other document's method does not use: another vocabulary
    holding = [band for band in bands if band.low <= score <= band.high]
    if not holding or _level(level) in {_level(band.level) for band in holding}:
        return None
    band = holding[0]
    span = f"{band.low}-{band.high}" if band.high < 10**6 else f"{band.low} or more"
    if related is not None:
        related.setdefault((source or "", band.line), f"the band '{band.level.title()}' ({span})")
    whose = "the document's own bands" if source is None else f"the bands of the method '{source}'"
    return f"{what} {score} is labelled '{level.title()}' but {whose} put {score} in '{band.level.title()}' ({span}, line {band.line})"


def method_of(doc, ctx):
    """(bands, where the bands are written: None for the register's own document,
    (relpath, line) of the sentence "likelihood × severity" or None, the method read from
    another document or None). The register's own bands and sentence win; what it lacks
    is read from the method it applies (``criteria.register_method``)."""
    bands = rating_bands(doc)
    line = product_method_line(doc)
    product = ("", line) if line is not None else None
    source = None
    method = None
    if not bands or product is None:
        method = register_method(getattr(ctx, "workspace", None), doc)
    if method is not None:
        if not bands and method.bands:
            bands = [band for band, _ in method.bands]
            source = method.bands[0][1]
        if product is None and method.product is not None:
            product = method.product
    return bands, source, product, method


def related_places(related: dict) -> list:
    return [
        Related(line, 1, what, doc=relpath or None) for (relpath, line), what in sorted(related.items())
    ]


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
    bands, source, method_at, applied = method_of(doc, ctx)
    # A method written elsewhere whose formula has a third factor or modifiers does not
    # make every rating the product of likelihood and severity.
    product = method_at is not None and not (method_at[0] and applied is not None and applied.third)
    for risk in found:
        problems = []
        related = {}  # (document or "", line) of the method or band the rating contradicts -> what is there
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
                    related.setdefault(method_at, "the method: likelihood × severity")
                elif score is None:
                    score = likelihood * severity
            problem = _band_problem(bands, score, level, "rating", related, source)
            if problem:
                problems.append(problem)
        residual = risk.values.get("residual")
        if residual is not None:
            score, level = parse_rating(residual.text)
            problem = _band_problem(bands, score, level, "residual rating", related, source)
            if problem:
                problems.append(problem)
                where = where or residual
        if problems:
            line, column = (where.line, where.column) if where is not None else (risk.line, risk.column)
            yield Problem(
                line, column, risk=f"'{risk.label}'", problems="; ".join(problems),
                related=related_places(related),
            )
