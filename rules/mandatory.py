"""The documented information ISO/IEC 42001 requires, and what an unfilled template of
it means: shared by AIMS001 (a mandatory document missing) and the rules that give the
one finding of an unfilled template (MRV008, IMP001, RSK005, OBJ001, DOC015).

Classification of an unfilled template (issue 12): **major** when the document is the
only one of a mandatory kind in the repository (no other document of that kind is
filled in: the requirement is not met, e.g. no management review carried out),
**minor** otherwise (a stray template beside the real record, or a document of a kind
that is not mandatory).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from aims_lint.reading import templates


class Kind(NamedTuple):
    clause: str
    what: str  # what an auditor asks for
    types: tuple[str, ...]  # document types that hold it
    pattern: str | None  # file-name or id pattern of a document holding it under another type


MANDATORY = (
    Kind("4.3", "AIMS scope", ("aims-scope",), r"\bscope\b"),
    Kind("5.2", "AI policy", ("ai-policy",), None),
    Kind("6.1.2", "AI risk assessment (process and results)", ("risk-assessment",), None),
    Kind("6.1.3", "Statement of Applicability", ("soa",), None),
    Kind("6.1.4", "AI system impact assessment (process and results)", ("impact-assessment",), None),
    Kind("6.2", "AI objectives", ("ai-objectives",), None),
    Kind("7.2", "evidence of competence", ("competence-matrix",), None),
    Kind(
        "9.2", "internal audit programme and results",
        ("internal-audit", "audit-programme", "audit-program", "audit-plan", "audit-report"),
        r"internal[-_ ]?audit|audit[-_ ]?program",
    ),
    Kind("9.3", "management review results", ("management-review",), r"management[-_ ]?review"),
    Kind(
        "10.2", "record of nonconformities and corrective actions",
        ("nonconformity", "nonconformities", "nonconformity-log", "corrective-action", "corrective-actions", "capa", "ncr"),
        r"non-?conformit|corrective[-_ ]?action|\bcapa\b|\bncrs?\b",
    ),
)


def holds(kind: Kind, relpath: str, doc_type: str | None, doc_id: str | None) -> bool:
    """Does the typed document at ``relpath`` hold ``kind``: by its type, or by a file
    name or id that says so (a management review kept as a ``record``)?"""
    if not doc_type:
        return False
    if doc_type in kind.types:
        return True
    return bool(kind.pattern and re.search(kind.pattern, f"{relpath.rsplit('/', 1)[-1]} {doc_id or ''}", re.I))


def kind_of(relpath: str, doc_type: str | None, doc_id: str | None) -> Kind | None:
    """The mandatory kind a document stands for (its type first, then its name)."""
    for kind in MANDATORY:
        if doc_type in kind.types:
            return kind
    for kind in MANDATORY:
        if holds(kind, relpath, doc_type, doc_id):
            return kind
    return None


def is_unfilled(workspace, relpath: str) -> bool:
    """Is the document at ``relpath`` an unfilled template (state kept in the facts cache)?"""
    return workspace.fact(relpath, templates.STATE_FACT, templates.state, str) == templates.UNFILLED


def filled_documents(workspace, kind: Kind, exclude: str | None = None, on_record=None) -> list[str]:
    """Documents of the repository holding ``kind`` that are not unfilled templates.
    ``on_record``: (fact key, compute) when a family knows better what really holds the
    kind (a risk register with assessed risks, not a methodology beside it)."""
    found = []
    for relpath, (doc_type, doc_id) in workspace.index().items():
        if relpath == exclude or not holds(kind, relpath, doc_type, doc_id) or is_unfilled(workspace, relpath):
            continue
        if on_record is None or workspace.fact(relpath, on_record[0], on_record[1], bool):
            found.append(relpath)
    return found


def template_classification(doc, ctx, on_record=None) -> tuple[str, Kind | None]:
    """(classification, kind) of the finding that ``doc`` is an unfilled template."""
    kind = kind_of(doc.relpath, doc.doc_type, doc.id)
    if kind is None:
        return "minor", None
    workspace = getattr(ctx, "workspace", None)
    if workspace is None or not filled_documents(workspace, kind, exclude=doc.relpath, on_record=on_record):
        return "major", kind
    return "minor", kind


# The rules that give the one finding of an unfilled template, by what it stands for.
TEMPLATE_RULES = ("MRV008", "IMP001", "RSK005", "OBJ001", "DOC015")
