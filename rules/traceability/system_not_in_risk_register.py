from aims_lint.rule import Problem, rule

from ..common import inactive
from .graph import names_system, systems_listed_by


def _register_texts(workspace) -> list[str]:
    """Text and front-matter values of every risk assessment, where systems are named."""

    def compute(workspace) -> list[str]:
        return [
            doc.plain_text + "\n" + " ".join(map(str, doc.meta.values()))
            for doc in workspace.documents_of_type("risk-assessment")
            if not inactive(doc)
        ]

    return workspace.memo("trc.risk_texts", compute)


@rule(
    code="TRC006",
    name="system-not-in-risk-register",
    clause="6.1.2",
    types=("aims-scope",),
    classification="minor",
    remediation="1 week",
    message="AI system '{system}' is in scope but no risk assessment names it: assess the risks of each AI system in scope",
    summary="An AI system in scope that no risk assessment names (by its id or name).",
)
def check(doc, ctx):
    texts = _register_texts(ctx.workspace)
    if not texts:
        return  # no risk assessment at all: AIMS001 reports the missing document
    for system in systems_listed_by(ctx.workspace, doc):
        if not any(names_system(text, system) for text in texts):
            yield Problem(*system.position(doc), system=system.ident)
