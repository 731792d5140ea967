"""Semantic differences between two loaded workspaces, in model terms.

Every entity is compared field by field through its full data (lists of things with an
``id`` are matched by id, so a moved step is "reordered", not removed and added), which
is what guarantees nothing is lost; each difference is then named as a CX designer would:
a step added, an emotion that moved by +2 for a persona, a pain point resolved, a target
changed, a catalog entry whose removal leaves references dangling.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from ..compiler import CheckResult
from ..model import Entity

Path = tuple[Any, ...]


@dataclass(frozen=True)
class Change:
    """One difference: where, what kind, before and after."""

    kind: str  # entity kind: journey, persona, metric, ...
    entity: str  # entity id
    category: str  # e.g. step.added, emotion.changed, metric.removed
    path: str  # field path inside the entity, ids in brackets: stages[apply].steps[x]
    before: Any = None
    after: Any = None
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class WorkspaceDiff:
    changes: list[Change] = field(default_factory=list)

    def categories(self) -> set[str]:
        return {c.category for c in self.changes}


def _data(entity: Entity) -> dict[str, Any]:
    return entity.model_dump(mode="json", exclude_none=True)


def _label(entity: Entity) -> Any:
    return getattr(entity, "title", None) or getattr(entity, "name", None)


def _all_have_ids(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items)


def _fmt(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, tuple):  # ("id", value)
            out += f"[{part[1]}]"
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _walk(before: Any, after: Any, path: Path, out: list[tuple[str, Path, Any, Any]]) -> None:
    """Raw differences: (op, path, before, after) with op added/removed/changed/reordered."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *[k for k in after if k not in before]]:
            if key not in after:
                out.append(("removed", (*path, key), before[key], None))
            elif key not in before:
                out.append(("added", (*path, key), None, after[key]))
            else:
                _walk(before[key], after[key], (*path, key), out)
        return
    if isinstance(before, list) and isinstance(after, list):
        if _all_have_ids(before) or _all_have_ids(after):
            if (before and not _all_have_ids(before)) or (after and not _all_have_ids(after)):
                out.append(("changed", path, before, after))
                return
            old = {i["id"]: i for i in before}
            new = {i["id"]: i for i in after}
            for ident, item in old.items():
                if ident not in new:
                    out.append(("removed", (*path, ("id", ident)), item, None))
            for ident, item in new.items():
                if ident not in old:
                    out.append(("added", (*path, ("id", ident)), None, item))
                else:
                    _walk(old[ident], item, (*path, ("id", ident)), out)
            common_old = [i for i in old if i in new]
            common_new = [i for i in new if i in old]
            if common_old != common_new:
                out.append(("reordered", path, common_old, common_new))
            return
        # Lists without ids (texts, actions, measurements): a multiset difference, then
        # position-wise comparison of what remains paired.
        remaining = list(after)
        removed = []
        for item in before:
            if item in remaining:
                remaining.remove(item)
            else:
                removed.append(item)
        # An item edited in place (same text, other fields changed) is a change, not a
        # removal plus an addition.
        for item in list(removed):
            key = _identity(item)
            match = next(
                (new for new in remaining if key is not None and _identity(new) == key), None
            )
            if match is not None:
                removed.remove(item)
                remaining.remove(match)
                _walk(item, match, (*path, "item"), out)
        for item in removed:
            out.append(("removed", (*path, "item"), item, None))
        for item in remaining:
            out.append(("added", (*path, "item"), None, item))
        return
    if before != after:
        out.append(("changed", path, before, after))


def _identity(item: Any) -> Any:
    """What names an item of a list without ids: a pain point's text, an action, a metric."""
    if isinstance(item, dict):
        for key in ("text", "action", "metric"):
            if key in item:
                return key, json.dumps(item[key], sort_keys=True, ensure_ascii=False)
    return None


def _categorise(kind: str, op: str, path: Path, before: Any, after: Any) -> str:
    names = [p for p in path if isinstance(p, str)]
    last = names[-1] if names else ""
    if kind == "journey":
        if path and path[-1] != "item" and isinstance(path[-1], tuple):
            what = "step" if "steps" in names else "stage"
            return f"{what}.{op}"
        if op == "reordered":
            return "step.reordered" if last == "steps" else "stage.reordered"
        if "emotion" in names:
            return "emotion.changed"
        if last == "channel" and "measurement_plan" not in names:
            return "step.channel"
        if last in ("front_stage", "back_stage", "support") or (
            names and names[-1] in ("actor", "system", "action")
        ):
            return "step.actions"
        if "pain_points" in names:
            return {"added": "pain_point.added", "removed": "pain_point.resolved"}.get(
                op, "pain_point.changed"
            )
        if "opportunities" in names:
            return f"opportunity.{op}"
        if "measurement_plan" in names:
            return f"measurement.{op}"
    if kind == "metric" and last in ("target", "baseline", "instrument", "owner"):
        return f"metric.{last}"
    if kind == "instrument" and "questions" in names:
        return "instrument.questions"
    return f"{kind}.changed"


def diff_workspaces(base: CheckResult, head: CheckResult) -> WorkspaceDiff:
    """Every difference between two checked workspaces, named in model terms."""
    result = WorkspaceDiff()
    old = {(d.kind, d.id): d.entity for d in base.workspace.documents}
    new = {(d.kind, d.id): d.entity for d in head.workspace.documents}
    removed = [key for key in old if key not in new]
    added = [key for key in new if key not in old]
    # A removed and an added entity of one kind with the same title are a rename.
    renamed: dict[tuple[str, str], tuple[str, str]] = {}
    for key in removed:
        for other in added:
            if (
                other[0] == key[0]
                and other not in renamed.values()
                and _label(old[key]) == _label(new[other])
            ):
                renamed[key] = other
                break
    for key, other in renamed.items():
        dangling = _dangling(head, key)
        result.changes.append(
            Change(
                key[0],
                other[1],
                f"{key[0]}.renamed",
                "id",
                key[1],
                other[1],
                f"{dangling} references to '{key[1]}' left dangling" if dangling else "",
            )
        )
        if dangling:
            result.changes.append(
                Change(
                    key[0],
                    key[1],
                    "dangling",
                    "",
                    None,
                    dangling,
                    f"{dangling} references left dangling",
                )
            )
        _compare(result, key[0], other[1], _data(old[key]) | {"id": other[1]}, _data(new[other]))
    for key in removed:
        if key in renamed:
            continue
        dangling = _dangling(head, key)
        result.changes.append(
            Change(
                key[0],
                key[1],
                f"{key[0]}.removed",
                "",
                _label(old[key]),
                None,
                f"{dangling} references left dangling" if dangling else "",
            )
        )
        if dangling:
            result.changes.append(
                Change(
                    key[0],
                    key[1],
                    "dangling",
                    "",
                    None,
                    dangling,
                    f"{dangling} references left dangling",
                )
            )
    for key in added:
        if key not in renamed.values():
            result.changes.append(
                Change(key[0], key[1], f"{key[0]}.added", "", None, _label(new[key]))
            )
    for key in old:
        if key in new:
            _compare(result, key[0], key[1], _data(old[key]), _data(new[key]))
    return result


def _compare(
    result: WorkspaceDiff, kind: str, ident: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    raw: list[tuple[str, Path, Any, Any]] = []
    _walk(before, after, (), raw)
    for op, path, old, new in raw:
        if path == ("id",):
            continue
        result.changes.append(
            Change(kind, ident, _categorise(kind, op, path, old, new), _fmt(path), old, new, op)
        )


def _dangling(head: CheckResult, key: tuple[str, str]) -> int:
    kind, ident = key
    return sum(
        1 for d in head.diagnostics if d.name == f"ref.unknown-{kind}" and f"'{ident}'" in d.message
    )
