import re
from functools import lru_cache

from aims_lint.reading.roles import owners
from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder


@lru_cache(maxsize=4096)
def normalise_owner(value: str) -> str:
    text = re.sub(r"[*_`]", "", value).strip().lower().rstrip(".;,")
    return re.sub(r"^the\s+", "", text)


def owner_label(text: str) -> str:
    """An owner or header as compared: lower case, words only ("Risk Owner:" is "risk owner")."""
    return " ".join(re.sub(r"[^\w&]+", " ", normalise_owner(text)).split())


@lru_cache(maxsize=8)
def vague_terms(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_owner(term) for term in terms)


@rule(
    code="DOC009",
    name="vague-owner",
    clause="5.3",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="owner '{owner}' is not a named role: name the role accountable for it (e.g. 'AI Governance Lead')",
    summary="An owner that is a group or nobody in particular (the AI team, everyone, management).",
    options={"extra-vague-owners": []},
)
def check(doc, ctx):
    vague = vague_terms(tuple(ctx.vocabulary("vague_owners")) + tuple(ctx.options.get("extra-vague-owners") or ()))
    for owner in owners(doc):
        if normalise_owner(owner.value) in vague and not is_placeholder(owner.value):  # DOC008 reports placeholders
            yield Problem(owner.line, owner.column, owner=owner.value)
