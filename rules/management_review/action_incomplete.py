from aims_lint.rule import Problem, rule

from ..document_control.placeholders import is_placeholder
from .common import TYPES, actions, judged


def _blank(value) -> bool:
    return value is None or not str(value).strip() or is_placeholder(str(value)) or str(value).strip() in ("-", "—", "?")


@rule(
    code="MRV005",
    name="action-owner-or-due-missing",
    clause="9.3.3",
    types=TYPES,
    classification="advisory",
    remediation="1 day",
    message="action without {missing}: '{action}'; give every action a named owner role and a due date",
    summary="A management review action without an owner or without a due date.",
)
def check(doc, ctx):
    if not judged(doc):
        return
    for action in actions(doc, ctx.config.roles):
        missing = [what for what, value in (("an owner", action.owner), ("a due date", action.due)) if _blank(value)]
        if missing:
            text = action.text if len(action.text) <= 60 else action.text[:57] + "..."
            yield Problem(action.line, action.column, missing=" and ".join(missing), action=text)
