"""CX113."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Related, Severity
from ..paths import slug_conflicts
from .registry import Rule, RuleContext, registry


@registry.register
class ReservedId(Rule):
    """Two ids of one kind that differ only by `.` and `-` (pages and anchors keep letters,
    digits, `-` and `_`), so they would share one page or one anchor on the site.

    **Why**: one page would silently replace the other; the site refuses to write an
    output file twice, so the build would fail. (Ids that are names of pages cxdsl writes,
    such as `index`, are fine: their pages get another name.)
    """

    code = "CX113"
    name = "id.same-page"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        for kind in sorted(ctx.index.by_kind):
            docs = {d.id: d for d in ctx.index.docs(kind)}
            for ident, other in slug_conflicts(kind, docs):
                yield Issue(
                    self.code,
                    f"{kind} id '{ident}' would share its page with "
                    f"'{other}' ('.' and '-' are the same in page names)",
                    docs[ident].span_at(("id",)),
                    "choose another id",
                    related=(Related(message="the other id", span=docs[other].span_at(("id",))),),
                )
