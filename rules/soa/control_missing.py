from aims_lint.rule import Problem, rule

from .controls import annex_a, rows


@rule(
    code="SOA002",
    name="soa-control-missing",
    clause="6.1.3",
    types=("soa",),
    classification="major",
    remediation="1-2 weeks",
    message="{count} of the {total} Annex A controls are not in the SoA ({missing}): list every control with an inclusion decision and, for an exclusion, its justification",
    summary="Annex A controls the SoA does not account for (one finding listing them).",
)
def check(doc, ctx):
    catalogue = annex_a(ctx)
    listed = {row.control for row in rows(doc)}
    missing = [control for control in catalogue if control not in listed]
    if not missing:
        return
    found = rows(doc)
    if found:
        line = found[0].table.section.line if found[0].table is not None and found[0].table.section is not None else found[0].line
    else:
        line = doc.sections[0].line if doc.sections else doc.body_start_line
    shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
    yield Problem(line, 1, count=len(missing), total=len(catalogue), missing=shown)
