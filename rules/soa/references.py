"""One check for the three references an included control needs (procedure, record,
responsible role): per row where the column exists, one finding for the whole SoA when
it has no such column at all."""

from aims_lint.rule import Problem

from .controls import is_empty_reference, rows


def missing_references(doc, ctx, name: str):
    empty_terms = ctx.vocabulary("soa_empty_references")
    included = [row for row in rows(doc) if row.included]
    if not included:
        return
    without_column = [row for row in included if name not in row.refs]
    if len(without_column) == len(included):
        first = included[0]
        yield Problem(first.line, first.column, control=first.raw_id, summary=f"none of the {len(included)} included controls has one (no such column)")
        return
    for row in included:
        ref = row.refs.get(name)
        if ref is None or is_empty_reference(ref.text, empty_terms):
            where = ref if ref is not None else row
            yield Problem(where.line, where.column, control=row.raw_id, summary=f"included control {row.raw_id} has none")
