"""Where a journey's steps lead: what can be reached from the first step, which steps
everyone lives (the main path) and which lie on an excursion off it (a branch some
customers take, a failure path). One answer for CX212, the emotion curve and the maps.

A step leads where its ``transitions`` say or, without them, to the next step. The *main
path* follows the flow everyone takes from the first step: the next step by default, and
transitions of type ``next`` or ``loop``; a step whose transitions are all branches or
failures continues along the branch to the step listed right after it, if there is one.
A step reached only through a ``branch`` or ``failure`` transition lies on an *excursion*:
it leaves the main path at the step that branched, and comes back to the main step its
flow leads to. A failure path comes back only through a transition written on it (a
``loop`` to resubmit); otherwise it ends there (the customer drops out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Journey, Step

#: Transitions that keep the customer on the main path.
MAIN_TYPES = frozenset({"next", "loop"})
ExcursionKind = Literal["branch", "failure"]


def successors(steps: list[Step]) -> dict[str, list[str]]:
    """Where each step leads: its transitions, or by default the next step."""
    out: dict[str, list[str]] = {}
    for i, step in enumerate(steps):
        if step.transitions is not None:
            out[step.id] = [t.to for t in step.transitions]
        else:
            out[step.id] = [steps[i + 1].id] if i + 1 < len(steps) else []
    return out


def _main_successors(steps: list[Step]) -> dict[str, list[str]]:
    """Where each step leads on the main path (see the module's documentation)."""
    out: dict[str, list[str]] = {}
    for i, step in enumerate(steps):
        following = steps[i + 1].id if i + 1 < len(steps) else None
        if step.transitions is None:
            out[step.id] = [following] if following else []
            continue
        main = [t.to for t in step.transitions if t.type in MAIN_TYPES]
        if not main and any(t.to == following and t.type == "branch" for t in step.transitions):
            main = [following] if following else []
        out[step.id] = main
    return out


def _walk(start: list[str], graph: dict[str, list[str]], within: set[str]) -> set[str]:
    """Every id of ``within`` reached from ``start`` (included) along ``graph``."""
    seen = {s for s in start if s in within}
    todo = list(seen)
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt in within and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def reachable(steps: list[Step]) -> set[str]:
    """Ids of the steps reachable from the first one, following every transition."""
    ids = {step.id for step in steps}
    return _walk([steps[0].id], successors(steps), ids) if steps else set()


@dataclass(frozen=True)
class Excursion:
    """A detour off the main path: entered from ``start`` by a branch or a failure."""

    kind: ExcursionKind
    #: The main-path step it leaves from.
    start: str
    #: Its steps, in the journey's order.
    steps: tuple[str, ...]
    #: The main-path step it comes back to; None when it ends (a failure path).
    back: str | None


@dataclass(frozen=True)
class Flow:
    """A journey's main path and its excursions."""

    #: Ids of the steps off the main path, with how they are entered (first seen).
    off_main: dict[str, ExcursionKind]
    excursions: tuple[Excursion, ...]

    def on_main_path(self, step: Step) -> bool:
        """Whether everyone lives ``step`` (also true of a step nothing reaches: CX212)."""
        return step.id not in self.off_main


def journey_flow(journey: Journey) -> Flow:
    """The main path and the excursions of ``journey``."""
    steps = journey.steps()
    if not steps:
        return Flow({}, ())
    ids = {step.id for step in steps}
    every = successors(steps)
    off = reachable(steps) - _walk([steps[0].id], _main_successors(steps), ids)
    order = {step.id: i for i, step in enumerate(steps)}
    off_main: dict[str, ExcursionKind] = {}
    excursions: list[Excursion] = []
    for step in steps:
        if step.id in off:
            continue
        for tr in step.transitions or ():
            if tr.to not in off or tr.type not in ("branch", "failure"):
                continue
            kind: ExcursionKind = "failure" if tr.type == "failure" else "branch"
            members = sorted(_walk([tr.to], every, off), key=order.__getitem__)
            for member in members:
                off_main.setdefault(member, kind)
            excursions.append(
                Excursion(kind, step.id, tuple(members), _way_back(kind, members, steps, off))
            )
    return Flow(off_main, tuple(excursions))


def _way_back(
    kind: ExcursionKind, members: list[str], steps: list[Step], off: set[str]
) -> str | None:
    """The main step an excursion's last step leads back to (a failure path: only through
    a transition written on it)."""
    by_id = {step.id: step for step in steps}
    graph = successors(steps)
    for member in reversed(members):
        step = by_id[member]
        if kind == "failure" and step.transitions is None:
            continue
        back = [to for to in graph[member] if to in by_id and to not in off]
        if back:
            return back[0]
    return None
