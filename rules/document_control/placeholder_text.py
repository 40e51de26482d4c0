from aims_lint.rule import ALL_TYPES, Problem, rule

from . import placeholders

_MAX_NODES = 10_000  # front matter walk bound: aliases can make a small file a huge tree


def _front_matter_strings(doc):
    """(container, key, text) for string values of the front matter, each container once."""
    seen = set()
    stack = [doc.meta]
    visited = 0
    while stack and visited < _MAX_NODES:
        container = stack.pop()
        if id(container) in seen:
            continue
        seen.add(id(container))
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            visited += 1
            if isinstance(value, str):
                yield container, key, value
            elif isinstance(value, (dict, list)):
                stack.append(value)


def _quote(tokens):
    return ", ".join(f"'{token}'" for token in dict.fromkeys(tokens))


@rule(
    code="DOC008",
    name="placeholder-text",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="template placeholder left in the document: {placeholders}",
    summary="Unfilled template placeholders (TBD, [Organization Name], <owner>, ___, {{ }}) in front matter or text.",
    options={"extra-placeholders": []},
)
def check(doc, ctx):
    extra = tuple(ctx.options.get("extra-placeholders") or ())
    for container, key, value in _front_matter_strings(doc):
        hits = placeholders.find(value, extra)
        if hits:
            yield Problem(*doc.item_position(container, key), placeholders=_quote(token for _, token in hits))
    labels = doc.reference_labels
    for line, text in doc.prose_lines:
        hits = placeholders.find(text, extra, labels)
        if hits:
            yield Problem(line, hits[0][0] + 1, placeholders=_quote(token for _, token in hits))
