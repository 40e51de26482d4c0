import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import first_heading_line, inactive, mentions, term_pattern

_POLICY = lazy(r"\bpolic(y|ies)\b|\baims\b|\bmanagement system\b", re.I)


@rule(
    code="CMP004",
    name="awareness-evidence-missing",
    clause="7.3",
    types=("competence-matrix",),
    classification="advisory",
    remediation="1 week",
    message=(
        "{what}: show that people know the AI policy, their contribution to the AIMS and the consequences "
        "of not conforming (awareness quiz, interviews, survey results)"
    ),
    summary="No awareness evidence beyond distributing the policy (7.3).",
)
def check(doc, ctx):
    if inactive(doc):
        return
    awareness = term_pattern(ctx.vocabulary("competence_awareness"))
    checks = ctx.vocabulary("competence_awareness_checks")
    sections = doc.sections_titled(r"aware|literacy")
    texts = [section.text for section in sections]
    first = sections[0].line if sections else None
    for block in doc.blocks:
        if awareness is not None and awareness.search(block.text) and _POLICY.search(block.text):
            texts.append(block.text)
            first = first or block.line
    # A table row about awareness, read with its header: "Training level | Minimum score" /
    # "Awareness | 70%" says awareness is assessed.
    for table in doc.tables:
        header = " ".join(cell.text for cell in table.header)
        for row in table.rows:
            text = " ".join(cell.text for cell in row.cells)
            if awareness is not None and awareness.search(text):
                texts.append(header + " " + text)
                first = first or row.line
    # Records and dashboards drawn in code fences are text of the document too.
    for block in doc.code_blocks:
        if awareness is not None and awareness.search(block.text) and not block.info.startswith(("mermaid", "yaml", "json")):
            texts.append(block.text)
            first = first or block.line
    if not texts:
        yield Problem(first_heading_line(doc), 1, what="no awareness evidence (7.3)")
        return
    if not any(mentions(text, checks) for text in texts):
        yield Problem(first, 1, what="awareness of the AI policy is required or distributed but never checked")
