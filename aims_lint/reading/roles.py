"""Roles a document defines, and the owners it names.

A role is *defined* where a document says who does what:

- a roles section ("Roles and responsibilities", "RACI", "Governance structure",
  "Composition", "Rollen und Verantwortlichkeiten"): the role column of its tables (or
  every column that holds names, as in a council's "Role | Seat"), the titles of its
  subsections ("### 4.2 ISMS Manager / CISO"), the lead-ins of its list items
  ("- **AI Governance Lead:** approves ...") and the bold names of its prose ("The
  **Chief Audit Executive (CAE)** holds ...");
- a RACI table anywhere: its role columns ("| Activity | CISO | Risk Owner |" over cells
  of R/A/C/I), or its cells when the columns are the four RACI letters ("| Process |
  Responsible | Accountable | Consulted | Informed |");
- a roles table anywhere: a role column beside a column of responsibilities, duties,
  authorities or competencies (a competence matrix's role column is one);
- an organisation chart: a list of names under an "Organisation chart/structure" heading.

An *owner* is a value written where the document assigns ownership: the front matter's
``owner``/``responsible``/``accountable``/``risk_owner``, a labelled ``Owner:`` field,
an owner column ("Owner", "Risk owner", "Responsible", "Accountable role", "Assigned
to"). These are not owners: the duties column of a roles table ("Identify and report
issues; initiate CAPA"), the letters of a RACI table, the description column of a
schema table ("| Risk Owner | Role title of responsible party |"), the "typical owners"
lists of a method ("**Typical risk owners:** - **Asset Owner:** asset-specific risks").

``looks_like_name`` tells a role's name ("Quality Manager", "CRO", "Risk owners",
"J. Silva, Data Science Lead") from text that describes a duty ("Conduct root cause
analysis"): what a rule comparing names with a role catalogue should judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aims_lint.fields import canonical_name
from aims_lint.patterns import lazy, replace_delimited

OWNER_KEYS = ("owner", "responsible", "accountable", "risk_owner")

# A section that says who does what.
_ROLES_TITLE = lazy(
    r"\broles?\b|responsibilit|\braci\b|accountabilit|governance (structure|bodies|body)|"
    r"organi[sz]ation(al)? (chart|structure)|\borg chart\b|\bcomposition\b|\bmembership\b|who does what|"
    r"\brollen\b|verantwortlich|zuständigkeit|\br[ôo]les?\b|responsabilit|\bdecision rights\b|who approves",
    re.I,
)
_CHART_TITLE = lazy(r"organi[sz]ation(al)? (chart|structure)|\borg chart\b|governance structure|\bcomposition\b|\bmembership\b", re.I)
# Headers of a column that names roles.
_ROLE_HEADER = lazy(r"^(job |key )?roles?( title| name|s)?$|^position$|^function$|^rolle$|^seat$|^member(s)?$|^body$|^committee$|^stakeholder$|^who$")
# Headers of a column that says what a role does.
_DUTIES_HEADER = lazy(r"responsib|\bduties\b|\bduty\b|\btasks?\b|authorit|accountabilit|competen|\bskills?\b|qualification|verantwortung|aufgaben|interaction|reports? (to|through)|\bscope\b|\bfocus\b")
_RACI_CODE = lazy(r"^[RACISV](\s*+[/,+&]\s*+[RACISV])*+$")
_RACI_WORDS = ("responsible", "accountable", "consulted", "informed")
# A schema or glossary table: its rows describe fields, they do not fill them.
_SCHEMA_FIRST = lazy(r"^(field|fields|column|columns|attribute|element|data element|term|parameter|property|key|item|field name|column name)$")
_SCHEMA_OTHER = lazy(r"^(description|definition|meaning|explanation|guidance|purpose|content|contents|what it holds|format|notes?|example|examples)$")
# An owner label, as a whole: "Owner", "Risk owner", "Responsible", "Accountable role".
OWNER_LABEL = lazy(
    r"((risk|control|action|process|document|objective|task|treatment|finding|measure|kpi|metric) )?"
    r"(owner|owners|owner role|owner s|responsible|responsible (role|party|person|owner)|accountable|"
    r"accountable (role|party|person|owner)|responsibility|assigned to|assignee|lead|action by|"
    r"verantwortlich|verantwortlicher|verantwortliche|eigentümer|zuständig)"
)
_DUTY_LABEL = lazy(r"^(responsibilit(y|ies)|key responsibilities|accountabilit(y|ies)|duties)$")
# A label or heading that introduces examples, not assignments.
_EXAMPLES = lazy(r"\btypical(ly)?\b|\be\.g\.|\bfor example\b|\bexamples?\b|\bsuch as\b|\btypisch|\bbeispiel", re.I)
# A sentence that gives a role its responsibilities.
_ASSIGNS = lazy(r"\b(is|are) (responsible|accountable) for\b|\bholds? (\w+ ){0,2}accountability\b|\bresponsibilities include\b", re.I)
_NUMBERING = lazy(r"^\s*+(?:\d+(?:\.\d+)*+[.)]?|[A-Z][.)]|[IVX]+\.)\s++")
_BOLD = lazy(r"\*\*([^*\n]{2,80}+)\*\*")
_LEAD_IN = lazy(r"^\s*+([^:—–\n]{2,80}?)\s*+(?::|[—–]\s|-\s)")
_WORD = lazy(r"[^\W\d_][\w'.&-]*+|\d[\w.-]*+")
_SPLIT = lazy(r"\s*+(?:[;,/+]|\bor\b|\band\b|\boder\b|\bund\b)\s*+")

# Words a role's name may hold in lower case; any other lower-case word makes a duty.
_SMALL_WORDS = frozenset(
    "of and or the for to a an on in at by with per from de der die das und für des du la le et".split()
)
_ROLE_NOUNS = frozenset(
    """owner owners lead leads manager managers officer officers team teams committee committees board
    council head heads director directors group groups department departments representative
    representatives coordinator coordinators steward stewards champion champions auditor auditors
    reporter secretary secretariat chair chairs member members staff holder holders sponsor sponsors
    approver approvers controller controllers architect architects specialist specialists scientist
    scientists engineer engineers developer developers analyst analysts administrator administrators
    operations ops management mgmt users personnel employees contractors counsel executive executives
    panel office unit leadership maintainer keeper custodian delegate deputy supervisor supervisors
    leader leaders expert experts reviewer reviewers investigator implementer verifier initiator
    trainer trainers function functions service desk on call designee nominee""".split()
)
_NOT_ROLES = frozenset(
    {
        "owner", "owners", "responsible", "accountable", "consulted", "informed", "duty", "duties", "task",
        "tasks", "authority", "authorities", "role", "roles", "legend", "note", "notes", "description",
        "purpose", "scope", "name", "names", "general", "overview", "summary", "who", "key roles", "other roles",
        "chair", "member", "members", "secretary", "seat", "standing observer", "deputy chair", "team", "staff",
    }
)
_NOT_ROLE_WORDS = frozenset(
    "responsibilities responsibility duties roles raci matrix legend activity activities procedure overview "
    "legende verantwortlichkeiten aufgaben".split()
)


@dataclass(frozen=True, slots=True)
class Role:
    """A role the document defines, as written, and where."""

    name: str
    line: int
    how: str  # "roles table", "raci", "roles section", "organisation chart"


@dataclass(frozen=True, slots=True)
class Owner:
    """An owner the document names: the value as written, where, and the label it is under."""

    value: str
    line: int
    column: int
    label: str  # front-matter key, field label or column header, as written
    where: str  # "front matter", "field" or "column"


# ---------------------------------------------------------------------------
# Names


_EMPHASIS = lazy(r"[*_`]+")


def clean(text: str) -> str:
    """A cell or label without Markdown emphasis, links' brackets and outer punctuation."""
    if "*" in text or "_" in text or "`" in text:  # most cells have none: no regex for them
        text = _EMPHASIS.sub("", text)
    return " ".join(text.replace("\\", " ").split()).strip(" :;,.-–—")


def looks_like_name(text: str) -> bool:
    """True for what names a role or a person ("Quality Manager", "CRO", "Risk owners;
    Risk Manager", "J. Silva (AI Governance Lead)"), False for a duty or a description
    ("Identify and report issues; initiate CAPA", "Role title of responsible party"),
    RACI letters and empty values."""
    text = clean(replace_delimited(text, "(", ")", "[", "]", across_lines=False))
    if not text or len(text) > 100 or _RACI_CODE.match(text):
        return False
    parts = [part for part in _SPLIT.split(text) if part.strip()]
    if not parts or len(parts) > 6:
        return False
    for part in parts:
        words = _WORD.findall(part)
        if not words or len(words) > 6:
            return False
        if not (words[0][:1].isupper() or words[0][:1].isdigit() and len(words) > 1):
            return False
        letters = sum(1 for word in words if word[:1].isalpha())
        if letters == 0 or len(part.strip()) < 2:
            return False
        for word in words[1:]:
            if word[:1].islower() and word.lower() not in _SMALL_WORDS and word.lower() not in _ROLE_NOUNS:
                return False
    return True


def _role_name(text: str) -> str | None:
    """``text`` as a role's name, or None when it is a label, a heading word or a duty."""
    name = clean(_NUMBERING.sub("", text))
    name = re.sub(r"\s+(responsibilities|responsibility|duties|role|rolle)$", "", name, flags=re.I).strip()
    key = " ".join(re.sub(r"[^\w&]+", " ", name.lower()).split())
    if not key or key in _NOT_ROLES or len(key) < 2:
        return None
    if any(word in _NOT_ROLE_WORDS for word in key.split()) or _EXAMPLES.search(name):
        return None
    if canonical_name(name) not in (None, "owner", "role") and not key.endswith(("officer", "manager", "lead", "owner")):
        return None  # "Status", "Due date", "Frequency": a column or field, not a role
    return name if looks_like_name(name) else None


# Every character a cell holding a RACI code can have: the code's letters and
# separators, and what clean() removes (emphasis, backslashes, outer punctuation);
# whitespace is allowed besides.
_RACI_CHARACTERS = frozenset("RACISV/,+&*_`\\:;.-–—")


def is_raci_code(text: str) -> bool:
    # A code is a few letters ("R", "A/R", "R, C"): a long cell is not one, whatever it says.
    if len(text) > 40:
        return False
    # Most cells hold some other character: no need to clean them and run the pattern.
    other = set(text) - _RACI_CHARACTERS
    if other and not all(character.isspace() for character in other):
        return False
    return bool(_RACI_CODE.match(clean(text)))


# ---------------------------------------------------------------------------
# Tables


def _header_texts(table) -> list[str]:
    return [" ".join(re.sub(r"[^\w&/ ]+", " ", clean(cell.text).lower()).split()) for cell in table.header]


def raci_layout(table) -> str | None:
    """"columns" when the table's role columns hold R/A/C/I letters (roles in the header),
    "cells" when its columns are the RACI letters spelt out (roles in the cells), else None."""
    headers = _header_texts(table)
    if sum(1 for header in headers if header in _RACI_WORDS or header in ("r", "a", "c", "i")) >= 3:
        return "cells"
    # Filled cells (emphasis and punctuation alone are not a value), read without clean():
    # this runs on every table that names an owner.
    cells = [cell.text for row in table.rows for cell in row.cells[1:] if cell.text.strip(" *_`:;,.-–—\\")]
    if len(table.header) >= 3 and cells and _mostly_raci_codes(cells):
        return "columns"
    return None


def _mostly_raci_codes(cells: list[str]) -> bool:
    """At least 60% of ``cells`` are RACI codes (stops once too many are not)."""
    allowed = len(cells) - 0.6 * len(cells)  # cells that may be something else
    others = 0
    for text in cells:
        if not is_raci_code(text):
            others += 1
            if others > allowed:
                return False
    return True


def is_schema_table(table) -> bool:
    """A table that describes fields ("Field | Description | Example"), not one that fills them."""
    headers = _header_texts(table)
    return len(headers) >= 2 and bool(_SCHEMA_FIRST.match(headers[0])) and any(_SCHEMA_OTHER.match(h) for h in headers[1:])


def role_column(table) -> int | None:
    for index, header in enumerate(_header_texts(table)):
        if _ROLE_HEADER.match(header) or (index < len(table.columns) and table.columns[index] == "role"):
            return index
    return None


def _duties_columns(table) -> list[int]:
    return [index for index, header in enumerate(_header_texts(table)) if _DUTIES_HEADER.search(header)]


def is_roles_table(table) -> bool:
    """A role column beside a column of what each role does or must know."""
    index = role_column(table)
    return index is not None and any(other != index for other in _duties_columns(table))


def _column_values(table, index: int) -> list:
    return [row.cells[index] for row in table.rows if index < len(row.cells) and clean(row.cells[index].text)]


def _table_roles(table, in_roles_section: bool) -> list[Role]:
    found: list[Role] = []
    layout = raci_layout(table)
    if layout == "columns":
        index = role_column(table)
        if index == 0:  # roles down the first column, activities across
            found += [Role(name, cell.line, "raci") for cell in _column_values(table, 0) if (name := _role_name(cell.text))]
        else:
            found += [Role(name, table.line, "raci") for cell in table.header[1:] if (name := _role_name(cell.text))]
        return found
    if layout == "cells":
        headers = _header_texts(table)
        for index, header in enumerate(headers):
            if header in _RACI_WORDS or header in ("r", "a", "c", "i"):
                for cell in _column_values(table, index):
                    for part in _SPLIT.split(clean(cell.text)):
                        if name := _role_name(part):
                            found.append(Role(name, cell.line, "raci"))
        return found
    if is_schema_table(table):
        return found
    index = role_column(table)
    if index is not None and (in_roles_section or is_roles_table(table)):
        found += [Role(name, cell.line, "roles table") for cell in _column_values(table, index) if (name := _role_name(cell.text))]
    if in_roles_section:
        # Every other column that holds names: a council's "Role | Seat", "Reports through".
        duties = set(_duties_columns(table))
        for other in range(len(table.header)):
            if other == index or other in duties:
                continue
            if other < len(table.columns) and table.columns[other] not in (None, "role", "owner", "title"):
                continue
            values = _column_values(table, other)
            names = [(cell, _role_name(cell.text)) for cell in values]
            if values and sum(1 for _, name in names if name) >= 0.6 * len(values):
                found += [Role(name, cell.line, "roles table") for cell, name in names if name]
    return found


# ---------------------------------------------------------------------------
# Sections


def _in_roles_section(section) -> bool:
    node = section
    while node is not None:
        if _ROLES_TITLE.search(node.title):
            return True
        node = node.parent
    return False


def _chart(section) -> bool:
    node = section
    while node is not None:
        if _CHART_TITLE.search(node.title):
            return True
        node = node.parent
    return False


def _block_roles(doc, block) -> list[Role]:
    """Role names a paragraph or list item of a roles section defines: its lead-in
    ("**AI Governance Lead:** approves ..."), its bold names, or the whole item in an
    organisation chart."""
    found: list[Role] = []
    first = block.text.split("\n", 1)[0]
    lead = _LEAD_IN.match(first)
    if lead and (name := _role_name(lead.group(1))):
        found.append(Role(name, block.line, "roles section"))
    raw = "\n".join(doc.lines[block.line - 1:block.end_line])
    for match in _BOLD.finditer(raw):
        if name := _role_name(match.group(1)):
            found.append(Role(name, block.line + raw.count("\n", 0, match.start()), "roles section"))
    if block.kind == "list_item" and not found and _chart(block.section):
        if name := _role_name(first):
            found.append(Role(name, block.line, "organisation chart"))
    return found


def read_roles(doc) -> list[Role]:
    from aims_lint.reading.risks import html_tables

    found: list[Role] = []
    for table in [*doc.tables, *html_tables(doc)]:  # HTML <table> markup left by a word processor too
        found += _table_roles(table, table.section is not None and _in_roles_section(table.section))
    for section in doc.sections:
        if not _in_roles_section(section):
            continue
        parent = section.parent
        if parent is not None and _in_roles_section(parent) and not _ROLES_TITLE.search(section.title):
            # "### 4.2 ISMS Manager / CISO" under "## Roles and responsibilities"
            title = _NUMBERING.sub("", section.title)
            if _role_name(title):
                for part in re.split(r"\s*+/\s*+", title):
                    if name := _role_name(part):
                        found.append(Role(name, section.line, "roles section"))
        for block in section.blocks:
            if block.kind != "table":
                found += _block_roles(doc, block)
    for block in doc.blocks:
        # "The **Chief Audit Executive (CAE)** holds primary accountability ...", anywhere.
        if block.kind == "table" or block.section is not None and _in_roles_section(block.section):
            continue
        if _ASSIGNS.search(block.text):
            raw = "\n".join(doc.lines[block.line - 1:block.end_line])
            for match in _BOLD.finditer(raw):
                if name := _role_name(match.group(1)):
                    found.append(Role(name, block.line + raw.count("\n", 0, match.start()), "roles section"))
    return found


def roles(doc) -> list[Role]:
    """The roles the document defines (once per document)."""
    return doc.memo("reading.roles", read_roles)


# ---------------------------------------------------------------------------
# Owners


def owner_label(text: str) -> str:
    """A label or header as compared: lower case, words only ("Risk Owner:" is "risk owner")."""
    return " ".join(re.sub(r"[^\w&]+", " ", clean(text).lower()).split())


def is_owner_label(text: str) -> bool:
    return bool(OWNER_LABEL.fullmatch(owner_label(text)))


def _examples_context(doc, block) -> bool:
    """True for a list item under a label or heading that introduces examples
    ("**Typical risk owners:**", "### Examples")."""
    section = block.section
    if section is not None and _EXAMPLES.search(section.title):
        return True
    previous = None
    for other in (section.blocks if section is not None else doc.blocks):
        if other is block:
            break
        if other.kind == "paragraph" and other.depth == 0:
            previous = other
    return previous is not None and previous.text.rstrip().endswith(":") and bool(_EXAMPLES.search(previous.text))


def _table_at(doc, line: int):
    for table in doc.tables:
        if table.line <= line <= table.end_line:
            return table
    return None


def owner_columns(table) -> list[int]:
    """The columns of a table that assign owners (none in a RACI, roles or schema table)."""
    labels = [(index, owner_label(cell.text)) for index, cell in enumerate(table.header)]
    labels = [(index, label) for index, label in labels if OWNER_LABEL.fullmatch(label)]
    if not labels or raci_layout(table) or is_schema_table(table):
        return []  # the header names no owner (most tables): the cells need no reading
    roles_table = role_column(table) is not None
    found = []
    for index, label in labels:
        if roles_table and (_DUTY_LABEL.match(label) or label in ("responsible", "accountable")):
            continue  # a role's duties beside its name
        found.append(index)
    return found


def read_owners(doc) -> list[Owner]:
    from aims_lint.reading.metadata import metadata

    found: list[Owner] = []
    # The document's owner, from front matter or a body document-control block.
    owner = metadata(doc).get("owner")
    if owner is not None and owner.filled and isinstance(owner.value, str) and owner.value.strip():
        source = "front matter" if owner.source == "front matter" else "document control"
        found.append(Owner(owner.value.strip(), owner.line, owner.column, owner.label, source))
    for key in OWNER_KEYS[1:]:
        value = doc.meta.get(key)
        if isinstance(value, str) and value.strip():
            line, column = doc.value_position(key)
            found.append(Owner(value.strip(), line, column, key, "front matter"))
    for field in doc.fields:
        if field.name != "owner" or not is_owner_label(field.label) or _DUTY_LABEL.match(owner_label(field.label)):
            continue
        if owner is not None and field.line == owner.line:
            continue  # the document-control owner, read above
        if field.block is not None:
            if _examples_context(doc, field.block):
                continue
        else:
            table = _table_at(doc, field.line)
            if table is not None and (is_schema_table(table) or raci_layout(table)):
                continue
        found.append(Owner(field.value.strip(), field.line, field.column, field.label, "field"))
    for table in doc.tables:
        if len(table.header) == 2 and table.columns[0] is not None:
            continue  # a two-column "key | value" table: its owner row is a field above
        for index in owner_columns(table):
            label = table.header[index].text
            for row in table.rows:
                if index < len(row.cells) and row.cells[index].text.strip():
                    cell = row.cells[index]
                    if is_raci_code(cell.text):
                        continue
                    found.append(Owner(cell.text.strip(), cell.line, cell.column, label, "column"))
    return found


def owners(doc) -> list[Owner]:
    """The owners the document names (once per document)."""
    return doc.memo("reading.owners", read_owners)
