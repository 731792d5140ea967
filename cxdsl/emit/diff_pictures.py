"""The picture of a changed journey in the comment: before and after emotion per step.

Drawn only where the journey exists on both sides and some emotion in its changed stages
is known (:func:`cxdsl.emit.diff_chart.mermaid_journey_change`); a journey only added or
removed has nothing to compare.
"""

from __future__ import annotations

from ..model import Journey
from ..render.context import RenderContext
from .base import DiffOutput


def journey_chart(out: DiffOutput, ident: str, lang: str) -> str:
    """The Mermaid chart of journey ``ident`` before and after, "" when there is none."""
    from .diff_chart import mermaid_journey_change

    if out.base is None:
        return ""
    base = out.base.index.entity("journey", ident)
    head = out.head.index.entity("journey", ident)
    if not (isinstance(base, Journey) and isinstance(head, Journey)):
        return ""
    ctx_base = RenderContext(out.base.index, out.base.workspace.settings, lang)
    ctx = RenderContext(out.head.index, out.head.workspace.settings, lang)
    return mermaid_journey_change(ctx_base, ctx, base, head)
