"""Helpers the rule families share: vocabulary matching over the document model.

Rules find words by meaning, not by exact sentences: a vocabulary is a list of terms
(plain words or short phrases, from ``vocabulary/*.txt``) matched case-insensitively on
word boundaries, with any run of spaces or hyphens between words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator


@lru_cache(maxsize=256)
def _compile(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = [re.escape(word) for word in re.split(r"[\s-]+", term.strip()) if word]
        if words:
            parts.append(r"[\s-]+".join(words))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I) if parts else None


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


def mentions(text: str, terms: Iterable[str]) -> bool:
    pattern = term_pattern(terms)
    return bool(pattern and pattern.search(text))
