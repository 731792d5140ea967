"""Instruments on the metrics page: their facts, their questions with each answer scale's
labels («1 غير راضٍ إطلاقاً … 5 راضٍ جداً», not just "1–5"), and the named answer scales of
``cxdsl.yaml``."""

from __future__ import annotations

from itertools import pairwise

from ..export.options import AnswerOption, answer_options, labelled_ends
from ..i18n import language_name, localize
from ..model import Instrument, Question, ResponseScale
from ..paths import anchor_id
from ..rules.survey_languages import asked_in, scale_name
from .content import PageContext


def _option(pc: PageContext, option: AnswerOption) -> str:
    label = f" {pc.w.inline(option.label)}" if option.label is not None else ""
    return pc.w.plain(f"{option.value}") + label


def scale_summary(pc: PageContext, scale: ResponseScale) -> str:
    """A scale as its ends and labelled values, in order: «1 غير راضٍ إطلاقاً … 5 راضٍ جداً»;
    "…" stands for the values between two that are not next to each other."""
    shown = labelled_ends(scale)
    out = [_option(pc, shown[0])]
    for before, option in pairwise(shown):
        out.append(" · " if option.value - before.value == 1 else " … ")
        out.append(_option(pc, option))
    return "".join(out)


def scale_cell(pc: PageContext, question: Question) -> str:
    """A question's scale: its labelled values, and the name of a named scale (linked)."""
    scale = question.response_scale()
    if scale is None:
        return pc.w.plain(question.scale) if isinstance(question.scale, str) else ""
    name = scale_name(scale, pc.ctx.settings)
    ref = f" ([{pc.w.code(name)}](#answer-scale-{anchor_id(name)}))" if name else ""
    return scale_summary(pc, scale) + ref


def _wording(pc: PageContext, inst: Instrument, question: Question) -> str:
    """The question in the page's language, then in each other language the instrument is
    asked in that the site is not published in (an Indonesian wording)."""
    w = pc.w
    out = w.inline(question.text)
    if not isinstance(question.text, dict):
        return out
    for lang in asked_in(inst, pc.ctx.settings):
        if lang == w.lang or lang in pc.ctx.settings.languages or lang not in question.text:
            continue
        text = localize(question.text, lang).text
        out += f"<br>{w.plain(language_name(lang, w.lang))}: " + w.in_language(text, lang)
    return out


def instrument_section(pc: PageContext, inst: Instrument, here: str, more: str) -> str:
    """An instrument: its facts, its events, its questions and its "More" table."""
    w, t = pc.w, pc.w.t
    out = [f"\n### {w.inline(inst.name)} {{#instrument-{anchor_id(inst.id)}}}\n"]
    if inst.description:
        out.append(f"{w.inline(inst.description)}\n")
    languages = asked_in(inst, pc.ctx.settings)
    facts = [
        (t("method"), w.value(inst.method)),
        (t("owner"), w.entity_link("actor", inst.owner, here) if inst.owner else ""),
        (t("languages"), w.sep.join(w.plain(language_name(c, w.lang)) for c in languages)),
        (t("event"), w.code(inst.event) if inst.event else ""),
    ]
    out.append(w.table([t("field"), t("value")], [(k, v) for k, v in facts if v]))
    if inst.events:
        events = [(w.code(name), w.code(step)) for name, step in inst.events.items()]
        out.append("\n" + w.table([t("event"), t("step")], events))
    if inst.questions:
        rows = [
            (
                w.code(q.id),
                _wording(pc, inst, q),
                scale_cell(pc, q),
                w.t(q.measures) if q.measures else "",
            )
            for q in inst.questions
        ]
        headers = [t("question_id"), t("question"), t("scale"), t("question_measures")]
        out.append("\n" + w.table(headers, rows))
    out.append(more)
    return "\n".join(out)


def question_ref(pc: PageContext, instrument: str | None, question: str | None) -> str:
    """A metric's question: its text (linked to its instrument), else its id."""
    if not question:
        return ""
    inst = pc.result.index.entity("instrument", instrument) if instrument else None
    if isinstance(inst, Instrument):
        for found in inst.questions:
            if found.id == question:
                return f"[{pc.w.inline(found.text)}](#instrument-{anchor_id(inst.id)})"
    return pc.w.code(question)


def answer_scales_section(pc: PageContext, here: str) -> str:
    """The named answer scales of ``cxdsl.yaml``: every value with its label, and the
    questions that use each one."""
    w, t = pc.w, pc.w.t
    scales = pc.ctx.settings.answer_scales
    if not scales:
        return ""
    out = [f"\n## {t('answer_scales_title')}\n"]
    for name, scale in scales.items():
        # A heading is text (the search index and the table of contents show it as is).
        out.append(f"\n### {w.plain(name)} {{#answer-scale-{anchor_id(name)}}}\n")
        outside = [o for o in labelled_ends(scale) if not scale.min <= o.value <= scale.max]
        rows = [
            (w.plain(f"{o.value}"), w.inline(o.label) if o.label is not None else "")
            for o in sorted([*answer_options(scale), *outside], key=lambda o: o.value)
        ]
        out.append(w.table([t("value"), t("label")], rows))
        users = [
            f"{w.entity_link('instrument', inst.id, here)}: {w.code(q.id)}"
            for inst, _ in pc.result.index.entities(Instrument)
            for q in inst.questions
            if q.response_scale() is scale
        ]
        if users:
            out.append(f"\n{t('used_by')}: {w.sep.join(users)}\n")
    return "\n".join(out)
