"""CX224."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Journey, Step
from ..suggest import did_you_mean
from .registry import EntityRule, Finding, RuleContext

_NOT_TO_BE_HINT = (
    "replaces and scope belong to a to-be journey with based_on: <as-is journey id>; "
    "remove them, or make the journey state: to-be with based_on"
)


class ToBeScope(EntityRule[Journey]):
    """A to-be step's `replaces` names steps of the as-is journey (`based_on`), and a to-be
    journey's `scope` names stages it holds; both only on a to-be journey with `based_on`.

    **Why**: the comparison matches a to-be step with the as-is steps it replaces, and
    shows only the stages in `scope` (the others are unchanged). A misspelt id would show a
    replaced step as removed, or a redesigned stage as unchanged: the business case would
    be wrong without a word.

    **Fails**:

    ```yaml
    kind: journey
    id: renew-license-online
    title: Renew a licence online
    persona: sara
    state: to-be
    based_on: renew-license
    scope: [aply]
    stages:
      - id: apply
        title: Apply
        steps:
          - id: apply-online
            title: Apply online
            channel: portal
            replaces: [sign-in, submitt]
    ```

    **Fixed**:

    ```yaml
    kind: journey
    id: renew-license-online
    title: Renew a licence online
    persona: sara
    state: to-be
    based_on: renew-license
    scope: [apply]
    stages:
      - id: apply
        title: Apply
        steps:
          - id: apply-online
            title: Apply online
            channel: portal
            replaces: [sign-in, submit]
    ```
    """

    code = "CX224"
    name = "journey.to-be-scope"
    default_severity = Severity.ERROR

    @override
    def check(self, journey: Journey, ctx: RuleContext) -> Iterator[Finding]:
        if journey.state != "to-be" or not journey.based_on:
            yield from _misplaced(journey)
            return
        stages = [stage.id for stage in journey.stages]
        for number, ident in enumerate(journey.scope or []):
            if ident not in stages:
                yield Finding(
                    journey,
                    f"scope names stage '{ident}', which to-be journey '{journey.id}' "
                    "does not have",
                    did_you_mean(ident, stages)
                    or "scope lists the stages this journey redesigns, and it holds them",
                    at=("scope", number),
                )
        base = ctx.index.entity("journey", journey.based_on)
        if isinstance(base, Journey):  # an unknown based_on is CX111's
            yield from _unknown_replaced(journey, base)


def _misplaced(journey: Journey) -> Iterator[Finding]:
    """``scope`` and ``replaces`` on a journey that is not to-be with ``based_on``."""
    why = "is not a to-be journey" if journey.state != "to-be" else "has no based_on"
    if journey.scope is not None:
        yield Finding(
            journey,
            f"journey '{journey.id}' has scope but {why}",
            _NOT_TO_BE_HINT,
            at=("scope",),
        )
    for step in journey.steps():
        if step.replaces:
            yield Finding(
                step,
                f"step '{step.id}' has replaces but journey '{journey.id}' {why}",
                _NOT_TO_BE_HINT,
                at=("replaces",),
            )


def _unknown_replaced(journey: Journey, base: Journey) -> Iterator[Finding]:
    """Ids in ``replaces`` that name no step of the as-is journey."""
    known = [step.id for step in base.steps()]
    for step in journey.steps():
        yield from _step_replaces(step, base.id, known)


def _step_replaces(step: Step, base: str, known: list[str]) -> Iterator[Finding]:
    for number, ident in enumerate(step.replaces):
        if ident not in known:
            yield Finding(
                step,
                f"step '{step.id}' replaces '{ident}', which as-is journey '{base}' does not have",
                did_you_mean(ident, known) or f"replaces names steps of journey '{base}'",
                at=("replaces", number),
            )
