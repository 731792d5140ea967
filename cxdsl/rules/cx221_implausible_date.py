"""CX221."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from typing_extensions import override

from ..diagnostics import Severity, Span
from ..loading.files import SETTINGS_FILE
from ..loading.locate import node_at
from ..loading.yamlsafe import mark_span
from ..model.dates import PLAUSIBLE_FROM_YEAR, CalendarDate, hijri_to_gregorian
from ..model.introspect import Path
from .registry import Finding, RuleContext, WorkspaceRule

#: What marks a field typed ``CalendarDate`` (its validator and schema, by identity).
_CALENDAR = tuple(get_args(CalendarDate)[1:])
EXAMPLE_HIJRI = "1446-12-09H"


def _is_calendar(metadata: typing.Iterable[object]) -> bool:
    return any(any(m is mark for mark in _CALENDAR) for m in metadata)


def _holds_calendar(annotation: Any) -> bool:
    """Whether an annotation is ``CalendarDate`` (through Optional, list, Annotated)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _is_calendar(annotation.__metadata__) or _holds_calendar(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple):
        return any(_holds_calendar(arg) for arg in get_args(annotation))
    return False


@cache
def calendar_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of a model class typed ``CalendarDate``: the dates a user writes, in
    either calendar. Found by introspection, so a new date field is checked too."""
    return frozenset(
        name
        for name, info in cls.model_fields.items()
        if _is_calendar(info.metadata) or _holds_calendar(info.annotation)
    )


def _dates_in(value: Any, path: Path) -> Iterator[tuple[Path, dt.date]]:
    if isinstance(value, dt.date):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _dates_in(item, (*path, i))


def calendar_dates(obj: BaseModel, path: Path = ()) -> Iterator[tuple[Path, dt.date]]:
    """Every date written in a ``CalendarDate`` field inside ``obj``, with its path."""
    dated = calendar_fields(type(obj))
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        here = (*path, name)
        if name in dated:
            yield from _dates_in(value, here)
        elif isinstance(value, BaseModel):
            yield from calendar_dates(value, here)
        elif isinstance(value, list | dict):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(item, BaseModel):
                    yield from calendar_dates(item, (*here, key))


def _as_hijri(day: dt.date) -> str:
    """The date written with ``H`` when that is a Hijri date, else the example."""
    written = f"{day.year:04d}-{day.month:02d}-{day.day:02d}H"
    try:
        hijri_to_gregorian(day.year, day.month, day.day)
    except ValueError:
        return EXAMPLE_HIJRI
    return written


def _finding(anchor: BaseModel | Span, day: dt.date, at: Path = ()) -> Finding:
    return Finding(
        anchor,
        f"{day.isoformat()} is a Gregorian date in the year {day.year}, before "
        f"{PLAUSIBLE_FROM_YEAR}: is it a Hijri date written without its H?",
        f"write a Hijri date with the suffix H: {_as_hijri(day)}",
        at=at,
    )


class ImplausibleDate(WorkspaceRule):
    """A Gregorian date before 1900 in a date field (evidence `date`, seasons' `start` and
    `end`): almost certainly a Hijri date written without its suffix `H`.

    **Why**: `date: 1445-12-20` reads as the year 1445 AD, six centuries ago, and is
    accepted silently; the site would show it, sort by it and count seasons from it. A Hijri
    (Umm al-Qura) date is written with `H` and converted.

    **Fails**:

    ```yaml
    kind: evidence
    id: pilgrim-interviews
    title: Interviews with pilgrims
    method: interview
    date: 1445-12-20
    ```

    **Fixed**:

    ```yaml
    kind: evidence
    id: pilgrim-interviews
    title: Interviews with pilgrims
    method: interview
    date: 1445-12-20H
    ```
    """

    code = "CX221"
    name = "date.implausible-year"
    default_severity = Severity.WARNING

    @override
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for doc in ctx.workspace.documents:
            for path, day in calendar_dates(doc.entity):
                if day.year < PLAUSIBLE_FROM_YEAR:
                    yield _finding(doc.entity, day, path)
        root = ctx.workspace.settings_root
        for path, day in calendar_dates(ctx.settings):
            if day.year < PLAUSIBLE_FROM_YEAR:
                where = (
                    mark_span(SETTINGS_FILE, node_at(root, path)[0])
                    if root is not None
                    else Span(file=SETTINGS_FILE)
                )
                yield _finding(where, day)
