
from aims_lint.patterns import lazy
from aims_lint.rule import Problem, rule

from ..common import has_figure, term_pattern
from .common import TYPES, judged

_WORDS = lazy(r"[\w'-]+")


def _others_substantive(block) -> bool:
    """True when the block's section holds real content besides this block."""
    section = block.section
    if section is None:
        return False
    others = [b for s in section.walk() for b in s.blocks if b is not block]
    return any(len(_WORDS.findall(b.text)) > 10 or has_figure(b.text) for b in others)


@rule(
    code="MRV003",
    name="boilerplate-instead-of-analysis",
    clause="9.3.2",
    types=TYPES,
    classification="minor",
    remediation="1 week",
    message="'{phrase}' in place of analysis: say what was reviewed, with the figures or events it showed",
    summary="'No issues identified' / 'nothing to report' boilerplate where the minutes should analyse an input.",
    options={"max-words": 10},
)
def check(doc, ctx):
    if not judged(doc):
        return
    pattern = term_pattern(ctx.vocabulary("management_review_boilerplate"))
    if pattern is None:
        return
    limit = int(ctx.options.get("max-words", 10))
    for block in doc.blocks:
        if block.kind == "table":
            continue
        match = pattern.search(block.text)
        if not match or len(_WORDS.findall(block.text)) > limit or _others_substantive(block):
            continue
        yield Problem(block.line_of(match.start()), 1, phrase=match.group(0))
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells[1:]:
                match = pattern.fullmatch(cell.text.strip().rstrip("."))
                if match:
                    yield Problem(cell.line, cell.column, phrase=match.group(0))
