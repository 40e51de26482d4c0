from aims_lint.evidence import evidence_of
from aims_lint.reading.records import NC_LOG_FACT, NC_LOG_SHAPE, nonconformity_log, open_at
from aims_lint.rule import Problem, Related, rule


@rule(
    code="MRV011",
    name="review-figures-disagree",
    clause="9.3.2",
    types=("management-review",),
    classification="minor",
    remediation="1 day",
    message=(
        "the review reports {reported} open nonconformit{plural} on {date}, the nonconformity log ({log}) "
        "holds {actual} open on that date; correct the minutes or the log so that both tell the same story"
    ),
    summary="Management-review minutes report a number of open nonconformities the nonconformity log contradicts.",
    scope="workspace",
)
def check(workspace, ctx):
    evidence = evidence_of(workspace)
    logs = []
    for kind in evidence.kinds:
        if kind.clause == "10.2":
            for relpath in kind.filled:
                log = workspace.fact(relpath, NC_LOG_FACT, nonconformity_log, NC_LOG_SHAPE)
                if log and log["rows"]:
                    logs.append((relpath, log))
    if len(logs) != 1:
        return  # no log, or several: which one the figure speaks of is not ours to guess
    relpath, log = logs[0]
    for review in evidence.reviews:
        reported = review.facts.get("open_nc")
        if not reported or not review.date:
            continue
        actual = open_at(log, review.date)
        if actual is None or actual == reported[0]:
            continue
        rows = [
            Related(line, 1, f"{ident} open on {review.date}", doc=relpath)
            for ident, raised, closed, is_open, line in log["rows"]
            if (raised is None or raised <= review.date) and (is_open or (closed and closed > review.date))
        ]
        yield Problem(
            reported[1], 1, doc=workspace.document(review.path), reported=reported[0],
            plural="y" if reported[0] == 1 else "ies", date=review.date, log=relpath, actual=actual,
            related=rows or [Related(log["rows"][0][4], 1, "the nonconformity log", doc=relpath)],
        )
