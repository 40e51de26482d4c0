"""Where a risk assessment's criteria are written: the document itself, or documents it
points to (relative links, or a front-matter value naming another document's id)."""

from __future__ import annotations

from aims_lint.workspace import resolve_link


def linked_documents(workspace, doc) -> tuple[list, list]:
    """(documents the risk assessment links to, link targets that resolve to nothing)."""
    found, broken, seen = [], [], {doc.relpath}
    paths = workspace.paths()
    for link in doc.links:
        target = link.target.strip()
        resolved = resolve_link(doc.relpath, target)
        if not target or resolved.external or target.startswith("#"):
            continue
        relpath = resolved.relpath
        if relpath is None or relpath in seen:
            continue
        seen.add(relpath)
        if relpath not in paths:
            broken.append(target)
            continue
        linked = workspace.document(relpath)
        if linked is not None and linked.read_error is None:
            found.append(linked)
    for key, value in doc.meta.items():
        if key in ("id", "type", "title", "owner") or not isinstance(value, str):
            continue
        for other in workspace.documents_with_id(value.strip()):
            if other.relpath not in seen:
                seen.add(other.relpath)
                found.append(other)
    return found, broken
