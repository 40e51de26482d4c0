from aims_lint.rule import Problem, rule

from ..common import count_terms, find_terms
from .signals import POLICY_TYPE, anchor_line


@rule(
    code="POL002",
    name="recycled-policy-infosec-vocabulary",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="minor",
    remediation="1-2 weeks",
    message=(
        "the policy speaks information security or privacy ({infosec} terms such as {examples}) but hardly "
        "AI ({ai} AI-specific terms): address the AI systems, their impacts on people, fairness, "
        "transparency and human oversight"
    ),
    summary="Information-security/privacy vocabulary dominates while AI-specific content is scarce.",
    options={"min-infosec-terms": 4, "ratio": 2.0, "max-ai-terms": 15},
)
def check(doc, ctx):
    text = doc.plain_text
    infosec_terms = ctx.vocabulary("policy_infosec_terms")
    infosec = count_terms(text, infosec_terms)
    ai = count_terms(text, ctx.vocabulary("policy_ai_terms"))
    if infosec < int(ctx.options.get("min-infosec-terms", 4)):
        return
    if ai > int(ctx.options.get("max-ai-terms", 15)) or infosec < float(ctx.options.get("ratio", 2.0)) * ai:
        return
    counts = sorted(((count_terms(text, [term]), term) for term in infosec_terms), reverse=True)
    examples = ", ".join(f"'{term}'" for count, term in counts[:3] if count)
    # Where the vocabulary shows: the first use of each information-security term, one
    # related location per line (the finding itself is about the policy as a whole).
    first: dict[str, tuple[int, int]] = {}
    for line, column, found in find_terms(doc, infosec_terms):
        first.setdefault(" ".join(found.lower().split()), (line, column))
    by_line: dict[int, tuple[int, list[str]]] = {}
    for term, (line, column) in first.items():
        by_line.setdefault(line, (column, []))[1].append(f"'{term}'")
    related = [(line, column, ", ".join(terms)) for line, (column, terms) in sorted(by_line.items())]
    yield Problem(*anchor_line(doc), infosec=infosec, ai=ai, examples=examples, related=related)
