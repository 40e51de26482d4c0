import re

from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import has_figure, mentions
from .common import TYPES, in_agenda, judged
from .input_missing import PERFORMANCE_PARTS

_PERFORMANCE_TITLE = lazy(r"perform|kpi|metric|monitor|measure|audit|nonconform|non-conform|incident|objective|corrective", re.I)


@rule(
    code="MRV002",
    name="input-without-data",
    clause="9.3.2",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message=(
        "AIMS performance input cites no data: no metric value, count or percentage in {where}; "
        "record the figures reviewed (e.g. KPI values against targets, number of open nonconformities)"
    ),
    summary="A performance input (9.3.2 d) stated without any figure.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    sections = [s for s in doc.sections if _PERFORMANCE_TITLE.search(s.title) and not in_agenda(s)]
    if sections:
        if not any(has_figure(section.text) for section in sections):
            yield Problem(sections[0].line, 1, where=f"'{sections[0].title}'")
        return
    terms = [term for name in PERFORMANCE_PARTS for term in ctx.vocabulary(name)]
    blocks = [b for b in doc.blocks if (b.section is None or not in_agenda(b.section)) and mentions(b.text, terms)]
    if blocks and not any(has_figure(block.text) for block in blocks):
        yield Problem(blocks[0].line, 1, where="the performance items")
