"""Statement of Applicability entries, whatever the layout.

One ``SoAEntry`` per control the SoA decides on: the control id as written and
normalised, its title, the decision (included, excluded, unknown), and the
justification, status, procedure, record/evidence, owner and risk values with their lines,
each value carrying its references typed (a link, a document id, a path written as
text, a code name, a web address, plain words).

Layouts read to the same entries:

- one table, or one table per Annex A theme (``| Control | Applicable | ... |``), the
  meaning of each column from its header and, where the header says nothing, from its
  values (a column of Yes/No/✓/Excluded is the decision; "Implemented by" holding role
  names is the owner, holding documents the procedure);
- one key/value table per control (``| Applicable | Yes |`` under a heading
  ``### A.6.2.4 ...`` or with a ``| Control | A.6.2.4 |`` row);
- one section per control with labelled fields (``- **Justification:** ...``);
- a front-matter ``controls`` list.

Tables that are not SoA rows give no entries: summaries and quick references (counts
per theme), remediation plans and gap lists (actions, due dates, priorities), coverage
matrices and control-to-risk mappings (several controls per cell, a risk column). Rows
that only name an Annex A theme or objective (``| **A.2 Policies related to AI** | | |``)
are headings, not entries.

``SoAReading.other_standard`` says when the entries are the controls of another
standard (ISO/IEC 27001 Annex A, 2013 or 2022, pasted as a 42001 SoA): ids outside
42001's range and titles that are not 42001's for the same id. Rules then judge the
SoA as one gap instead of row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from aims_lint.fields import READING_FIELDS, normalise_label
from aims_lint.patterns import lazy

from .tables import all_tables

# ---------------------------------------------------------------------------
# Control ids

# "A.6.2.4", "A6.2.4", "A-6-2-4", "Annex A.5.2", "A.7.x"
# Possessive: the parts of an id never give back what a trailing "\s*[.:]?\s*$" could
# use, and retrying every split of a run of spaces made a long cell quadratic (issue 10).
_ID_PATTERN = r"^\s*+(?:annex\s++)?A\s?[.\-]?\s?(\d{1,2})((?:\s?[.\-]\s?(?:\d{1,2}|x)\b)*+)"
_ID = lazy(_ID_PATTERN, re.I)
_ID_ALONE = lazy(_ID_PATTERN + r"\s*+[.:]?\s*+$", re.I)
_ANY_ID = lazy(r"\bA\s?\.\s?\d{1,2}(?:\s?\.\s?(?:\d{1,2}|x)\b)++", re.I)
_TEMPLATE = lazy(r"\{\{|\{%")


def normalise_id(text: str, alone: bool = False) -> tuple[str, str] | None:
    """(ID as written, normalised "A.x.y[.z]") of a control ID at the start of ``text``
    (``alone``: the text holds nothing else)."""
    match = (_ID_ALONE if alone else _ID).match(_strip_emphasis(text))
    if not match:
        return None
    parts = [match.group(1)] + [part for part in re.split(r"\s?[.\-]\s?", match.group(2)) if part]
    normalised = "A." + ".".join(part.lower() if part.lower() == "x" else str(int(part)) for part in parts)
    return match.group(0).strip().rstrip(".:"), normalised


def _strip_emphasis(text: str) -> str:
    return text.strip().strip("*_`").strip() if text[:1] in "*_` " or text[-1:] in "*_` " else text


@lru_cache(maxsize=4)
def _load_catalogue(path: str) -> tuple[tuple[str, str, str], ...]:
    from pathlib import Path

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    return tuple((str(item["id"]), str(item.get("title", "")), str(item.get("group", ""))) for item in data)


def catalogue() -> dict[str, str]:
    """ISO/IEC 42001 Annex A control id -> short title (the pack's ``data/annex_a.yaml``)."""
    from aims_lint.pack import data_path

    return {control: title for control, title, _ in _load_catalogue(str(data_path("annex_a.yaml")))}


def is_heading_id(control: str) -> bool:
    """A theme ("A.5") or a 42001 objective ("A.2.1", "A.6.1", "A.6.2"), not a control."""
    parts = control.split(".")[1:]
    return len(parts) == 1 or "x" in parts or (len(parts) == 2 and (parts[1] == "1" or control in ("A.6.1", "A.6.2")))


# ---------------------------------------------------------------------------
# Values and their references

# A scheme has at most 32 characters: unbounded, a search starting at every letter of a
# long run ("a-a-a...") rescanned the rest of the run for "://" (issue 10).
_WEB_ADDRESS = lazy(r"\b[a-z][a-z0-9+.-]{0,31}+://\S++|\bwww\.\S++", re.I)
# A file path written as text: folders and a file name with an extension, or a Markdown file name.
# A path starts where a run of name characters starts, not after a "-" or "." inside it
# (a name alone may start after a "."): otherwise every "-" of "-a-a-a..." started a
# search that rescanned the rest of the run (issue 10).
_PATH_TOKEN = lazy(
    r"(?<![\w:/.-])(?:\.{0,2}/)?(?:[\w.-]+/)+[\w.-]+\.[A-Za-z]{2,5}\b"
    r"|(?<![\w:/-])[\w-]+\.(?:md|markdown)\b"
)
# A document id as organisations write them: capitals and digits in two or more parts.
_ID_TOKEN = lazy(r"(?<![\w./:-])[A-Z][A-Z0-9]*+(?:[-_][A-Z0-9]++)++(?![\w-]|\.\w)")


@dataclass(frozen=True, slots=True)
class Reference:
    """One thing a value points to, typed by how it is written.

    kind: "link" (a Markdown link; ``target`` its href), "external" (a web address),
    "path" (a file path written as text), "code" (inline code: a file, module or system
    name kept as evidence, not a document to look up), "id" (a document-id-shaped token),
    "words" (plain words naming nothing that can be followed)."""

    kind: str
    text: str
    target: str = ""


@dataclass(eq=False)
class Value:
    """A cell, field or front-matter value: its text, where it is written, and the links
    and code spans written in it."""

    text: str
    line: int
    column: int
    links: list = field(default_factory=list)
    code: list = field(default_factory=list)

    @property
    def is_template_variable(self) -> bool:
        """``{{ org.role_CISO }}``: a value a template engine fills in (present, not missing)."""
        return bool(_TEMPLATE.search(self.text))

    @property
    def references(self) -> list[Reference]:
        found: list[Reference] = []
        rest = self.text
        for link in self.links:
            kind = "external" if _WEB_ADDRESS.match(link.target) or link.target.startswith("mailto:") else "link"
            found.append(Reference(kind, link.text, link.target))
            if link.text:
                rest = rest.replace(link.text, " ", 1)
        for span in self.code:
            found.append(Reference("external" if _WEB_ADDRESS.match(span) else "code", span, span))
            rest = rest.replace(span, " ", 1)
        for match in _WEB_ADDRESS.finditer(rest):
            address = match.group(0).rstrip(".,;)")
            found.append(Reference("external", address, address))
        rest = _WEB_ADDRESS.sub(" ", rest)
        for match in _PATH_TOKEN.finditer(rest):
            written = match.group(0).rstrip(".,;)")
            found.append(Reference("path", written, written))
        rest = _PATH_TOKEN.sub(" ", rest)
        for match in _ID_TOKEN.finditer(rest):
            found.append(Reference("id", match.group(0), match.group(0)))
        parts = [" ".join(part.split()) for part in re.split(r"[,;]|<br\s*+/?>", _ID_TOKEN.sub(" ", rest))]
        words = ", ".join(part for part in parts if re.search(r"[A-Za-z]{2}", part))
        if words and not self.is_template_variable:
            found.append(Reference("words", words, ""))
        return found


# ---------------------------------------------------------------------------
# Decisions

_NO = lazy(
    r"^(no|n|excluded?|not applicable|n/?a|not selected|not included|false|out of scope|not in scope|non-applicable)\b|❌|✗|✘|☐",
    re.I,
)
_YES = lazy(r"^(yes|y|included?|applicable|selected|true|in scope|x|required|mandatory)\b|✅|✓|✔|☑", re.I)
_CHOICE = lazy(r"\byes\s*+/\s*+no\b|\by\s*+/\s*+n\b", re.I)
_EXCLUSION_CONTEXT = lazy(r"exclu|not applicable|non-applicable", re.I)


def decision(value) -> bool | None:
    """True (included), False (excluded) or None (unknown) from a cell or YAML value.
    YAML 1.2 keeps ``no`` as text; ``false`` is a bool: both mean excluded. An
    unfilled choice ("Yes / No") is unknown."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().strip("*_ ")
    if not text or _CHOICE.search(text):
        return None
    if _NO.search(text):
        return False
    if _YES.search(text):
        return True
    return None


# ---------------------------------------------------------------------------
# Entries

FIELDS = ("justification", "status", "procedure", "evidence", "owner", "risk")


@dataclass(eq=False)
class SoAEntry:
    raw_id: str  # as written
    control: str  # normalised: "A.6.2.4"
    line: int
    column: int
    title: str = ""
    decision: str = "included"  # "included", "excluded" or "unknown"
    values: dict = field(default_factory=dict)  # FIELDS name -> Value
    layout: str = "table"  # "table", "key-value table", "fields", "front matter"
    table: object = None  # the model's Table, for table rows

    @property
    def included(self) -> bool | None:
        return {"included": True, "excluded": False}.get(self.decision)

    @property
    def refs(self) -> dict:
        return self.values

    def ref(self, name: str) -> Value | None:
        return self.values.get(name)

    justification = property(lambda self: self.values.get("justification"))
    status = property(lambda self: self.values.get("status"))
    procedure = property(lambda self: self.values.get("procedure"))
    evidence = property(lambda self: self.values.get("evidence"))
    owner = property(lambda self: self.values.get("owner"))
    risk = property(lambda self: self.values.get("risk"))  # the risks it treats: a reason to include it


@dataclass(frozen=True)
class OtherStandard:
    """The SoA lists another standard's Annex A controls."""

    standard: str  # "ISO/IEC 27001:2013", "ISO/IEC 27001:2022", "ISO/IEC 27001"
    foreign: tuple  # the entries that are not 42001 controls
    total: int  # entries read


@dataclass
class SoAReading:
    entries: list  # every entry read, in document order
    other_standard: OtherStandard | None = None

    @property
    def controls(self) -> list:
        """The entries judged as ISO/IEC 42001 controls: none when the SoA is another standard's."""
        return [] if self.other_standard is not None else self.entries


def read_soa(doc) -> SoAReading:
    """The SoA reading of a document (computed once, kept on the document)."""
    return doc.memo("reading.soa", _read)


def entries(doc) -> list:
    return read_soa(doc).entries


# ---------------------------------------------------------------------------
# Column meaning

# (role, pattern searched in the normalised header); the first match wins.
_HEADER_ROLES = tuple(
    (role, lazy(pattern))
    for role, pattern in (
        ("decision", r"\bapplicab|\binclu(ded|sion)\b|^selected\b|\bin scope\b|^applies\b|^decision$|^yes / no$|^y / n$"),
        ("justification", r"justif|rationale|\breasons?\b|^why\b|\bexclusion\b"),
        ("status", r"\bstatus\b|^state$|^outcome$|^results?$|^progress$|^implemented\b(?! by)|^maturity$"),
        ("evidence", r"\brecords?\b|\bevidence\b|\bproof\b|\bartefacts?\b|\bartifacts?\b"),
        ("implemented_by", r"^implemented by$|^implementation by$"),
        ("owner", r"\bowner\b|\bresponsib|\baccountab|\bassigned\b|\brole\b|^lead$|^who$|^raci$"),
        ("procedure", r"\bprocedures?\b|\bpolic(y|ies)\b|\bguidelines?\b|\bimplementing\b|^implementation (ref|reference|doc|document)s?$|\bdocuments?\b|\bprocess\b"),
        ("plan", r"\baction\b|\bdue\b|\bdeadline\b|\bpriority\b|\bremediation\b|^gaps?\b|\bnext steps?\b|\bmilestones?\b|^target\b|^timeline$"),
        ("risk", r"\brisks?\b|\bthreats?\b|\bhazards?\b"),
        ("id", r"^(annex a )?(control )?(id|ref|reference|no\.?|number|#|clause)$|^control$|^annex a( control| ref)?$|^iso( 42001)?( control| clause| ref)?$|^controls?$"),
        ("title", r"\btitle\b|\bname\b|^objective$|^control objective|^description$|^control description$|^topic$|^requirement$"),
    )
)
_ROLE_WORDS = lazy(
    r"\b(lead|officer|manager|head|owner|team|committee|board|director|engineer|ciso|cto|ceo|cio|dpo|"
    r"coordinator|specialist|analyst|administrator|department|council|steward|champion|hr|legal|security|"
    r"operations|governance|pmo)\b",
    re.I,
)
_NUMBER = lazy(r"^\**\s*+[\d.,]++\s*+%?\s*+\**$")


def _header_role(text: str) -> str | None:
    label = normalise_label(text)
    if not label:
        return None
    for role, pattern in _HEADER_ROLES:
        if pattern.search(label):
            return role
    return None


@dataclass
class _Columns:
    role: str  # "soa", "exclusions", "summary", "plan", "mapping", "list"
    id_index: int
    roles: dict  # role -> column index (first such column)


_WIDEST = 30  # columns searched for ids and decisions: no SoA is wider


def _id_column(table) -> tuple[int, int, int] | None:
    """(index, rows with an id, rows with several ids) of the column of control ids: the
    column with most ids, an id written alone counting before one that opens a title."""
    best, best_score = None, 0
    for index in range(min(len(table.header), _WIDEST)):
        with_id = several = score = 0
        for row in table.rows:
            if index < len(row.cells):
                text = row.cells[index].text
                if normalise_id(text):
                    with_id += 1
                    score += 2 if normalise_id(text, alone=True) else 1
                    if len(_ANY_ID.findall(text)) > 1 and not _is_range(text):
                        several += 1
        if score > best_score:
            best, best_score = (index, with_id, several), score
    return best


def _is_range(text: str) -> bool:
    return bool(re.search(r"\d\s*+[–-]\s*+A?\s?\.?\s?\d", text)) and len(_ANY_ID.findall(text)) == 2


def _columns(table) -> _Columns | None:
    """What a table is for an SoA reader, or None when it lists no controls."""
    if len(table.header) < 2 or not table.rows:
        return None
    found = _id_column(table)
    if found is None:
        return None
    id_index, with_id, several = found
    filled = [row for row in table.rows if any(cell.text.strip() for cell in row.cells)]
    if with_id * 2 < len(filled):
        return None  # a few ids mentioned in a table about something else
    roles: dict[str, int] = {}
    configured = table.configured("soa")
    for index, cell in enumerate(table.header):
        if index == id_index:
            continue
        role = _configured_role(configured[index]) if configured[index] else _header_role(cell.text)
        if role == "id":
            role = "title"  # "Control" holding titles beside a "Ref" column of ids
        if role == "implemented_by":
            role = _implemented_by(table, index)
        if role is not None and role not in roles:
            roles[role] = index
    others = [i for i in range(min(len(table.header), _WIDEST)) if i != id_index and i != roles.get("title")]
    if "decision" not in roles:  # a column of Yes/No/✓ whatever its header says
        for index in others:
            values = [row.cells[index].text for row in table.rows if index < len(row.cells) and row.cells[index].text.strip()]
            if values and sum(decision(value) is not None for value in values) * 5 >= len(values) * 4 and index not in roles.values():
                roles["decision"] = index
                break
    if several * 2 >= with_id:
        return _Columns("mapping", id_index, roles)  # several controls per row: a coverage matrix
    cells = [row.cells[i].text for row in table.rows for i in others if i < len(row.cells) and row.cells[i].text.strip()]
    if cells and sum(bool(_NUMBER.match(text)) for text in cells) * 2 >= len(cells):
        return _Columns("summary", id_index, roles)  # counts per theme
    judged = {"decision", "justification", "evidence", "procedure"}
    if "risk" in roles and not roles.keys() & {"decision", "justification"}:
        return _Columns("mapping", id_index, roles)  # controls against risks
    if "plan" in roles and not roles.keys() & judged:
        return _Columns("plan", id_index, roles)  # a remediation plan or gap list
    context = " ".join(table.section.path) if table.section is not None else ""
    header = " ".join(cell.text for cell in table.header)
    if "decision" not in roles and (_EXCLUSION_CONTEXT.search(context) or _EXCLUSION_CONTEXT.search(header)):
        return _Columns("exclusions", id_index, roles)
    if roles.keys() & (judged | {"status", "owner"}):
        return _Columns("soa", id_index, roles)
    return _Columns("list", id_index, roles)


def _implemented_by(table, index: int) -> str:
    """"Implemented by" names roles (the owner) or documents (the procedure)."""
    values = [row.cells[index].text for row in table.rows if index < len(row.cells) and row.cells[index].text.strip()]
    roles = sum(bool(_ROLE_WORDS.search(value)) and not _ID_TOKEN.search(value) and not _PATH_TOKEN.search(value) for value in values)
    return "owner" if values and roles * 2 > len(values) else "procedure"


def _value(cell) -> Value:
    return Value(cell.text, cell.line, cell.column, list(cell.links), list(cell.code))


def _table_entries(table, columns: _Columns) -> list[SoAEntry]:
    found = []
    title_index = columns.roles.get("title")
    for row in table.rows:
        cells = row.cells
        if columns.id_index >= len(cells) or any(_TEMPLATE.search(cell.text) for cell in cells[:1]):
            continue  # a template engine's loop, not a control
        cell = cells[columns.id_index]
        parsed = normalise_id(cell.text)
        if parsed is None:
            continue
        raw, control = parsed
        title = cells[title_index].text if title_index is not None and title_index < len(cells) else ""
        if not title:
            title = _strip_emphasis(_strip_emphasis(cell.text)[len(raw):].strip(" —–-:|.")) if len(cell.text) > len(raw) else ""
        rest = [c.text for i, c in enumerate(cells) if i not in (columns.id_index, title_index) and c.text.strip()]
        if not rest and (is_heading_id(control) or title):
            continue  # "| **A.2 Policies related to AI** | | |": a heading row
        values = {}
        for name in FIELDS:
            index = columns.roles.get(name)
            if index is not None and index < len(cells):
                values[name] = _value(cells[index])
        state = "included"
        if "decision" in columns.roles:
            index = columns.roles["decision"]
            verdict = decision(cells[index].text) if index < len(cells) else None
            state = {True: "included", False: "excluded", None: "unknown"}[verdict]
        elif columns.role == "exclusions":
            state = "excluded"
        found.append(SoAEntry(raw, control, row.line, cell.column, title, state, values, "table", table))
    return found


def _configured_role(name: str) -> str:
    """The column role a field of ``header-words: soa:`` stands for."""
    return READING_FIELDS["soa"][name]


# Key/value layouts: a label per line or per row.
def _field_role(label: str, words=None) -> str | None:
    configured = words.field("soa", label) if words else None
    role = _configured_role(configured) if configured else _header_role(label)
    if role == "implemented_by":
        return "procedure"
    return role


def _key_value_entries(doc, table) -> list[SoAEntry]:
    """One control written as a two-column table of labels and values."""
    if len(table.header) != 2:
        return []
    pairs = [(table.header[0], table.header[1])] + [(row.cells[0], row.cells[1]) for row in table.rows if len(row.cells) >= 2]
    labelled = {}
    for label, value in pairs:
        role = _field_role(label.text, doc.header_words)
        if role is not None and role not in labelled:
            labelled[role] = (label, value)
    if len(labelled.keys() & {"decision", "justification", "status", "procedure", "evidence", "owner"}) < 2:
        return []
    parsed, where, title = None, None, ""
    if "id" in labelled:
        label, value = labelled["id"]
        parsed, where = normalise_id(value.text), value
        title = value.text[len(parsed[0]):].strip(" —–-:") if parsed else ""
    if parsed is None and normalise_id(table.header[0].text, alone=True):
        parsed, where, title = normalise_id(table.header[0].text, alone=True), table.header[0], table.header[1].text
    if parsed is None and table.section is not None:
        parsed, where = normalise_id(table.section.title), None
        title = table.section.title[len(parsed[0]):].strip(" —–-:") if parsed else ""
    if parsed is None:
        return []
    if "title" in labelled:
        title = labelled["title"][1].text
    line, column = (where.line, where.column) if where is not None else (table.line, 1)
    values = {name: _value(labelled[name][1]) for name in FIELDS if name in labelled}
    state = "included"
    if "decision" in labelled:
        state = {True: "included", False: "excluded", None: "unknown"}[decision(labelled["decision"][1].text)]
    return [SoAEntry(parsed[0], parsed[1], line, column, title, state, values, "key-value table", table)]


def _field_entries(doc, taken: set[int]) -> list[SoAEntry]:
    """One control per section whose heading starts with its id, with labelled fields."""
    by_section: dict[int, list] = {}
    for item in doc.fields:
        if item.block is not None and item.block.section is not None:
            by_section.setdefault(id(item.block.section), []).append(item)
    found = []
    links_on: dict[int, list] = {}
    code_on: dict[int, list] = {}
    if by_section:
        for link in doc.links:
            links_on.setdefault(link.line, []).append(link)
        for span in doc.code_spans:
            code_on.setdefault(span.line, []).append(span.text)
    for section in doc.sections:
        if id(section) in taken:
            continue
        parsed = normalise_id(section.title)
        if parsed is None or is_heading_id(parsed[1]):
            continue
        labelled = {}
        for item in by_section.get(id(section), ()):
            role = _field_role(item.label, doc.header_words)
            if role is not None and role not in labelled:
                labelled[role] = item
        if not labelled.keys() & {"decision", "justification", "status", "procedure", "evidence", "owner"}:
            continue
        values = {}
        for name in FIELDS:
            item = labelled.get(name)
            if item is not None:
                links = [link for link in links_on.get(item.line, ()) if link.text in item.value]
                code = [text for text in code_on.get(item.line, ()) if text in item.value]
                values[name] = Value(item.value, item.line, item.column + len(item.label), links, code)
        state = "included"
        if "decision" in labelled:
            state = {True: "included", False: "excluded", None: "unknown"}[decision(labelled["decision"].value)]
        title = section.title[len(parsed[0]):].strip(" —–-:") if len(section.title) > len(parsed[0]) else ""
        found.append(SoAEntry(parsed[0], parsed[1], section.line, 1, title, state, values, "fields", None))
    return found


_FM_KEYS = {
    "justification": ("justification", "rationale", "reason"),
    "procedure": ("procedure", "procedures", "policy", "implementation"),
    "evidence": ("evidence", "record", "records"),
    "owner": ("owner", "responsible", "role", "accountable"),
    "status": ("status",),
    "risk": ("risks", "risk", "risk_ids"),
}


def _front_matter_entries(doc) -> list[SoAEntry]:
    controls = doc.meta.get("controls")
    if not isinstance(controls, list):
        return []
    found = []
    for index, entry in enumerate(controls):
        if not isinstance(entry, dict):
            continue
        raw = entry.get("id", entry.get("control"))
        parsed = normalise_id(str(raw)) if raw is not None else None
        if parsed is None:
            continue
        line, column = doc.item_position(controls, index)
        values = {}
        for name, keys in _FM_KEYS.items():
            for key in keys:
                if key in entry:
                    value = entry[key]
                    text = ", ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
                    if isinstance(value, bool):
                        text = "yes" if value else "no"
                    values[name] = Value(text, *doc.item_position(entry, key))
                    break
        verdict = decision(entry.get("applicable", entry.get("included", entry.get("applicability"))))
        state = "excluded" if verdict is False else "included"
        title = str(entry.get("title") or entry.get("name") or "")
        found.append(SoAEntry(parsed[0], parsed[1], line, column, title, state, values, "front matter", None))
    return found


def _read(doc) -> SoAReading:
    table_entries, lists = [], []
    taken_sections: set[int] = set()
    for table in all_tables(doc):  # HTML <table> markup and box-drawn tables too
        kv = _key_value_entries(doc, table)
        if kv:
            table_entries.extend(kv)
            if table.section is not None:
                taken_sections.add(id(table.section))
            continue
        columns = _columns(table)
        if columns is None:
            continue
        if columns.role in ("soa", "exclusions"):
            rows = _table_entries(table, columns)
            table_entries.extend(rows)
            if rows and table.section is not None:
                taken_sections.add(id(table.section))
        elif columns.role == "list":
            lists.append((table, columns))
    found = table_entries + _field_entries(doc, taken_sections)
    if not found:  # a bare list of controls, when nothing else says what the SoA decides
        for table, columns in lists:
            found.extend(_table_entries(table, columns))
    found.sort(key=lambda entry: entry.line)
    found.extend(_front_matter_entries(doc))
    return SoAReading(found, _other_standard(found))


# ---------------------------------------------------------------------------
# Another standard's Annex A

_STOP = frozenset("a an and the of for in on to or with by from its their other".split())
_AI = lazy(r"\bAI\b|artificial intelligence|\bmachine learning\b|\bML\b|\bmodels?\b|\balgorithm", re.I)


def _words(text: str) -> set[str]:
    return {word.rstrip("s") for word in re.findall(r"[a-z]+", text.lower()) if word not in _STOP}


def title_matches(title: str, expected: str) -> bool:
    """A written title names the catalogue's control ("AI policy communicated" is "AI policy")."""
    written, known = _words(title), _words(expected)
    if not written or not known:
        return False
    shared = written & known
    return len(shared) * 2 >= len(known) or len(shared) * 2 >= len(written)


def _far(control: str) -> bool:
    """An id no 42001 control could be mistyped as: a group outside A.2-A.10, three
    levels outside A.6, a number past ten ("A.12.4.1", "A.5.1.1", "A.5.37", "A.8.34")."""
    parts = control.split(".")[1:]
    if "x" in parts:
        return False
    group = int(parts[0])
    depth = 3 if group == 6 else 2
    return not 2 <= group <= 10 or len(parts) > depth or any(int(part) > 10 for part in parts[1:])


def _other_standard(found: list) -> OtherStandard | None:
    known = catalogue()
    foreign, native = [], 0
    for entry in found:
        if entry.title and _AI.search(entry.title):
            native += 1  # an AI control, whatever its number
        elif entry.control in known:
            if entry.title and not title_matches(entry.title, known[entry.control]):
                foreign.append(entry)  # 27001:2022 A.5.2 "Information security roles and responsibilities"
            else:
                native += 1
        elif entry.title and "x" not in entry.control or _far(entry.control):
            foreign.append(entry)  # "A.5.7 Threat intelligence", "A.12.4.1"
    if len(foreign) < 3 or len(foreign) * 5 < (len(foreign) + native) * 4:
        return None
    levels = [entry.control.split(".")[1:] for entry in foreign]
    old = sum(len(parts) == 3 and parts[0] != "6" or int(parts[0]) > 10 for parts in levels if "x" not in parts)
    standard = "ISO/IEC 27001:2013" if old * 2 > len(foreign) else "ISO/IEC 27001:2022"
    return OtherStandard(standard, tuple(foreign), len(found))
