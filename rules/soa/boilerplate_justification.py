import re
from collections import Counter

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from .controls import rows

# "Mandatory — ...", "Required: ...", "Required for accountability"
_LEAD = lazy(r"^\W*([A-Za-z][A-Za-z/ ]{0,30}?)\s*(?:[—–:-]|\bfor\b|\bby\b)", re.I)


@rule(
    code="SOA007",
    name="soa-boilerplate-justification",
    clause="6.1.3",
    types=("soa",),
    classification="advisory",
    remediation="1 week",
    message="{count} of {total} justifications start with '{lead}': a justification repeated on every row reads as boilerplate; tie each one to a risk, the scope or the organisation's role",
    summary="Justifications that open with the same non-justification on most rows ('Mandatory —', 'Required for').",
    options={"share": 0.5, "min-rows": 5},
)
def check(doc, ctx):
    terms = {term.lower() for term in ctx.vocabulary("soa_non_justifications")}
    justified = [row for row in rows(doc) if row.included and row.refs.get("justification") and row.refs["justification"].text.strip()]
    if len(justified) < int(ctx.options.get("min-rows", 5)):
        return
    leads = Counter()
    first = {}
    for row in justified:
        match = _LEAD.match(row.refs["justification"].text)
        if match and match.group(1).strip().lower() in terms:
            lead = match.group(1).strip().lower()
            leads[lead] += 1
            first.setdefault(lead, row.refs["justification"])
    count = sum(leads.values())
    if count and count >= float(ctx.options.get("share", 0.5)) * len(justified):
        lead = " / ".join(word.title() for word, _ in leads.most_common())
        ref = min(first.values(), key=lambda ref: ref.line)
        yield Problem(ref.line, ref.column, count=count, total=len(justified), lead=lead)
