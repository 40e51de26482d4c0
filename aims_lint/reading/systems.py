"""The AI systems a scope document puts in scope, from its front matter or its body.

Front matter: ``ai_systems``, a list of ``{id, name, ...}`` or of names. Body, read
conservatively (a system read by mistake becomes "in scope without an impact
assessment", a major finding):

- a table with a system column ("AI system", "System", "System name", "AI system ID"),
  or a table with a "Name"/"ID" column in a section about AI systems ("AI systems in
  scope", "Inventory of AI systems"); rows marked out of scope ("In scope: No",
  "Status: Retired / Excluded") are left out;
- a list under a heading about AI systems in scope: each item's lead-in ("**Credit
  scoring** (CS-01): ranks applications") or the whole item when it is short.

A section about systems *out of* scope, excluded or retired is never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aims_lint.patterns import lazy
from aims_lint.reading.roles import clean

_SYSTEMS_TITLE = lazy(
    r"\bai[- ]systems?\b.{0,40}?\b(in[- ]scope|covered|included|inventory|register|list)\b|"
    r"\b(in[- ]scope|covered|included)\b.{0,20}?\bai[- ]systems?\b|"
    r"^\W*(\d+(\.\d+)*\.?\s*)?(the )?ai[- ]systems?( inventory| register| list)?\W*$|\binventory of ai systems\b",
    re.I,
)
_OUT = lazy(r"\bout[- ]of[- ]scope\b|\bexclu|\bnot in scope\b|\bretired\b|\bdecommission|\bfuture\b|\bplanned\b|\bcandidate", re.I)
_SYSTEM_HEADER = lazy(r"^(ai )?(system|model|application)s?( name| id| identifier)?$|^ai system$|^name of (the )?(ai )?system$", re.I)
_NAME_HEADER = lazy(r"^(name|title|system|ai system)$", re.I)
_ID_HEADER = lazy(r"^((ai )?system )?(id|identifier|ref|reference|no\.?|#)$", re.I)
_SCOPE_HEADER = lazy(r"^(in[- ]scope\??|scope|status|included\??|aims scope)$", re.I)
_OUT_VALUE = lazy(r"^\W*(no|n|out|out of scope|excluded|retired|decommissioned|planned|not in scope)\b", re.I)
_ID_TOKEN = lazy(r"\b[A-Z][A-Z0-9]*+(?:[-_][A-Z0-9]++)++\b")
_CATEGORY = lazy(r"\b(?:systems|models|tools|applications|practices|solutions|use cases|components)\b", re.I)
_LEAD = lazy(r"^\s*+([^:—–(\n]{2,80}?)\s*+(?:\(([^)\n]{1,40}+)\)\s*+)?(?::|\s[—–]\s|\s-\s|$)")


@dataclass(frozen=True, slots=True)
class ListedSystem:
    ident: str
    name: str
    line: int  # 0 for a front-matter entry (its position comes from the front matter)
    index: int  # position in the front-matter list, or among the body's systems


def _header(cell) -> str:
    return " ".join(re.sub(r"[^\w#./ ]+", " ", clean(cell.text).lower()).split())


def _in_systems_section(section) -> bool:
    node = section
    while node is not None:
        if _OUT.search(node.title):
            return False
        if _SYSTEMS_TITLE.search(node.title):
            return True
        node = node.parent
    return False


def _table_systems(table) -> list[tuple[str, str, int]]:
    headers = [_header(cell) for cell in table.header]
    system = next((i for i, h in enumerate(headers) if _SYSTEM_HEADER.match(h)), None)
    in_section = table.section is not None and _in_systems_section(table.section)
    if system is None and in_section:
        system = next((i for i, h in enumerate(headers) if _NAME_HEADER.match(h)), None)
    if system is None or not (in_section or headers[system] in ("ai system", "ai systems", "ai system name", "ai system id")):
        return []
    ident_index = next((i for i, h in enumerate(headers) if _ID_HEADER.match(h) and i != system), None)
    scope_index = next((i for i, h in enumerate(headers) if _SCOPE_HEADER.match(h)), None)
    found = []
    for row in table.rows:
        if system >= len(row.cells):
            continue
        name = clean(row.cells[system].text)
        if not name or len(name.split()) > 8 or re.fullmatch(r"[\W\d_]*|tbd|n/?a|\[.*\]", name, re.I):
            continue
        if scope_index is not None and scope_index < len(row.cells) and _OUT_VALUE.match(row.cells[scope_index].text):
            continue
        ident = clean(row.cells[ident_index].text) if ident_index is not None and ident_index < len(row.cells) else ""
        found.append((ident or name, name if ident else "", row.line))
    return found


def _list_systems(doc) -> list[tuple[str, str, int]]:
    found = []
    section, out = None, False
    for block in doc.blocks:
        if block.section is not section:
            section, out = block.section, False
        if block.kind == "paragraph":
            label = block.text.strip().strip("*_ ")
            if label.endswith(":") and len(label) <= 60:
                out = bool(_OUT.search(label))  # "**Out of Scope:**" over the list that follows
            continue
        if out or block.kind != "list_item" or block.depth != 1 or block.section is None or not _in_systems_section(block.section):
            continue
        first = clean(block.text.split("\n", 1)[0])
        lead = _LEAD.match(first)
        if not lead:
            continue
        name = clean(lead.group(1))
        if not name or len(name.split()) > 8 or not name[:1].isupper():
            continue
        if _CATEGORY.search(name):
            continue  # "High-risk AI systems", "AI systems procured from third parties": a class, not a system
        ident = ""
        if lead.group(2) and _ID_TOKEN.fullmatch(lead.group(2).strip()):
            ident = lead.group(2).strip()
        found.append((ident or name, name if ident else "", block.line))
    return found


def read_systems(doc) -> list[ListedSystem]:
    listed = doc.meta.get("ai_systems")
    found: list[ListedSystem] = []
    for index, entry in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(entry, dict) and entry.get("id") not in (None, ""):
            found.append(ListedSystem(str(entry["id"]).strip(), str(entry.get("name") or "").strip(), 0, index))
        elif isinstance(entry, str) and entry.strip():
            found.append(ListedSystem(entry.strip(), "", 0, index))
    if found or isinstance(listed, list):
        return found  # the front matter's list is the scope's list
    body: list[tuple[str, str, int]] = []
    for table in doc.tables:
        body += _table_systems(table)
    if not body:
        body = _list_systems(doc)
    seen = set()
    for ident, name, line in body:
        key = ident.lower()
        if key not in seen:
            seen.add(key)
            found.append(ListedSystem(ident, name, line, len(found)))
    return found


def systems(doc) -> list[ListedSystem]:
    """The AI systems a scope document lists (once per document)."""
    return doc.memo("reading.systems", read_systems)
