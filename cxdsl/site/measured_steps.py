"""What was measured per step, drawn beside the designed journey: the measured emotion over
the designed curve, the funnel, expected against perceived, and whether emotions explain
drop-off. Each part is a chart and a table of the same figures; a part with no data for
the journey is left out.
"""

from __future__ import annotations

from ..i18n import clause_separator
from ..model import Journey, Step
from ..paths import anchor_id
from ..render import results_charts as charts
from ..render.chart_parts import interval, number, signed_number
from ..render.chart_parts import status_text as chart_status
from ..render.text import signed
from ..results.associate import drop_offs
from ..results.figures import Association, Estimate, FunnelStep, Results, StepReading
from .content import PageContext
from .measured_figures import (
    JourneyResults,
    chart_md,
    earlier_periods,
    filled,
    formula,
    period_text,
    step_title,
)

#: Fewer steps than this cannot show a correlation across steps (the engine's rule too).
MIN_STEPS = 5


def step_sections(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> list[str]:
    """The per-step parts of a journey's Measured section (those with data)."""
    return [
        _emotion(pc, journey, data, here),
        _funnel(pc, journey, data, here),
        _expected_perceived(pc, journey, data, here),
        _association(pc, journey, data, here),
    ]


def _name(pc: PageContext, journey: Journey) -> str:
    return pc.ctx.text(journey.title)


def _folder(journey: Journey) -> str:
    return f"journeys/{anchor_id(journey.id)}"


def _reading_md(pc: PageContext, reading: StepReading | None) -> tuple[str, str, str]:
    """(mean, 95 % interval, n) of a step reading; why not, when suppressed or missing."""
    w = pc.w
    if reading is None:
        return w.plain(chart_status("no_data", w.lang)), "", ""
    if reading.estimate is None:
        fewer = w.t("suppressed_fewer").format(n=pc.ctx.settings.min_cell_size)
        return w.plain(f"{chart_status('suppressed', w.lang)} ({fewer})"), "", ""
    e = reading.estimate
    return w.plain(number(e.value)), w.plain(interval(e)), w.plain(f"{reading.n:,}")


def _emotion(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> str:
    """The measured emotion of each step over the journey's designed curve."""
    readings = data.reading("emotion")
    if not readings:
        return ""
    w, t, ctx = pc.w, pc.w.t, pc.ctx
    title = f"{t('measured_emotion')}: {_name(pc, journey)}"
    rows = []
    parts = []
    for step in journey.steps():
        designed = ctx.emotions(journey, step)
        reading = readings.get(step.id)
        mean, ci, n = _reading_md(pc, reading)
        rows.append(
            [
                step_title(pc, journey, step),
                w.plain(signed(designed[0][1])) if designed else "",
                mean,
                ci,
                n,
            ]
        )
        if reading is not None and reading.estimate is not None:
            parts.append(f"{ctx.text(step.title)}: {signed(round(reading.estimate.value, 2))}")
    description = f"{title}. " + clause_separator(pc.lang).join(parts)
    svg = charts.emotion_overlay_svg(ctx, journey, readings, title, description)
    headers = [
        t("step"),
        t("designed_emotion"),
        t("measured_emotion"),
        t("interval_95"),
        t("n_header"),
    ]
    return (
        f"### {t('measured_emotion')}\n\n"
        + chart_md(pc, f"{_folder(journey)}/measured-emotion", svg, title, here)
        + w.table(headers, rows)
    )


def _funnel(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> str:
    """The latest period's funnel (chart and table); earlier periods' tables, collapsed."""
    if not data.funnels:
        return ""
    t = pc.w.t
    periods = [p for p in data.periods if any(f.period == p for f in data.funnels)]
    latest = periods[-1]
    rows = [f for f in data.funnels if f.period == latest]
    title = f"{t('funnel')}: {_name(pc, journey)} ({period_text(pc, latest)})"
    titles = {step.id: pc.ctx.text(step.title) for step in journey.steps()}
    description = clause_separator(pc.lang).join(
        f"{titles.get(f.step, f.step)}: {f.reached:,}" for f in rows
    )
    svg = charts.funnel_svg(pc.ctx, journey, rows, title, description)
    out = [
        f"### {t('funnel')}\n",
        chart_md(pc, f"{_folder(journey)}/measured-funnel", svg, title, here),
        _funnel_table(pc, journey, rows),
    ]
    earlier = [
        (period, _funnel_table(pc, journey, [f for f in data.funnels if f.period == period]))
        for period in reversed(periods[:-1])
    ]
    out.append(earlier_periods(pc, earlier))
    return "\n".join(part for part in out if part)


def _funnel_table(pc: PageContext, journey: Journey, rows: list[FunnelStep]) -> str:
    w, t = pc.w, pc.w.t
    steps = {step.id: step for step in journey.steps()}
    order = list(steps)
    body = []
    for row in sorted(rows, key=lambda f: order.index(f.step) if f.step in steps else len(order)):
        step = steps.get(row.step)
        lost = row.drop_off
        body.append(
            [
                step_title(pc, journey, step) if step else w.plain(row.step),
                w.plain(f"{row.reached:,}"),
                w.plain(f"{number(lost.value)}%") if lost else "",
                w.plain(interval(lost)) if lost else "",
            ]
        )
    return w.table([t("step"), t("reached"), t("drop_off"), t("interval_95")], body)


def _pairs(journey: Journey, data: JourneyResults) -> list[tuple[Step, StepReading, StepReading]]:
    expected, perceived = data.reading("expected"), data.reading("perceived")
    return [
        (step, expected[step.id], perceived[step.id])
        for step in journey.steps()
        if step.id in expected and step.id in perceived
    ]


def _expected_perceived(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> str:
    """Expected against perceived, for the steps where both were measured."""
    pairs = _pairs(journey, data)
    if not pairs:
        return ""
    w, t = pc.w, pc.w.t
    title = f"{t('expected_vs_perceived')}: {_name(pc, journey)}"
    rows = []
    for step, expected, perceived in pairs:
        e, p = expected.estimate, perceived.estimate
        gap = w.plain(signed_number(p.value - e.value)) if e and p else ""
        rows.append(
            [step_title(pc, journey, step), *_joined(pc, expected), *_joined(pc, perceived), gap]
        )
    description = clause_separator(pc.lang).join(
        f"{pc.ctx.text(s.title)}: {_plain(e.estimate)} / {_plain(p.estimate)}" for s, e, p in pairs
    )
    svg = charts.expected_perceived_svg(pc.ctx, journey, pairs, title, f"{title}. {description}")
    headers = [
        t("step"),
        t("expected"),
        t("interval_95"),
        t("perceived"),
        t("interval_95"),
        t("gap"),
    ]
    return (
        f"### {t('expected_vs_perceived')}\n\n"
        + chart_md(pc, f"{_folder(journey)}/measured-expected-perceived", svg, title, here)
        + w.table(headers, rows)
    )


def _joined(pc: PageContext, reading: StepReading) -> tuple[str, str]:
    mean, ci, n = _reading_md(pc, reading)
    return (f"{mean} <small>({formula(pc, f'n = {reading.n:,}')})</small>" if n else mean), ci


def _plain(estimate: Estimate | None) -> str:
    return "—" if estimate is None else f"{number(estimate.value)} ({interval(estimate)})"


def pooled_drop_off(funnels: list[FunnelStep]) -> dict[str, float]:
    """Each step's drop-off over every period, as the association computes it (one
    funnel per journey, never mixed across event datasets)."""
    found = drop_offs(Results(funnels=list(funnels)))
    return next(iter(found.values()), {})


def association_sentence(pc: PageContext, association: Association, md: bool = True) -> str:
    """What the correlation says, in a plain sentence (Markdown, or plain text for a
    chart's description); evidence too thin to conclude is said to be."""
    t = pc.w.t
    a = association

    def fill(template: str, **formulas: str) -> str:
        return filled(pc, template, **formulas) if md else template.format(**formulas)

    def say(text: str) -> str:
        return pc.w.plain(text) if md else text

    if a.rho is None:
        return fill(t("association_none"), n=f"n = {a.n}")
    p = "p = —" if a.p_value is None else f"p = {a.p_value:.3f}"
    if a.p_value is not None and a.p_value < 0.001:
        p = "p < 0.001"
    stats = fill(t("association_stats"), rho=f"ρ = {a.rho:.2f}", n=f"n = {a.n}", p=p)
    if not a.conclusive:
        why = t("too_few_steps").format(n=MIN_STEPS) if a.n < MIN_STEPS else t("could_be_chance")
        return f"{stats} {say(t('association_thin').format(why=why))}"
    key = "association_negative" if a.rho < 0 else "association_positive"
    return f"{stats} {say(t(key))}"


def _association(pc: PageContext, journey: Journey, data: JourneyResults, here: str) -> str:
    """Measured emotion against drop-off per step, Spearman's ρ and what it allows."""
    a = data.association
    if a is None:
        return ""
    w, t = pc.w, pc.w.t
    emotions = data.reading("emotion")
    lost = pooled_drop_off(data.funnels)
    points: list[charts.AssociationPoint] = []
    rows = []
    for i, step in enumerate(journey.steps()):
        reading = emotions.get(step.id)
        if reading is None or reading.estimate is None or step.id not in lost:
            continue
        points.append((i + 1, pc.ctx.text(step.title), reading.estimate.value, lost[step.id]))
        value = signed(round(reading.estimate.value, 2))
        rows.append(
            [step_title(pc, journey, step), w.plain(value), w.plain(f"{number(lost[step.id])}%")]
        )
    out = [f"### {t('emotions_explain_behaviour')}\n", f"{association_sentence(pc, a)}\n"]
    if points:
        title = f"{t('emotions_explain_behaviour')} — {_name(pc, journey)}"
        sentence = association_sentence(pc, a, md=False)
        svg = charts.association_svg(pc.ctx, journey, points, a, title, sentence)
        out.append(chart_md(pc, f"{_folder(journey)}/measured-association", svg, title, here))
        headers = [t("step"), t("measured_emotion"), t("drop_off_all_periods")]
        out.append(w.table(headers, rows))
    return "\n".join(out)
