"""CX220."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from typing_extensions import override

from ..diagnostics import Severity
from ..model import Entity
from .registry import Finding, RuleContext, WorkspaceRule


class ScaffoldPlaceholder(WorkspaceRule):
    """A value is still the placeholder `cxdsl new` wrote: a journey's `title` and
    `value_sought`, a persona's `name`, a metric's `name`, `definition` and `target: 0`
    (in any language).

    **Why**: the placeholders make a new file check clean so that it can be filled in;
    left as they are, "New metric — How it is computed, target 0" is published as if it
    were the team's. A real target of 0 on a metric where lower is better (`direction:
    lower_is_better`) is not a placeholder.

    **Fails**:

    ```yaml
    kind: metric
    id: wait-time
    name: {ar: مؤشر جديد, en: New metric}
    type: custom
    definition: {ar: كيف يُحسب, en: How it is computed}
    owner: clerk
    target: 0
    instrument: survey
    ```

    **Fixed**:

    ```yaml
    kind: metric
    id: wait-time
    name: {ar: زمن الانتظار, en: Waiting time}
    type: custom
    definition: {ar: الدقائق من الوصول حتى الخدمة, en: Minutes from arrival to service}
    unit: min
    direction: lower_is_better
    owner: clerk
    target: 15
    instrument: survey
    ```
    """

    code = "CX220"
    name = "scaffold.placeholder"
    default_severity = Severity.WARNING

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        from ..scaffold import PLACEHOLDERS  # the scaffold's own table: they cannot drift

        for kind, fields in PLACEHOLDERS.items():
            for doc in ctx.index.docs(kind):
                for field, placeholder in fields.items():
                    finding = _left(doc.entity, field, placeholder)
                    if finding is not None:
                        yield finding


def _left(entity: Entity, field: str, placeholder: Any) -> Finding | None:
    """The finding when ``entity``'s ``field`` is still ``placeholder``, in some language."""
    value = getattr(entity, field, None)
    owner = f"{entity.kind} '{entity.id}'"
    said = "is still the placeholder cxdsl new wrote"
    hint = f"write the {entity.kind}'s own {field.replace('_', ' ')}"
    if isinstance(placeholder, dict):
        if isinstance(value, str) and value in placeholder.values():
            return Finding(entity, f"{owner}: {field} {said}", hint, (field,))
        if not isinstance(value, dict):
            return None
        left = [lang for lang, text in value.items() if placeholder.get(lang) == text]
        if not left:
            return None
        at = (field, left[0]) if len(left) == 1 and len(value) > 1 else (field,)
        where = f" ({', '.join(left)})" if len(left) < len(value) else ""
        return Finding(entity, f"{owner}: {field}{where} {said}", hint, at)
    if field == "target" and getattr(entity, "direction", None) == "lower_is_better":
        return None  # 0 is a real target where lower is better
    if isinstance(value, int | float) and not isinstance(value, bool) and value == placeholder:
        return Finding(entity, f"{owner}: {field} {value:g} {said}", hint, (field,))
    return None
