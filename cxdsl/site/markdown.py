"""Model text into Markdown that stays text: escaped, isolated, marked when it falls back.

Everything a model file says reaches a page through ``inline``: HTML-escaped, every
Markdown punctuation character written as an entity (so ``*``, ``[x](javascript:…)`` or a
``|`` in a table cell are shown, never interpreted), and on right-to-left pages every
Latin or numeric run wrapped in ``<bdi dir="ltr">`` so ``+2`` never reads ``2+``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ..render.context import RenderContext
from ..render.i18n import clean, escape_markdown, ui

SAFE_SCHEMES = ("http", "https", "mailto")


class Writer:
    """Helpers bound to one language: text, links, tables."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self.rtl = ctx.rtl
        self.lang = ctx.lang
        #: The list separator of the language ("، " in Arabic).
        self.sep = "، " if ctx.rtl else ", "

    def t(self, key: str) -> str:
        return ui_text(key, self.lang)

    def inline(self, value: Any) -> str:
        """A model text in this page's language; a fallback is marked visibly."""
        local = self.ctx.local(value)
        body = escape_markdown(local.text, self.rtl)
        if local.fallback:
            return (f'<span class="cx-fallback" lang="{local.fallback}" '
                    f'title="{self.t("not_translated")}">{body} '
                    f'<small class="cx-badge">{local.fallback.upper()}</small></span>')
        return body

    def plain(self, text: str) -> str:
        return escape_markdown(text, self.rtl)

    def link(self, label_md: str, target: str) -> str:
        return f"[{label_md}]({target})"

    def entity_link(self, kind: str, ident: str | None, here: str) -> str:
        """A link to an entity's page or section, relative to the page at ``here``."""
        if not ident:
            return "—"
        entity = self.ctx.index.entity(kind, ident)
        label = self.plain(self.ctx.name_of(kind, ident))
        if entity is None:
            return f"{label} ⚠"
        return self.link(label, relative(here, entity_path(kind, ident)))

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        rows = list(rows)
        if not rows:
            return f"*{self.t('none')}*\n"
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"

    def bullets(self, values: Iterable[Any]) -> str:
        items = [f"- {self.inline(v)}" for v in values]
        return "\n".join(items) + "\n" if items else f"*{self.t('none')}*\n"


def safe_url(url: str | None) -> str | None:
    """Only http(s), mailto and relative links from model files; anything else is dropped."""
    if not url:
        return None
    url = clean(url).strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if url.startswith("//"):
        return None
    return html.escape(url, quote=True).replace("(", "%28").replace(")", "%29").replace(
        " ", "%20")


#: Where each kind of entity is documented (page, anchor).
_KIND_PAGES = {
    "persona": "personas/{id}.md", "journey": "journeys/{id}.md",
    "segment": "customer-tree.md#segment-{id}", "channel": "catalog/channels.md#channel-{id}",
    "actor": "catalog/actors.md#actor-{id}", "system": "catalog/systems.md#system-{id}",
    "stakeholder": "catalog/stakeholders.md#stakeholder-{id}",
    "evidence": "catalog/evidence.md#evidence-{id}", "metric": "metrics/index.md#metric-{id}",
    "instrument": "metrics/index.md#instrument-{id}",
}


def entity_path(kind: str, ident: str) -> str:
    return _KIND_PAGES[kind].format(id=anchor_id(ident))


def anchor_id(ident: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", ident)


def relative(here: str, target: str) -> str:
    """A relative link from the Markdown file ``here`` to ``target`` (both docs-relative)."""
    depth = here.count("/")
    return "../" * depth + target


_SITE_UI: dict[str, dict[str, str]] = {
    "text_alternative": {"en": 'Text alternative', "ar": 'البديل النصي'},
    "other_personas": {"en": 'Other personas', "ar": 'شخصيات أخرى'},
    "segments": {"en": 'Segments', "ar": 'الشرائح'},
    "state": {"en": 'State', "ar": 'الحالة'},
    "life_event": {"en": 'Life event', "ar": 'الحدث الحياتي'},
    "scenario": {"en": 'Scenario', "ar": 'السيناريو'},
    "value_sought": {"en": 'Value sought', "ar": 'القيمة المنشودة'},
    "owner": {"en": 'Owner', "ar": 'المالك'},
    "stakeholders": {"en": 'Stakeholders', "ar": 'الأطراف ذات العلاقة'},
    "field": {"en": 'Field', "ar": 'البند'},
    "value": {"en": 'Value', "ar": 'القيمة'},
    "see_comparison": {"en": 'Compare with the as-is journey, step by step',
                       "ar": 'قارن بالوضع الحالي خطوة بخطوة'},
    "steps_title": {"en": 'Steps', "ar": 'الخطوات'},
    "actors_and_systems": {"en": "Actors and systems", "ar": "الجهات المنفذة والأنظمة"},
    "accepted": {"en": "accepted", "ar": "مقبولة"},
    "actors": {"en": 'Actors', "ar": 'الجهات المنفذة'},
    "systems": {"en": 'Systems', "ar": 'الأنظمة'},
    "effort": {"en": 'Effort', "ar": 'الجهد'},
    "pain_points_title": {"en": 'Pain points', "ar": 'نقاط الألم'},
    "opportunities": {"en": 'Opportunities', "ar": 'فرص التحسين'},
    "moments_of_truth": {"en": 'Moments of truth', "ar": 'لحظات الحقيقة'},
    "measured_by": {"en": 'Measured by', "ar": 'يُقاس بـ'},
    "evidence_title": {"en": 'Evidence', "ar": 'الشواهد'},
    "evidence": {"en": 'Evidence', "ar": 'الشاهد'},
    "supports": {"en": 'Supports', "ar": 'يدعم'},
    "whole_journey": {"en": 'The whole journey', "ar": 'الرحلة كاملة'},
    "measurement_plan": {"en": 'Measurement plan', "ar": 'خطة القياس'},
    "metric": {"en": 'Metric', "ar": 'المؤشر'},
    "instrument": {"en": 'Instrument', "ar": 'أداة القياس'},
    "trigger": {"en": 'Trigger', "ar": 'نقطة القياس'},
    "cadence": {"en": 'Cadence', "ar": 'الدورية'},
    "target": {"en": 'Target', "ar": 'المستهدف'},
    "baseline": {"en": 'Baseline', "ar": 'خط الأساس'},
    "sample_planned_required": {"en": 'Sample (planned / required)',
                                "ar": 'العينة (المخطط / المطلوب)'},
    "minutes": {"en": 'min', "ar": 'دقيقة'},
    "visits": {"en": 'visits', "ar": 'زيارات'},
    "cost": {"en": 'cost', "ar": 'التكلفة'},
    "documents": {"en": 'documents', "ar": 'مستندات'},
    "comparison": {"en": 'As-is vs to-be', "ar": 'الوضع الحالي مقابل المستهدف'},
    "added": {"en": 'added', "ar": 'أضيفت'},
    "removed": {"en": 'removed', "ar": 'أزيلت'},
    "unchanged": {"en": 'unchanged', "ar": 'دون تغيير'},
    "change": {"en": 'Change', "ar": 'التغيير'},
    "step_by_step": {"en": 'Step by step', "ar": 'خطوة بخطوة'},
    "age_range": {"en": 'Age', "ar": 'العمر'},
    "occupation": {"en": 'Occupation', "ar": 'المهنة'},
    "languages": {"en": 'Languages', "ar": 'اللغات'},
    "preferred_channels": {"en": 'Preferred channels', "ar": 'القنوات المفضلة'},
    "goals": {"en": 'Goals', "ar": 'الأهداف'},
    "needs": {"en": 'Needs', "ar": 'الاحتياجات'},
    "pains": {"en": 'Pains', "ar": 'الآلام'},
    "expectations": {"en": 'Expectations', "ar": 'التوقعات'},
    "accessibility_needs": {"en": 'Accessibility needs', "ar": 'احتياجات الوصول'},
    "context": {"en": 'Context', "ar": 'السياق'},
    "social": {"en": 'Social', "ar": 'اجتماعي'},
    "financial": {"en": 'Financial', "ar": 'مالي'},
    "psychological": {"en": 'Psychological', "ar": 'نفسي'},
    "journeys_title": {"en": 'Journeys', "ar": 'الرحلات'},
    "metrics_title": {"en": 'Metrics', "ar": 'المؤشرات'},
    "channels": {"en": 'Channels', "ar": 'القنوات'},
    "check_clean": {"en": 'The last check found no problems.', "ar": 'لم يجد آخر فحص أي مشكلة.'},
    "errors": {"en": 'errors', "ar": 'أخطاء'},
    "warnings": {"en": 'warnings', "ar": 'تحذيرات'},
    "last_check": {"en": 'Last check', "ar": 'نتيجة آخر فحص'},
    "journeys_by_life_event": {"en": 'Journeys by life event', "ar": 'الرحلات حسب الحدث الحياتي'},
    "measurement_coverage": {"en": 'Measurement coverage', "ar": 'تغطية القياس'},
    "indicator": {"en": 'Indicator', "ar": 'المؤشر'},
    "moments_covered": {"en": 'Moments of truth measured', "ar": 'لحظات الحقيقة المقيسة'},
    "journeys_with_plan": {"en": 'Journeys with a measurement plan', "ar": 'رحلات لها خطة قياس'},
    "steps_measured": {"en": 'Steps measured', "ar": 'الخطوات المقيسة'},
    "coverage_matrix": {"en": 'Coverage matrix', "ar": 'مصفوفة التغطية'},
    "parent": {"en": 'Parent segment', "ar": 'الشريحة الأم'},
    "criteria": {"en": 'Criteria', "ar": 'المعايير'},
    "summary": {"en": 'Summary', "ar": 'الملخص'},
    "journey": {"en": 'Journey', "ar": 'الرحلة'},
    "type": {"en": 'Type', "ar": 'النوع'},
    "unit": {"en": 'Unit', "ar": 'الوحدة'},
    "direction": {"en": 'Direction', "ar": 'الاتجاه'},
    "higher_is_better": {"en": 'higher is better', "ar": 'الأعلى أفضل'},
    "lower_is_better": {"en": 'lower is better', "ar": 'الأقل أفضل'},
    "measured_in": {"en": 'Measured in', "ar": 'يُقاس في'},
    "instruments": {"en": 'Instruments', "ar": 'أدوات القياس'},
    "method": {"en": 'Method', "ar": 'الطريقة'},
    "event": {"en": 'Event', "ar": 'الحدث'},
    "question_id": {"en": 'Id', "ar": 'المعرّف'},
    "question": {"en": 'Question', "ar": 'السؤال'},
    "scale": {"en": 'Scale', "ar": 'المقياس'},
    "unmeasured_moments": {"en": 'Moments of truth with no measurement',
                           "ar": 'لحظات حقيقة بلا قياس'},
    "unmeasured_steps": {"en": 'Steps with no measurement', "ar": 'خطوات بلا قياس'},
    "preferred_by": {"en": 'Preferred by', "ar": 'مفضلة لدى'},
    "metrics_collected_here": {"en": 'Metrics collected here', "ar": 'مؤشرات تُجمع هنا'},
    "organisation": {"en": 'Organisation', "ar": 'الجهة'},
    "owns_metrics": {"en": 'Owns metrics', "ar": 'يملك المؤشرات'},
    "owns_journeys": {"en": 'Owns journeys', "ar": 'يملك الرحلات'},
    "relation": {"en": 'Relation', "ar": 'العلاقة'},
    "interests": {"en": 'Interests', "ar": 'الاهتمامات'},
    "date": {"en": 'Date', "ar": 'التاريخ'},
    "sample_size": {"en": 'Sample size', "ar": 'حجم العينة'},
    "link": {"en": 'Link', "ar": 'الرابط'},
    "impact": {"en": 'Impact', "ar": 'الأثر'},
    "impact_help": {"en": 'the steps that depend on it, i.e. what breaks if it is retired',
                    "ar": 'الخطوات المعتمدة عليه، أي ما يتأثر إن أوقف'},
    "check_report": {"en": 'Check report', "ar": 'تقرير الفحص'},
    "severity": {"en": 'Severity', "ar": 'الخطورة'},
    "code": {"en": 'Code', "ar": 'الرمز'},
    "location": {"en": 'Location', "ar": 'الموضع'},
    "message": {"en": 'Message', "ar": 'الرسالة'},
    "rules_catalogue": {"en": 'Rules', "ar": 'القواعد'},
    "error": {"en": 'error', "ar": 'خطأ'},
    "warning": {"en": 'warning', "ar": 'تحذير'},
    "info": {"en": 'info', "ar": 'معلومة'},
    "home": {"en": 'Home', "ar": 'الرئيسية'},
    "overview": {"en": 'Overview', "ar": 'نظرة عامة'},
    "other": {"en": 'Other', "ar": 'أخرى'},
    "catalogue": {"en": 'Catalogue', "ar": 'الدليل'},
    "catalog": {"en": 'Catalog', "ar": 'الكتالوج'},
    "continuous": {"en": 'continuous', "ar": 'مستمر'},
    "daily": {"en": 'daily', "ar": 'يومي'},
    "weekly": {"en": 'weekly', "ar": 'أسبوعي'},
    "monthly": {"en": 'monthly', "ar": 'شهري'},
    "quarterly": {"en": 'quarterly', "ar": 'ربع سنوي'},
    "yearly": {"en": 'yearly', "ar": 'سنوي'},
    "once": {"en": 'once', "ar": 'مرة واحدة'},
    "digital": {"en": 'digital', "ar": 'رقمية'},
    "mobile": {"en": 'mobile', "ar": 'جوال'},
    "physical": {"en": 'physical', "ar": 'حضورية'},
    "phone": {"en": 'phone', "ar": 'هاتفية'},
    "messaging": {"en": 'messaging', "ar": 'رسائل'},
    "self_service": {"en": 'self-service', "ar": 'خدمة ذاتية'},
    "partner": {"en": 'partner', "ar": 'شريك'},
    "front_stage": {"en": 'front stage', "ar": 'الواجهة الأمامية'},
    "back_stage": {"en": 'back stage', "ar": 'الخلفية'},
    "support": {"en": 'support', "ar": 'دعم'},
    "affected": {"en": 'affected', "ar": 'متأثر'},
    "parallel": {"en": 'parallel', "ar": 'موازٍ'},
    "regulator": {"en": 'regulator', "ar": 'جهة تنظيمية'},
    "interview": {"en": 'interview', "ar": 'مقابلة'},
    "survey": {"en": 'survey', "ar": 'استبيان'},
    "analytics": {"en": 'analytics', "ar": 'تحليلات'},
    "observation": {"en": 'observation', "ar": 'ملاحظة'},
    "mystery_shopper": {"en": 'mystery shopper', "ar": 'المتسوق الخفي'},
    "focus_group": {"en": 'focus group', "ar": 'مجموعة تركيز'},
    "complaints": {"en": 'complaints log', "ar": 'سجل الشكاوى'},
    "document": {"en": 'document', "ar": 'وثيقة'},
    "analytics_event": {"en": 'analytics event', "ar": 'حدث تحليلي'},
    "none": {"en": "none", "ar": "لا يوجد"},
    "not_translated": {"en": "Not translated into this language",
                       "ar": "غير مترجم إلى هذه اللغة"},
}


def ui_text(key: str, lang: str) -> str:
    entry = _SITE_UI.get(key)
    if entry is not None:
        return entry.get(lang.split("-")[0], entry["en"])
    try:
        return ui(key, lang)
    except KeyError:
        return key.replace("_", " ")
