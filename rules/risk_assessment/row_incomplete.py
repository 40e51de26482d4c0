from aims_lint.rule import Problem, rule

from .register import PART_NAMES, risks, summarised_unassessed

_TAIL = "every risk needs a likelihood, a severity, an owner and a treatment decision"


def gaps(risk) -> list[str]:
    """What a risk lacks of likelihood, severity, owner and treatment. A rating ("12",
    "High (12)", "4×3=12") stands for likelihood and severity when neither is written on
    its own: the risk has been rated."""
    missing = risk.missing()
    if "likelihood" in missing and "severity" in missing and (risk.has("rating") or risk.has("residual")):
        missing = [part for part in missing if part not in ("likelihood", "severity")]
    return missing


def _names(parts) -> str:
    names = [PART_NAMES[part] for part in parts]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


@rule(
    code="RSK004",
    name="risk-row-incomplete",
    clause="6.1.2",
    types=("risk-assessment",),
    classification="minor",
    remediation="1 week",
    message="risk {risk} has no {missing}: " + _TAIL,
    summary="A risk without likelihood, severity/impact, owner or treatment (one finding per risk; one per register when none of its risks has it).",
)
def check(doc, ctx):
    found = risks(doc)
    skipped = set(map(id, summarised_unassessed(found)))
    found = [risk for risk in found if id(risk) not in skipped]  # RSK005 reports those together
    registers: dict[int, list] = {}
    for risk in found:
        registers.setdefault(risk.register, []).append(risk)
    for members in registers.values():
        # A part that no risk of a register of three or more has: one gap of the register.
        common = [part for part in ("likelihood", "severity", "owner", "treatment")
                  if len(members) >= 3 and all(part in gaps(risk) for risk in members)]
        if common:
            first, last = members[0], members[-1]
            yield Problem(
                first.line, first.column,
                message=f"none of the {len(members)} risks of the register ('{first.label}' to '{last.label}') has "
                f"{'an' if PART_NAMES[common[0]][0] in 'aeiou' else 'a'} {_names(common)}: {_TAIL}",
            )
        for risk in members:
            missing = [part for part in gaps(risk) if part not in common]
            if missing:
                yield Problem(risk.line, risk.column, risk=f"'{risk.label}'", missing=_names(missing))
