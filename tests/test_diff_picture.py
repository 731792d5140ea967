"""The picture of a journey's change: which steps it draws, each persona's emotion before
and after, the Mermaid ``xychart-beta`` of the pull-request comment and the SVG of the
preview site.

Snapshots: ``CXDSL_UPDATE_SNAPSHOTS=1 pytest tests/test_diff_picture.py`` rewrites them
(review the diff).
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl.diff.picture import Series, change_window, emotion_series, merge_in_place
from cxdsl.emit.diff_chart import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    joined_across,
    label,
    label_limit,
    mermaid_change_chart,
    mermaid_journey_change,
)
from cxdsl.i18n import LRI, PDI, RLI, strip_isolates
from cxdsl.loading.document import Document
from cxdsl.model import Journey, Persona, Settings, Stage, Step
from cxdsl.render.change_curve import change_curve_svg
from cxdsl.render.context import RenderContext
from cxdsl.resolve import Index

SNAPSHOTS = Path(__file__).parent / "snapshots" / "diff-picture"
SVG = "{http://www.w3.org/2000/svg}"
Steps = list[tuple[str, int | dict[str, int] | None]]


def context(lang: str = "en", **names: str) -> RenderContext:
    """A workspace of Arabic and English with the personas ``names`` (id → name)."""
    docs = {
        ident: Document(f"personas/{ident}.yaml", Persona(id=ident, name={"en": name, "ar": name}))
        for ident, name in names.items()
    }
    return RenderContext(Index({"persona": docs}), Settings(languages=["ar", "en"]), lang)


def journey(stages: dict[str, Steps], personas: tuple[str, ...] = ("sara",)) -> Journey:
    """A journey of the given stages of (step id, emotion), titled by their ids."""
    return Journey(
        id="renew",
        title={"en": "Renew a licence", "ar": "تجديد الرخصة"},
        persona=personas[0] if personas else None,
        personas=list(personas[1:]),
        stages=[
            Stage(
                id=stage,
                title={"en": stage.upper(), "ar": f"مرحلة {stage}"},
                steps=[
                    Step(id=ident, title={"en": ident.title(), "ar": f"خطوة {ident}"}, emotion=e)
                    for ident, e in steps
                ],
            )
            for stage, steps in stages.items()
        ],
    )


FIVE: dict[str, Steps] = {
    "a": [("a1", 0)],
    "b": [("b1", 1)],
    "c": [("c1", 0), ("c2", -1), ("c3", 1)],
    "d": [("d1", 2)],
    "x": [("x1", -2)],
    "e": [("e1", 1)],
}


def edited(stages: dict[str, Steps], **changes: Steps) -> dict[str, Steps]:
    """``stages`` with some replaced (an empty list of steps removes the stage)."""
    out = {**stages, **changes}
    return {stage: steps for stage, steps in out.items() if stage not in changes or steps}


def window_of(base: Journey, head: Journey) -> list[tuple[str, str, str]]:
    return [(w.stage.id, w.step.id, w.op) for w in change_window(base, head)]


# --- the window ---------------------------------------------------------------------------


def test_a_changed_stage_and_its_neighbours_with_a_removed_step_at_its_place() -> None:
    base = journey(FIVE)
    head = journey(edited(FIVE, c=[("c1", 0), ("c3", -2)]))
    assert window_of(base, head) == [
        ("b", "b1", "unchanged"),
        ("c", "c1", "unchanged"),
        ("c", "c2", "removed"),  # where it was: after c1
        ("c", "c3", "changed"),
        ("d", "d1", "unchanged"),
    ]


def test_a_removed_stage_is_kept_at_its_place_with_its_neighbours() -> None:
    base = journey(FIVE)
    head = journey(edited(FIVE, x=[]))
    assert window_of(base, head) == [
        ("d", "d1", "unchanged"),
        ("x", "x1", "removed"),
        ("e", "e1", "unchanged"),
    ]


def test_an_added_first_step_and_a_step_moved_across_stages() -> None:
    base = journey(FIVE)
    moved = edited(FIVE, a=[("new", 2), ("a1", 0)], d=[("d1", 2), ("b1", 1)], b=[])
    # b lost its only step to d: the stage is gone, b1 is in d now (not "removed").
    assert window_of(base, journey(moved)) == [
        ("a", "new", "added"),
        ("a", "a1", "unchanged"),
        ("c", "c1", "unchanged"),
        ("c", "c2", "unchanged"),
        ("c", "c3", "unchanged"),
        ("d", "d1", "unchanged"),
        ("d", "b1", "unchanged"),
        ("x", "x1", "unchanged"),
    ]


def test_a_stage_whose_own_title_changed_is_a_changed_stage() -> None:
    base = journey(FIVE)
    head = base.model_copy(deep=True)
    head.stages[0].title = {"en": "Start", "ar": "البداية"}
    assert window_of(base, head) == [("a", "a1", "unchanged"), ("b", "b1", "unchanged")]


def test_no_changed_stage_no_window() -> None:
    base = journey(FIVE)
    head = base.model_copy(update={"title": {"en": "Other", "ar": "أخرى"}}, deep=True)
    assert change_window(base, head) == []
    assert mermaid_journey_change(context(), context(), base, head) == ""


def test_merge_in_place_puts_missing_items_after_their_predecessor() -> None:
    keep_all: Callable[[str], bool] = lambda _: True  # noqa: E731
    assert merge_in_place(["b", "d"], ["a", "b", "c", "d", "e"], keep_all) == list("abcde")
    assert merge_in_place(["d", "b"], ["a", "b", "c"], keep_all) == ["a", "d", "b", "c"]
    assert merge_in_place(["b"], ["a", "b"], lambda i: i != "a") == ["b"]


# --- the series ---------------------------------------------------------------------------


def test_series_per_persona_by_hand() -> None:
    base = journey(
        {"s": [("one", {"sara": 1, "omar": -1}), ("two", 0), ("gone", 2)]}, ("sara", "omar")
    )
    head = journey(
        {"s": [("one", {"sara": -2, "omar": -1}), ("new", {"sara": 2}), ("two", None)]},
        ("sara", "omar"),
    )
    head.stages[0].steps[1].personas = ["sara"]  # omar does not live the new step
    window = change_window(base, head)
    assert [w.step.id for w in window] == ["one", "new", "two", "gone"]
    ctx = context(sara="Sara", omar="Omar")
    assert emotion_series(ctx, ctx, base, head, window) == [
        Series("sara", (1, None, 0, 2), (-2, 2, None, None)),
        Series("omar", (-1, None, 0, 2), (-1, None, None, None)),
    ]


def test_a_journey_without_personas_has_one_series() -> None:
    base = journey({"s": [("one", 1), ("two", 0)]}, ())
    head = journey({"s": [("one", 2), ("two", 0)]}, ())
    ctx = context()
    window = change_window(base, head)
    assert emotion_series(ctx, ctx, base, head, window) == [Series(None, (1, 0), (2, 0))]


def test_a_persona_with_no_value_in_the_window_has_no_series() -> None:
    base = journey({"s": [("one", {"sara": 1})]}, ("sara", "omar"))
    head = journey({"s": [("one", {"sara": 2})]}, ("sara", "omar"))
    ctx = context()
    window = change_window(base, head)
    assert [s.persona for s in emotion_series(ctx, ctx, base, head, window)] == ["sara"]


def test_gaps_are_joined_across_and_ends_take_the_nearest_value() -> None:
    assert joined_across([None, 1, None, None, -2, None]) == [1, 1, 0, -1, -2, -2]
    assert joined_across([3]) == [3]


# --- Mermaid ------------------------------------------------------------------------------

SMALL_BASE: dict[str, Steps] = {"apply": [("sign-in", 0), ("pay", -1), ("submit", 1)]}
SMALL_HEAD: dict[str, Steps] = {"apply": [("sign-in", -1), ("check", 2), ("submit", 1)]}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_mermaid_snapshot(lang: str, snapshot: Callable[[Path, str], None]) -> None:
    base, head = journey(SMALL_BASE), journey(SMALL_HEAD)
    ctx = context(lang, sara={"en": "Sara", "ar": "سارة"}[lang])
    text = mermaid_journey_change(ctx, ctx, base, head)
    snapshot(SNAPSHOTS / f"change-chart.{lang}.md", text + "\n")


def test_mermaid_values_and_marks_by_hand() -> None:
    base, head = journey(SMALL_BASE), journey(SMALL_HEAD)
    ctx = context(sara="Sara")
    text = mermaid_journey_change(ctx, ctx, base, head)
    block = parse_block(text.split("\n\n")[0])
    assert block.title == "Renew a licence · Sara"
    # The removed step where it was (right after sign-in), then the new one.
    assert block.x == ["Sign-In", "Pay (removed)", "Check (new)", "Submit"]
    assert block.y == ("Emotion", "-2", "2")
    # Before: 0, -1, (none at the new step: halfway from -1 to 1) 0, 1.
    # After: -1, (none at the removed step: halfway from -1 to 2) 0.5, 2, 1.
    assert block.lines == [("before", "0, -1, 0, 1"), ("after", "-1, 0.5, 2, 1")]
    assert block.palette == f"{BEFORE_COLOUR}, {AFTER_COLOUR}"
    note = text.split("\n\n")[-1]
    assert note.startswith("Grey line: emotion before this change; blue line: after it.")
    assert "straight across" in note and "right to left" not in note


def test_arabic_runs_right_to_left_with_isolated_labels() -> None:
    base, head = journey(SMALL_BASE), journey(SMALL_HEAD)
    ctx = context("ar", sara="سارة")
    text = mermaid_journey_change(ctx, ctx, base, head)
    block = parse_block(text.split("\n\n")[0])
    assert block.x == [
        f"{RLI}خطوة {LRI}submit{PDI}{PDI}",
        f"{RLI}خطوة {LRI}check{PDI} (جديدة){PDI}",
        f"{RLI}خطوة {LRI}pay{PDI} (محذوفة){PDI}",
        f"{RLI}خطوة {LRI}sign-in{PDI}{PDI}",
    ]
    assert block.title == f"{RLI}تجديد الرخصة · سارة{PDI}"
    assert block.lines == [
        (f"{RLI}قبل{PDI}", "1, 0, -1, 0"),
        (f"{RLI}بعد{PDI}", "1, 2, 0.5, -1"),
    ]
    assert "تُقرأ الخطوات من اليمين إلى اليسار" in text.split("\n\n")[-1]


def test_a_persona_new_to_the_journey_has_only_the_after_line_in_its_colour() -> None:
    base = journey({"s": [("one", {"sara": 1})]}, ("sara",))
    head = journey({"s": [("one", {"sara": 0, "omar": 2})]}, ("sara", "omar"))
    ctx = context(sara="Sara", omar="Omar")
    window = change_window(base, head)
    text = mermaid_change_chart(ctx, head, window, emotion_series(ctx, ctx, base, head, window))
    omar = parse_block(text.split("\n\n")[1])
    assert omar.palette == AFTER_COLOUR
    assert omar.lines == [("after", "2")]
    assert omar.x == ["One (none before)"]


def test_a_persona_who_feels_the_same_everywhere_gets_no_chart() -> None:
    base = journey({"s": [("one", {"sara": 1, "omar": 0}), ("two", 0)]}, ("sara", "omar"))
    head = journey({"s": [("one", {"sara": 2, "omar": 0}), ("two", 0)]}, ("sara", "omar"))
    ctx = context(sara="Sara", omar="Omar")
    window = change_window(base, head)
    series = emotion_series(ctx, ctx, base, head, window)
    assert [(s.persona, s.moved) for s in series] == [("sara", True), ("omar", False)]
    blocks = mermaid_change_chart(ctx, head, window, series).split("\n\n")
    assert len(blocks) == 2 and parse_block(blocks[0]).title == "Renew a licence · Sara"
    head.stages[0].steps[0].emotion = {"sara": 1, "omar": 0}
    head.stages[0].title = "Renamed"  # a changed stage, but no emotion moved: no picture
    window = change_window(base, head)
    assert (
        mermaid_change_chart(ctx, head, window, emotion_series(ctx, ctx, base, head, window)) == ""
    )


def test_fewer_steps_leave_longer_labels() -> None:
    assert [label_limit(n) for n in (0, 1, 2, 3, 5, 7, 20)] == [32, 32, 32, 28, 16, 12, 12]


def test_equal_step_titles_stay_apart() -> None:
    base = journey({"s": [("a", 0), ("b", 0)]})
    head = journey({"s": [("a", 1), ("b", 1)]})
    for step in (*base.steps(), *head.steps()):
        step.title = "Wait"
    ctx = context()
    block = parse_block(mermaid_journey_change(ctx, ctx, base, head).split("\n\n")[0])
    assert block.x == ["Wait", "Wait (2)"]


#: Every line of a block, in order: the fence, the fixed front matter, the statements.
_STR = r'"([^"\n]*)"'
_NUM = r"-?\d+(?:\.\d+)?"
_FIXED = ["```mermaid", "---", "config:", "  themeVariables:", "    xyChart:"]


class Block(NamedTuple):
    """The statements of one chart."""

    palette: str
    title: str
    x: list[str]
    y: tuple[str, ...]
    lines: list[tuple[str, str]]


def parse_block(block: str) -> Block:
    """The statements of one chart, asserting that the block holds exactly them."""
    lines = block.split("\n")
    assert lines[:5] == _FIXED and lines[6:8] == ["---", "xychart-beta"] and lines[-1] == "```"
    palette = re.fullmatch(
        r'      plotColorPalette: "(#[0-9a-fA-F]{6}(?:, #[0-9a-fA-F]{6})?)"', lines[5]
    )
    title = re.fullmatch(rf"  title {_STR}", lines[8])
    x_axis = re.fullmatch(rf"  x-axis \[({_STR}(?:, {_STR})*)\]", lines[9])
    y_axis = re.fullmatch(rf"  y-axis {_STR} ({_NUM}) --> ({_NUM})", lines[10])
    assert palette and title and x_axis and y_axis, lines
    categories = re.findall(_STR, x_axis.group(1))
    assert ", ".join(f'"{c}"' for c in categories) == x_axis.group(1)
    series = []
    for text in lines[11:-1]:
        plot = re.fullmatch(rf"  line {_STR} \[({_NUM}(?:, {_NUM})*)\]", text)
        assert plot, text
        assert len(plot.group(2).split(", ")) == len(categories)
        series.append((plot.group(1), plot.group(2)))
    assert 1 <= len(series) == len(palette.group(1).split(", "))
    return Block(palette.group(1), title.group(1), categories, y_axis.groups(), series)


def _inert(text: str) -> bool:
    """A quoted text that can mean nothing to Mermaid or Markdown."""
    return not any(
        ch in '"[],%#;:<>&`{}\\\n\r' or unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        for ch in strip_isolates(text)
    )


#: Any text, rich in what means something to Mermaid, Markdown or HTML.
_SYNTAX = ['"', "]", "[", ",", "%%", "%%{init: {}}%%", "#", ";", ":", "\n", "\r", "`", "```"]
_SYNTAX += ["<script>", "&lt;", "{", "}", "\\", "\u2028", "\u202e", "click", "title ", "---"]
hostile = st.lists(st.one_of(st.sampled_from(_SYNTAX), st.text(max_size=4)), max_size=10).map(
    "".join
)


@settings(max_examples=150, deadline=None)
@given(hostile, hostile, hostile, hostile)
def test_any_title_yields_exactly_the_expected_statements(
    journey_title: str, persona_name: str, step_title: str, stage_title: str
) -> None:
    base = journey({"s": [("one", 0), ("two", 1)]})
    head = base.model_copy(deep=True)
    head.title = journey_title
    head.stages[0].title = stage_title
    head.stages[0].steps[0].title = step_title
    head.stages[0].steps[0].emotion = -2
    base.stages[0].steps[0].title = step_title
    for lang in ("en", "ar"):
        ctx = context(lang, sara=persona_name)
        text = mermaid_journey_change(ctx, ctx, base, head)
        block, note = text.split("\n\n")
        parsed = parse_block(block)
        assert len(parsed.x) == 2
        texts = [parsed.title, *parsed.x, *(n for n, _ in parsed.lines)]
        assert all(_inert(t) for t in texts), texts
        assert "%%" not in text and "\n" not in note and "<" not in note.replace("<!-- -->", "")
        assert all(len(strip_isolates(x)) <= label_limit(2) + len(" (2)") for x in parsed.x)


def test_label_caps_length_and_keeps_no_syntax() -> None:
    assert label('a "b", [c] %%{init}%% #x; <i>', 40) == "a b c init x i"
    assert label("x" * 30) == "x" * 23 + "…"
    assert label("\n\u2028 ") == "-"


# --- SVG ----------------------------------------------------------------------------------


def test_svg_escapes_a_script_title_and_draws_both_series() -> None:
    base, head = journey(SMALL_BASE), journey(SMALL_HEAD)
    hostile = "<script>alert(1)</script>"
    head.stages[0].steps[1].title = hostile
    ctx = context(sara="Sara")
    svg = change_curve_svg(ctx, base, head, "sara", change_window(base, head))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    before = root.find(f".//{SVG}g[@class='cx-before']")
    after = root.find(f".//{SVG}g[@class='cx-after']")
    assert before is not None and after is not None
    # Before has no value at the new step; after none at the removed one: three points each.
    assert len(before.findall(f"{SVG}g/{SVG}circle")) == 3
    assert len(after.findall(f"{SVG}g/{SVG}circle")) == 3
    dashed = before.find(f"{SVG}polyline")
    solid = after.find(f"{SVG}polyline")
    assert dashed is not None and dashed.get("stroke-dasharray")
    assert solid is not None and solid.get("stroke-dasharray") is None
    tips = [t.text for t in after.iter(f"{SVG}title")]
    assert f"{hostile}: after +2" in tips
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "before" in texts and "after" in texts
    assert "✚ new step" in texts and "✕ removed step" in texts


def test_svg_in_arabic_runs_right_to_left() -> None:
    base, head = journey(SMALL_BASE), journey(SMALL_HEAD)
    ctx = context("ar", sara="سارة")
    window = change_window(base, head)
    root = ET.fromstring(change_curve_svg(ctx, base, head, "sara", window))
    assert root.get("font-family", "").startswith("Noto Sans Arabic")
    heading = next(root.iter(f"{SVG}text"))
    assert heading.text == f"{RLI}المشاعر قبل التغيير وبعده: تجديد الرخصة · سارة{PDI}"
    after = root.find(f".//{SVG}g[@class='cx-after']/{SVG}polyline")
    assert after is not None
    xs = [float(point.split(",")[0]) for point in after.get("points", "").split()]
    assert xs == sorted(xs, reverse=True)  # the first step on the right
    legend = [t for t in root.iter(f"{SVG}text") if t.text == f"{RLI}قبل{PDI}"]
    assert legend and legend[0].get("text-anchor") == "end"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text == (
        "مشاعر سارة في 4 خطوات من «تجديد الرخصة»، قبل التغيير وبعده."
    )
