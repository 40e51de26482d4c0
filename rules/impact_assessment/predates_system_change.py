from aims_lint.dates import parse_date
from aims_lint.rule import Problem, rule

from .common import TYPES, judged
from .support import body_date


def _last_changes(workspace) -> dict[str, tuple]:
    """ai_system id -> (last_significant_change, scope document) from every aims-scope."""
    changes = {}
    for doc in workspace.documents_of_type("aims-scope"):
        systems = doc.meta.get("ai_systems")
        if not isinstance(systems, list):
            continue
        for system in systems:
            if not isinstance(system, dict) or system.get("id") in (None, ""):
                continue
            changed = parse_date(system.get("last_significant_change"))
            if changed is not None:
                changes[str(system["id"]).strip()] = (changed, doc)
    return changes


def _names_change(doc, changed) -> bool:
    """The assessment says which change it assesses: it gives the change's date."""
    from aims_lint.dates import ISO_DATE, prose_date

    for block in doc.blocks:
        if changed.isoformat() in block.text:
            return True
        if not ISO_DATE.search(block.text) and prose_date(block.text, late=False) == changed:
            return True
    return False


def _assessed_on(doc):
    """(date, position, what) of when the assessment was last done; ``position()`` gives
    (line, column), computed only for a finding."""
    for key in ("last_reviewed", "approved_on", "date"):
        value = parse_date(doc.meta.get(key))
        if value is not None:
            return value, (lambda key=key: doc.value_position(key)), key
    found = body_date(doc)
    if found:
        return found[0], (lambda: (found[1], 1)), "assessment date"
    return None


@rule(
    code="IMP007",
    name="predates-system-change",
    clause="8.4",
    types=TYPES,
    classification="minor",
    remediation="2-4 weeks",
    message=(
        "impact assessment predates the system's last significant change: {what} {assessed} is before "
        "'{system}' changed on {changed} ({scope}); reassess the changed system"
    ),
    summary="An impact assessment last done before its AI system's last significant change (from the scope).",
    options={"pre-release-days": 60},
)
def check(doc, ctx):
    if not judged(doc):
        return
    system = doc.meta.get("ai_system")
    if system in (None, ""):
        return
    changes = _last_changes(ctx.workspace)
    if str(system).strip() not in changes:
        return
    changed, scope = changes[str(system).strip()]
    assessed = _assessed_on(doc)
    if assessed is None or assessed[0] >= changed:
        return
    date, position, what = assessed
    if (changed - date).days <= int(ctx.options.get("pre-release-days", 60)) and _names_change(doc, changed):
        return  # the assessment of the proposed change, done before it went live (8.4)
    yield Problem(
        *position(), what=what, assessed=date.isoformat(), system=str(system).strip(),
        changed=changed.isoformat(), scope=scope.relpath,
    )
