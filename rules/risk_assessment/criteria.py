"""Where a risk assessment's criteria are written: the document itself, documents it
points to (relative links, a file named in inline code such as
`` `0060_Risk_Methodology.md` ``, or a front-matter value naming another document's id),
or another risk-assessment document of the repository: a register, a methodology and an
acceptance-criteria document are one AIMS's risk assessment, and its criteria are
defined once for all of them."""

from __future__ import annotations

import posixpath

from aims_lint.workspace import resolve_link

RISK_TYPE = "risk-assessment"


def _named_in_code(workspace, doc, paths) -> list[str]:
    """Files of the repository named in inline code: a path from the document's folder
    or the root, or a file name that only one file of the repository has."""
    by_name: dict[str, list[str]] | None = None
    found = []
    for span in doc.code_spans:
        text = span.text.strip()
        if not text.lower().endswith((".md", ".markdown")) or " " in text or len(text) > 300:
            continue
        resolved = resolve_link(doc.relpath, text)
        if resolved.relpath in paths:
            found.append(resolved.relpath)
            continue
        if text.lstrip("./") in paths:
            found.append(text.lstrip("./"))
            continue
        if "/" not in text:
            if by_name is None:
                by_name = {}
                for path in paths:
                    by_name.setdefault(posixpath.basename(path), []).append(path)
            if len(by_name.get(text, ())) == 1:
                found.append(by_name[text][0])
    return found


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
    for relpath in _named_in_code(workspace, doc, paths):
        if relpath not in seen:
            seen.add(relpath)
            found.append(relpath)
    return found, broken


def sibling_assessments(workspace, doc) -> list[str]:
    """The other risk-assessment documents of the repository (every one when ``doc`` is
    None), in path order."""
    own = doc.relpath if doc is not None else None
    return sorted(
        relpath for relpath, (doc_type, _) in workspace.index().items() if doc_type == RISK_TYPE and relpath != own
    )


def linked_criteria(workspace, doc, terms: list[str]) -> list[dict]:
    """For each document the risk assessment points to, and each other risk-assessment
    document of the repository, whether it defines a likelihood scale, a severity scale
    and an acceptance threshold; kept in the facts cache, so a procedure that every
    assessment links to is read once, not once per assessment."""
    import zlib

    from .register import has_acceptance_threshold, has_scale

    # The acceptance terms can be extended in the configuration: they are part of the key.
    key = f"rsk.criteria.2.{zlib.crc32(chr(10).join(terms).encode()):08x}"

    def compute(other) -> dict:
        return {
            "likelihood": has_scale(other, "likelihood"),
            "severity": has_scale(other, "severity"),
            "threshold": has_acceptance_threshold(other, terms),
        }

    shape = {"likelihood": bool, "severity": bool, "threshold": bool}
    found = []
    linked = linked_documents(workspace, doc)[0]
    for relpath in linked:
        facts = workspace.fact(relpath, key, compute, shape)
        if isinstance(facts, dict):
            found.append(facts)
    # The other risk-assessment documents, as one: counted once per run over them all
    # (a per-document walk over every sibling would grow with the square of their number).
    counts, total = workspace.memo(f"{key}.siblings", lambda ws: _count_criteria(ws, key, compute, shape))
    own = workspace.fact(doc.relpath, key, compute, shape) if doc.relpath in workspace.index() else None
    own = own if isinstance(own, dict) else {}
    others = total - (1 if workspace.index().get(doc.relpath, (None,))[0] == RISK_TYPE else 0)
    if others > 0:
        found.append({name: counts[name] - bool(own.get(name)) > 0 for name in shape})
    return found


def _count_criteria(workspace, key, compute, shape) -> tuple[dict[str, int], int]:
    """How many risk-assessment documents of the repository define each criterion, and
    how many there are."""
    counts = dict.fromkeys(shape, 0)
    total = 0
    for relpath, (doc_type, _) in workspace.index().items():
        if doc_type != RISK_TYPE:
            continue
        total += 1
        facts = workspace.fact(relpath, key, compute, shape)
        if isinstance(facts, dict):
            for name in shape:
                counts[name] += bool(facts.get(name))
    return counts, total
