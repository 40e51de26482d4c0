"""MRV013: figures the minutes cite against the records they summarise: the counts of
the internal audit's findings against the audit record, the results of objectives
against the monitoring records. (MRV011 reads the count of open nonconformities
against the log.)"""

from __future__ import annotations

import datetime as dt
import re

from aims_lint.evidence import evidence_of
from aims_lint.reading.records import (
    AUDIT_CLAIMS_FACT, AUDIT_CLAIMS_SHAPE, AUDIT_FINDINGS_FACT, AUDIT_FINDINGS_SHAPE, HELD_FACT, HELD_SHAPE,
    RESULT_CLAIMS_FACT, RESULT_CLAIMS_SHAPE, _MISSED_WORD, _figure_match, _period, audit_findings, held_on,
    in_period, review_audit_figures, review_result_figures, target_of,
)
from aims_lint.patterns import lazy
from aims_lint.rule import Problem, Related, rule

from ..objectives.results import matcher, read

_NOUNS = {
    "nc": ("nonconformity", "nonconformities"),
    "major": ("major nonconformity", "major nonconformities"),
    "minor": ("minor nonconformity", "minor nonconformities"),
    "observation": ("observation", "observations"),
    "ofi": ("opportunity for improvement", "opportunities for improvement"),
}
_MET = lazy(r"^\W*+(?:(?:is|was|has been)\s++)?(?:met|achieved)\b", re.I)
_PERIOD_WORD = lazy(r"\b(?:Q[1-4]|H[12]|quarter|month|year|week|YTD|to date)\b", re.I)
_TARGET_BEFORE = lazy(r"\b(?:target|threshold|goal|tolerance|limit)(?:\s++(?:of|is|was|set at))?\W{0,3}+$", re.I)
_TARGET_AFTER = lazy(r"^\s*+(?:target|threshold|goal|tolerance|limit)\b", re.I)
_PARTLY = lazy(r"\bpartial(?:ly)?\b|\bpartly\b|\bmostly\b|\blargely\b", re.I)
_STATUS_WORD = lazy(r"\b(?:not met|not achieved|missed|off[- ]track|met|achieved)\b", re.I)


def _count(kind: str, number: int) -> str:
    return f"{number} {_NOUNS[kind][0 if number == 1 else 1]}"


@rule(
    code="MRV013",
    name="review-figures-contradict-records",
    clause="9.3.2",
    types=("management-review",),
    classification="minor",
    remediation="1 day",
    message=(
        "the review reports {reported} for {subject}, but {record} says {actual}; correct the minutes or the "
        "record so that both tell the same story"
    ),
    summary="Management-review minutes cite audit-finding counts or objective results that the records contradict.",
    scope="workspace",
)
def check(workspace, ctx):
    evidence = evidence_of(workspace)
    reviews = [review for review in evidence.reviews if review.date and not review.lacks]
    if not reviews:
        return
    yield from _audit_figures(workspace, evidence, reviews, ctx.today)
    yield from _result_figures(workspace, evidence, reviews)


# -- counts of the internal audit's findings -------------------------------------------

def _audit_names(workspace, audits) -> dict[str, set[str]]:
    """Identifier -> paths of the audit records answering to it: the document's own id
    first; else the ids it names and their leading parts ("IA-2026-01-F1" names
    "IA-2026-01"), which may be another audit's (a follow-up names the audit it follows)."""
    index = workspace.index()
    own: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    for record in audits:
        doc_id = index.get(record.path, (None, None))[1]
        if doc_id:
            own.setdefault(doc_id.replace("_", "-"), set()).add(record.path)
        for name in record.facts.get("ids", []):
            parts = name.replace("_", "-").split("-")
            for end in range(2, len(parts) + 1):
                named.setdefault("-".join(parts[:end]), set()).add(record.path)
    return {**named, **own}


def _default_audit(review, audits, reviews, names):
    """The audit the review speaks of when a sentence names none: the one it links to or
    cites, else the one held before it since the previous review (none when several)."""
    by_path = {record.path: record for record in audits}
    chosen = {path for path, _ in review.facts.get("links", []) if path in by_path}
    for name, _ in review.facts.get("cited", []):
        chosen |= names.get(name.replace("_", "-"), set())
    if chosen:
        return by_path[next(iter(chosen))] if len(chosen) == 1 else None
    earlier = [other.date for other in reviews if other.date < review.date]
    since = max(earlier) if earlier else (dt.date.fromisoformat(review.date) - dt.timedelta(days=366)).isoformat()
    held = [record for record in audits if since < record.date <= review.date]
    return held[0] if len(held) == 1 else None


def _actual(kind: str, counts: dict) -> int | None:
    """The record's count of ``kind``; None when its findings tables list no finding of
    that group (nonconformities; observations and opportunities), which it may keep
    elsewhere ("Observations: ..." in prose)."""
    if kind in ("nc", "major", "minor") and not counts["major"] + counts["minor"] + counts["nc"]:
        return None
    if kind in ("observation", "ofi") and not counts["observation"] + counts["ofi"]:
        return None
    if kind == "nc":
        return counts["major"] + counts["minor"] + counts["nc"]
    if kind in ("major", "minor"):
        return counts[kind] if counts["nc"] == 0 else None  # grades not given for every nonconformity
    if counts["observation"] and counts["ofi"]:
        return counts[kind]
    return counts["observation"] + counts["ofi"]  # one word for both kinds in this record


def _actual_words(kind: str, counts: dict, number: int) -> str:
    if kind == "nc" and (counts["major"] or counts["minor"]):
        graded = [f"{counts[grade]} {grade}" for grade in ("major", "minor") if counts[grade]]
        if counts["nc"]:
            graded.append(f"{counts['nc']} not graded")
        return f"{_count(kind, number)} ({', '.join(graded)})"
    if kind in ("observation", "ofi") and not (counts["observation"] and counts["ofi"]):
        other = "ofi" if counts["ofi"] else "observation"
        return _count(other, number)
    return _count(kind, number)


def _audit_figures(workspace, evidence, reviews, today):
    audits = [record for record in evidence.audits if not record.lacks and record.date and record.date <= today.isoformat()]
    if not audits:
        return
    names = _audit_names(workspace, audits)
    by_path = {record.path: record for record in audits}
    for review in reviews:
        claims = workspace.fact(review.path, AUDIT_CLAIMS_FACT, review_audit_figures, AUDIT_CLAIMS_SHAPE)
        if not claims:
            continue
        default = _default_audit(review, audits, reviews, names)
        seen = set()
        for kind, reported, cited, line, period in claims:
            if cited:
                paths = names.get(cited.replace("_", "-"), set())
                audit = by_path[next(iter(paths))] if len(paths) == 1 else None
            else:
                audit = default
            if audit is None or audit.date > review.date or not in_period(period, audit.date):
                continue  # an audit not on record (MRV010), held after the review (MRV009) or of another period
            counts = workspace.fact(audit.path, AUDIT_FINDINGS_FACT, audit_findings, AUDIT_FINDINGS_SHAPE)
            if not counts:
                continue
            actual = _actual(kind, counts)
            if actual is None or actual == reported or (kind, reported, audit.path) in seen:
                continue
            seen.add((kind, reported, audit.path))
            yield Problem(
                line, 1, doc=workspace.document(review.path), reported=_count(kind, reported),
                subject=f"the internal audit of {audit.date}", record=f"its record ({audit.path})",
                actual=_actual_words(kind, counts, actual),
                related=[Related(counts["line"], 1, f"the findings of the internal audit of {audit.date}", doc=audit.path)],
            )


# -- results of objectives ---------------------------------------------------------------

def _number(text: str):
    """(value, decimals, is_percent) of the first figure of a result that is not a
    target ("≥ 95%"), or None."""
    match = _figure_match(text)
    if match is None or target_of(text) is not None:
        return None
    if _TARGET_BEFORE.search(text[max(0, match.start() - 24):match.start()]) or _TARGET_AFTER.match(text[match.end():]):
        return None  # "target 0.8", "0.8 target": the figure is a target
    digits = match.group(1).replace(",", ".")
    return float(digits), len(digits.split(".")[1]) if "." in digits else 0, bool(match.group(2))


def _same(claimed, recorded) -> bool:
    """Equal figures, the claim rounded as written ("91%" for 91.3%)."""
    return round(recorded[0], claimed[1]) == round(claimed[0], claimed[1])


def _status(text: str) -> bool | None:
    """True when a result says missed, False when it says met, None when it says neither."""
    match = _STATUS_WORD.search(text)
    if match is None or _PARTLY.search(text):
        return None
    return bool(_MISSED_WORD.search(match.group(0)))


def _result_figures(workspace, evidence, reviews):
    objectives, results = read(workspace)
    if not objectives:
        return
    find = matcher(workspace).find
    review_paths = {review.path for review in evidence.reviews}
    index = workspace.index()
    recorded = []  # (date, relpath, result, objectives it names)
    for relpath, result in results:
        if relpath in review_paths or index.get(relpath, (None,))[0] == "management-review":
            continue
        named = {id(objective) for _, objective in find(result[0])}
        if not named:
            continue
        date = workspace.fact(relpath, HELD_FACT, held_on, HELD_SHAPE)
        if date:
            recorded.append((date, relpath, result, named))
    if not recorded:
        return
    by_objective: dict[int, list] = {}
    for item in recorded:
        for key in item[3]:
            by_objective.setdefault(key, []).append(item)
    for review in reviews:
        claims = [(result[0], result[1], result[5]) for relpath, result in results if relpath == review.path]
        claims += [tuple(item) for item in workspace.fact(review.path, RESULT_CLAIMS_FACT, review_result_figures, RESULT_CLAIMS_SHAPE) or []]
        seen = set()
        for ref, value, line in claims:
            named = {id(objective) for _, objective in find(ref)}
            if not named or line in seen or _period(value) or _PERIOD_WORD.search(value):
                continue  # a result of a period the minutes name: which record is not ours to guess
            rows = {id(item): item for key in named for item in by_objective.get(key, []) if item[0] <= review.date}
            rows = list(rows.values())
            if not rows:
                continue
            latest = max(item[0] for item in rows)
            last = [item for item in rows if item[0] == latest]
            claimed = _number(value)
            if claimed is not None:
                figures = [_number(item[2][1]) for item in last]
                if any(figure is None or figure[2] != claimed[2] for figure in figures) or len({f[0] for f in figures}) != 1:
                    continue  # not comparable, or the latest records disagree among themselves
                if any(_same(claimed, figure) for figure in (_number(item[2][1]) for item in rows) if figure and figure[2] == claimed[2]):
                    continue  # the figure of the latest record, or of an earlier one (another period)
                actual = f"{last[0][2][1]} on {latest}"
                value = _figure_match(value).group(0).strip()
            else:
                said = _status(value)
                states = {item[2][3] for item in last}
                if said is None or len(states) != 1 or None in states or said in states:
                    continue
                state = states.pop()
                actual = f"{'missed' if state else 'met'} ({last[0][2][1]} against {last[0][2][2] or 'its target'}, {latest})"
                value = "not met" if said else "met"
            seen.add(line)
            where, objective = find(ref)[0]
            relpath, result = last[0][1], last[0][2]
            yield Problem(
                line, 1, doc=workspace.document(review.path), reported=value.strip()[:60],
                subject=f"'{ref}'" + (f" ({objective[0]})" if objective[0] and objective[0] != ref else ""),
                record=f"the monitoring record {relpath}", actual=actual,
                related=[
                    Related(result[5], 1, f"the result recorded for {result[0]}", doc=relpath),
                    Related(objective[5], 1, f"the objective: {objective[1]}", doc=where),
                ],
            )
