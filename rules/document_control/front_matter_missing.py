from aims_lint.reading.metadata import metadata
from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import is_record, required_keys


@rule(
    code="DOC002",
    name="front-matter-missing",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="no document control: a document of type '{type}' has neither front matter nor a document-control block giving its {keys}",
    summary="A governance document (typed by a configured glob) with no document control: no front matter and no document-control block in the body.",
)
def check(doc, ctx):
    if doc.front_matter is None and not metadata(doc).has_control:
        keys = [key for key in required_keys(doc.doc_type)]
        if not is_record(doc.doc_type):
            keys.append("review date")
        yield Problem(1, 1, type=doc.doc_type, keys=", ".join(keys))
