"""Both sides of a diff, for naming what changed as a designer would: titles and names.

A change is about ids (``renew``, ``notice-expiry``, ``khalid-home-owner``); a reviewer
reads titles and names. They come from the head when the thing is still there, else from
the base (a removed step is named as it was).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..compiler import CheckResult
from ..i18n import localize
from ..model import Journey, Stage, Step
from .phrases import Part, Parts, quoted

#: A model text as written: one string, or one per language.
Text = str | dict[str, str]


def _label(entity: Any) -> Text | None:
    value = getattr(entity, "title", None) or getattr(entity, "name", None)
    return value if isinstance(value, str | dict) else None


@dataclass(frozen=True)
class DiffView:
    """The base and head of a diff, to look titles up in."""

    base: CheckResult
    head: CheckResult

    @property
    def languages(self) -> list[str]:
        """The head workspace's languages, its first language first."""
        return list(self.head.workspace.settings.languages)

    def entity(self, kind: str, ident: str) -> Any:
        """The entity on the head, else on the base (None when neither has it)."""
        found = self.head.index.entity(kind, ident)
        return found if found is not None else self.base.index.entity(kind, ident)

    def title(self, kind: str, ident: str) -> Text | None:
        """An entity's title or name as written (None when it has none)."""
        return _label(self.entity(kind, ident))

    def journeys(self, ident: str) -> list[Journey]:
        """The head's and the base's versions of a journey (those that exist)."""
        found = [side.index.entity("journey", ident) for side in (self.head, self.base)]
        return [j for j in found if isinstance(j, Journey)]

    def stage(self, journey: str, stage: str | None) -> Stage | None:
        """A journey's stage, on the head, else on the base."""
        for version in self.journeys(journey):
            for candidate in version.stages:
                if candidate.id == stage:
                    return candidate
        return None

    def step(self, journey: str, step: str | None) -> tuple[Stage | None, Step | None]:
        """A journey's step and the stage holding it, on the head, else on the base."""
        for version in self.journeys(journey):
            for stage in version.stages:
                for candidate in stage.steps:
                    if candidate.id == step:
                        return stage, candidate
        return None, None

    def text(self, value: Text | None, lang: str) -> str:
        """A model text in ``lang`` (or the workspace's next language that has it)."""
        return localize(value, lang, self.languages).text

    def persona_name(self, ident: str) -> Text:
        """A persona's name as written, or its id when no side has it."""
        return self.title("persona", ident) or ident


def quoted_text(view: DiffView, value: Any, lang: str) -> Parts:
    """A model text in the comment's language (else the workspace's next language that has
    it), between the quotation marks of ``lang``, marked with the language it is in."""
    text = view.text(value, lang)
    if isinstance(value, dict):
        text_lang = lang if lang in value else next((k for k in view.languages if k in value), None)
    else:
        text_lang = view.languages[0] if view.languages else None
    return quoted((Part("text", text, text_lang),), lang)
