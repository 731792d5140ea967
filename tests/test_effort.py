"""Effort totals: sums checked by hand; unknown stays unknown; cost per currency."""

from __future__ import annotations

from cxdsl.effort import effort_totals
from cxdsl.model import Effort, Step


def _step(ident: str, **effort: object) -> Step:
    return Step(id=ident, title=ident, effort=Effort.model_validate(effort) if effort else None)


def test_totals_add_each_measure_and_keep_unknown_as_none() -> None:
    steps = [
        _step("a", minutes=10, wait_minutes=120, visits=1, cost=300),
        _step("b", minutes=5.5, wait_minutes=95, walking_metres=800, cost=20, currency="USD"),
        _step("c"),
    ]
    totals = effort_totals(steps, default_currency="SAR")
    assert totals.minutes == 15.5
    assert totals.wait_minutes == 215
    assert totals.total_minutes == 230.5
    assert totals.visits == 1
    assert totals.documents is None
    assert totals.walking_metres == 800
    assert totals.cost == {"SAR": 300, "USD": 20}
    assert totals.steps_with_effort == 2


def test_no_effort_anywhere_is_empty() -> None:
    totals = effort_totals([_step("a")])
    assert totals.empty and totals.total_minutes is None and totals.cost == {}
