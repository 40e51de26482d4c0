import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import first_heading_line, term_pattern
from .common import TYPES, judged

_KEYS = ("attendees", "participants", "chair", "present")
_LABEL = lazy(r"^(attendees|attendance|participants|present|members present|chair(ed by)?|chairperson|attended by)$", re.I)
_SECTION = lazy(r"attendee|attendance|participant|present\b|who attended", re.I)
_ABSENT = lazy(r"^\s*(no|n|absent|apolog|excused|did not attend)", re.I)


def _front_matter(doc):
    for key in _KEYS:
        value = doc.meta.get(key)
        if value in (None, "", []):
            continue
        items = value if isinstance(value, list) else [value]
        text = "; ".join(str(item) for item in items)
        yield (*doc.value_position(key), text)


def _body(doc):
    for field in doc.fields:
        if _LABEL.match(re.sub(r"[*_`]", "", field.label).strip()):
            yield field.line, field.column, field.value
    for section in doc.sections:
        if not _SECTION.search(section.title):
            continue
        for block in section.blocks:
            if block.kind != "table":
                yield block.line, 1, block.text
        for table in (t for t in doc.tables if t.section is section):
            present = next((i for i, c in enumerate(table.header) if re.search(r"present|attend", c.text, re.I)), None)
            for row in table.rows:
                if present is not None and present < len(row.cells) and _ABSENT.match(row.cells[present].text):
                    continue
                yield row.line, 1, " | ".join(cell.text for cell in row.cells)


@rule(
    code="MRV007",
    name="top-management-absent",
    clause="9.3.1",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message="{what}: top management must conduct the review (e.g. Chief Executive Officer, Managing Director, Board member); record who attended, with their roles",
    summary="Minutes with no top management among the attendees, or no attendees recorded.",
    options={"extra-top-management": []},
)
def check(doc, ctx):
    if not judged(doc):
        return
    pattern = _pattern(ctx)
    entries = _entries(doc)
    if not entries:
        yield Problem(first_heading_line(doc), 1, classification=_classification(doc, ctx, pattern), what="attendees not recorded")
        return
    if _present(pattern, entries):
        return
    line, column, _ = entries[0]
    yield Problem(line, column, classification=_classification(doc, ctx, pattern), what="no top management among the attendees")


def _pattern(ctx):
    terms = list(ctx.vocabulary("management_review_top_management")) + list(ctx.options.get("extra-top-management") or ())
    return term_pattern(terms)


def _entries(doc):
    return list(_front_matter(doc)) or list(_body(doc))


def _present(pattern, entries) -> bool:
    return pattern is not None and any(pattern.search(text) for _, _, text in entries)


def _classification(doc, ctx, pattern) -> str | None:
    """Minor when another review on record had top management present; major when no
    minutes of the repository show top management at all (9.3.1 not met)."""
    workspace = getattr(ctx, "workspace", None)
    if workspace is None:
        return None

    def with_top_management(workspace):
        return frozenset(
            other.relpath
            for other in workspace.documents_of_type(*TYPES)
            if judged(other) and _present(pattern, _entries(other))
        )

    held = workspace.memo("mrv007.with-top-management", with_top_management)
    return None if held - {doc.relpath} else "major"
