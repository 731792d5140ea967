"""Sample designs on the metrics page: the figures a survey wave is planned with (population,
confidence level, margin of error, planned against required sample), whether it is drawn
at each stage, its quotas, the journeys it spans and the plan entries it samples, with the
entries' own figures that the design's replace."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import clause_separator, count_text, format_count
from ..model import Journey, Measurement, SampleDesign
from ..paths import anchor_id
from ..stats import PLAN_FIGURES, sample_plan
from .content import PageContext
from .more_table import more_table
from .other_pages import trigger_cell


def sample_designs_section(pc: PageContext, here: str) -> str:
    """Every sample design of the workspace under one heading ("" when there is none)."""
    designs = [d for d, _ in pc.result.index.entities(SampleDesign)]
    if not designs:
        return ""
    out = [f"\n## {pc.w.t('sample_designs')}\n"]
    out += [sample_design_block(pc, design, here) for design in designs]
    return "\n".join(out)


def sample_design_block(pc: PageContext, design: SampleDesign, here: str) -> str:
    """One sample design: name, description, figures, quotas, journeys, entries, More."""
    w, t = pc.w, pc.w.t
    out = [f"\n### {w.inline(design.name)} {{#sample-design-{anchor_id(design.id)}}}\n"]
    if design.description:
        out.append(f"{w.inline(design.description)}\n")
    facts = [(k, v) for k, v in design_facts(pc, design, here) if v]
    out.append(w.table([t("field"), t("value")], facts))
    out.append(_quotas(pc, design, here))
    out.append(_entries(pc, design, here))
    out.append(more_table(pc, design))
    return "\n".join(part for part in out if part)


def percent(value: float) -> str:
    """A fraction as a percentage (0.95 → «95 %»), the number kept with its sign."""
    return f"{format_count(round(value * 100, 2))}\u00a0%"


#: How each sample figure reads, by its name (``cxdsl.stats.PLAN_FIGURES``).
SHOW: dict[str, Callable[[float], str]] = {
    "population": lambda v: format_count(v),
    "confidence_level": percent,
    "margin_of_error": lambda v: f"±\u00a0{percent(v)}",
    "sample_size": lambda v: format_count(v),
}


def design_facts(pc: PageContext, design: SampleDesign, here: str) -> list[tuple[str, str]]:
    """(label, Markdown) rows of a design; the caller leaves out the empty ones."""
    w, t = pc.w, pc.w.t
    figures = [
        (t(f"design_{name}"), w.plain(SHOW[name](value)))
        for name in PLAN_FIGURES
        if (value := getattr(design, name)) is not None
    ]
    return [
        (
            t("instrument"),
            w.entity_link("instrument", design.instrument, here) if design.instrument else "",
        ),
        (
            t("design_journeys"),
            w.sep.join(w.entity_link("journey", j, here) for j in design.journeys),
        ),
        *figures,
        (t("design_required"), _required(pc, design)),
        (t("design_drawn"), t("design_per_stage") if design.per_stage else t("design_once")),
    ]


def _required(pc: PageContext, design: SampleDesign) -> str:
    """The sample its own figures need (per stage when drawn at each stage), ✓ or ✗
    against the planned one; "" while a figure is missing."""
    plan = sample_plan(None, design)
    need = plan.required
    if need is None:
        return ""
    shown = format_count(need)
    if plan.sample_size is not None:
        shown += " ✓" if plan.sample_size >= need else " ✗"
    return pc.w.plain(shown)


def _quotas(pc: PageContext, design: SampleDesign, here: str) -> str:
    """The quotas by segment or language, and what they add up to against the plan."""
    if not design.quotas:
        return ""
    w, t = pc.w, pc.w.t
    rows = [
        (
            w.entity_link("segment", q.segment, here) if q.segment else "",
            w.languages([q.language]) if q.language else "",
            w.plain(format_count(q.sample_size)),
        )
        for q in design.quotas
    ]
    table = w.table([t("segment"), t("language"), t("sample_size")], rows)
    total = sum(q.sample_size for q in design.quotas)
    line = t("quotas_total").format(total=count_text(total, "response", w.lang))
    if design.sample_size is not None:
        line += " " + t("quotas_of_planned").format(planned=format_count(design.sample_size))
    return f"\n{t('quotas')}:\n\n{table}\n{w.plain(line)}\n"


def _entries(pc: PageContext, design: SampleDesign, here: str) -> str:
    """The plan entries the design samples: journey, metric, where, and the entry's own
    figures the design's replace (CX226; the column only when an entry states any)."""
    w, t = pc.w, pc.w.t
    rows = [
        [
            w.entity_link("journey", journey.id, here),
            w.entity_link("metric", m.metric, here),
            _where(pc, journey, m),
            ignored_figures(pc, m, design),
        ]
        for journey in pc.journeys()
        for m in journey.measurement_plan
        if m.design == design.id
    ]
    if not rows:
        return ""
    headers = [t("journey"), t("metric"), t("where"), t("design_entry_ignored")]
    if not any(row[-1] for row in rows):
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    return f"\n{t('design_entries')}:\n\n" + w.table(headers, rows)


def _where(pc: PageContext, journey: Journey, m: Measurement) -> str:
    w = pc.w
    parts = [trigger_cell(pc, journey, m.trigger)]
    if m.stages == "each":
        parts.append(w.t("each_stage"))
    elif m.stages:
        titles = {stage.id: w.inline(stage.title) for stage in journey.stages}
        parts.append(w.sep.join(titles.get(s) or f"{w.plain(s)} ⚠" for s in m.stages))
    return "<br>".join(part for part in parts if part)


def ignored_figures(pc: PageContext, m: Measurement, design: SampleDesign) -> str:
    """The figures an entry states that its design states too (the design's count)."""
    w = pc.w
    shown = [
        f"{w.t(f'design_{name}')}: {SHOW[name](own)}"
        for name in PLAN_FIGURES
        if (own := getattr(m, name)) is not None and getattr(design, name) is not None
    ]
    return w.plain(clause_separator(w.lang).join(shown))
