from aims_lint.rule import Problem, rule

from ..common import inactive
from .graph import system_key, systems_listed_by


def _assesses(doc) -> list[str]:
    """The systems an impact assessment covers (``system_key``); none once it is retired."""
    if inactive(doc):
        return []
    value = doc.meta.get("ai_system")
    return [system_key(item) for item in (value if isinstance(value, list) else [value]) if isinstance(item, str) and item.strip()]


def assessed_systems(workspace) -> frozenset[str]:
    """``ai_system`` values of every impact assessment of the repository (``system_key``)."""

    def compute(workspace) -> frozenset[str]:
        found = set()
        for relpath in workspace.relpaths_of_type("impact-assessment"):
            found.update(item for item in workspace.fact(relpath, "trc.assesses.1", _assesses, [str]) or () if isinstance(item, str))
        return frozenset(found)

    return workspace.memo("trc.assessed", compute)


@rule(
    code="TRC005",
    name="system-without-impact-assessment",
    clause="6.1.4",
    types=("aims-scope",),
    classification="major",
    remediation="2-4 weeks",
    message="AI system '{system}' is in scope but has no impact assessment (no impact-assessment document with 'ai_system: {system}'): assess its impact on individuals, groups and society",
    summary="An AI system in scope with no impact assessment.",
)
def check(doc, ctx):
    assessed = assessed_systems(ctx.workspace)
    for system in systems_listed_by(ctx.workspace, doc):
        if system_key(system.ident) not in assessed and (not system.name or system_key(system.name) not in assessed):
            yield Problem(*doc.item_position(doc.meta["ai_systems"], system.index), system=system.ident)
