from aims_lint.rule import Problem, rule

from .controls import read_soa, soa_decisions


def _covers_42001(workspace, doc) -> bool:
    """Another SoA of the repository lists ISO/IEC 42001 Annex A controls."""
    decisions = soa_decisions(workspace) or {}
    return any(relpath != doc.relpath for _, relpath, _ in decisions.values())


def _short(title: str, limit: int = 60) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + " ..."


@rule(
    code="SOA010",
    name="soa-other-standard",
    clause="6.1.3",
    types=("soa",),
    classification="major",
    remediation="2-4 weeks",
    message=(
        "the Statement of Applicability lists {standard} Annex A controls, not the ISO/IEC 42001 Annex A controls "
        "({count} of its {total} entries, e.g. {examples}): {consequence}"
    ),
    summary="An SoA that lists another standard's Annex A (ISO/IEC 27001) instead of ISO/IEC 42001's: one finding for the whole SoA.",
)
def check(doc, ctx):
    other = read_soa(doc).other_standard
    if other is None:
        return
    first = other.foreign[0]
    examples = ", ".join(f"{entry.raw_id} '{_short(entry.title)}'" if entry.title else entry.raw_id for entry in other.foreign[:2])
    if _covers_42001(ctx.workspace, doc):
        consequence = "another SoA covers ISO/IEC 42001; say what this one is for or retire it"
        classification = "minor"
    else:
        consequence = "no Statement of Applicability of the repository decides on the 38 ISO/IEC 42001 controls (6.1.3 not met)"
        classification = "major"
    yield Problem(
        first.line, first.column, classification=classification, standard=other.standard.split(":")[0],
        count=len(other.foreign), total=other.total, examples=examples, consequence=consequence,
    )
