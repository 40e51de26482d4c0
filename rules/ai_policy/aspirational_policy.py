import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import term_pattern
from .signals import OBJECTIVES, POLICY_TYPE, first_match, scope_reference

_EXTERNAL = lazy(r"^([a-z][a-z0-9+.-]*:|//|#)", re.I)
_ROLE = lazy(
    r"\b(?:chief [a-z]+ officer|C[EATR]O|CAIO|head of [a-z]+|[a-z]+ (?:lead|manager|officer|owner|committee|board|director)|"
    r"managing director|top management)\b",
    re.I,
)


@rule(
    code="POL012",
    name="aspirational-policy",
    clause="5.2",
    types=(POLICY_TYPE,),
    classification="advisory",
    remediation="1 week",
    message=(
        "sweeping commitments ({examples}) with no link to an AI system, a role or the AI objectives: tie "
        "each commitment to the systems in scope, the role accountable for it and an objective that measures it"
    ),
    summary="Sweeping commitments with no operational link to any AI system, role or objectives document.",
    options={"min-commitments": 3},
)
def check(doc, ctx):
    pattern = term_pattern(ctx.vocabulary("policy_sweeping_commitments"))
    if pattern is None:
        return
    hits = [(line, match.start() + 1, match.group(0)) for line, text in doc.prose_lines for match in pattern.finditer(text)]
    if len(hits) < int(ctx.options.get("min-commitments", 3)):
        return
    linked = any(not _EXTERNAL.match(link.target.strip()) for link in doc.links if link.target.strip())
    roles = ctx.config.roles if isinstance(getattr(ctx.config, "roles", None), list) else []
    role_pattern = term_pattern(roles)
    text = doc.plain_text
    has_role = bool(_ROLE.search(text)) or bool(role_pattern and role_pattern.search(text))
    if linked or has_role or scope_reference(doc) is not None or first_match(doc, OBJECTIVES) is not None:
        return
    line, column, _ = hits[0]
    related = [(other, start, f"'{phrase}'") for other, start, phrase in hits[1:]]
    yield Problem(
        line, column, examples=", ".join(f"'{phrase}'" for phrase in dict.fromkeys(hit[2] for hit in hits[:4])), related=related,
    )
