"""The answers a question offers: every value of its scale, labelled where labels exist."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ResponseScale
from ..model.base import Text

#: More values than this are not listed one by one (a 0–1000 scale is a number field).
MAX_OPTIONS = 101


@dataclass(frozen=True)
class AnswerOption:
    """One value of an answer scale and its label (None where the scale gives none)."""

    value: int
    label: Text | None


def answer_options(scale: ResponseScale) -> list[AnswerOption]:
    """Every value from ``min`` to ``max`` with its label; for a scale too long to list,
    its ends and its labelled values only."""
    if scale.max - scale.min + 1 <= MAX_OPTIONS:
        values = list(range(scale.min, scale.max + 1))
    else:
        values = sorted(
            {scale.min, scale.max, *(v for v in scale.labels if scale.min <= v <= scale.max)}
        )
    return [AnswerOption(v, scale.labels.get(v)) for v in values]


def labelled_ends(scale: ResponseScale) -> list[AnswerOption]:
    """What a summary of a scale shows: its ends and every labelled value, in order (a
    label outside the scale too, so the mistake is seen)."""
    values = sorted({scale.min, scale.max, *scale.labels})
    return [AnswerOption(v, scale.labels.get(v)) for v in values]
