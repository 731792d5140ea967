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
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u061c\ufeff]")
#: A left-to-right run inside right-to-left text: Latin words and numbers, with the
#: spaces, signs and punctuation between them.
_LTR_RUN = re.compile(r"[+\-−]?[0-9A-Za-z\u00c0-\u024f][0-9A-Za-z\u00c0-\u024f.,:/%_\-+'’ ]*"
                      r"[0-9A-Za-z\u00c0-\u024f%]|[+\-−]?[0-9A-Za-z]")


#: Characters that can start Markdown or HTML syntax anywhere in a line (emphasis, code,
#: links, images, raw HTML, entities, table cells, attribute lists, extensions' marks).
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>&|!~^=]")
#: At the start of a text, these also start blocks (headings, lists, quotes).
_BLOCK_START = re.compile(r"^(\s*)([#+\->]|\d+(?=[.)]))")


def _entities(text: str) -> str:
    text = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)),
                            text)


def escape_markdown(text: str, rtl: bool = False) -> str:
    """Plain text as inline Markdown that renders exactly as written."""
    text = clean(text)
    if not rtl:
        return _entities(text).replace("\n", "<br>")
    out, last = [], 0
    for match in _LTR_RUN.finditer(text):
        out.append(_entities(text[last:match.start()]))
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


def localize(value: str | dict[str, str] | None, lang: str,
             languages: list[str] | tuple[str, ...] = ()) -> Localized:
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


_UI: dict[str, dict[str, str]] = {
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
}


def ui(key: str, lang: str) -> str:
    """A fixed interface string in ``lang`` (English when not translated)."""
    entry = _UI[key]
    return entry.get(lang.split("-")[0], entry["en"])
