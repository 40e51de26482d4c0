"""Templates: the placeholders a document still holds, and whether anybody filled it in.

An auditor reads a template nobody filled in as one thing: the document has not been
written yet (no management review carried out, no impact assessment performed), not as
forty missing values. This reading gives, once per document:

- its **placeholders** (line, column, text) in front matter values and text (code and
  HTML comments are quoted, not read), whatever the template engine: bracketed
  blanks (``[Date]``, ``[Organization Name]``, ``[To be completed]``, ``[TODO: date]``,
  ``[High/Medium/Low]``), Jinja and mustache tags (``{{ org.name }}``, ``{{UPDATE_DATE}}``,
  ``{% if %}``, ``{{#items}}``), ``[[ netbox.site.name ]]``, angle blanks (``<owner>``,
  also escaped as ``&lt;owner&gt;``), fill-in lines (``____``), date masks
  (``XX/XX/XXXX``, ``DD/MM/YYYY``) and the words ``TBD``, ``TBC``, ``TODO``;
- its **fill**: of the value cells of its tables (every column after the first) and its
  labelled fields (``**Owner:** …``, ``Owner: …`` lines, also inside plain code fences,
  where form templates often draw their fields), how many are blank: empty, a
  placeholder, an instruction ("Insert …", "(e.g. …)", "To be completed"), an unticked
  box or an offered choice ("Yes / No", "High / Medium / Low", "✓ / ✗");
- its **state**: ``unfilled`` (enough values to judge, and most of them blank: a
  template nobody filled in), ``partly filled`` (placeholders or many blanks remain) or
  ``filled``. The state follows the proportion of blank values, never one placeholder.

Every scan is linear in the text: plain ``str`` methods, bounded repetitions, and
``patterns.delimited_spans`` for the paired delimiters (issue 10).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from aims_lint.patterns import delimited_spans, lazy

UNFILLED, PARTLY_FILLED, FILLED = "unfilled", "partly filled", "filled"

# At least this many values (cells and fields) before a document can be called an
# unfilled template, and the share of them that must be blank.
MIN_VALUES = 5
UNFILLED_SHARE = 0.6
# A table row is blank when this share of its value cells is: a register whose
# statements, metrics and owners are written but whose status columns wait for the
# first measurement is filled in.
ROW_BLANK_SHARE = 0.75
# A filled document with this share of blank values (or any placeholder) is partly filled.
PARTLY_SHARE = 0.25

# ---------------------------------------------------------------------------
# Placeholders in one line of text

# Single words that are placeholders when written alone in brackets: "[Date]", "<owner>".
_PLACEHOLDER_NOUNS = (
    "date|name|owner|company|organization|organisation|org|signature|title|role|version|"
    "department|approver|approved by|reviewer|author|system|value|number|email|address|phone|"
    "year|month|day|amount|link|url|location|tbd|tbc|todo|placeholder|person|team|client|customer|"
    "vendor|supplier|product|project|frequency|target|metric|kpi|id|reference|ref|xx+|#+"
)
_BRACKET_NOUN = lazy(rf"\[\s*(?:{_PLACEHOLDER_NOUNS})\s*\](?![(\[:])", re.I)
# "[Organization Name]", "[NEXT_REVIEW_DATE]", "[To Be Determined]", "[Insert scope here]",
# "[TODO: Date]", "[To be completed]", "[High/Medium/Low]"
_BRACKET_PHRASE = lazy(
    r"\[(?:(?i:insert|add|enter|describe|your|specify|list|name of|define|todo|tbd|tbc|fixme|to be|e\.g\.)"
    r"(?![\w])[^\]\[\n]{0,80}+"
    r"|[A-Z][a-z]+(?:[ _/-](?:[A-Z][a-z]+|of|the|and|or|to|be|for|[A-Z]+))+"
    r"|[A-Z]{2,}(?:[_ ][A-Z]{2,})+"
    r"|[A-Z0-9][^\]\[\n/]{0,39}+(?:/\s*+[A-Z0-9][^\]\[\n/]{0,39}+){1,8}+"  # an offered choice: [High/Medium/Low]
    r")\](?![(\[:])"
)
_ANGLE = lazy(r"<(?!/)([A-Za-z][A-Za-z _-]{0,40}+)>")
_ESCAPED_ANGLE = lazy(r"&lt;([A-Za-z][A-Za-z _-]{0,40}+)&gt;")
_HTML_TAGS = frozenset(
    "a abbr address article aside audio b bdi bdo blockquote body br button caption cite code col colgroup "
    "data dd del details dfn div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "head header hr html i iframe img input ins kbd label legend li link main mark meta nav ol optgroup "
    "option output p param picture pre q s samp script section select small source span strong style sub "
    "summary sup table tbody td template textarea tfoot th thead time tr track u ul var video wbr center "
    "font".split()
)
# Jinja / mustache ("{{ owner }}", "{% if %}", "{{#items}}") and NetBox-style
# ("[[ netbox.site.name ]]") tags are found by patterns.delimited_spans: "{{.*?}}"
# rescans to the end of the line from every unclosed "{{" (issue 10).
_TEMPLATE_DELIMITERS = ("{{", "}}", "{%", "%}")
_STRUCTURAL = lazy(
    r"(?<![\w])_{3,}+(?![\w])"  # blanks to fill in: "Signature: ______"
    r"|\b(?:XX|DD|MM)[/.-](?:XX|MM|DD)[/.-](?:XXXX|YYYY|YY)\b|\bYYYY-MM-DD\b|\bXXXX-XX-XX\b"
)
# Bare "to be confirmed" is a placeholder when nothing follows it ("Owner: to be
# confirmed."); "to be confirmed by the GRC PM" is a statement of who decides, and "is
# to be completed" in a sentence is prose ("[To be completed]" is found in brackets).
_WORDS = lazy(
    r"\b(?:TBD|TBC|TODO|FIXME|XXX|XX)\b"
    r"|\bto be (?:determined|confirmed|defined)(?=\s*+(?:[.;)|\]]|$))"
    r"|lorem ipsum",
    re.I,
)
_CASE_SENSITIVE_WORDS = ("TBD", "TBC", "TODO", "FIXME", "XXX", "XX")


def _blank_code_spans(text: str) -> str:
    """``text`` with inline code (`x`, ``x``) replaced by spaces, so columns stay true.

    A span opens with a run of backticks and closes at the next run of as many on its
    line. The pattern this replaces, (`+)(?:(?!\\1).)+?\\1, retried every shorter opening
    run from every backtick, each time scanning to the end of the line (issue 10); here
    each run is tried once, and where the next run of a length is is remembered."""
    parts, copied, search = [], 0, 0
    next_run: dict[int, tuple[int, int]] = {}  # length -> (searched from, found at or -1)
    while True:
        start = text.find("`", search)
        if start < 0:
            break
        end = start + 1
        while end < len(text) and text[end] == "`":
            end += 1
        length = end - start
        searched_from, close = next_run.get(length, (len(text) + 1, -1))
        if searched_from > end or 0 <= close < end:
            close = text.find("`" * length, end)
            next_run[length] = (end, close)
        if close < 0 or text.find("\n", end, close) >= 0:
            search = end
            continue
        parts += (text[copied:start], " " * (close + length - start))
        copied = search = close + length
    return "".join(parts) + text[copied:] if parts else text


_MARKS_CASED = ("[", "<", "{", "___", "&lt;", "XX", "DD", "MM", "TB", "TODO", "FIXME")
_MARKS_LOWER = ("to be ", "lorem")


def _candidate_lines(texts: list[str]) -> list[int]:
    """Indexes of the ``texts`` (single lines) for which ``_may_hold_placeholder`` is
    true, found with a few scans of their joined text instead of a dozen substring
    tests per line (most lines of a document hold no mark at all)."""
    whole = "\n".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))  # offset of each line
    found: set[int] = set()
    lowered = whole.lower()
    for marks, scanned in ((_MARKS_CASED, whole), (_MARKS_LOWER, lowered)):
        if len(scanned) != len(whole):  # lower() lengthened a character ("İ"): its own offsets
            starts = [0] + [index + 1 for index, character in enumerate(scanned) if character == "\n"]
        for mark in marks:
            position = scanned.find(mark)
            while position >= 0:
                line = bisect_right(starts, position) - 1
                found.add(line)
                if line + 1 >= len(starts):
                    break
                position = scanned.find(mark, starts[line + 1])  # the line is a candidate already
    return sorted(found)


def _may_hold_placeholder(text: str) -> bool:
    """False when no placeholder pattern can match: each one needs one of these marks,
    and most prose lines have none (plain substring tests beat one big regex here)."""
    if "[" in text or "<" in text or "{" in text or "___" in text or "&lt;" in text:
        return True
    if "XX" in text or "DD" in text or "MM" in text or "TB" in text or "TODO" in text or "FIXME" in text:
        return True
    lowered = text.lower()
    return "to be " in lowered or "lorem" in lowered


@lru_cache(maxsize=1)
def _extra(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.I)


def _netbox_spans(text: str):
    """``[[ netbox.site.name ]]``: a double-bracket tag with spaces inside or a dotted
    name; ``[[AI Policy]]`` (a wiki link) is not one."""
    for start, end in delimited_spans(text, "[[", "]]", across_lines=False):
        inner = text[start + 2:end - 2]
        name = inner.strip()
        if name and (inner != name or ("." in name and " " not in name)):
            yield start, end


def find(text: str, extra_terms: tuple[str, ...] = (), reference_labels: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(0-based column, placeholder) for every placeholder in one line of text."""
    if not extra_terms and not _may_hold_placeholder(text):
        return []
    # Inline code is quoted on purpose: blank it out, keeping columns.
    if "`" in text:
        text = _blank_code_spans(text)
    found: list[tuple[int, str]] = []
    if "{" in text:
        found += [(start, text[start:end]) for start, end in delimited_spans(text, *_TEMPLATE_DELIMITERS, across_lines=False)]
    if "[[" in text:
        found += [(start, text[start:end]) for start, end in _netbox_spans(text)]
    # Each pattern needs a character the line may not have: skip the scans it cannot match.
    patterns = (_BRACKET_NOUN, _BRACKET_PHRASE) if "[" in text else ()
    # A line of underscores only is a thematic break or table rule (asked once per line,
    # not once per blank on it).
    rule_line = "_" in text and not text.replace("_", "").strip(" |:-*>")
    for pattern in patterns + (_STRUCTURAL,):
        for match in pattern.finditer(text):
            token = match.group(0)
            if token.startswith("[") and token[1:-1].strip().lower() in reference_labels:
                continue  # a shortcut reference link such as [ISO 42001]
            if token.startswith("_") and rule_line:
                continue
            found.append((match.start(), token))
    for match in _WORDS.finditer(text):
        token = match.group(0)
        if token.upper() in _CASE_SENSITIVE_WORDS and token != token.upper():
            continue  # "todo" and "xxx" in lower case are ordinary words
        found.append((match.start(), token))
    for pattern in (_ANGLE, _ESCAPED_ANGLE) if "<" in text or "&lt;" in text else ():
        for match in pattern.finditer(text):
            inner = match.group(1).strip()
            if inner.lower() in _HTML_TAGS or inner.lower().split(" ")[0] in _HTML_TAGS:
                continue
            if " " in inner or "_" in inner or re.fullmatch(_PLACEHOLDER_NOUNS, inner, re.I):
                found.append((match.start(), match.group(0)))
    extra = _extra(tuple(extra_terms))
    if extra is not None:
        found.extend((match.start(), match.group(0)) for match in extra.finditer(text))
    # Overlapping matches ("[TBD]" as a noun and "TBD" as a word): keep the outer one.
    found.sort(key=lambda hit: (hit[0], -len(hit[1])))
    kept: list[tuple[int, str]] = []
    for column, token in found:
        if kept and column < kept[-1][0] + len(kept[-1][1]):
            continue
        kept.append((column, token))
    return kept


def is_placeholder(value: object) -> bool:
    """True when a whole value is an unfilled placeholder ("TBD", "[Owner]", "<date>")."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text:
        return False
    hits = find(text)
    return bool(hits) and (len(hits[0][1]) >= len(text) - 2 or text.upper() in _CASE_SENSITIVE_WORDS)


# ---------------------------------------------------------------------------
# Blank values: what a form cell or field holds when nobody filled it in

_BLANK = lazy(r"^[\s_\-–—.:/|*…]*+$")
_HINT = lazy(
    r"^[(\[]?\s*+(?:e\.g\.|eg\b|for example|describe|specify|insert|enter|list|to be (?:completed|provided|added|defined|determined|confirmed))",
    re.I,
)
_CHOICE = lazy(r"^(?:\[ ?\]\s*+)?(yes|no|y|n|h|m|l|n/a)(\s*/\s*(yes|no|partial|y|n|h|m|l|n/a))+\s*$", re.I)
_MARKS = frozenset("✓ ✗ ✔ ✘ ☐ ☑ ☒ ↑ ↓ → ← ↗ ↘ ● ○ ◐ 🟢 🟡 🔴 ⬆ ⬇ ➡".split())
_TICKED = ("[x]", "[X]", "☒", "☑", "✔")
# Ratings, frequencies, statuses and decisions a template offers to choose from.
_OPTIONS = frozenset(
    "low|med|medium|high|very high|very low|critical|yes|no|partial|partially|n/a|na|monthly|quarterly|annual|annually|"
    "weekly|daily|yearly|semi-annual|semi-annually|ad hoc|open|closed|in progress|completed|complete|not started|on hold|"
    "pass|fail|compliant|non-compliant|implemented|planned|not implemented|applicable|not applicable|within tolerance|"
    "exceeds tolerance|accept|mitigate|transfer|avoid|reduce|share|retain|initial|periodic|draft|approved|internal|"
    "external|confidential|public|restricted|major|minor|observation|effective|ineffective|improving|stable|declining".split("|")
)


def is_blank(text: str) -> bool:
    """True when a form value was left as it came: empty, underscores, an instruction
    such as "(e.g. ...)" or "Insert ...", an unticked box, a choice list offered to the
    filler ("Yes / No", "High / Medium / Low", "✓ / ✗"), a bracketed blank, or mostly
    placeholders."""
    value = text.strip()
    if "&" in value:
        value = html.unescape(value).replace("\xa0", " ").strip()
    if _BLANK.match(value) or _HINT.match(value) or _CHOICE.match(value):
        return True
    if (value.startswith("[ ]") or value.startswith("☐")) and not any(mark in value for mark in _TICKED):
        return True  # "[ ] Initial [ ] Periodic": nothing ticked
    if value.startswith("[") and value.endswith("]") and value not in ("[x]", "[X]") and "](" not in value:
        return True  # "[Statistical analysis results]": the template's own description
    if "/" in value:
        parts = [part.strip() for part in value.split("/")]
        if len(parts) >= 2 and all(part in _MARKS or part.lower() in _OPTIONS for part in parts):
            return True  # "Low/Med/High", "Monthly/Quarterly/Annual", "✓ / ✗"
        if len(parts) >= 3 and " / " in value and all(0 < len(part.split()) <= 3 for part in parts):
            return True
    hits = find(value)
    return bool(hits) and sum(len(token) for _, token in hits) >= len(value.replace(" ", "")) * 0.6


# ---------------------------------------------------------------------------
# The reading


@dataclass(frozen=True, slots=True)
class Placeholder:
    line: int
    column: int  # 1-based
    text: str


@dataclass(frozen=True, slots=True)
class Templates:
    """What a document still holds of its template."""

    placeholders: tuple[Placeholder, ...]
    blank: int  # blank value cells and fields
    total: int  # value cells and fields
    state: str  # UNFILLED, PARTLY_FILLED or FILLED

    @property
    def unfilled(self) -> bool:
        return self.state == UNFILLED

    def describe(self) -> str:
        """ "31 of 40 fields and table cells are blank or placeholders" """
        return f"{self.blank} of {self.total} fields and table cells are blank or placeholders"


def read(doc) -> Templates:
    """The template reading of ``doc``, computed once."""
    return doc.memo("reading.templates", _read)


def placeholders(doc, extra_terms: tuple[str, ...] = ()) -> tuple[Placeholder, ...]:
    """Every placeholder in the front matter values and the text (outside code and HTML
    comments) of ``doc``, in line order; ``extra_terms`` are the organisation's own ("Acme Corp")."""
    if not extra_terms:
        return read(doc).placeholders
    return doc.memo(f"reading.templates.placeholders.{extra_terms!r}", lambda doc: _placeholders(doc, extra_terms))


def state(doc) -> str:
    return read(doc).state


def is_unfilled(doc) -> bool:
    """True when ``doc`` is a template nobody filled in (unreadable files are not)."""
    return getattr(doc, "read_error", None) is None and read(doc).unfilled


def _read(doc) -> Templates:
    found = _placeholders(doc, ())
    blank, total = _fill(doc)
    if total >= MIN_VALUES and blank >= UNFILLED_SHARE * total:
        kind = UNFILLED
    elif found or (total >= MIN_VALUES and blank >= PARTLY_SHARE * total):
        kind = PARTLY_FILLED
    else:
        kind = FILLED
    return Templates(found, blank, total, kind)


_MAX_NODES = 10_000  # front matter walk bound: aliases can make a small file a huge tree


def _front_matter_strings(doc):
    """(container, key, text) for string values of the front matter, each container once."""
    seen = set()
    stack = [doc.meta]
    visited = 0
    while stack and visited < _MAX_NODES:
        container = stack.pop()
        if id(container) in seen:
            continue
        seen.add(id(container))
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            visited += 1
            if isinstance(value, str):
                yield container, key, value
            elif isinstance(value, (dict, list)):
                stack.append(value)


# Code fences whose text is a form rather than code: no info string, or plain text.
_PLAIN_FENCES = ("", "text", "txt", "plain", "plaintext")


def _plain_fences(doc):
    for block in doc.code_blocks:
        info = block.info.strip().split(" ")[0].lower() if block.info else ""
        if info in _PLAIN_FENCES:
            yield block


def _placeholders(doc, extra: tuple[str, ...]) -> tuple[Placeholder, ...]:
    found: list[Placeholder] = []
    if getattr(doc, "read_error", None) is not None:
        return ()
    for container, key, value in _front_matter_strings(doc):
        hits = find(value, extra)
        if hits:
            line, column = doc.item_position(container, key)
            found += [Placeholder(line, column, token) for _, token in hits]
    labels = doc.reference_labels
    # Code is quoted on purpose: its placeholders are not the document's (a form drawn in
    # a code fence still counts in the fill, below).
    lines = doc.prose_lines
    if extra:
        candidates = range(len(lines))
    else:  # only the lines with a mark some placeholder pattern needs
        candidates = _candidate_lines([text for _, text in lines])
    for index in candidates:
        line, text = lines[index]
        for column, token in find(text, extra, labels):
            found.append(Placeholder(line, column + 1, token))
    found.sort(key=lambda item: (item.line, item.column))
    return tuple(found)


_FENCE_FIELD = lazy(r"^\s*+(?:[-*]\s++)?([A-Za-z][\w/&()' .-]{0,47}+):\s++(\S.*)$")


def _fill(doc) -> tuple[int, int]:
    """(blank, total) over the value cells of tables (every column after the first),
    labelled fields, and ``Label: value`` lines of plain code fences."""
    blank = total = 0
    for table in doc.tables:
        if len(table.header) < 2:
            continue
        for row in table.rows:
            values = row.cells[1:]
            if not values:
                continue
            total += 1
            blank += _row_blank(values)
    for field in doc.fields:
        if field.block is None:
            continue  # two-column tables are counted above
        total += 1
        # "Signature: ____" (not _{3,}\s*$, which rescans an underscore run from each of its characters)
        blank += is_blank(field.value) or field.value.rstrip().endswith("___")
    for block in _plain_fences(doc):
        for text in block.text.split("\n"):
            match = _FENCE_FIELD.match(text) if ":" in text else None
            if match:
                total += 1
                blank += is_blank(match.group(2))
    empty, values = _empty_fields(doc)
    return blank + empty, total + values


def _row_blank(values) -> bool:
    """Are at least ROW_BLANK_SHARE of a row's value cells blank? Stops reading cells as
    soon as too many are filled for the row to be blank (most rows: at the first)."""
    needed = ROW_BLANK_SHARE * len(values)
    allowed = len(values) - needed  # filled cells a blank row may have
    filled = 0
    for cell in values:
        if not is_blank(cell.text):
            filled += 1
            if filled > allowed:
                return False
    return True


# "Label:" (or "Question?") with nothing after it: a field left empty, unless it
# introduces the list nested below it.
_EMPTY_LABEL = lazy(r"^([A-Za-z][^:?\n]{0,60}+)[:?]\s*+(?:\([^()\n]{0,40}+\))?\s*+$")


def _empty_fields(doc) -> tuple[int, int]:
    """(blank, total) of labels written with no value: ``- **System Name:**`` alone on
    its item, or ``**Audit scope:**`` on a line of its own with the value on the next
    line of the paragraph (blank when that is a placeholder)."""
    blank = total = 0
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if block.kind == "list_item":
            if "\n" in block.text or not _EMPTY_LABEL.match(block.text.strip()):
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.kind == "list_item" and following.depth > block.depth:
                continue  # "Potential impact:" and its nested items
            total += 1
            blank += 1
        elif block.kind == "paragraph" and "\n" in block.text:
            lines = block.text.split("\n")
            for number, text in enumerate(lines[:-1]):
                if _EMPTY_LABEL.match(text.strip()):
                    total += 1
                    blank += is_blank(lines[number + 1])
    return blank, total


# The key of a document's state in the workspace facts cache (whole-AIMS rules ask for
# other documents' state without parsing them on every run).
STATE_FACT = "reading.templates.state.1"
