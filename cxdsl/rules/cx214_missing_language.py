"""CX214."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Entity, Instrument, Settings
from ..model.introspect import Path, texts
from .registry import Finding, RuleContext, WorkspaceRule
from .survey_languages import asked_in, is_named, label_span, named_scales


def _survey_languages(entity: Entity, path: Path, settings: Settings) -> list[str] | None:
    """For a question's text or answer label: the languages its instrument is asked in
    (CX208 reports what such a text lacks); an empty list for the labels of a named scale
    (checked once, in cxdsl.yaml); None for every other text."""
    if not isinstance(entity, Instrument) or path[:1] != ("questions",):
        return None
    if len(path) > 2 and path[2] == "scale":
        question = entity.questions[path[1]]
        if is_named(question.response_scale(), settings):
            return []
    return asked_in(entity, settings)


#: Who asks a named answer scale: every instrument that uses it.
USERS = "the surveys using it are"


class MissingLanguage(WorkspaceRule):
    """A text written as a language mapping (`{en: ..., ar: ...}`) lacks a workspace language,
    or names a language the workspace does not publish. A survey question and its answer
    labels are written in the languages their instrument is asked in (CX208 checks them),
    and an instrument's other texts may be too: only a language beyond those and the
    workspace's is reported for them.

    **Why**: the site is published in every workspace language; a missing translation falls
    back to another language with a visible marker. A plain string is one text for every
    language (use it for proper names), so it is not reported.

    **Fails** (the workspace publishes `ar` and `en`):

    ```yaml
    kind: segment
    id: students
    parent: people
    name: {en: Students}
    ```

    **Fixed**:

    ```yaml
    kind: segment
    id: students
    parent: people
    name: {ar: الطلاب, en: Students}
    ```
    """

    code = "CX214"
    name = "text.missing-language"
    default_severity = Severity.WARNING

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        settings = ctx.settings
        languages = settings.languages
        for doc in ctx.workspace.documents:
            for path, text in texts(doc.entity):
                if isinstance(text, str):
                    continue
                survey = _survey_languages(doc.entity, path, settings)
                if survey is None:
                    yield from self._site_text(doc.entity, path, text, languages, settings)
                elif survey and (extra := _extra(text, [*languages, *survey])):
                    yield Finding(doc.entity, *_survey_extra(extra, languages, survey), at=path)
        yield from self._named_scales(ctx)

    def _site_text(
        self,
        entity: Entity,
        path: Path,
        text: dict[str, str],
        languages: list[str],
        settings: Settings,
    ) -> Iterator[Finding]:
        """A text of the site; an instrument's (its name: the questionnaire's title) may
        also be written in the languages the instrument is asked in."""
        missing = [lang for lang in languages if lang not in text]
        if missing:
            yield Finding(entity, f"text is missing language(s): {', '.join(missing)}", at=path)
        survey = asked_in(entity, settings) if isinstance(entity, Instrument) else []
        extra = _extra(text, [*languages, *survey])
        if extra and survey:
            yield Finding(entity, *_survey_extra(extra, languages, survey), at=path)
        elif extra:
            yield Finding(
                entity,
                f"text in language(s) the workspace does not publish: {', '.join(extra)}",
                f"workspace languages: {', '.join(languages)}",
                at=path,
            )

    def _named_scales(self, ctx: RuleContext) -> Iterator[Finding]:
        """The labels of cxdsl.yaml's named answer scales, once each, where declared."""
        languages = ctx.settings.languages
        for named in named_scales(ctx.settings, ctx.index):
            survey = list(named.languages)
            for value, label in named.scale.labels.items():
                if extra := _extra(label, [*languages, *survey]):
                    span = label_span(ctx.workspace, named.name, value)
                    yield Finding(span, *_survey_extra(extra, languages, survey, USERS))


def _extra(text: str | dict[str, str], expected: list[str]) -> list[str]:
    return [] if isinstance(text, str) else sorted(set(text) - set(expected))


def _survey_extra(
    extra: list[str], site: list[str], survey: list[str], who: str = "the survey is"
) -> tuple[str, str]:
    """Message and hint for a survey text in a language neither the site nor the survey has."""
    return (
        f"text in language(s) {who} not asked in: {', '.join(extra)}",
        f"{who} asked in {', '.join(survey)} and the workspace publishes "
        f"{', '.join(site)}; list a language under the instrument's languages: to ask in it",
    )
