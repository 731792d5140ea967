"""One answer per domain question: each function the pages, diagrams, rules and diff share."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import compare_steps, dangling_references, emotion_shift
from cxdsl.model import (
    Action,
    Actor,
    Journey,
    Measurement,
    Persona,
    Segment,
    Stage,
    Step,
    Trigger,
    leaf_segments,
    parent_segments,
)
from cxdsl.render.context import RenderContext
from cxdsl.stats import required_sample, required_sample_size

from .conftest import make_workspace


def _journey(**extra: object) -> Journey:
    return Journey(
        id="j",
        title="J",
        stages=[
            Stage(id="s1", title="S1", steps=[Step(id="a", title="A"), Step(id="b", title="B")]),
            Stage(id="s2", title="S2", steps=[Step(id="c", title="C")]),
        ],
        **extra,
    )


# --- personas: the short label ----------------------------------------------------------


def test_short_label_is_the_short_name_else_the_name() -> None:
    named = Persona(id="p", name={"en": "Noura — café founder"})
    assert named.short_label() == {"en": "Noura — café founder"}  # no guessing from " — "
    short = Persona(id="p", name="Noura — café founder", short_name={"en": "Noura", "ar": "نورة"})
    assert short.short_label() == {"en": "Noura", "ar": "نورة"}


def test_short_name_of_localises_and_falls_back(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "extra.yaml").write_text(
        "kind: persona\nid: huda\nname: {ar: هدى — طالبة, en: Huda — student}\n"
        "short_name: {ar: هدى, en: Huda}\nsegments: []\n",
        encoding="utf-8",
    )
    result = check_workspace(ws)
    settings = result.workspace.settings
    en = RenderContext(result.index, settings, "en")
    ar = RenderContext(result.index, settings, "ar")
    assert en.short_name_of("huda") == "Huda"
    assert ar.short_name_of("huda") == "هدى"
    assert en.short_name_of("nobody") == "nobody"  # an unresolved id shows as written
    assert en.short_name_of(None) == ""


# --- actors and actions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "partner"),
    [("partner", True), ("front_stage", False), ("back_stage", False), ("support", False)],
)
def test_is_partner(kind: str, partner: bool) -> None:
    assert Actor(id="x", name="X", type=kind).is_partner is partner  # type: ignore[arg-type]


def test_actions_are_front_then_back_then_support() -> None:
    step = Step(
        id="s",
        title="S",
        support=[Action(action="4")],
        back_stage=[Action(action="2"), Action(action="3")],
        front_stage=[Action(action="1")],
    )
    assert [a.action for a in step.actions()] == ["1", "2", "3", "4"]
    assert Step(id="e", title="E").actions() == []


# --- measurement coverage and triggers ----------------------------------------------------


def test_measurements_covering_a_step_by_step_or_by_stage() -> None:
    at_step = Measurement(metric="m1", trigger=Trigger(step="b"))
    at_stage = Measurement(metric="m2", trigger=Trigger(stage="s1"))
    nowhere = Measurement(metric="m3")
    elsewhere = Measurement(metric="m4", trigger=Trigger(stage="s2"))
    journey = _journey(measurement_plan=[at_step, at_stage, nowhere, elsewhere])
    a, b, c = journey.steps()
    assert [m.metric for m in journey.measurements_covering(a)] == ["m2"]
    assert [m.metric for m in journey.measurements_covering(b)] == ["m1", "m2"]
    assert [m.metric for m in journey.measurements_covering(c)] == ["m4"]


def test_stage_of_is_by_identity() -> None:
    journey = _journey()
    a, _, c = journey.steps()
    assert journey.stage_of(a) is journey.stages[0]
    assert journey.stage_of(c) is journey.stages[1]
    assert journey.stage_of(Step(id="a", title="A")) is None  # an equal copy is not in it


def test_trigger_target_prefers_the_step() -> None:
    journey = _journey()
    assert journey.trigger_target(Trigger(step="c", stage="s1")) is journey.steps()[2]
    assert journey.trigger_target(Trigger(stage="s2")) is journey.stages[1]
    assert journey.trigger_target(Trigger(step="zz", stage="s1")) is journey.stages[0]
    assert journey.trigger_target(Trigger(step="zz")) is None
    assert journey.trigger_target(None) is None


# --- the customer tree --------------------------------------------------------------------


def test_leaf_segments() -> None:
    tree = [
        Segment(id="people", name="People"),
        Segment(id="citizens", name="Citizens", parent="people"),
        Segment(id="residents", name="Residents", parent="people"),
        Segment(id="orphan", name="Orphan", parent="missing"),
    ]
    assert parent_segments(tree) == {"people", "missing"}
    assert [s.id for s in leaf_segments(tree)] == ["citizens", "residents", "orphan"]
    assert [s.id for s in leaf_segments(iter(tree))] == ["citizens", "residents", "orphan"]


# --- sample size --------------------------------------------------------------------------


def test_required_sample_size_by_hand() -> None:
    # z(90%) = 1.644854; n0 = z² · 0.25 / 0.1² = 67.6386; 67.6386 / (1 + 66.6386/100) = 40.59
    assert required_sample_size(100, 0.90, 0.10) == 41
    # z(99%) = 2.575829; n0 = z² · 0.25 / 0.05² = 663.4897; / (1 + 662.4897/500) = 285.37
    assert required_sample_size(500, 0.99, 0.05) == 286
    # With p = 0.1: n0 = 1.959964² · 0.09 / 0.05² = 138.2925; / (1 + 137.2925/1000) = 121.6
    assert required_sample_size(1000, 0.95, 0.05, proportion=0.1) == 122


def test_required_sample_needs_every_figure() -> None:
    full = Measurement(metric="m", population=100, confidence_level=0.9, margin_of_error=0.1)
    assert required_sample(full) == 41
    assert required_sample(Measurement(metric="m", population=100, confidence_level=0.9)) is None
    assert required_sample(Measurement(metric="m")) is None


# --- comparing two journeys ---------------------------------------------------------------


def test_compare_steps_matches_by_id_across_stages() -> None:
    base = _journey()
    head = Journey(
        id="k",
        title="K",
        stages=[
            Stage(
                id="other",
                title="O",
                steps=[
                    Step(id="c", title="C"),
                    Step(id="new", title="N"),
                    Step(id="a", title="A", channel="portal"),
                ],
            )
        ],
    )
    changes = compare_steps(base, head)
    assert [(c.step, c.op) for c in changes] == [
        ("c", "unchanged"),
        ("new", "added"),
        ("a", "changed"),
        ("b", "removed"),
    ]
    moved = changes[2]
    assert moved.has("step.channel")
    assert [c.path for c in moved.changes] == ["steps[a].channel"]


def test_compare_steps_reports_emotion_moves_per_persona() -> None:
    base = Journey(
        id="j",
        title="J",
        stages=[
            Stage(
                id="s",
                title="S",
                steps=[
                    Step(id="one", title="1", emotion={"p": 0, "q": 1}),
                    Step(id="two", title="2", emotion=-1),
                    Step(id="three", title="3", emotion=1),
                ],
            )
        ],
    )
    head = base.model_copy(deep=True)
    one, two, three = head.steps()
    one.emotion = {"p": 2, "q": 1, "r": 0}
    two.emotion = 1
    three.emotion = {"p": 1}  # a number became a mapping: no move to show
    moves = {
        c.step: [(m.persona, m.before, m.after) for m in c.emotions]
        for c in compare_steps(base, head)
    }
    assert moves == {"one": [("p", 0, 2)], "two": [(None, -1, 1)], "three": []}


def test_emotion_shift_text() -> None:
    assert emotion_shift(1, -1) == "+1 → -1 (-2)"
    assert emotion_shift(0, 2, lambda d: f"**{d}**") == "0 → +2 (**+2**)"  # 0 has no sign


# --- dangling references ------------------------------------------------------------------


def test_dangling_references_count_what_names_nothing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    catalog = ws / "journeys" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.split("---\nkind: metric")[0], encoding="utf-8")  # drop the metric
    result = check_workspace(ws)
    counts = dangling_references(result)
    assert counts[("metric", "csat")] == 1
    unknown = [d for d in result.diagnostics if d.code == "CX109"]
    assert sum(counts[k] for k in counts if k[0] == "metric") == len(unknown)
