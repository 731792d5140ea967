"""Write an instrument's questionnaire in one language: ``<id>.<lang>.html`` and
``<id>.<lang>.csv`` in a folder — or nothing, and why, when a text is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..compiler import CheckResult
from .questionnaire import (
    Gap,
    build_questionnaire,
    check_language,
    find_instrument,
    gaps,
)
from .questionnaire_csv import ENCODING, questionnaire_csv
from .questionnaire_html import questionnaire_html


@dataclass
class Exported:
    """The files written, or the gaps that kept them from being written."""

    files: list[Path] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


def write_questionnaire(result: CheckResult, ident: str, lang: str, out: Path) -> Exported:
    """Write the questionnaire of instrument ``ident`` in ``lang`` into the folder ``out``
    (created if needed). An unknown instrument or a language it is not asked in raises
    ``ExportRefused``; a question, a label or the instrument's name (the title) not
    written in ``lang`` writes nothing (a questionnaire cannot fall back to another
    language) and is returned as a gap."""
    instrument, doc = find_instrument(result, ident)
    check_language(result, instrument, lang)
    found = gaps(result, instrument, doc, lang)
    if found:
        return Exported(gaps=found)
    questionnaire = build_questionnaire(instrument, lang)
    out.mkdir(parents=True, exist_ok=True)
    page = out / f"{instrument.id}.{lang}.html"
    page.write_text(questionnaire_html(questionnaire), encoding="utf-8")
    table = out / f"{instrument.id}.{lang}.csv"
    table.write_text(questionnaire_csv(questionnaire), encoding=ENCODING, newline="")
    return Exported(files=[page, table])
