"""The ISO/IEC 42001 Annex A catalogue, and whether a title written next to a control id
means that control.

Documents reuse ISO/IEC 27001's numbering with 42001 ids: "A.9.2 Cryptography",
"A.8.2 Data governance" are not the 42001 controls A.9.2 and A.8.2. Any rule that reads
an id with a title beside it (SoA rows, audit criteria, risk treatments) asks here::

    from aims_lint import annex_a

    annex_a.catalogue()                      # {"A.2.2": "AI policy", ...}
    annex_a.disagrees("A.9.2", "Cryptography")
    # -> "Processes for responsible use of AI systems" (the catalogue's title)
    annex_a.disagrees("A.6.2.8", "Logging")  # -> None: a fair short name
    annex_a.cited("Criteria: A.9.2 Cryptography; A.6.2.8 Event logging")
    # -> [Citation("A.9.2", "A.9.2", "Cryptography", 10), Citation(... "Event logging" ...)]

``disagrees`` is deliberately conservative: it answers only when the written title shares
no word (by stem) with the catalogue's title nor with the control's known short names
(``data/annex_a_aliases.yaml``), and is not an AI control by its own words. A missing
title, an unknown id or a title of one letter is never a disagreement: those are other
rules' findings (SOA002, the reading of unknown ids).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from aims_lint.patterns import lazy
from aims_lint.reading.soa import catalogue, normalise_id  # noqa: F401 (the one catalogue reader)

__all__ = ["catalogue", "disagrees", "cited", "Citation", "normalise_id"]

_STOP = frozenset(
    "a an and the of for in on to or with by from its their other all any as at be is are was were this that "
    "control controls annex iso iec 42001 27001 clause".split()
)
# An id followed by its title: "A.9.2 Cryptography", "A.9.2 – Cryptography", "A.9.2: Cryptography",
# "A.9.2 (Cryptography)". The title runs to the end of the text, a sentence or list
# separator, or a closing bracket; possessive, so a long cell is read once.
_CITED = lazy(
    r"(?<![\w.])(?:Annex\s++)?A\s?\.\s?\d{1,2}(?:\s?\.\s?\d{1,2}){1,2}+(?![\w.]\d)"
    r"[ \t]*+(?:[-–—:]|\()?[ \t]*+([A-Z][^;,.()|\n\[\]]{0,80}+)",
)
_AI = lazy(r"\bAI\b|artificial intelligence|\bmachine learning\b|\bML\b|\bmodels?\b|\balgorithm", re.I)
# An id the text says is another standard's ("ISO/IEC 27001:2013 A.9.2 User access management").
_OTHER_STANDARD = lazy(r"2700[12]|\b(SOC ?2|NIST|CSA|PCI)\b", re.I)
_VERB_START = lazy(r"^(is|are|was|were|has|have|and|or|to|of|in|on|at|as|by|for|with|not|no|see|requires?)\b", re.I)


class Citation(NamedTuple):
    raw: str  # the id as written
    control: str  # normalised ("A.9.2")
    title: str  # the title written beside it
    offset: int  # where the id starts in the text


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stems(text: str) -> set[str]:
    return {_stem(word) for word in re.findall(r"[a-z]+", text.lower()) if word not in _STOP and len(word) > 1}


def _share(written: set[str], known: set[str]) -> bool:
    """A word in common, by stem or as a prefix of four letters or more ("log" ~ "logging")."""
    for a in written:
        for b in known:
            if a == b:
                return True
            short, long_ = (a, b) if len(a) <= len(b) else (b, a)
            if len(short) >= 3 and long_.startswith(short) and len(short) * 2 >= len(long_) - 1:
                return True
    return False


@lru_cache(maxsize=4)
def _load_aliases(path: str) -> dict[str, tuple[str, ...]]:
    from pathlib import Path

    from ruamel.yaml import YAML

    file = Path(path)
    if not file.is_file():
        return {}
    data = YAML(typ="safe").load(file.read_text(encoding="utf-8")) or {}
    return {str(key): tuple(str(item) for item in value or ()) for key, value in data.items()}


def aliases() -> dict[str, tuple[str, ...]]:
    """Control id -> other short names organisations give it ("whistleblowing" for A.3.3)."""
    from aims_lint.pack import data_path

    return _load_aliases(str(data_path("annex_a_aliases.yaml")))


def disagrees(control: str, title: str) -> str | None:
    """The catalogue's title of ``control`` when ``title`` plainly names something else;
    None when it fits, when the id is not a 42001 control or the title says too little."""
    known = catalogue().get(control)
    if known is None or not title:
        return None
    written = _stems(title)
    if not written or _AI.search(title):
        return None
    names = _stems(known)
    for alias in aliases().get(control, ()):
        names |= _stems(alias)
    return None if _share(written, names) else known


def cited(text: str) -> list[Citation]:
    """Each Annex A id of ``text`` written with a title beside it (the title starts with a
    capital and is not a sentence going on: "A.9.2 is about ..." has no title); an id the
    text just before it gives to another standard ("ISO/IEC 27001 A.9.2 ...") is not cited."""
    found = []
    for match in _CITED.finditer(text):
        title = " ".join(match.group(1).split()).rstrip(" -–—:")
        if not title or _VERB_START.match(title):
            continue
        raw = match.group(0)[: match.start(1) - match.start(0)].strip(" \t-–—:(")
        normalised = normalise_id(raw)
        before = text[max(0, match.start() - 40): match.start()]
        before = before[max(before.rfind(mark) for mark in ";|\n()"):]  # the same clause of the text only
        if normalised is None or _OTHER_STANDARD.search(before):
            continue
        found.append(Citation(raw, normalised[1], title, match.start()))
    return found
