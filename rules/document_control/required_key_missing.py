from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import KNOWN_TYPES, is_record, required_keys



def _classification(doc_type, key: str) -> str | None:
    """Minor where 7.5.2 (or 9.2.2 b) itself asks for the key: a title identifies a
    document, a date a record, a scope an internal audit. The rule's advisory otherwise:
    owner, version, status and id are the organisation's conventions, not a 'shall'."""
    if key == "title" or (key == "date" and is_record(doc_type)) or (key == "scope" and doc_type == "internal-audit"):
        return "minor"
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


@rule(
    code="DOC004",
    name="required-key-missing",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="advisory",
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
        yield Problem(*where, classification=_classification(doc.doc_type, key), where="front matter", key=key, why=f"required for a '{doc.doc_type}' (identification, ownership and version control)")
    if is_record(doc.doc_type):
        return
    has_next = meta.get("next_review") is not None and not _blank(meta.get("next_review").value)
    has_cycle = all(meta.get(key) is not None and not _blank(meta.get(key).value) for key in ("last_reviewed", "review_interval"))
    if not has_next and not has_cycle and not meta.inactive:
        key = "next_review" if meta.get("last_reviewed") is None or _blank(meta.get("last_reviewed").value) else "review_interval"
        yield Problem(line, 1, where="front matter", key=key, why="give 'next_review', or 'last_reviewed' with 'review_interval', so a planned review can be shown")


def _body(doc, meta):
    """A body block is the organisation's own layout, judged against 7.5.2 itself: the
    heading gives the title and the block's entries identify the document, so a key the
    block does not list is not demanded (id and status are front-matter conventions).
    Entries the block lists but leaves empty ("# Owner" with nothing below) are one
    finding; placeholders ("[Owner]") are DOC008's."""
    empty = [item for item in meta.values.values() if item.source == "body" and not item.text]
    if empty:
        labels = "', '".join(item.label for item in empty)
        why = "the block names " + ("this entry" if len(empty) == 1 else "these entries") + " but leaves " + ("it" if len(empty) == 1 else "them") + " empty"
        yield Problem(*empty[0].position, where="the document-control block", key=labels, why=why)
