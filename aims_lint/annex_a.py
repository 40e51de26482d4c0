"""Does a title written beside an Annex A control id name that control?

Shared by every rule that reads "<id> <title>" pairs (the SoA, audit criteria, risk
treatments): an organisation paraphrases, abbreviates and changes case ("AI policy
communicated" is A.2.2 "AI policy"), and none of that is a disagreement. A title
disagrees when it names another control of the catalogue ("A.10.2 Supplier AI
contracts": A.10.3 is Suppliers) or an ISO/IEC 27001 control ("A.9.2 Cryptography",
"A.4.6 Screening for AI roles"): the numbering of another scheme reused, or a typo
that changes the control.

API::

    disagreement(control, title) -> Disagreement | None

``control`` is a normalised id ("A.10.2", see ``aims_lint.reading.soa.normalise_id``);
an id outside the catalogue, an empty title or a title that matches gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aims_lint.reading.soa import catalogue, title_matches

__all__ = ["Disagreement", "disagreement", "catalogue"]

# Words every Annex A title shares: they say nothing about which control is meant.
_GENERIC = frozenset(
    "ai artificial intelligence system process procedure documentation document objective responsible "
    "use management control development organisation organization related policy".split()
)
_STOP = frozenset("a an and the of for in on to or with by from its their other our all".split())
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


def _stem(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _distinct(text: str) -> frozenset[str]:
    words = (_stem(word) for word in re.findall(r"[a-z]+", text.lower()) if word not in _STOP)
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
