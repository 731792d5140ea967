"""Documents made from the workspace for people who do not read the site: a questionnaire
in one language, printable (HTML) and loadable (CSV) — ``cxdsl export questionnaire``."""

from __future__ import annotations

from .questionnaire import ExportRefused, Gap, Questionnaire, build_questionnaire
from .write import Exported, write_questionnaire

__all__ = [
    "ExportRefused",
    "Exported",
    "Gap",
    "Questionnaire",
    "build_questionnaire",
    "write_questionnaire",
]
