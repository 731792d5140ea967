"""CX113."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Issue, Severity
from ..model import Journey
from ..paths import slug_conflicts
from .registry import Rule, RuleContext, registry


@registry.register
class ReservedId(Rule):
    """An id that would take the page of another entity or of a page cxdsl writes itself:
    `index`, `assets`, `search` or `diagrams` for a persona or a journey, a journey id equal
    to a to-be journey's id plus `-compare` (its comparison page), or two ids of one kind
    that differ only by `.` and `-` (pages and anchors keep letters, digits, `-` and `_`).

    **Why**: one page would silently replace another; the site refuses to write an output
    file twice, so the build would fail.
    """

    code = "CX113"
    name = "id.reserved"
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        compared = [d.id for d in ctx.index.docs("journey")
                    if isinstance(d.entity, Journey) and d.entity.state == "to-be"
                    and d.entity.based_on]
        for kind in sorted(ctx.index.by_kind):
            docs = {d.id: d for d in ctx.index.docs(kind)}
            for ident, why in slug_conflicts(kind, docs, compared):
                yield Issue(self.code, f"{kind} id '{ident}' cannot be used: {why}",
                            docs[ident].span_at(("id",)), "choose another id")
