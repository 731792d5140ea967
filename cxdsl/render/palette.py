"""Emotion colours and glyphs: a colour-blind-safe diverging palette, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import EmotionScale

#: ColorBrewer RdBu, 5 classes (colour-blind safe): negative red, positive blue.
_FILLS = ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0")
_INKS = ("#ffffff", "#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff")
_GLYPHS = ("▼▼", "▼", "●", "▲", "▲▲")
#: Okabe–Ito: distinct for every common colour-vision deficiency; one per persona.
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
PAIN = "#b2182b"
PARTNER_FILL = "#efe4f7"


@dataclass(frozen=True)
class EmotionStyle:
    fill: str
    ink: str
    glyph: str


def emotion_class(value: float, scale: EmotionScale) -> int:
    """0 (worst) … 4 (best): where ``value`` sits on the scale."""
    mid = (scale.min + scale.max) / 2
    half = max((scale.max - scale.min) / 2, 1e-9)
    t = max(-1.0, min(1.0, (value - mid) / half))
    if t <= -0.6:
        return 0
    if t < -0.2:
        return 1
    if t <= 0.2:
        return 2
    if t < 0.6:
        return 3
    return 4


def emotion_style(value: float, scale: EmotionScale) -> EmotionStyle:
    k = emotion_class(value, scale)
    return EmotionStyle(_FILLS[k], _INKS[k], _GLYPHS[k])
