"""What the readiness verdict needs to know about the repository besides the findings:
which mandatory documented information is on record, and what the internal-audit and
management-review records hold. Collected once per run from the workspace (the index and
the facts cache: a file is read again only when it changed), never by re-parsing in the
verdict. Plain data, so that JSON shows what the verdict rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AUDIT_FACT = "evidence.audit-record.3"
REVIEW_FACT = "evidence.review-minutes.3"
_DATE = frozenset({str, type(None)})
_AUDIT_SHAPE = {"date": _DATE, "scope": bool, "criteria": bool, "findings": bool, "words": int}
_REVIEW_SHAPE = {"kind": str, "date": _DATE, "inputs": bool, "decisions": bool, "audit": bool, "words": int}


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


def collect(workspace) -> Evidence:
    """The repository's mandatory documented information and its audit and review records."""
    import importlib

    from aims_lint.pack import BUILTIN_PACK, _builtin_package
    from aims_lint.reading import review_record, templates

    # The built-in pack as the rules see it (aims_lint.rules: the installed package's, or
    # the checkout's rules/ under that name); 'rules' alone exists only in a checkout.
    _builtin_package()
    mandatory = importlib.import_module(f"{BUILTIN_PACK}.mandatory")
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
                facts = workspace.fact(relpath, AUDIT_FACT, review_record.audit_record, _AUDIT_SHAPE)
                if facts is not None:
                    evidence.audits.append(Record(relpath, facts, review_record.audit_empty(facts)))
        elif kind.clause == "9.3":
            for relpath in filled:
                facts = workspace.fact(relpath, REVIEW_FACT, review_record.review_minutes, _REVIEW_SHAPE)
                if facts is not None and facts["kind"] == review_record.MINUTES:
                    evidence.reviews.append(Record(relpath, facts, review_record.review_empty(facts)))
    return evidence
