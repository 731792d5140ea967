"""The main path and the excursions of a journey (cxdsl.journey_flow), by hand."""

from __future__ import annotations

from typing import Any

from cxdsl.journey_flow import Excursion, journey_flow, reachable
from cxdsl.model import Journey


def journey(*steps: dict[str, Any]) -> Journey:
    return Journey.model_validate(
        {
            "id": "j",
            "title": "J",
            "persona": "p",
            "stages": [{"id": "s", "title": "S", "steps": [{"title": "t", **s} for s in steps]}],
        }
    )


def test_a_journey_without_transitions_is_all_main_path() -> None:
    flow = journey_flow(journey({"id": "a"}, {"id": "b"}, {"id": "c"}))
    assert flow.off_main == {} and flow.excursions == ()


def test_a_failure_path_that_loops_back_is_an_excursion_to_it_and_back() -> None:
    # a -> review -(next)-> approve; review -(failure)-> fix -(loop)-> review
    j = journey(
        {"id": "a"},
        {
            "id": "review",
            "transitions": [{"to": "approve", "type": "next"}, {"to": "fix", "type": "failure"}],
        },
        {"id": "fix", "transitions": [{"to": "review", "type": "loop"}]},
        {"id": "approve"},
    )
    flow = journey_flow(j)
    assert flow.off_main == {"fix": "failure"}
    assert flow.excursions == (Excursion("failure", "review", ("fix",), "review"),)
    steps = {s.id: s for s in j.steps()}
    assert not flow.on_main_path(steps["fix"]) and flow.on_main_path(steps["approve"])


def test_a_failure_path_without_a_way_back_ends() -> None:
    # 'lost' is listed before 'home', so by default it would lead there: a failure path
    # comes back only through a transition written on it.
    j = journey(
        {
            "id": "a",
            "transitions": [{"to": "home", "type": "next"}, {"to": "lost", "type": "failure"}],
        },
        {"id": "lost"},
        {"id": "home"},
    )
    assert journey_flow(j).excursions == (Excursion("failure", "a", ("lost",), None),)


def test_a_branch_comes_back_where_its_flow_leads() -> None:
    # a -(next)-> c, a -(branch)-> b1 -> b2 -> c (by default, the next listed step)
    j = journey(
        {"id": "a", "transitions": [{"to": "c", "type": "next"}, {"to": "b1", "type": "branch"}]},
        {"id": "b1"},
        {"id": "b2"},
        {"id": "c"},
    )
    flow = journey_flow(j)
    assert flow.off_main == {"b1": "branch", "b2": "branch"}
    assert flow.excursions == (Excursion("branch", "a", ("b1", "b2"), "c"),)


def test_branches_only_continue_along_the_step_listed_next() -> None:
    # transitions without a type are branches: the one to the following step is the main one
    j = journey({"id": "a", "transitions": [{"to": "b"}, {"to": "c"}]}, {"id": "b"}, {"id": "c"})
    flow = journey_flow(j)
    assert flow.off_main == {} and flow.excursions == ()  # c follows b by default


def test_an_unreachable_step_is_not_an_excursion() -> None:
    j = journey({"id": "a", "transitions": []}, {"id": "b"})
    assert reachable(j.steps()) == {"a"}
    assert journey_flow(j).off_main == {}
