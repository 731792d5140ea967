"""Matching the items of two versions of a list whose items have no id.

Pain points, opportunities, actions, thoughts, evidence references and measurement entries
carry no id, so the two versions of such a list are matched as a reviewer reads them:

1. items equal on both sides are the same item, at the same position first, then anywhere
   (a moved item is not removed and added);
2. what is left is paired by similarity (the share of equal fields), then by position, so
   an item edited in place, in any of its fields, is *one* changed item;
3. only what is still unpaired was really removed or added.

A single-field edit of one item therefore always yields exactly one pair whose fields
differ, and a permutation yields only pairs of equal items (a move).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: Items that share at least this share of their fields are one item, edited.
SIMILAR_ENOUGH = 0.5


@dataclass(frozen=True)
class ItemMatch:
    """How the two versions of a list without ids relate, by index."""

    #: (before index, after index) of items that are the same item (equal or edited).
    pairs: tuple[tuple[int, int], ...]
    #: Indexes of before items that are gone, and of after items that are new.
    removed: tuple[int, ...]
    added: tuple[int, ...]

    @property
    def reordered(self) -> bool:
        """Whether the paired items stand in another order relative to each other."""
        order = [after for _, after in sorted(self.pairs)]
        return order != sorted(order)


def _key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _leaves(value: Any, prefix: str = "") -> dict[str, str]:
    """Every scalar of ``value`` by its dotted path (a localised text counts per language)."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for k, v in value.items():
            out |= _leaves(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    return {prefix: _key(value)}


def similarity(before: Any, after: Any) -> float:
    """The share of fields (scalars by path) two items have equal: 0 (nothing) to 1."""
    old, new = _leaves(before), _leaves(after)
    keys = old.keys() | new.keys()
    if not keys:
        return 1.0
    return sum(1 for k in keys if old.get(k) == new.get(k)) / len(keys)


def match_items(before: list[Any], after: list[Any]) -> ItemMatch:
    """Pair the items of two versions of a list without ids (see the module's text)."""
    old_keys, new_keys = [_key(i) for i in before], [_key(i) for i in after]
    free_old, free_new = set(range(len(before))), set(range(len(after)))
    pairs: list[tuple[int, int]] = []

    def pair(i: int, j: int) -> None:
        pairs.append((i, j))
        free_old.discard(i)
        free_new.discard(j)

    for i in range(min(len(before), len(after))):  # equal and in place
        if old_keys[i] == new_keys[i]:
            pair(i, i)
    for i in sorted(free_old):  # equal, moved
        j = next((j for j in sorted(free_new) if new_keys[j] == old_keys[i]), None)
        if j is not None:
            pair(i, j)
    candidates = sorted(
        (
            (-similarity(before[i], after[j]), abs(i - j), i, j)
            for i in free_old
            for j in free_new
            if type(before[i]) is type(after[j])
        ),
    )
    for score, _, i, j in candidates:  # edited: alike enough
        if -score >= SIMILAR_ENOUGH and i in free_old and j in free_new:
            pair(i, j)
    for i in sorted(free_old):  # edited beyond recognition, at the same position
        if i in free_new and type(before[i]) is type(after[i]):
            pair(i, i)
    return ItemMatch(tuple(sorted(pairs)), tuple(sorted(free_old)), tuple(sorted(free_new)))


@dataclass(frozen=True)
class FieldChange:
    """One field of a list item without an id that changed: ``severity: high → medium``.

    ``field`` is the item's key (``text``, ``severity``, ``actor``; a dotted path for a
    nested one), "" when the item is a plain value (a text, an evidence id)."""

    field: str
    before: Any = None
    after: Any = None


#: A localised text: language codes to strings (``{ar: ..., en: ...}``).
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def is_localised(value: Any) -> bool:
    """Whether ``value`` is a text in several languages (``{ar: ..., en: ...}``)."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and _LANGUAGE.fullmatch(k) for k in value)
        and all(isinstance(v, str) for v in value.values())
    )


def item_fields(before: Any, after: Any) -> tuple[FieldChange, ...]:
    """The fields of a list item that changed (a localised text is one field)."""
    if not (isinstance(before, dict) and isinstance(after, dict)) or is_localised(before):
        return (FieldChange("", before, after),)
    keys = [*before, *(k for k in after if k not in before)]
    return tuple(
        FieldChange(str(k), before.get(k), after.get(k))
        for k in keys
        if before.get(k) != after.get(k)
    )


#: The category word of an item of each list without ids.
ITEM_WORDS = {
    "pain_points": "pain_point",
    "opportunities": "opportunity",
    "front_stage": "action",
    "back_stage": "action",
    "support": "action",
    "evidence": "evidence",
    "measurement_plan": "measurement",
    "research": "research",
    "thoughts": "thought",
    "physical_evidence": "physical_evidence",
    "components": "component",
    "labels": "option",
}
