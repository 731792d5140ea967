"""CX208."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Issue, Severity
from ..model import Instrument, Question
from .registry import EntityRule, Finding, RuleContext
from .survey_languages import (
    asked_in,
    is_named,
    label_span,
    missing_languages,
    missing_title_languages,
    name_languages,
    named_scales,
)


def _hint(languages: list[str] | tuple[str, ...]) -> str:
    return "write it as {" + ", ".join(f"{lang}: ..." for lang in languages) + "}"


class QuestionLanguages(EntityRule[Instrument]):
    """Every survey question, and every label of its answer scale, is written in every
    language the instrument is asked in: its `languages`, by default the workspace's. A
    named answer scale of `cxdsl.yaml` is checked once, where it is declared, in every
    language of the instruments that use it. The instrument's `name` titles the printed
    questionnaire: written as a language mapping, it has every language the instrument is
    asked in too (CX214 reports a workspace language it lacks; a plain string is one name
    for every language).

    **Why**: a survey asked in one language excludes respondents and biases the sample;
    unlike other texts, a question has no acceptable fallback. An instrument may be asked
    in more languages than the site is published in (a pilgrims' survey in Indonesian).

    **Fails** (the workspace publishes `ar` and `en`):

    ```yaml
    kind: instrument
    id: exit-survey
    name: Exit survey
    method: survey
    languages: [ar, en, id]
    questions:
      - id: ease
        text:
          ar: ما مدى سهولة ذلك؟
          en: How easy was it?
    ```

    **Fixed**:

    ```yaml
    kind: instrument
    id: exit-survey
    name: Exit survey
    method: survey
    languages: [ar, en, id]
    questions:
      - id: ease
        text:
          ar: ما مدى سهولة ذلك؟
          en: How easy was it?
          id: Seberapa mudah prosesnya?
    ```
    """

    code = "CX208"
    name = "instrument.question-languages"
    default_severity = Severity.ERROR

    @override
    def check(self, instrument: Instrument, ctx: RuleContext) -> Iterator[Finding]:
        languages = asked_in(instrument, ctx.settings)
        missing = missing_title_languages(instrument, ctx.settings)
        if missing:
            yield Finding(
                instrument,
                f"name of '{instrument.id}' (the questionnaire's title) is missing "
                f"language(s) it is asked in: {', '.join(missing)}",
                _hint(name_languages(instrument, ctx.settings)),
                at=("name",),
            )
        for question in instrument.questions:
            missing = missing_languages(question.text, languages)
            if missing:
                yield Finding(
                    question,
                    f"question '{question.id}' of '{instrument.id}' is "
                    f"missing language(s): {', '.join(missing)}",
                    _hint(languages),
                    at=("text",),
                )
            yield from self._labels(instrument, question, languages, ctx)

    def _labels(
        self, instrument: Instrument, question: Question, languages: list[str], ctx: RuleContext
    ) -> Iterator[Finding]:
        """The labels of a scale written out on the question (a named one is checked once,
        in cxdsl.yaml)."""
        scale = question.response_scale()
        if scale is None or is_named(scale, ctx.settings):
            return
        for value, label in scale.labels.items():
            missing = missing_languages(label, languages)
            if missing:
                yield Finding(
                    question,
                    f"answer label {value} of question '{question.id}' of '{instrument.id}' "
                    f"is missing language(s): {', '.join(missing)}",
                    _hint(languages),
                    at=("scale", "labels", value),
                )

    @override
    def issues(self, ctx: RuleContext) -> Iterator[Issue]:
        yield from super().issues(ctx)
        for named in named_scales(ctx.settings, ctx.index):
            users = ", ".join(named.instruments)
            why = f" (asked in {', '.join(named.languages)} by {users})" if users else ""
            for value, label in named.scale.labels.items():
                missing = missing_languages(label, list(named.languages))
                if missing:
                    span = label_span(ctx.workspace, named.name, value)
                    finding = Finding(
                        span,
                        f"answer label {value} of scale '{named.name}' is missing "
                        f"language(s): {', '.join(missing)}{why}",
                        _hint(named.languages),
                    )
                    yield ctx.issue(self.code, finding)
