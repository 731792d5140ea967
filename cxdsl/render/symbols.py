"""The symbols diagrams draw with, in one place, so each legend explains the same glyph
the same way: a pain point is ⚠, a high-severity one ⚠⚠, a moment of truth ★, and so on.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import PainPoint

PAIN_MARK = "⚠"
HIGH_PAIN = "⚠⚠"
MOMENT = "★"
BRANCH = "⑂"
FAILURE = "✕"
LOOP = "↺"
CHANNEL = "⌁"
LIVED_BY = "☺"
PERSONA = "☺"
ACTOR = "◉"
PARTNER = "⇄"
SYSTEM = "▣"
EVIDENCE = "▤"
VISIBILITY = "┄┄"
#: Steps off the main path, by how they are reached.
EXCURSIONS = {"branch": BRANCH, "failure": FAILURE}


def pain_mark(pains: Sequence[PainPoint]) -> str:
    """⚠⚠ when one of ``pains`` is of high severity, ⚠ otherwise."""
    return HIGH_PAIN if any(p.severity == "high" for p in pains) else PAIN_MARK
