"""Texts for diagrams: pick a language, isolate mixed-direction runs, wrap lines.

Arabic labels are stored in logical order and shaped by the viewer (browser or pango).
What cxdsl adds is *direction*: each Arabic line is wrapped in RLI…PDI so it reads right
to left whatever the base direction of the SVG text, and inside it every Latin word and
every number with its sign or unit (``+2``, ``-1``, ``38%``) is wrapped in LRI…PDI so it
is not reordered ("2+" instead of "+2"). These controls are generated here, never taken
from a model file: the loader refuses them there (CX215).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

RLI, LRI, PDI = "\u2067", "\u2066", "\u2069"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

#: Control and format characters a model text must not smuggle into a diagram.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]"
)
#: A left-to-right run inside right-to-left text: Latin words and numbers, with the
#: spaces, signs and punctuation between them.
_LTR_RUN = re.compile(
    r"[+\-−]?[0-9A-Za-z\u00c0-\u024f][0-9A-Za-z\u00c0-\u024f.,:/%_\-+'’ ]*"
    r"[0-9A-Za-z\u00c0-\u024f%]|[+\-−]?[0-9A-Za-z]"
)


#: Characters that can start Markdown or HTML syntax anywhere in a line (emphasis, code,
#: links, images, raw HTML, entities, table cells, attribute lists, extensions' marks).
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>&|!~^=]")
#: At the start of a text, these also start blocks (headings, lists, quotes).
_BLOCK_START = re.compile(r"^(\s*)([#+\->]|\d+(?=[.)]))")


def _entities(text: str) -> str:
    text = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    return _BLOCK_START.sub(
        lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text
    )


def escape_markdown(text: str, rtl: bool = False) -> str:
    """Plain text as inline Markdown that renders exactly as written."""
    text = clean(text)
    if not rtl:
        return _entities(text).replace("\n", "<br>")
    out, last = [], 0
    for match in _LTR_RUN.finditer(text):
        out.append(_entities(text[last : match.start()]))
        out.append(f'<bdi dir="ltr">{_entities(match.group())}</bdi>')
        last = match.end()
    out.append(_entities(text[last:]))
    return "".join(out).replace("\n", "<br>")


def is_rtl(lang: str) -> bool:
    return lang.split("-")[0] in RTL_LANGUAGES


def clean(text: str) -> str:
    """Drop control and bidi-format characters; normalise to NFC."""
    return unicodedata.normalize("NFC", _UNSAFE.sub("", text))


@dataclass(frozen=True)
class Localized:
    """A text in the requested language, or in another one (``fallback`` says which)."""

    text: str
    fallback: str | None = None


def localize(
    value: str | dict[str, str] | None, lang: str, languages: list[str] | tuple[str, ...] = ()
) -> Localized:
    """The text in ``lang``; else the first available workspace language, marked."""
    if value is None:
        return Localized("")
    if isinstance(value, str):
        return Localized(clean(value))
    if lang in value:
        return Localized(clean(value[lang]))
    for other in (*languages, *sorted(value)):
        if other in value:
            return Localized(clean(value[other]), fallback=other)
    return Localized("")


def isolate(text: str, lang: str) -> str:
    """Wrap ``text`` for display in a ``lang`` diagram (see the module docstring)."""
    if not is_rtl(lang) or not text:
        return text
    inner = _LTR_RUN.sub(lambda m: f"{LRI}{m.group()}{PDI}", text)
    return f"{RLI}{inner}{PDI}"


def strip_isolates(text: str) -> str:
    return text.replace(RLI, "").replace(LRI, "").replace(PDI, "")


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap; words longer than ``width`` are cut, so no line overflows."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            while len(word) > width:
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:width])
                word = word[width:]
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    lines = [line for line in lines if line] or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)] + "…"
    return lines


def signed(value: float) -> str:
    """``+2``, ``-1``, ``0``: emotions always show their sign."""
    number = f"{value:g}"
    return f"+{number}" if value > 0 else number


#: Every interface string, by key, in each language cxdsl is translated into. Keys
#: starting with value_ label enumerated model values (channel types, cadences, ...).
UI: dict[str, dict[str, str]] = {
    "journey_map": {"en": "Journey map", "ar": "خريطة رحلة العميل"},
    "service_blueprint": {"en": "Service blueprint", "ar": "المخطط التفصيلي للخدمة"},
    "emotion_curve": {"en": "Emotion curve", "ar": "منحنى المشاعر"},
    "customer_tree": {"en": "Customer tree", "ar": "شجرة العملاء"},
    "actor_map": {"en": "Actor map", "ar": "خريطة الجهات المنفذة"},
    "persona": {"en": "Persona", "ar": "الشخصية"},
    "personas": {"en": "Personas", "ar": "الشخصيات"},
    "stage": {"en": "Stage", "ar": "المرحلة"},
    "step": {"en": "Step", "ar": "الخطوة"},
    "steps": {"en": "steps", "ar": "خطوات"},
    "stages": {"en": "stages", "ar": "مراحل"},
    "channel": {"en": "Channel", "ar": "القناة"},
    "emotion": {"en": "Emotion", "ar": "المشاعر"},
    "pain_point": {"en": "Pain point", "ar": "نقطة ألم"},
    "pain_points": {"en": "pain points", "ar": "نقاط ألم"},
    "moment_of_truth": {"en": "Moment of truth", "ar": "لحظة الحقيقة"},
    "opportunity": {"en": "Opportunity", "ar": "فرصة تحسين"},
    "as-is": {"en": "as is", "ar": "الوضع الحالي"},
    "to-be": {"en": "to be", "ar": "الوضع المستهدف"},
    "physical_evidence": {"en": "Physical evidence", "ar": "الشواهد المادية"},
    "customer_actions": {"en": "Customer actions", "ar": "إجراءات العميل"},
    "front_stage": {"en": "Front-stage actions", "ar": "إجراءات الواجهة الأمامية"},
    "line_of_visibility": {"en": "line of visibility", "ar": "خط الرؤية"},
    "back_stage": {"en": "Back-stage actions", "ar": "إجراءات الخلفية"},
    "support": {"en": "Support processes and systems", "ar": "العمليات الداعمة والأنظمة"},
    "partner": {"en": "partner entity", "ar": "جهة شريكة"},
    "front_stage_actor": {"en": "front stage", "ar": "الواجهة الأمامية"},
    "back_stage_actor": {"en": "back stage", "ar": "الخلفية"},
    "support_actor": {"en": "support", "ar": "دعم"},
    "system": {"en": "system", "ar": "نظام"},
    "journeys": {"en": "Journeys", "ar": "الرحلات"},
    "volume": {"en": "est. volume", "ar": "الحجم التقديري"},
    "branch": {"en": "branch", "ar": "تفرّع"},
    "loop": {"en": "loop", "ar": "تكرار"},
    "failure": {"en": "failure", "ar": "تعثّر"},
    "next": {"en": "next", "ar": "التالي"},
    "based_on": {"en": "compared with", "ar": "مقارنة بـ"},
    "no_emotion": {"en": "no emotion recorded", "ar": "لم تُسجَّل المشاعر"},
    "one_step": {"en": "step", "ar": "خطوة"},
    "legend": {"en": "Legend", "ar": "مفتاح الرموز"},
    "low": {"en": "low severity", "ar": "خطورة منخفضة"},
    "medium": {"en": "medium severity", "ar": "خطورة متوسطة"},
    "high": {"en": "high severity", "ar": "خطورة عالية"},
    # site pages
    "text_alternative": {"en": "Text alternative", "ar": "البديل النصي"},
    "other_personas": {"en": "Other personas", "ar": "شخصيات أخرى"},
    "segments": {"en": "Segments", "ar": "الشرائح"},
    "state": {"en": "State", "ar": "الحالة"},
    "life_event": {"en": "Life event", "ar": "الحدث الحياتي"},
    "scenario": {"en": "Scenario", "ar": "السيناريو"},
    "value_sought": {"en": "Value sought", "ar": "القيمة المنشودة"},
    "owner": {"en": "Owner", "ar": "المالك"},
    "stakeholders": {"en": "Stakeholders", "ar": "الأطراف ذات العلاقة"},
    "field": {"en": "Field", "ar": "البند"},
    "value": {"en": "Value", "ar": "القيمة"},
    "see_comparison": {
        "en": "Compare with the as-is journey, step by step",
        "ar": "قارن بالوضع الحالي خطوة بخطوة",
    },
    "steps_title": {"en": "Steps", "ar": "الخطوات"},
    "actors_and_systems": {"en": "Actors and systems", "ar": "الجهات المنفذة والأنظمة"},
    "accepted": {"en": "accepted", "ar": "مقبولة"},
    "actors": {"en": "Actors", "ar": "الجهات المنفذة"},
    "systems": {"en": "Systems", "ar": "الأنظمة"},
    "effort": {"en": "Effort", "ar": "الجهد"},
    "pain_points_title": {"en": "Pain points", "ar": "نقاط الألم"},
    "opportunities": {"en": "Opportunities", "ar": "فرص التحسين"},
    "moments_of_truth": {"en": "Moments of truth", "ar": "لحظات الحقيقة"},
    "measured_by": {"en": "Measured by", "ar": "يُقاس بـ"},
    "evidence_title": {"en": "Evidence", "ar": "الشواهد"},
    "evidence": {"en": "Evidence", "ar": "الشاهد"},
    "supports": {"en": "Supports", "ar": "يدعم"},
    "whole_journey": {"en": "The whole journey", "ar": "الرحلة كاملة"},
    "measurement_plan": {"en": "Measurement plan", "ar": "خطة القياس"},
    "metric": {"en": "Metric", "ar": "المؤشر"},
    "instrument": {"en": "Instrument", "ar": "أداة القياس"},
    "trigger": {"en": "Trigger", "ar": "نقطة القياس"},
    "cadence": {"en": "Cadence", "ar": "الدورية"},
    "target": {"en": "Target", "ar": "المستهدف"},
    "baseline": {"en": "Baseline", "ar": "خط الأساس"},
    "sample_planned_required": {
        "en": "Sample (planned / required)",
        "ar": "العينة (المخطط / المطلوب)",
    },
    "minutes": {"en": "min", "ar": "دقيقة"},
    "visits": {"en": "visits", "ar": "زيارات"},
    "cost": {"en": "cost", "ar": "التكلفة"},
    "documents": {"en": "documents", "ar": "مستندات"},
    "comparison": {"en": "As-is vs to-be", "ar": "الوضع الحالي مقابل المستهدف"},
    "added": {"en": "added", "ar": "أضيفت"},
    "removed": {"en": "removed", "ar": "أزيلت"},
    "unchanged": {"en": "unchanged", "ar": "دون تغيير"},
    "change": {"en": "Change", "ar": "التغيير"},
    "step_by_step": {"en": "Step by step", "ar": "خطوة بخطوة"},
    "age_range": {"en": "Age", "ar": "العمر"},
    "occupation": {"en": "Occupation", "ar": "المهنة"},
    "languages": {"en": "Languages", "ar": "اللغات"},
    "preferred_channels": {"en": "Preferred channels", "ar": "القنوات المفضلة"},
    "goals": {"en": "Goals", "ar": "الأهداف"},
    "needs": {"en": "Needs", "ar": "الاحتياجات"},
    "pains": {"en": "Pains", "ar": "الآلام"},
    "expectations": {"en": "Expectations", "ar": "التوقعات"},
    "accessibility_needs": {"en": "Accessibility needs", "ar": "احتياجات الوصول"},
    "context": {"en": "Context", "ar": "السياق"},
    "social": {"en": "Social", "ar": "اجتماعي"},
    "financial": {"en": "Financial", "ar": "مالي"},
    "psychological": {"en": "Psychological", "ar": "نفسي"},
    "journeys_title": {"en": "Journeys", "ar": "الرحلات"},
    "metrics_title": {"en": "Metrics", "ar": "المؤشرات"},
    "channels": {"en": "Channels", "ar": "القنوات"},
    "check_clean": {"en": "The last check found no problems.", "ar": "لم يجد آخر فحص أي مشكلة."},
    "errors": {"en": "errors", "ar": "أخطاء"},
    "warnings": {"en": "warnings", "ar": "تحذيرات"},
    "last_check": {"en": "Last check", "ar": "نتيجة آخر فحص"},
    "journeys_by_life_event": {"en": "Journeys by life event", "ar": "الرحلات حسب الحدث الحياتي"},
    "measurement_coverage": {"en": "Measurement coverage", "ar": "تغطية القياس"},
    "indicator": {"en": "Indicator", "ar": "المؤشر"},
    "moments_covered": {"en": "Moments of truth measured", "ar": "لحظات الحقيقة المقيسة"},
    "journeys_with_plan": {"en": "Journeys with a measurement plan", "ar": "رحلات لها خطة قياس"},
    "steps_measured": {"en": "Steps measured", "ar": "الخطوات المقيسة"},
    "coverage_matrix": {"en": "Coverage matrix", "ar": "مصفوفة التغطية"},
    "parent": {"en": "Parent segment", "ar": "الشريحة الأم"},
    "criteria": {"en": "Criteria", "ar": "المعايير"},
    "summary": {"en": "Summary", "ar": "الملخص"},
    "journey": {"en": "Journey", "ar": "الرحلة"},
    "type": {"en": "Type", "ar": "النوع"},
    "unit": {"en": "Unit", "ar": "الوحدة"},
    "direction": {"en": "Direction", "ar": "الاتجاه"},
    "value_higher_is_better": {"en": "higher is better", "ar": "الأعلى أفضل"},
    "value_lower_is_better": {"en": "lower is better", "ar": "الأقل أفضل"},
    "measured_in": {"en": "Measured in", "ar": "يُقاس في"},
    "instruments": {"en": "Instruments", "ar": "أدوات القياس"},
    "method": {"en": "Method", "ar": "الطريقة"},
    "event": {"en": "Event", "ar": "الحدث"},
    "question_id": {"en": "Id", "ar": "المعرّف"},
    "question": {"en": "Question", "ar": "السؤال"},
    "scale": {"en": "Scale", "ar": "المقياس"},
    "unmeasured_moments": {
        "en": "Moments of truth with no measurement",
        "ar": "لحظات حقيقة بلا قياس",
    },
    "unmeasured_steps": {"en": "Steps with no measurement", "ar": "خطوات بلا قياس"},
    "preferred_by": {"en": "Preferred by", "ar": "مفضلة لدى"},
    "metrics_collected_here": {"en": "Metrics collected here", "ar": "مؤشرات تُجمع هنا"},
    "organisation": {"en": "Organisation", "ar": "الجهة"},
    "owns_metrics": {"en": "Owns metrics", "ar": "يملك المؤشرات"},
    "owns_journeys": {"en": "Owns journeys", "ar": "يملك الرحلات"},
    "relation": {"en": "Relation", "ar": "العلاقة"},
    "interests": {"en": "Interests", "ar": "الاهتمامات"},
    "date": {"en": "Date", "ar": "التاريخ"},
    "sample_size": {"en": "Sample size", "ar": "حجم العينة"},
    "link": {"en": "Link", "ar": "الرابط"},
    "impact": {"en": "Impact", "ar": "الأثر"},
    "impact_help": {
        "en": "the steps that depend on it, i.e. what breaks if it is retired",
        "ar": "الخطوات المعتمدة عليه، أي ما يتأثر إن أوقف",
    },
    "check_report": {"en": "Check report", "ar": "تقرير الفحص"},
    "severity": {"en": "Severity", "ar": "الخطورة"},
    "code": {"en": "Code", "ar": "الرمز"},
    "location": {"en": "Location", "ar": "الموضع"},
    "message": {"en": "Message", "ar": "الرسالة"},
    "rules_catalogue": {"en": "Rules", "ar": "القواعد"},
    "error": {"en": "error", "ar": "خطأ"},
    "warning": {"en": "warning", "ar": "تحذير"},
    "info": {"en": "info", "ar": "معلومة"},
    "home": {"en": "Home", "ar": "الرئيسية"},
    "overview": {"en": "Overview", "ar": "نظرة عامة"},
    "other": {"en": "Other", "ar": "أخرى"},
    "catalogue": {"en": "Catalogue", "ar": "الدليل"},
    "catalog": {"en": "Catalog", "ar": "الكتالوج"},
    "value_continuous": {"en": "continuous", "ar": "مستمر"},
    "value_daily": {"en": "daily", "ar": "يومي"},
    "value_weekly": {"en": "weekly", "ar": "أسبوعي"},
    "value_monthly": {"en": "monthly", "ar": "شهري"},
    "value_quarterly": {"en": "quarterly", "ar": "ربع سنوي"},
    "value_yearly": {"en": "yearly", "ar": "سنوي"},
    "value_once": {"en": "once", "ar": "مرة واحدة"},
    "value_digital": {"en": "digital", "ar": "رقمية"},
    "value_mobile": {"en": "mobile", "ar": "جوال"},
    "value_physical": {"en": "physical", "ar": "حضورية"},
    "value_phone": {"en": "phone", "ar": "هاتفية"},
    "value_messaging": {"en": "messaging", "ar": "رسائل"},
    "value_self_service": {"en": "self-service", "ar": "خدمة ذاتية"},
    "value_partner": {"en": "partner", "ar": "شريك"},
    "value_front_stage": {"en": "front stage", "ar": "الواجهة الأمامية"},
    "value_back_stage": {"en": "back stage", "ar": "الخلفية"},
    "value_support": {"en": "support", "ar": "دعم"},
    "value_affected": {"en": "affected", "ar": "متأثر"},
    "value_parallel": {"en": "parallel", "ar": "موازٍ"},
    "value_regulator": {"en": "regulator", "ar": "جهة تنظيمية"},
    "value_interview": {"en": "interview", "ar": "مقابلة"},
    "value_survey": {"en": "survey", "ar": "استبيان"},
    "value_analytics": {"en": "analytics", "ar": "تحليلات"},
    "value_observation": {"en": "observation", "ar": "ملاحظة"},
    "value_mystery_shopper": {"en": "mystery shopper", "ar": "المتسوق الخفي"},
    "value_focus_group": {"en": "focus group", "ar": "مجموعة تركيز"},
    "value_complaints": {"en": "complaints log", "ar": "سجل الشكاوى"},
    "value_document": {"en": "document", "ar": "وثيقة"},
    "value_analytics_event": {"en": "analytics event", "ar": "حدث تحليلي"},
    "none": {"en": "none", "ar": "لا يوجد"},
    "not_translated": {"en": "Not translated into this language", "ar": "غير مترجم إلى هذه اللغة"},
}


def ui(key: str, lang: str) -> str:
    """A fixed interface string in ``lang`` (English when not translated)."""
    entry = UI[key]
    return entry.get(lang.split("-")[0], entry["en"])
