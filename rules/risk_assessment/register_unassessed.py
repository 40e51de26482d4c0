from aims_lint.reading.risks import READING_VERSION, reading

from aims_lint.rule import Problem, rule

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


@rule(
    code="RSK005",
    name="risk-register-unassessed",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="major",
    remediation="3-6 weeks",
    message="{what}: the AI risk assessment has not been performed; rate each risk against the criteria, name its owner and decide its treatment",
    summary="A risk assessment with no risks, or whose risks carry no assessment at all (an unfilled template).",
)
def check(doc, ctx):
    found = risks(doc)
    if not found:
        if register_elsewhere(ctx.workspace, doc) is not None:
            return  # a methodology whose register is another document of the repository
        line = doc.sections[0].line if doc.sections else doc.body_start_line
        yield Problem(line, 1, what="no risk register (the document identifies no AI risks)")
        return
    empty = summarised_unassessed(found)
    if empty:
        what = (
            f"{len(empty)} of {len(found)} risks have no likelihood, severity, owner or treatment"
            + (" (an unfilled template register)" if len(empty) == len(found) else "")
        )
        yield Problem(empty[0].line, empty[0].column, what=what)
