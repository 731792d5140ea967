"""The journey page's plan section: the measurement plan (metric and question, where, how,
target, sample, owner) and the qualitative research planned without a metric."""

from __future__ import annotations

from ..i18n import format_count
from ..model import Instrument, Journey, Measurement, SampleDesign, Step, Trigger
from ..model.measurement import Research
from ..stats import required_sample, sample_plan
from .content import PageContext


def trigger_title(pc: PageContext, journey: Journey, trigger: Trigger | None) -> str:
    """A measurement's trigger as the title of its step or stage ("" when it names none)."""
    target = journey.trigger_target(trigger)
    if isinstance(target, Step):
        return f"{pc.w.t('step')}: {pc.w.inline(target.title)}"
    if target is not None:
        return f"{pc.w.t('stage')}: {pc.w.inline(target.title)}"
    return ""


def _where(
    pc: PageContext, journey: Journey, trigger: Trigger | None, stages: list[str] | str | None
) -> str:
    """Where an entry is taken: its trigger (or the id it names), then the stages."""
    w = pc.w
    parts = []
    if trigger is not None:  # the step it names and the stage, each by its title
        for label, named in (
            ("step", Trigger(step=trigger.step)),
            ("stage", Trigger(stage=trigger.stage)),
        ):
            ident = named.step or named.stage
            if ident:
                title = trigger_title(pc, journey, named)
                parts.append(title or f"{w.t(label)}: {w.plain(ident)} ⚠")
    if stages == "each":
        parts.append(w.t("each_stage"))
    elif stages:
        titles = {st.id: w.inline(st.title) for st in journey.stages}
        shown = w.sep.join(titles.get(ident) or f"{w.plain(ident)} ⚠" for ident in stages)
        parts.append(f"{w.t('stages_title')}: {shown}")
    return "<br>".join(parts)


def _question(pc: PageContext, instrument_id: str | None, question_id: str) -> str:
    """A question by its text (the id when the instrument asks no such question)."""
    instrument = pc.result.index.entity("instrument", instrument_id) if instrument_id else None
    if isinstance(instrument, Instrument):
        for q in instrument.questions:
            if q.id == question_id:
                return pc.w.inline(q.text)
    return pc.w.plain(question_id)


def _metric_cell(pc: PageContext, m: Measurement, instrument: str | None, here: str) -> str:
    w = pc.w
    cell = w.entity_link("metric", m.metric, here)
    if m.question:
        cell += f"<br><small>{w.t('question')}: {_question(pc, instrument, m.question)}</small>"
    return cell


def _how(pc: PageContext, m: Measurement, instrument: str | None, here: str) -> str:
    """Instrument and channel, then how often it is collected and reported."""
    w, t = pc.w, pc.w.t
    parts = [w.entity_link("instrument", instrument, here) if instrument else ""]
    parts.append(w.entity_link("channel", m.channel, here) if m.channel else "")
    parts.append(w.value(m.cadence) if m.cadence else "")
    parts.append(f"{t('reporting')}: {w.value(m.reporting)}" if m.reporting else "")
    return "<br>".join(part for part in parts if part)


def plan_table(pc: PageContext, journey: Journey, here: str) -> str:
    """The measurement plan, one row per entry."""
    w, t = pc.w, pc.w.t
    rows: list[list[str]] = []
    for m in journey.measurement_plan:
        metric = pc.result.index.entity("metric", m.metric)
        instrument = m.instrument or (metric.instrument if metric is not None else None)
        target = m.target if m.target is not None else (metric.target if metric else None)
        rows.append(
            [
                _metric_cell(pc, m, instrument, here),
                _where(pc, journey, m.trigger, m.stages),
                _how(pc, m, instrument, here),
                w.plain(f"{target:g}") if target is not None else "",
                sample_cell(pc, m, here),
                w.entity_link("actor", m.owner, here) if m.owner else "",
            ]
        )
    headers = ["metric", "where", "how_collected", "target", "sample_planned_required", "owner"]
    if not any(m.owner for m in journey.measurement_plan):  # no empty column
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    return w.table([t(h) for h in headers], rows)


def _percent(value: float) -> str:
    return f"{format_count(round(value * 100, 2))}\u00a0%"


def _figures(pc: PageContext, m: Measurement, wave: SampleDesign | None) -> str:
    """Population, confidence level and margin of error the sample is planned with; a
    figure of the entry that its sample design overrides is shown beside the design's."""
    plan = sample_plan(m, wave)
    shown = []
    for name, show in (
        ("population", lambda v: f"N\u00a0=\u00a0{format_count(v)}"),
        ("confidence_level", _percent),
        ("margin_of_error", lambda v: f"±\u00a0{_percent(v)}"),
    ):
        used, own = getattr(plan, name), getattr(m, name)
        if used is None:
            continue
        text = show(used)
        if own is not None and own != used:
            text += f" ({pc.w.t('entry_value').format(value=show(own))})"
        shown.append(text)
    return pc.w.plain(" · ".join(shown))


def sample_cell(pc: PageContext, m: Measurement, here: str) -> str:
    """Planned sample against the required one (✓ or ✗), or the planned one alone, then
    the figures it is planned with; an entry sampled by a sample design shows the design's
    (counted once for all its entries), per stage when the design draws it at each stage.
    An entry's own planned sample that its design overrides is shown beside it."""
    w = pc.w
    design = pc.result.index.entity("sample_design", m.design) if m.design else None
    wave = design if isinstance(design, SampleDesign) else None
    plan = sample_plan(m, wave)
    parts = [w.entity_link("sample_design", m.design, here) + ":" if m.design else ""]
    if plan.sample_size is not None:
        need = required_sample(m, wave)
        shown = w.plain(format_count(plan.sample_size))
        if m.sample_size is not None and m.sample_size != plan.sample_size:
            own = w.t("entry_value").format(value=format_count(m.sample_size))
            shown += w.plain(f" ({own})")
        if need is not None:
            ok = "✓" if plan.sample_size >= need else "✗"
            shown += w.plain(f" / {format_count(need)} ") + ok
        parts.append(shown)
    figures = _figures(pc, m, wave)
    if figures:
        parts.append(f"<br><small>{figures}</small>")
    return " ".join(part for part in parts if part)


def research_table(pc: PageContext, journey: Journey, here: str) -> str:
    """Qualitative research planned on the journey (no metric): one row per entry; ""
    when there is none."""
    if not journey.research:
        return ""
    w, t = pc.w, pc.w.t
    rows = [_research_row(pc, journey, r, here) for r in journey.research]
    headers = ["topic", "how_collected", "where", "participants", "owner", "evidence_produced"]
    return f"\n### {t('research_title')}\n\n" + w.table([t(h) for h in headers], rows)


def _research_row(pc: PageContext, journey: Journey, r: Research, here: str) -> tuple[str, ...]:
    w = pc.w
    how = [w.value(r.method) if r.method else ""]
    how.append(w.entity_link("instrument", r.instrument, here) if r.instrument else "")
    how.append(w.value(r.cadence) if r.cadence else "")
    return (
        w.inline(r.topic),
        "<br>".join(part for part in how if part),
        _where(pc, journey, r.trigger, r.stages),
        w.plain(format_count(r.participants)) if r.participants is not None else "",
        w.entity_link("actor", r.owner, here) if r.owner else "",
        w.sep.join(w.entity_link("evidence", e, here) for e in r.evidence),
    )
