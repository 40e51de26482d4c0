from aims_lint.rule import Problem, rule

from ..common import inactive, title_of
from .graph import names_system, system_key, systems_listed_by


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


def _assessment_text(doc) -> str:
    """The title and text of an impact assessment without ``ai_system`` in its front
    matter: a body-only assessment names its system in words."""
    if inactive(doc) or doc.meta.get("ai_system"):
        return ""
    return "\n".join([title_of(doc), doc.plain_text])


def assessment_texts(workspace) -> list[str]:
    def compute(workspace) -> list[str]:
        texts = []
        for relpath in workspace.relpaths_of_type("impact-assessment"):
            text = workspace.fact(relpath, "trc.assessment-text.1", _assessment_text, str)
            if isinstance(text, str) and text:
                texts.append(text)
        return texts

    return workspace.memo("trc.assessment-texts", compute)


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
    listed = systems_listed_by(ctx.workspace, doc)
    if any(system.line for system in listed) and not ctx.workspace.relpaths_of_type("impact-assessment"):
        return  # a body-listed scope and no impact assessment at all: AIMS001's one finding
    for system in listed:
        if system_key(system.ident) in assessed or system.name and system_key(system.name) in assessed:
            continue
        if system.line and any(names_system(text, system) for text in assessment_texts(ctx.workspace)):
            continue  # a body-only assessment that names the system
        yield Problem(*system.position(doc), system=system.ident)
