import re

from aims_lint.rule import ALL_TYPES, Problem, rule

from .placeholders import is_placeholder

_OWNER_KEYS = ("owner", "responsible", "accountable", "risk_owner")


def _normalise(value: str) -> str:
    text = re.sub(r"[*_`]", "", value).strip().lower().rstrip(".;,")
    return re.sub(r"^the\s+", "", text)


def owner_values(doc):
    """(line, column, value) of every owner the document names: front matter, fields, owner columns."""
    for key in _OWNER_KEYS:
        value = doc.meta.get(key)
        if isinstance(value, str):
            yield (*doc.value_position(key), value)
    for field in doc.fields_named("owner"):
        yield field.line, field.column, field.value
    for table in doc.tables:
        if len(table.header) == 2 and table.columns[0] is not None:
            continue  # a two-column "key | value" table: its owner row is a field above
        for row in table.rows:
            cell = row.get("owner")
            if cell is not None and cell.text:
                yield cell.line, cell.column, cell.text


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
    vague = {_normalise(term) for term in ctx.vocabulary("vague_owners")}
    vague.update(_normalise(term) for term in ctx.options.get("extra-vague-owners") or ())
    for line, column, value in owner_values(doc):
        if is_placeholder(value):
            continue  # DOC008 reports placeholders
        if _normalise(value) in vague:
            yield Problem(line, column, owner=value.strip())
