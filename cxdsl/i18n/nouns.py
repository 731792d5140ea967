"""Counted nouns: the form of each noun for each CLDR plural category, per language.

``{n}`` is the number as shown. Arabic writes one and two without the numeral (the noun
with «واحد/واحدة», and the dual); three to ten take the plural, eleven to ninety-nine the
accusative singular (``15 يومًا``), hundreds and zero the singular. English has one and
other. ``tests/test_plurals.py`` checks that every noun has a form for every category of
every shipped language.
"""

from __future__ import annotations


def _en(one: str, other: str) -> dict[str, str]:
    return {"one": f"{{n}} {one}", "other": f"{{n}} {other}"}


def _ar(one: str, two: str, few: str, many: str, other: str) -> dict[str, str]:
    """Arabic forms: ``one`` and ``two`` are written whole; the rest follow the number."""
    return {
        "zero": f"{{n}} {other}",
        "one": one,
        "two": two,
        "few": f"{{n}} {few}",
        "many": f"{{n}} {many}",
        "other": f"{{n}} {other}",
    }


NOUNS_EN: dict[str, dict[str, str]] = {
    "step": _en("step", "steps"),
    "stage": _en("stage", "stages"),
    "persona": _en("persona", "personas"),
    "segment": _en("segment", "segments"),
    "journey": _en("journey", "journeys"),
    "visit": _en("visit", "visits"),
    "minute": _en("minute", "minutes"),
    "hour": _en("hour", "hours"),
    "day": _en("day", "days"),
    "year": _en("year", "years"),
    "document": _en("document", "documents"),
    "response": _en("response", "responses"),
    "page": _en("page", "pages"),
    "change": _en("change", "changes"),
    "finding": _en("finding", "findings"),
    "error": _en("error", "errors"),
    "warning": _en("warning", "warnings"),
    "metric": _en("metric", "metrics"),
    "question": _en("question", "questions"),
    "period": _en("period", "periods"),
    "diagram": _en("diagram", "diagrams"),
    "actor": _en("actor", "actors"),
    "system": _en("system", "systems"),
    "pain_point": _en("pain point", "pain points"),
    "metre": _en("metre", "metres"),
    "beneficiary": _en("beneficiary", "beneficiaries"),
}

NOUNS_AR: dict[str, dict[str, str]] = {
    "step": _ar("خطوة واحدة", "خطوتان", "خطوات", "خطوة", "خطوة"),
    "stage": _ar("مرحلة واحدة", "مرحلتان", "مراحل", "مرحلة", "مرحلة"),
    "persona": _ar("شخصية واحدة", "شخصيتان", "شخصيات", "شخصية", "شخصية"),
    "segment": _ar("شريحة واحدة", "شريحتان", "شرائح", "شريحة", "شريحة"),
    "journey": _ar("رحلة واحدة", "رحلتان", "رحلات", "رحلة", "رحلة"),
    "visit": _ar("زيارة واحدة", "زيارتان", "زيارات", "زيارة", "زيارة"),
    "minute": _ar("دقيقة واحدة", "دقيقتان", "دقائق", "دقيقة", "دقيقة"),
    "hour": _ar("ساعة واحدة", "ساعتان", "ساعات", "ساعة", "ساعة"),
    "day": _ar("يوم واحد", "يومان", "أيام", "يومًا", "يوم"),
    "year": _ar("سنة واحدة", "سنتان", "سنوات", "سنة", "سنة"),
    "document": _ar("مستند واحد", "مستندان", "مستندات", "مستندًا", "مستند"),
    "response": _ar("إجابة واحدة", "إجابتان", "إجابات", "إجابة", "إجابة"),
    "page": _ar("صفحة واحدة", "صفحتان", "صفحات", "صفحة", "صفحة"),
    "change": _ar("تغيير واحد", "تغييران", "تغييرات", "تغييرًا", "تغيير"),
    "finding": _ar("ملاحظة واحدة", "ملاحظتان", "ملاحظات", "ملاحظة", "ملاحظة"),
    "error": _ar("خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ"),
    "warning": _ar("تحذير واحد", "تحذيران", "تحذيرات", "تحذيرًا", "تحذير"),
    "metric": _ar("مؤشر واحد", "مؤشران", "مؤشرات", "مؤشرًا", "مؤشر"),
    "question": _ar("سؤال واحد", "سؤالان", "أسئلة", "سؤالًا", "سؤال"),
    "period": _ar("فترة واحدة", "فترتان", "فترات", "فترة", "فترة"),
    "diagram": _ar("مخطط واحد", "مخططان", "مخططات", "مخططًا", "مخطط"),
    "actor": _ar("جهة واحدة", "جهتان", "جهات", "جهة", "جهة"),
    "system": _ar("نظام واحد", "نظامان", "أنظمة", "نظامًا", "نظام"),
    "pain_point": _ar("نقطة ألم واحدة", "نقطتا ألم", "نقاط ألم", "نقطة ألم", "نقطة ألم"),
    "metre": _ar("متر واحد", "متران", "أمتار", "مترًا", "متر"),
    "beneficiary": _ar("مستفيد واحد", "مستفيدان", "مستفيدين", "مستفيدًا", "مستفيد"),
}

#: Noun forms by shipped language; a language cxdsl is not translated into counts in English.
NOUNS: dict[str, dict[str, dict[str, str]]] = {"en": NOUNS_EN, "ar": NOUNS_AR}
