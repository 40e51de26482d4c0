"""When a document says it is redone: the events that trigger a re-assessment (8.4,
A.5.2), however they are worded. A fixed list of phrases ("significant change", "new
population") misses the ordinary ways of saying it: "DPIA reviewed annually or upon
change in processing scope", "TRA refreshed with each new model release", "updated
whenever the vendor ships a new version". A trigger is a sentence that has

- a verb of redoing (reviewed, re-assessed, refreshed, updated, repeated, revisited, redone);
- an event conjunction (upon, with each / every / any, whenever, when, after, following,
  in case of, in the event of, if, on each / every / any), and after it, within a few
  words, an event (a change, a release or version, retraining, an incident, a
  deployment, a modification, an upgrade, something new: model, data, use, vendor,
  population, jurisdiction, market, purpose).

A review on a calendar alone ("reviewed annually", "quarterly DPIA updates") is not a
trigger, and neither is "updates on regulatory changes" (no event conjunction).

Rules judge ``triggers(doc)``; computed once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aims_lint.patterns import lazy

_REDO = lazy(
    r"\b(?:re-?assess\w*+|re-?evaluat\w*+|re-?view(?:ed|s)?|refresh(?:ed|es)?|re-?run|redo(?:ne)?|repeat(?:ed|s)?"
    r"|update[ds]?|revisit(?:ed|s)?|re-?perform\w*+|revis(?:ed|es)|re-?done|re-?examin\w*+)\b",
    re.I,
)
_WHEN = lazy(
    r"\b(?:upon|with (?:each|every|any)|whenever|when|after|following|in (?:case|the event) of|if|on (?:each|every|any))\b",
    re.I,
)
_EVENT = lazy(
    r"\b(?:changes?|changed|release[sd]?|versions?|retrain\w*+|incidents?|deploy\w*+|modif\w*+|upgrade[sd]?"
    r"|new (?:model|data|use|feature|system|vendor|provider|supplier|population|jurisdiction|market|purpose|risk|release|version)\w*+"
    r"|expan\w*+)\b",
    re.I,
)
_SENTENCE = lazy(r"[^.;\n]++")
_WINDOW = 80  # characters after the conjunction in which the event is named


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    line: int


def _triggers_in(text: str) -> list[str]:
    found = []
    for sentence in _SENTENCE.findall(text):
        if len(sentence) > 1000 or not _REDO.search(sentence):
            continue
        for conjunction in _WHEN.finditer(sentence):
            if _EVENT.search(sentence, conjunction.end(), conjunction.end() + _WINDOW):
                found.append(sentence.strip())
                break
    return found


def _read(doc) -> list[Trigger]:
    found = []
    for block in doc.blocks:
        for sentence in _triggers_in(block.text):
            found.append(Trigger(sentence, block.line_of(block.text.find(sentence)) if sentence in block.text else block.line))
    return found


def triggers(doc) -> list[Trigger]:
    """Sentences of the document that name an event on which it is redone."""
    return doc.memo("reading.reassessment.triggers", _read)
