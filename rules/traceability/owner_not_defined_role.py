from __future__ import annotations

from aims_lint.patterns import delimited_spans, lazy, replace_delimited
from aims_lint.rule import ALL_TYPES, Problem, rule

from ..competence.matrix import cell, column_of, matrix_tables
from ..document_control.placeholders import is_placeholder
from ..document_control.vague_owner import normalise_owner, owner_label, owner_values, vague_terms
from ..risk_assessment.register import is_empty

# Spaces before a separator are taken from the first of them only: retried from every
# space of a long run, the pattern rescanned the run each time (issue 10).
_SEPARATORS = lazy(r"(?:(?<!\s)\s++)?(?:/|&|,|;|\+|\band\b|\bor\b)\s*+")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "&"})


def _parenthesised(text: str) -> list[str]:
    """The text inside each pair of parentheses (what ``\\(([^)]*)\\)`` finds, in linear time)."""
    return [text[start + 1:end - 1] for start, end in delimited_spans(text, "(", ")")]


def _outside_parentheses(text: str) -> str:
    return replace_delimited(text, "(", ")")


def _acronym(role: str) -> str:
    return "".join(word[0] for word in role.split() if word not in _SMALL_WORDS)


def matrix_roles(doc) -> list[str]:
    """The role column of a competence matrix document."""
    roles = []
    for table in matrix_tables(doc):
        index = column_of(table, "role")
        for row in table.rows:
            found = cell(row, index)
            if found is not None and not is_empty(found.text):
                roles.append(found.text)
    return roles


def defined_roles(workspace, config_roles: list[str]) -> dict[str, str]:
    """Cleaned name -> role as written, from the configuration's ``roles`` and the role
    column of every competence matrix; acronyms ("CRO") name their role too."""

    def compute(workspace) -> dict[str, str]:
        roles: dict[str, str] = {}
        written = list(config_roles)
        for relpath in workspace.relpaths_of_type("competence-matrix"):
            found = workspace.fact(relpath, "trc.roles.1", matrix_roles, [str])
            written.extend(role for role in found or () if isinstance(role, str))
        for role in written:
            # "AI Management Representative / ISM", "Chief Risk Officer (CRO)": each name counts.
            outside = _outside_parentheses(role)
            for name in [outside, *_parenthesised(role), *_SEPARATORS.split(outside)]:
                cleaned = owner_label(name)
                if cleaned:
                    roles.setdefault(cleaned, role.strip())
                    if " " in cleaned and len(_acronym(cleaned)) >= 2:
                        roles.setdefault(_acronym(cleaned), role.strip())
        return roles

    return workspace.memo("trc.roles", compute)


def is_defined(owner: str, roles: dict[str, str], phrases: RolePhrases | None = None) -> bool:
    """An owner names a defined role: the role itself, its acronym, a role in parentheses
    ("J. Silva (AI Governance Lead)"), one of several roles ("CRO / CEO"), or a role of
    several words among its words ("Deputy AI Governance Lead")."""
    phrases = phrases or RolePhrases(roles)
    candidates = [owner, *_parenthesised(owner), *_SEPARATORS.split(_outside_parentheses(owner))]
    for candidate in candidates:
        cleaned = owner_label(candidate)
        if not cleaned:
            continue
        if cleaned in roles or phrases.found_in(cleaned):
            return True
    return False


class RolePhrases:
    """The roles of several words, looked up among an owner's words.

    One regular expression per role and owner made a repository of many roles and many
    owners quadratic (and overflowed the regular expression cache): an owner's runs of
    consecutive words are looked up in a set instead. Owners and roles are both cleaned
    by ``owner_label`` (words separated by single spaces)."""

    def __init__(self, roles: dict[str, str]):
        self.phrases = {role for role in roles if " " in role}
        self.lengths = sorted({role.count(" ") + 1 for role in self.phrases})

    def found_in(self, cleaned: str) -> bool:
        if not self.phrases:
            return False
        words = cleaned.split(" ")
        return any(
            " ".join(words[start:start + length]) in self.phrases
            for length in self.lengths
            if length <= len(words)
            for start in range(len(words) - length + 1)
        )


@rule(
    code="TRC008",
    name="owner-not-defined-role",
    clause="7.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 week",
    message="owner '{owner}'{more} is not a role defined in the competence matrix or the configured roles{hint}: competence is defined per role, so an owner must be one",
    summary="An owner or responsible role that the competence matrix and the configured roles do not define.",
)
def check(doc, ctx):
    roles = defined_roles(ctx.workspace, ctx.config.roles)
    if not roles:
        return  # no role catalogue at all: nothing to compare with
    vague = vague_terms(tuple(ctx.vocabulary("vague_owners")))
    phrases = ctx.workspace.memo("trc.role-phrases", lambda workspace: RolePhrases(roles))
    undefined: dict[str, list] = {}
    for position, value in owner_values(doc, owner_columns_only=True):
        value = value.strip()
        if is_empty(value) or is_placeholder(value) or normalise_owner(value) in vague:
            continue  # DOC008 and DOC009 report these
        if len(_outside_parentheses(value).split()) > 6:
            continue  # a sentence under an "Owner:" label describes a duty, it names no one
        if not is_defined(value, roles, phrases):
            undefined.setdefault(value, []).append(position)
    if undefined:
        import difflib  # only for a finding's hint: keep it off start-up
    for owner, positions in undefined.items():
        close = difflib.get_close_matches(owner_label(owner), list(roles), n=1, cutoff=0.9)
        hint = f" (did you mean '{roles[close[0]]}'?)" if close else ""
        others = len(positions) - 1
        more = f" (also {others} more time{'s' if others > 1 else ''} in this document)" if others else ""
        yield Problem(*positions[0](), owner=owner[:60], more=more, hint=hint)
