from aims_lint.rule import ALL_TYPES, Problem, rule

from .types import is_record, required_keys


@rule(
    code="DOC002",
    name="front-matter-missing",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="no YAML front matter: a document of type '{type}' needs its {keys} in front matter at the top of the file",
    summary="A governance document (typed by a configured glob) without YAML front matter.",
)
def check(doc, ctx):
    if doc.front_matter is None:
        keys = [key for key in required_keys(doc.doc_type)]
        if not is_record(doc.doc_type):
            keys.append("review date")
        yield Problem(1, 1, type=doc.doc_type, keys=", ".join(keys))
