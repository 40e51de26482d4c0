from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import KNOWN_TYPES, is_inactive, is_record, required_keys


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


@rule(
    code="DOC004",
    name="required-key-missing",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="front matter has no '{key}': {why}",
    summary="Front matter lacks a key that documents of its type must carry.",
)
def check(doc, ctx):
    block = doc.front_matter
    if block is None or block.problems or doc.doc_type not in KNOWN_TYPES:
        # Missing or unreadable front matter is DOC002 / DOC003's finding; a type of the
        # organisation's own (say isms-policy) has no key set aims-lint could demand.
        return
    meta = doc.meta
    line = block.start_line
    for key in required_keys(doc.doc_type):
        if key == "type" or not _blank(meta.get(key)):
            continue
        where = doc.key_position(key) if key in meta else (line, 1)
        yield Problem(*where, key=key, why=f"required for a '{doc.doc_type}' (identification, ownership and version control)")
    if is_record(doc.doc_type):
        return
    has_next = not _blank(meta.get("next_review"))
    has_cycle = not _blank(meta.get("last_reviewed")) and not _blank(meta.get("review_interval"))
    if not has_next and not has_cycle and not is_inactive(meta):
        key = "next_review" if _blank(meta.get("last_reviewed")) else "review_interval"
        yield Problem(line, 1, key=key, why="give 'next_review', or 'last_reviewed' with 'review_interval', so a planned review can be shown")
