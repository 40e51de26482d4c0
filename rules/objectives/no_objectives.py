from aims_lint.rule import Problem, rule

from .model import OBJECTIVES_TYPE, blank_rows, objective_tables, objectives


@rule(
    code="OBJ001",
    name="no-objectives",
    clause="6.2",
    types=(OBJECTIVES_TYPE,),
    classification="major",
    remediation="1-2 weeks",
    message="{problem}: set measurable AI objectives (what, metric and target, owner, review frequency, evaluation method, deadline)",
    summary="The objectives document holds no objective, or only an unfilled template.",
)
def check(doc, ctx):
    if objectives(doc):
        return
    tables = objective_tables(doc)
    if tables and any(table.rows for table in tables):
        table = next(table for table in tables if table.rows)
        count = sum(len(blank_rows(table)) for table in tables)
        yield Problem(table.line, 1, problem=f"the objectives table is an unfilled template ({count} empty row{'s' if count != 1 else ''})")
        return
    line = doc.sections[0].line if doc.sections else 1
    yield Problem(line, 1, problem="no AI objective found (no table with an objective column, no section per objective with Metric:/Owner:/Due: fields)")
