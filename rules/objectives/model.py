"""Judging objectives read by ``aims_lint.reading.objectives`` (tables, scorecards, labelled-field
sections, prose sections with an id-like heading). Shared by the OBJ rules; not a rule itself."""

from __future__ import annotations

import re

from aims_lint.reading.objectives import (  # noqa: F401
    DATE,
    LABELS,
    OBJECTIVES_TYPE,
    PARTS,
    POLICY_TYPE,
    Objective,
    blank_rows,
    filled,
    measurable,
    objective_tables,
    objectives,
    policy_objectives,
)

from ..mandatory import MANDATORY, filled_documents

OBJECTIVES_KIND = next(kind for kind in MANDATORY if kind.clause == "6.2")


def judged_objectives(doc, ctx) -> list[Objective]:
    """The objectives the OBJ rules judge in ``doc``: an objectives document's, or the
    ones an AI policy states when no objectives document of the repository states any
    objective (read through the facts cache). With an objectives register, the policy's objectives section is
    the framework for it (POL005's to judge) and its objectives are judged in the
    register: the same objective is not reported twice."""
    if doc.doc_type != POLICY_TYPE:
        return objectives(doc)
    found = policy_objectives(doc)
    workspace = getattr(ctx, "workspace", None)
    if not found or workspace is not None and any(
        workspace.fact(relpath, "obj.count.1", _count, int) for relpath in filled_documents(workspace, OBJECTIVES_KIND)
    ):
        return []
    return found


def _count(doc) -> int:
    return len(objectives(doc))


def missing_parts(objective: Objective, include_absent: bool = True) -> list[str]:
    """The parts an objective lacks, in the order of 6.2 (what, who, when reviewed, how evaluated, by when)."""
    missing = []
    for part in PARTS:
        if part == "metric":
            if not measurable(objective.values.get("metric", "")):
                missing.append(part)
            continue
        if objective.values.get(part):
            continue
        if part in objective.absent and not include_absent:
            continue
        missing.append(part)
    return missing


def short(name: str, limit: int = 60) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _normalise_owner(value: str) -> str:
    text = re.sub(r"[*_`]", "", value).strip().lower().rstrip(".;,")
    return re.sub(r"^the\s+", "", text)


def vague_owner(objective: Objective, ctx, leave_to_doc009: bool = False) -> str | None:
    """The objective's owner when it names no accountable role ("the AI team", "TBD",
    "everyone"); roles listed in the configuration's ``roles`` are always accepted.
    With ``leave_to_doc009``, an owner that DOC009 (vague-owner) reports in this run is
    not returned, so that one vague owner is one finding."""
    owner = objective.values.get("owner", "")
    if not owner:
        return None
    generic = {_normalise_owner(term) for term in ctx.vocabulary("vague_owners")}
    vague = generic | {_normalise_owner(term) for term in ctx.vocabulary("objectives_vague_owners")}
    roles = {_normalise_owner(role) for role in (ctx.config.roles or [])}
    value = _normalise_owner(owner)
    if leave_to_doc009 and value in generic and any(rule.code == "DOC009" for rule in ctx.enabled):
        return None
    return owner.strip() if value in vague and value not in roles else None
