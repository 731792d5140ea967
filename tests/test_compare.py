"""To-be comparisons that make the case: ``replaces``, ``scope``, curves aligned on matched
steps, and effort before and after (page, ``cxdsl diff``).

The fixture (``cases/to-be-one-stage``): as-is ``get-permit`` has three stages and eight
steps with effort; to-be ``get-permit-online`` redesigns one stage (``scope: [visit]``),
where ``apply-online`` replaces ``travel`` and ``queue``, ``hand-in`` is kept,
``check-eligibility`` is new and ``pay-at-desk`` goes.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl.cli import main
from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.diff.compare import Comparison, as_is_positions, compare_journeys
from cxdsl.diff.effort_compare import effort_rows, effort_text
from cxdsl.model import Effort, Journey, Stage, Step
from cxdsl.render.context import RenderContext
from cxdsl.render.emotion_curve import LEFT, RIGHT, WIDTH, emotion_curve_svg
from cxdsl.site.build import build_site
from cxdsl.site.compare_page import compare_page
from cxdsl.site.content import PageContext
from cxdsl.site.markdown import Writer

from .conftest import FIXTURES, make_workspace
from .test_diff import git

CASE = FIXTURES / "cases" / "to-be-one-stage"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def checked(tmp_path: Path) -> CheckResult:
    result = check_workspace(make_workspace(tmp_path, CASE))
    assert result.diagnostics == []
    return result


def journeys(result: CheckResult) -> tuple[Journey, Journey]:
    as_is = result.index.entity("journey", "get-permit")
    to_be = result.index.entity("journey", "get-permit-online")
    assert isinstance(as_is, Journey) and isinstance(to_be, Journey)
    return as_is, to_be


# --- matching --------------------------------------------------------------------------


def test_a_scoped_comparison_holds_only_the_redesigned_stage(checked: CheckResult) -> None:
    comparison = compare_journeys(*journeys(checked))
    assert [s.id for s in comparison.compared] == ["visit"]
    assert [s.id for s in comparison.unchanged] == ["discover", "receive"]
    assert [(r.step, r.op, [s.id for s in r.replaced]) for r in comparison.rows] == [
        ("check-eligibility", "added", []),
        ("apply-online", "replaces", ["travel", "queue"]),
        ("hand-in", "changed", []),
        ("pay-at-desk", "removed", []),
    ]
    assert {s.id: comparison.fate(s.id) for s in comparison.as_is.steps()} == {
        "find-info": "unchanged_stage",
        "book-slot": "unchanged_stage",
        "travel": "replaced",
        "queue": "replaced",
        "pay-at-desk": "removed",
        "hand-in": "matched",
        "wait-decision": "unchanged_stage",
        "collect": "unchanged_stage",
    }


def test_without_scope_the_journey_is_compared_whole(checked: CheckResult) -> None:
    as_is, to_be = journeys(checked)
    whole = to_be.model_copy(update={"scope": None})
    comparison = compare_journeys(as_is, whole)
    assert comparison.unchanged == ()
    removed = [r.step for r in comparison.rows if r.op == "removed"]
    assert removed == ["find-info", "book-slot", "pay-at-desk", "wait-decision", "collect"]


def test_a_to_be_stage_with_another_id_pulls_in_the_stage_it_replaces() -> None:
    as_is = Journey(
        id="a",
        title="A",
        stages=[
            Stage(id="old", title="Old", steps=[Step(id="x", title="X"), Step(id="y", title="Y")]),
            Stage(id="kept", title="Kept", steps=[Step(id="z", title="Z")]),
        ],
    )
    step = Step(id="new", title="N", replaces=["x"])
    to_be = Journey(
        id="b", title="B", state="to-be", based_on="a", scope=["fresh"],
        stages=[Stage(id="fresh", title="Fresh", steps=[step])],
    )  # fmt: skip
    comparison = compare_journeys(as_is, to_be)
    assert [s.id for s in comparison.compared] == ["old"]
    assert [(r.step, r.op) for r in comparison.rows] == [("new", "replaces"), ("y", "removed")]
    # Effort: x counts with the stage that replaces it, y (removed) with its own stage.
    for step in as_is.steps():
        step.effort = Effort(minutes={"x": 30, "y": 20, "z": 5}[step.id])
    whole, fresh, old_stage = effort_rows(comparison)
    assert (whole.before.minutes, fresh.before.minutes, old_stage.before.minutes) == (55, 30, 20)
    assert (fresh.stage, old_stage.stage, old_stage.after.empty) == ("fresh", "old", True)


# --- effort ----------------------------------------------------------------------------


def test_effort_before_and_after_computed_by_hand(checked: CheckResult) -> None:
    currency = checked.workspace.settings.currency
    assert currency == "SAR"
    whole, visit = effort_rows(compare_journeys(*journeys(checked)), currency)
    # As-is: minutes 10+5 (discover) + 5+20 (visit) + 10 (receive) = 50; waiting 45+120+60
    # (visit) + 15 (receive) = 240. To-be: the visit stage (3+10+10 minutes, 10 waiting)
    # and the unchanged discover and receive stages (15 and 10 minutes, 15 waiting).
    assert (whole.before.minutes, whole.after.minutes) == (50, 15 + 23 + 10)
    assert (whole.before.wait_minutes, whole.after.wait_minutes) == (240, 10 + 15)
    assert (whole.before.visits, whole.after.visits) == (1, 0)
    assert (whole.before.documents, whole.after.documents) == (3, 1)
    assert (whole.before.walking_metres, whole.after.walking_metres) == (800, 0)
    assert whole.before.cost == {"SAR": 150, "USD": 20} == whole.after.cost
    assert visit.stage == "visit"
    assert (visit.before.minutes, visit.after.minutes) == (5 + 20, 3 + 10 + 10)
    assert (visit.before.wait_minutes, visit.after.wait_minutes) == (45 + 120 + 60, 10)
    assert visit.before.cost == {"SAR": 150} == visit.after.cost
    assert effort_text(whole) == (
        "active 50 → 48 min (−2); waiting 240 → 25 min (−215); visits 1 → 0 (−1); "
        "documents 3 → 1 (−2); walking 800 → 0 m (−800); cost 150 → 150 SAR (0); "
        "cost 20 → 20 USD (0)"
    )


def test_a_measure_one_side_does_not_state_has_no_change(checked: CheckResult) -> None:
    as_is, to_be = journeys(checked)
    whole = effort_rows(compare_journeys(as_is, to_be.model_copy(deep=True)), None)[0]
    assert whole.before.cost == {"": 150, "USD": 20}  # no workspace currency: unnamed
    bare = effort_rows(compare_journeys(as_is, _without_effort(to_be)), None)[1]
    waiting = next(m for m in bare.changes() if m.measure == "wait_minutes")
    assert (waiting.before, waiting.after, waiting.change) == (225, None, None)
    assert "waiting 225 → — min;" in effort_text(bare)


def _without_effort(journey: Journey) -> Journey:
    copy = journey.model_copy(deep=True)
    for step in copy.steps():
        step.effort = None
    return copy


# --- aligned curves --------------------------------------------------------------------


def test_as_is_positions_computed_by_hand(checked: CheckResult) -> None:
    positions = as_is_positions(compare_journeys(*journeys(checked)))
    # Three to-be steps at 0, 0.5 and 1: the pair apply-online replaces spreads 0.35 of a
    # slot (0.5) either side of 0.5; hand-in sits on hand-in; pay-at-desk, removed, halfway
    # between queue and hand-in.
    assert positions == pytest.approx(
        {"travel": 0.325, "queue": 0.675, "hand-in": 1.0, "pay-at-desk": (0.675 + 1.0) / 2}
    )


def _as_is_points(svg: str) -> dict[str, float]:
    root = ET.fromstring(svg)
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "cx-as-is")
    out = {}
    for point in group.findall(f"{SVG}g"):
        title = point.findtext(f"{SVG}title") or ""
        circle = point.find(f"{SVG}circle")
        assert circle is not None
        out[title.split(": ")[2]] = float(circle.get("cx", "nan"))  # as is: Sara: step: v
    return out


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_as_is_curve_sits_on_the_to_be_steps_it_matches(
    checked: CheckResult, lang: str
) -> None:
    as_is, to_be = journeys(checked)
    ctx = RenderContext(checked.index, checked.workspace.settings, lang)
    points = _as_is_points(emotion_curve_svg(ctx, to_be, as_is, "t", "d"))
    width = WIDTH - LEFT - RIGHT
    x0 = RIGHT if lang == "ar" else LEFT

    def x(position: float) -> float:  # the to-be steps sit at 0, 0.5 and 1 of the plot
        return x0 + (1 - position if lang == "ar" else position) * width

    names = {"en": ("Travel to the centre", "Queue", "Hand in the documents", "Pay at the desk")}
    travel, queue, hand_in, pay = names.get(lang) or (
        "الذهاب إلى المركز", "الانتظار في الطابور", "تسليم المستندات", "الدفع عند المكتب"
    )  # fmt: skip
    assert set(points) == {travel, queue, hand_in, pay}  # the unchanged stages are not drawn
    assert points[hand_in] == pytest.approx(x(1.0), abs=0.06)
    # The replaced pair spans apply-online's x, one either side of it.
    assert (points[travel] + points[queue]) / 2 == pytest.approx(x(0.5), abs=0.06)
    assert points[travel] == pytest.approx(x(0.5 - 0.35 * 0.5), abs=0.06)
    assert points[pay] == pytest.approx((points[queue] + points[hand_in]) / 2, abs=0.06)


# --- property --------------------------------------------------------------------------

ONE = Effort(minutes=1)
_IDS = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"])


@st.composite
def _journey_pairs(draw: st.DrawFn) -> tuple[Journey, Journey]:
    ids = draw(st.lists(_IDS, min_size=1, max_size=8, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(ids)), max_size=3)))
    bounds = [0, *cuts, len(ids)]
    as_is = Journey(
        id="as-is",
        title="A",
        stages=[
            Stage(
                id=f"s{k}", title="S", steps=[Step(id=i, title=i, effort=ONE) for i in ids[lo:hi]]
            )
            for k, (lo, hi) in enumerate(itertools.pairwise(bounds))
        ],
    )
    new_ids = draw(st.lists(st.sampled_from([*ids, "n1", "n2", "n3"]), max_size=6, unique=True))
    steps = [Step(id=i, title=i, replaces=draw(st.lists(st.sampled_from(ids), max_size=3)))
             for i in new_ids]  # fmt: skip
    stage_ids = [s.id for s in as_is.stages] + ["new"]
    scope = draw(st.none() | st.lists(st.sampled_from(stage_ids), min_size=1, unique=True))
    stages = [Stage(id=sid, title="T", steps=[]) for sid in (scope or ["s0"])]
    for n, step in enumerate(steps):
        stages[n % len(stages)].steps.append(step)
    to_be = Journey(
        id="to-be", title="B", state="to-be", based_on="as-is", scope=scope, stages=stages
    )
    return as_is, to_be


def _categories(comparison: Comparison) -> dict[str, list[str]]:
    """Each as-is step's categories, read off the rows and stages (not ``fate``)."""
    seen: dict[str, list[str]] = {s.id: [] for s in comparison.as_is.steps()}
    for stage in comparison.unchanged:
        for step in stage.steps:
            seen[step.id].append("unchanged_stage")
    for row in comparison.rows:
        if row.before is not None:
            seen[row.before.id].append("matched" if row.after is not None else "removed")
        for step in row.replaced:
            seen[step.id].append("replaced")
    return seen


@settings(max_examples=200, deadline=None)
@given(_journey_pairs())
def test_every_as_is_step_is_exactly_one_of_the_four(pair: tuple[Journey, Journey]) -> None:
    comparison = compare_journeys(*pair)
    for ident, found in _categories(comparison).items():
        categories = set(found)
        assert len(categories) == 1, (ident, found)
        assert comparison.fate(ident) in categories
        if "replaced" not in categories:
            assert len(found) == 1, (ident, found)  # matched or removed once only
    # Each compared as-is step (one active minute each) counts in exactly one stage's row.
    per_stage = effort_rows(comparison)[1:]
    assert sum(row.before.minutes or 0 for row in per_stage) == len(comparison.as_is_steps())
    positions = as_is_positions(comparison)
    assert set(positions) == {s.id for s in comparison.as_is_steps()}
    assert all(0.0 <= p <= 1.0 for p in positions.values())


# --- cxdsl diff ------------------------------------------------------------------------


def test_cxdsl_diff_shows_effort_as_is_to_be(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    for src in sorted(CASE.rglob("*.yaml")):
        (ws / src.relative_to(CASE)).write_text(src.read_text(encoding="utf-8"), "utf-8")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "a to-be journey")
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en"]
    markdown = CliRunner().invoke(main, args)
    assert markdown.exit_code == 0, markdown.output
    assert "### Effort: as-is → to-be" in markdown.output
    assert "- “Get a permit online” against “Get a permit”:\n" in markdown.output
    assert (
        "  - stage “Apply online”: active time 25 minutes → 23 minutes (−2); "
        "waiting time 225 minutes → 10 minutes (−215);"
    ) in markdown.output
    payload = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    whole = payload["effort"][0]
    assert (whole["journey"], whole["as_is"], whole["stage"]) == (
        "get-permit-online",
        "get-permit",
        None,
    )
    assert whole["before"]["wait_minutes"] == 240 and whole["after"]["wait_minutes"] == 25
    assert whole["after"]["cost"] == {"SAR": 150, "USD": 20}
    assert "waiting 240 → 25 min (−215)" in whole["text"]
    assert "effort" not in payload["summary"]  # the business case is not a change


# --- the comparison page ---------------------------------------------------------------


def page(result: CheckResult, lang: str) -> str:
    """The comparison page from its generator (no diagrams: the curve is tested above)."""
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    pc = PageContext(result, ctx, Writer(ctx), {}, Path("unused"))
    as_is, to_be = journeys(result)
    return compare_page(pc, to_be, as_is)


def tables(markdown: str) -> dict[str, list[list[str]]]:
    """Each Markdown table under its nearest heading, as rows of cells (entities decoded,
    ``<bdi>`` isolation removed)."""
    out: dict[str, list[list[str]]] = {}
    heading = ""
    for line in markdown.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and not line.startswith("|---"):
            cells = [html.unescape(re.sub(r"</?bdi[^>]*>", "", c)).strip() for c in line.split("|")]
            out.setdefault(heading, []).append(cells[1:-1])
    return out


def test_the_page_shows_the_redesigned_stage_and_names_the_others(checked: CheckResult) -> None:
    text = page(checked, "en")
    assert "**Redesigned stages**: Apply online" in text
    assert "- Discover (2 steps)\n- Receive (2 steps)" in text
    steps = tables(text)["Step by step"]
    assert [row[0] for row in steps[1:]] == [
        "Check eligibility",
        "Apply on the portal",
        "Upload the documents",
        "Pay at the desk",
    ]
    assert [row[3] for row in steps[1:]] == [
        "+ added",
        "⇄ replaces: Travel to the centre, Queue",
        "Channel: Kiosk app → Portal; Emotion -1 → 0 (+1)",
        "− removed",
    ]
    for unchanged in ("Find the information", "Book a slot", "Wait for the decision"):
        assert unchanged not in text  # listed by stage, not as removed steps


def test_the_page_tables_effort_before_and_after(checked: CheckResult) -> None:
    found = tables(page(checked, "en"))
    header = ["Measure", "as is", "to be", "Change"]
    assert found["The whole journey"] == [
        header,
        ["Active time (min)", "50", "48", "−2"],
        ["Waiting time (min)", "240", "25", "−215"],
        ["Visits", "1", "0", "−1"],
        ["Documents", "3", "1", "−2"],
        ["Walking distance (m)", "800", "0", "−800"],
        ["Cost (SAR)", "150", "150", "0"],
        ["Cost ($)", "20", "20", "0"],  # the currency as English writes it, like money()
    ]
    assert found["Apply online"][2] == ["Waiting time (min)", "225", "10", "−215"]


def test_the_arabic_page(checked: CheckResult) -> None:
    text = page(checked, "ar")
    assert "- الاكتشاف (خطوتان)\n- الاستلام (خطوتان)" in text
    assert tables(text)["الرحلة كاملة"][2] == ["وقت الانتظار (دقيقة)", "240", "25", "−215"]


def test_model_text_on_the_page_is_escaped(checked: CheckResult) -> None:
    as_is, _ = journeys(checked)
    as_is.stages[0].title = {"en": "<img src=x onerror=alert(1)>", "ar": "<script>x</script>"}
    as_is.stages[1].steps[0].title = "<b>travel</b>"
    for lang in ("en", "ar"):
        text = page(checked, lang)
        assert "<img" not in text and "<script" not in text and "<b>" not in text


def test_a_site_build_writes_the_comparison_page(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, CASE)
    report, _ = build_site(ws, ws / "site")
    assert report.prepared.result.ok
    built = ws / "site" / "en" / "journeys" / "get-permit-online-compare" / "index.html"
    text = built.read_text(encoding="utf-8")
    assert "Unchanged stages" in text and "−215" in text
    curve = ws / "site" / "en" / "diagrams" / "journeys" / "get-permit-online" / "emotion-curve.svg"
    assert "cx-as-is" in curve.read_text(encoding="utf-8")


# --- a figure one side of a compared part does not state --------------------------------

APPLY_AS_IS = """\
kind: journey
id: apply-permit
title: {ar: طلب تصريح, en: Apply for a permit}
persona: sara
stages:
  - id: apply
    title: {ar: التقديم, en: Apply}
    steps:
      - id: apply-at-desk
        title: {ar: التقديم عند المكتب, en: Apply at the desk}
        channel: kiosk-app
        emotion: -1
        effort: {minutes: 20, wait_minutes: 30}
  - id: collect
    title: {ar: الاستلام, en: Collect}
    steps:
      - id: collect-permit
        title: {ar: استلام التصريح, en: Collect the permit}
        channel: portal
        emotion: 0
        effort: {wait_minutes: 1000}
"""
APPLY_TO_BE = """\
kind: journey
id: apply-permit-online
title: {ar: طلب تصريح عبر الإنترنت, en: Apply for a permit online}
persona: sara
state: to-be
based_on: apply-permit
scope: [apply]
stages:
  - id: apply
    title: {ar: التقديم عبر الإنترنت, en: Apply online}
    steps:
      - id: apply-online
        title: {ar: التقديم عبر البوابة, en: Apply on the portal}
        channel: portal
        replaces: [apply-at-desk]
        emotion: 1
        effort: {minutes: 5}
"""


def _write_apply_journeys(ws: Path) -> None:
    (ws / "journeys" / "apply-permit.yaml").write_text(APPLY_AS_IS, encoding="utf-8")
    (ws / "journeys" / "apply-permit-online.yaml").write_text(APPLY_TO_BE, encoding="utf-8")


def test_a_stage_figure_the_to_be_does_not_state_leaves_the_whole_change_unknown(
    tmp_path: Path,
) -> None:
    ws = make_workspace(tmp_path)
    _write_apply_journeys(ws)
    result = check_workspace(ws)
    assert result.ok
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    pc = PageContext(result, ctx, Writer(ctx), {}, Path("unused"))
    as_is, to_be = (
        result.index.entity("journey", i) for i in ("apply-permit", "apply-permit-online")
    )
    assert isinstance(as_is, Journey) and isinstance(to_be, Journey)
    found = tables(compare_page(pc, to_be, as_is))
    # Apply: active 20 → 5 (−15); waiting 30 → unknown. The whole journey adds the
    # unchanged Collect stage's 1,000 minutes of waiting to each side: 1,030 → 1,000, but
    # the to-be Apply stage's waiting is unknown, so the change is too.
    assert found["Apply online"][1:] == [
        ["Active time (min)", "20", "5", "−15"],
        ["Waiting time (min)", "30", "—", "unknown"],
    ]
    # The to-be side's 1,000 adds up only the steps that state waiting (Apply online's
    # does not): marked partial, and a note under the table says what that means.
    assert found["The whole journey"][1:] == [
        ["Active time (min)", "20", "5", "−15"],
        ["Waiting time (min)", "1,030", "1,000*", "unknown"],
    ]


def test_cxdsl_diff_leaves_the_whole_change_unknown_too(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    _write_apply_journeys(ws)
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "a to-be journey")
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--format", "json"]
    payload = json.loads(CliRunner().invoke(main, args).output)
    texts = {e["stage"]: e["text"] for e in payload["effort"]}
    assert texts == {
        None: "active 20 → 5 min (−15); waiting 1,030 → 1,000 min",
        "apply": "active 20 → 5 min (−15); waiting 30 → — min",
    }


def test_a_side_without_steps_has_none_of_the_effort() -> None:
    """A dropped stage's effort goes to 0 and a new stage's comes from 0: known changes,
    which the whole journey's change adds up."""

    def stage(ident: str, *waits: tuple[str, int]) -> Stage:
        steps = [Step(id=i, title=i, effort=Effort(wait_minutes=w)) for i, w in waits]
        return Stage(id=ident, title=ident, steps=steps)

    as_is = Journey(id="a", title="A", stages=[stage("old", ("x", 30)), stage("kept", ("y", 5))])
    to_be = Journey(
        id="b", title="B", state="to-be", based_on="a",
        stages=[stage("kept", ("y", 5)), stage("new", ("z", 20))],
    )  # fmt: skip
    rows = {row.stage: row for row in effort_rows(compare_journeys(as_is, to_be))}
    assert effort_text(rows["old"]) == "waiting 30 → 0 min (−30)"
    assert effort_text(rows["new"]) == "waiting 0 → 20 min (+20)"
    assert effort_text(rows["kept"]) == "waiting 5 → 5 min (0)"
    # 30 + 5 → 5 + 20: the sum of the stages' changes, −30 + 20 + 0.
    assert effort_text(rows[None]) == "waiting 35 → 25 min (−10)"


# --- the as-is curve of each persona ---------------------------------------------------

OMAR = """\
kind: persona
id: omar
name: {ar: عمر — مهندس, en: Omar — engineer}
short_name: {ar: عمر, en: Omar}
segments: [citizens]
"""
TWO_AS_IS = """\
kind: journey
id: visit-office
title: {ar: زيارة المكتب, en: Visit the office}
persona: sara
personas: [omar]
stages:
  - id: visit
    title: {ar: الزيارة, en: Visit}
    steps:
      - id: travel
        title: {ar: الذهاب, en: Travel}
        channel: kiosk-app
        emotion: {sara: -2, omar: -1}
      - id: stamp
        title: {ar: الختم, en: Stamp}
        channel: kiosk-app
        personas: [omar]
        emotion: {omar: 2}
      - id: hand-in
        title: {ar: التسليم, en: Hand in}
        channel: kiosk-app
        emotion: {sara: -1, omar: 0}
  - id: receive
    title: {ar: الاستلام, en: Receive}
    steps:
      - id: collect
        title: {ar: الاستلام, en: Collect}
        channel: portal
        emotion: {sara: 1, omar: 1}
"""
TWO_TO_BE = """\
kind: journey
id: visit-office-online
title: {ar: المكتب عبر الإنترنت, en: The office online}
persona: sara
personas: [omar]
state: to-be
based_on: visit-office
scope: [visit]
stages:
  - id: visit
    title: {ar: عبر الإنترنت, en: Online}
    steps:
      - id: apply-online
        title: {ar: التقديم, en: Apply online}
        channel: portal
        replaces: [travel]
        emotion: {sara: 0, omar: 1}
      - id: hand-in
        title: {ar: التسليم, en: Hand in}
        channel: portal
        emotion: {sara: 1, omar: 1}
"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_persona_on_both_journeys_has_an_as_is_line(tmp_path: Path, lang: str) -> None:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "omar.yaml").write_text(OMAR, encoding="utf-8")
    (ws / "journeys" / "visit-office.yaml").write_text(TWO_AS_IS, encoding="utf-8")
    (ws / "journeys" / "visit-office-online.yaml").write_text(TWO_TO_BE, encoding="utf-8")
    result = check_workspace(ws)
    assert result.ok, result.diagnostics
    as_is, to_be = (
        result.index.entity("journey", i) for i in ("visit-office", "visit-office-online")
    )
    assert isinstance(as_is, Journey) and isinstance(to_be, Journey)
    ctx = RenderContext(result.index, result.workspace.settings, lang)
    root = ET.fromstring(emotion_curve_svg(ctx, to_be, as_is, "t", "d"))
    width = WIDTH - LEFT - RIGHT
    x0 = RIGHT if lang == "ar" else LEFT

    def at(position: float, value: float) -> tuple[float, float]:
        # The two to-be steps sit at 0 and 1 of the plot; the scale runs −2..2 over 160 px
        # from y = 90 down.
        x = x0 + (1 - position if lang == "ar" else position) * width
        return (round(x, 1), 90 + 40 * (2 - value))

    travel, stamp, hand_in = ("Travel", "Stamp", "Hand in") if lang == "en" else (
        "الذهاب", "الختم", "التسليم"
    )  # fmt: skip
    sara, omar = ("Sara", "Omar") if lang == "en" else ("سارة", "عمر")
    # Travel sits on apply-online (which replaces it), hand-in on hand-in, and the removed
    # stamp (Omar's alone) halfway between them; the unchanged Receive stage is not drawn.
    assert _as_is_series(root) == {
        sara: ("#80b9d9", {travel: at(0, -2), hand_in: at(1, -1)}),
        omar: ("#eaaf80", {travel: at(0, -1), stamp: at(0.5, 2), hand_in: at(1, 0)}),
    }
    # The same colours as the personas' to-be lines (#0072B2, #D55E00), each mixed half
    # with white.
    to_be_strokes = [p.get("stroke") for p in root.iter(f"{SVG}polyline")
                     if p.get("stroke-width") == "2.5"]  # fmt: skip
    assert to_be_strokes == ["#0072B2", "#D55E00"]
    legend = [re.sub("[\u2066-\u2069]", "", t.text or "") for t in root.iter(f"{SVG}text")]
    word = "as is" if lang == "en" else "الوضع الحالي"
    assert f"{word}: {sara}" in legend and f"{word}: {omar}" in legend


def _as_is_series(root: ET.Element) -> dict[str, tuple[str, dict[str, tuple[float, float]]]]:
    """Each as-is line: its persona (from the point titles), its stroke and its points."""
    out = {}
    for group in (g for g in root.iter(f"{SVG}g") if g.get("class") == "cx-as-is"):
        line = group.find(f"{SVG}polyline")
        assert line is not None and line.get("stroke-dasharray")
        points = {}
        for point in group.findall(f"{SVG}g"):
            _, who, step, _ = (point.findtext(f"{SVG}title") or "").split(": ")
            circle = point.find(f"{SVG}circle")
            assert circle is not None
            points[step] = (float(circle.get("cx", "nan")), float(circle.get("cy", "nan")))
        out[who] = (line.get("stroke", ""), points)
    return out
