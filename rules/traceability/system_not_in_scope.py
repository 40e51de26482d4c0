import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import inactive
from ..risk_assessment.register import is_empty
from .graph import is_system_in_scope, systems_in_scope

# Register values that name every system or none in particular.
_ANY_SYSTEM = lazy(r"^(all|any|every|general|enterprise|organi[sz]ation|aims|n/?a|-+)\b", re.I)


@rule(
    code="TRC007",
    name="system-not-in-scope",
    clause="4.3",
    types=("impact-assessment", "risk-assessment"),
    classification="minor",
    remediation="1 day",
    message="{what} names AI system '{system}', which the AIMS scope does not list: add it to the scope's ai_systems or correct the name",
    summary="An impact assessment or a risk naming an AI system that the scope does not list.",
)
def check(doc, ctx):
    if inactive(doc):
        return  # a retired document may name a system that has left the scope
    systems = systems_in_scope(ctx.workspace)
    if not systems:
        return  # no scope listing systems: nothing to compare with
    value = doc.meta.get("ai_system")
    for index, item in enumerate(value if isinstance(value, list) else [value]):
        if isinstance(item, str) and item.strip() and not is_system_in_scope(item, systems):
            where = doc.value_position("ai_system") if not isinstance(value, list) else doc.item_position(value, index)
            yield Problem(*where, what="the front matter", system=item.strip())
    if doc.doc_type != "risk-assessment":
        return
    for table in doc.tables:
        if not table.has("system"):
            continue
        for row in table.rows:
            cell = row.get("system")
            if cell is None or is_empty(cell.text) or _ANY_SYSTEM.match(cell.text.strip()):
                continue
            names = [part.strip() for part in re.split(r"[,;/]|\band\b", cell.text) if part.strip()]
            for name in names:
                if not is_system_in_scope(name, systems):
                    ident = row.get("id") or row.cells[0]
                    yield Problem(cell.line, cell.column, what=f"risk '{ident.text.strip()[:30]}'", system=name)
                    break
