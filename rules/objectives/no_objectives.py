from aims_lint.reading import templates
from aims_lint.rule import Problem, rule

from ..common import first_heading_line
from ..mandatory import template_classification
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
    judges_templates=True,
)
def check(doc, ctx):
    if templates.is_unfilled(doc):
        classification, _ = template_classification(doc, ctx)
        fill = templates.read(doc).describe()
        yield Problem(first_heading_line(doc), 1, classification=classification, problem=f"the document is an unfilled template ({fill})")
        return
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
