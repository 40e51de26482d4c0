from aims_lint.rule import ANY_TYPE, Problem, rule


@rule(
    code="DOC001",
    judges_templates=True,
    name="unreadable-document",
    clause="7.5.3",
    types=ANY_TYPE,
    classification="minor",
    remediation="1 day",
    message="{reason}",
    summary="A Markdown file that cannot be read as UTF-8 text.",
)
def check(doc, ctx):
    if doc.read_error is not None:
        error = doc.read_error
        yield Problem(error.line, error.column, reason=error.message)
