from aims_lint.reading import templates
from aims_lint.reading.risks import READING_VERSION, reading
from aims_lint.rule import Problem, rule

from ..common import first_heading_line
from ..mandatory import template_classification
from .register import risks, summarised_unassessed


def _register_size(doc) -> int:
    found = reading(doc)
    return len(found.risks) + sum(1 for role in found.roles.values() if role == "register")


def register_elsewhere(workspace, doc) -> str | None:
    """The register of a methodology, procedure or criteria document: another risk
    assessment of the repository with a register (its path), or None. The gap "no
    register" is then reported once, on the register, if it is empty."""
    key = f"rsk.register-size.{READING_VERSION}"
    for relpath in workspace.relpaths_of_type("risk-assessment"):
        if relpath == doc.relpath:
            continue
        count = workspace.fact(relpath, key, _register_size, int)
        if isinstance(count, int) and count > 0:
            return relpath
    return None


def _assessed(doc) -> bool:
    """Does ``doc`` hold a register with at least one assessed risk?"""
    found = risks(doc)
    return bool(found) and len(summarised_unassessed(found)) < len(found)


# Beside an unfilled register template, only a document with assessed risks shows the
# assessment was performed (a methodology or a procedure does not).
_ON_RECORD = ("rsk.assessed.1", _assessed)


@rule(
    code="RSK005",
    name="risk-register-unassessed",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="major",
    remediation="3-6 weeks",
    message="{what}: the AI risk assessment has not been performed; rate each risk against the criteria, name its owner and decide its treatment",
    summary="A risk assessment with no risks, or whose risks carry no assessment at all (an unfilled template).",
    judges_templates=True,
)
def check(doc, ctx):
    unfilled = templates.is_unfilled(doc)
    classification = template_classification(doc, ctx, _ON_RECORD)[0] if unfilled else None
    found = risks(doc)
    empty = summarised_unassessed(found) if found else []
    if found and len(empty) == len(found):
        # Risks listed, none assessed: said in the register's own terms, template or not.
        what = f"{len(empty)} of {len(found)} risks have no likelihood, severity, owner or treatment (an unfilled template register)"
        yield Problem(empty[0].line, empty[0].column, classification=classification, what=what)
    elif unfilled:
        fill = templates.read(doc).describe()
        yield Problem(first_heading_line(doc), 1, classification=classification, what=f"the document is an unfilled template ({fill})")
    elif not found:
        if register_elsewhere(ctx.workspace, doc) is not None:
            return  # a methodology whose register is another document of the repository
        line = doc.sections[0].line if doc.sections else doc.body_start_line
        yield Problem(line, 1, what="no risk register (the document identifies no AI risks)")
    elif empty:
        what = f"{len(empty)} of {len(found)} risks have no likelihood, severity, owner or treatment"
        yield Problem(empty[0].line, empty[0].column, what=what)
