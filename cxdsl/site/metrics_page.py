"""The metrics page: every metric (facts, where it is measured, measured results) and the
instruments that collect them."""

from __future__ import annotations

from ..model import Instrument
from ..paths import anchor_id
from .content import PageContext
from .measured_pages import metric_block
from .other_pages import trigger_cell


def metrics_page(pc: PageContext) -> str:
    w, t = pc.w, pc.w.t
    here = "metrics/index.md"
    out = [f"# {t('metrics_title')}\n"]
    for metric in pc.metrics():
        out.append(f"\n## {w.inline(metric.name)} {{#metric-{anchor_id(metric.id)}}}\n")
        if metric.definition:
            out.append(f"{w.inline(metric.definition)}\n")
        facts = [
            (
                t("type"),
                w.plain(
                    metric.type.upper() if len(metric.type) <= 4 else metric.type.replace("_", " ")
                ),
            ),
            (t("unit"), w.plain(metric.unit or "")),
            (t("direction"), w.value(metric.direction)),
            (t("owner"), w.entity_link("actor", metric.owner, here) if metric.owner else ""),
            (t("baseline"), w.plain(f"{metric.baseline:g}") if metric.baseline is not None else ""),
            (t("target"), w.plain(f"{metric.target:g}") if metric.target is not None else ""),
            (
                t("instrument"),
                w.entity_link("instrument", metric.instrument, here) if metric.instrument else "",
            ),
        ]
        out.append(w.table([t("field"), t("value")], [(k, v) for k, v in facts if v]))
        where = []
        for journey in pc.journeys():
            for m in journey.measurement_plan:
                if m.metric == metric.id:
                    where.append(
                        (
                            w.entity_link("journey", journey.id, here),
                            trigger_cell(pc, journey, m.trigger),
                            w.entity_link("channel", m.channel, here) if m.channel else "",
                        )
                    )
        out.append(f"\n{t('measured_in')}:\n\n")
        out.append(w.table([t("journey"), t("trigger"), t("channel")], where))
        measured = metric_block(pc, metric, here)
        if measured:  # only when the workspace has measured results
            out.append(measured)
    out += _instruments(pc)
    return "\n".join(out)


def _instruments(pc: PageContext) -> list[str]:
    """The metrics page's instruments: method, event and questions of each."""
    w, t, index = pc.w, pc.w.t, pc.result.index
    out = [f"\n## {t('instruments')}\n"]
    for doc in index.docs("instrument"):
        inst = doc.entity
        assert isinstance(inst, Instrument)
        out.append(f"\n### {w.inline(inst.name)} {{#instrument-{anchor_id(inst.id)}}}\n")
        out.append(f"{t('method')}: {w.value(inst.method)}\n")
        if inst.event:
            out.append(f"\n{t('event')}: `{w.plain(inst.event)}`\n")
        if inst.questions:
            rows = [
                (
                    w.plain(q.id),
                    w.inline(q.text),
                    w.plain(f"{s.min}–{s.max}") if (s := q.response_scale()) else "",
                )
                for q in inst.questions
            ]
            out.append("\n" + w.table([t("question_id"), t("question"), t("scale")], rows))
    return out
