"""CX204."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class EmotionInScale(EntityRule[Journey]):
    """A step's `emotion`, `expected_score` and `perceived_score` lie within the journey's
    emotion scale (declared in `cxdsl.yaml`).

    **Why**: emotion curves compare steps and journeys on one scale; a `+3` on a `-2..+2`
    scale is a typo or a different scale, and the curve would lie. The expected-vs-perceived
    gap is read on the same scale. Per-persona emotions must also name personas of the
    journey.

    **Fails** (on a `-2..+2` scale):

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, emotion: 3}
    ```

    **Fixed**:

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal, emotion: 2}
    ```
    """

    code = "CX204"
    name = "step.emotion-in-scale"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        settings = ctx.settings
        scale_name = journey.emotion_scale or settings.default_emotion_scale or ""
        scale = settings.emotion_scales.get(scale_name)
        if scale is None:
            return  # reported as CX112
        personas = set(journey.all_personas())
        for step in journey.steps():
            for field in ("expected_score", "perceived_score"):
                score = getattr(step, field)
                if score is not None and not scale.contains(score):
                    yield Finding(
                        step,
                        f"{field} {score:g} of step '{step.id}' is outside the scale "
                        f"'{scale_name}' ({scale.min:+d}..{scale.max:+d})",
                        "expected and perceived scores are read on the journey's emotion scale",
                        at=(field,),
                    )
            emotion = step.emotion
            values = (
                emotion.items()
                if isinstance(emotion, dict)
                else ([(None, emotion)] if emotion is not None else [])
            )
            for who, value in values:
                at = ("emotion",) if who is None else ("emotion", who)
                if not scale.contains(value):
                    yield Finding(
                        step,
                        f"emotion {value:+d} of step '{step.id}' is "
                        f"outside the scale '{scale_name}' "
                        f"({scale.min:+d}..{scale.max:+d})",
                        at=at,
                    )
                if who is not None and personas and who not in personas:
                    yield Finding(
                        step,
                        f"emotion given for persona '{who}', who is not on journey '{journey.id}'",
                        "list them under persona: or personas:",
                        at=at,
                    )
