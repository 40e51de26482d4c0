from aims_lint.rule import Problem, Related, rule

from ..risk_assessment.register import risks
from ..soa.controls import annex_a
from ..soa.controls import soa_decisions
from .graph import annex_a_ids

_TREATMENT_VALUES = ("controls", "treatment", "action")


@rule(
    code="TRC004",
    name="risk-control-not-in-soa",
    clause="6.1.3",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="{control}, cited in the treatment of risk {risk}, {problem}: the SoA must include every control the risk treatment needs",
    summary="An Annex A control cited in a risk treatment that the SoA does not list, or excludes.",
)
def check(doc, ctx):
    decisions = soa_decisions(ctx.workspace)
    if decisions is None:
        return  # no SoA at all: AIMS001 reports the missing document
    catalogue = annex_a(ctx)
    for risk in risks(doc):
        reported = set()
        for name in _TREATMENT_VALUES:
            value = risk.values.get(name)
            if value is None:
                continue
            for written, control, _ in annex_a_ids(value.text):
                if control not in catalogue or control in reported:
                    continue  # an unknown ID is no treatment the SoA could list
                decision = decisions.get(control)
                related = ()
                if decision is None:
                    problem = "is not in the Statement of Applicability"
                elif decision[0] is False:
                    problem = f"is excluded in the Statement of Applicability ({decision[1]}:{decision[2]})"
                    # The other end: the SoA row that excludes it (read from the facts cache).
                    related = (Related(decision[2], 1, f"{control} excluded here", doc=decision[1]),)
                else:
                    continue
                reported.add(control)
                yield Problem(value.line, value.column, control=written, risk=risk.label, problem=problem, related=related)
