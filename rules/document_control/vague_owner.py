import re
from functools import lru_cache

from aims_lint.patterns import lazy
from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder

OWNER_KEYS = ("owner", "responsible", "accountable", "risk_owner")


@lru_cache(maxsize=4096)
def normalise_owner(value: str) -> str:
    text = re.sub(r"[*_`]", "", value).strip().lower().rstrip(".;,")
    return re.sub(r"^the\s+", "", text)


# Headers of a column that holds owners ("Owner", "Risk owner", "Responsible"), not of a
# column named after a role ("AI System Owner" in a competence matrix holds levels).
_OWNER_HEADER = lazy(
    r"((risk|control|action|process|document|objective|task) )?"
    r"(owner|owners|owner role|responsible|responsible (role|party|person)|accountable|accountable role|responsibility|assigned to|assignee|lead)"
)


def owner_values(doc, owner_columns_only: bool = False):
    """(position, value) of every owner the document names: front matter, fields, owner
    columns; ``position()`` gives (line, column), computed only when it is needed. With
    ``owner_columns_only``, a column counts only when its header is an owner label, not
    a role's name ("AI System Owner")."""
    owner = metadata(doc).get("owner")  # the document's owner, front matter or body block
    if owner is not None and isinstance(owner.value, str):
        yield (lambda: owner.position), owner.value
    for key in OWNER_KEYS[1:]:
        value = doc.meta.get(key)
        if isinstance(value, str):
            yield (lambda key=key: doc.value_position(key)), value
    for field in doc.fields_named("owner"):
        if owner is None or field.line != owner.line:
            yield (lambda field=field: (field.line, field.column)), field.value
    for table in doc.tables:
        if len(table.header) == 2 and table.columns[0] is not None:
            continue  # a two-column "key | value" table: its owner row is a field above
        if owner_columns_only:
            index = table.column_index("owner")
            if index is None or not _OWNER_HEADER.fullmatch(owner_label(table.header[index].text)):
                continue
        for row in table.rows:
            cell = row.get("owner")
            if cell is not None and cell.text:
                yield (lambda cell=cell: (cell.line, cell.column)), cell.text


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
    for position, value in owner_values(doc):
        if normalise_owner(value) in vague and not is_placeholder(value):  # DOC008 reports placeholders
            yield Problem(*position(), owner=value.strip())
