import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import term_pattern
from .signals import POLICY_TYPE

# "personal AI assistant" is a product, not a swapped "personal data".
_LEGITIMATE_AFTER = lazy(r"^[\s-]*(?:assistants?|agents?|devices?|companions?|tools?|use)\b", re.I)


@rule(
    code="POL001",
    name="recycled-policy-swap-artefact",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="major",
    remediation="1-2 weeks",
    message="'{phrase}' reads like a data/information-security policy with 'data' swapped for 'AI': rewrite the policy for your AI systems",
    summary="Tell-tale phrases of a recycled policy in which 'data' became 'AI' (AI subjects, AI at rest, AI breach...).",
)
def check(doc, ctx):
    pattern = term_pattern(ctx.vocabulary("policy_swap_artefacts"))
    if pattern is None:
        return
    for line, text in doc.prose_lines:
        hits = [match for match in pattern.finditer(text) if not _LEGITIMATE_AFTER.match(text[match.end():])]
        if hits:
            phrases = "', '".join(dict.fromkeys(match.group(0) for match in hits))
            yield Problem(line, hits[0].start() + 1, phrase=phrases)
