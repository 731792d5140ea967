"""A questionnaire in one language: an instrument's questions, numbered, each with its
answer options (every value of its scale, labelled where the scale has labels).

:func:`build_questionnaire` reads it from the checked workspace (or says why it cannot:
an unknown instrument, a language it is not asked in, a text missing in that language:
a question, an answer label or the instrument's name, its title);
:mod:`.questionnaire_html` and :mod:`.questionnaire_csv` write it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compiler import CheckResult
from ..diagnostics import Span
from ..i18n import clean, localize
from ..loading import Document
from ..model import Instrument, Question
from ..model.base import Text
from ..rules.cx208_question_languages import QuestionLanguages
from ..rules.cx214_missing_language import MissingLanguage
from ..rules.survey_languages import asked_in, label_span, scale_name
from ..suggest import did_you_mean
from .options import answer_options


class ExportRefused(Exception):
    """The export cannot be made as asked (an unknown instrument, a language it is not
    asked in): a usage error, said in one sentence with a did-you-mean."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class Option:
    """One answer: its value and its label in the questionnaire's language ("" if none)."""

    value: int
    label: str


@dataclass(frozen=True)
class Item:
    """One question, numbered from 1, with its text and answers in one language."""

    number: int
    id: str
    text: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Questionnaire:
    """An instrument's questions in one language, ready to print or to load elsewhere."""

    instrument: str
    title: str
    lang: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Gap:
    """A text of the questionnaire that is not written in its language, and the code of
    the check that reports it (CX208; CX214 for a name lacking a workspace language)."""

    span: Span
    message: str
    code: str = QuestionLanguages.code


def find_instrument(result: CheckResult, ident: str) -> tuple[Instrument, Document]:
    """The instrument ``ident`` of the checked workspace, or :class:`ExportRefused`."""
    doc = result.index.get("instrument", ident)
    if doc is not None and isinstance(doc.entity, Instrument):
        return doc.entity, doc
    if ("instrument", ident) in result.workspace.broken_ids:
        raise ExportRefused(
            f"instrument '{ident}' could not be read: cxdsl check shows why", "--instrument"
        )
    known = result.index.ids("instrument")
    hint = did_you_mean(ident, known) or (
        "instruments: " + ", ".join(sorted(known)) if known else "the workspace has none"
    )
    raise ExportRefused(f"no instrument '{ident}' in the workspace ({hint})", "--instrument")


def check_language(result: CheckResult, instrument: Instrument, lang: str) -> None:
    """:class:`ExportRefused` unless ``instrument`` is asked in ``lang``."""
    languages = asked_in(instrument, result.workspace.settings)
    if lang in languages:
        return
    hint = did_you_mean(lang, languages)
    suffix = f"; {hint}" if hint else ""
    raise ExportRefused(
        f"instrument '{instrument.id}' is not asked in '{lang}': it is asked in "
        f"{', '.join(languages)} (add {lang} to its languages: to ask it in {lang}){suffix}",
        "--lang",
    )


def _in(text: Text | None, lang: str) -> str | None:
    """``text`` in ``lang``: a plain string is the same in every language; None if missing."""
    if text is None or (isinstance(text, dict) and lang not in text):
        return None
    return clean(localize(text, lang).text)


def _title_gap(result: CheckResult, instrument: Instrument, doc: Document, lang: str) -> list[Gap]:
    """The name of ``instrument`` (the questionnaire's title) if it is not written in
    ``lang``: a title in another language would not be the questionnaire's."""
    if _in(instrument.name, lang) is not None:
        return []
    workspace = lang in result.workspace.settings.languages
    return [
        Gap(
            doc.span_at(("name",)),
            f"instrument '{instrument.id}' has no name in {lang} (the questionnaire's title)",
            MissingLanguage.code if workspace else QuestionLanguages.code,
        )
    ]


def gaps(result: CheckResult, instrument: Instrument, doc: Document, lang: str) -> list[Gap]:
    """The name of ``instrument`` and every question text and answer label not written in
    ``lang``, and every answer scale that is not known, where each is written."""
    out = _title_gap(result, instrument, doc, lang)
    settings = result.workspace.settings
    for number, question in enumerate(instrument.questions):
        where = ("questions", number)
        if _in(question.text, lang) is None:
            message = f"question '{question.id}' has no text in {lang}"
            out.append(Gap(doc.span_at((*where, "text")), message))
        scale = question.response_scale()
        if scale is None and isinstance(question.scale, str):
            message = f"question '{question.id}' names an unknown answer scale"
            out.append(Gap(doc.span_at((*where, "scale")), message))
            continue
        named = scale_name(scale, settings)
        for value, label in (scale.labels if scale else {}).items():
            if _in(label, lang) is not None:
                continue
            if named:
                gap = Gap(
                    label_span(result.workspace, named, value),
                    f"answer label {value} of scale '{named}' has no text in {lang}",
                )
            else:
                gap = Gap(
                    doc.span_at((*where, "scale", "labels", value)),
                    f"answer label {value} of question '{question.id}' has no text in {lang}",
                )
            if gap not in out:  # a named scale's label, once however many questions use it
                out.append(gap)
    return out


def _item(number: int, question: Question, lang: str) -> Item:
    scale = question.response_scale()
    options = tuple(
        Option(o.value, _in(o.label, lang) or "") for o in (answer_options(scale) if scale else [])
    )
    return Item(number, question.id, _in(question.text, lang) or "", options)


def build_questionnaire(instrument: Instrument, lang: str) -> Questionnaire:
    """The questionnaire of ``instrument`` in ``lang`` (its gaps checked first: a missing
    text, its title too, is left empty)."""
    title = _in(instrument.name, lang) or ""
    items = tuple(_item(n, q, lang) for n, q in enumerate(instrument.questions, start=1))
    return Questionnaire(instrument.id, title, lang, items)
