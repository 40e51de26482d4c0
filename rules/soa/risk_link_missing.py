import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

_RISK = lazy(r"risk", re.I)
_FILE = lazy(r"/|\.[A-Za-z]{2,5}$")


def _named_documents(workspace, doc, value: str) -> list:
    """The documents a ``risk_register`` value names, by id or by relative path."""
    value = value.strip()
    linked = workspace.linked_document(doc, value)
    return workspace.documents_with_id(value) or ([linked] if linked is not None else [])


def _body_links_risk(workspace, doc) -> bool:
    for link in doc.links:
        linked = workspace.linked_document(doc, link.target) if not link.target.startswith("#") else None
        if linked is not None and linked.doc_type == "risk-assessment":
            return True
        if _RISK.search(link.target) or _RISK.search(link.text):
            return True
    for span in doc.code_spans:  # a path written as code: `0080_ISMS_Risk_Register.md`
        if not _FILE.search(span.text):
            continue
        linked = workspace.linked_document(doc, span.text) or workspace.linked_document(doc, "/" + span.text.lstrip("/"))
        if linked is not None and linked.doc_type == "risk-assessment" or _RISK.search(span.text):
            return True
    risk_ids = [other.id for other in workspace.documents_of_type("risk-assessment") if other.id]
    return any(re.search(rf"(?<![\w-]){re.escape(found)}(?![\w-])", doc.plain_text) for found in risk_ids)


@rule(
    code="SOA009",
    name="soa-risk-link-missing",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 day",
    message="{problem}: the SoA must trace to the AI risk assessment whose treatment it records (front matter 'risk_register: <id>' or a link to it)",
    summary="An SoA that does not point to the risk assessment (front matter risk_register or a body link), or points to nothing.",
)
def check(doc, ctx):
    workspace = ctx.workspace
    valid_front_matter = doc.front_matter is not None and not doc.front_matter.problems
    value = doc.meta.get("risk_register") if valid_front_matter else None
    if value not in (None, "", []):
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            if not isinstance(item, str):
                continue
            named = _named_documents(workspace, doc, item)
            where = (lambda: doc.value_position("risk_register")) if not isinstance(value, list) else (
                lambda index=index: doc.item_position(value, index)
            )
            if not named:
                yield Problem(*where(), problem=f"risk_register '{item}' names no document in the repository")
            elif not any(found.doc_type == "risk-assessment" for found in named):
                yield Problem(*where(), problem=f"risk_register '{item}' names a document of type '{named[0].doc_type or 'none'}', not a risk-assessment")
        return
    if valid_front_matter:
        return  # DOC004 reports the missing 'risk_register' key
    if not _body_links_risk(workspace, doc):
        line = doc.sections[0].line if doc.sections else 1
        yield Problem(line, 1, problem="no link to the risk assessment")
