from aims_lint import annex_a
from aims_lint.rule import Problem, Related, rule


def _places(doc):
    """(text, line, column) of each prose block and table cell (tables cell by cell, so
    a title ends at its cell)."""
    for block in doc.blocks:
        if block.kind != "table":
            yield block.text, block, None
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text, None, cell


def _wrong(doc) -> list[tuple[int, int, annex_a.Citation, str]]:
    found = []
    seen = set()
    for text, block, cell in _places(doc):
        for citation in annex_a.cited(text):
            expected = annex_a.disagrees(citation.control, citation.title)
            if expected is None:
                continue
            if block is not None:
                line, column = block.line_of(citation.offset), 1
            else:
                line, column = cell.line, cell.column + citation.offset
            if (line, citation.control) not in seen:
                seen.add((line, citation.control))
                found.append((line, column, citation, expected))
    return sorted(found, key=lambda item: (item[0], item[1]))


@rule(
    code="IAU004",
    name="audit-criteria-wrong-control",
    clause="9.2.2",
    types=("internal-audit",),
    classification="minor",
    remediation="1 day",
    message=(
        "the audit cites {raw} as '{title}', but ISO/IEC 42001 {control} is '{expected}'{more}: "
        "another standard's numbering (ISO/IEC 27001?) gives the audit criteria the wrong meaning; cite the 42001 control by its id and title"
    ),
    summary="Audit criteria or findings that cite an Annex A id with a title of another control (ISO/IEC 27001 numbering reused): one finding per document.",
)
def check(doc, ctx):
    wrong = _wrong(doc)
    if not wrong:
        return
    line, column, citation, expected = wrong[0]
    others = wrong[1:]
    more = f" (and {len(others)} more such citation{'s' if len(others) != 1 else ''})" if others else ""
    yield Problem(
        line, column, raw=citation.raw, title=citation.title, control=citation.control, expected=expected, more=more,
        related=[Related(l, c, f"{cit.raw} '{cit.title}': ISO/IEC 42001 {cit.control} is '{exp}'") for l, c, cit, exp in others],
    )
