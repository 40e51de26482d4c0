"""What the management-review rules share: recognising minutes and their parts."""

from __future__ import annotations

import re

from aims_lint.dates import ISO_DATE, prose_date
from aims_lint.fields import canonical_name
from aims_lint.patterns import lazy
from aims_lint.reading import review_record

from ..common import inactive, term_pattern, title_of, unfilled

# Minutes typed as management-review, or kept as generic records (a "records/*.md":
# record glob) whose title says they are a management review.
TYPES = ("management-review", "record")
_TITLE = lazy(r"management[\s-]+review", re.I)


def is_minutes(doc) -> bool:
    if doc.doc_type == "management-review":
        return True
    return doc.doc_type == "record" and bool(_TITLE.search(title_of(doc)))


def judged(doc) -> bool:
    """Minutes of a held review, to be judged as such: not a management-review procedure,
    governance cadence or agenda (``aims_lint.reading.review_record``), not retired, not
    an unfilled template (MRV008's finding)."""
    return is_minutes(doc) and review_record.kind(doc) == review_record.MINUTES and not inactive(doc) and unfilled(doc) is None


def in_agenda(section) -> bool:
    """True for blocks under an agenda or checklist heading: an agenda item is not an
    input addressed, a checklist item is not an action."""
    node = section
    while node is not None:
        if re.search(r"\bagenda\b|\bchecklist\b", node.title, re.I):
            return True
        node = node.parent
    return False


def review_text(doc) -> str:
    """Headings, blocks and table headers outside the agenda."""
    parts = [section.title for section in doc.sections if not in_agenda(section)]
    parts += [block.text for block in doc.blocks if block.section is None or not in_agenda(block.section)]
    parts += [" | ".join(cell.text for cell in table.header) for table in doc.tables if table.section is None or not in_agenda(table.section)]
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# Actions: table rows, task-list items, items under an "Actions" heading or label

_ACTION_TITLE = lazy(
    r"^\W*(\d+(\.\d+)*[.)]?\s*)?((agreed|new|follow[- ]up|open)\s+)?(actions?|action items|action plan|action log)\b"
    r"|decisions?\s*(and|&|/)\s*actions?|actions?\s*(and|&|/)\s*decisions?",
    re.I,
)
_LABEL = lazy(r"^\W*(?P<kind>(agreed |new )?actions?( items)?|decisions?( and actions?)?|actions? and decisions?)\W*$", re.I)
OWNER_MARK = lazy(r"\b(owner|responsible|assignee|assigned to|accountable|action by)\s*[:=]\s*(?P<value>[^,;—–|()\n]+)", re.I)
DUE_MARK = lazy(r"\b(due(?: date)?|deadline|target date|by when)\s*[:=]\s*(?P<value>[^,;—–|()\n]+)", re.I)


_LEADING_OWNER = lazy(r"^\s*(?P<value>[A-Z][\w/&.' -]{1,40}?)\s*:\s+\S")


class Action:
    def __init__(self, text, line, column, owner, due, due_line, due_column):
        self.text, self.line, self.column = text, line, column
        self.owner, self.due = owner, due
        self.due_line, self.due_column = due_line, due_column


def _is_action_table(table) -> bool:
    """A table of actions: an action or decision column with an owner or due column, or
    any table of an actions section. A trigger table ("Trigger | Response time | Required
    action"), an agenda's or a checklist's table is not one."""
    if table.section is not None and in_agenda(table.section):
        return False
    headers = [cell.text.lower() for cell in table.header]
    assigned = "owner" in table.columns or "due" in table.columns
    named = "action" in table.columns or "decision" in table.columns or any(re.search(r"\baction", text) for text in headers)
    if table.section is not None and _ACTION_TITLE.search(table.section.title):
        return named or assigned
    return named and assigned


def _item_parts(doc, block, roles):
    owner = due = None
    due_line, due_column = block.line, 1
    for field in doc.fields:
        if field.block is block and field.name == "owner" and owner is None:
            owner = field.value
        if field.block is block and field.name == "due" and due is None:
            due, due_line, due_column = field.value, field.line, field.column
    if owner is None:
        match = OWNER_MARK.search(block.text)
        leading = _LEADING_OWNER.match(block.text)
        if match:
            owner = match.group("value").strip()
        elif leading and canonical_name(leading.group("value")) is None:
            owner = leading.group("value").strip()  # "Compliance Officer: add a second CAPA cycle"
        elif roles is not None and roles.search(block.text):
            owner = roles.search(block.text).group(0)
    if due is None:
        match = DUE_MARK.search(block.text)
        if match:
            due = match.group("value").strip()
            due_line = block.line_of(match.start())
            raw = doc.lines[due_line - 1] if due_line - 1 < len(doc.lines) else ""
            due_column = max(raw.find(match.group(0)), 0) + 1
        elif ISO_DATE.search(block.text) or prose_date(block.text):
            due = (ISO_DATE.search(block.text) or re.search(r".*", block.text)).group(0)
    return owner, due, due_line, due_column


def _marked(doc, block) -> bool:
    """A list item that assigns itself: an owner or a due date written with its label."""
    if any(field.block is block and field.name in ("owner", "due") for field in doc.fields):
        return True
    return bool(OWNER_MARK.search(block.text) or DUE_MARK.search(block.text))


def actions(doc, config_roles=()):
    """Every action the minutes record, with its owner and due date as written."""
    roles = term_pattern(tuple(config_roles)) if config_roles else None
    found = []
    for table in doc.tables:
        if not _is_action_table(table):
            continue
        owner_index = table.column_index("owner")
        due_index = table.column_index("due")
        for row in table.rows:
            first = next((cell for cell in row.cells if cell.text), None)
            if first is None:
                continue
            named = table.has("action") or table.has("decision")
            label = row.value("action") or row.value("decision") or ("" if named else first.text)
            if not label:
                continue
            owner = row.cells[owner_index].text if owner_index is not None and owner_index < len(row.cells) else None
            due_cell = row.cells[due_index] if due_index is not None and due_index < len(row.cells) else None
            found.append(Action(label, row.line, first.column, owner or None, (due_cell.text or None) if due_cell else None,
                                due_cell.line if due_cell else row.line, due_cell.column if due_cell else 1))
    context = None  # "action" / "decision" after a paragraph label such as "Actions:"
    context_section = None
    for block in doc.blocks:
        if block.kind == "paragraph" and block.depth == 0:
            match = _LABEL.match(block.text.strip())
            context = ("decision" if match.group("kind").lower().startswith("decision") and "action" not in match.group("kind").lower() else "action") if match else None
            context_section = block.section
            continue
        if block.kind != "list_item":
            continue
        if context is not None and block.section is not context_section:
            context = None
        section = block.section
        titled = section is not None and bool(_ACTION_TITLE.search(section.title)) and not in_agenda(section)
        mixed = titled and bool(re.search(r"decision", section.title, re.I))
        owner, due, due_line, due_column = _item_parts(doc, block, roles)
        if (titled and not mixed) or context == "action":
            pass
        elif block.checked is not None and not in_agenda(section) and _marked(doc, block):
            pass  # "- [ ] Update the register — Owner: AI Governance Lead — Due: 2027-01-31"
        elif (context == "decision" or mixed) and (owner or due):
            pass
        else:
            continue
        if block.depth > 1:
            continue
        found.append(Action(block.text.split("\n")[0], block.line, 1, owner, due, due_line, due_column))
    return found
