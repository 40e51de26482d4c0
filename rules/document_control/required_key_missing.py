from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import KNOWN_TYPES, is_record, required_keys

# In a body document-control block, what 7.5.2 asks of every document: who is
# accountable for it and which version is in force (a record: when it was made). The
# id and status keys are conventions of front matter; a title is the heading.
BODY_DOCUMENT_KEYS = ("owner", "version")
BODY_RECORD_KEYS = ("date",)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


@rule(
    code="DOC004",
    name="required-key-missing",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="{where} has no '{key}': {why}",
    summary="Document control (front matter or a body block) lacks a key that documents of its type must carry.",
)
def check(doc, ctx):
    block = doc.front_matter
    if doc.doc_type not in KNOWN_TYPES or (block is not None and block.problems):
        # Unreadable front matter is DOC003's finding; a type of the organisation's own
        # (say isms-policy) has no key set aims-lint could demand.
        return
    meta = metadata(doc)
    if block is not None:
        yield from _front_matter(doc, meta, block)
    elif meta.body_line is not None:  # no document control at all is DOC002's finding
        yield from _body(doc, meta)


def _front_matter(doc, meta, block):
    line = block.start_line
    for key in required_keys(doc.doc_type):
        item = meta.get(key)
        value = item.value if item is not None else doc.meta.get(key)  # family keys (attendees) are front matter's
        if key == "type" or not _blank(value):
            continue
        where = doc.key_position(key) if key in doc.meta else (line, 1)
        yield Problem(*where, where="front matter", key=key, why=f"required for a '{doc.doc_type}' (identification, ownership and version control)")
    if is_record(doc.doc_type):
        return
    has_next = meta.get("next_review") is not None and not _blank(meta.get("next_review").value)
    has_cycle = all(meta.get(key) is not None and not _blank(meta.get(key).value) for key in ("last_reviewed", "review_interval"))
    if not has_next and not has_cycle and not meta.inactive:
        key = "next_review" if meta.get("last_reviewed") is None or _blank(meta.get("last_reviewed").value) else "review_interval"
        yield Problem(line, 1, where="front matter", key=key, why="give 'next_review', or 'last_reviewed' with 'review_interval', so a planned review can be shown")


def _body(doc, meta):
    record = is_record(doc.doc_type)
    for key in BODY_RECORD_KEYS if record else BODY_DOCUMENT_KEYS:
        item = meta.get(key)
        if item is None:
            why = "a record shows when it was made (7.5.2)" if record else "a controlled document names who is accountable for it and the version in force (7.5.2, 7.5.3.2)"
            yield Problem(meta.body_line, 1, where="the document-control block", key=key, why=why)
        elif not item.text:  # left empty ("# Owner" with nothing below); placeholders are DOC008's
            yield Problem(item.line, item.column, where="the document-control block", key=key, why=f"'{item.label}' is left empty")
