from __future__ import annotations

from aims_lint.patterns import delimited_spans, lazy, replace_delimited
from aims_lint.reading.roles import looks_like_name, owners
from aims_lint.reading.roles import roles as reading_roles
from aims_lint.rule import ALL_TYPES, Problem, rule

from ..competence.matrix import cell, column_of, matrix_tables
from ..document_control.placeholders import is_placeholder
from ..document_control.vague_owner import normalise_owner, owner_label, vague_terms
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


def body_roles(doc) -> list[str]:
    """The roles one document defines in its body: roles and RACI sections and tables,
    an organisation chart (``aims_lint.reading.roles``)."""
    return [role.name for role in reading_roles(doc)]


def _add(roles: dict[str, str], role: str) -> None:
    # "AI Management Representative / ISM", "Chief Risk Officer (CRO)": each name counts.
    outside = _outside_parentheses(role)
    for name in [outside, *_parenthesised(role), *_SEPARATORS.split(outside)]:
        cleaned = owner_label(name)
        if cleaned:
            roles.setdefault(cleaned, role.strip())
            if " " in cleaned and len(_acronym(cleaned)) >= 2:
                roles.setdefault(_acronym(cleaned), role.strip())


def catalogue_roles(workspace, config_roles: list[str]) -> dict[str, str]:
    """The organisation's role catalogue: the configuration's ``roles`` and the role
    column of every competence matrix. Cleaned name -> role as written; acronyms ("CRO")
    name their role too. Empty when the organisation keeps no catalogue."""

    def compute(workspace) -> dict[str, str]:
        roles: dict[str, str] = {}
        written = list(config_roles)
        for relpath in workspace.relpaths_of_type("competence-matrix"):
            found = workspace.fact(relpath, "trc.roles.1", matrix_roles, [str])
            written.extend(role for role in found or () if isinstance(role, str))
        for role in written:
            _add(roles, role)
        return roles

    return workspace.memo("trc.roles", compute)


def defined_roles(workspace, config_roles: list[str]) -> dict[str, str]:
    """The catalogue and every role a document of the repository defines in its body
    (a policy's roles section, a procedure's RACI, a charter's composition), read once per
    file change through the facts cache."""

    def compute(workspace) -> dict[str, str]:
        roles = dict(catalogue_roles(workspace, config_roles))
        for relpath in workspace.index():
            for role in workspace.fact(relpath, "trc.roles.body.1", body_roles, [str]) or ():
                if isinstance(role, str):
                    _add(roles, role)
        return roles

    return workspace.memo("trc.roles.defined", compute)


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
    clause="5.3",
    types=ALL_TYPES,
    classification="advisory",
    remediation="1 day",
    message="owner '{owner}'{more} is not a role the AIMS defines (in a roles or RACI section, a competence matrix or the configured roles){hint}: define its responsibilities and authorities, or name a defined role",
    summary="An owner that no roles section, RACI table, competence matrix or configured role of the repository defines.",
    default=False,  # advisory good practice beyond 5.3's "shall": opt-in (see the rule's doc)
)
def check(doc, ctx):
    vague = vague_terms(tuple(ctx.vocabulary("vague_owners")))
    candidates = []
    for owner in owners(doc):
        value = owner.value
        if is_empty(value) or is_placeholder(value) or normalise_owner(value) in vague:
            continue  # DOC008 and DOC009 report these
        if not looks_like_name(value):
            continue  # a duty or a description under an owner label names no one
        candidates.append(owner)
    if not candidates:
        return
    catalogue = catalogue_roles(ctx.workspace, ctx.config.roles)
    if not catalogue:
        return  # no role catalogue at all: nothing to compare with
    phrases = ctx.workspace.memo("trc.catalogue-phrases", lambda workspace: RolePhrases(catalogue))
    candidates = [owner for owner in candidates if not is_defined(owner.value, catalogue, phrases)]
    if not candidates:
        return
    roles = defined_roles(ctx.workspace, ctx.config.roles)  # read only when the catalogue misses an owner
    phrases = ctx.workspace.memo("trc.role-phrases", lambda workspace: RolePhrases(roles))
    undefined: dict[str, list] = {}
    for owner in candidates:
        if not is_defined(owner.value, roles, phrases):
            undefined.setdefault(owner.value, []).append(owner)
    if undefined:
        import difflib  # only for a finding's hint: keep it off start-up
    for value, found in undefined.items():
        close = difflib.get_close_matches(owner_label(value), list(roles), n=1, cutoff=0.9)
        hint = f" (did you mean '{roles[close[0]]}'?)" if close else ""
        others = len(found) - 1
        more = f" (also {others} more time{'s' if others > 1 else ''} in this document)" if others else ""
        related = [(owner.line, owner.column, f"owner '{value[:60]}' again") for owner in found[1:]]
        yield Problem(found[0].line, found[0].column, owner=value[:60], more=more, hint=hint, related=related)
