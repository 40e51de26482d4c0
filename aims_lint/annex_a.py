"""The ISO/IEC 42001 Annex A catalogue, and whether a title written beside a control id
names that control.

Documents reuse ISO/IEC 27001's numbering with 42001 ids ("A.9.2 Cryptography", "A.4.6
Screening" are not the 42001 controls of those numbers), or a typo changes the control
("A.10.2 Supplier AI contracts": A.10.3 is Suppliers). Every rule that reads "<id>
<title>" pairs (SoA rows, audit criteria, risk treatments) asks here, so that they judge
alike::

    from aims_lint import annex_a

    annex_a.catalogue()                         # {"A.2.2": "AI policy", ...}
    annex_a.disagreement("A.9.2", "Cryptography")
    # -> Disagreement(..., expected="Processes for responsible use of AI systems", term="cryptograph")
    annex_a.disagreement("A.6.2.8", "Logging")  # -> None: a usual short name
    annex_a.cited("Criteria: A.9.2 Cryptography; A.6.2.8 Event logging")
    # -> [Citation("A.9.2", "A.9.2", "Cryptography", 10), Citation(... "Event logging" ...)]

An organisation paraphrases, abbreviates and changes case ("AI policy communicated" is
A.2.2 "AI policy"), and gives controls usual short names (``data/annex_a_aliases.yaml``):
none of that is a disagreement. Two questions, for two uses:

- ``disagreement(control, title)`` (the SoA, SOA011): does the title positively name
  something else, another control of the catalogue or an ISO/IEC 27001 control (the
  words of ``vocabulary/annex_a_other_standard_terms.txt``)? An SoA row's title is
  often a paraphrase of what the organisation does, so only a title that names another
  control is wrong.
- ``disagrees(control, title)`` (audit criteria, IAU004): does a title cited as the
  control share no word with the control's title or usual names ("A.8.2 Data
  governance")? Audit criteria cite a control by its name; a name that is not the
  control's gives the criterion another meaning, whatever it names.

A missing title, an unknown id or a title of one letter is never a disagreement: those
are other rules' findings (SOA002, the reading of unknown ids).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from aims_lint.patterns import lazy
from aims_lint.reading.soa import catalogue, normalise_id, title_matches

__all__ = ["Citation", "Disagreement", "catalogue", "cited", "disagreement", "disagrees", "normalise_id"]

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


def _is_alias(control: str, title: str) -> bool:
    """The title shares a distinctive word (by stem; not "AI", "policy", "system") with
    one of the control's usual short names ("Logging" for A.6.2.8)."""
    names: set[str] = set()
    for alias in aliases().get(control, ()):
        names |= _distinct(alias)
    return bool(names) and _share(set(_distinct(title)), names)


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

# Words every Annex A title shares: they say nothing about which control is meant.
_GENERIC = frozenset(
    "ai artificial intelligence system process procedure documentation document objective responsible "
    "use management control development organisation organization related policy".split()
)
_TITLE_STOP = frozenset("a an and the of for in on to or with by from its their other our all".split())
# Words several controls share, too weak alone to say which other control a title names
# ("Human oversight" is not A.4.6 Human resources; "Data governance" is no one data control).
_WEAK = frozenset("data human impact assessment resource information".split())


@dataclass(frozen=True)
class Disagreement:
    control: str  # "A.10.2"
    title: str  # as written
    expected: str  # the catalogue's title of ``control``
    other_controls: tuple[str, ...] = ()  # catalogue controls the title names instead
    term: str = ""  # the ISO/IEC 27001 control it names ("screening")

    @property
    def names(self) -> str:
        """What the title names instead, in a few words."""
        if self.other_controls:
            known = catalogue()
            return " or ".join(f"{other} '{known[other]}'" for other in self.other_controls)
        return f"an ISO/IEC 27001 control ('{self.term}')"


def _singular(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _distinct(text: str) -> frozenset[str]:
    words = (_singular(word) for word in re.findall(r"[a-z]+", text.lower()) if word not in _TITLE_STOP)
    return frozenset(word for word in words if word not in _GENERIC and len(word) > 1)


@lru_cache(maxsize=1)
def _catalogue_words() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((control, _distinct(title)) for control, title in catalogue().items())


@lru_cache(maxsize=1)
def _infosec_terms():
    from aims_lint.pack import vocabulary

    terms = sorted(vocabulary("annex_a_other_standard_terms"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")", re.I) if terms else None


def disagreement(control: str, title: str) -> Disagreement | None:
    """How ``title`` disagrees with the catalogue's title of ``control``, or None."""
    known = catalogue()
    expected = known.get(control)
    title = " ".join((title or "").split()).strip(" *_`")
    if expected is None or not re.search(r"[A-Za-z]{3}", title) or len(title) > 120:
        return None  # a long cell is a description, not a title
    if title_matches(title, expected):
        return None
    written = _distinct(title)
    own = _distinct(expected)
    if written & own:
        return None  # shares a distinctive word with its own control: a paraphrase
    if _is_alias(control, title):
        return None  # a usual short name of the control ("Logging" for A.6.2.8)
    pattern = _infosec_terms()
    match = pattern.search(title) if pattern is not None else None
    if match:
        return Disagreement(control, title, expected, term=match.group(0).lower())
    strong = written - _WEAK
    scored = sorted(
        ((len(written & words) / len(words) + len(written & words) / len(written), other)
         for other, words in _catalogue_words()
         if other != control and words and strong & words and len(written & words) * 2 >= len(words)),
        key=lambda item: -item[0],
    )
    if scored:
        best = scored[0][0]
        others = tuple(other for score, other in scored if score == best)
        return Disagreement(control, title, expected, other_controls=others[:2])
    return None
