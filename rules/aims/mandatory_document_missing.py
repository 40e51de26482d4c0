import re

from aims_lint.reading import review_record
from aims_lint.reading.objectives import POLICY_TYPE, policy_objectives
from aims_lint.rule import Problem, rule

from ..mandatory import MANDATORY, TEMPLATE_RULES, filled_documents, holds

INTERNAL_AUDIT_CLAUSE = "9.2"
REVIEW_CLAUSE = "9.3"


def _review_kind(doc) -> str:
    return review_record.kind(doc)


def reviews_held(workspace, relpaths: list[str]) -> bool:
    """Some management-review document is minutes of a held review, not only a procedure,
    a governance cadence or an agenda (read once per file change, through the facts cache)."""
    return any(
        workspace.fact(relpath, "aims.review-kind.1", _review_kind, str) in (review_record.MINUTES, None)
        for relpath in relpaths
    )


OBJECTIVES_CLAUSE = "6.2"


def _count_policy_objectives(doc) -> int:
    return len(policy_objectives(doc))


def objectives_in_policy(workspace, index: dict) -> bool:
    """An AI policy states the AI objectives in a section of its own (read once per file
    change, through the facts cache): documented information on the objectives exists,
    and the OBJ rules judge them there."""
    return any(
        workspace.fact(relpath, "aims.policy-objectives.1", _count_policy_objectives, int)
        for relpath, (doc_type, _) in index.items() if doc_type == POLICY_TYPE
    )


# Documented information an AIMS may keep inside another of its documents rather than in
# a document of its own: AI objectives set in the AI policy (a KPI table with its
# targets), in the AIMS scope or in a governance cadence (a management-review document
# that is a procedure, not minutes: minutes report measurements against targets, they do
# not set them). Clause 6.2 asks that documented information on the objectives be
# retained, not that it have a file of its own. A stated objective has a measurable
# target; two are needed, so that one KPI of a playbook is not taken for the
# organisation's objectives; at least one names AI (an ISMS policy's security KPIs are
# not AI objectives); an unfilled template states none.
OBJECTIVE_HOSTS = ("ai-policy", "aims-scope", "management-review")
_STATED_FACT = "aims.objectives-stated.2"
_AI = re.compile(r"\bAI\b|\bartificial intelligence\b|\bmachine learning\b|\bML\b|\bmodels?\b|\balgorithm", re.I)


def _states_objectives(doc) -> bool:
    from aims_lint.reading import templates
    from aims_lint.reading.objectives import measurable, objectives

    if templates.state(doc) == templates.UNFILLED:
        return False
    if doc.doc_type == "management-review" and review_record.kind(doc) == review_record.MINUTES:
        return False
    stated = [item for item in objectives(doc) if measurable(item.values.get("metric", ""))]
    return len(stated) >= 2 and any(_AI.search(f"{item.name} {item.values.get('metric', '')}") for item in stated)


def objectives_within(workspace, index: dict) -> list[str]:
    """Documents of the AIMS that state its AI objectives inside them (facts cache)."""
    return [
        relpath for relpath, (doc_type, _) in index.items()
        if doc_type in OBJECTIVE_HOSTS and workspace.fact(relpath, _STATED_FACT, _states_objectives, bool)
    ]


def present(index: dict, kind) -> list[str]:
    """The typed documents of ``index`` that hold ``kind``."""
    return [relpath for relpath, (doc_type, doc_id) in index.items() if holds(kind, relpath, doc_type, doc_id)]


def _holds_the_aims(found) -> bool:
    """A repository that keeps the AIMS: its scope or SoA, or three of the mandatory
    documents. A repository holding a policy or two may keep the rest elsewhere, and
    telling it that nine documents are missing would be noise."""
    clauses = {item.clause for item in found}
    return "4.3" in clauses or "6.1.3" in clauses or len(clauses) >= 3


@rule(
    code="AIMS001",
    name="mandatory-document-missing",
    clause="7.5.1",
    types="*",
    classification="major",
    remediation="3-6 weeks",
    message="no {what} in the repository (clause {clause}): ISO/IEC 42001 requires it as documented information; add a document with 'type: {doc_type}'",
    summary="Documented information ISO/IEC 42001 requires (scope, policy, risk, SoA, impact, objectives, competence, audit, review, corrective action) is missing.",
    scope="workspace",
)
def check(workspace, ctx):
    index = workspace.index()
    holders = {kind: present(index, kind) for kind in MANDATORY}
    # An unfilled template still shows that the repository keeps the AIMS.
    if not _holds_the_aims([kind for kind in MANDATORY if holders[kind]]):
        return
    # With a Stage 2 date, AIMS002 reports a missing internal audit with its deadline.
    enabled = {item.code for item in ctx.enabled}
    audit_in_time_rule = ctx.config.stage2_date is not None and "AIMS002" in enabled
    template_rules = bool(enabled & set(TEMPLATE_RULES))
    for kind in MANDATORY:
        if kind.clause == INTERNAL_AUDIT_CLAUSE and audit_in_time_rule:
            continue
        if not holders[kind]:
            if kind.clause == OBJECTIVES_CLAUSE and (
                objectives_in_policy(workspace, index) or objectives_within(workspace, index)
            ):
                continue  # stated in the AI policy (or scope, or governance cadence)
            yield Problem(1, 1, clause=kind.clause, what=kind.what, doc_type=kind.types[0])
        elif not template_rules and not filled_documents(workspace, kind):
            # Only unfilled templates: not on record. The template's own finding says so
            # (major: MRV008, IMP001, RSK005, OBJ001, DOC015); without those rules, here.
            yield Problem(
                1, 1, clause=kind.clause, anchor=holders[kind][0],
                message=(
                    f"no {kind.what} on record in the repository (clause {kind.clause}): "
                    f"{holders[kind][0]} is an unfilled template; ISO/IEC 42001 requires it as documented information"
                ),
            )
        elif kind.clause == REVIEW_CLAUSE and not reviews_held(workspace, holders[kind]):
            # A management-review procedure or agenda describes reviews; it records none.
            what = f"{kind.what} (only a management-review procedure or agenda, no minutes of a held review)"
            yield Problem(1, 1, clause=kind.clause, what=what, doc_type=kind.types[0], anchor=holders[kind][0])
