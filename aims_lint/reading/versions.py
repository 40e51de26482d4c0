"""Document versions and the versions records say they follow (issue 13, "a record dated
before the document version it evidences").

Two readings, both plain JSON for the facts cache (``Workspace.fact``), so that a
workspace rule never parses another file:

- ``document_versions(doc)``: the versions a procedure or policy gives for itself,
  ``{"current": version or None, "versions": [[version, date, changes, line]]}``. One
  entry per row of a version-history table (a table with a version column and a date
  column: ``| Version | Date | Author | Changes |``, "Rev." and "Effective", "Approved
  on", "Issued" read the same) and one for the current version from document control
  (front matter or a body document-control block: ``version`` with ``effective`` or
  ``approved_on``), ``changes`` "" for the latter. ``date`` is an ISO date, None when the
  row gives none; ``current`` is the version document control states, else the highest
  of the history.
- ``followed_versions(doc)``: what a record says it follows,
  ``{"date": ISO or None, "line": int, "follows": [[ref, kind, version, date, line, column]]}``:
  ``ref`` a document id (``kind`` "id") or a link's target (``kind`` "link", to be
  resolved from the record's path); ``date`` the date of the row that says it (a table
  with a date column), None for the record's own date (``date``, ``line``: where it
  was held or made, ``review_record.held_at``). Read where a record says it:

  - "performed per PROC-RM-001 v2.0", "in accordance with [PROC-RM-001](x.md) version
    2.0", "under PROC-RM-001 (rev. 2)": a lead word (per, following, under, in accordance
    with, according to, pursuant to, using, applying) then the document and its version;
  - labelled fields: "Procedure: PROC-RM-001 v2.0", or "Procedure reference: PROC-RM-001"
    with "Procedure version: 2.0" (a two-column table or labelled lines);
  - table columns: a "Procedure" (or "Policy", "Performed per") column beside a
    "Procedure version" (or "Version") column, each row with its own date where the
    table has a date column.

  A record's own version ("Version: 1.0" in its document control, the rows of its own
  version history) is not a version it follows: only a label that names a procedure,
  policy or process counts.

Versions compare as numbers ("v2" is "2.0"; ``version_key``).
"""

from __future__ import annotations

import re

from aims_lint.dates import ISO_DATE, parse_date, prose_date
from aims_lint.patterns import lazy

VERSIONS_FACT = "versions.document.1"
VERSIONS_SHAPE = {
    "current": frozenset({str, type(None)}),
    "versions": [(str, frozenset({str, type(None)}), str, int)],
}
FOLLOWS_FACT = "versions.follows.1"
FOLLOWS_SHAPE = {
    "date": frozenset({str, type(None)}),
    "line": int,
    "follows": [(str, str, str, frozenset({str, type(None)}), int, int)],
}

_NUMBER = lazy(r"\d{1,4}(?:\.\d{1,4}){0,3}")
_VERSION_HEADER = lazy(r"^(?:document\s+)?(?:version|ver\.?|rev\.?|revision|issue)(?:\s+(?:no\.?|number|#))?$", re.I)
_DATE_HEADER = lazy(r"\bdate\b|\beffective\b|\bapproved(?: on)?\b|\bissued\b|\breleased?\b|\bpublished\b", re.I)
_CHANGES_HEADER = lazy(
    r"\bchanges?\b|\bdescription\b|\bsummary\b|\bamendments?\b|\bcomments?\b|\bnotes?\b|\breason\b|\bwhat changed\b|\bmodifications?\b",
    re.I,
)


def version_key(text: str) -> tuple[int, ...] | None:
    """(2, 0) of "v2.0", "Version 2", "2.0.0", "Rev. 2"; None when no number."""
    match = _NUMBER.search(str(text))
    if not match:
        return None
    parts = [int(part) for part in match.group(0).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _date_of(text: str, late: bool) -> str | None:
    match = ISO_DATE.search(text)
    found = parse_date(match.group(0)) if match else prose_date(text, late=late)
    return found.isoformat() if found else None


def _column(table, pattern, skip=()) -> int | None:
    for index, cell in enumerate(table.header):
        text = cell.text.strip().strip("*_").strip()
        if index not in skip and pattern.search(text):
            return index
    return None


# -- the versions a document gives for itself ------------------------------------------


def document_versions(doc) -> dict:
    """The document's versions (see the module docstring)."""
    from aims_lint.reading.metadata import metadata

    versions: list[list] = []
    for table in doc.tables:
        version_column = _column(table, _VERSION_HEADER)
        if version_column is None:
            continue
        date_column = _column(table, _DATE_HEADER, skip={version_column})
        if date_column is None:
            continue
        changes_column = _column(table, _CHANGES_HEADER, skip={version_column, date_column})
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            if version_column >= len(cells) or version_key(cells[version_column]) is None:
                continue
            # A version's date read as early as the text allows ("March 2026": the 1st):
            # the least likely reading to put a record before it.
            date = _date_of(cells[date_column], late=False) if date_column < len(cells) else None
            changes = cells[changes_column] if changes_column is not None and changes_column < len(cells) else ""
            versions.append([cells[version_column], date, changes, row.line])
    meta = metadata(doc)
    current = meta.get("version")
    current_text = current.text if current is not None and current.filled and version_key(current.text) else None
    if current_text is not None:
        dates = [meta.get(key) for key in ("effective", "approved_on")]
        known = [(item.date(late=False), item.line) for item in dates if item is not None]
        known = [(day, line) for day, line in known if day is not None]
        if known:
            day, line = min(known)
            versions.append([current_text, day.isoformat(), "", line])
    elif versions:
        current_text = max((row[0] for row in versions), key=lambda text: version_key(text) or ())
    return {"current": current_text, "versions": versions}


def version_dates(facts: dict, version: str) -> list[tuple[str, int]]:
    """(date, line) the document gives for ``version``, earliest first."""
    wanted = version_key(version)
    return sorted((row[1], row[3]) for row in facts["versions"] if row[1] and version_key(row[0]) == wanted)


def version_changes(facts: dict, version: str) -> tuple[str, int] | None:
    """(what changed, line) of the history row of ``version`` that says it."""
    wanted = version_key(version)
    for text, _, changes, line in facts["versions"]:
        if changes and version_key(text) == wanted:
            return changes, line
    return None


# -- the versions a record says it follows ---------------------------------------------

_DOC_ID = r"[A-Z][A-Z0-9]{0,11}(?:[-_][A-Z0-9]{1,12}){1,5}"
_VERSION_WORD = r"(?:v|ver\.?|version|rev\.?|revision|issue)\s?"
# "per PROC-RM-001 v2.0", "following [PROC-RM-001](../p.md), version 2.0",
# "under the risk procedure PROC-RM-001 (rev. 2)". Bounded gaps, no nested repetition;
# the id in capitals whatever the case of the words around it.
_LEAD = r"\b(?:per|following|followed|under|in accordance with|according to|pursuant to|using|applying|applied)\s++(?:the\s++)?"
_FOLLOWS_ID = lazy(
    _LEAD + r"(?:[A-Za-z][A-Za-z -]{0,40}?\s)?\[?((?-i:" + _DOC_ID + r"))\]?(?:\(([^()\s]{1,200})\))?"
    r"\s*+,?\s*+\(?\s*+" + _VERSION_WORD + r"(\d{1,4}(?:\.\d{1,4}){0,3})\b",
    re.I,
)
# "per [the risk management procedure](../p.md) v2.0"
_FOLLOWS_LINK = lazy(
    _LEAD + r"\[([^\]\n]{1,120})\]\(([^()\s]{1,200})\)\s*+,?\s*+\(?\s*+" + _VERSION_WORD + r"(\d{1,4}(?:\.\d{1,4}){0,3})\b",
    re.I,
)
# Labels of the document a record follows, and of its version.
_REF_LABEL = lazy(
    r"^(?:governing\s+|applicable\s+|related\s+|parent\s+)?(?:procedure|policy|process|sop|work instruction)"
    r"(?:\s+(?:reference|ref\.?|id|no\.?|number|followed|applied|used))?$|^(?:performed|conducted|carried out|done)\s+(?:per|under|according to)$",
    re.I,
)
_VERSION_LABEL = lazy(
    r"^(?:procedure|policy|process|sop|work instruction)\s+(?:version|ver\.?|rev\.?|revision|issue)(?:\s+(?:no\.?|number|#|applied|used|followed))?$"
    r"|^(?:version|revision)\s+of\s+(?:the\s+)?(?:procedure|policy|process|sop)(?:\s+(?:applied|used|followed))?$",
    re.I,
)
_ID_IN = lazy(r"(?<![\w-])(" + _DOC_ID + r")(?![\w-])")
_LINK_IN = lazy(r"\[[^\]\n]{0,120}\]\(([^()\s]{1,200})\)")
_VERSION_IN = lazy(r"(?:^|\b" + _VERSION_WORD + r")(\d{1,4}(?:\.\d{1,4}){0,3})\b", re.I)
_ROW_DATE_HEADER = lazy(r"^(?:date|performed(?: on)?|conducted(?: on)?|completed(?: on)?|carried out(?: on)?|executed(?: on)?|run date|test date|review date|date performed)$", re.I)


def _label(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("_", " ").replace("`", " ").split()).strip(" :")


def _ref_of(text: str) -> tuple[str, str] | None:
    """(ref, kind) of the one document a value names: a link, else a document id."""
    link = _LINK_IN.search(text)
    if link:
        return link.group(1), "link"
    match = _ID_IN.search(text)
    return (match.group(1), "id") if match else None


def _version_in(text: str) -> str | None:
    match = _VERSION_IN.search(text.strip())
    return match.group(1) if match else None


def _in_text(text: str):
    """(ref, kind, version, offset) of each "per <document> <version>" in ``text``."""
    for match in _FOLLOWS_LINK.finditer(text):
        yield match.group(2), "link", match.group(3), match.start()
    for match in _FOLLOWS_ID.finditer(text):
        if match.group(2):
            yield match.group(2), "link", match.group(3), match.start()
        else:
            yield match.group(1), "id", match.group(3), match.start()


def followed_versions(doc) -> dict:
    """What the record says it follows (see the module docstring)."""
    from aims_lint.reading.review_record import held_at

    follows: list[list] = []
    seen: set[tuple] = set()

    def add(ref, kind, version, date, line, column):
        key = (ref, version_key(version), date)
        if key not in seen:
            seen.add(key)
            follows.append([ref, kind, version, date, line, column])

    table_lines: set[int] = set()
    for table in doc.tables:
        table_lines.update(range(table.line, table.end_line + 1))
        date_column = _column(table, _ROW_DATE_HEADER)
        ref_column = _column(table, _REF_LABEL)
        version_column = _column(table, _VERSION_LABEL)
        if version_column is None and ref_column is not None:
            plain = _column(table, _VERSION_HEADER, skip={ref_column})
            # "| Date | Procedure | Version |": the version beside the procedure column.
            version_column = plain if plain is not None and date_column is not None else None
        if len(table.header) == 2:
            continue  # a key/value table: read as labelled fields below
        if ref_column is None and _column(table, _VERSION_HEADER) is not None:
            continue  # the record's own version history ("1.1 | ... | Updated following PROC-X v2.0")
        for row in table.rows:
            cells = row.cells
            date = _date_of(cells[date_column].text, late=True) if date_column is not None and date_column < len(cells) else None
            if ref_column is not None and version_column is not None and max(ref_column, version_column) < len(cells):
                ref, version = _ref_of(_raw(doc, cells[ref_column])), _version_in(cells[version_column].text)
                if ref and version:
                    add(*ref, version, date, row.line, cells[version_column].column)
                    continue
            for cell in cells:
                for ref, kind, version, offset in _in_text(_raw(doc, cell)):
                    add(ref, kind, version, date, row.line, cell.column)
    # Labelled fields: "Procedure: PROC-RM-001 v2.0", or a reference and a version apart.
    refs, versions = [], []
    for label, value, line, column in _labelled(doc):
        text = _label(label)
        if _VERSION_LABEL.match(text):
            version = _version_in(value)
            if version:
                versions.append((version, line, column))
        elif _REF_LABEL.match(text):
            ref = _ref_of(value)
            if ref:
                version = _version_in(value[value.find(ref[0]) + len(ref[0]):].lstrip(" ,(]")) if ref[1] == "id" else None
                if version:
                    add(*ref, version, None, line, column)
                else:
                    refs.append(ref)
    # One document named and one version given: the version is that document's.
    if len(set(refs)) == 1 and len({version_key(item[0]) for item in versions}) == 1:
        add(*refs[0], versions[0][0], None, versions[0][1], versions[0][2])
    for number, text in doc.prose_lines:
        if number in table_lines:
            continue
        for ref, kind, version, offset in _in_text(text):
            add(ref, kind, version, None, number, offset + 1)
    held, line = held_at(doc)
    return {"date": held, "line": line, "follows": follows}


def _raw(doc, cell) -> str:
    """A cell's text with its links written as Markdown (``[text](target)``)."""
    text = cell.text
    for link in cell.links:
        if link.text and f"[{link.text}]" not in text:
            text = text.replace(link.text, f"[{link.text}]({link.target})", 1)
    return text


def _labelled(doc):
    """(label, raw value, line, column) of labelled values: fields of paragraphs and list
    items (raw, so that a link keeps its target) and two-column tables."""
    lines = doc.lines
    for field in doc.fields:
        label = _label(field.label)
        if not (_REF_LABEL.match(label) or _VERSION_LABEL.match(label)):
            continue
        # The raw value keeps a link's target; read from the field's column, and no
        # further than the value could reach (a line of many fields stays linear).
        raw = lines[field.line - 1] if 0 < field.line <= len(lines) else ""
        start = max(field.column - 1, 0)
        colon = raw.find(":", start, start + len(field.label) + 8)
        value = raw[colon + 1:colon + 1 + len(field.value) + 400] if colon >= 0 else field.value
        yield field.label, value.replace("**", "").strip(), field.line, field.column
    for table in doc.tables:
        if len(table.header) != 2:
            continue
        pairs = [(table.header[0], table.header[1])] + [(row.cells[0], row.cells[1]) for row in table.rows if len(row.cells) >= 2]
        for label, value in pairs:
            yield label.text, _raw(doc, value), value.line, value.column
