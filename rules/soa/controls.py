"""Reading a Statement of Applicability from the document model: the Annex A catalogue,
control-ID normalisation ("A.6.2.4", "A6.2.4", "A-6-2-4" are one control) and one
``ControlRow`` per control the SoA lists (table rows, or a front-matter ``controls``
list), with its inclusion decision and its justification, procedure, evidence and
owner references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from aims_lint.patterns import lazy

# "A.6.2.4", "A6.2.4", "A-6-2-4", "Annex A.5.2", "A.7.x"
# Possessive: the parts of an id never give back what a trailing "\s*[.:]?\s*$" could
# use, and retrying every split of a run of spaces made a long cell quadratic (issue 10).
_ID_PATTERN = r"^\s*+(?:annex\s++)?A\s?[.\-]?\s?(\d{1,2})((?:\s?[.\-]\s?(?:\d{1,2}|x)\b)*+)"
_ID = lazy(_ID_PATTERN, re.I)
_ID_ALONE = lazy(_ID_PATTERN + r"\s*+[.:]?\s*+$", re.I)
_TEMPLATE = lazy(r"\{\{|\{%")


@lru_cache(maxsize=4)
def _catalogue(path: str) -> tuple[tuple[str, str, str], ...]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    return tuple((str(item["id"]), str(item.get("title", "")), str(item.get("group", ""))) for item in data)


def annex_a(ctx) -> dict[str, str]:
    """Annex A control ID -> short title, from the pack's ``data/annex_a.yaml`` (cached)."""
    return {control: title for control, title, _ in _catalogue(str(ctx.data_path("annex_a.yaml")))}


def normalise_id(text: str, alone: bool = False) -> tuple[str, str] | None:
    """(ID as written, normalised "A.x.y[.z]") of a control ID at the start of ``text``."""
    match = (_ID_ALONE if alone else _ID).match(text)
    if not match:
        return None
    parts = [match.group(1)] + [part for part in re.split(r"\s?[.\-]\s?", match.group(2)) if part]
    return match.group(0).strip().rstrip(".:"), "A." + ".".join(part.lower() if part.lower() == "x" else str(int(part)) for part in parts)


def why_unknown(control: str, catalogue: dict[str, str]) -> str:
    """Why a normalised ID is not an Annex A control, in a few words."""
    parts = control.split(".")[1:]
    if "x" in parts or len(parts) == 1:
        return "a group of Annex A, not a control: list each of its controls"
    if parts[-1] == "1" or control in ("A.6.1", "A.6.2"):
        return "an objective of Annex A, which has no control of its own (controls start at .2)"
    group = f"A.{parts[0]}"
    siblings = [known for known in catalogue if known.startswith(group + ".")]
    if not siblings:
        return "not an Annex A group (Annex A runs from A.2 to A.10)"
    return f"not an Annex A control ({group} has {siblings[0]} to {siblings[-1]})"


# ---------------------------------------------------------------------------
# Inclusion decision

_NO = lazy(
    r"^(no|n|excluded?|not applicable|n/?a|not selected|not included|false|out of scope|not in scope)\b|❌|✗|✘", re.I
)
_YES = lazy(r"^(yes|y|included?|applicable|selected|true|in scope|x)\b|✅|✓|✔|☑", re.I)
_EXCLUSION_CONTEXT = lazy(r"exclu|not applicable|non-applicable|excluded", re.I)


def decision(value) -> bool | None:
    """True (included), False (excluded) or None (unknown) from a cell or YAML value.
    YAML 1.2 keeps ``no`` as text; ``false`` is a bool: both mean excluded."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().strip("*_ ")
    if not text:
        return None
    if _NO.search(text):
        return False
    if _YES.search(text):
        return True
    return None


@dataclass(eq=False)
class Ref:
    """A cell or front-matter value: its text and where it is written."""

    text: str
    line: int
    column: int


@dataclass(eq=False)
class ControlRow:
    raw_id: str
    control: str  # normalised ID
    line: int
    column: int
    included: bool | None
    refs: dict[str, Ref] = field(default_factory=dict)  # justification, procedure, evidence, owner, status
    table: object = None  # the Table, or None for front matter

    def ref(self, name: str) -> Ref | None:
        return self.refs.get(name)


_REF_NAMES = ("justification", "procedure", "evidence", "owner", "status", "applicable")


def _column_name(header: str, canonical: str | None) -> str | None:
    lowered = header.lower()
    if canonical is None and re.search(r"implementing|implementation (ref|doc)|policy", lowered):
        return "procedure"
    if canonical == "owner" or re.search(r"\brole\b", lowered) and canonical in (None, "role"):
        return "owner"
    return canonical


def _row_id(row, names) -> tuple[str, str, object] | None:
    """The control ID of a table row: the control or id column first, then any cell
    holding nothing but an ID."""
    order = [i for i, name in enumerate(names) if name in ("control", "id")]
    order += [i for i in range(len(row.cells)) if i not in order]
    for index in order:
        if index >= len(row.cells):
            continue
        cell = row.cells[index]
        found = normalise_id(cell.text, alone=names[index] not in ("control", "id") and index != 0)
        if found:
            return found[0], found[1], cell
    return None


def soa_tables(doc) -> list:
    """Tables that list controls: at least one row with a control ID."""
    return doc.memo("soa.rows", _rows)


def _rows(doc) -> list[ControlRow]:
    rows: list[ControlRow] = []
    for table in doc.tables:
        names = [_column_name(cell.text, name) for cell, name in zip(table.header, table.columns)]
        if len(names) < 2:
            continue
        context = " ".join(table.section.path) if table.section is not None else ""
        excluded_table = "applicable" not in names and (
            _EXCLUSION_CONTEXT.search(context) or any(_EXCLUSION_CONTEXT.search(cell.text) for cell in table.header)
        )
        for row in table.rows:
            if any(_TEMPLATE.search(cell.text) for cell in row.cells[:1]):
                continue
            found = _row_id(row, names)
            if found is None:
                continue
            raw, control, cell = found
            refs = {}
            for name, value in zip(names, row.cells):
                if name in _REF_NAMES and name not in refs:
                    refs[name] = Ref(value.text, value.line, value.column)
            if "applicable" in refs:
                included = decision(refs["applicable"].text)
            elif excluded_table:
                included = False
            else:
                included = True  # listed in a control table with no inclusion column
            rows.append(ControlRow(raw, control, row.line, cell.column, included, refs, table))
    rows.extend(_front_matter_rows(doc))
    return rows


_FM_KEYS = {
    "justification": ("justification", "rationale", "reason"),
    "procedure": ("procedure", "procedures", "policy", "implementation"),
    "evidence": ("evidence", "record", "records"),
    "owner": ("owner", "responsible", "role", "accountable"),
    "status": ("status",),
    "applicable": ("applicable", "included", "applicability"),
}


def _front_matter_rows(doc) -> list[ControlRow]:
    controls = doc.meta.get("controls")
    if not isinstance(controls, list):
        return []
    rows = []
    for index, entry in enumerate(controls):
        if not isinstance(entry, dict):
            continue
        raw = entry.get("id", entry.get("control"))
        found = normalise_id(str(raw), alone=False) if raw is not None else None
        if found is None:
            continue
        line, column = doc.item_position(controls, index)
        refs = {}
        for name, keys in _FM_KEYS.items():
            for key in keys:
                if key in entry:
                    value = entry[key]
                    text = ", ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
                    if isinstance(value, bool):
                        text = "yes" if value else "no"
                    refs[name] = Ref(text, *doc.item_position(entry, key))
                    break
        included = decision(entry.get("applicable", entry.get("included", entry.get("applicability"))))
        rows.append(ControlRow(found[0], found[1], line, column, True if included is None else included, refs, None))
    return rows


def rows(doc) -> list[ControlRow]:
    return soa_tables(doc)


def is_empty_reference(text: str | None, empty_terms: list[str]) -> bool:
    if text is None:
        return True
    cleaned = re.sub(r"[`*_]", "", text).strip().strip(".").lower()
    if not cleaned or _TEMPLATE.search(cleaned):
        return True
    if not re.search(r"[a-z0-9]", cleaned):
        return True
    from ..document_control.placeholders import is_placeholder

    return cleaned in {term.lower() for term in empty_terms} or is_placeholder(text.strip())
