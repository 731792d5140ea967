"""CX214."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model.introspect import texts
from .registry import Finding, RuleContext, WorkspaceRule


class MissingLanguage(WorkspaceRule):
    """A text written as a language mapping (`{en: ..., ar: ...}`) lacks a workspace language,
    or names a language the workspace does not publish.

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
        languages = ctx.settings.languages
        known = set(languages)
        for doc in ctx.workspace.documents:
            for path, text in texts(doc.entity):
                if isinstance(text, str):
                    continue
                missing = [lang for lang in languages if lang not in text]
                extra = sorted(set(text) - known)
                if missing:
                    yield Finding(
                        doc.entity, f"text is missing language(s): {', '.join(missing)}", at=path
                    )
                if extra:
                    yield Finding(
                        doc.entity,
                        f"text in language(s) the workspace does not publish: {', '.join(extra)}",
                        f"workspace languages: {', '.join(languages)}",
                        at=path,
                    )
