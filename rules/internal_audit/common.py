"""What the internal-audit rules share: the repository's internal-audit documents that
are not unfilled templates, with what each shows and covers (facts cache)."""

from __future__ import annotations

from aims_lint import evidence
from aims_lint.reading import review_record, templates


def audit_documents(workspace) -> list[tuple[str, dict, dict]]:
    """(relpath, audit facts, scope facts) of each filled internal-audit document, once per run."""

    def compute(workspace):
        found = []
        for relpath in sorted(workspace.relpaths_of_type("internal-audit")):
            if workspace.fact(relpath, templates.STATE_FACT, templates.state, str) == templates.UNFILLED:
                continue
            facts = evidence.audit_facts(workspace, relpath)
            scope = evidence.audit_scope(workspace, relpath)
            if facts is not None and scope is not None:
                found.append((relpath, facts, scope))
        return found

    return workspace.memo("iau.audits", compute)


def is_record(facts: dict) -> bool:
    """The record of a held audit, not a programme, plan or procedure of audits to come."""
    return facts["kind"] == review_record.MINUTES
