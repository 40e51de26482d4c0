from aims_lint.reading import templates
from aims_lint.rule import ALL_TYPES, Problem, rule

_QUOTED = 3  # placeholders quoted in the message, the first of each text


def _suppressed_lines(doc, rule_code: str, rule_name: str):
    """Line ranges where an inline directive turns this rule off: a placeholder there is
    its own finding, so that the directive suppresses it (a signature line kept blank on
    purpose) and the rest of the document is still one finding."""
    ranges = []
    for directive in doc.suppressions:
        if directive.kind == "enable":
            continue
        if not directive.selectors or any(
            selector in (rule_code, rule_name) or rule_code.startswith(selector) for selector in directive.selectors
        ):
            ranges.append((directive.first_line, directive.last_line))
    return ranges


def _summary(found) -> str:
    first: dict[str, int] = {}
    for item in found:
        first.setdefault(item.text, item.line)
    quoted = [f"'{text}' (line {line})" for text, line in list(first.items())[:_QUOTED]]
    more = ", …" if len(first) > _QUOTED else ""
    count = len(found)
    return f"{count} template placeholder{'s' if count != 1 else ''}: {', '.join(quoted)}{more}"


@rule(
    code="DOC008",
    name="placeholder-text",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="{placeholders} left in the document",
    summary="Unfilled template placeholders (TBD, [Organization Name], <owner>, ___, {{ }}) in front matter or text: one finding per document.",
    options={"extra-placeholders": []},
)
def check(doc, ctx):
    extra = tuple(ctx.options.get("extra-placeholders") or ())
    found = templates.placeholders(doc, extra)
    if not found:
        return
    # Placeholders and ranges are both in line order: one sweep, not ranges x placeholders.
    ranges = sorted(_suppressed_lines(doc, ctx.rule.code, ctx.rule.name)) if doc.suppressions else []
    grouped = []
    index, reach = 0, 0  # ranges[:index] start at or before the current line; reach: their furthest end
    for item in found:
        while index < len(ranges) and ranges[index][0] <= item.line:
            reach = max(reach, ranges[index][1])
            index += 1
        if item.line <= reach:
            yield Problem(item.line, item.column, placeholders=_summary([item]))
        else:
            grouped.append(item)
    if grouped:
        related = ((item.line, item.column, f"'{item.text}'") for item in grouped[1:])  # the first MAX_RELATED are kept
        yield Problem(grouped[0].line, grouped[0].column, placeholders=_summary(grouped), related=related)
