from aims_lint.reading.versions import (
    FOLLOWS_FACT,
    FOLLOWS_SHAPE,
    VERSIONS_FACT,
    VERSIONS_SHAPE,
    document_versions,
    followed_versions,
    version_dates,
)
from aims_lint.rule import Problem, Related, rule
from aims_lint.workspace import resolve_link

# Records made under a procedure; minutes are not read: they discuss versions to come
# ("version 3.0 will be approved next month").
RECORD_TYPES = ("record", "internal-audit")
# What a record follows: anything but another record.
_NOT_FOLLOWED = frozenset({"record", "internal-audit", "management-review"})


def resolve(workspace, relpath: str, ref: str, kind: str) -> str | None:
    """The relative path of the one governance document ``ref`` names from ``relpath``
    (a link's target, or a document id declared once), None otherwise."""
    if kind == "link":
        target = resolve_link(relpath, ref).relpath
        found = target if target is not None and target in workspace.paths() else None
    else:
        holders = workspace.ids().get(ref, [])
        found = holders[0] if len(holders) == 1 else None
    if found is None or found == relpath:
        return None
    doc_type = workspace.index().get(found, (None, None))[0]
    return found if doc_type and doc_type not in _NOT_FOLLOWED else None


@rule(
    code="CHR004",
    name="record-before-version",
    clause="7.5.3",
    types=RECORD_TYPES,
    classification="minor",
    remediation="1 day",
    message=(
        "the record, dated {dated}, says it follows {document} version {version}, which the document dates "
        "{since}: a record made before that version existed cannot have followed it; name the version in force "
        "on {dated}, or correct the record's date"
    ),
    summary="A record names the procedure version it follows, but is dated before that version's date.",
    scope="workspace",
)
def check(workspace, ctx):
    for relpath in workspace.relpaths_of_type(*RECORD_TYPES):
        facts = workspace.fact(relpath, FOLLOWS_FACT, followed_versions, FOLLOWS_SHAPE)
        if not facts or not facts["follows"]:
            continue
        doc = None
        for ref, kind, version, row_date, line, column in facts["follows"]:
            dated = row_date or facts["date"]
            if not dated:
                continue
            target = resolve(workspace, relpath, ref, kind)
            if target is None:
                continue
            versions = workspace.fact(target, VERSIONS_FACT, document_versions, VERSIONS_SHAPE)
            dates = version_dates(versions, version) if versions else []
            if not dates:
                continue
            # The earliest date the document gives for the version: a record is only
            # "before" it when it predates every one of them.
            since, since_line = dates[0]
            if dated >= since:
                continue
            doc = doc or workspace.document(relpath)
            related = [Related(since_line, 1, f"version {version} dated {since}", doc=target)]
            if not row_date and facts["line"] > 1 and facts["line"] != line:
                related.append(Related(facts["line"], 1, f"the record is dated {dated}"))
            yield Problem(
                line, column, doc=doc, dated=dated, document=ref if kind == "id" else target, version=version,
                since=since, related=related,
            )
