"""CX208."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Instrument
from .registry import Rule, RuleContext, registry


@registry.register
class QuestionLanguages(Rule):
    """Every survey question is written in every workspace language.

    **Why**: a survey asked in one language excludes respondents and biases the sample;
    unlike other texts, a question has no acceptable fallback.
    """

    code = "CX208"
    name = "instrument.question-languages"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        languages = ctx.settings.languages
        for doc in ctx.index.docs("instrument"):
            instrument = doc.entity
            assert isinstance(instrument, Instrument)
            for i, question in enumerate(instrument.questions):
                text = question.text
                have = set(text) if isinstance(text, dict) else set()
                missing = [lang for lang in languages if lang not in have]
                if isinstance(text, str) and len(languages) == 1:
                    continue
                if missing:
                    yield Issue(
                        self.code,
                        f"question '{question.id}' of '{instrument.id}' is "
                        f"missing language(s): {', '.join(missing)}",
                        doc.span_at(("questions", i, "text")),
                        "write it as {" + ", ".join(f"{lang}: ..." for lang in languages) + "}",
                    )
