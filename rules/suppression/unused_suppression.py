from aims_lint.pack import load_rules
from aims_lint.rule import ALL_TYPES, Problem, rule


def _known(selector, rules):
    return any(selector in (item.code, item.name) or item.code.startswith(selector) for item in rules)


@rule(
    code="SUP002",
    name="unused-suppression",
    clause="tool",
    types=ALL_TYPES,
    classification="advisory",
    remediation="1 day",
    message="'aims-lint-{kind}{codes}' {problem}",
    summary="An inline suppression that suppresses nothing, or names no known rule.",
    scope="suppressions",
)
def check(directives, ctx):
    for directive in directives:
        codes = f" {','.join(directive.selectors)}" if directive.selectors else ""
        unknown = [selector for selector in directive.selectors if not _known(selector, load_rules())]
        if unknown:
            yield Problem(directive.line, directive.column, kind=directive.kind, codes=codes, problem=f"names no known rule: {', '.join(unknown)}")
            continue
        if directive.used:
            continue
        # A suppression for a rule not selected in this run may be needed in another run.
        if directive.selectors and not any(_known(selector, ctx.enabled) for selector in directive.selectors):
            continue
        yield Problem(directive.line, directive.column, kind=directive.kind, codes=codes, problem="suppresses nothing: remove it")
