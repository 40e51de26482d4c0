"""Where a risk assessment's criteria are written: the document itself, or documents it
points to (relative links, or a front-matter value naming another document's id)."""

from __future__ import annotations

from aims_lint.workspace import resolve_link


def linked_documents(workspace, doc) -> tuple[list[str], list[str]]:
    """(relative paths of the documents the risk assessment links to, link targets that
    resolve to nothing). Nothing is read: the index knows the ids."""
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
        found.append(relpath)
    for key, value in doc.meta.items():
        if key in ("id", "type", "title", "owner") or not isinstance(value, str):
            continue
        for relpath in workspace.ids().get(value.strip(), ()):
            if relpath not in seen:
                seen.add(relpath)
                found.append(relpath)
    return found, broken


def linked_criteria(workspace, doc, terms: list[str]) -> list[dict]:
    """For each document the risk assessment points to, whether it defines a likelihood
    scale, a severity scale and an acceptance threshold; kept in the facts cache, so a
    procedure that every assessment links to is read once, not once per assessment."""
    import zlib

    from .register import has_acceptance_threshold, has_scale

    # The acceptance terms can be extended in the configuration: they are part of the key.
    key = f"rsk.criteria.1.{zlib.crc32(chr(10).join(terms).encode()):08x}"

    def compute(other) -> dict:
        return {
            "likelihood": has_scale(other, "likelihood"),
            "severity": has_scale(other, "severity"),
            "threshold": has_acceptance_threshold(other, terms),
        }

    found = []
    for relpath in linked_documents(workspace, doc)[0]:
        facts = workspace.fact(relpath, key, compute, {"likelihood": bool, "severity": bool, "threshold": bool})
        if isinstance(facts, dict):
            found.append(facts)
    return found
