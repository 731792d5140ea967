"""Semantic differences between two loaded workspaces, in model terms.

Every entity is compared field by field through its full data (lists of things with an
``id`` are matched by id, so a moved step is "reordered", not removed and added), which
is what guarantees nothing is lost; each difference is then named as a CX designer would:
a step added, an emotion that moved by +2 for a persona, a pain point resolved, a target
changed, a catalog entry whose removal leaves references dangling.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..compiler import CheckResult
from ..model import ACTION_LANES, Entity, Journey, Step
from ..model.kinds import BY_NAME
from ..resolve import references
from .items import ITEM_WORDS, FieldChange, item_fields, match_items

if TYPE_CHECKING:
    from .effort_compare import EffortChange

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
    detail: str = ""  # the raw operation: added, removed, changed, reordered, moved
    #: Where in a journey (ids): the stage, the step, and the persona an emotion is for.
    stage: str | None = None
    step: str | None = None
    persona: str | None = None
    #: A list item without an id that changed in place: each field, before → after.
    fields: tuple[FieldChange, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class WorkspaceDiff:
    """Every change between two workspaces, entity by entity."""

    changes: list[Change] = field(default_factory=list)
    #: Effort as-is → to-be of the to-be journeys the changes touch (theirs or their as-is
    #: journey's): the business case beside the changes, not a change itself.
    effort: list[EffortChange] = field(default_factory=list)


@dataclass(frozen=True)
class EmotionMove:
    """An emotion that moved at one step: for a persona (None: the step's one value)."""

    persona: str | None
    before: float
    after: float


@dataclass(frozen=True)
class StepChange:
    """One step of two versions of a journey, matched by id across stages."""

    step: str
    before: Step | None
    after: Step | None
    changes: tuple[Change, ...] = ()
    emotions: tuple[EmotionMove, ...] = ()
    #: As-is steps this to-be step replaces besides the one with its id (``replaces``);
    #: only an as-is vs to-be comparison (:mod:`.compare`) fills it.
    replaced: tuple[Step, ...] = ()

    @property
    def op(self) -> str:
        """added, removed, changed, unchanged, or replaces (a new step in place of others)."""
        if self.before is None:
            return "replaces" if self.replaced else "added"
        if self.after is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    def has(self, category: str) -> bool:
        return any(c.category == category for c in self.changes)


def emotion_shift(
    before: float, after: float, emphasis: Callable[[str], str] = str, lang: str = "en"
) -> str:
    """How an emotion moved: ``+1 → -1 (-2)``, ``0 → +1 (+1)`` (in Arabic «من +1 إلى -1
    (-2)»: never an arrow that points back in right-to-left text), each value signed by
    :func:`cxdsl.i18n.notation.signed` (0 without a sign), the move passed through
    ``emphasis``."""
    from ..i18n.notation import from_to, signed

    move = from_to(signed(before), signed(after), lang)
    return f"{move} ({emphasis(signed(after - before))})"


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


Raw = list[tuple[str, Path, Any, Any]]


def _walk(before: Any, after: Any, path: Path, out: Raw) -> None:
    """Raw differences: (op, path, before, after) with op added/removed/changed/reordered."""
    if isinstance(before, dict) and isinstance(after, dict):
        _walk_mappings(before, after, path, out)
    elif isinstance(before, list) and isinstance(after, list):
        if _all_have_ids(before) or _all_have_ids(after):
            _walk_identified(before, after, path, out)
        else:
            _walk_unidentified(before, after, path, out)
    elif before != after:
        out.append(("changed", path, before, after))


def _walk_mappings(before: dict[str, Any], after: dict[str, Any], path: Path, out: Raw) -> None:
    for key in [*before, *[k for k in after if k not in before]]:
        if key not in after:
            out.append(("removed", (*path, key), before[key], None))
        elif key not in before:
            out.append(("added", (*path, key), None, after[key]))
        else:
            _walk(before[key], after[key], (*path, key), out)


def _walk_identified(before: list[Any], after: list[Any], path: Path, out: Raw) -> None:
    """Lists of things with ids: matched by id, so a move is a reorder."""
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


def _walk_unidentified(before: list[Any], after: list[Any], path: Path, out: Raw) -> None:
    """Lists without ids (pain points, actions, texts, evidence ids): items matched as
    :func:`.items.match_items` says, so an item edited in any field is one change (at its
    index after the change), and only what is really gone or new is removed or added."""
    match = match_items(before, after)
    for i, j in match.pairs:
        if before[i] != after[j]:
            out.append(("changed", (*path, j), before[i], after[j]))
    out += [("removed", (*path, i), before[i], None) for i in match.removed]
    out += [("added", (*path, j), None, after[j]) for j in match.added]
    if match.reordered and _order_matters(path):
        out.append(("moved", path, before, after))


def _order_matters(path: Path) -> bool:
    """Whether a list's order means something: an action lane is done in that order; the
    order of pain points, ideas, texts or evidence ids carries nothing."""
    names = [p for p in path if isinstance(p, str)]
    return bool(names) and names[-1] in ACTION_LANES


#: The first word of every change category (``metric.removed``, ``pain_point.changed``,
#: ``figure.moved``) and of the attention flags: what ``--fail-on`` may name.
CATEGORY_WORDS = frozenset(
    {
        *BY_NAME,
        *ITEM_WORDS.values(),
        "step",
        "stage",
        "emotion",
        "question",
        "option",
        "figure",
        "dangling",
        "attention",
    }
)


def _categorise(kind: str, op: str, path: Path) -> str:
    names = [p for p in path if isinstance(p, str)]
    last = names[-1] if names else ""
    if kind == "journey":
        return _journey_category(op, path, names)
    if item := _item_category(op, path, names):
        return item
    if kind == "metric" and last in ("target", "baseline", "instrument", "owner"):
        return f"metric.{last}"
    if kind == "instrument" and "questions" in names:
        if len(path) == 2 and isinstance(path[-1], tuple):
            return f"question.{op}"
        return "instrument.questions"
    return f"{kind}.changed"


def _item_category(op: str, path: Path, names: list[str]) -> str | None:
    """``pain_point.changed``, ``action.moved``...: a change to an item of a list without
    ids (or to the order of one), named by what the list holds."""
    if op == "moved" and names:
        word = ITEM_WORDS.get(names[-1])
        return f"{word}.moved" if word else None
    if not (path and isinstance(path[-1], int)) or len(names) < 1:
        return None
    if "labels" in names:
        return f"option.{op}"
    word = ITEM_WORDS.get(names[-1])
    if word is None:
        return None
    if word == "pain_point" and op == "removed":
        return "pain_point.resolved"
    return f"{word}.{op}"


def _journey_category(op: str, path: Path, names: list[str]) -> str:
    last = names[-1] if names else ""
    if path and isinstance(path[-1], tuple):
        what = "step" if "steps" in names else "stage"
        return f"{what}.{op}"
    if op == "reordered":
        return "step.reordered" if last == "steps" else "stage.reordered"
    if "emotion" in names:
        return "emotion.changed"
    if item := _item_category(op, path, names):
        return item
    if last == "channel" and "measurement_plan" not in names:
        return "step.channel"
    if "measurement_plan" in names:
        return "measurement.changed"
    return "journey.changed"


def _where(path: Path) -> dict[str, str | None]:
    """The stage, step and persona (of an emotion) a journey path points into."""
    found: dict[str, str | None] = {"stage": None, "step": None, "persona": None}
    for index, part in enumerate(path):
        previous = path[index - 1] if index else None
        if isinstance(part, tuple) and previous in ("stages", "steps"):
            found["stage" if previous == "stages" else "step"] = str(part[1])
        elif previous == "emotion" and isinstance(part, str):
            found["persona"] = part
    return found


def _change(kind: str, ident: str, op: str, path: Path, before: Any, after: Any) -> Change:
    """One raw difference as a :class:`Change`, named and placed."""
    fields = (
        item_fields(before, after) if op == "changed" and path and isinstance(path[-1], int) else ()
    )
    where = _where(path) if kind == "journey" else {}
    return Change(
        kind,
        ident,
        _categorise(kind, op, path),
        _fmt(path),
        before,
        after,
        op,
        fields=fields,
        **where,
    )


def diff_workspaces(base: CheckResult, head: CheckResult) -> WorkspaceDiff:
    """Every difference between two checked workspaces, named in model terms."""
    result = WorkspaceDiff()
    old = {(d.kind, d.id): d.entity for d in base.workspace.documents}
    new = {(d.kind, d.id): d.entity for d in head.workspace.documents}
    removed = [key for key in old if key not in new]
    added = [key for key in new if key not in old]
    renamed = _renames(old, new, removed, added)
    dangling = dangling_references(head)
    for key, other in renamed.items():
        count = dangling[key]
        result.changes.append(
            Change(
                key[0],
                other[1],
                f"{key[0]}.renamed",
                "id",
                key[1],
                other[1],
                f"{count} references to '{key[1]}' left dangling" if count else "",
            )
        )
        result.changes += _dangling_change(key, count)
        _compare(result, key[0], other[1], _data(old[key]) | {"id": other[1]}, _data(new[other]))
    for key in removed:
        if key in renamed:
            continue
        count = dangling[key]
        detail = f"{count} references left dangling" if count else ""
        label = _label(old[key])
        result.changes.append(Change(key[0], key[1], f"{key[0]}.removed", "", label, None, detail))
        result.changes += _dangling_change(key, count)
    for key in added:
        if key not in renamed.values():
            result.changes.append(
                Change(key[0], key[1], f"{key[0]}.added", "", None, _label(new[key]))
            )
    for key in old:
        if key in new:
            _compare(result, key[0], key[1], _data(old[key]), _data(new[key]))
    if base.results is not None or head.results is not None:
        from .figures import figure_changes

        result.changes += figure_changes(base.results, head.results)
    from .effort_compare import to_be_effort

    touched = {c.entity for c in result.changes if c.kind == "journey" and _moves_effort(c)}
    result.effort = to_be_effort(head, touched)
    return result


Key = tuple[str, str]

#: What can move a to-be journey's effort against its as-is one: a journey or stage or step
#: added or removed, an effort figure, what a step replaces, the scope, the journey it is
#: based on. An emotion or a pain point does not.
_EFFORT_FIELDS = re.compile(r"(^|\.)(effort|replaces|scope|based_on|state)(\.|\[|$)")


def _moves_effort(change: Change) -> bool:
    op = change.category.rsplit(".", 1)[-1]
    if change.category.split(".")[0] in ("journey", "stage", "step") and op in ("added", "removed"):
        return True
    return bool(_EFFORT_FIELDS.search(change.path))


def _renames(
    old: dict[Key, Entity], new: dict[Key, Entity], removed: list[Key], added: list[Key]
) -> dict[Key, Key]:
    """A removed and an added entity of one kind with the same title are a rename."""
    renamed: dict[Key, Key] = {}
    for key in removed:
        for other in added:
            if (
                other[0] == key[0]
                and other not in renamed.values()
                and _label(old[key]) == _label(new[other])
            ):
                renamed[key] = other
                break
    return renamed


def _dangling_change(key: Key, count: int) -> list[Change]:
    if not count:
        return []
    detail = f"{count} references left dangling"
    return [Change(key[0], key[1], "dangling", "", None, count, detail)]


def _compare(
    result: WorkspaceDiff, kind: str, ident: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    raw: Raw = []
    _walk(before, after, (), raw)
    for op, path, old, new in raw:
        if path == ("id",):
            continue
        result.changes.append(_change(kind, ident, op, path, old, new))


def dangling_references(head: CheckResult) -> Counter[Key]:
    """References that name nothing, counted by the (kind, id) they name: the ones the
    resolver reports as unknown (CX102–CX111, which cannot be turned off)."""
    ws, index = head.workspace, head.index
    counts: Counter[Key] = Counter()
    for doc in ws.documents:
        for kind, ident, _ in references(doc.entity):
            key = (kind, ident)
            known = key in ws.broken_ids or key in index.refused  # reported elsewhere
            if not known and index.get(kind, ident) is None:
                counts[key] += 1
    return counts


def compare_steps(base: Journey, head: Journey) -> list[StepChange]:
    """Two versions of a journey step by step, matched by id across stages: ``head``'s
    steps in order, then those only ``base`` has."""
    before = {s.id: s for s in base.steps()}
    after = {s.id: s for s in head.steps()}
    out = []
    for ident in [*after, *(i for i in before if i not in after)]:
        old, new = before.get(ident), after.get(ident)
        if old is None or new is None:
            out.append(StepChange(ident, old, new))
            continue
        prefix: Path = ("steps", ("id", ident))
        raw: Raw = []
        _walk(_step_data(old), _step_data(new), prefix, raw)
        changes = tuple(_change("journey", head.id, op, path, b, a) for op, path, b, a in raw)
        out.append(StepChange(ident, old, new, changes, _emotion_moves(raw, len(prefix))))
    return out


def _step_data(step: Step) -> dict[str, Any]:
    return step.model_dump(mode="json", exclude_none=True)


def _emotion_moves(raw: Raw, depth: int) -> tuple[EmotionMove, ...]:
    """Numeric emotions that changed, per persona where the step gives them per persona."""
    moves = []
    for op, path, before, after in raw:
        inner = path[depth:]
        if op != "changed" or inner[:1] != ("emotion",):
            continue
        if _is_number(before) and _is_number(after):
            moves.append(EmotionMove(inner[1] if len(inner) > 1 else None, before, after))
    return tuple(moves)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
