from aims_lint.rule import Problem, Related, rule

from .common import audit_documents, is_record

CLAUSES = tuple(range(4, 11))
# The programme may spread Annex A over the cycle; it has a gap when what its documents
# name, taken together, reaches less than this share of the applicable controls.
ANNEX_A_SHARE = 0.5


def _soa_applicable(workspace) -> tuple[set[str], str | None, int]:
    from ..soa.controls import soa_decisions

    decisions = soa_decisions(workspace) or {}
    applicable = {control: (relpath, line) for control, (included, relpath, line) in decisions.items() if included}
    if not applicable:
        return set(), None, 1
    relpath, line = min(applicable.values(), key=lambda place: (place[0], place[1]))
    return set(applicable), relpath, line


def _where(audits):
    """The document a coverage gap is reported on: the programme (or plan) when there is
    one, else the latest record; the others are related places."""
    programmes = [item for item in audits if not is_record(item[1])]
    if programmes:
        return programmes[0]
    return max(audits, key=lambda item: item[1]["date"] or "")


@rule(
    code="IAU002",
    name="audit-programme-coverage",
    clause="9.2.2",
    types=("internal-audit",),
    classification="minor",
    remediation="2-6 weeks",
    message="the internal audit programme never covers {gap} over its cycle ({what}): {consequence}",
    summary="The internal audits on record, taken together, never cover one of clauses 4-10, or name less than half of the SoA's applicable Annex A controls.",
    scope="workspace",
)
def check(workspace, ctx):
    audits = [item for item in audit_documents(workspace) if item[2]["clauses"] or item[2]["whole"] or item[2]["annex"] != "none"]
    if not audits:
        return  # no audit document says what it covers in clause or control terms: nothing to judge
    relpath, _, scope = _where(audits)
    doc = workspace.document(relpath)
    if doc is None:
        return
    others = [Related(item[2]["line"], 1, "the scope of another audit of the programme", doc=item[0]) for item in audits if item[0] != relpath]
    stated = [item for item in audits if item[2]["clauses"] or item[2]["whole"]]
    if stated and not any(item[2]["whole"] for item in stated):
        covered = set().union(*(item[2]["clauses"] for item in stated))
        missing = [clause for clause in CLAUSES if clause not in covered]
        if missing:
            gap = ("clause " if len(missing) == 1 else "clauses ") + ", ".join(map(str, missing))
            yield Problem(
                scope["line"], 1, doc=doc, gap=gap,
                what=f"its audits name clauses {', '.join(map(str, sorted(covered)))}"
                + ("" if any(not is_record(item[1]) for item in audit_documents(workspace)) else "; no audit programme on record plans the rest"),
                consequence="9.2.1 asks the audits to show that the AIMS as a whole conforms; plan an audit of the missing clauses in the cycle",
                related=others,
            )
    if any(item[2]["annex"] in ("all", "some") for item in audits):
        return  # "all applicable controls", or a sample not named control by control
    listed = set().union(*(item[2]["controls"] for item in audits))
    applicable, soa, soa_line = _soa_applicable(workspace)
    if not listed or not applicable:
        return
    covered = listed & applicable
    if len(covered) >= ANNEX_A_SHARE * len(applicable):
        return
    yield Problem(
        scope["line"], 1, doc=doc, gap=f"{len(applicable) - len(covered)} of the {len(applicable)} applicable Annex A controls",
        what=f"its audits name {len(covered)} of the controls the SoA includes",
        consequence="plan audits of the applicable controls over the cycle (at least half of them are not in any audit's scope)",
        related=[*others, Related(soa_line, 1, "the SoA's applicable controls", doc=soa)],
    )
