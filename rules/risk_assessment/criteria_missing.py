from aims_lint.rule import Problem, rule

from .criteria import linked_criteria, linked_documents
from .register import has_scale


@rule(
    code="RSK001",
    name="risk-criteria-missing",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="major",
    remediation="1-2 weeks",
    message="no documented {missing} scale{plural} for rating AI risks{where}: define the levels (e.g. 1-5 with what each means) here or in a linked procedure",
    summary="A risk assessment with no likelihood or severity scale, in itself or in a document it links to.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    missing = [which for which in ("likelihood", "severity") if not has_scale(doc, which)]
    if not missing:
        return
    linked, broken = linked_documents(workspace, doc)
    criteria = linked_criteria(workspace, doc, ctx.vocabulary("risk_acceptance_terms"))
    missing = [which for which in missing if not any(facts.get(which) is True for facts in criteria)]
    if not missing:
        return
    if broken:
        where = f" (the linked '{broken[0]}' does not exist)"
    elif linked:
        where = " (not in this document nor in " + ", ".join(f"'{relpath}'" for relpath in linked[:3]) + ")"
    else:
        where = ""
    names = " and ".join("likelihood" if which == "likelihood" else "severity/impact" for which in missing)
    section = doc.sections[0].line if doc.sections else doc.body_start_line
    # No scales at all: the assessment has no defined basis (major). One scale missing
    # (a severity-only method): a single lapse in criteria that otherwise exist (minor).
    classification = "minor" if len(missing) == 1 else None
    yield Problem(section, 1, classification=classification, missing=names, plural="s" if len(missing) > 1 else "", where=where)
