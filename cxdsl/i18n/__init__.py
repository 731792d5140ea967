"""Everything that depends on the reader's language, in one package.

- :mod:`.strings` with :mod:`.en` and :mod:`.ar`: the interface strings, one table per
  language, and :func:`ui` to look one up;
- :mod:`.overrides`: a workspace's own interface strings (``ui:`` in ``cxdsl.yaml``),
  applied within :func:`overrides` and checked by :func:`check_ui_overrides`;
- :mod:`.plurals` with :mod:`.nouns`: counted nouns by CLDR plural category
  (:func:`count_text`);
- :mod:`.names`: language and country codes as names in the reader's language;
- :mod:`.dates`: dates in the Gregorian and Umm al-Qura calendars (:func:`format_date`);
- :mod:`.text`: :func:`localize`, the one way to pick a model text's language, and
  :func:`clean`;
- :mod:`.direction`: bidi isolation of mixed-direction text;
- :mod:`.languages`: base language, right-to-left, and each language's own name;
- :mod:`.notation`: separators, change notation («من … إلى …», "→") and signed numbers
  by the reader's direction;
- :mod:`.units`: metric types and units, money per locale, reporting periods in words;
- :mod:`.ar_rules`: the diagnostic codes' titles and descriptions in Arabic.

Escaping lives with the output it protects (Markdown in ``site/markdown.py``, SVG and
DOT in ``render/context.py``, pull-request Markdown in ``emit/diff_markdown.py``).
"""

from __future__ import annotations

from .dates import format_date, gregorian_date, hijri_date
from .direction import LRI, LTR_RUN, PDI, RLI, isolate, strip_isolates
from .languages import LANGUAGE_NAMES, RTL_LANGUAGES, base_language, is_rtl
from .names import country_name, language_name, language_names, list_separator
from .notation import arrow, clause_separator, from_to, question_mark, signed
from .override_check import check_ui_overrides
from .overrides import OverrideProblem, override_problems, override_table, overrides
from .plurals import count_text, format_count, plural_category
from .strings import TABLES, UnknownString, active_overrides, has_string, shipped, ui
from .text import Localized, clean, localize
from .units import metric_type_name, money, period_label, unit_name, with_unit

__all__ = [
    "LANGUAGE_NAMES",
    "LRI",
    "LTR_RUN",
    "PDI",
    "RLI",
    "RTL_LANGUAGES",
    "TABLES",
    "Localized",
    "OverrideProblem",
    "UnknownString",
    "active_overrides",
    "arrow",
    "base_language",
    "check_ui_overrides",
    "clause_separator",
    "clean",
    "count_text",
    "country_name",
    "format_count",
    "format_date",
    "from_to",
    "gregorian_date",
    "has_string",
    "hijri_date",
    "is_rtl",
    "isolate",
    "language_name",
    "language_names",
    "list_separator",
    "localize",
    "metric_type_name",
    "money",
    "override_problems",
    "override_table",
    "overrides",
    "period_label",
    "plural_category",
    "question_mark",
    "shipped",
    "signed",
    "strip_isolates",
    "ui",
    "unit_name",
    "with_unit",
]
