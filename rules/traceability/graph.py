"""What the traceability rules read across the repository: document-id references,
external identifiers, the AI systems in scope, the SoA's controls and the defined roles.

Everything read from other documents is computed once per run (``Workspace.memo``):
linted documents are dropped after their rules ran, other documents are parsed only
when one of these readings asks for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from aims_lint.patterns import lazy
from aims_lint.workspace import resolve_link

from ..soa.controls import normalise_id

# A document id as organisations write them: capitals and digits in two or more parts
# ("PROC-RES", "POL-AI-001", "MR-2026-04", "REC_LOG_7").
ID_TOKEN = lazy(r"(?<![\w./:-])[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+(?![\w-]|\.\w)")
_ANNEX_A = lazy(r"\bA\s?\.\s?\d{1,2}(?:\s?\.\s?\d{1,2}){1,2}\b")
_PATH_LIKE = lazy(r"/|\.(md|markdown)$", re.I)


def external(text: str, patterns: list[str]) -> bool:
    """True when ``text`` is an identifier the configuration's ``external-refs`` declares
    (globs: "JIRA-*", "DMS:*"), kept in another system and not checked here."""
    text = text.strip()
    return any(fnmatchcase(text, pattern) for pattern in patterns)


def not_document_ids(ctx) -> frozenset[str]:
    """First parts of identifiers that name standards and technologies, not documents
    ("ISO-27001", "SOC-2", "GPT-4")."""
    return _upper(tuple(ctx.vocabulary("not_document_ids")))


@lru_cache(maxsize=4)
def _upper(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(term.upper() for term in terms)


def id_tokens(text: str, ctx) -> list[re.Match]:
    """Document-id-shaped tokens of a text, without Annex A control IDs and standard or
    technology designators."""
    skip = not_document_ids(ctx)
    found = []
    for match in ID_TOKEN.finditer(text):
        token = match.group(0)
        if re.split(r"[-_]", token, maxsplit=1)[0] in skip or normalise_id(token, alone=True):
            continue
        found.append(match)
    return found


def known_id(workspace, token: str) -> bool:
    """The token is a document id, or a part of a document ("MR-2026-04-A1" in MR-2026-04)."""
    ids = workspace.ids()
    if token in ids:
        return True
    parts = re.split(r"([-_])", token)
    return any("".join(parts[:end]) in ids for end in range(1, len(parts) - 1, 2))


def id_prefixes(workspace) -> frozenset[str]:
    """First parts shared by two or more front-matter document ids: the repository's
    naming schemes ("PROC" for PROC-GOV and PROC-RES). Prose is checked only against
    these. Ids read from body document-control blocks resolve references but set no
    scheme: in repositories without front matter the same prefixes name risks, systems
    and records written in prose ("AIMS-RISK-001", "REC-AI-RM-005"), and a reference
    scan over them would report those as missing documents."""

    def compute(workspace) -> frozenset[str]:
        counts: dict[str, int] = {}
        for doc_type, doc_id in workspace.index().values():
            if not doc_type or not doc_id:
                continue
            first = re.split(r"[-_]", doc_id, maxsplit=1)[0]
            if first != doc_id:
                counts[first] = counts.get(first, 0) + 1
        return frozenset(prefix for prefix, count in counts.items() if count >= 2)

    return workspace.memo("trc.id_prefixes", compute)


def looks_like_path(text: str) -> bool:
    return bool(_PATH_LIKE.search(text.strip()))


def path_exists(workspace, doc, target: str) -> bool:
    resolved = resolve_link(doc.relpath, target)
    if resolved.external:
        return True
    if resolved.relpath is None:
        return False
    return resolved.relpath in workspace.paths() or workspace.file_state(resolved.relpath)[2]


# ---------------------------------------------------------------------------
# References written in an SoA cell


@dataclass
class CellReferences:
    """What one procedure or record value points to."""

    documents: list  # Documents reached through a link, a written path or a known id
    unknown_ids: list[str]  # id-shaped tokens and written paths that name nothing
    external: bool  # a declared external identifier or a web address
    linked: bool  # any relative link (a broken one is DOC011's finding)
    named: bool = False  # a code name (`nethical/core/rbac.py`, `SECURITY.md`): evidence named, not a document

    @property
    def traceable(self) -> bool:
        return bool(self.documents or self.unknown_ids or self.external or self.linked or self.named)


def cell_references(workspace, doc, value, ctx) -> CellReferences:
    """Resolve the typed references of one SoA value (``aims_lint.reading.soa.Value``):
    links, paths written as text and document ids against the repository; external
    identifiers against the configuration. Code names are evidence names: followed when
    they name a file of the repository, never reported when they do not."""
    patterns = ctx.config.external_refs
    result = CellReferences([], [], False, False)
    link_texts = " ".join(link.text for link in value.links)
    for reference in value.references:
        kind, text = reference.kind, reference.text
        if kind == "external":
            result.external = True
        elif kind == "link":
            if resolve_link(doc.relpath, reference.target).external:
                result.external = True
                continue
            result.linked = True
            target = workspace.linked_document(doc, reference.target)
            if target is not None:
                result.documents.append(target)
        elif kind in ("path", "code"):
            if text in link_texts:
                continue
            if kind == "code" and external(text, patterns):
                result.external = True
                continue
            # A path, from the document or from the repository root, as people write them.
            target = workspace.linked_document(doc, text) or workspace.linked_document(doc, "/" + text.lstrip("/"))
            if target is None and kind == "code" and workspace.ids().get(text):
                target = workspace.documents_with_id(text)[0]
            if target is not None:
                result.documents.append(target)
            elif path_exists(workspace, doc, text) or path_exists(workspace, doc, "/" + text.lstrip("/")):
                result.linked = True
            elif kind == "path":
                result.unknown_ids.append(text)
            else:
                result.named = True
        elif kind == "id":
            if external(text, patterns):
                result.external = True
            elif text.split("-", 1)[0].split("_", 1)[0] in not_document_ids(ctx) or normalise_id(text, alone=True):
                continue
            elif workspace.ids().get(text):
                result.documents.extend(workspace.documents_with_id(text))
            elif text not in link_texts and not known_id(workspace, text):
                result.unknown_ids.append(text)
        elif kind == "words":
            for part in re.split(r"[,;]|<br\s*/?>|\band\b", text):
                if part.strip() and external(part, patterns):
                    result.external = True
    # A declared external identifier written with its own punctuation ("DMS:QM-8").
    if not result.external and any(external(part, patterns) for part in re.split(r"[,;]|<br\s*/?>|\band\b", value.text) if part.strip()):
        result.external = True
    return result


# ---------------------------------------------------------------------------
# Readings of other documents, once per run


@dataclass(frozen=True)
class System:
    ident: str
    name: str
    scope: str  # relative path of the aims-scope document that lists it
    index: int  # position in its ai_systems list (or among the systems its body lists)
    line: int = 0  # the body line that lists it; 0 for a front-matter entry

    def position(self, doc) -> tuple[int, int]:
        """Where the scope document ``doc`` lists the system."""
        if self.line:
            return self.line, 1
        return doc.item_position(doc.meta["ai_systems"], self.index)


def systems_in_scope(workspace) -> list[System]:
    """The AI systems the scope documents list: front matter ``ai_systems``, else a
    systems table or list in the body (``aims_lint.reading.systems``)."""

    def compute(workspace) -> list[System]:
        found = []
        for relpath in workspace.relpaths_of_type("aims-scope"):
            for entry in workspace.fact(relpath, "trc.systems.2", _listed_systems, [(str, str, int, int)]) or ():
                if isinstance(entry, list) and len(entry) == 4:
                    found.append(System(str(entry[0]), str(entry[1]), relpath, int(entry[2]), int(entry[3])))
        return found

    return workspace.memo("trc.systems", compute)


def _listed_systems(doc) -> list[list]:
    """[id, name, position, body line] of each system a scope document lists."""
    from aims_lint.reading.systems import systems as listed_systems  # on first use, not when the pack loads

    return [[system.ident, system.name, system.index, system.line] for system in listed_systems(doc)]


def systems_listed_by(workspace, doc) -> list[System]:
    """The systems in scope that the scope document ``doc`` itself lists."""
    return [system for system in systems_in_scope(workspace) if system.scope == doc.relpath]


def names_system(text: str, system: System) -> bool:
    """``text`` names the system by its id or its name (whole words, any case)."""
    spaced = re.sub(r"[-_]+", " ", system.ident)  # "credit-scoring" is written "credit scoring"
    for name in (system.ident, spaced, system.name):
        if name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I):
            return True
    return False


def system_key(text: str) -> str:
    """How a system's id or name compares: any case, "credit-scoring" as "credit scoring"."""
    return " ".join(re.sub(r"[-_]+", " ", text).lower().split())


def is_system_in_scope(value: str, systems: list[System]) -> bool:
    value = system_key(value)
    return any(value in (system_key(system.ident), system_key(system.name)) for system in systems)


def annex_a_ids(text: str) -> list[tuple[str, str, int]]:
    """(as written, normalised, offset) of each Annex A control ID in a text."""
    found = []
    for match in _ANNEX_A.finditer(text):
        normalised = normalise_id(match.group(0))
        if normalised:
            found.append((match.group(0), normalised[1], match.start()))
    return found
