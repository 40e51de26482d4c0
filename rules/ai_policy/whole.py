"""A policy in several documents is judged once, as a whole (clause 5.2).

Some organisations write their AI policy as chapters (one ``ai-policy`` document per
topic, with an executive summary), others as a charter plus topic-specific policies. An
auditor reads an element of 5.2 (scope, objectives, commitments, communication, review,
approval) in the policy as a whole: it is missing only when no document of the policy
has it, and it is one gap, not one per chapter.

So an element rule first reads the document it lints (the usual case: found, done;
a single-policy repository reads nothing else). When the element is absent, it asks
:func:`other_parts`: the other ``ai-policy`` documents of the repository answer from the
workspace facts cache (each is parsed once per change, not per run), and the finding is
reported once, on the main policy document:

1. a document whose first heading, title or file name says policy, charter or executive
   summary (also in French: politique, charte);
2. among several such documents (or none), the largest;
3. on a tie, the first by path.

A document typed ``ai-policy`` that speaks information security rather than AI (what
POL002 reports, with its default thresholds) is not a chapter of the AI policy: a
repository of recycled security policies keeps each judged alone, as before.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from aims_lint.patterns import lazy

from zlib import crc32

from ..common import count_terms
from .signals import POLICY_TYPE

_MAIN_NAME = lazy(r"\b(?:polic(?:y|ies)|charter|executive[-_ ]summary|politique|charte|richtlinie|pol[ií]tica)\b", re.I)


def _main_facts(doc) -> list:
    heading = doc.sections[0].title if doc.sections else ""
    title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else ""
    stem = PurePosixPath(doc.relpath).stem.replace("_", " ").replace("-", " ")
    named = any(_MAIN_NAME.search(text) for text in (heading, title, stem))
    return [named, len(doc.body)]


def infosec_framed(doc, infosec_terms: list[str], ai_terms: list[str], minimum: int = 4, ratio: float = 2.0, most_ai: int = 15) -> bool:
    """Does the document speak information security or privacy rather than AI (POL002)?"""
    text = doc.plain_text
    infosec = count_terms(text, infosec_terms)
    if infosec < minimum:
        return False
    ai = count_terms(text, ai_terms)
    return not (ai > most_ai or infosec < ratio * ai)


def policy_parts(ctx) -> list[str]:
    """Relative paths of the documents typed ``ai-policy`` that are about AI: the parts of
    the repository's AI policy. Only when there are several is anything parsed (and then
    once per change of a file, through the facts cache)."""
    workspace = ctx.workspace

    def parts(ws):
        relpaths = sorted(ws.relpaths_of_type(POLICY_TYPE))
        if len(relpaths) < 2:
            return relpaths
        infosec_terms, ai_terms = ctx.vocabulary("policy_infosec_terms"), ctx.vocabulary("policy_ai_terms")
        key = f"pol.infosec.1.{crc32(chr(10).join(infosec_terms + ['|'] + ai_terms).encode()):08x}"
        return [
            relpath for relpath in relpaths
            if ws.fact(relpath, key, lambda doc: infosec_framed(doc, infosec_terms, ai_terms), bool) is False
        ]

    return workspace.memo("pol.parts", parts)


def main_part(ctx) -> str | None:
    """The document a whole-policy finding is reported on (see the module docstring)."""
    workspace = ctx.workspace

    def choose(ws):
        best = None
        for relpath in policy_parts(ctx):
            facts = ws.fact(relpath, "pol.main.1", _main_facts, (bool, int))
            if facts is None:
                continue
            key = (not facts[0], -facts[1], relpath)
            if best is None or key < best[0]:
                best = (key, relpath)
        return best[1] if best else None

    return workspace.memo("pol.main", choose)


def other_parts(ctx, doc, key: str, compute, shape) -> list | None:
    """``compute(part)`` for every other document of a multi-document AI policy, read from
    the facts cache under ``key`` (unreadable ones left out); ``[]`` for a policy in one
    document. None when ``doc`` is one part of several but not the main one: a gap of the
    whole policy is reported once, on the main document, so this one reports nothing."""
    workspace = getattr(ctx, "workspace", None)
    if workspace is None:
        return []
    parts = policy_parts(ctx)
    if doc.relpath not in parts or len(parts) < 2:
        return []
    if main_part(ctx) != doc.relpath:
        return None
    found = []
    for relpath in parts:
        if relpath != doc.relpath:
            value = workspace.fact(relpath, key, compute, shape)
            if value is not None:
                found.append(value)
    return found


def found_elsewhere(ctx, doc, key: str, compute) -> bool:
    """True when an element absent from ``doc`` is no finding on it: another document of
    the same policy has it, or ``doc`` is not the main document of a multi-document policy."""
    others = other_parts(ctx, doc, key, lambda part: bool(compute(part)), bool)
    return others is None or any(others)
