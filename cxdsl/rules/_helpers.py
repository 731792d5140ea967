"""Helpers shared by rule modules (not a rule itself)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Journey, Stage, Step
from ..model.introspect import Path, text_fields, texts

#: Kept under their former names (``iter_texts`` is ``model.introspect.texts``).
iter_texts = texts
__all__ = ["iter_steps", "iter_texts", "text_fields"]


def iter_steps(journey: Journey) -> Iterator[tuple[Path, Stage, Step]]:
    """(path, stage, step) for every step of a journey, in order."""
    for si, stage in enumerate(journey.stages):
        for ti, step in enumerate(stage.steps):
            yield ("stages", si, "steps", ti), stage, step
