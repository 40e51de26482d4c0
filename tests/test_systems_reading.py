"""Reading the AI systems a scope document puts in scope (aims_lint.reading.systems):
named systems are read; classes of systems and out-of-scope lists are not (a system
read by mistake becomes "in scope without an impact assessment", a major finding)."""

from __future__ import annotations

from pathlib import Path

from aims_lint.document import Document
from aims_lint.reading.systems import systems


def read(text: str) -> list[tuple[str, str]]:
    return [(system.ident, system.name) for system in systems(Document(Path("scope.md"), "scope.md", text))]


def test_named_systems_in_scope_are_read_and_the_out_of_scope_list_is_not():
    assert read("""# AIMS scope

## AI systems in scope

**In scope:**

- **Credit scoring** (CS-01): ranks loan applications
- Support assistant

**Out of scope:**

- Fraud engine (retired in 2025)
""") == [("CS-01", "Credit scoring"), ("Support assistant", "")]


def test_classes_of_systems_are_not_systems():
    """A policy's "AI systems covered" lists kinds of systems, not systems."""
    assert read("""# AI policy

### AI Systems Covered

- High-risk AI systems (as defined by EU AI Act Annex III)
- General-purpose AI models
- AI systems procured from third parties
""") == []
