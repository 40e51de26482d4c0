"""Recognising unfilled template placeholders ("[Organization Name]", "TBD", "<owner>")."""

from __future__ import annotations

import re
from functools import lru_cache

from aims_lint.patterns import delimited_spans, lazy

# Single words that are placeholders when written alone in brackets: "[Date]", "<owner>".
_PLACEHOLDER_NOUNS = (
    "date|name|owner|company|organization|organisation|org|signature|title|role|version|"
    "department|approver|approved by|reviewer|author|system|value|number|email|address|phone|"
    "year|month|day|amount|link|url|location|tbd|tbc|placeholder|person|team|client|customer|"
    "vendor|supplier|product|project|frequency|target|metric|kpi|id|reference|ref"
)
_BRACKET_NOUN = lazy(rf"\[\s*(?:{_PLACEHOLDER_NOUNS})\s*\](?![(\[:])", re.I)
# "[Organization Name]", "[NEXT_REVIEW_DATE]", "[To Be Determined]", "[Insert scope here]"
_BRACKET_PHRASE = lazy(
    r"\[(?:(?i:insert|add|enter|describe|your|specify|list|name of|define)\b[^\]\n]{0,60}"
    r"|[A-Z][a-z]+(?:[ _/-](?:[A-Z][a-z]+|of|the|and|or|to|be|for|[A-Z]+))+"
    r"|[A-Z]{2,}(?:_[A-Z]{2,})+)\](?![(\[:])"
)
_ANGLE = lazy(r"<(?!/)([A-Za-z][A-Za-z _-]{0,40})>")
_HTML_TAGS = frozenset(
    "a abbr address article aside audio b bdi bdo blockquote body br button caption cite code col colgroup "
    "data dd del details dfn div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "head header hr html i iframe img input ins kbd label legend li link main mark meta nav ol optgroup "
    "option output p param picture pre q s samp script section select small source span strong style sub "
    "summary sup table tbody td template textarea tfoot th thead time tr track u ul var video wbr center "
    "font".split()
)
# Jinja / mustache templates ("{{ owner }}", "{% if %}") are found by
# patterns.delimited_spans: "{{.*?}}" rescans to the end of the line from every unclosed
# "{{" (issue 10).
_TEMPLATE_DELIMITERS = ("{{", "}}", "{%", "%}")
_STRUCTURAL = lazy(
    r"(?<![\w])_{3,}(?![\w])"  # blanks to fill in: "Signature: ______"
    r"|\b(?:XX|DD|MM)[/.-](?:XX|MM|DD)[/.-](?:XXXX|YYYY|YY)\b|\bYYYY-MM-DD\b|\bXXXX-XX-XX\b"
)
_WORDS = lazy(r"\b(?:TBD|TBC|TODO|FIXME|XXX)\b|\bto be (?:determined|confirmed|defined)\b|lorem ipsum", re.I)
_CASE_SENSITIVE_WORDS = ("TBD", "TBC", "TODO", "FIXME", "XXX")


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


def _may_hold_placeholder(text: str) -> bool:
    """False when no placeholder pattern can match: each one needs one of these marks,
    and most prose lines have none (plain substring tests beat one big regex here)."""
    if "[" in text or "<" in text or "{" in text or "___" in text:
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


def find(text: str, extra_terms: tuple[str, ...] = (), reference_labels: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(0-based column, placeholder) for every placeholder in one line of text."""
    if not extra_terms and not _may_hold_placeholder(text):
        return []
    # Inline code is quoted on purpose: blank it out, keeping columns.
    if "`" in text:
        text = _blank_code_spans(text)
    found: list[tuple[int, str]] = [
        (start, text[start:end]) for start, end in delimited_spans(text, *_TEMPLATE_DELIMITERS, across_lines=False)
    ]
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
    for match in _ANGLE.finditer(text) if "<" in text else ():
        inner = match.group(1).strip()
        if inner.lower() in _HTML_TAGS or inner.lower().split(" ")[0] in _HTML_TAGS:
            continue
        if " " in inner or "_" in inner or re.fullmatch(_PLACEHOLDER_NOUNS, inner, re.I):
            found.append((match.start(), match.group(0)))
    extra = _extra(tuple(extra_terms))
    if extra is not None:
        found.extend((match.start(), match.group(0)) for match in extra.finditer(text))
    found.sort()
    # Overlapping matches ("[TBD]" as a noun and "TBD" as a word): keep the outer one.
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
