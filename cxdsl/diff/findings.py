"""Check findings a change introduced and those it fixed: the head's diagnostics that the
base does not have, and the other way round.

A finding is matched by what it is about, never by where its line is. A rule's finding
has a subject (``journey:renew/stages/0/steps/1/title``), but its list positions shift
when a step is inserted above; so each position of an item with an id is replaced by
the id, read from that side's own workspace (``journey:renew/stages[apply]/steps[pay]/
title``). The findings of the two sides are then paired in four passes, each looser
than the one before and each pairing only what the earlier ones left:

1. code, that id path, and the message (any ``line N`` or ``column N`` in it taken out);
2. code, the path from the innermost item with an id (``journey:renew/steps[pay]/
   pain_points/#/text``: a step moved to another stage, a pain point inserted above),
   and the message with list positions taken out (``stages[#]``, as a schema error
   quotes them);
3. code, the id path, and the message with its numbers taken out (but for those inside
   quotes, which are ids): the same problem, grown or shrunk (``planned sample 150``
   where it was ``100``);
4. code and the id path alone: the same rule on the same thing, whatever its message now
   says (the issue asks for findings matched by code and entity).

A loader's or resolver's finding has no subject: its file stands in for the entity.
Findings are paired one to one, so two identical findings on the head where the base had
one leave one introduced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..compiler import CheckResult
from ..diagnostics import Diagnostic
from ..model import Journey

#: Positions a message may quote (a YAML parser's ``line 3, column 5``).
_POSITION = re.compile(r"\b(line|column|col)\s*[0-9]+", re.IGNORECASE)
#: A list position in a dotted path (``stages[0]``) or a subject (``/0/``).
_INDEX = re.compile(r"\[[0-9]+\]")
#: A quoted id (kept whole) or a number (taken out) of a message.
_QUOTED_OR_NUMBER = re.compile(r"'[^']*'|[0-9]+(?:[.,][0-9]+)*")

_STAGE = re.compile(r"stages\[([^\]]+)\]")
_STEP = re.compile(r"steps\[([^\]]+)\]")
#: The path of a measurement plan entry inside a journey (a finding's subject).
_ENTRY = re.compile(r"measurement_plan/([0-9]+)(?:/|$)")

#: A list position or a whole-number mapping key of a subject (ASCII digits only).
_NUMBER = re.compile(r"-?[0-9]+")

Key = tuple[str, ...]


@dataclass
class FindingChanges:
    """Findings on the head and not on the base (``introduced``) and the other way round
    (``fixed``), each in its side's diagnostic order."""

    introduced: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)


def finding_changes(base: CheckResult, head: CheckResult) -> FindingChanges:
    """The findings ``head`` introduced and those it fixed, matched by code and entity (see
    the module's docstring), never by line or column."""
    base_keys = _keys_of(base)
    head_keys = _keys_of(head)
    paired: set[int] = set()
    left_head = list(range(len(head.diagnostics)))
    for level in range(4):
        pool: dict[Key, list[int]] = {}
        for i in reversed(range(len(base_keys))):  # popped from the end: in order
            key = base_keys[i][level]
            if key is not None and i not in paired:
                pool.setdefault(key, []).append(i)
        unpaired = []
        for j in left_head:
            key = head_keys[j][level]
            candidates = pool.get(key) if key is not None else None
            if candidates:
                paired.add(candidates.pop())
            else:
                unpaired.append(j)
        left_head = unpaired
    return FindingChanges(
        introduced=[head.diagnostics[j] for j in left_head],
        fixed=[d for i, d in enumerate(base.diagnostics) if i not in paired],
    )


def _keys_of(result: CheckResult) -> list[tuple[Key | None, ...]]:
    entities = entities_of(result)
    return [finding_keys(d, entities) for d in result.diagnostics]


def entities_of(result: CheckResult) -> dict[str, BaseModel]:
    """The workspace's entities by ``kind:id`` (the first of a duplicated id)."""
    entities: dict[str, BaseModel] = {}
    for doc in result.workspace.documents:
        entities.setdefault(f"{doc.kind}:{doc.id}", doc.entity)
    return entities


def finding_keys(d: Diagnostic, entities: dict[str, BaseModel]) -> tuple[Key | None, ...]:
    """The keys a finding is matched by, strictest first (see the module's docstring);
    ``entities``: the workspace's entities by ``kind:id``. The last is the code and the
    entity alone: the same rule on the same step is the same finding, even when its
    message now gives another reason (a step that hurt for a high pain and now for its
    emotion is still one unmeasured painful step)."""
    message = _POSITION.sub(r"\1 N", d.message)
    loose = _INDEX.sub("[#]", message)
    if d.subject is None:
        where = d.span.file if d.span else ""
        return ("file", d.code, where, message), ("file", d.code, where, loose), None, None
    about, anchor = stable_subject(d.subject, entities)
    numbers = _QUOTED_OR_NUMBER.sub(lambda m: m.group() if m.group()[0] == "'" else "#", message)
    return (
        ("subject", d.code, about, message),
        ("subject", d.code, anchor, loose),
        ("subject", d.code, about, numbers),
        ("subject", d.code, about),
    )


def stable_subject(subject: str, entities: dict[str, BaseModel]) -> tuple[str, str]:
    """``subject`` with each list position of an item with an id replaced by the id
    (``journey:renew/stages[apply]/steps[pay]/title``), and the same path from the
    innermost item with an id, any other position as ``#`` (``journey:renew/steps[pay]/
    title``). A part the entity does not have is kept as written."""
    head, *parts = subject.split("/")
    node: Any = entities.get(head)
    out = [head]
    innermost = 0
    for part in parts:
        if isinstance(node, list) and is_position(part) and int(part) < len(node):
            node = node[int(part)]
            ident = _id_of(node)
            if ident is not None:
                out[-1] = f"{out[-1]}[{ident}]"
                innermost = len(out) - 1
                continue
            out.append(part)
            continue
        out.append(part)
        node = _child(node, part)
    rest = ["#" if is_position(part) else part for part in out[max(innermost, 1) :]]
    return "/".join(out), "/".join([head, *rest])


def is_position(part: str) -> bool:
    """Whether a part of a subject is a list position (``0``, ``12``)."""
    return part.isascii() and part.isdigit()


def _id_of(node: Any) -> str | None:
    ident = node.get("id") if isinstance(node, dict) else getattr(node, "id", None)
    return ident if isinstance(ident, str) else None


def _child(node: Any, part: str) -> Any:
    if isinstance(node, BaseModel):
        return getattr(node, part, None)
    if isinstance(node, dict):
        if part in node:
            return node[part]
        return node.get(int(part)) if _NUMBER.fullmatch(part) else None
    return None


def by_severity(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` errors first, then warnings, then notes, each in the given order."""
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(diagnostics, key=lambda d: rank.get(d.severity.value, 3))


def finding_place(
    d: Diagnostic, entities: dict[str, BaseModel]
) -> tuple[str, str, str | None, str | None]:
    """The kind, id, stage and step a finding is about (``file`` and its file, when it has
    no subject); a finding on a measurement plan entry is where the entry is triggered.
    ``entities``: :func:`entities_of` the side the finding is on."""
    if d.subject is None:
        return "file", d.span.file if d.span else "", None, None
    about, _ = stable_subject(d.subject, entities)
    head, _, rest = about.partition("/")
    kind, _, ident = head.partition(":")
    entity = entities.get(head)
    entry = _ENTRY.match(rest)
    if isinstance(entity, Journey) and entry and int(entry[1]) < len(entity.measurement_plan):
        trigger = entity.measurement_plan[int(entry[1])].trigger
        if trigger is not None:
            return kind, ident, *trigger_place([entity], trigger.stage, trigger.step)
    return kind, ident, *stage_and_step(about)


def stage_and_step(path: str) -> tuple[str | None, str | None]:
    """The stage and step ids a path names (``stages[apply].steps[pay].title``)."""
    stage, step = _STAGE.search(path), _STEP.search(path)
    return (stage.group(1) if stage else None), (step.group(1) if step else None)


def trigger_place(
    journeys: Sequence[Journey], stage: str | None, step: str | None
) -> tuple[str | None, str | None]:
    """The stage and step a trigger names: when it names only the step, the stage holding
    the step in the first of ``journeys`` that has it."""
    for journey in journeys:
        if stage is not None or step is None:
            break
        found = next((s for s in journey.steps() if s.id == step), None)
        holder = journey.stage_of(found) if found is not None else None
        stage = holder.id if holder is not None else None
    return stage, step
