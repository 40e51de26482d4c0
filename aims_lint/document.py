"""The document model: one governance document, parsed once, for every rule to read.

A ``Document`` holds the front matter (ruamel.yaml round-trip data with real line
numbers) and, parsed lazily on first use, the body: sections, paragraphs, list items,
tables with canonical column names, labelled fields, links and HTML comments. Line
numbers everywhere are 1-based lines of the file as the user sees it.

Rules read this model; they never see markdown-it tokens and never parse text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from aims_lint import frontmatter
from aims_lint.fields import canonical_name
from aims_lint.patterns import delimited_spans, lazy

# ---------------------------------------------------------------------------
# Body elements


@dataclass(eq=False, slots=True)
class Section:
    """A heading and everything up to the next heading of the same or higher level."""

    title: str
    level: int
    line: int
    end_line: int = 0
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # blocks directly under this heading

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def text(self) -> str:
        """The plain text below the heading, subsections included."""
        return "\n".join(block.text for section in self.walk() for block in section.blocks)

    @property
    def path(self) -> list[str]:
        """Titles from the top-level heading down to this one."""
        titles, node = [], self
        while node is not None:
            titles.append(node.title)
            node = node.parent
        return titles[::-1]


@dataclass(eq=False, slots=True)
class Block:
    """A paragraph, list item or table cell text with the lines it covers."""

    kind: str  # "paragraph", "list_item" or "table"
    text: str
    line: int
    end_line: int
    section: Section | None = None
    checked: bool | None = None  # for task-list items: "- [ ]" False, "- [x]" True
    depth: int = 0  # list nesting depth for list items

    def line_of(self, offset: int) -> int:
        """File line of a character offset into ``text``."""
        return self.line + self.text.count("\n", 0, offset)


@dataclass(eq=False, slots=True)
class Cell:
    text: str
    line: int
    column: int
    links: list[Link] = field(default_factory=list)  # links written in this cell
    code: list[str] = field(default_factory=list)  # code spans written in this cell (`name`)


@dataclass(eq=False, slots=True)
class Row:
    cells: list[Cell]
    line: int
    table: Table

    def get(self, name: str) -> Cell | None:
        """The cell of the column with canonical name ``name`` (first such column)."""
        index = self.table.column_index(name)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def value(self, name: str) -> str:
        cell = self.get(name)
        return cell.text if cell else ""


@dataclass(eq=False, slots=True)
class Table:
    header: list[Cell]
    columns: list[str | None]  # canonical name of each header cell
    rows: list[Row]
    line: int
    end_line: int
    section: Section | None = None

    def column_index(self, name: str) -> int | None:
        try:
            return self.columns.index(name)
        except ValueError:
            return None

    def has(self, name: str) -> bool:
        return name in self.columns


def _promote_header(table: Table) -> None:
    """A word-processor export writes an empty header row (``|   |   |``) and the column
    names in the first body row: those names are the header."""
    if not table.rows or any(cell.text.strip() for cell in table.header):
        return
    first = table.rows[0]
    if sum(1 for cell in first.cells if cell.text.strip()) < 2:
        return
    table.header = first.cells
    table.columns = [canonical_name(cell.text) for cell in first.cells]
    del table.rows[0]


@dataclass(eq=False, slots=True)
class Link:
    target: str
    text: str
    line: int
    column: int


@dataclass(eq=False, slots=True)
class CodeSpan:
    """Inline code (`records/log.md`) in a paragraph, list item or table cell: its text and line."""

    text: str
    line: int


@dataclass(eq=False, slots=True)
class CodeBlock:
    """A fenced or indented code block: its info string ("markdown file=a.md"), text, first line."""

    info: str
    text: str
    line: int
    section: Section | None = None


@dataclass(eq=False, slots=True)
class Comment:
    """An HTML comment: its inner text and where it starts."""

    text: str
    line: int
    end_line: int
    column: int


@dataclass(eq=False, slots=True)
class Field:
    """A labelled value: ``**Owner:** X``, ``Owner: X``, ``| **Version** | 1.0 |``."""

    label: str
    name: str | None  # canonical name, None when the label means nothing we know
    value: str
    line: int
    column: int
    block: Block | None = None


# ---------------------------------------------------------------------------
# Parsing the body

_markdown = None


def _parser():
    global _markdown
    if _markdown is None:
        from markdown_it import MarkdownIt

        # CommonMark + GFM tables and strikethrough; maxNesting bounds hostile nesting.
        _markdown = MarkdownIt("commonmark", {"html": True, "maxNesting": 20}).enable(["table", "strikethrough"])
    return _markdown


_TASK = lazy(r"^\[([ xX])\]\s+")
# Every pattern here must cost time linear in the line, whatever the line holds (issue
# 10): a whitespace run is consumed possessively (``\s*+``) and from its first character
# only (``(?<!\s)``), never rescanned from each of its positions; a label never ends in a
# space (the ``\s*`` after it takes those), so a long run after a word is scanned once,
# not once per label length; a value runs to the end of the line and is stripped later.
_LINE_FIELD = lazy(r"^\s*+([A-Za-z](?:[\w/&()' .-]{0,47}?[\w/&()'.-])?)\s*+:\s++(\S.*)$")
_INLINE_SEPARATORS = lazy(r"(?<!\s)\s++[—–|;]\s++|(?<!\s)\s++-\s++(?=[A-Z][\w ]{0,30}:\s)")
_INLINE_FIELD = lazy(r"^\s*+([A-Za-z](?:[\w/& -]{0,29}?[\w/&-])?)\s*+:\s++(\S.*)$")


def _inline_text(token) -> str:
    children = token.children or ()
    if len(children) == 1 and children[0].type == "text":
        return children[0].content  # the common case: plain text
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child))
    return "".join(parts)


def _split_row(raw: str) -> list[tuple[int, str]]:
    """Cells of a raw table line as (0-based column, raw text), splitting on unescaped pipes."""
    if "\\" not in raw:  # no escaped pipes: split directly
        stripped = raw.rstrip()
        start = len(stripped) - len(stripped.lstrip())
        if stripped[start:start + 1] == "|":
            start += 1
        cells = []
        for part in stripped[start:].split("|"):
            cells.append((start + len(part) - len(part.lstrip()), part))
            start += len(part) + 1
        if cells and not cells[-1][1].strip() and stripped.endswith("|"):
            cells.pop()
        return cells
    cells, start, index = [], 0, 0
    stripped = raw.rstrip()
    body_start = len(raw) - len(raw.lstrip())
    if stripped[body_start:body_start + 1] == "|":
        body_start += 1
    start = body_start
    index = body_start
    while index < len(stripped):
        char = stripped[index]
        if char == "\\":
            index += 2
            continue
        if char == "|":
            cells.append((start, stripped[start:index]))
            start = index + 1
        index += 1
    if start < len(stripped):
        cells.append((start, stripped[start:]))
    return [(col + len(text) - len(text.lstrip()), text) for col, text in cells]


class _Body:
    """Everything in the body of one document, built in a single walk over the tokens."""

    def __init__(self, doc: Document):
        self.sections: list[Section] = []
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.code_blocks: list[CodeBlock] = []
        self.code_spans: list[CodeSpan] = []
        self.code_lines: set[int] = set()
        self._build(doc)

    def _build(self, doc: Document) -> None:
        offset = doc.body_start_line - 1  # token.map is 0-based within the body
        lines = doc.lines
        env: dict = {}
        tokens = _parser().parse(doc.body, env)
        # Labels of link reference definitions ("[ISO 42001]: https://..."), lower-cased.
        self.reference_labels = frozenset(label.lower() for label in env.get("references", {}))
        stack: list[Section] = []
        list_depth = 0
        item_line: list[int] = []
        table: Table | None = None
        row_cells: list[Cell] | None = None
        row_line = 0
        in_header = False
        index = 0
        count = len(tokens)

        def current() -> Section | None:
            return stack[-1] if stack else None

        while index < count:
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                level = int(token.tag[1])
                inline = tokens[index + 1]
                line = token.map[0] + 1 + offset
                while stack and stack[-1].level >= level:
                    stack.pop().end_line = line - 1
                section = Section(_inline_text(inline).strip(), level, line, parent=current())
                if section.parent:
                    section.parent.children.append(section)
                self.sections.append(section)
                stack.append(section)
                self._collect_links(inline, line, lines)
                index += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "list_item_open":
                item_line.append(token.map[0] + 1 + offset)
            elif kind == "list_item_close":
                item_line.pop()
            elif kind == "paragraph_open":
                inline = tokens[index + 1]
                line = token.map[0] + 1 + offset
                end = token.map[1] + offset
                text = _inline_text(inline)
                if list_depth and item_line and item_line[-1] == line:
                    checked = None
                    task = _TASK.match(text)
                    if task:
                        checked = task.group(1) != " "
                        text = text[task.end():]
                    block = Block("list_item", text, line, end, current(), checked, list_depth)
                else:
                    block = Block("paragraph", text, line, end, current(), depth=list_depth)
                self._add_block(block)
                self._collect_links(inline, line, lines)
                self._collect_code(inline, line)
                index += 3
                continue
            elif kind == "table_open":
                table = Table([], [], [], token.map[0] + 1 + offset, token.map[1] + offset, current())
                self.tables.append(table)
            elif kind == "table_close":
                if table is not None:
                    _promote_header(table)
                table = None
            elif kind == "thead_open":
                in_header = True
            elif kind == "thead_close":
                in_header = False
            elif kind == "tr_open" and table is not None:
                row_cells = []
                row_line = token.map[0] + 1 + offset
            elif kind == "tr_close" and table is not None and row_cells is not None:
                raw_cells = _split_row(lines[row_line - 1]) if row_line - 1 < len(lines) else []
                for position, cell in enumerate(row_cells):
                    if position < len(raw_cells):
                        cell.column = raw_cells[position][0] + 1
                if in_header:
                    table.header = row_cells
                    table.columns = [canonical_name(cell.text) for cell in row_cells]
                else:
                    table.rows.append(Row(row_cells, row_line, table))
                row_cells = None
            elif kind == "inline" and row_cells is not None:
                row_cells.append(Cell(
                    _inline_text(token).strip(), row_line, 1, self._collect_links(token, row_line, lines),
                    self._collect_code(token, row_line),
                ))
            elif kind in ("fence", "code_block"):
                start, end = token.map
                self.code_lines.update(range(start + 1 + offset, end + 1 + offset))
                self.code_blocks.append(CodeBlock(token.info.strip(), token.content, start + 1 + offset, current()))
            elif kind == "html_block":
                self._collect_comments(token.content, token.map[0] + 1 + offset, lines)
            index += 1
        last_line = len(lines)
        for section in stack:
            section.end_line = last_line
        for table in self.tables:
            table_text = "\n".join(" | ".join(c.text for c in row.cells) for row in table.rows)
            self._add_block(Block("table", table_text, table.line, table.end_line, table.section))
        self.blocks.sort(key=lambda block: block.line)
        self._collect_inline_comments(doc)

    def _add_block(self, block: Block) -> None:
        self.blocks.append(block)
        if block.section is not None:
            block.section.blocks.append(block)

    def _collect_links(self, inline, line: int, lines: list[str]) -> list[Link]:
        """The links of one inline token (also kept in the document's list)."""
        if "[" not in inline.content and "<" not in inline.content:
            return []  # no link syntax at all (most table cells and paragraphs)
        found: list[Link] = []
        children = inline.children or ()
        current_line = line
        text_parts: list[str] | None = None  # the text of the link being read
        # Links come in line order: each is looked for after the one before it on its
        # line, not from the start of the line (a line of many links is read once).
        raw, cursor = None, 0
        for child in children:
            kind = child.type
            if text_parts is not None:
                if kind == "link_close":
                    found[-1].text = "".join(text_parts)
                    text_parts = None
                elif kind in ("text", "code_inline"):
                    text_parts.append(child.content)
            if kind in ("softbreak", "hardbreak"):
                current_line += 1
                raw, cursor = None, 0
            elif kind == "link_open":
                target = str(child.attrs.get("href", ""))
                if raw is None:
                    raw = lines[current_line - 1] if current_line - 1 < len(lines) else ""
                # Point at the link's opening bracket: "[text](target)".
                close = raw.find(f"]({target}", cursor)
                if close >= 0:
                    column = raw.rfind("[", cursor, close)
                    cursor = close + 2
                else:  # an autolink or a reference link: point at its target, if written
                    column = raw.find(target, cursor) if target else -1
                    cursor = column + len(target) if column >= 0 else cursor
                found.append(Link(target, "", current_line, column + 1 if column >= 0 else 1))
                text_parts = []
        self.links.extend(found)
        return found

    def _collect_code(self, inline, line: int) -> list[str]:
        """The code spans of one inline token (also kept in the document's list)."""
        if "`" not in inline.content:
            return []
        found = []
        for child in inline.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "code_inline" and child.content.strip():
                found.append(child.content.strip())
                self.code_spans.append(CodeSpan(child.content.strip(), line))
        return found

    def _collect_comments(self, content: str, line: int, lines: list[str]) -> None:
        counted, start_line = 0, line  # line breaks are counted once, front to back
        column_line, column = 0, 1
        for start, end in delimited_spans(content, "<!--", "-->"):
            start_line += content.count("\n", counted, start)
            end_line = start_line + content.count("\n", start, end)
            counted = start
            if column_line != start_line:  # the column of the line's first comment, found once per line
                raw = lines[start_line - 1] if start_line - 1 < len(lines) else ""
                column_line, column = start_line, max(raw.find("<!--"), 0) + 1
            self.comments.append(Comment(content[start + 4:end - 3].strip(), start_line, end_line, column))

    def _collect_inline_comments(self, doc: Document) -> None:
        """Comments inside paragraphs, list items and table rows (html_inline tokens)."""
        if "<!--" not in doc.body:
            return
        seen = {comment.line for comment in self.comments}
        for block in self.blocks:
            for line_number in range(block.line, block.end_line + 1):
                if line_number in seen or line_number - 1 >= len(doc.lines):
                    continue
                raw = doc.lines[line_number - 1]
                for start, end in delimited_spans(raw, "<!--", "-->"):
                    self.comments.append(Comment(raw[start + 4:end - 3].strip(), line_number, line_number, start + 1))
                seen.add(line_number)
        self.comments.sort(key=lambda comment: (comment.line, comment.column))


# ---------------------------------------------------------------------------
# The document


@dataclass
class ReadError:
    """Why a file's bytes are not a readable Markdown text, and where."""

    message: str
    line: int = 1
    column: int = 1


class Document:
    """One Markdown file: front matter, type and (lazily) its body."""

    def __init__(self, path: Path, relpath: str, text: str, read_error: ReadError | None = None):
        self.path = path
        self.relpath = relpath
        self.read_error = read_error  # set when the file could not be decoded: text is ""
        self.text = text
        self.lines = text.split("\n")
        self.front_matter, body_index = frontmatter.split(self.lines)
        self.body_start_line = body_index + 1
        if self.front_matter is not None:
            frontmatter.load(self.front_matter)
        self._memo: dict[str, Any] = {}
        self.doc_type: str | None = None  # set by the workspace: front matter type, else glob
        self.type_source: str | None = None  # "front matter" or the glob that typed it

    def memo(self, key: str, compute):
        """``compute(self)`` once per document, for data several rules derive from the model
        (a family's reading of a risk register, say): work done once, not once per rule."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value

    @cached_property
    def suppressions(self):
        """Inline suppression directives, with the lines each one covers."""
        from aims_lint.suppress import directives

        return directives(self)

    # -- front matter -----------------------------------------------------

    @property
    def meta(self) -> dict:
        """The front matter mapping ({} when there is none or it is not a mapping)."""
        return self.front_matter.mapping if self.front_matter else {}

    @property
    def declared_type(self) -> str | None:
        """``type`` as written in the front matter (recovered from raw text if YAML failed)."""
        if self.front_matter is None:
            return None
        value = self.meta.get("type")
        if value is None and self.front_matter.problems:
            return self.front_matter.recovered_type()
        return str(value).strip() if value is not None else None

    @property
    def id(self) -> str | None:
        value = self.meta.get("id")
        return str(value).strip() if value not in (None, "") else None

    def key_position(self, key: str) -> tuple[int, int]:
        if self.front_matter is None:
            return 1, 1
        return frontmatter.key_position(self.front_matter, key)

    def value_position(self, key: str) -> tuple[int, int]:
        if self.front_matter is None:
            return 1, 1
        return frontmatter.value_position(self.front_matter, key)

    def item_position(self, container: Any, key: Any) -> tuple[int, int]:
        if self.front_matter is None:
            return 1, 1
        return frontmatter.item_position(container, key, self.front_matter)

    @property
    def front_matter_lines(self) -> range:
        if self.front_matter is None:
            return range(0)
        return range(self.front_matter.start_line, self.front_matter.end_line + 1)

    # -- body ---------------------------------------------------------------

    @cached_property
    def body(self) -> str:
        # Blank lines stand in for the front matter so that token lines are file lines
        # after adding the offset; keeping the body separate keeps markdown-it from
        # reading the YAML as a setext heading or a thematic break.
        return "\n".join(self.lines[self.body_start_line - 1:])

    @cached_property
    def _body(self) -> _Body:
        return _Body(self)

    @property
    def sections(self) -> list[Section]:
        """Every heading in document order."""
        return self._body.sections

    @property
    def blocks(self) -> list[Block]:
        """Paragraphs, list items and tables (as text) in document order."""
        return self._body.blocks

    @cached_property
    def plain_text(self) -> str:
        """Headings and blocks as plain text, in document order (for vocabulary scans)."""
        parts = [(section.line, section.title) for section in self.sections]
        parts += [(block.line, block.text) for block in self.blocks]
        return "\n".join(text for _, text in sorted(parts, key=lambda part: part[0]))

    @property
    def paragraphs(self) -> list[Block]:
        return [block for block in self._body.blocks if block.kind == "paragraph"]

    @property
    def list_items(self) -> list[Block]:
        return [block for block in self._body.blocks if block.kind == "list_item"]

    @property
    def tables(self) -> list[Table]:
        return self._body.tables

    @property
    def links(self) -> list[Link]:
        return self._body.links

    @property
    def code_spans(self) -> list[CodeSpan]:
        """Inline code in paragraphs, list items and table cells, in document order."""
        return self._body.code_spans

    @property
    def code_blocks(self) -> list[CodeBlock]:
        return self._body.code_blocks

    @property
    def reference_labels(self) -> frozenset[str]:
        """Labels of link reference definitions, lower-cased: ``[iso 42001]`` is a link."""
        return self._body.reference_labels

    @property
    def comments(self) -> list[Comment]:
        return self._body.comments

    @cached_property
    def fields(self) -> list[Field]:
        """Labelled values from paragraphs, list items and two-column tables."""
        found: list[Field] = []
        for block in self._body.blocks:
            if block.kind == "table":
                continue
            for number, text in enumerate(block.text.split("\n")):
                line = block.line + number
                match = _LINE_FIELD.match(text)
                segments = _INLINE_SEPARATORS.split(text)
                if match and len(segments) == 1:
                    found.append(self._field(match.group(1), match.group(2), line, block))
                    continue
                for segment_number, segment in enumerate(segments):
                    inline = _INLINE_FIELD.match(segment)
                    if not inline:
                        continue
                    name = canonical_name(inline.group(1))
                    # Mid-sentence "label: value" is only a field when the label means something.
                    if name is not None or segment_number == 0 and match:
                        found.append(self._field(inline.group(1), inline.group(2), line, block))
        for table in self._body.tables:
            if len(table.header) != 2:
                continue
            pairs = [(table.header[0], table.header[1])] + [
                (row.cells[0], row.cells[1]) for row in table.rows if len(row.cells) >= 2
            ]
            for label, value in pairs:
                name = canonical_name(label.text)
                if name is not None and value.text:
                    found.append(Field(label.text, name, value.text, value.line, value.column))
        return found

    def _field(self, label: str, value: str, line: int, block: Block) -> Field:
        raw = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        column = raw.find(label.strip())
        return Field(label.strip(), canonical_name(label), value.strip(), line, column + 1 if column >= 0 else 1, block)

    def fields_named(self, name: str) -> list[Field]:
        return [item for item in self.fields if item.name == name]

    @cached_property
    def prose_lines(self) -> list[tuple[int, str]]:
        """(line, raw text) of every body line outside code, with HTML comments blanked
        out (replaced by spaces, so columns stay true)."""
        code = self._body.code_lines
        commented = {line for comment in self._body.comments for line in range(comment.line, comment.end_line + 1)}
        result = []
        in_comment = False
        for number in range(self.body_start_line, len(self.lines) + 1):
            if number in code:
                continue
            text = self.lines[number - 1]
            if number in commented or in_comment:
                text, in_comment = _blank_comments(text, in_comment)
            result.append((number, text))
        return result

    @cached_property
    def anchors(self) -> set[str]:
        """Heading anchors as GitHub and MkDocs generate them (``#ai-objectives``)."""
        seen: dict[str, int] = {}
        result = set()
        for section in self.sections:
            slug = slugify(section.title)
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            result.add(slug if count == 0 else f"{slug}-{count}")
        return result

    def sections_titled(self, pattern: str) -> list[Section]:
        """Sections whose heading matches a regular expression (case-insensitive)."""
        regex = re.compile(pattern, re.I)
        return [section for section in self.sections if regex.search(section.title)]

    def section_at(self, line: int) -> Section | None:
        """The innermost section containing a file line."""
        found = None
        for section in self.sections:
            if section.line <= line <= (section.end_line or len(self.lines)):
                found = section
        return found


def _blank_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """Replace the parts of a line inside <!-- --> by spaces; say if a comment stays open."""
    out, position = [], 0
    while position < len(text):
        if in_comment:
            end = text.find("-->", position)
            stop = len(text) if end < 0 else end + 3
            out.append(" " * (stop - position))
            position, in_comment = stop, end < 0
        else:
            start = text.find("<!--", position)
            stop = len(text) if start < 0 else start
            out.append(text[position:stop])
            position, in_comment = stop, start >= 0
    return "".join(out), in_comment


def slugify(title: str) -> str:
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")
