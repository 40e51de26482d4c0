"""Tables that are not GFM tables: HTML ``<table>`` markup and tables drawn with box
characters in a code fence. Word-processor exports and "ASCII art" registers write
scales, registers and competence records this way; the readings of every concept see
them through ``all_tables(doc)``, as ``Table`` objects of the document model with real
line numbers (cells hold their text without markup).

Computed once per document, lazily (``Document.memo``).
"""

from __future__ import annotations

import html
import re

from aims_lint.document import Cell, Row, Table
from aims_lint.fields import canonical_name
from aims_lint.patterns import lazy

_BARS = ("│", "┃", "║")
_BOX_RULE = lazy(r"^[\s─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╞╡╪+\-=|:]*$")


def box_rows(code) -> list[list[tuple[int, list[tuple[int, str]]]]]:
    """The boxes of one code fence, each a list of (line, [(column, text)]) rows. A box
    ends at a line that is neither a row nor a rule, or at its bottom border (└ ╚): a
    fence may hold several boxes, one below the other."""
    boxes: list[list[tuple[int, list[tuple[int, str]]]]] = []
    rows: list[tuple[int, list[tuple[int, str]]]] = []
    for number, raw in enumerate(code.text.split("\n")):
        line = code.line + 1 + number
        if not any(bar in raw for bar in _BARS):
            if rows and _BOX_RULE.match(raw) and raw.strip():
                if ("└" in raw or "╚" in raw) and "┼" not in raw and "╬" not in raw:
                    boxes.append(rows)
                    rows = []
                continue
            if rows:
                boxes.append(rows)
                rows = []
            continue
        if _BOX_RULE.match(raw):
            continue
        text = raw.replace("┃", "│").replace("║", "│")
        parts, position = [], 0
        for part in text.split("│"):
            parts.append((position, part))
            position += len(part) + 1
        parts = parts[1:-1] if text.strip().startswith("│") else parts
        rows.append((line, [(column, part.strip()) for column, part in parts]))
    if rows:
        boxes.append(rows)
    return boxes


def _tabular(header: list[tuple[int, str]], rows: list[tuple[int, list[tuple[int, str]]]]) -> bool:
    """A grid, not a diagram: two or more header cells, most of them named (a flowchart's
    boxes side by side leave every other cell empty), and most rows as wide as the header.
    A panel of text drawn in one box is no table either."""
    named = sum(1 for _, text in header if any(char.isalnum() for char in text))  # not "" nor "──▶"
    if len(header) < 2 or named * 3 < len(header) * 2:
        return False
    return sum(1 for _, cells in rows if len(cells) == len(header)) * 2 >= len(rows)


def _read_box_tables(doc) -> list[Table]:
    tables = []
    for code in doc.code_blocks:
        if not any(bar in code.text for bar in _BARS):
            continue
        for rows in box_rows(code):
            if len(rows) < 2:
                continue
            merged: list[tuple[int, list[tuple[int, str]]]] = []
            for line, cells in rows:
                # A wrapped line: the first cell is blank, the text continues the row above.
                if merged and cells and not cells[0][1] and len(cells) == len(merged[-1][1]):
                    previous = merged[-1][1]
                    merged[-1] = (merged[-1][0], [
                        (col, (old + " " + new).strip()) for (col, old), (_, new) in zip(previous, cells)
                    ])
                    continue
                merged.append((line, cells))
            header_line, header_cells = merged[0]
            if not _tabular(header_cells, merged[1:]):
                continue
            table = Table([], [], [], rows[0][0], rows[-1][0], code.section)
            table.header = [Cell(text, header_line, column + 1) for column, text in header_cells]
            table.columns = [canonical_name(cell.text) for cell in table.header]
            for line, cells in merged[1:]:
                table.rows.append(Row([Cell(text, line, column + 1) for column, text in cells], line, table))
            tables.append(table)
    return tables


def box_tables(doc) -> list[Table]:
    """Tables drawn with box characters (│ ┃ ║) in code fences, one per box."""
    return doc.memo("reading.tables.box", _read_box_tables)


_HTML_TABLE = lazy(r"<table\b", re.I)
_HTML_ROW = lazy(r"<tr\b[^>]{0,200}>", re.I)
_HTML_CELL = lazy(r"<t([hd])\b[^>]{0,200}>", re.I)
_HTML_TAG = lazy(r"<[^<>]{0,200}>")


def _read_html_tables(doc) -> list[Table]:
    if "<table" not in doc.text and "<TABLE" not in doc.text:
        return []
    tables = []
    lines = doc.lines
    code = doc._body.code_lines
    number = doc.body_start_line
    while number <= len(lines):
        raw = lines[number - 1]
        if number in code or not _HTML_TABLE.search(raw):
            number += 1
            continue
        start = number
        chunk = []
        while number <= len(lines):
            chunk.append(lines[number - 1])
            if "</table" in lines[number - 1].lower():
                break
            number += 1
        number += 1
        text = "\n".join(chunk)
        table = Table([], [], [], start, start + len(chunk) - 1, doc.section_at(start))
        row_starts = [match.start() for match in _HTML_ROW.finditer(text)] + [len(text)]
        for begin, end in zip(row_starts, row_starts[1:]):
            part = text[begin:end]
            line = start + text.count("\n", 0, begin)
            cells, header = [], False
            cell_starts = list(_HTML_CELL.finditer(part))
            for index, match in enumerate(cell_starts):
                stop = cell_starts[index + 1].start() if index + 1 < len(cell_starts) else len(part)
                content = _HTML_TAG.sub(" ", part[match.end():stop])
                content = " ".join(html.unescape(content).split())
                cells.append(Cell(content, line + part.count("\n", 0, match.start()), 1))
                header = header or match.group(1).lower() == "h"
            if not cells:
                continue
            if not table.header and (header or not table.rows):
                table.header = cells
                table.columns = [canonical_name(cell.text) for cell in cells]
            else:
                table.rows.append(Row(cells, line, table))
        if table.header:
            tables.append(table)
    return tables


def html_tables(doc) -> list[Table]:
    """Simple HTML tables (``<table><tr><th>..</th></tr><tr><td>..</td></tr></table>``),
    one row per ``<tr>``; the first row (or the ``<th>`` row) is the header."""
    return doc.memo("reading.tables.html", _read_html_tables)


# ---------------------------------------------------------------------------
# Records written as labelled lines in a code fence ("Risk ID: AIR-001", "Role: Analyst")

_BULLETS = "│┃║•·▪‣◦*-–—✅✔✓☑⚠️❌✗🔄 \t"
_LABEL_TEXT = lazy(r"^[A-Za-z][A-Za-z0-9 /&'()-]{0,40}$")


def labelled_pairs(text: str, line: int) -> list[tuple[str, Cell]]:
    """"Label: value" pairs of one line of a fence, split at " | ", commas and parentheses
    ("Employee: J. Smith | Role: Analyst", "AI Ethics (Completed: 2024-04-15, Score: 88%)")."""
    found = []
    for segment in text.replace("(", "|").replace(")", "|").replace(",", "|").split("|"):
        label, colon, value = segment.partition(":")
        label = label.strip(_BULLETS).strip()
        if not colon or not _LABEL_TEXT.match(label):
            continue
        found.append((label, Cell(value.strip(), line, max(text.find(segment), 0) + 1)))
    return found


def bullet_depth(text: str) -> int | None:
    """Indentation of a bulleted line of a fence ("│ • Name:" 1, "│   - Field:" 3), None
    for a line that is no list item."""
    stripped = text.lstrip(" \t")
    if not stripped or stripped[0] not in "•·▪‣◦*-–":
        return None
    return len(text) - len(stripped)


def _unboxed(text: str) -> str:
    """A panel's line without its frame: "│ • Name: x   │" -> "  • Name: x"."""
    for bar in ("│", "┃", "║"):
        text = text.replace(bar, " ")
    return text.rstrip()


def _read_groups(doc) -> list[list[tuple[int, str]]]:
    groups = []
    for code in doc.code_blocks:
        if any(bar in code.text for bar in ("│", "┃", "║")):
            raw = code.text.split("\n")
            for rows in box_rows(code):
                if all(len(cells) == 1 for _, cells in rows):
                    groups.append([(line, _unboxed(raw[line - code.line - 1])) for line, _ in rows])
            continue
        group: list[tuple[int, str]] = []
        for number, raw in enumerate(code.text.split("\n")):
            if raw.strip():
                group.append((code.line + 1 + number, raw))
            elif group:
                groups.append(group)
                group = []
        if group:
            groups.append(group)
    return groups


def fenced_groups(doc) -> list[list[tuple[int, str]]]:
    """Lines that make one record in a code fence: each box panel (one cell a row; box
    characters removed, indentation kept), and each paragraph of a fence drawn without
    boxes. Lists of (line, text)."""
    return doc.memo("reading.tables.fenced_groups", _read_groups)


def all_tables(doc) -> list[Table]:
    """The document's GFM tables, then its HTML tables, then its box-drawn tables."""
    return doc.memo("reading.tables.all", lambda d: [*d.tables, *html_tables(d), *box_tables(d)])
