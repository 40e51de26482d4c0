"""A finding's content key: what the finding is about, never where it stands.

The key is the rule's code, the file, and the finding's message normalised: lower
case, runs of white space made one space, every line reference in the text ("line 12",
"lines 3-5", "(line 40)") and every place in a file ("planning/soa.md:33") made "line #" and
"planning/soa.md:#", and every count of days from today ("(154
days ago)", "3 days left") made "#": a review overdue since a given date is the same
gap tomorrow (the date itself stays in the message). The message already names the
item the finding concerns (the objective's text, the control's number, the role, the
system's id), so two findings with the same key are the same gap: inserting lines above
it, or moving a section, keeps the key.

Several identical findings in one file (three objectives worded alike, each vague) share
one key: keys are counted, as ruff's and semgrep's baselines match them, so a baseline
that holds a key twice accepts two such findings and a third one is new
(:func:`match`).

Used by the baseline (``aims_lint.baseline``) and by the comparison of a change with
its base (``aims_lint.changes``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from aims_lint.findings import Finding

# "line 12", "lines 3-5", "lines 3, 7 and 9", "line 3–4": the numbers go, the words stay.
_LINE_REFERENCE = re.compile(r"\blines?\s+\d+(?:\s*(?:-|–|,|and|to)\s*\d+)*+", re.I)
# "(154 days ago)", "3 days left": counted from today, so different tomorrow; the date
# they count to stays in the message ("was due on 2026-06-30").
_DAYS_FROM_TODAY = re.compile(r"\b\d++\s++(days?|weeks?)\s++(ago|left|overdue|late)\b", re.I)
# "(planning/soa.md:33)", "scope.md:17:5": a place in another file, whose line moves too.
_FILE_PLACE = re.compile(r"(\.[A-Za-z0-9]{1,8}+):\d++(?::\d++)?+")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1 << 16)  # a comparison normalises each message of two states
def normalise(message: str) -> str:
    """The message without line numbers or day counts from today, in lower case with
    single spaces."""
    text = message
    if _DIGIT.search(text):  # every pattern below holds a digit
        text = _LINE_REFERENCE.sub("line #", text)
        text = _DAYS_FROM_TODAY.sub(r"# \1 \2", text)
        text = _FILE_PLACE.sub(r"\1:#", text)
    return " ".join(text.split()).lower()


def key(finding: Finding) -> tuple[str, str, str]:
    """(code, path, normalised message): the same for the same gap wherever it stands."""
    return (finding.code, finding.path, normalise(finding.message))


@lru_cache(maxsize=1 << 16)
def _text_digest(message: str) -> str:
    from aims_lint.cache import value_digest

    return value_digest(normalise(message))[:16]


def short_key(finding: Finding) -> tuple[str, str, str]:
    """The key with a digest of the normalised message in place of the message: what the
    cache keeps of a state's findings for a later comparison (never shown to anyone)."""
    return (finding.code, finding.path, _text_digest(finding.message))


def count(findings: Iterable[Finding], key=key) -> Counter:
    return Counter(key(finding) for finding in findings)


def match(findings: Iterable[Finding], known: Counter, key=key) -> tuple[list[Finding], list[Finding], Counter]:
    """Split ``findings`` against the counted keys ``known`` (made by ``key``):
    (matched, unmatched, what of ``known`` matched nothing). Each key in ``known``
    matches at most as many findings as it is counted, the first ones in the findings'
    order."""
    left = Counter(known)
    matched, unmatched = [], []
    for finding in findings:
        item = key(finding)
        if left[item] > 0:
            left[item] -= 1
            matched.append(finding)
        else:
            unmatched.append(finding)
    return matched, unmatched, +left
