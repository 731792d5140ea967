"""CX227's message on a scale whose bottom is not a whole number, and on one written as a
float that is (a scale built in Python may hold ``-2.0``): the bottom reads as written,
never ``-2.0``."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdsl.loading.workspace import Workspace
from cxdsl.model import EmotionScale, Journey, Settings
from cxdsl.resolve import Index
from cxdsl.rules.cx227_unmeasured_pain import UnmeasuredPain
from cxdsl.rules.registry import RuleContext


def messages(bottom: float) -> list[str]:
    # model_construct: the schema types a scale's bounds as whole numbers, the rule must
    # not depend on it.
    scale = EmotionScale.model_construct(min=bottom, max=2, labels={})
    settings = Settings.model_validate({"name": "w"})
    settings.emotion_scales = {"s": scale}
    settings.default_emotion_scale = "s"
    journey = Journey.model_validate(
        {
            "id": "j",
            "title": "J",
            "persona": "a",
            "stages": [
                {"id": "s1", "title": "S", "steps": [{"id": "x", "title": "X", "emotion": -3}]}
            ],
        }
    )
    ctx = RuleContext(workspace=Workspace(root=Path("."), settings=settings), index=Index())
    return [finding.message for finding in UnmeasuredPain().check(journey, ctx)]


@pytest.mark.parametrize(
    ("bottom", "shown"), [(-2.5, "(-2.5)"), (-2.0, "(-2)"), (-3, "(-3)"), (0.5, "(0.5)")]
)
def test_the_bottom_of_the_scale_reads_as_written(bottom: float, shown: str) -> None:
    assert messages(bottom) == [
        f"step 'x' is at the bottom of the emotion scale {shown} for 'a', "
        "and no measurement covers it"
    ]
