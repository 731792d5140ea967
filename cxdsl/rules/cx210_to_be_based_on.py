"""CX210."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class ToBeBasedOn(EntityRule[Journey]):
    """A to-be journey names, with `based_on`, the as-is journey it improves; only to-be
    journeys do, and what they name is an as-is journey.

    **Why**: a target state is judged against the current one (step changes, emotion curves
    side by side); without the link the improvement cannot be shown.

    **Fails**:

    ```yaml
    kind: journey
    id: renew-license-online
    title: Renew a licence online
    persona: sara
    state: to-be
    stages:
      - id: apply
        title: Apply
        steps:
          - {id: apply-online, title: Apply online, channel: portal}
    ```

    **Fixed**:

    ```yaml
    kind: journey
    id: renew-license-online
    title: Renew a licence online
    persona: sara
    state: to-be
    based_on: renew-license
    stages:
      - id: apply
        title: Apply
        steps:
          - {id: apply-online, title: Apply online, channel: portal}
    ```
    """

    code = "CX210"
    name = "journey.to-be-based-on"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        if journey.state == "to-be" and not journey.based_on:
            yield Finding(
                journey,
                f"to-be journey '{journey.id}' does not name the as-is journey it improves",
                "add based_on: <as-is journey id>",
                at=("state",),
            )
        if journey.based_on is None:
            return
        if journey.state == "as-is":
            yield Finding(
                journey,
                f"as-is journey '{journey.id}' has based_on; only to-be "
                "journeys improve on another",
                at=("based_on",),
            )
            return
        base = ctx.index.entity("journey", journey.based_on)
        if isinstance(base, Journey) and base.state != "as-is":
            yield Finding(
                journey,
                f"'{journey.id}' is based on '{base.id}', which is not an as-is journey",
                at=("based_on",),
            )
