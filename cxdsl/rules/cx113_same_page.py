"""CX113."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..paths import slug_conflicts
from .registry import Finding, RuleContext, WorkspaceRule


class ReservedId(WorkspaceRule):
    """Two ids of one kind that differ only by `.` and `-` (pages and anchors keep letters,
    digits, `-` and `_`), so they would share one page or one anchor on the site.

    **Why**: one page would silently replace the other; the site refuses to write an
    output file twice, so the build would fail. (Ids that are names of pages cxdsl writes,
    such as `index`, are fine: their pages get another name.)

    **Fails**:

    ```yaml
    kind: channel
    id: web.portal
    name: Web portal
    type: digital
    ---
    kind: channel
    id: web-portal
    name: New web portal
    type: digital
    ```

    **Fixed**:

    ```yaml
    kind: channel
    id: web.portal
    name: Web portal
    type: digital
    ---
    kind: channel
    id: new-web-portal
    name: New web portal
    type: digital
    ```
    """

    code = "CX113"
    name = "id.same-page"
    default_severity = Severity.ERROR

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for kind in sorted(ctx.index.by_kind):
            entities = {d.id: d.entity for d in ctx.index.docs(kind)}
            for ident, other in slug_conflicts(kind, entities):
                yield Finding(
                    entities[ident],
                    f"{kind} id '{ident}' would share its page with "
                    f"'{other}' ('.' and '-' are the same in page names)",
                    "choose another id",
                    at=("id",),
                    related=(Finding(entities[other], "the other id", at=("id",)),),
                )
