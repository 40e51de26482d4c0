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
