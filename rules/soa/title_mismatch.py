from aims_lint.annex_a import disagreement
from aims_lint.rule import Problem, rule

from .controls import rows

_QUOTED = 3  # rows quoted in the message; the related locations name every one


@rule(
    code="SOA011",
    name="soa-title-mismatch",
    clause="6.1.3",
    types=("soa",),
    classification="minor",
    remediation="1 day",
    message="{count} SoA {rows} a title that is not the Annex A control of {its} number: {examples}; correct the number or the title so each decision is about the ISO/IEC 42001 control it names",
    summary="SoA rows whose title names another Annex A control or an ISO/IEC 27001 control (a reused numbering, a typo that changes the control).",
)
def check(doc, ctx):
    # An SoA that is another standard's throughout is SOA010's one finding: rows() is
    # empty then. Here: a few rows of a 42001 SoA, one gap with every row as a location.
    found = []
    for row in rows(doc):
        wrong = disagreement(row.control, row.title)
        if wrong is not None:
            found.append((row, wrong))
    if not found:
        return
    examples = "; ".join(
        f"{row.raw_id} '{wrong.title}' names {wrong.names}, not {row.control} '{wrong.expected}'" for row, wrong in found[:_QUOTED]
    ) + (f"; and {len(found) - _QUOTED} more" if len(found) > _QUOTED else "")
    first = found[0][0]
    related = [(row.line, row.column, f"{row.raw_id} '{wrong.title}': {wrong.names}") for row, wrong in found[1:]]
    yield Problem(
        first.line, first.column, count=len(found), rows="row gives" if len(found) == 1 else "rows give",
        its="its" if len(found) == 1 else "their", examples=examples, related=related,
    )
