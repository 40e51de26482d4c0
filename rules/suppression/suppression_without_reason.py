from aims_lint.rule import ALL_TYPES, Problem, rule


@rule(
    code="SUP001",
    name="suppression-without-reason",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="'aims-lint-{kind}' has no reason: add one after ' -- ' (an auditor reads it as an accepted risk)",
    summary="An inline suppression that does not say why.",
    scope="suppressions",
)
def check(directives, ctx):
    for directive in directives:
        if not directive.reason:
            yield Problem(directive.line, directive.column, kind=directive.kind)
