"""Which languages a survey's texts are written in: the instrument's own ``languages`` (by
default the workspace's), and for a named answer scale of ``cxdsl.yaml`` the languages of
every instrument that uses it; an instrument's name (the questionnaire's title) in both.
Shared by CX208 (what is missing), CX214 (what is extra) and ``cxdsl export``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..diagnostics import Span
from ..loading import Workspace
from ..loading.files import SETTINGS_FILE
from ..loading.locate import node_at
from ..loading.yamlsafe import mark_span
from ..model import Instrument, ResponseScale, Settings
from ..model.base import Text
from ..resolve import Index


def asked_in(instrument: Instrument, settings: Settings) -> list[str]:
    """The languages ``instrument`` is asked in: its ``languages``, else the workspace's."""
    return list(instrument.languages) or list(settings.languages)


def missing_languages(text: Text, languages: list[str]) -> list[str]:
    """The languages of ``languages`` a survey text lacks. A plain string is one text for
    one language: enough only when the survey is asked in a single language."""
    if isinstance(text, str):
        return [] if len(languages) == 1 else list(languages)
    return [lang for lang in languages if lang not in text]


def scale_name(scale: ResponseScale | None, settings: Settings) -> str | None:
    """The name (``agree5``) of ``scale`` when it is one of ``cxdsl.yaml``'s named answer
    scales, put in place of its id by the resolver (the very object); else None."""
    if scale is None:
        return None
    return next((name for name, s in settings.answer_scales.items() if s is scale), None)


def is_named(scale: ResponseScale | None, settings: Settings) -> bool:
    """Whether ``scale`` is a named answer scale (its labels are checked once, there)."""
    return scale_name(scale, settings) is not None


def _ordered(groups: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for group in groups:
        out += [lang for lang in group if lang not in out]
    return out


def name_languages(instrument: Instrument, settings: Settings) -> list[str]:
    """The languages an instrument's ``name`` is written in: the workspace's (it titles the
    instrument on the site) and every language it is asked in (it titles the questionnaire)."""
    return _ordered([list(settings.languages), asked_in(instrument, settings)])


def missing_title_languages(instrument: Instrument, settings: Settings) -> list[str]:
    """The languages ``instrument`` is asked in, beyond the workspace's, that its ``name``
    lacks: a questionnaire in one of them would have no title (CX214 reports a workspace
    language the name lacks). A plain string is one name for every language."""
    name = instrument.name
    if isinstance(name, str):
        return []
    asked = asked_in(instrument, settings)
    return [lang for lang in asked if lang not in settings.languages and lang not in name]


@dataclass(frozen=True)
class NamedScale:
    """A named answer scale of ``cxdsl.yaml`` and who asks it."""

    name: str
    scale: ResponseScale
    #: Ids of the instruments that use it, in the order of the index.
    instruments: tuple[str, ...]
    #: Every language those instruments are asked in (the workspace's when none uses it).
    languages: tuple[str, ...]


def named_scales(settings: Settings, index: Index) -> Iterator[NamedScale]:
    """Every named answer scale with the instruments that use it and their languages."""
    for name, scale in settings.answer_scales.items():
        users = [
            instrument
            for instrument, _ in index.entities(Instrument)
            if any(q.response_scale() is scale for q in instrument.questions)
        ]
        groups = [asked_in(i, settings) for i in users] or [list(settings.languages)]
        yield NamedScale(name, scale, tuple(i.id for i in users), tuple(_ordered(groups)))


def label_span(workspace: Workspace, name: str, value: int) -> Span:
    """Where label ``value`` of the named answer scale ``name`` is written in cxdsl.yaml."""
    if workspace.settings_root is None:
        return Span(file=SETTINGS_FILE)
    node, _ = node_at(workspace.settings_root, ("answer_scales", name, "labels", value))
    return mark_span(SETTINGS_FILE, node)
