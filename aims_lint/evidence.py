"""What the readiness verdict needs to know about the repository besides the findings:
which mandatory documented information is on record, and what the internal-audit and
management-review records hold. Collected once per run from the workspace (the index and
the facts cache: a file is read again only when it changed), never by re-parsing in the
verdict. Plain data, so that JSON shows what the verdict rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AUDIT_FACT = "evidence.audit-record.4"
REVIEW_FACT = "evidence.review-minutes.5"
_DATE = frozenset({str, type(None)})
AUDIT_SHAPE = {
    "kind": str, "date": _DATE, "line": int, "ids": [str], "scope": bool, "criteria": bool, "findings": bool,
    "auditor": _DATE, "auditor_line": int, "words": int,
}
REVIEW_SHAPE = {
    "kind": str, "date": _DATE, "line": int, "cited": [(str, int)], "open_nc": frozenset({(int, int), type(None)}),
    "links": [(str, int)],
    "inputs": bool, "decisions": bool, "audit": bool, "words": int,
}


@dataclass
class Record:
    """One internal-audit report or one set of management-review minutes."""

    path: str
    facts: dict[str, Any]
    lacks: list[str]  # what it lacks to count as a record with content (empty: it has content)

    @property
    def date(self) -> str | None:
        return self.facts.get("date")

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, **self.facts, "lacks": list(self.lacks)}


@dataclass
class Kind:
    clause: str
    what: str
    doc_type: str
    documents: list[str]  # typed documents that hold it
    filled: list[str]  # of those, the ones that are not unfilled templates

    def as_json(self) -> dict[str, Any]:
        return {"clause": self.clause, "what": self.what, "documents": self.documents, "filled": self.filled}


@dataclass
class Evidence:
    kinds: list[Kind] = field(default_factory=list)
    audits: list[Record] = field(default_factory=list)
    reviews: list[Record] = field(default_factory=list)  # minutes of held reviews only

    def as_json(self) -> dict[str, Any]:
        return {
            "mandatory": [kind.as_json() for kind in self.kinds],
            "internal_audits": [record.as_json() for record in self.audits],
            "management_reviews": [record.as_json() for record in self.reviews],
        }


@dataclass
class ReviewGap:
    """The management review of the cycle against its internal audit (9.3.2 c) 4)): what
    the readiness verdict refuses READY for and MRV009 reports, in one wording.

    ``kind``: "undated" (the latest review gives no date), "predates" (no review is dated
    on or after the latest internal audit) or "silent" (the reviews after it do not speak
    of it). ``major``: no review considered the audit of the cycle, and the one on record
    is the only review after it (or none is after it)."""

    kind: str
    review: Record
    audit: Record
    major: bool

    def describe(self, display=None) -> str:
        """One sentence; ``display``: how a repository-relative path is shown (None: as it is)."""
        review, audit = self.review, self.audit
        review_path = display(review.path) if display else review.path
        audit_path = display(audit.path) if display else audit.path
        if self.kind == "undated":
            return (
                f"the management review {review_path} has no date: it does not show that it followed "
                f"the internal audit of {audit.date}"
            )
        if self.kind == "predates":
            return (
                f"the latest management review ({review_path}, {review.date}) predates the internal audit "
                f"({audit_path}, {audit.date}): it cannot have considered its results"
            )
        return (
            f"the latest management review ({review_path}, {review.date}) does not consider the results "
            f"of the internal audit ({audit_path}, {audit.date})"
        )


def held_audits(evidence: Evidence, today) -> list[Record]:
    """Internal-audit records with content, held by ``today`` (or undated)."""
    audits = [record for record in evidence.audits if not record.lacks]
    return [record for record in audits if record.date is None or record.date <= today.isoformat()]


def latest(records: list[Record]) -> Record | None:
    dated = [record for record in records if record.date]
    return max(dated, key=lambda record: record.date) if dated else None


def review_gap(evidence: Evidence, today) -> ReviewGap | None:
    """Does the management review of the cycle follow and consider its internal audit?"""
    audit = latest(held_audits(evidence, today))
    reviews = [record for record in evidence.reviews if not record.lacks]
    if audit is None or not reviews:
        return None
    review = latest(reviews)
    if review is None:
        return ReviewGap("undated", reviews[0], audit, major=False)
    after = [record for record in reviews if record.date and record.date >= audit.date]
    if not after:
        return ReviewGap("predates", review, audit, major=True)
    if any(record.facts.get("audit") for record in after):
        return None
    return ReviewGap("silent", review, audit, major=len(after) == 1)


def evidence_of(workspace) -> Evidence:
    """``collect(workspace)`` once per run: the readiness verdict and the rules that read
    the records against each other (MRV009-MRV013) share it."""
    return workspace.memo("evidence", collect)


def collect(workspace) -> Evidence:
    """The repository's mandatory documented information and its audit and review records."""
    import importlib

    from aims_lint import pack
    from aims_lint.reading import review_record, templates

    # The pack is aims_lint.rules in an installed wheel and the checkout's rules/ in a
    # source tree: reach it through the pack loader, never as a top-level "rules".
    pack.builtin_package()
    mandatory = importlib.import_module(f"{pack.BUILTIN_PACK}.mandatory")
    MANDATORY, holds = mandatory.MANDATORY, mandatory.holds

    index = workspace.index()
    evidence = Evidence()
    unfilled: dict[str, bool] = {}

    def is_unfilled(relpath: str) -> bool:
        if relpath not in unfilled:
            unfilled[relpath] = workspace.fact(relpath, templates.STATE_FACT, templates.state, str) == templates.UNFILLED
        return unfilled[relpath]

    for kind in MANDATORY:
        documents = sorted(relpath for relpath, (doc_type, doc_id) in index.items() if holds(kind, relpath, doc_type, doc_id))
        filled = [relpath for relpath in documents if not is_unfilled(relpath)]
        evidence.kinds.append(Kind(kind.clause, kind.what, kind.types[0], documents, filled))
        if kind.clause == "9.2":
            for relpath in filled:
                facts = audit_facts(workspace, relpath)
                if facts is not None:
                    evidence.audits.append(Record(relpath, facts, review_record.audit_empty(facts)))
        elif kind.clause == "9.3":
            for relpath in filled:
                facts = workspace.fact(relpath, REVIEW_FACT, review_record.review_minutes, REVIEW_SHAPE)
                if facts is not None and facts["kind"] == review_record.MINUTES:
                    evidence.reviews.append(Record(relpath, facts, review_record.review_empty(facts)))
    return evidence


SCOPE_FACT = "evidence.audit-scope.1"
_SCOPE_SHAPE = {"clauses": [int], "whole": bool, "annex": str, "controls": [str], "line": int}


def audit_facts(workspace, relpath: str) -> dict[str, Any] | None:
    """What the internal-audit document at ``relpath`` shows (``review_record.audit_record``),
    from the facts cache: the readiness verdict and the internal-audit rules read the same."""
    from aims_lint.reading import review_record

    return workspace.fact(relpath, AUDIT_FACT, review_record.audit_record, AUDIT_SHAPE)


def audit_scope(workspace, relpath: str) -> dict[str, Any] | None:
    """What the internal-audit document at ``relpath`` covers (``review_record.audit_scope``)."""
    from aims_lint.reading import review_record

    return workspace.fact(relpath, SCOPE_FACT, review_record.audit_scope, _SCOPE_SHAPE)
