from aims_lint.rule import Problem, rule

from .signals import COMMUNICATE, EXTERNAL, INTERNAL, POLICY_TYPE, anchor_line, units
from .whole import other_parts


@rule(
    code="POL009",
    name="policy-no-communication",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="advisory",
    remediation="1 week",
    message="the policy does not say how it is communicated to {missing} (5.2, 7.4): say who receives it, how and when",
    summary="No communication of the policy to internal and to external interested parties.",
)
def check(doc, ctx):
    internal, external = audiences(doc)
    if not (internal and external):
        # A policy in several documents: an audience named in any of them counts.
        others = other_parts(ctx, doc, "pol.communication.1", lambda part: list(audiences(part)), (bool, bool))
        if others is None:
            return
        for other_internal, other_external in others:
            internal, external = internal or other_internal, external or other_external
    missing = [side for side, done in (("people working for the organisation", internal), ("external interested parties", external)) if not done]
    if missing:
        yield Problem(*anchor_line(doc), missing=" or to ".join(missing))


def audiences(doc) -> tuple[bool, bool]:
    """(internal, external): does the document say it is communicated to people working
    for the organisation, and to external interested parties?"""
    internal = external = False
    for _, text in units(doc):
        if not COMMUNICATE.search(text):
            continue
        internal = internal or bool(INTERNAL.search(text))
        external = external or bool(EXTERNAL.search(text))
    # A heading about communication covers the statements below it.
    for section in doc.sections_titled(r"communicat|awareness|availability|publication|distribution|diffusion|sensibilisation"):
        internal = internal or bool(INTERNAL.search(section.text))
        external = external or bool(EXTERNAL.search(section.text))
    return internal, external
