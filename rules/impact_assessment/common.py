"""What the impact-assessment rules share: when to judge a document at all."""

from __future__ import annotations

from ..common import inactive, unfilled

TYPES = ("impact-assessment",)


def judged(doc) -> bool:
    """Content rules judge filled-in, active assessments; an unfilled template is one
    finding (IMP001), not a finding per missing part."""
    return not inactive(doc) and unfilled(doc) is None
