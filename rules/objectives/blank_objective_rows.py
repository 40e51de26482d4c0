from aims_lint.rule import Problem, rule

from .model import OBJECTIVES_TYPE, blank_rows, objective_tables, objectives


@rule(
    code="OBJ004",
    name="blank-objective-rows",
    clause="6.2",
    types=(OBJECTIVES_TYPE,),
    classification="advisory",
    remediation="1 day",
    message="{count} empty objective row{plural} ({rows}) left from the template: fill {them} in or delete {them}",
    summary="Empty template rows in an objectives table that also has real objectives.",
)
def check(doc, ctx):
    if not objectives(doc):
        return  # OBJ001: the whole table is an unfilled template
    for table in objective_tables(doc):
        blank = blank_rows(table)
        if not blank or len(blank) == len(table.rows):
            continue
        labels = ", ".join((row.cells[0].text or f"line {row.line}") if row.cells else f"line {row.line}" for row in blank[:5])
        many = len(blank) != 1
        related = [(row.line, 1, "an empty row") for row in blank[1:]]
        yield Problem(
            blank[0].line, 1, count=len(blank), plural="s" if many else "", rows=labels, them="them" if many else "it",
            related=related,
        )
