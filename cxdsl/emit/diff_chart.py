"""A picture of a journey's change inside the pull-request comment: Mermaid ``xychart-beta``.

Code hosts draw Mermaid blocks in comments. For each persona of a changed journey whose
emotion moved somewhere in it, one chart of the steps
:func:`cxdsl.diff.picture.change_window` keeps, with two lines: the emotion before the
change and after it (a persona who feels the same everywhere gets no chart: two lines one
over the other say nothing). What a reader needs and Mermaid cannot say is in the block or
in one line of Markdown under the last chart (in the comment's language):

- **Which line is which.** ``xychart-beta`` draws no legend; the block sets the two
  lines' colours (a ``config`` front matter, fixed text) and the line under the charts
  names them: grey before, blue after (:data:`BEFORE_COLOUR`, :data:`AFTER_COLOUR`,
  blue being the first series colour of cxdsl's own charts). When one side has no value
  anywhere (a persona new to the journey), its line is left out and the other keeps its
  colour.
- **Gaps.** An xychart line has a value at every category and no markers, so a line
  cannot stop at a step. A step with no value on either side for the persona is left out
  of that persona's chart; where one side has no value (a new or removed step, a step the
  persona does not live there, or no emotion stated), that line takes the value on the
  straight line between its neighbours, which draws exactly a line joining them across
  the step, or its nearest value at either end. The step's label says why: ``(new)``,
  ``(removed)``, ``(none before)``, ``(none after)``; the line under the charts says the
  line runs straight across. No "neutral" value is made up for a step.
- **Right to left.** Mermaid lays an x axis out left to right whatever the language. In a
  right-to-left comment the steps are given last first, so the journey reads from right to
  left like the text around it and like cxdsl's Arabic charts (a line under the charts
  says so); each label stays one string in logical order, isolated (``RLI … PDI``, Latin
  runs and numbers ``LRI … PDI``) so its words and numbers read in order.

Every piece of text in the block (titles, names, and the interface strings, which a
workspace may override) goes through :func:`label`: of ASCII, :func:`mermaid_text` keeps
only letters, digits, spaces and ``-.'()!?/+`` (here no comma either), of the rest all but
controls, format characters and separators; then a length cap. So model text cannot end a
quoted string (``"``), a list (``]``, ``,``), a line or the fence (no newline, no
backtick), start a comment or a ``%%{init}%%`` directive (no ``%``), an entity (``#…;``),
HTML (``<>&``) or a statement (each text sits inside quotes on a line cxdsl starts). The
line under the charts goes through :func:`escape_text`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diff.phrases import ui_markdown
from ..diff.picture import Series, WindowStep, change_window, emotion_series
from ..i18n import isolate, ui
from ..model import Journey
from ..render.chart_parts import number
from ..render.context import RenderContext
from ..render.palette import SERIES
from .diff_markdown import mermaid_text

BEFORE_COLOUR = "#999999"
AFTER_COLOUR = SERIES[0]
#: The longest step title on the x axis (fewer steps leave more room: :func:`label_limit`),
#: and the longest journey title, in characters.
LABEL_LIMIT, TITLE_LIMIT = 24, 80
#: The interface string that says why a step has no value on one side.
_MARKS = {
    "added": "change_step_new",
    "removed": "change_step_removed",
    "before": "change_step_no_before",
    "after": "change_step_no_after",
}


def mermaid_journey_change(
    ctx_base: RenderContext, ctx: RenderContext, base: Journey, head: Journey
) -> str:
    """The Markdown picture of how ``base`` became ``head`` ("" when no stage changed or
    no step of the changed stages has an emotion)."""
    window = change_window(base, head)
    return mermaid_change_chart(
        ctx, head, window, emotion_series(ctx_base, ctx, base, head, window)
    )


def mermaid_change_chart(
    ctx: RenderContext, head: Journey, window: Sequence[WindowStep], series: Sequence[Series]
) -> str:
    """One fenced ``xychart-beta`` block per series (persona) whose emotion moved and,
    under the last, one line of Markdown that names the lines (see the module docstring);
    "" without any."""
    moved = [s for s in series if s.moved]
    blocks = [block for s in moved if (block := _block(ctx, head, window, s))]
    if not blocks:
        return ""
    return "\n\n".join([*blocks, _note(ctx, window, moved)])


def label_limit(count: int) -> int:
    """The longest step title on an x axis of ``count`` steps: 12 to 32 characters, about
    what a chart of the usual 700 pixels has room for side by side."""
    return max(12, min(32, 84 // max(count, 1)))


def label(text: str, limit: int = LABEL_LIMIT) -> str:
    """Text as an inert Mermaid xychart string's content, at most ``limit`` characters."""
    kept = mermaid_text(text, actor=True)  # actor: no comma either
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + "…"


def _block(ctx: RenderContext, head: Journey, window: Sequence[WindowStep], s: Series) -> str:
    kept = [i for i in range(len(window)) if s.known(i)]
    if not kept:
        return ""
    labels = _step_labels(ctx, [window[i] for i in kept], s, kept)
    lines = [
        (ui(f"change_chart_{side}", ctx.lang), colour, values)
        for side, colour, values in (
            ("before", BEFORE_COLOUR, [s.before[i] for i in kept]),
            ("after", AFTER_COLOUR, [s.after[i] for i in kept]),
        )
        if any(v is not None for v in values)
    ]
    step = -1 if ctx.rtl else 1  # right to left: the first step last, at the right
    scale = ctx.scale(head)
    values = [v for _, _, vs in lines for v in vs if v is not None]
    low, high = min(scale.min, *values), max(scale.max, *values)
    categories = ", ".join(_quoted(ctx, text) for text in labels[::step])
    out = [
        "```mermaid",
        "---",
        "config:",
        "  themeVariables:",
        "    xyChart:",
        f'      plotColorPalette: "{", ".join(colour for _, colour, _ in lines)}"',
        "---",
        "xychart-beta",
        f"  title {_quoted(ctx, _title(ctx, head, s.persona))}",
        f"  x-axis [{categories}]",
        f"  y-axis {_quoted(ctx, ui('emotion', ctx.lang))} {number(low)} --> {number(high)}",
    ]
    for name, _, vs in lines:
        drawn = ", ".join(number(v) for v in joined_across(vs)[::step])
        out.append(f"  line {_quoted(ctx, name)} [{drawn}]")
    out.append("```")
    return "\n".join(out)


def _quoted(ctx: RenderContext, text: str) -> str:
    """``text`` as a quoted xychart string (its parts already cut to their length)."""
    return f'"{isolate(label(text, 2 * TITLE_LIMIT), ctx.lang)}"'


def _title(ctx: RenderContext, head: Journey, persona: str | None) -> str:
    journey = label(ctx.text(head.title), TITLE_LIMIT)
    if persona is None:
        return journey
    return f"{journey} · {label(ctx.short_name_of(persona))}"


def _step_labels(
    ctx: RenderContext, steps: Sequence[WindowStep], s: Series, kept: Sequence[int]
) -> list[str]:
    """Each step's title, marked where one side has no value, made unique (Mermaid puts
    equal categories in one place): ``Submit (new)``, ``Pay (2)``."""
    out = []
    seen: Counter[str] = Counter()
    for w, i in zip(steps, kept, strict=True):
        text = label(ctx.text(w.step.title), label_limit(len(steps)))
        side = "before" if s.before[i] is None else "after" if s.after[i] is None else None
        if side is not None:
            why = _MARKS.get(w.op, _MARKS[side])
            text += f" ({label(ui(why, ctx.lang))})"
        seen[text] += 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def joined_across(values: Sequence[float | None]) -> list[float]:
    """``values`` with each gap filled on the straight line between its neighbours (at an
    end, the nearest value): the line a chart without gaps draws joining them across.
    At least one value must be given."""
    known = {i: v for i, v in enumerate(values) if v is not None}
    out = []
    for i in range(len(values)):
        if i in known:
            out.append(known[i])
            continue
        left = max((k for k in known if k < i), default=None)
        right = min((k for k in known if k > i), default=None)
        if left is not None and right is not None:
            share = (i - left) / (right - left)
            out.append(known[left] + share * (known[right] - known[left]))
        else:
            out.append(known[left if left is not None else min(known)])
    return out


def _note(ctx: RenderContext, window: Sequence[WindowStep], series: Sequence[Series]) -> str:
    """The line under the charts: which line is which, and what a gap or order means."""
    keys = ["change_chart_key"]
    if any(
        (s.before[i] is None) != (s.after[i] is None) for s in series for i in range(len(window))
    ):
        keys.append("change_chart_gaps")
    if any(not s.known(i) for s in series for i in range(len(window))):
        keys.append("change_chart_left_out")
    if ctx.rtl:
        keys.append("change_chart_rtl")
    return ui_markdown(" ".join(ui(key, ctx.lang) for key in keys))
