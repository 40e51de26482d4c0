"""What a management-review document is: minutes of a held review, or a procedure or
agenda for reviews to come.

Clause 9.3 asks for documented information as evidence of the *results* of management
reviews: minutes. A repository often types its management-review procedure, its
governance cadence or its agenda template as a management review too. Those describe
reviews; they record none, so the minute-rules (inputs addressed, decisions, actions
with owners, attendees) must not judge them as minutes.

``kind(doc)`` reads, in order:

1. the title: "Minutes", "Record", "Report", a review number or a year ("MR-2025-001",
   "Management review 2026-Q1") say minutes; "Agenda" says agenda; "Procedure",
   "Process", "Policy", "Framework", "Cadence", "Charter", "Terms of reference",
   "Plan", "Checklist" ... say procedure;
2. otherwise the body: a meeting date or attendees filled in say minutes; a "Purpose"
   and a "Scope" section, or "shall"/"must" without any past-tense record, say procedure;
3. otherwise minutes (the rules then judge it as minutes, as before).
"""

from __future__ import annotations

import re

from aims_lint.dates import ISO_DATE, prose_date
from aims_lint.patterns import lazy

MINUTES, AGENDA, PROCEDURE = "minutes", "agenda", "procedure"

_MINUTES_TITLE = lazy(
    r"\bminutes\b|\bprotokoll\b|\brecords?\b|\breport\b|\bMR[-_ ]?\d|\b(19|20)\d\d\b|\bQ[1-4]\b|\bheld\b|\bmeeting notes\b",
    re.I,
)
_AGENDA_TITLE = lazy(r"\bagenda\b|\btagesordnung\b", re.I)
_PROCEDURE_TITLE = lazy(
    r"\bprocedures?\b|\bprocess\b|\bpolic(y|ies)\b|\bguidelines?\b|\bguidance\b|\bframework\b|\bcadence\b|\bcharter\b|"
    r"terms of reference|\bmethodology\b|\bprogram(me)?\b|\bschedule\b|\bcalendar\b|\bstandard\b|\binstructions?\b|"
    r"\bhandbook\b|\bchecklist\b|\bplan\b|\bplanning\b|\bplaybook\b|\bverfahren\b|\bhow to\b",
    re.I,
)
_DATE_LABEL = lazy(r"^(meeting |review |)date( of (the )?(meeting|review))?$|^held on$|^date held$|^meeting held$", re.I)
_ATTENDEE_LABEL = lazy(r"^(attendees|attendance|participants|present|members present|attended by)$", re.I)
_PAST = lazy(
    r"\b(was|were) (decided|agreed|approved|reviewed|noted|discussed|presented|accepted|raised|closed)\b|"
    r"\b(decided|agreed|resolved|approved|noted|endorsed|confirmed) (that|to)\b|\bthe (board|committee|management) (decided|agreed|approved)\b",
    re.I,
)
_CONTROL_FIELDS = frozenset({"version", "approved_by", "approved_on", "next_review", "last_reviewed"})
_MODAL = lazy(r"\b(shall|must|should)\b", re.I)
_PLACEHOLDER = lazy(r"^\s*+(\[[^\]]*+\]|\{\{[^}]*+\}\}|<[^>]*+>|_{2,}+|tbd|todo|xx+|-|—|–)?\s*+$", re.I)


def _title(doc) -> str:
    title = doc.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title
    return doc.sections[0].title if doc.sections else doc.relpath.rsplit("/", 1)[-1]


def _label(text: str) -> str:
    return " ".join(re.sub(r"[*_`:]+", " ", text).split())


def held(doc) -> bool:
    """The document records a meeting that took place: a meeting date or attendees
    filled in (front matter or body), or decisions written in the past tense."""
    for key in ("date", "attendees", "participants"):
        if doc.meta.get(key) not in (None, "", []):
            return True
    control = [field.line for field in doc.fields if field.name in _CONTROL_FIELDS]
    for field in doc.fields:
        label = _label(field.label)
        value = field.value.strip()
        if _PLACEHOLDER.match(value):
            continue
        if _DATE_LABEL.match(label) and (ISO_DATE.search(value) or prose_date(value)):
            if label.lower() == "date" and any(abs(line - field.line) <= 4 for line in control):
                continue  # the document's date in its document-control block, not a meeting's
            return True
        if _ATTENDEE_LABEL.match(label):
            return True
    return bool(_PAST.search(doc.plain_text))


def _procedure_body(doc) -> bool:
    titles = {re.sub(r"^[\d.\s]+", "", section.title).strip().lower() for section in doc.sections}
    if "purpose" in titles and ("scope" in titles or "procedure" in titles or "responsibilities" in titles):
        return True
    return len(_MODAL.findall(doc.plain_text)) >= 3


def read_kind(doc) -> str:
    title = _title(doc)
    if _MINUTES_TITLE.search(title):
        return MINUTES
    if _AGENDA_TITLE.search(title):
        return AGENDA
    if _PROCEDURE_TITLE.search(title):
        return PROCEDURE
    if held(doc):
        return MINUTES
    if _procedure_body(doc):
        return PROCEDURE
    return MINUTES


def kind(doc) -> str:
    """"minutes", "agenda" or "procedure" (once per document)."""
    return doc.memo("reading.review_record", read_kind)


# ---------------------------------------------------------------------------
# What a record of a held internal audit or management review holds (the readiness
# verdict: a record that says "Done." is no record of an audit or a review).

_HELD_KEYS = ("date", "audit_date", "review_date", "meeting_date", "held_on", "completed_on")
_AUDIT_DATE_LABEL = lazy(r"^(audit |meeting |review |)dates?( of (the )?(audit|meeting|review))?$|^(held|conducted|completed) on$|^audit (held|conducted|completed)$", re.I)
_SCOPE = lazy(r"\bscope\b|\bclauses? \d|\baudited (areas?|processes|units?)\b|\bareas? audited\b", re.I)
_CRITERIA = lazy(r"\bcriteri(a|on)\b|\bISO/?IEC\s*42001\b|\bISO\s*42001\b|\baudited against\b|\breference documents?\b", re.I)
_AUDIT_RESULTS = lazy(
    r"\bfindings?\b|\bnon-?conformit(y|ies)\b|\bobservations?\b|\bopportunit(y|ies) for improvement\b|"
    r"\bresults?\b|\bconclusions?\b|\bOFIs?\b|\bNCs?\b",
    re.I,
)
_REVIEW_INPUTS = lazy(
    r"\binputs?\b|\bstatus of (previous |prior )?actions\b|\bprevious actions\b|\bchanges? in (external|internal)\b|"
    r"\binterested parties\b|\bperformance\b|\bmonitoring\b|\baudit results?\b|\bnon-?conformit(y|ies)\b|"
    r"\bopportunit(y|ies) for (continual )?improvement\b|\brisks?\b|\bobjectives\b",
    re.I,
)
_REVIEW_DECISIONS = lazy(r"\bdecisions?\b|\bdecided\b|\bresolved\b|\bagreed\b|\bapproved\b|\boutcomes?\b|\bconclusions?\b", re.I)
# The minutes speak of the internal audit's results (9.3.2 c) 4)), not of the
# certification audit to come.
_MENTIONS_AUDIT = lazy(
    r"\binternal[- ]audits?\b|\baudit (results?|findings?|reports?|programme|program)\b|"
    r"\b(results?|findings|outcomes?) of the (internal |last |latest )?audit\b|\bIA-\d",
    re.I,
)
_MIN_WORDS = 25  # fewer words in the body than a heading and one sentence per element


def held_on(doc) -> str | None:
    """The date the audit or review was held (ISO), from front matter or a labelled date
    field in the body; None when the record does not say."""
    return held_at(doc)[0]


def held_at(doc) -> tuple[str | None, int]:
    """(the date held, its line): the line is where a finding about the date points (1
    when the record gives no date)."""
    from aims_lint.dates import parse_date

    for key in _HELD_KEYS:
        value = parse_date(doc.meta.get(key))
        if value is not None:
            return value.isoformat(), doc.value_position(key)[0]
    control = [field.line for field in doc.fields if field.name in _CONTROL_FIELDS]
    labelled = [(field.label, field.value, field.line) for field in doc.fields]
    # Two-column key/value tables ("| Audit date | 2026-10-02 |"), header row included.
    for table in doc.tables:
        if len(table.header) == 2:
            labelled += [(row.cells[0].text, row.cells[1].text, row.line) for row in table.rows if len(row.cells) == 2]
            labelled.append((table.header[0].text, table.header[1].text, table.line))
    for text, value, line in labelled:
        label = _label(text)
        if not _AUDIT_DATE_LABEL.match(label):
            continue
        if label.lower() == "date" and any(abs(other - line) <= 4 for other in control):
            continue  # the document's date in its document-control block
        match = ISO_DATE.search(value)
        found = parse_date(match.group(0)) if match else prose_date(value)
        if found is not None:
            return found.isoformat(), line
    return None, 1


# Identifiers of internal audits the minutes cite ("IA-2026-01", "AUD-2026-01",
# "INT-AUDIT-3"): an auditor looks each one up.
_AUDIT_ID = lazy(r"\b(?:IA|AUD|AUDIT|IAR|INT-AUD(?:IT)?)[-_](?:[A-Z]{1,4}[-_])?\d[\w-]*+")
_ANY_ID = lazy(r"\b[A-Z][A-Z0-9]{0,9}(?:[-_][A-Z0-9]{1,10}){1,5}\b")
# "2 minor nonconformities open", "open nonconformities: 3", "no open nonconformities",
# "0 nonconformities open", "three nonconformities remain open".
_NUMBER_WORDS = {"no": 0, "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"(\d{1,3}|no|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_OPEN_NC = lazy(
    _COUNT + r" (?:(?:minor|major|minor and major|internal|audit) )?non-?conformit(?:y|ies) (?:(?:are|is|remain|remains|still) )?open\b"
    r"|\b" + _COUNT + r" open (?:(?:minor|major) )?non-?conformit(?:y|ies)\b"
    r"|\bopen non-?conformit(?:y|ies)\W{1,3}(\d{1,3})\b",
    re.I,
)


def _lines(doc):
    """(line, text) of each line of the body's blocks."""
    for block in doc.blocks:
        for offset, text in enumerate(block.text.split("\n")):
            yield block.line + offset, text


def cited_audits(doc) -> list[list]:
    """[id, line] of each internal-audit identifier the document cites (once each)."""
    found, seen = [], set()
    for line, text in _lines(doc):
        for match in _AUDIT_ID.finditer(text):
            name = match.group(0).rstrip("-_")
            if name not in seen:
                seen.add(name)
                found.append([name, line])
    return found


def linked_paths(doc) -> list[list]:
    """[relative path, line] of each repository file the document links to (once each)."""
    from aims_lint.workspace import resolve_link

    found, seen = [], set()
    for link in doc.links:
        resolved = resolve_link(doc.relpath, link.target)
        if resolved.relpath and resolved.relpath != doc.relpath and resolved.relpath not in seen:
            seen.add(resolved.relpath)
            found.append([resolved.relpath, link.line])
    return found


def open_nonconformities(doc) -> list | None:
    """[count, line] of the open nonconformities the minutes report, or None."""
    for line, text in _lines(doc):
        match = _OPEN_NC.search(text)
        if match:
            word = next(group for group in match.groups() if group is not None).lower()
            return [int(word) if word.isdigit() else _NUMBER_WORDS[word], line]
    return None


def _body(doc) -> str:
    """The body's text without the headings."""
    return "\n".join(block.text for block in doc.blocks)


def _has(doc, pattern, *meta_keys) -> bool:
    if any(doc.meta.get(key) not in (None, "", [], {}) for key in meta_keys):
        return True
    return any(pattern.search(section.title) and section.text.strip() for section in doc.sections) or bool(
        pattern.search(_body(doc))
    )


def audit_record(doc) -> dict:
    """What an internal-audit document shows: ``{"kind", "date", "line", "ids", "scope",
    "criteria", "findings", "auditor", "auditor_line", "words"}`` (plain JSON, for the
    facts cache). ``kind``: "minutes" for the record of a held audit, "procedure" or
    "agenda" for a programme, plan or procedure of audits to come (``kind(doc)``);
    ``line``: where the date is; ``ids``: the identifiers it names (its own, its
    findings', their corrective actions'); ``auditor``: who audited (``auditor(doc)``),
    None when the record does not say."""
    who = auditor(doc)
    date, line = held_at(doc)
    return {
        "kind": audit_kind(doc),
        "date": date,
        "line": line,
        "ids": sorted({match.group(0) for match in _ANY_ID.finditer(doc.plain_text)}),
        "scope": _has(doc, _SCOPE, "scope"),
        "criteria": _has(doc, _CRITERIA, "criteria", "audit_criteria"),
        "findings": _has(doc, _AUDIT_RESULTS, "findings", "results"),
        "auditor": who[0] if who else None,
        "auditor_line": who[1] if who else 0,
        "words": len(_body(doc).split()),
    }


def review_minutes(doc) -> dict:
    """What management-review minutes show: ``{"kind", "date", "line", "cited", "open_nc",
    "inputs", "decisions", "audit", "words"}``; ``audit``: the minutes speak of an
    (internal) audit at all; ``cited``: [id, line] of the internal audits they name;
    ``open_nc``: [count, line] of the open nonconformities they report (or None);
    ``links``: [path, line] of the files they link to."""
    date, line = held_at(doc)
    return {
        "kind": kind(doc),
        "date": date,
        "line": line,
        "cited": cited_audits(doc),
        "open_nc": open_nonconformities(doc),
        "links": linked_paths(doc),
        "inputs": _has(doc, _REVIEW_INPUTS, "inputs"),
        "decisions": _has(doc, _REVIEW_DECISIONS, "decisions") or bool(_PAST.search(doc.plain_text)),
        "audit": bool(_MENTIONS_AUDIT.search(doc.plain_text)),
        "words": len(_body(doc).split()),
    }


def audit_empty(facts: dict) -> list[str]:
    """What an internal-audit record lacks for it to count as one (empty: it has content)."""
    if facts["words"] < _MIN_WORDS:
        return [f"only {facts['words']} word{'s' if facts['words'] != 1 else ''} in its body"]
    missing = [name for name in ("scope", "criteria", "findings") if not facts[name]]
    return [f"no {name}" for name in missing] if len(missing) >= 2 or "findings" in missing else []


def review_empty(facts: dict) -> list[str]:
    """What management-review minutes lack for them to count as a held review."""
    if facts["words"] < _MIN_WORDS:
        return [f"only {facts['words']} word{'s' if facts['words'] != 1 else ''} in its body"]
    missing = [name for name in ("inputs", "decisions") if not facts[name]]
    return [f"no {name}" for name in missing] if len(missing) == 2 else []


# ---------------------------------------------------------------------------
# Who audited, and what the audits cover (rules/internal_audit; 9.2.2: criteria, scope,
# objectivity of auditors, the programme over the cycle).

_AUDITOR_KEYS = ("auditor", "auditors", "lead_auditor", "audit_team", "audited_by")
_AUDITOR_LABEL = lazy(
    r"^(lead |internal |)auditors?( \(s\))?( name)?$|^audit(or)? team$|^audited by$|^(audit )?(conducted|performed|carried out) by$|^audit lead$",
    re.I,
)
# "Auditor: Head of Internal Audit, independent of the AI teams; criteria: ..." in prose.
_AUDITOR_PROSE = lazy(r"\b(?:lead |internal )?auditors?\s*+(?:\(s\)\s*+)?[:：]\s*+([^;\n]{2,80}+)|\baudited by\s++([^;\n]{2,80}+)", re.I)
_SCOPE_LABEL = lazy(r"\bscope\b|^clauses?( covered| audited)?$|^areas? audited$|^audited (areas?|processes)$", re.I)
_SCOPE_SECTION = lazy(r"\bscope\b|\bprogram(me)?\b|\bschedule\b|\bplan\b|\bcoverage\b|\bareas? audited\b", re.I)
_SCOPE_COLUMN = lazy(
    r"\bscope\b|^clauses?$|\bclauses?( covered| audited| in scope)\b|\bcoverage\b|\bareas? (audited|covered)\b|"
    r"^controls? (audited|covered|in scope)$|\bclauses?\b",
    re.I,
)
# A findings table says what each finding is against, not what the audit covered: its
# "Clause" or "Control" column is no scope.
_FINDINGS_HEADER = lazy(r"\bfindings?\b|non-?conformit|\bobservations?\b|\bclassification\b|\bcorrective\b|\bseverity\b|\bgrade\b", re.I)
_CLAUSES = lazy(
    r"\b(?:clauses?|§)\s*+(\d{1,2})(?:\.\d{1,2})*+((?:\s*+(?:,|and|&|to|through|-|–|—|/)\s*+(?:clauses?\s*+)?\d{1,2}(?:\.\d{1,2})*+(?!\d|\.\d))*+)",
    re.I,
)
# A programme table's clause cell: "8", "4-10", "8.4", "4 Context of the organisation".
_CLAUSE_CELL = lazy(r"^\s*+(\d{1,2})(?:\.\d{1,2})*+((?:\s*+(?:,|and|&|to|through|-|–|—|/)\s*+\d{1,2}(?:\.\d{1,2})*+)*+)(?:\s*+$|\s++[A-Za-z])")
_WHOLE_AIMS = lazy(
    r"\bfull[- ]scope\b|\b(entire|whole|full) (AIMS|management system)\b|\ball (AIMS |ISO(/IEC)? ?42001 )?clauses\b|"
    r"\ball (the )?requirements of ISO",
    re.I,
)
_ANNEX_ALL = lazy(
    r"\b(all|every|each)( of the| the)? (applicable |included |selected-as-applicable |relevant |in-scope )?(annex a |soa )?controls\b|"
    r"\b(all|the \d+|every) (applicable |included |relevant )(annex a )?controls\b|\ball (of )?annex a\b|\bannex a in full\b",
    re.I,
)
_ANNEX_SOME = lazy(r"\b(selected|sampled?|some|a subset of|several|chosen)( of the)? (applicable |included )?(annex a )?controls\b", re.I)
_ANNEX_ID = lazy(r"\bA\s?\.\s?(\d{1,2})(?:\s?\.\s?(\d{1,2}))?(?:\s?\.\s?(\d{1,2}))?(?:\s*+(?:to|–|-|—|through)\s*+A\s?\.\s?(\d{1,2})(?:\s?\.\s?(\d{1,2}))?(?:\s?\.\s?(\d{1,2}))?)?(?![\w.]\d)")


def _labelled(doc) -> list[tuple[str, str, int, int]]:
    """(label, value, line, column) of the body's labelled fields and two-column key/value rows."""
    found = [(field.label, field.value, field.line, field.column) for field in doc.fields]
    for table in doc.tables:
        if len(table.header) == 2:
            found += [(row.cells[0].text, row.cells[1].text, row.line, row.cells[1].column) for row in table.rows if len(row.cells) == 2]
    return found


_AUDIT_REPORT_TITLE = lazy(r"\breports?\b|\brecords?\b|\bresults?\b|\bfindings\b|\bminutes\b|\bAUD[-_ ]?\d|\bIA[-_ ]?\d", re.I)


def audit_kind(doc) -> str:
    """An internal-audit document is the record of a held audit ("minutes") or a
    programme, plan or procedure of audits to come ("procedure"). Unlike minutes, a
    year in the title says nothing ("Internal audit programme 2026"): a report or record
    word says record, a programme or procedure word says procedure, the body decides
    otherwise (``kind``)."""
    title = _title(doc)
    if _AUDIT_REPORT_TITLE.search(title):
        return MINUTES
    if _PROCEDURE_TITLE.search(title) or _AGENDA_TITLE.search(title):
        return PROCEDURE
    return kind(doc)


# "Auditor: Head of Internal Audit; criteria: ISO/IEC 42001": a second label on the line
# ends the auditor's name.
_NEXT_LABEL = re.compile(r"[;,]\s*+(?=[A-Za-z][\w ]{0,30}+:)")


def _own_value(value: str) -> str:
    return _NEXT_LABEL.split(value, maxsplit=1)[0]


def auditor(doc) -> tuple[str, int, int] | None:
    """(name, line, column) of the auditor (the lead auditor first), from front matter, a
    labelled field or key/value row, or "Auditor: ..." / "audited by ..." in prose."""
    for key in _AUDITOR_KEYS:
        value = doc.meta.get(key)
        if isinstance(value, list):
            value = "; ".join(item for item in value if isinstance(item, str) and item.strip() and not _PLACEHOLDER.match(item))
        if isinstance(value, str) and value.strip() and not _PLACEHOLDER.match(value):
            line, column = doc.value_position(key)
            return " ".join(value.split()), line, column
    for label, value, line, column in _labelled(doc):
        if _AUDITOR_LABEL.match(_label(label)) and not _PLACEHOLDER.match(value):
            return " ".join(re.sub(r"[*_`]", "", _own_value(value)).split()), line, column
    for block in doc.blocks:
        if block.kind == "table":
            continue
        match = _AUDITOR_PROSE.search(block.text)
        if match:
            value = _own_value(match.group(1) or match.group(2)).strip().rstrip(".")
            if value and not _PLACEHOLDER.match(value):
                return " ".join(re.sub(r"[*_`]", "", value).split()), block.line_of(match.start()), 1
    return None


def _clause_numbers(first: str, rest: str) -> set[int]:
    numbers = {int(first)}
    previous = int(first)
    for separator, number in re.findall(r"(,|and|&|to|through|-|–|—|/)\s*+(?:clauses?\s*+)?(\d{1,2})(?:\.\d{1,2})*+", rest, re.I):
        value = int(number)
        if separator.lower() in ("to", "through", "-", "–", "—") and previous < value <= 10:
            numbers.update(range(previous, value + 1))
        else:
            numbers.add(value)
        previous = value
    return {number for number in numbers if 4 <= number <= 10}


def _annex_ids(text: str) -> set[str]:
    """Annex A controls a scope names: ids, ranges ("A.5.2–A.5.5") and groups ("A.6")."""
    known = list(catalogue_ids())
    found: set[str] = set()
    for match in _ANNEX_ID.finditer(text):
        start = "A." + ".".join(part for part in match.group(1, 2, 3) if part)
        end = "A." + ".".join(part for part in match.group(4, 5, 6) if part) if match.group(4) else None
        if end is None:
            found.update(control for control in known if control == start or control.startswith(start + "."))
        elif start in known and end in known:
            found.update(known[known.index(start): known.index(end) + 1])
    return found


def catalogue_ids() -> tuple[str, ...]:
    from aims_lint.reading.soa import catalogue

    return tuple(catalogue())


def audit_scope(doc) -> dict:
    """What one internal-audit document (a record, a plan or a programme) says it covers:
    ``{"clauses": [4..10 named], "whole": bool (the whole AIMS, all clauses),
    "annex": "all" | "some" | "listed" | "none", "controls": [Annex A ids named],
    "line": first line of the scope}`` (plain JSON, for the facts cache). Read from the
    front matter ``scope``, labelled scope fields and rows, sections about the scope or
    the programme, and programme tables' scope/clause/area columns."""
    texts: list[tuple[str, int]] = []
    for key in ("scope", "audit_scope", "clauses", "controls"):
        value = doc.meta.get(key)
        if isinstance(value, list):
            value = "; ".join(str(item) for item in value)
        if isinstance(value, (str, int, float)) and str(value).strip():
            texts.append((str(value), doc.value_position(key)[0]))
    for label, value, line, _ in _labelled(doc):
        if _SCOPE_LABEL.search(_label(label)):
            texts.append((value, line))
    clause_cells: list[str] = []
    # A procedure's or programme's prose says what the procedure applies to ("internal
    # audits under clause 9.2 and corrective actions under 10.2"), not which clauses the
    # audits cover: from it only a statement of the whole AIMS counts (clauses 4 to 10,
    # "full scope"); records, tables and front matter count in full.
    prose: list[tuple[str, int]] = []
    for section in doc.sections:
        if _SCOPE_SECTION.search(section.title):
            prose += [(block.text, block.line) for block in section.blocks if block.kind != "table"]
            texts += [(block.text, block.line) for block in section.blocks if block.kind == "table"]
    if audit_kind(doc) == MINUTES:
        texts += prose
        prose = []
    for table in doc.tables:
        if any(_FINDINGS_HEADER.search(header.text) for header in table.header):
            continue
        for index, header in enumerate(table.header):
            if not _SCOPE_COLUMN.search(header.text):
                continue
            for row in table.rows:
                if index < len(row.cells):
                    texts.append((row.cells[index].text, row.line))
                    if re.search(r"clause", header.text, re.I):
                        clause_cells.append(row.cells[index].text)
    clauses: set[int] = set()
    whole = False
    controls: set[str] = set()
    annex = "none"
    for text, _ in texts:
        for match in _CLAUSES.finditer(text):
            if not match.group(2) and match.group(0).replace(" ", "").lower().endswith("9.2"):
                continue  # "in accordance with clause 9.2": the audit requirement, not its scope
            clauses |= _clause_numbers(match.group(1), match.group(2) or "")
        whole = whole or bool(_WHOLE_AIMS.search(text))
        if _ANNEX_ALL.search(text):
            annex = "all"
        elif _ANNEX_SOME.search(text) and annex != "all":
            annex = "some"
        controls |= _annex_ids(text)
    for text, _ in prose:
        named: set[int] = set()
        for match in _CLAUSES.finditer(text):
            named |= _clause_numbers(match.group(1), match.group(2) or "")
        if named >= set(range(4, 11)) or _WHOLE_AIMS.search(text):
            whole = True
        if _ANNEX_ALL.search(text):
            annex = "all"
        elif _ANNEX_SOME.search(text) and annex != "all":
            annex = "some"
    for cell in clause_cells:
        match = _CLAUSE_CELL.match(cell)
        if match:
            clauses |= _clause_numbers(match.group(1), match.group(2) or "")
    if "42001" not in doc.plain_text and "27001" in doc.plain_text:
        # An ISO/IEC 27001 audit: its "A.8" is 27001's Annex A, not 42001's.
        controls, annex = set(), "none"
    if controls and annex == "none":
        annex = "listed"
    return {
        "clauses": sorted(clauses), "whole": whole, "annex": annex, "controls": sorted(controls),
        "line": min((line for _, line in texts + prose), default=1),
    }
