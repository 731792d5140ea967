"""CX203."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey
from .registry import EntityRule, Finding, RuleContext


class JourneyPersona(EntityRule[Journey]):
    """Every journey names its primary `persona`.

    **Why**: a journey is always someone's journey; emotions, effort and value sought only
    mean something for a given persona.

    **Fails**:

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal}
    ```

    **Fixed**:

    ```yaml
    kind: journey
    id: pay-fine
    title: Pay a fine
    persona: sara
    stages:
      - id: pay
        title: Pay
        steps:
          - {id: pay-online, title: Pay online, channel: portal}
    ```
    """

    code = "CX203"
    name = "journey.persona-required"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        if not journey.persona:
            yield Finding(
                journey, f"journey '{journey.id}' has no persona", "add persona: <persona id>"
            )
