"""Document metadata: the document-control keys of a document, from its front matter or
from a document-control block in its body, with the line and column of each value.

Most real repositories keep document control in the body, not in YAML front matter:

- a "Document control" / "Document information" table, two columns (``| Version | 1.0 |``)
  or a header row with one value row (``| Version | Owner | Approved by |``);
- bold labels, one per line (``**Owner:** AI Governance Lead`` ending in ``\\`` or two
  spaces), in a list (``- **Version**: 1.0``) or a blockquote (``> Next review: …``);
- one line of several fields separated by ``·``, ``•`` or ``|``
  (``**Référence :** LUM-USE-001 · **Version :** 1.3``);
- at the top of the document, at its end, or under a heading that says so;
- empty headings named after the keys (``# Owner`` / ``# Approver``): present, unfilled.

Labels are read through ``vocabulary/document_control_labels.txt`` of the built-in
pack (``key: label``), so that "Approving Authority", "Propriétaire" and "Maintained by"
are the front-matter keys ``approved_by`` and ``owner``. A version-history table
(Version | Date | Author | Changes) is not the block itself, but gives the current
version when nothing else does. Front-matter values win over body ones.

A placeholder ("[Date]", "TBD", "{{ owner }}", "___") is not a value: the key is
present but unfilled (``MetaValue.filled`` is False); DOC008 reports the placeholder.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aims_lint.dates import parse_date, parse_interval, prose_date
from aims_lint.patterns import delimited_spans, lazy, replace_delimited

FRONT_MATTER = "front matter"
BODY = "body"

KEYS = (
    "id", "title", "owner", "version", "status", "approved_by", "approved_on", "last_reviewed",
    "review_interval", "next_review", "classification", "effective", "date", "author",
)
DATE_KEYS = frozenset({"approved_on", "last_reviewed", "next_review", "effective", "date"})
# Keys that only document control carries: a run of "Owner" and "Status" fields can be
# a risk's, a run with "Version" or "Next review" is a document's.
_STRONG = frozenset(KEYS) - {"title", "owner", "status", "date", "author"}
# Leading words dropped from a label that is not listed as a whole ("Policy Owner",
# "Form ID", "Meeting Date", "Audit Reference").
_PREFIXES = ("document", "doc", "policy", "procedure", "form", "record", "standard", "audit", "report", "meeting", "assessment")

# Headings and lead-in labels that announce a document-control block.
_CONTROL_TITLE = lazy(
    r"\b(?:document|doc)\s+(?:control|information|details|metadata|properties|history|approval|management)\b"
    r"|\bversion\s+(?:control|history)\b|\brevision\s+history\b|\bchange\s+(?:history|log)\b"
    r"|^\W*(?:metadata|approvals?|sign-?off|report information|document)\W*$"
    r"|contr[ôo]le\s+(?:du\s+)?document|informations?\s+(?:du\s+)?document|dokument(?:en)?(?:lenkung|information|historie)",
    re.I,
)
_LIST_MARKER = lazy(r"^(?:[-*+]|\d{1,3}[.)])\s++(?:\[[ xX]\]\s++)?")
_SEPARATORS = (" · ", " • ", " | ", " ¦ ")
_UNFILLED_WORDS = lazy(
    r"\b(?:TBD|TBC|TODO|FIXME|XXX+|YYYY|MM|DD|N/?A)\b|\bto be (?:filled|determined|confirmed|completed|defined|decided|added)\b",
    re.I,
)
_VERSION_NUMBER = lazy(r"(\d{1,4}(?:\.\d{1,4}){0,3})")


@dataclass(frozen=True, slots=True)
class MetaValue:
    """One document-control value: what it says, where, and where it was read from."""

    key: str
    value: Any  # the YAML value (front matter) or the cleaned text (body)
    line: int
    column: int
    source: str  # FRONT_MATTER or BODY
    label: str  # the key or the label as written
    filled: bool  # False for an empty value or a placeholder

    @property
    def text(self) -> str:
        if isinstance(self.value, (list, tuple)):
            return ", ".join(str(item).strip() for item in self.value if isinstance(item, (str, int, float)))
        if self.value is None or isinstance(self.value, (dict, bool)):
            return ""
        return " ".join(str(self.value).split())

    @property
    def position(self) -> tuple[int, int]:
        return self.line, self.column

    def date(self, late: bool = True) -> _dt.date | None:
        """The date this value states. A YAML value must be a real date; a body value may
        be written in words ("26 February 2026", "January 2026": with ``late`` its last
        day, else its first, whichever reading is least likely to raise a finding)."""
        if not self.filled:
            return None
        if self.source == FRONT_MATTER:
            return parse_date(self.value)
        return parse_date(self.text) or prose_date(self.text, late=late)


class Metadata:
    """The document-control keys of one document (see the module docstring)."""

    __slots__ = ("values", "front_matter", "body_line", "body_lines")

    def __init__(self, values: dict[str, MetaValue], front_matter: bool, body_line: int | None, body_lines: tuple[int, ...]):
        self.values = values
        self.front_matter = front_matter  # the document has a readable front matter mapping
        self.body_line = body_line  # first line of the body's document-control block, or None
        self.body_lines = body_lines  # first line of each body block read

    @property
    def has_control(self) -> bool:
        """Front matter or a body document-control block."""
        return self.front_matter or self.body_line is not None

    @property
    def source(self) -> str | None:
        return FRONT_MATTER if self.front_matter else BODY if self.body_line is not None else None

    def get(self, key: str) -> MetaValue | None:
        return self.values.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def text(self, key: str) -> str:
        """The value of ``key`` as text, "" when absent or unfilled."""
        item = self.values.get(key)
        return item.text if item is not None and item.filled else ""

    def date(self, key: str, late: bool = True) -> _dt.date | None:
        item = self.values.get(key)
        return item.date(late) if item is not None else None

    @property
    def status(self) -> str:
        """The status, lower-cased ("" when none)."""
        return self.text("status").lower()

    @property
    def approved(self) -> bool:
        """The status says approved ("approved", "Approved ✅", "Approved by the board")."""
        words = re.findall(r"[a-z]+", self.status)
        return bool(words) and words[0] == "approved"

    @property
    def inactive(self) -> bool:
        """Retired or superseded: kept for the record, not reviewed."""
        words = re.findall(r"[a-z]+", self.status)
        return bool(words) and words[0] in ("retired", "superseded", "obsolete", "withdrawn")


def metadata(doc) -> Metadata:
    """The document's metadata, read once per document."""
    return doc.memo("reading.metadata", _read)


# The document id a body document-control block gives ("| Document ID | POL-AI-001 |"):
# one token of letters, digits and separators, not a placeholder ("IA-[YYYY]-[XXX]").
BODY_ID_FACT = "metadata.body-id.1"
_BODY_ID = lazy(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,59}+")


def body_id(doc) -> str | None:
    """The id of a document written in its body document control (not its front matter),
    when it reads as an identifier; None otherwise. Kept in the workspace's facts cache
    (``BODY_ID_FACT``), so the index of ids does not parse every body on every run."""
    item = metadata(doc).get("id")
    if item is None or item.source != BODY or not item.filled:
        return None
    text = item.text.strip().strip("*_`").strip()
    if not _BODY_ID.fullmatch(text) or not any(char.isdigit() for char in text) or "xxx" in text.lower():
        return None
    return text


# ---------------------------------------------------------------------------
# Reading


def _read(doc) -> Metadata:
    values: dict[str, MetaValue] = {}
    groups = _body_groups(doc) if doc.read_error is None else []
    chosen = [group for group in groups if group.qualifies]
    for group in chosen:
        for entry in group.entries:
            held = values.get(entry.key)
            if held is None or (not held.filled and entry.filled):
                values[entry.key] = entry
    meta = doc.meta
    front = bool(doc.front_matter is not None and isinstance(meta, dict) and meta and not doc.front_matter.problems)
    if isinstance(meta, dict):
        for key in KEYS:
            if key in meta:
                value = meta[key]
                values[key] = MetaValue(key, value, *doc.value_position(key), FRONT_MATTER, key, _filled_yaml(value))
    body_lines = tuple(sorted(group.line for group in chosen))
    return Metadata(values, front, body_lines[0] if body_lines else None, body_lines)


def _filled_yaml(value: Any) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return False
    return not isinstance(value, str) or not unfilled(value)


def unfilled(text: str) -> bool:
    """True when a value holds nothing but placeholders: "[Date]", "{{ owner }}", "TBD",
    "___", "[ROLE - e.g., CISO]", "YYYY-MM-DD"."""
    rest = replace_delimited(text, "{{", "}}", "[[", "]]", "{%", "%}", "[", "]", "<", ">", across_lines=False)
    rest = _UNFILLED_WORDS.sub(" ", rest)
    return not any(char.isalnum() for char in rest)


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    from aims_lint.pack import vocabulary

    labels: dict[str, str] = {}
    for line in vocabulary("document_control_labels"):
        key, _, label = line.partition(":")
        key, label = key.strip(), normalise(label)
        if key in KEYS and label:
            labels.setdefault(label, key)
    return labels


@lru_cache(maxsize=4096)
def normalise(label: str) -> str:
    text = replace_delimited(label.lower(), "(", ")", across_lines=False)
    text = text.replace("*", " ").replace("_", " ").replace("`", " ").replace("-", " ").replace("\\", " ")
    text = " ".join(text.split()).strip(" :.")
    start = 0
    while start < len(text) and not text[start].isalnum():
        start += 1  # emoji and bullets before the label
    return text[start:]


def label_key(label: str, words=None) -> str | None:
    """The front-matter key a body label means ("Approving Authority" -> approved_by);
    ``words``: the organisation's labels (``header-words: document-control:``, or the
    ``document_control_labels`` vocabulary in the configuration), which win."""
    if words:
        configured = words.field("document-control", label)
        if configured is not None:
            return configured
    return _builtin_label_key(label)


@lru_cache(maxsize=4096)
def _builtin_label_key(label: str) -> str | None:
    text = normalise(label)
    if not text or len(text) > 48:
        return None
    labels = _labels()
    key = labels.get(text)
    if key is None:
        first, _, rest = text.partition(" ")
        if rest and first in _PREFIXES:
            key = labels.get(rest)
    if key is None and "/" in text:  # "Version/Phase", "Owner / Maintainer"
        key = labels.get(text.split("/", 1)[0].strip())
    return key


def _clean(value: str) -> str:
    text = value.replace("**", "").replace("__", "").replace("`", "").replace("\\", "")
    text = text.strip()
    while text and (text[0] in "·•|—–;,:" or text[-1] in "·•|—–;,"):
        text = text.strip("·•|—–;,:").strip()
    return text


def _entry(key: str, label: str, value: str, line: int, column: int) -> MetaValue:
    text = _clean(value)
    if key == "review_interval" and text and parse_interval(text) is None and (parse_date(text) or prose_date(text)):
        key = "next_review"  # "Review: 2027-01-31" is a date
    elif key == "next_review" and text and not (parse_date(text) or prose_date(text)) and parse_interval(text):
        key = "review_interval"  # "Review date: annually" is an interval
    return MetaValue(key, text, line, column, BODY, label.strip(), bool(text) and not unfilled(text))


class _Group:
    __slots__ = ("entries", "line", "end_line", "titled", "section", "table_kv", "rows", "qualifies")

    def __init__(self, line: int, section, titled: bool = False):
        self.entries: list[MetaValue] = []
        self.line = line
        self.end_line = line
        self.titled = titled
        self.section = section
        self.table_kv = False
        self.rows = 0
        self.qualifies = False


def _titled_section(section) -> bool:
    while section is not None:
        if _CONTROL_TITLE.search(section.title):
            return True
        section = section.parent
    return False


def _line_entries(raw: str, number: int, words=None) -> list[MetaValue]:
    """Labelled values on one raw line: bold labels ("**Owner:** X **Version:** 1.0"), or
    plain "Label: value" segments separated by ·, •, |."""
    if ":" not in raw:
        return []
    stripped = raw.lstrip(" \t>")  # blockquote markers, in one pass
    marker = _LIST_MARKER.match(stripped)
    if marker:
        stripped = stripped[marker.end():]
    offset = len(raw) - len(stripped)  # column of stripped[0], 0-based, when nothing was cut inside
    text = stripped.rstrip()
    if text.endswith("\\"):
        text = text[:-1]
    found: list[MetaValue] = []
    if "**" in text or "__" in text:
        labels = []  # (start, value start, label)
        for start, end in delimited_spans(text, "**", "**", "__", "__", across_lines=False):
            inner = text[start + 2:end - 2].strip()
            after = end
            while after < len(text) and text[after] == " ":
                after += 1
            if inner.endswith(":"):
                labels.append((start, end, inner[:-1]))
            elif after < len(text) and text[after] == ":":
                labels.append((start, after + 1, inner))
        for index, (start, value_start, label) in enumerate(labels):
            key = label_key(label, words)
            if key is None:
                continue
            value_end = labels[index + 1][0] if index + 1 < len(labels) else len(text)
            value = text[value_start:value_end]
            found.append(_entry(key, label, value, number, offset + _value_column(text, value_start, value_end, start)))
        if labels:
            return found
    position = 0
    segments = [text]
    for separator in _SEPARATORS:
        if separator in text:
            segments = text.split(separator)
            break
    for segment in segments:
        colon = segment.find(":")
        if 0 < colon <= 60:
            label = segment[:colon]
            key = label_key(label, words)
            if key is not None:
                start = text.find(segment, position)
                start = max(start, 0)
                found.append(_entry(key, label, segment[colon + 1:], number, offset + _value_column(text, start + colon + 1, start + len(segment), start)))
        position = text.find(segment, position) + len(segment) if text.find(segment, position) >= 0 else position
    return found


def _value_column(text: str, start: int, end: int, label_start: int) -> int:
    """1-based column of a value's first character (past spaces and emphasis marks); the
    label's when the value is empty."""
    index = start
    while index < end and text[index] in " \t*_`":
        index += 1
    return (index if index < end else label_start) + 1


def _text_groups(doc) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    lines = doc.lines
    for block in doc.blocks:
        if block.kind == "table":
            continue
        entries: list[MetaValue] = []
        for number in range(block.line, min(block.end_line, len(lines)) + 1):
            entries.extend(_line_entries(lines[number - 1], number, doc.header_words))
        if not entries:
            first = block.text.split("\n", 1)[0].strip()
            if len(first) <= 60 and _CONTROL_TITLE.search(first.rstrip(":").strip()):
                current = _Group(block.line, block.section, titled=True)  # "**Document control**"
                current.end_line = block.end_line
                groups.append(current)
            elif current is not None and block.section is current.section and block.line <= current.end_line + 2 and block.kind == "list_item":
                current.end_line = block.end_line  # "- **Created:** …" between two fields we know
            else:
                current = None
            continue
        if current is None or block.section is not current.section or block.line > current.end_line + 2:
            current = _Group(block.line, block.section)
            groups.append(current)
        current.entries.extend(entries)
        current.end_line = block.end_line
    return [group for group in groups if group.entries]


def _version_key(text: str) -> tuple[int, ...] | None:
    match = _VERSION_NUMBER.search(text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def _table_groups(doc) -> list[_Group]:
    groups = []
    for table in doc.tables:
        if not table.header:
            continue
        keys = [label_key(cell.text, doc.header_words) for cell in table.header]
        group = _Group(table.line, table.section, titled=bool(_CONTROL_TITLE.search(table.header[0].text)))
        group.end_line = table.end_line
        if len(table.header) == 2:  # key | value
            group.table_kv = True
            pairs = [(table.header[0], table.header[1])] + [(row.cells[0], row.cells[1]) for row in table.rows if len(row.cells) >= 2]
            group.rows = len(pairs)
            for label, value in pairs:
                key = label_key(label.text, doc.header_words)
                if key is not None:
                    group.entries.append(_entry(key, label.text, value.text, value.line, value.column))
        elif sum(key is not None for key in keys) >= 2:
            named = [(index, key) for index, key in enumerate(keys) if key is not None]
            if len(table.rows) == 1 and 2 * len(named) >= len(keys):
                row = table.rows[0]
                for index, key in named:
                    if index < len(row.cells):
                        cell = row.cells[index]
                        group.entries.append(_entry(key, table.header[index].text, cell.text, cell.line, cell.column))
            elif "version" in keys:
                # A version history: the row with the highest version is the current one.
                index = keys.index("version")
                best = None
                for row in table.rows:
                    if index < len(row.cells):
                        number = _version_key(row.cells[index].text)
                        if number is not None and (best is None or number > best[0]):
                            best = (number, row.cells[index])
                if best is not None:
                    cell = best[1]
                    group.entries.append(_entry("version", table.header[index].text, cell.text, cell.line, cell.column))
                    group.rows = -1  # history: a block only under a document-control heading
        if group.entries:
            groups.append(group)
    return groups


_HEADING_KEYS = frozenset({"owner", "approved_by", "approved_on", "last_reviewed", "next_review", "version", "status", "review_interval"})


def _heading_group(doc) -> list[_Group]:
    """Headings named after the keys, each with one short line or nothing below."""
    group = None
    for section in doc.sections:
        if section.children:
            continue
        key = label_key(section.title, doc.header_words)
        if key not in _HEADING_KEYS:
            continue
        text = section.text.strip()
        if "\n" in text or len(text) > 120:
            continue
        if group is None:
            group = _Group(section.line, None)
        line = section.blocks[0].line if section.blocks else section.line
        group.entries.append(_entry(key, section.title, text, line, 1))
        group.end_line = section.end_line
    return [group] if group is not None and len({entry.key for entry in group.entries}) >= 2 else []


_RECORD_TYPES = frozenset({"management-review", "internal-audit", "record"})


def _is_record(doc) -> bool:
    return doc.doc_type in _RECORD_TYPES


def _body_groups(doc) -> list[_Group]:
    groups = _text_groups(doc) + _table_groups(doc) + _heading_group(doc)
    if not groups:
        return groups
    sections = doc.sections
    top_limit = sections[1].line if len(sections) > 1 else len(doc.lines) + 1
    if sections and sections[0].line > doc.body_start_line + 2 and sections[0].level > 1:
        top_limit = min(top_limit, sections[0].line)
    # Lines with text after each line: a block near the end is a footer.
    lines = doc.lines
    tail = [0] * (len(lines) + 2)
    for number in range(len(lines), 0, -1):
        text = lines[number - 1].strip()
        tail[number] = tail[number + 1] + (1 if text and text.strip("-*_=") else 0)
    # A record (minutes, an audit report) is identified by its date.
    strong_keys = _STRONG | {"date"} if _is_record(doc) else _STRONG
    for group in groups:
        keys = {entry.key for entry in group.entries}
        strong = len(keys & strong_keys)
        titled = group.titled or _titled_section(group.section)
        # At the top: before the second heading, or among the first dozen lines of text.
        top = group.line < top_limit or tail[doc.body_start_line] - tail[group.line] <= 12
        end = tail[min(group.end_line + 1, len(tail) - 1)] <= 10
        if group.rows == -1:  # version history
            group.qualifies = titled
        elif titled:
            group.qualifies = True
        else:
            group.qualifies = (len(keys) >= 2 and strong >= 1 and (top or end)) or (len(keys) >= 3 and strong >= 2)
            if group.table_kv:  # most of the table's rows are document control
                group.qualifies = group.qualifies and len(group.entries) * 2 >= group.rows
    groups.sort(key=lambda group: group.line)
    return groups
