"""CX214."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ._helpers import iter_texts
from .registry import Rule, RuleContext, registry


@registry.register
class MissingLanguage(Rule):
    """A text written as a language mapping (`{en: ..., ar: ...}`) lacks a workspace language,
    or names a language the workspace does not publish.

    **Why**: the site is published in every workspace language; a missing translation falls
    back to another language with a visible marker. A plain string is one text for every
    language (use it for proper names), so it is not reported.
    """

    code = "CX214"
    name = "text.missing-language"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        languages = ctx.settings.languages
        known = set(languages)
        for doc in ctx.workspace.documents:
            for path, text in iter_texts(doc.entity):
                if isinstance(text, str):
                    continue
                missing = [lang for lang in languages if lang not in text]
                extra = sorted(set(text) - known)
                if missing:
                    yield Issue(
                        self.code,
                        f"text is missing language(s): {', '.join(missing)}",
                        doc.span_at(path),
                    )
                if extra:
                    yield Issue(
                        self.code,
                        f"text in language(s) the workspace does not publish: {', '.join(extra)}",
                        doc.span_at(path),
                        f"workspace languages: {', '.join(languages)}",
                    )
