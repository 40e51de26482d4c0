import re

from aims_lint.reading import review_record
from aims_lint.reading.metadata import metadata
from aims_lint.rule import Problem, Related, rule
from aims_lint.workspace import resolve_link

from .common import audit_documents, is_record

_OWNER_FACT = "iau.owner.1"
_OWNER_SHAPE = frozenset({type(None), (str, int, int)})
# Documents an auditor may own without auditing their own work: the audit records, plans
# and procedures themselves (the audit function's own documents).
_AUDIT_WORDS = re.compile(r"audit", re.I)
_HONORIFIC = re.compile(r"^(the|our|a|an)\s+", re.I)


def _owner(doc):
    """[owner, line, column] of a document (front matter or body document control)."""
    item = metadata(doc).get("owner")
    if item is None or not item.filled or not item.text.strip():
        return None
    return [item.text, item.line, item.column]


def _norm(name: str) -> str:
    return _HONORIFIC.sub("", " ".join(re.sub(r"[*_`()\[\]]", " ", name).split())).lower()


def _names(auditor: str) -> list[str]:
    """The people or roles an auditor field names: "Head of Internal Audit, independent
    of the AI teams" is one; "AI Governance Lead / Compliance Officer" two."""
    parts = re.split(r"\s*(?:;|/|\band\b|&|\+)\s*", auditor)
    names = [_norm(part.split(",")[0]) for part in parts]
    return [name for name in names if len(name) >= 3]


def _covers_all(scope: dict) -> bool:
    return scope["whole"] or len(scope["clauses"]) >= 6


@rule(
    code="IAU003",
    name="auditor-audits-own-work",
    clause="9.2.2",
    types=("internal-audit",),
    classification="minor",
    remediation="1-2 weeks",
    message=(
        "the auditor '{auditor}' owns {count} of the documents this audit covers ({examples}): "
        "an auditor does not audit their own work; have another, independent auditor audit these, or narrow this auditor's scope"
    ),
    summary="The auditor named in an internal-audit record is the owner of AIMS documents that the audit covers (auditing their own work).",
)
def check(doc, ctx):
    workspace = ctx.workspace
    if workspace is None:
        return
    facts = doc.memo("reading.audit_record", review_record.audit_record)
    if not is_record(facts) or not facts["auditor"]:
        return
    names = set(_names(facts["auditor"]))
    if len(names) != 1:
        return  # several auditors: who audited which area is not plain from the record
    scope = doc.memo("reading.audit_scope", review_record.audit_scope)
    # The documents the audit covers: every AIMS document when it covers the whole AIMS
    # (clauses 4-10); otherwise those the record links to.
    if _covers_all(scope):
        covered = [relpath for relpath, (doc_type, _) in workspace.index().items() if doc_type]
    else:
        covered = []
        for link in doc.links:
            target = resolve_link(doc.relpath, link.target)
            if target.relpath and not target.external and target.relpath in workspace.paths():
                covered.append(target.relpath)
    audit_docs = {relpath for relpath, _, _ in audit_documents(workspace)} | set(workspace.relpaths_of_type("internal-audit"))
    owned = []
    for relpath in sorted(set(covered)):
        if relpath == doc.relpath or relpath in audit_docs or _AUDIT_WORDS.search(relpath):
            continue
        owner = workspace.fact(relpath, _OWNER_FACT, _owner, _OWNER_SHAPE)
        if owner and _norm(owner[0]) in names:
            owned.append((relpath, owner))
    if not owned:
        return
    examples = ", ".join(f"'{relpath}'" for relpath, _ in owned[:3]) + (f" and {len(owned) - 3} more" if len(owned) > 3 else "")
    line = facts["auditor_line"] or 1
    yield Problem(
        line, 1, auditor=facts["auditor"].split(",")[0].strip(), count=len(owned), examples=examples,
        related=[Related(owner[1], owner[2], f"owner: {owner[0]}", doc=relpath) for relpath, owner in owned],
    )
