import re

from aims_lint.evidence import evidence_of
from aims_lint.patterns import lazy
from aims_lint.reading.review_record import held_at
from aims_lint.rule import Problem, Related, rule

HELD_FACT = "chronology.held-at.1"
_HELD_SHAPE = (frozenset({str, type(None)}), int)
# Living records (a log, a register) carry the date they were last updated, not the
# date of the evidence the review relied on.
LIVING = lazy(r"\blogs?\b|\bregisters?\b|\bnon-?conformit|\bcorrective[-_ ]?action|\bcapa\b|\binventory\b|\btracker\b", re.I)
_RECORD_TYPES = frozenset({"record", "internal-audit", "management-review", "audit-report"})


def _held(doc):
    date, line = held_at(doc)
    return [date, line]


@rule(
    code="CHR003",
    name="evidence-after-review",
    clause="9.3.3",
    types=("management-review",),
    classification="minor",
    remediation="1 day",
    message=(
        "the review of {review} relies on '{record}', dated {dated}, after the review: it cannot have been "
        "reviewed; cite the evidence the review saw, or date the minutes correctly"
    ),
    summary="Management-review minutes link to a record dated after the review.",
    scope="workspace",
)
def check(workspace, ctx):
    index = workspace.index()
    for review in evidence_of(workspace).reviews:
        if not review.date:
            continue
        doc = None
        for relpath, line in review.facts.get("links", []):
            doc_type, doc_id = index.get(relpath, (None, None))
            if doc_type not in _RECORD_TYPES or LIVING.search(f"{relpath.rsplit('/', 1)[-1]} {doc_id or ''}"):
                continue
            held = workspace.fact(relpath, HELD_FACT, _held, _HELD_SHAPE)
            if not held or not held[0] or held[0] <= review.date:
                continue
            doc = doc or workspace.document(review.path)
            yield Problem(
                line, 1, doc=doc, review=review.date, record=relpath, dated=held[0],
                related=[Related(held[1], 1, f"dated {held[0]}", doc=relpath)],
            )
