"""What the SoA rules read: the Annex A catalogue and the SoA entries of the reading
layer (``aims_lint.reading.soa``), which reads them whatever the layout (one table, one
table per theme, a key/value table or labelled fields per control, front matter).

``rows(doc)`` are the entries judged as ISO/IEC 42001 controls: none when the SoA lists
another standard's Annex A (SOA010 reports that once).
"""

from __future__ import annotations

import re

# The SoA reading is imported on first use, not when the rule pack loads: a run over
# documents that are not SoAs (a pre-commit run on one policy) never pays for it.


def catalogue() -> dict[str, str]:
    from aims_lint.reading.soa import catalogue

    return catalogue()


def decision(value) -> bool | None:
    from aims_lint.reading.soa import decision

    return decision(value)


def normalise_id(text: str, alone: bool = False) -> tuple[str, str] | None:
    from aims_lint.reading.soa import normalise_id

    return normalise_id(text, alone)


def read_soa(doc):
    from aims_lint.reading.soa import read_soa

    return read_soa(doc)


def annex_a(ctx) -> dict[str, str]:
    """Annex A control ID -> short title, from the pack's ``data/annex_a.yaml`` (cached)."""
    return catalogue()


def why_unknown(control: str, catalogue: dict[str, str]) -> str:
    """Why a normalised ID is not an Annex A control, in a few words."""
    parts = control.split(".")[1:]
    if "x" in parts or len(parts) == 1:
        return "a group of Annex A, not a control: list each of its controls"
    if parts[-1] == "1" or control in ("A.6.1", "A.6.2"):
        return "an objective of Annex A, which has no control of its own (controls start at .2)"
    group = f"A.{parts[0]}"
    siblings = [known for known in catalogue if known.startswith(group + ".")]
    if not siblings:
        return "not an Annex A group (Annex A runs from A.2 to A.10)"
    return f"not an Annex A control ({group} has {siblings[0]} to {siblings[-1]})"


def rows(doc) -> list:
    """The SoA's entries judged as ISO/IEC 42001 Annex A controls."""
    return read_soa(doc).controls


def is_empty_reference(text: str | None, empty_terms: list[str]) -> bool:
    """Nothing written, a dash, "N/A", "TBD", a placeholder. A template variable
    (``{{ org.role_CISO }}``) is a value the template engine fills in: present."""
    if text is None:
        return True
    if "{{" in text or "{%" in text:
        return False
    cleaned = re.sub(r"[`*_]", "", text).strip().strip(".").lower()
    if not cleaned:
        return True
    if not re.search(r"[a-z0-9]", cleaned):
        return True
    from ..document_control.placeholders import is_placeholder

    return cleaned in {term.lower() for term in empty_terms} or is_placeholder(text.strip())


def soa_decisions(workspace) -> dict[str, tuple[bool | None, str, int]] | None:
    """Annex A control -> (included, SoA path, line) from every SoA of the repository;
    None when the repository has no SoA."""

    def compute(workspace):
        relpaths = workspace.relpaths_of_type("soa")
        if not relpaths:
            return None
        decisions: dict[str, tuple[bool | None, str, int]] = {}
        for relpath in relpaths:
            for entry in workspace.fact(relpath, "trc.soa.2", _soa_rows, [(str, frozenset({bool, type(None)}), int)]) or ():
                if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)):
                    continue
                control, included, line = entry
                previous = decisions.get(control)
                if previous is None or included and not previous[0]:
                    decisions[control] = (included, relpath, line)
        return decisions

    return workspace.memo("trc.soa", compute)


def _soa_rows(doc) -> list[list]:
    """[control, included, line] of each ISO/IEC 42001 entry (none for another standard's SoA)."""
    return [[row.control, row.included, row.line] for row in rows(doc)]
