from aims_lint.rule import ALL_TYPES, Problem, rule


@rule(
    code="DOC003",
    judges_templates=True,
    name="front-matter-invalid",
    clause="7.5.2",
    types=ALL_TYPES,
    classification="minor",
    remediation="1 day",
    message="{problem}",
    summary="Front matter that is not a valid YAML mapping, or whose delimiters are wrong.",
)
def check(doc, ctx):
    if doc.front_matter is None:
        return
    for problem in doc.front_matter.problems:
        yield Problem(problem.line, problem.column, problem=problem.message)
