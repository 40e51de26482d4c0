from aims_lint.rule import Problem, rule

from .controls import annex_a, read_soa


@rule(
    code="SOA002",
    name="soa-control-missing",
    clause="6.1.3",
    types=("soa",),
    classification="minor",
    remediation="1-2 weeks",
    message="{count} of the {total} Annex A controls are not in the SoA ({missing}): list every control with an inclusion decision and, for an exclusion, its justification",
    summary="Annex A controls the SoA does not account for (one finding listing them).",
)
def check(doc, ctx):
    catalogue = annex_a(ctx)
    reading = read_soa(doc)
    # Another standard's "A.5.2" is not ISO/IEC 42001's A.5.2: its entries list no 42001 control.
    listed = {entry.control for entry in reading.controls}
    if not listed and reading.other_standard is not None:
        return  # another standard's SoA: SOA010 reports it once, the 38 controls with it
    missing = [control for control in catalogue if control not in listed]
    if not missing:
        return
    found = reading.entries
    if found:
        first = found[0]
        line = first.table.section.line if first.table is not None and first.table.section is not None else first.line
    else:
        line = doc.sections[0].line if doc.sections else doc.body_start_line
    shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
    # One or a few controls left out are a single lapse (minor); most of Annex A
    # unaccounted for means the comparison with Annex A was not made (major).
    classification = "major" if len(missing) * 2 > len(catalogue) else None
    yield Problem(line, 1, classification=classification, count=len(missing), total=len(catalogue), missing=shown)
