"""What every diagram needs: the resolved workspace and one language."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from ..i18n import Localized, clean, count_text, is_rtl, isolate, localize
from ..journey_health import Feeling, emotion_scale, feelings
from ..model import Actor, EmotionScale, Journey, Persona, Settings, Step
from ..resolve import Index
from .text import signed, wrap

FONT_LATIN = "Noto Sans"
FONT_ARABIC = "Noto Sans Arabic"


@dataclass(frozen=True)
class RenderContext:
    """The index to look entities up, the settings, and the language being drawn."""

    index: Index
    settings: Settings
    lang: str

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    @property
    def font(self) -> str:
        return FONT_ARABIC if self.rtl else FONT_LATIN

    def local(self, value: Any) -> Localized:
        return localize(value, self.lang, self.settings.languages)

    def text(self, value: Any) -> str:
        """The text in this language (plain, not isolated)."""
        return self.local(value).text

    def count(self, n: float, noun: str) -> str:
        """A count of ``noun`` in this language («16 خطوة», "1 step"; plain, not isolated)."""
        return count_text(n, noun, self.lang)

    def name_of(self, kind: str, ident: str | None) -> str:
        """An entity's display name; its raw id when it does not resolve."""
        if not ident:
            return ""
        entity = self.index.entity(kind, ident)
        if entity is None:
            return clean(ident)
        value = getattr(entity, "name", None) or getattr(entity, "title", None)
        return self.text(value) or clean(ident)

    def short_name_of(self, persona: str | None) -> str:
        """A persona's short label (``short_name``, else its name); the raw id when it does
        not resolve."""
        entity = self.index.entity("persona", persona) if persona else None
        if isinstance(entity, Persona):
            return self.text(entity.short_label()) or self.name_of("persona", persona)
        return self.name_of("persona", persona)

    def actor(self, ident: str | None) -> Actor | None:
        entity = self.index.entity("actor", ident) if ident else None
        return entity if isinstance(entity, Actor) else None

    def scale(self, journey: Journey) -> EmotionScale:
        """The scale the journey's emotions are written on: asks
        :func:`cxdsl.journey_health.emotion_scale`, as every page does."""
        return emotion_scale(journey, self.settings)

    def emotion_label(self, value: float, scale: EmotionScale) -> str:
        label = scale.labels.get(int(value)) if float(value).is_integer() else None
        word = self.text(label) if label is not None else ""
        return f"{signed(value)} {word}".strip()

    def emotions(self, journey: Journey, step: Step) -> list[Feeling]:
        """(persona id, value) of each persona who feels something at ``step``, in the
        journey's persona order: :func:`cxdsl.journey_health.feelings`, the one answer
        every page and diagram gives (a single value is every persona's who lives the
        step; the persona is None only in a journey that names none)."""
        return feelings(journey, step)

    # -- HTML-like labels (Graphviz) -------------------------------------------------

    def esc(self, text: str) -> str:
        """Escape for a Graphviz HTML-like label, with bidi isolation for RTL.

        Graphviz expands ``\\N``, ``\\G``, ``\\E``… (node, graph, edge names) even in
        HTML-like labels and even when the backslash is written as ``&#92;``; a doubled
        backslash is the only way to show one, so every backslash is doubled.
        """
        return html.escape(isolate(text, self.lang), quote=True).replace("\\", "\\\\")

    def lines(self, text: str, width: int, max_lines: int | None = None) -> str:
        return "<BR/>".join(self.esc(line) for line in wrap(text, width, max_lines))
