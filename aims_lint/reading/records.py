"""Records read against each other (issue 13): what a nonconformity log holds, what a
monitoring or measurement record reports, what the organisation plans for its management
reviews, and the objectives with their ids, targets and deadlines.

Every reading returns plain JSON (lists, strings, numbers), so that a workspace rule
reads it through the facts cache (``Workspace.fact``) and never parses another file:

- ``nonconformity_log(doc)``: ``{"date", "rows": [[id, raised, closed, open, line]]}``,
  one row per nonconformity of a log table (an ID column and a status, result or
  closure column); ``raised``/``closed`` are ISO dates or None, ``open`` says whether the
  row is still open as the log stands;
- ``results(doc)``: ``[[ref, value, target, missed, action, line]]``, one row per result
  of a monitoring table (a metric, KPI or objective column beside a result, actual or
  value column); ``missed`` is True/False when the row says or the figures show whether
  the target was met, None when nothing shows it; ``action`` says whether the row records
  an action or decision;
- ``planned_review_interval(doc)``: ``[months, days, line]`` of "management reviews are
  held every six months" (or a ``management_review_interval`` key), or None;
- ``objective_facts(doc)``: ``[[id, name, target, due, result, line]]`` of each objective
  of an objectives document (``aims_lint.reading.objectives``); ``result`` says whether
  the objective's own row records a result or status.
"""

from __future__ import annotations

import re

from aims_lint.dates import ISO_DATE, parse_date, parse_interval, prose_date
from aims_lint.patterns import lazy

NC_LOG_FACT = "records.nonconformity-log.1"
NC_LOG_SHAPE = {"date": frozenset({str, type(None)}), "rows": [(str, frozenset({str, type(None)}), frozenset({str, type(None)}), bool, int)]}
RESULTS_FACT = "records.results.5"
RESULTS_SHAPE = [(str, str, str, frozenset({bool, type(None)}), bool, int)]
INTERVAL_FACT = "records.review-interval.1"
INTERVAL_SHAPE = frozenset({(int, int, int), type(None)})
OBJECTIVES_FACT = "records.objectives.1"
OBJECTIVES_SHAPE = [(str, str, str, frozenset({str, type(None)}), bool, int)]

_ID_HEADER = lazy(r"^(?:nc|ncr|ca|capa|ref|reference|finding)?\s*(?:id|no\.?|number|#|ref(?:erence)?)$|^(?:nc|ncr|capa|finding)$", re.I)
_STATUS_HEADER = lazy(r"\bstatus\b|\bresult\b|\bclos(?:ed|ure|ing)\b|\bstate\b|\boutcome\b|\beffectiveness\b", re.I)
_CLOSED_HEADER = lazy(r"\bclos(?:ed|ure|ing)\b", re.I)
_RAISED_HEADER = lazy(r"\b(?:raised|opened|identified|detected|reported|logged|found)\b|^date(?: raised| opened)?$", re.I)
_CLOSED_WORD = lazy(r"\bclosed\b|\bresolved\b|\bcompleted\b|\bverified\b|\bdone\b", re.I)
_OPEN_WORD = lazy(r"\bopen\b|\bin progress\b|\bongoing\b|\bpending\b|\boverdue\b|\bnot (?:yet )?closed\b", re.I)
_ROW_ID = lazy(r"^[A-Z][A-Z0-9]{0,9}(?:[-_][A-Z0-9]{1,10}){0,4}$")


def _date_in(text: str) -> str | None:
    match = ISO_DATE.search(text)
    found = parse_date(match.group(0)) if match else prose_date(text, late=False)
    return found.isoformat() if found else None


def _header(table, pattern, skip=()) -> int | None:
    for index, cell in enumerate(table.header):
        if index not in skip and pattern.search(cell.text.strip()):
            return index
    return None


def nonconformity_log(doc) -> dict:
    """The rows of the document's nonconformity tables (see the module docstring)."""
    rows = []
    for table in doc.tables:
        id_column = _header(table, _ID_HEADER)
        if id_column is None:
            continue
        status = [index for index, cell in enumerate(table.header) if index != id_column and _STATUS_HEADER.search(cell.text)]
        if not status:
            continue
        raised_column = _header(table, _RAISED_HEADER, skip={id_column, *status})
        closed_columns = [index for index in status if _CLOSED_HEADER.search(table.header[index].text)]
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            if id_column >= len(cells) or not _ROW_ID.match(cells[id_column]):
                continue
            texts = [cells[index] for index in status if index < len(cells)]
            whole = " ".join(texts)
            closed = None
            for index in closed_columns:
                if index < len(cells) and _date_in(cells[index]):
                    closed = _date_in(cells[index])
            if closed is None:
                match = _CLOSED_WORD.search(whole)
                if match:
                    closed = _date_in(whole[match.start():])
            is_open = not _CLOSED_WORD.search(whole) and closed is None
            if _OPEN_WORD.search(whole) and not closed:
                is_open = True
            raised = _date_in(cells[raised_column]) if raised_column is not None and raised_column < len(cells) else None
            rows.append([cells[id_column], raised, closed, is_open, row.line])
    held = parse_date(doc.meta.get("date")) or parse_date(doc.meta.get("last_updated"))
    return {"date": held.isoformat() if held else None, "rows": rows}


def open_at(log: dict, day: str) -> int | None:
    """How many nonconformities of the log were open on ``day`` (ISO), or None when the
    log cannot say: a row closed without a date, or, for a day before the log's own
    date, a row without the date it was raised."""
    count = 0
    for _, raised, closed, is_open, _ in log["rows"]:
        if raised is None and (log["date"] is None or day < log["date"]):
            return None
        if raised is not None and raised > day:
            continue
        if is_open:
            count += 1
        elif closed is None:
            return None
        elif closed > day:
            count += 1
    return count


# -- monitoring and measurement results ----------------------------------------------

_METRIC_HEADER = lazy(r"\b(?:metric|kpi|indicator|measure|objective|goal)s?\b", re.I)
_VALUE_HEADER = lazy(r"^(?:result|actual|value|measured|achieved|outcome|current|observed|performance)s?\b|\b(?:result|actual|value)s?$", re.I)
_TARGET_HEADER = lazy(r"\b(?:target|threshold|goal|tolerance)s?\b", re.I)
_MET_HEADER = lazy(r"\b(?:status|met|achieved\?|rag|on track|assessment)\b", re.I)
_ACTION_HEADER = lazy(r"\b(?:actions?|decisions?|follow[- ]?up|corrective|response|next steps?|treatment)\b", re.I)
_MISSED_WORD = lazy(r"\bnot met\b|\bmissed\b|\bbelow target\b|\babove (?:the )?(?:threshold|tolerance)\b|\boff[- ]track\b|\bred\b|\bfail(?:ed)?\b|\bbreach(?:ed)?\b|\bnot achieved\b", re.I)
_PENDING_WORD = lazy(r"\bin progress\b|\bon track\b|\bpending\b|\bongoing\b|\bimproving\b|\bamber\b", re.I)
# Words in any other cell of the row (a "Trend", "Comment" or "Notes" column) that
# record what is being done: "FIDO2 rollout in progress", "see CAPA-2026-004".
_ACTION_TEXT = lazy(
    r"\b(?:CAPA|NCR?|CA)[-_ ]?\d|\bcorrective\b|\bactions?\b|\bin progress\b|\brollout\b|\bplanned\b|\bsee\b|"
    r"\btracked\b|\bremediat|\bdecided\b|\bagreed\b|\baccepted\b|\bescalated\b|\bticket\b",
    re.I,
)
_INTERIM_TARGET = lazy(r"\bby\b|\bdue\b|\buntil\b", re.I)
_MET_WORD = lazy(r"^(?:met|achieved|on track|green|pass(?:ed)?|ok|yes)\b", re.I)
_EMPTY = lazy(r"^\s*+(?:|-|—|–|n/?a|none|no|tbd|todo)\s*+$", re.I)
_NUMBER = lazy(r"(\d+(?:[.,]\d+)?)\s*(%?)")
_OBJECTIVE_REF = lazy(r"\b[A-Z]{1,6}[-_]?\d{1,4}\b")

_AT_LEAST = lazy(r"≥|>=|\bat least\b|\bminimum\b|\bmin\.?\b|\bno less than\b|\babove\b|\bover\b|>|\bor more\b|\bor higher\b", re.I)
_AT_MOST = lazy(r"≤|<=|\bat most\b|\bmaximum\b|\bmax\.?\b|\bno more than\b|\bbelow\b|\bunder\b|<|\bor less\b|\bor fewer\b|\bwithin\b", re.I)


_DATE_OR_ID = lazy(r"\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b|\b[A-Z]{1,6}[-_]\d+\b")


def _figure_match(text: str):
    cleaned = _DATE_OR_ID.sub(lambda match: " " * len(match.group(0)), text)
    return _NUMBER.search(cleaned)


def _figure(text: str):
    """(number, is_percent) of the first figure of a cell that is not a date or an id."""
    match = _figure_match(text)
    if not match:
        return None
    return float(match.group(1).replace(",", ".")), bool(match.group(2))


_BEFORE_AT_LEAST = lazy(r"(?:≥|>=|>|\bat least|\bminimum(?: of)?|\bmin\.?|\bno less than|\babove|\bover|\bexceed(?:s|ing)?)\s*+$", re.I)
_BEFORE_AT_MOST = lazy(r"(?:≤|<=|<|\bat most|\bmaximum(?: of)?|\bmax\.?|\bno more than|\bbelow|\bunder|\bless than|\bfewer than)\s*+$", re.I)
_AFTER_AT_LEAST = lazy(r"^\s*+(?:or (?:more|higher|above|better)\b|\+)", re.I)
_AFTER_AT_MOST = lazy(r"^\s*+(?:or (?:less|lower|fewer|below)\b)", re.I)


def target_of(text: str):
    """(comparator, number, is_percent) of a target ("≥ 0.8", "at most 2%", "95% or
    higher"), or None when it states no direction. The direction is the word next to
    the figure, not one anywhere in the sentence ("100% of declines within 5 points")."""
    match = _figure_match(text)
    if match is None:
        return None
    number, percent = float(match.group(1).replace(",", ".")), bool(match.group(2))
    before, after = text[max(0, match.start() - 16):match.start()], text[match.end():match.end() + 14]
    if _BEFORE_AT_LEAST.search(before) or _AFTER_AT_LEAST.match(after):
        return ">=", number, percent
    if _BEFORE_AT_MOST.search(before) or _AFTER_AT_MOST.match(after):
        return "<=", number, percent
    if (number, percent) == (100.0, True) and not before.strip():
        return ">=", 100.0, True  # nothing lies above 100%: the target is a floor
    if number == 0 and text.strip().rstrip(".").lower() in ("0", "0%", "zero", "none"):
        return "<=", 0.0, percent  # nothing lies below zero: the target is a ceiling
    return None


def misses(value: str, target: str) -> bool | None:
    """Does the result ``value`` miss ``target``? None when the figures cannot say (no
    direction, no figure, a percentage against a ratio)."""
    wanted, got = target_of(target), _figure(value)
    if wanted is None or got is None or wanted[2] != got[1]:
        return None
    comparator, number, _ = wanted
    return got[0] < number if comparator == ">=" else got[0] > number


def _result_tables(doc):
    for table in doc.tables:
        headers = [cell.text.strip() for cell in table.header]
        metric = next((i for i, text in enumerate(headers) if _METRIC_HEADER.search(text) and not _TARGET_HEADER.search(text)), None)
        value = next((i for i, text in enumerate(headers) if i != metric and _VALUE_HEADER.search(text) and not _TARGET_HEADER.search(text)), None)
        if metric is None or value is None:
            continue
        target = next((i for i, text in enumerate(headers) if i not in (metric, value) and _TARGET_HEADER.search(text)), None)
        met = next((i for i, text in enumerate(headers) if i not in (metric, value, target) and _MET_HEADER.search(text)), None)
        actions = [i for i, text in enumerate(headers) if i not in (metric, value, target, met) and _ACTION_HEADER.search(text)]
        yield table, metric, value, target, met, actions


def _discussed_elsewhere(doc, table, metric: str) -> bool:
    name = " ".join(re.sub(r"[*_`]+", " ", metric).lower().split())
    if len(name) < 8:
        return False
    return any(
        name in " ".join(block.text.lower().split())
        for block in doc.blocks
        if not (table.line <= block.line <= table.end_line)
    )


def results(doc) -> list[list]:
    """The results the document's monitoring tables report (see the module docstring)."""
    found = []
    for table, metric, value, target, met, actions in _result_tables(doc):
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]

            def cell(index):
                return cells[index] if index is not None and index < len(cells) else ""

            if _EMPTY.match(cell(value)):
                continue
            ref_match = next((m.group(0) for m in map(_OBJECTIVE_REF.search, cells[:2]) if m), None)
            ref = ref_match or cell(metric)
            # A target with its own deadline ("100% by due date") is not missed by an
            # interim figure; a status column says what the organisation concluded.
            missed = misses(cell(value), cell(target)) if cell(target) and not _INTERIM_TARGET.search(cell(target)) else None
            status = cell(met)
            if status and _MISSED_WORD.search(status):
                missed = True
            elif status and _PENDING_WORD.search(status):
                missed = None
            elif status and _MET_WORD.search(status) and missed is None:
                missed = False
            action = any(not _EMPTY.match(cell(index)) for index in actions)
            others = [index for index in range(len(cells)) if index not in (metric, value, target, met, *actions)]
            action = action or any(_ACTION_TEXT.search(cells[index]) for index in others)
            if missed and not action:
                # A nonconformity raised or an action recorded elsewhere in the record
                # for the same metric ("NC-01 | AI literacy training completion below
                # target | In progress") is the action.
                action = _discussed_elsewhere(doc, table, cell(metric))
            found.append([ref, cell(value), cell(target), missed, action, row.line])
    return found


# -- the planned interval of management reviews --------------------------------------

_PLANNED = lazy(
    r"\bmanagement[- ]reviews?\b(?: meetings?)?[^.;:]{0,60}?\b(?:held|conducted|carried out|performed|scheduled|takes? place|occurs?|convenes?|meets?)\b"
    r"[^.;:]{0,20}?\b(every (?:\d{1,2}|one|two|three|four|six|twelve|eighteen) (?:months?|years?|weeks)|every (?:year|quarter)|"
    r"annually|yearly|quarterly|semi-?annually|bi-?annually|half-yearly|twice a year|once a year|once a quarter)\b",
    re.I,
)
_INTERVAL_KEYS = ("management_review_interval", "meeting_interval")


def planned_review_interval(doc):
    """[months, days, line] of the interval the organisation plans between management
    reviews, or None."""
    for key in _INTERVAL_KEYS:
        interval = parse_interval(doc.meta.get(key))
        if interval is not None:
            return [interval.months, interval.days, doc.value_position(key)[0]]
    for block in doc.blocks:
        match = _PLANNED.search(block.text)
        if match:
            phrase = match.group(1).lower()
            interval = parse_interval("6 months" if phrase == "twice a year" else phrase)
            if interval is not None:
                return [interval.months, interval.days, block.line_of(match.start(1))]
    return None


# -- objectives with their ids, targets and deadlines --------------------------------

_RESULT_HEADER = lazy(r"\b(?:result|actual|achieved|status|outcome|progress|current|performance)s?\b", re.I)


def objective_facts(doc) -> list[list]:
    """[id, name, target, due, result, line] of each objective (see the module docstring)."""
    from aims_lint.reading.objectives import objectives

    found = []
    for objective in objectives(doc):
        row = None
        if objective.table is not None:
            row = next((row for row in objective.table.rows if row.line == objective.line), None)
        ident, result = "", False
        if row is not None:
            cells = [cell.text.strip() for cell in row.cells]
            ident = next((text for text in cells[:2] if _OBJECTIVE_REF.fullmatch(text)), "")
            result = any(
                _RESULT_HEADER.search(header.text) and index < len(cells) and not _EMPTY.match(cells[index])
                for index, header in enumerate(objective.table.header)
            )
        else:
            match = _OBJECTIVE_REF.match(objective.name)
            ident = match.group(0) if match else ""
        due = parse_date(objective.values.get("deadline", "")) or None
        if due is None:
            text = objective.values.get("deadline", "")
            match = ISO_DATE.search(text)
            due = parse_date(match.group(0)) if match else None
        found.append([ident, objective.name, objective.values.get("metric", ""), due.isoformat() if due else None, result, objective.line])
    return found
