"""A questionnaire as CSV: one row per answer option (a question without a scale has one
row with no value), to load into a survey tool or a spreadsheet.

UTF-8 with a byte-order mark, so spreadsheets open Arabic text as Arabic. A text or label
starting with ``=``, ``+``, ``-``, ``@`` or a tab would be taken for a formula by a
spreadsheet (CSV injection): it is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io

from .questionnaire import Questionnaire

HEADER = ("question_id", "number", "text", "value", "label")
ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def questionnaire_rows(q: Questionnaire) -> list[tuple[str, str, str, str, str]]:
    """The rows below the header: question id, number, text, answer value, answer label."""
    rows = []
    for item in q.items:
        text = inert(item.text)
        if not item.options:
            rows.append((item.id, str(item.number), text, "", ""))
        for option in item.options:
            rows.append((item.id, str(item.number), text, str(option.value), inert(option.label)))
    return rows


def questionnaire_csv(q: Questionnaire) -> str:
    """The questionnaire as CSV text (header first; write it with ``ENCODING``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(questionnaire_rows(q))
    return buffer.getvalue()
