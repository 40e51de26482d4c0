"""Helpers the rule families share: vocabulary matching, unfilled forms, figures and
the other ways of reading a document by meaning, all over the document model.

Rules find words by meaning, not by exact sentences: a vocabulary is a list of terms
(plain words or short phrases, from ``vocabulary/*.txt``) matched case-insensitively on
word boundaries, with any run of spaces or hyphens between words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from aims_lint.patterns import compile_pattern, lazy
from aims_lint.reading.metadata import metadata

from aims_lint.reading import templates
from aims_lint.reading.templates import is_blank, is_placeholder  # noqa: F401  (re-exported for the families)

from .document_control.types import is_inactive


@lru_cache(maxsize=256)
def _compile(terms: tuple[str, ...]) -> re.Pattern | None:
    """Whole-word, any-case pattern of ``terms``; spaces and hyphens inside a term match
    any run of spaces or hyphens. Alternatives are grouped by their first letter:
    Python's engine tries alternatives one by one, and a vocabulary of fifty terms as a
    flat list made this the costliest scan of a run (grouped: half the time, the same
    matches; a full trie matches no faster and takes twice as long to compile)."""
    groups: dict[str, set[str]] = {}
    for term in terms:
        words = [word.lower() for word in re.split(r"[\s-]+", term.strip()) if word]
        if words:
            text = " ".join(words)
            groups.setdefault(text[0], set()).add(text[1:])
    if not groups:
        return None
    branches = []
    for first, rests in sorted(groups.items()):
        # Longest first, so that the longer of two terms sharing a start is the match.
        alternatives = [re.escape(rest).replace(r"\ ", r"[\s-]+") for rest in sorted(rests, key=len, reverse=True)]
        branches.append(re.escape(first) + "(?:" + "|".join(alternatives) + ")")
    return compile_pattern(r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w-])", re.I)


def term_pattern(terms: Iterable[str]) -> re.Pattern | None:
    """One compiled, cached pattern matching any of ``terms`` as whole words."""
    return _compile(tuple(terms))


def count_terms(text: str, terms: Iterable[str]) -> int:
    """How many times any of ``terms`` occurs in ``text``."""
    pattern = term_pattern(terms)
    return len(pattern.findall(text)) if pattern else 0


def find_terms(doc, terms: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """(line, column, matched text) of every occurrence of ``terms`` in the document's
    prose (outside code and HTML comments), in order."""
    pattern = term_pattern(terms)
    if pattern is None:
        return
    for line, text in doc.prose_lines:
        for match in pattern.finditer(text):
            yield line, match.start() + 1, match.group(0)


def distinct_terms(text: str, terms: Iterable[str]) -> int:
    """How many different ``terms`` occur in ``text`` (one pass of one pattern)."""
    pattern = term_pattern(terms)
    if pattern is None:
        return 0
    return len({re.sub(r"[\s-]+", " ", match.lower()) for match in pattern.findall(text)})


def mentions(text: str, terms: Iterable[str]) -> bool:
    pattern = term_pattern(terms)
    return bool(pattern and pattern.search(text))


def inactive(doc) -> bool:
    """Retired or superseded (front matter or body document control): kept for the
    record, not judged for content."""
    return is_inactive(doc.meta) or metadata(doc).inactive


# ---------------------------------------------------------------------------
# Reading a document by meaning


def first_heading_line(doc) -> int:
    return doc.sections[0].line if doc.sections else doc.body_start_line


def title_of(doc) -> str:
    title = metadata(doc).text("title")
    if title:
        return title
    return doc.sections[0].title if doc.sections else ""


def section_texts(doc, pattern: str) -> list:
    """Sections whose heading matches ``pattern`` and hold some text."""
    return [section for section in doc.sections_titled(pattern) if section.text.strip()]


def full_text(doc) -> str:
    """Headings, blocks and table headers as plain text (for vocabulary scans)."""
    headers = [" | ".join(cell.text for cell in table.header) for table in doc.tables]
    return "\n".join([doc.plain_text, *headers])


# ---------------------------------------------------------------------------
# Unfilled templates (read by aims_lint.reading.templates)


def unfilled(doc) -> tuple[int, int] | None:
    """(blank, total) when the document is an unfilled template, else None."""
    reading = templates.read(doc)
    return (reading.blank, reading.total) if reading.unfilled else None


# ---------------------------------------------------------------------------
# Figures ("96.2%", "17.3h", "3 of 4", "0 incidents") as opposed to dates and IDs

_NOT_FIGURES = lazy(
    r"\b\d{4}-\d{2}-\d{2}\b"  # dates
    r"|\b[A-Za-z]+[-_]?\d[\w.-]*"  # identifiers: AUD-2025-001, R001, Q1, v1.2, A.5.2
    r"|\b\d+[A-Za-z_]*-[A-Za-z\d-]+"  # 2025-Q4
    r"|\b(?:clause|iso(?:/iec)?|section|annex)\s*[\d.]+[\w.:]*"  # clause references
    r"|\b\d+(?:\.\d+){2,}\b"  # numbering 9.3.2
    r"|\b(?:19|20)\d{2}\b",  # years
    re.I,
)
_FIGURE = lazy(r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:%|percent\b|pp\b)?|\b(?:zero|none)\b", re.I)


def has_figure(text: str) -> bool:
    """True when the text states a value: a number that is not a date, year or ID."""
    return bool(_FIGURE.search(_NOT_FIGURES.sub(" ", text)))
