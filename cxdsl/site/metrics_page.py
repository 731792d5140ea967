"""The metrics page: every metric (facts, where it is measured, measured results), the
instruments that collect them, the sample designs and datasets that feed them, and the
named answer scales."""

from __future__ import annotations

from ..i18n import metric_type_name, unit_name
from ..model import Instrument, Metric
from ..paths import anchor_id
from .content import PageContext
from .dataset_view import datasets_section
from .instrument_view import answer_scales_section, instrument_section, question_ref
from .measured_pages import metric_block
from .more_table import more_table
from .other_pages import trigger_cell
from .sample_design_view import sample_designs_section

HERE = "metrics/index.md"


def metrics_page(pc: PageContext) -> str:
    w, t = pc.w, pc.w.t
    out = [f"# {t('metrics_title')}\n"]
    for metric in pc.metrics():
        out.append(f"\n## {w.inline(metric.name)} {{#metric-{anchor_id(metric.id)}}}\n")
        for text in (metric.description, metric.definition):
            if text:
                out.append(f"{w.inline(text)}\n")
        out.append(w.table([t("field"), t("value")], [(k, v) for k, v in _facts(pc, metric) if v]))
        if metric.components:
            rows = [
                (w.entity_link("metric", c.metric, HERE), w.plain(f"{c.weight:g}"))
                for c in metric.components
            ]
            out.append(f"\n{t('criteria')}:\n\n" + w.table([t("metric"), t("weight")], rows))
        out.append(more_table(pc, metric))
        out.append(f"\n{t('measured_in')}:\n\n")
        out.append(_where(pc, metric))
        measured = metric_block(pc, metric, HERE)
        if measured:  # only when the workspace has measured results
            out.append(measured)
    out.append(f"\n## {t('instruments')}\n")
    for inst, _ in pc.result.index.entities(Instrument):
        out.append(instrument_section(pc, inst, HERE, more_table(pc, inst)))
    out.append(sample_designs_section(pc, HERE))
    out.append(datasets_section(pc, HERE))
    out.append(answer_scales_section(pc, HERE))
    return "\n".join(out)


def _facts(pc: PageContext, metric: Metric) -> list[tuple[str, str]]:
    """A metric's facts as (label, Markdown) rows; empty values are left out by the caller."""
    w, t = pc.w, pc.w.t
    return [
        (t("type"), w.plain(metric_type_name(metric.type, w.lang))),
        (t("unit"), w.plain(unit_name(metric.unit, w.lang)) if metric.unit else ""),
        (t("direction"), w.value(metric.direction)),
        (t("owner"), w.entity_link("actor", metric.owner, HERE) if metric.owner else ""),
        (t("baseline"), w.plain(f"{metric.baseline:g}") if metric.baseline is not None else ""),
        (t("target"), w.plain(f"{metric.target:g}") if metric.target is not None else ""),
        (
            t("instrument"),
            w.entity_link("instrument", metric.instrument, HERE) if metric.instrument else "",
        ),
        (t("question"), question_ref(pc, metric.instrument, metric.question)),
    ]


def _where(pc: PageContext, metric: Metric) -> str:
    """The journeys whose measurement plan measures ``metric``, where and on what channel."""
    w, t = pc.w, pc.w.t
    where = [
        (
            w.entity_link("journey", journey.id, HERE),
            trigger_cell(pc, journey, m.trigger),
            w.entity_link("channel", m.channel, HERE) if m.channel else "",
        )
        for journey in pc.journeys()
        for m in journey.measurement_plan
        if m.metric == metric.id
    ]
    return w.table([t("journey"), t("trigger"), t("channel")], where)
