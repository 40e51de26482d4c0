import re

from aims_lint.patterns import lazy
from aims_lint.reading.metadata import unfilled
from aims_lint.reading.soa import read_soa
from aims_lint.reading.versions import (
    FOLLOWS_FACT,
    FOLLOWS_SHAPE,
    VERSIONS_FACT,
    VERSIONS_SHAPE,
    document_versions,
    followed_versions,
    version_changes,
    version_dates,
)
from aims_lint.rule import Problem, Related, rule
from aims_lint.workspace import resolve_link

from .evidence_after_review import LIVING
from .record_before_version import resolve

# Records with a date of their own (when they were made); a log or register carries the
# date it was last updated.
_DATED_RECORDS = frozenset({"record", "internal-audit", "management-review"})
# What a version history says when a version did not change the process: editorial
# work, a review without change, a first issue.
_NOT_A_PROCESS_CHANGE = lazy(
    r"\btypos?\b|\btypographic|\bformat(?:ting|ted)?\b|\beditorial\b|\bcosmetic\b|\bgrammar\b|\bspelling\b|\blayout\b|"
    r"\bbranding\b|\brenumber|\brenam|\bre-?approv|\breviewed\b|\breview(?:ed)? (?:only|without)\b|\bannual review\b|\bperiodic review\b|"
    r"\bno (?:material |substantive |content )?changes?\b|\bminor (?:edits?|corrections?|changes?|updates?|wording|fixes)\b|"
    r"\bclarif|\bwording\b|\blinks?\b|\binitial\b|\bfirst (?:release|issue|version|draft)\b|\bcreated?\b|\bdraft\b|\btemplate\b",
    re.I,
)


def _process_change(changes: str) -> bool:
    return bool(changes.strip()) and not unfilled(changes) and not _NOT_A_PROCESS_CHANGE.search(changes)


def _procedures(workspace, relpath: str, value) -> list[str]:
    """The documents (not records) a procedure value links or names."""
    if value is None:
        return []
    found = []
    for reference in value.references:
        if reference.kind in ("link", "id"):
            target = resolve(workspace, relpath, reference.target, reference.kind)
            if target is not None and target not in found:
                found.append(target)
    return found


def _records(workspace, relpath: str, value) -> list[str]:
    """The dated records an evidence value links or names (not logs and registers)."""
    if value is None:
        return []
    found = []
    index = workspace.index()
    for reference in value.references:
        if reference.kind not in ("link", "id"):
            continue
        if reference.kind == "link":
            target = resolve_link(relpath, reference.target).relpath
        else:
            holders = workspace.ids().get(reference.target, [])
            target = holders[0] if len(holders) == 1 else None
        if target is None or target not in index:
            continue
        doc_type, doc_id = index[target]
        if doc_type in _DATED_RECORDS and not LIVING.search(f"{target.rsplit('/', 1)[-1]} {doc_id or ''}") and target not in found:
            found.append(target)
    return found


@rule(
    code="CHR005",
    name="evidence-before-revision",
    clause="8.1",
    types=("soa",),
    classification="advisory",
    remediation="1 week",
    message=(
        "the SoA offers {records} as evidence of {procedure}, dated before its version {version} of {since}, "
        "which changed the process ('{changes}'): nothing shows the current version operating; add a record made "
        "under version {version}"
    ),
    summary="Every record the SoA offers as evidence of a procedure predates the revision that changed the procedure.",
)
def check(doc, ctx):
    """One finding per procedure, at the first SoA row pairing it with a record; a
    procedure is judged only when every record offered for it is dated."""
    workspace = ctx.workspace
    reading = read_soa(doc)
    pairs: dict[str, list] = {}  # procedure -> [(record, value of the row)]
    for entry in reading.controls:
        if entry.included is not True:
            continue
        procedures = _procedures(workspace, doc.relpath, entry.procedure)
        records = _records(workspace, doc.relpath, entry.evidence)
        for procedure in procedures:
            for record in records:
                pairs.setdefault(procedure, []).append((record, entry.evidence))
    for procedure, offered in pairs.items():
        versions = workspace.fact(procedure, VERSIONS_FACT, document_versions, VERSIONS_SHAPE)
        if not versions or not versions["current"]:
            continue
        current = versions["current"]
        dates = version_dates(versions, current)
        changed = version_changes(versions, current)
        if not dates or changed is None or not _process_change(changed[0]):
            continue
        since = dates[0][0]
        dated = {}
        for record, _ in offered:
            facts = workspace.fact(record, FOLLOWS_FACT, followed_versions, FOLLOWS_SHAPE)
            dated[record] = (facts["date"], facts["line"]) if facts else (None, 1)
        if any(date is None or date >= since for date, _ in dated.values()):
            continue  # undated evidence may be the current version's; later evidence is
        record, value = offered[0]
        names = sorted(dated)
        changes = " ".join(changed[0].split())
        yield Problem(
            value.line, value.column, records=", ".join(f"'{name}' ({dated[name][0]})" for name in names),
            procedure=f"'{procedure}'", version=current, since=since,
            changes=changes if len(changes) <= 80 else changes[:77] + "...",
            related=[Related(changed[1], 1, f"version {current}: {changes}", doc=procedure)]
            + [Related(dated[name][1], 1, f"dated {dated[name][0]}", doc=name) for name in names],
        )

