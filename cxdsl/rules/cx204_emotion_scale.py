"""CX204."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ._helpers import iter_steps
from .registry import Rule, RuleContext, registry


@registry.register
class EmotionInScale(Rule):
    """A step's `emotion` lies within the journey's emotion scale (declared in `cxdsl.yaml`).

    **Why**: emotion curves compare steps and journeys on one scale; a `+3` on a `-2..+2`
    scale is a typo or a different scale, and the curve would lie. Per-persona emotions
    must also name personas of the journey.
    """

    code = "CX204"
    name = "step.emotion-in-scale"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        settings = ctx.settings
        for doc in ctx.index.docs("journey"):
            journey = doc.entity
            assert isinstance(journey, Journey)
            scale_name = journey.emotion_scale or settings.default_emotion_scale or ""
            scale = settings.emotion_scales.get(scale_name)
            if scale is None:
                continue  # reported as CX112
            personas = set(journey.all_personas())
            for path, _stage, step in iter_steps(journey):
                emotion = step.emotion
                values = (
                    emotion.items()
                    if isinstance(emotion, dict)
                    else ([(None, emotion)] if emotion is not None else [])
                )
                for who, value in values:
                    where = (*path, "emotion") if who is None else (*path, "emotion", who)
                    if not scale.contains(value):
                        yield Issue(
                            self.code,
                            f"emotion {value:+d} of step '{step.id}' is "
                            f"outside the scale '{scale_name}' "
                            f"({scale.min:+d}..{scale.max:+d})",
                            doc.span_at(where),
                        )
                    if who is not None and personas and who not in personas:
                        yield Issue(
                            self.code,
                            f"emotion given for persona '{who}', who is "
                            f"not on journey '{journey.id}'",
                            doc.span_at(where),
                            "list them under persona: or personas:",
                        )
