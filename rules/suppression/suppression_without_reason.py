import re

from aims_lint.rule import ALL_TYPES, Problem, rule


def _normalise(reason: str) -> str:
    return re.sub(r"[<>\[\]{}\"'`]", "", reason).strip().rstrip(".!").strip().lower()


@rule(
    code="SUP001",
    name="suppression-without-reason",
    clause="tool",
    types=ALL_TYPES,
    classification="advisory",
    remediation="1 day",
    message="'aims-lint-{kind}' {problem}: say after ' -- ' why the finding is accepted (an auditor reads it as an accepted risk)",
    summary="An inline suppression that does not say why, or whose reason is a placeholder ('reason', 'TODO').",
    scope="suppressions",
)
def check(directives, ctx):
    if not directives:
        return
    non_reasons = {_normalise(term) for term in ctx.vocabulary("suppression_non_reasons")}
    for directive in directives:
        if not directive.reason:
            yield Problem(directive.line, directive.column, kind=directive.kind, problem="has no reason")
        elif _normalise(directive.reason) in non_reasons:
            problem = f"gives '{directive.reason.strip()}' as its reason, a placeholder"
            yield Problem(directive.line, directive.column, kind=directive.kind, problem=problem)
