from zlib import crc32

from aims_lint.rule import Problem, rule

from ..common import term_pattern
from .signals import POLICY_TYPE, anchor_line, first_match
from .whole import found_elsewhere


@rule(
    code="POL008",
    name="policy-no-responsible-ai-commitment",
    clause="A.2.2",
    types=(POLICY_TYPE,),
    classification="advisory",
    remediation="1 week",
    message=(
        "the policy makes no commitment to responsible, human-centred AI (fairness, human oversight, "
        "transparency, respect for the people affected): state the principles your AI systems must meet"
    ),
    summary="No commitment to responsible, human-centred AI.",
)
def check(doc, ctx):
    pattern = term_pattern(ctx.vocabulary("policy_responsible_ai"))
    if pattern is None:
        yield Problem(*anchor_line(doc))
        return
    if first_match(doc, pattern) is not None:
        return
    # The vocabulary is configurable: the cached fact is keyed on the pattern it used.
    key = f"pol.responsible.1.{crc32(pattern.pattern.encode()):08x}"
    if not found_elsewhere(ctx, doc, key, lambda part: first_match(part, pattern) is not None):
        yield Problem(*anchor_line(doc))
