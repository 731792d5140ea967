"""Counted nouns: the form of each noun for each CLDR plural category, per language.

``{n}`` is the number as shown. Arabic writes one and two without the numeral (the noun
with «واحد/واحدة», and the dual); three to ten take the plural, eleven to ninety-nine the
accusative singular (``15 يومًا``), hundreds and zero the singular. English has one and
other. The Arabic dual changes with the case (:data:`OBLIQUE_TWO`).
``tests/test_plurals.py`` checks that every noun has a form for every category of every
shipped language.
"""

from __future__ import annotations

#: The Arabic dual after a preposition or as an object («أقل من إجابتين», not «إجابتان»);
#: the other forms of a count do not change with its case.
OBLIQUE_TWO = "two:oblique"


def _en(one: str, other: str) -> dict[str, str]:
    return {"one": f"{{n}} {one}", "other": f"{{n}} {other}"}


def _ar(one: str, two: tuple[str, str], few: str, many: str, other: str) -> dict[str, str]:
    """Arabic forms: ``one`` and the dual (nominative, then after a preposition) are
    written whole; the rest follow the number."""
    return {
        "zero": f"{{n}} {other}",
        "one": one,
        "two": two[0],
        OBLIQUE_TWO: two[1],
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
    "instrument": _en("instrument", "instruments"),
    "channel": _en("channel", "channels"),
    "stakeholder": _en("stakeholder", "stakeholders"),
    "evidence": _en("evidence entry", "evidence entries"),
    "dataset": _en("dataset", "datasets"),
    "sample_design": _en("sample design", "sample designs"),
    "visit": _en("visit", "visits"),
    "minute": _en("minute", "minutes"),
    "hour": _en("hour", "hours"),
    "day": _en("day", "days"),
    "month": _en("month", "months"),
    "year": _en("year", "years"),
    "document": _en("document", "documents"),
    "response": _en("response", "responses"),
    "page": _en("page", "pages"),
    "change": _en("change", "changes"),
    "finding": _en("finding", "findings"),
    "error": _en("error", "errors"),
    "warning": _en("warning", "warnings"),
    "note": _en("note", "notes"),
    "metric": _en("metric", "metrics"),
    "question": _en("question", "questions"),
    "period": _en("period", "periods"),
    "diagram": _en("diagram", "diagrams"),
    "actor": _en("actor", "actors"),
    "system": _en("system", "systems"),
    "pain_point": _en("pain point", "pain points"),
    "metre": _en("metre", "metres"),
    "high_pain": _en("high-severity pain point", "high-severity pain points"),
    "painful_unmeasured": _en(
        "painful step without measurement", "painful steps without measurement"
    ),
    "beneficiary": _en("beneficiary", "beneficiaries"),
    "point": _en("point", "points"),
}

NOUNS_AR: dict[str, dict[str, str]] = {
    "step": _ar("خطوة واحدة", ("خطوتان", "خطوتين"), "خطوات", "خطوة", "خطوة"),
    "stage": _ar("مرحلة واحدة", ("مرحلتان", "مرحلتين"), "مراحل", "مرحلة", "مرحلة"),
    "persona": _ar("شخصية واحدة", ("شخصيتان", "شخصيتين"), "شخصيات", "شخصية", "شخصية"),
    "segment": _ar("شريحة واحدة", ("شريحتان", "شريحتين"), "شرائح", "شريحة", "شريحة"),
    "journey": _ar("رحلة واحدة", ("رحلتان", "رحلتين"), "رحلات", "رحلة", "رحلة"),
    "instrument": _ar(
        "أداة قياس واحدة", ("أداتا قياس", "أداتي قياس"), "أدوات قياس", "أداة قياس", "أداة قياس"
    ),
    "channel": _ar("قناة واحدة", ("قناتان", "قناتين"), "قنوات", "قناة", "قناة"),
    "stakeholder": _ar(
        "صاحب مصلحة واحد",
        ("صاحبا مصلحة", "صاحبي مصلحة"),
        "أصحاب مصلحة",
        "صاحب مصلحة",
        "صاحب مصلحة",
    ),
    "evidence": _ar("دليل واحد", ("دليلان", "دليلين"), "أدلة", "دليلًا", "دليل"),
    "dataset": _ar(
        "مجموعة بيانات واحدة",
        ("مجموعتا بيانات", "مجموعتي بيانات"),
        "مجموعات بيانات",
        "مجموعة بيانات",
        "مجموعة بيانات",
    ),
    "sample_design": _ar(
        "تصميم عينة واحد",
        ("تصميما عينة", "تصميمي عينة"),
        "تصاميم عينات",
        "تصميم عينة",
        "تصميم عينة",
    ),
    "visit": _ar("زيارة واحدة", ("زيارتان", "زيارتين"), "زيارات", "زيارة", "زيارة"),
    "minute": _ar("دقيقة واحدة", ("دقيقتان", "دقيقتين"), "دقائق", "دقيقة", "دقيقة"),
    "hour": _ar("ساعة واحدة", ("ساعتان", "ساعتين"), "ساعات", "ساعة", "ساعة"),
    "day": _ar("يوم واحد", ("يومان", "يومين"), "أيام", "يومًا", "يوم"),
    "month": _ar("شهر واحد", ("شهران", "شهرين"), "أشهر", "شهرًا", "شهر"),
    "year": _ar("سنة واحدة", ("سنتان", "سنتين"), "سنوات", "سنة", "سنة"),
    "document": _ar("مستند واحد", ("مستندان", "مستندين"), "مستندات", "مستندًا", "مستند"),
    "response": _ar("إجابة واحدة", ("إجابتان", "إجابتين"), "إجابات", "إجابة", "إجابة"),
    "page": _ar("صفحة واحدة", ("صفحتان", "صفحتين"), "صفحات", "صفحة", "صفحة"),
    "change": _ar("تغيير واحد", ("تغييران", "تغييرين"), "تغييرات", "تغييرًا", "تغيير"),
    "finding": _ar("ملاحظة واحدة", ("ملاحظتان", "ملاحظتين"), "ملاحظات", "ملاحظة", "ملاحظة"),
    "error": _ar("خطأ واحد", ("خطآن", "خطأين"), "أخطاء", "خطأً", "خطأ"),
    "warning": _ar("تحذير واحد", ("تحذيران", "تحذيرين"), "تحذيرات", "تحذيرًا", "تحذير"),
    "note": _ar("ملاحظة واحدة", ("ملاحظتان", "ملاحظتين"), "ملاحظات", "ملاحظة", "ملاحظة"),
    "metric": _ar("مؤشر واحد", ("مؤشران", "مؤشرين"), "مؤشرات", "مؤشرًا", "مؤشر"),
    "question": _ar("سؤال واحد", ("سؤالان", "سؤالين"), "أسئلة", "سؤالًا", "سؤال"),
    "period": _ar("فترة واحدة", ("فترتان", "فترتين"), "فترات", "فترة", "فترة"),
    "diagram": _ar("مخطط واحد", ("مخططان", "مخططين"), "مخططات", "مخططًا", "مخطط"),
    "actor": _ar("جهة واحدة", ("جهتان", "جهتين"), "جهات", "جهة", "جهة"),
    "system": _ar("نظام واحد", ("نظامان", "نظامين"), "أنظمة", "نظامًا", "نظام"),
    "pain_point": _ar(
        "نقطة ألم واحدة", ("نقطتا ألم", "نقطتي ألم"), "نقاط ألم", "نقطة ألم", "نقطة ألم"
    ),
    "metre": _ar("متر واحد", ("متران", "مترين"), "أمتار", "مترًا", "متر"),
    "high_pain": _ar(
        "نقطة ألم واحدة عالية الخطورة",
        ("نقطتا ألم عاليتا الخطورة", "نقطتي ألم عاليتي الخطورة"),
        "نقاط ألم عالية الخطورة",
        "نقطة ألم عالية الخطورة",
        "نقطة ألم عالية الخطورة",
    ),
    "painful_unmeasured": _ar(
        "خطوة مؤلمة واحدة بلا قياس",
        ("خطوتان مؤلمتان بلا قياس", "خطوتين مؤلمتين بلا قياس"),
        "خطوات مؤلمة بلا قياس",
        "خطوة مؤلمة بلا قياس",
        "خطوة مؤلمة بلا قياس",
    ),
    "beneficiary": _ar("مستفيد واحد", ("مستفيدان", "مستفيدَين"), "مستفيدين", "مستفيدًا", "مستفيد"),
    "point": _ar("نقطة واحدة", ("نقطتان", "نقطتين"), "نقاط", "نقطة", "نقطة"),
}

#: Noun forms by shipped language; a language cxdsl is not translated into counts in English.
NOUNS: dict[str, dict[str, dict[str, str]]] = {"en": NOUNS_EN, "ar": NOUNS_AR}

#: None of a noun, where a summary line says so in words rather than «0 …» ("no errors",
#: «لا أخطاء»): :func:`cxdsl.i18n.notation.count_or_none`. Nouns not listed count 0.
NONE: dict[str, dict[str, str]] = {
    "en": {
        "error": "no errors",
        "warning": "no warnings",
        "note": "no notes",
        "visit": "no visits",
        "high_pain": "no high-severity pain points",
        "painful_unmeasured": "no painful steps without measurement",
    },
    "ar": {
        "error": "لا أخطاء",
        "warning": "لا تحذيرات",
        "note": "لا ملاحظات",
        "visit": "لا زيارات",
        "high_pain": "لا نقاط ألم عالية الخطورة",
        "painful_unmeasured": "لا خطوات مؤلمة بلا قياس",
    },
}
