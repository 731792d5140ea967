"""The "More" table: a team's own fields (``tags:`` and ``x-`` keys) of an entity, a stage
or a step, shown as text.

cxdsl gives extension fields no meaning, so they are shown exactly as written: tags and
keys as code (identifiers the files write, read left to right on any page), values escaped
like any model text, a nested value written out as compact JSON. Nothing in them ever
becomes markup or a link (a value ``"[x](javascript:…)"`` reads as itself).
"""

from __future__ import annotations

import json

from pydantic import BaseModel, JsonValue

from ..model.base import Extensible
from .content import PageContext


def extension_text(value: JsonValue) -> str:
    """An extension value as plain text: a string as written, anything else as compact
    JSON (``true``, ``4.2``, ``["a", "b"]``, ``{"k": 1}``), non-ASCII kept readable."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def has_more(obj: BaseModel) -> bool:
    """Whether ``obj`` carries tags or extension fields (a "More" table to show)."""
    return isinstance(obj, Extensible) and bool(obj.tags or obj.extensions)


def more_table(pc: PageContext, obj: BaseModel) -> str:
    """The "More" table of ``obj`` (tags, then each ``x-`` key in the order written), as
    Markdown under a bold caption; "" when it has none (or cannot have any)."""
    if not isinstance(obj, Extensible) or not has_more(obj):
        return ""
    w, t = pc.w, pc.w.t
    rows = []
    if obj.tags:
        rows.append((t("tags"), w.sep.join(w.code(tag) for tag in obj.tags)))
    rows += [(w.code(key), w.plain(extension_text(value))) for key, value in obj.extensions.items()]
    return f"\n**{t('more')}**\n\n" + w.table([t("field"), t("value")], rows)
