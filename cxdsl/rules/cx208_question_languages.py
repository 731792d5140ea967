"""CX208."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Instrument
from .registry import EntityRule, Finding, RuleContext


class QuestionLanguages(EntityRule[Instrument]):
    """Every survey question is written in every workspace language.

    **Why**: a survey asked in one language excludes respondents and biases the sample;
    unlike other texts, a question has no acceptable fallback.

    **Fails** (the workspace publishes `ar` and `en`):

    ```yaml
    kind: instrument
    id: exit-survey
    name: Exit survey
    method: survey
    questions:
      - id: ease
        text:
          en: How easy was it?
    ```

    **Fixed**:

    ```yaml
    kind: instrument
    id: exit-survey
    name: Exit survey
    method: survey
    questions:
      - id: ease
        text:
          ar: ما مدى سهولة ذلك؟
          en: How easy was it?
    ```
    """

    code = "CX208"
    name = "instrument.question-languages"
    default_severity = Severity.ERROR

    @override
    def check(self, instrument: Instrument, ctx: RuleContext) -> Iterator[Finding]:
        languages = ctx.settings.languages
        for question in instrument.questions:
            text = question.text
            have = set(text) if isinstance(text, dict) else set()
            missing = [lang for lang in languages if lang not in have]
            if isinstance(text, str) and len(languages) == 1:
                continue
            if missing:
                yield Finding(
                    question,
                    f"question '{question.id}' of '{instrument.id}' is "
                    f"missing language(s): {', '.join(missing)}",
                    "write it as {" + ", ".join(f"{lang}: ..." for lang in languages) + "}",
                    at=("text",),
                )
