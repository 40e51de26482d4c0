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
  the objective's own row records a result or status;
- ``audit_findings(doc)``: ``{"major", "minor", "nc", "observation", "ofi", "line"}``,
  how many findings of each kind an internal-audit record's findings tables list, or
  None when it has none or a row whose classification is unreadable;
- ``review_audit_figures(doc)``: ``[[kind, count, audit id, line, period]]``, the
  counts of internal-audit findings management-review minutes give (subsets left out),
  with the years and months their sentence names;
- ``review_result_figures(doc)``: ``[[label, value, line]]``, the results minutes state
  in prose or lists ("Model accuracy: 91%", "OBJ-02: achieved"); results in their
  tables are ``results(doc)``;
- ``held_on(doc)``: the date a record was held or issued (ISO) or None.
"""

from __future__ import annotations

import re

from aims_lint.dates import ISO_DATE, parse_date, parse_interval, prose_date
from aims_lint.patterns import lazy
from aims_lint.reading.matching import ident_key, words

NC_LOG_FACT = "records.nonconformity-log.1"
NC_LOG_SHAPE = {"date": frozenset({str, type(None)}), "rows": [(str, frozenset({str, type(None)}), frozenset({str, type(None)}), bool, int)]}
RESULTS_FACT = "records.results.6"
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
            # An id that opens one of the first two cells ("OBJ-01", "OBJ-01 Fairness"), not
            # one inside a description ("Declines reviewed (Q3, due 2026-09-30)").
            ref_match = next((m.group(0) for m in map(_OBJECTIVE_REF.match, cells[:2]) if m), None)
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


# -- figures the management-review minutes cite (MRV013) -----------------------------

AUDIT_FINDINGS_FACT = "records.audit-findings.1"
AUDIT_FINDINGS_SHAPE = {"major": int, "minor": int, "nc": int, "observation": int, "ofi": int, "line": int}  # or None
AUDIT_CLAIMS_FACT = "records.review-audit-figures.4"
AUDIT_CLAIMS_SHAPE = [(str, int, str, int, str)]
RESULT_CLAIMS_FACT = "records.review-result-figures.1"
RESULT_CLAIMS_SHAPE = [(str, str, int)]
HELD_FACT = "records.held-on.1"
HELD_SHAPE = frozenset({str, type(None)})

# A findings table: a column that classifies each finding beside one that states it.
_CLASS_HEADER = lazy(r"\bclassification\b|\bcategory\b|\btype\b|\bgrade\b|\bseverity\b|\bgrading\b|\brating\b|\blevel\b|\bkind\b", re.I)
_STATEMENT_HEADER = lazy(
    r"\bfindings?\b|\bdescription\b|\bdetails?\b|\bstatement\b|\bissue\b|\bobservation\b|\bnon-?conformity\b|\bevidence\b|\bsummary\b",
    re.I,
)
_MAJOR = lazy(r"\bmajor\b", re.I)
_MINOR = lazy(r"\bminor\b", re.I)
_NC_WORD = lazy(r"\bnon-?conformit(?:y|ies)\b|\bNCR?s?\b", re.I)
_OBSERVATION_WORD = lazy(r"\bobservations?\b|\bOBS\b", re.I)
_OFI_WORD = lazy(r"\bOFIs?\b|\bopportunit(?:y|ies) for improvement\b|\bimprovement opportunit(?:y|ies)\b", re.I)
# A classification that is no finding to count: a strength, a conformity, a note.
_OTHER_CLASS = lazy(r"\bstrength\b|\bgood practice\b|\bpositive\b|\bconform(?:s|ing|ity)?\b|\bcompliant\b|\brecommendation\b|\bnote\b|\binfo", re.I)


def _classify(text: str) -> str | None:
    """"major", "minor", "nc" (a nonconformity not graded), "observation", "ofi",
    "other" (a strength, a conformity) or None (unreadable)."""
    if _OFI_WORD.search(text):
        return "ofi"
    if _OBSERVATION_WORD.search(text):
        return "observation"
    if _MAJOR.search(text):
        return "major"
    if _MINOR.search(text):
        return "minor"
    if _NC_WORD.search(text):
        return "nc"
    if _OTHER_CLASS.search(text):
        return "other"
    return None


def audit_findings(doc) -> dict | None:
    """How many findings of each kind an internal-audit record lists in its findings
    tables (a classification column beside a finding or description column):
    ``{"major", "minor", "nc", "observation", "ofi", "line"}``, ``nc`` counting the
    nonconformities not graded major or minor, ``line`` the first table's. None when
    the record has no such table or a row the classification does not say (the count
    would be a guess). Rows that repeat an id (a corrective-action table after the
    findings) count once."""
    counts = {"major": 0, "minor": 0, "nc": 0, "observation": 0, "ofi": 0, "line": 0}
    seen = set()
    for table in doc.tables:
        headers = [cell.text.strip() for cell in table.header]
        kind = next((i for i, text in enumerate(headers) if _CLASS_HEADER.search(text)), None)
        if kind is None or not any(i != kind and _STATEMENT_HEADER.search(text) for i, text in enumerate(headers)):
            continue
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            if kind >= len(cells) or not any(cells):
                continue
            grade = _classify(cells[kind])
            if grade is None:
                return None
            key = next((text for text in cells[:2] if _ROW_ID.match(text)), " | ".join(cells))
            if key in seen or grade == "other":
                continue
            seen.add(key)
            counts[grade] += 1
            counts["line"] = counts["line"] or table.line
    return counts if counts["line"] else None


# "the internal audit raised 4 nonconformities", "2 minor NCs and 3 observations",
# "1 opportunity for improvement", "no major nonconformity".
_AUDIT_COUNT = lazy(
    r"(?<![\w.,/-])(\d{1,3}|no|zero|one|two|three|four|five|six|seven|eight|nine|ten)\s++"
    r"(?:(major|minor)\s++)?"
    r"(non-?conformit(?:y|ies)|NCs?\b|observations?|OFIs?\b|opportunit(?:y|ies) for improvement|improvement opportunit(?:y|ies))",
    re.I,
)
# Words that make a count a subset or another period's: "2 open", "1 new", "3 closed",
# "of which 2", "remain", "overdue", "carried over", "from the previous audit".
_SUBSET_BEFORE = lazy(
    r"\b(?:open|new|closed|outstanding|remaining|overdue|repeat(?:ed)?|previous|prior|earlier|of which|including|incl\.?|"
    r"still|last year'?s?|further|additional|another|recurring)\b",
    re.I,
)
_SUBSET_AFTER = lazy(
    r"\b(?:open|closed|outstanding|overdue|pending|in progress|resolved|carried|remain(?:s|ing)?|still|previous|prior|"
    r"earlier|last year|repeat(?:ed)?|recurring)\b",
    re.I,
)
# The period a sentence speaks of: years, and months by name or in a full date.
_YEAR = lazy(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_FULL_DATE = lazy(r"\b(?:19|20)\d\d-(\d\d)-\d\d\b")
_MONTH_NAME = lazy(r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _period(text: str) -> str:
    """"2026 m10": the years and months a sentence names (empty when it names none)."""
    years = {match.group(1) for match in _YEAR.finditer(text)}
    months = {f"m{match.group(1)}" for match in _FULL_DATE.finditer(text)}
    months |= {f"m{_MONTHS.index(match.group(1)[:3].lower()) + 1:02d}" for match in _MONTH_NAME.finditer(text)}
    return " ".join(sorted(years) + sorted(months))


def in_period(period: str, day: str) -> bool:
    """Can a sentence naming ``period`` (``_period``) speak of something on ``day`` (ISO)?"""
    parts = period.split()
    years = [part for part in parts if not part.startswith("m")]
    months = [part[1:] for part in parts if part.startswith("m")]
    return (not years or day[:4] in years) and (not months or day[5:7] in months)


# The line speaks of the internal audit (not a certification or supplier audit).
_INTERNAL_AUDIT = lazy(r"\binternal[- ]audit\b|\baudit (?:results?|findings?|report)\b|\b(?:results?|findings?|outcomes?) of the (?:internal |last |latest )?audit\b|\bIA-\d", re.I)
_OTHER_AUDIT = lazy(r"\b(?:certification|external|surveillance|supplier|stage [12]|third[- ]party|2nd[- ]party|second[- ]party|customer|regulator'?s?|previous|prior|last year'?s?)\b[^.;]{0,20}?\baudits?\b|\baudits\b"
    r"|\b(?:27001|9001|14001|27701|SOC ?2|ISMS|QMS|PCI)\b",  # another standard's audit
    re.I,
)
_AUDIT_SECTION = lazy(r"\baudit", re.I)
_NUMBERS = {"no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


def _grade_of(noun: str, grade: str | None) -> str:
    noun = noun.lower()
    if noun.startswith("observation"):
        return "observation"
    if noun.startswith(("ofi", "opportunit", "improvement")):
        return "ofi"
    return grade.lower() if grade else "nc"


_SENTENCE = lazy(r"[^.;]++(?:[.;](?!\s|$)[^.;]*+)*+[.;]?")


def _sentences(doc):
    """(text, line, section) of each sentence of the minutes' prose (a sentence may
    run over lines: "raised 1 minor\\n nonconformity") and of each table row."""
    for block in doc.blocks:
        if block.kind == "table":
            continue
        for match in _SENTENCE.finditer(block.text):
            if match.group(0).strip():
                yield match.group(0).replace("\n", " "), block.line_of(match.start() + len(match.group(0)) - len(match.group(0).lstrip())), block.section
    for table in doc.tables:
        if any(table.has(name) for name in ("owner", "due", "action")):
            continue  # an action ("Close the 2 minor nonconformities") reports no figure
        for row in table.rows:
            yield " | ".join(cell.text for cell in row.cells), row.line, table.section


def review_audit_figures(doc) -> list[list]:
    """[kind, count, audit id or "", line, period] of each count of internal-audit findings the
    minutes give ("internal audit IA-2026-01 raised 1 minor nonconformity"): ``kind``
    is "nc" (nonconformities, any grade), "major", "minor", "observation" or "ofi". Only
    a sentence about the internal audit (its words, an audit id, or a section about
    audits) counts, not one about a certification, supplier or earlier audit, nor one
    about several audits; a count of a subset ("2 open", "1 new", "of which 3") is left
    out. ``audit id`` is the internal audit the sentence names, if it names one;
    ``period`` the years and months it names (``in_period``)."""
    from aims_lint.reading.review_record import _AUDIT_ID

    found = []
    for text, line, section in _sentences(doc):
        about = _INTERNAL_AUDIT.search(text) or (section is not None and _AUDIT_SECTION.search(section.title) and "audit" in text.lower())
        if not about or _OTHER_AUDIT.search(text):
            continue
        named = {match.group(0).rstrip("-_") for match in _AUDIT_ID.finditer(text)}
        if len(named) > 1:
            continue
        cited = next(iter(named), "")
        period = None
        for match in _AUDIT_COUNT.finditer(text):
            # The words of the same clause either side of the count.
            window = max(0, match.start() - 30)
            clause_start = max(text.rfind(mark, window, match.start()) for mark in ",;(:")
            before = text[max(clause_start + 1, window):match.start()]
            after = text[match.end():match.end() + 40]
            ends = [index for index in (after.find(mark) for mark in ",;(.") if index >= 0]
            after = after[:min(ends)] if ends else after
            if _SUBSET_BEFORE.search(before) or _SUBSET_AFTER.search(after):
                continue
            word = match.group(1).lower()
            count = int(word) if word.isdigit() else _NUMBERS[word]
            period = _period(text) if period is None else period
            found.append([_grade_of(match.group(3), match.group(2)), count, cited, line, period])
    return found


# "Model accuracy: 91% against a target of 95%", "OBJ-02: achieved", "O2 not met".
_CLAIM_VALUE = lazy(r"^\s*+(?:\d|(?:not |partially )?(?:met|achieved)\b|missed\b|on track\b|off[- ]track\b)", re.I)
_LEADING_ID = lazy(r"^\W*+([A-Z]{1,6}[-_]?\d{1,4})\s++((?:is |was |has been )?(?:not |partially )?(?:met|achieved)\b|missed\b)", re.I)


def review_result_figures(doc) -> list[list]:
    """[label, value, line] of each result the minutes state in prose or a list
    ("Model accuracy: 91% against a target of 95%", "OBJ-02: achieved", "O2 not met"):
    a label followed by a colon and a figure or a status. Which objective the label
    names is the rule's question (``aims_lint.reading.matching``); results in tables
    are read by ``results``."""
    found = []
    for block in doc.blocks:
        if block.kind == "table":
            continue
        for offset, text in enumerate(block.text.split("\n")):
            line = block.line + offset
            for segment in text.split(";"):
                leading = _LEADING_ID.match(segment)
                if leading:
                    found.append([leading.group(1), leading.group(2), line])
                    continue
                parts = segment.split(":")
                for label, value in zip(parts, parts[1:]):
                    leading = _LEADING_ID.match(value)
                    if leading:  # "Objectives: O2 not met"
                        found.append([leading.group(1), leading.group(2), line])
                        continue
                    label = re.sub(r"^[\s*_`>-]+|[\s*_`(]+$", "", label[-80:])
                    # An id, or a name of two words or more (no objective is named by one
                    # word: ``matching``); a value that is a result, not a date or a version.
                    named = ident_key(label) or len(words(label)) >= 2
                    if named and _CLAIM_VALUE.match(value) and not _DATE_OR_ID.match(value.strip()):
                        found.append([label, value.strip(), line])
    return found


def held_on(doc) -> str | None:
    """The date the record was held or issued (ISO), or None."""
    from aims_lint.reading.review_record import held_on as read

    return read(doc)
