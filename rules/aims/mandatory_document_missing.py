import re

from aims_lint.reading import review_record
from aims_lint.rule import Problem, rule

# (clause, what an auditor asks for, document types that hold it, file-name or id
# pattern of a typed document that holds it under another type, e.g. a `record`).
MANDATORY = (
    ("4.3", "AIMS scope", ("aims-scope",), r"\bscope\b"),
    ("5.2", "AI policy", ("ai-policy",), None),
    ("6.1.2", "AI risk assessment (process and results)", ("risk-assessment",), None),
    ("6.1.3", "Statement of Applicability", ("soa",), None),
    ("6.1.4", "AI system impact assessment (process and results)", ("impact-assessment",), None),
    ("6.2", "AI objectives", ("ai-objectives",), None),
    ("7.2", "evidence of competence", ("competence-matrix",), None),
    (
        "9.2", "internal audit programme and results",
        ("internal-audit", "audit-programme", "audit-program", "audit-plan", "audit-report"),
        r"internal[-_ ]?audit|audit[-_ ]?program",
    ),
    ("9.3", "management review results", ("management-review",), r"management[-_ ]?review"),
    (
        "10.2", "record of nonconformities and corrective actions",
        ("nonconformity", "nonconformities", "nonconformity-log", "corrective-action", "corrective-actions", "capa", "ncr"),
        r"non-?conformit|corrective[-_ ]?action|\bcapa\b|\bncrs?\b",
    ),
)
INTERNAL_AUDIT_CLAUSE = "9.2"
REVIEW_CLAUSE = "9.3"


def holders(index: dict, types: tuple[str, ...], pattern: str | None) -> list[str]:
    """Relative paths of the typed documents that hold an item of MANDATORY."""
    return [
        relpath for relpath, (doc_type, doc_id) in index.items()
        if doc_type and (doc_type in types or pattern and re.search(pattern, f"{relpath.rsplit('/', 1)[-1]} {doc_id or ''}", re.I))
    ]


def _review_kind(doc) -> str:
    return review_record.kind(doc)


def reviews_held(workspace, relpaths: list[str]) -> bool:
    """Some management-review document is minutes of a held review, not only a procedure,
    a governance cadence or an agenda (read once per file change, through the facts cache)."""
    return any(
        workspace.fact(relpath, "aims.review-kind.1", _review_kind, str) in (review_record.MINUTES, None)
        for relpath in relpaths
    )


def present(index: dict, types: tuple[str, ...], pattern: str | None) -> bool:
    for relpath, (doc_type, doc_id) in index.items():
        if not doc_type:
            continue
        if doc_type in types:
            return True
        if pattern and re.search(pattern, f"{relpath.rsplit('/', 1)[-1]} {doc_id or ''}", re.I):
            return True
    return False


def _holds_the_aims(found) -> bool:
    """A repository that keeps the AIMS: its scope or SoA, or three of the mandatory
    documents. A repository holding a policy or two may keep the rest elsewhere, and
    telling it that nine documents are missing would be noise."""
    clauses = {item[0] for item in found}
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
    found = [item for item in MANDATORY if present(index, item[2], item[3])]
    if not _holds_the_aims(found):
        return
    # With a Stage 2 date, AIMS002 reports a missing internal audit with its deadline.
    audit_in_time_rule = ctx.config.stage2_date is not None and any(item.code == "AIMS002" for item in ctx.enabled)
    for clause, what, types, pattern in MANDATORY:
        if clause == INTERNAL_AUDIT_CLAUSE and audit_in_time_rule:
            continue
        if (clause, what, types, pattern) not in found:
            yield Problem(1, 1, clause=clause, what=what, doc_type=types[0])
        elif clause == REVIEW_CLAUSE and not reviews_held(workspace, holders(index, types, pattern)):
            # A management-review procedure or agenda describes reviews; it records none.
            what = f"{what} (only a management-review procedure or agenda, no minutes of a held review)"
            yield Problem(1, 1, clause=clause, what=what, doc_type=types[0])
