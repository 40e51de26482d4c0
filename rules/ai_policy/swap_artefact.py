import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import term_pattern
from .signals import POLICY_TYPE

_QUOTED = 3  # phrases quoted in the message; the related locations quote each line's own

# "personal AI assistant" is a product, not a swapped "personal data".
_LEGITIMATE_AFTER = lazy(r"^[\s-]*(?:assistants?|agents?|devices?|companions?|tools?|use)\b", re.I)


@rule(
    code="POL001",
    name="recycled-policy-swap-artefact",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="major",
    remediation="1-2 weeks",
    message="{phrases} {verb} like a data/information-security policy with 'data' swapped for 'AI': rewrite the policy for your AI systems",
    summary="Tell-tale phrases of a recycled policy in which 'data' became 'AI' (AI subjects, AI at rest, AI breach...).",
)
def check(doc, ctx):
    pattern = term_pattern(ctx.vocabulary("policy_swap_artefacts"))
    if pattern is None:
        return
    # One gap, however many lines show it: the first phrase is where the finding is,
    # every other line holding one is a related location.
    places = []
    for line, text in doc.prose_lines:
        hits = [match for match in pattern.finditer(text) if not _LEGITIMATE_AFTER.match(text[match.end():])]
        if hits:
            places.append((line, hits[0].start() + 1, list(dict.fromkeys(match.group(0) for match in hits))))
    if not places:
        return
    phrases = list(dict.fromkeys(phrase for _, _, found in places for phrase in found))
    quoted = ", ".join(f"'{phrase}'" for phrase in phrases[:_QUOTED])
    if len(phrases) > _QUOTED:
        quoted += f" and {len(phrases) - _QUOTED} more"
    line, column, _ = places[0]
    related = [(other, start, ", ".join(f"'{phrase}'" for phrase in found)) for other, start, found in places[1:]]
    yield Problem(line, column, phrases=quoted, verb="reads" if len(phrases) == 1 else "read", related=related)
