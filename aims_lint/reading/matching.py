"""Which objective a result, a monitoring row or a sentence of the minutes speaks of.

A monitoring record rarely repeats the objective's id or its exact name: it writes the
metric ("Approval-rate ratio between protected groups"), the metric in other words
order ("Sampled conversations with a factually wrong answer" for "≤ 2% of sampled
conversations with a factually wrong answer"), a plural, a unit ("Latency (ms)"). The
matcher compares words, normalised once:

- case, punctuation and Markdown emphasis dropped; plurals made singular;
- figures, units ("%", "ms", "days", "points") and the words of a target's direction
  ("at least", "no more than", "target") dropped, so that "AUC ≥ 0.78 on the monthly
  hold-out sample" and "AUC on the monthly hold-out sample" read the same;
- "the", "of", "on", "with" ... dropped; word order ignored (a sorted tuple).

An objective answers to its id (separators and case aside), its name, its metric as
written (without the target) and its metric before the target ("Approval-rate ratio"
of "Approval-rate ratio ≥ 0.8"). A name or metric key needs two words or more: one
generic word ("accuracy") names no objective. A key two different objectives share is
ambiguous and matches neither: ambiguity is no match (a false alarm costs more than a
miss).
"""

from __future__ import annotations

import re

from aims_lint.patterns import lazy

_UNITS = frozenset({
    "%", "percent", "percentage", "pct", "pp", "ms", "millisecond", "s", "sec", "second", "min", "minute",
    "h", "hr", "hour", "day", "week", "month", "point", "pt", "x",
})
_FILLER = frozenset({
    "the", "a", "an", "of", "for", "in", "on", "to", "by", "per", "at", "with", "and", "or", "from", "is", "are", "be",
})
# The words of a target's direction: "at least 95%", "no more than 2", "target 0.8".
_DIRECTION = frozenset({
    "least", "most", "minimum", "maximum", "no", "more", "less", "than", "fewer", "below", "above", "under", "over",
    "higher", "lower", "target", "threshold", "within", "exceed", "exceeding",
})
_TOKEN = lazy(r"[a-z0-9]++(?:'[a-z]++)?+")
_FIGURE = lazy(r"^\d++(?:[.,]\d++)?+$|^\d++[a-z]{0,2}+$")
_DIRECTION_MARK = lazy(
    r"[≥≤<>=]|\b(?:at least|at most|minimum|maximum|min\.?|max\.?|no more than|no less than|not more than|"
    r"not less than|below|above|under|over|target|within|less than|more than|fewer than)\b|\d",
    re.I,
)
_ID_SEPARATORS = lazy(r"[\s_\-.]++")
_OBJECTIVE_ID = lazy(r"^[A-Za-z]{1,6}[-_ .]?\d{1,4}$")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The normalised words of a name or metric, sorted (see the module docstring)."""
    kept = []
    for token in _TOKEN.findall(re.sub(r"[*_`]+", " ", text.lower()).replace("%", " % ")):
        word = _singular(token.replace("'", ""))
        if _FIGURE.match(word) or word in _UNITS or word in _FILLER or word in _DIRECTION:
            continue
        kept.append(word)
    return tuple(sorted(kept))


def ident_key(text: str) -> str:
    """An objective id with separators and case aside ("OBJ-01", "obj_01", "OBJ 01")."""
    text = text.strip()
    return _ID_SEPARATORS.sub("", text).lower() if _OBJECTIVE_ID.match(text) else ""


def _before_target(metric: str) -> str:
    mark = _DIRECTION_MARK.search(metric)
    return metric[:mark.start()] if mark else metric


def objective_keys(ident: str, name: str, metric: str) -> set[tuple[str, ...]]:
    """The word keys of an objective: its name, its metric and its metric before the
    target; keys of fewer than two words left out."""
    keys = {words(name), words(metric), words(_before_target(metric))}
    return {key for key in keys if len(key) >= 2}


class ObjectiveMatcher:
    """Built once over the repository's objectives (``[id, name, metric, ...]`` rows,
    each with where it is): ``find(ref)`` gives the objectives a reference speaks of."""

    def __init__(self, objectives):
        self.objectives = list(objectives)
        self._by_id: dict[str, list[int]] = {}
        by_words: dict[tuple[str, ...], set[int]] = {}
        identity: dict[int, object] = {}
        for index, (_, objective) in enumerate(self.objectives):
            ident, name, metric = objective[0], objective[1], objective[2]
            key = ident_key(ident)
            if key:
                self._by_id.setdefault(key, []).append(index)
            # The same objective copied into two documents (same id, else same name and
            # metric) is one objective, not two that share a key.
            identity[index] = key or (words(name), words(metric))
            for word_key in objective_keys(ident, name, metric):
                by_words.setdefault(word_key, set()).add(index)
        self._by_words: dict[tuple[str, ...], list[int]] = {}
        for word_key, indices in by_words.items():
            if len({identity[index] for index in indices}) == 1:
                self._by_words[word_key] = sorted(indices)
        self._identity = identity

    def find(self, ref: str) -> list:
        """The objectives (``(where, objective)``) ``ref`` names: by id, else by words;
        empty when it names none or could name two different objectives."""
        key = ident_key(ref)
        if key:
            return [self.objectives[index] for index in self._by_id.get(key, [])]
        # A reference naming an objective by its id among other words ("OBJ-02 AUC").
        leading = ref.strip().split(" ", 1)[0].rstrip(":")
        if leading != ref.strip() and ident_key(leading) in self._by_id:
            return [self.objectives[index] for index in self._by_id[ident_key(leading)]]
        found = set()
        for word_key in {words(ref), words(_before_target(ref))}:
            if len(word_key) >= 2:
                found.update(self._by_words.get(word_key, []))
        if len({self._identity[index] for index in found}) != 1:
            return []
        return [self.objectives[index] for index in sorted(found)]

    def first(self, ref: str):
        found = self.find(ref)
        return found[0] if found else None
