import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, Related, rule

from .register import level_of, parse_rating, rating_bands, risks

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "no": 0, "zero": 0}
# "3 high risks", "three High-rated risks", "2 critical-level risks"
_COUNT = lazy(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|no|zero)\s++"
    r"(very high|very low|critical|high|medium|moderate|low)(?:[- ](?:rated|rating|level|priority))?\s++risks?\b",
    re.I,
)
# Counts of a subset or of a period, not of the register: stay silent.
_SUBSET = lazy(
    r"\b(top|new|newly|added|closed|since|this (quarter|month|year)|last|previous|escalated|remaining|open|accepted"
    r"|residual|after (treatment|controls?|mitigation)|of which|among|including|per|each|system|systems|model)\b",
    re.I,
)
_SAME = {"moderate": "medium"}


def _level(risk, bands) -> str | None:
    rating = risk.values.get("rating")
    if rating is None:
        return None
    score, level = parse_rating(rating.text)
    if level is not None:
        return _SAME.get(level, level)
    if score is not None:
        holding = [band.level for band in bands if band.low <= score <= band.high]
        if len(set(holding)) == 1:
            return _SAME.get(holding[0], holding[0])
    return None


@rule(
    code="RSK010",
    name="risk-summary-count-mismatch",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 day",
    message="the text counts {stated} {level} risks but the register rates {actual} risks {level} ({risks}); correct the summary or the ratings so the two agree",
    summary="A summary count of risks by level ('3 high risks') that does not match the register of the same document.",
)
def check(doc, ctx):
    found = risks(doc)
    if len(found) < 2:
        return
    bands = rating_bands(doc)
    levels = [_level(risk, bands) for risk in found]
    if any(level is None for level in levels):
        return  # the register's levels are not all readable: no count to compare
    reported = set()
    for line, text in doc.prose_lines:
        if "risk" not in text.lower() or text.lstrip().startswith("|"):
            continue  # a register row is not a summary
        for match in _COUNT.finditer(text):
            if _SUBSET.search(text):
                break
            stated = int(match.group(1)) if match.group(1).isdigit() else _WORDS[match.group(1).lower()]
            level = _SAME.get(match.group(2).lower(), match.group(2).lower())
            rated = [risk for risk, found_level in zip(found, levels) if found_level == level]
            if stated == len(rated) or (line, level) in reported:
                continue
            reported.add((line, level))
            shown = ", ".join(f"'{risk.label}'" for risk in rated[:5]) + (" and more" if len(rated) > 5 else "") if rated else "none"
            related = [Related(risk.values["rating"].line, risk.values["rating"].column, f"'{risk.label}': {level}") for risk in rated[:20]]
            if not rated:
                related = [Related(found[0].line, found[0].column, "the register")]
            yield Problem(line, 1 + match.start(), stated=stated, level=level.title() if level != "very high" else "Very High",
                          actual=len(rated), risks=shown, related=related)
