"""CX221 finds the date fields by introspection: every field typed ``CalendarDate``."""

from __future__ import annotations

import datetime as dt

from cxdsl.model import KINDS, Evidence, Season, Settings
from cxdsl.model.introspect import field_specs
from cxdsl.rules.cx221_implausible_date import calendar_dates, calendar_fields


def test_calendar_fields_are_found_on_the_model() -> None:
    assert calendar_fields(Evidence) == {"date"}
    assert calendar_fields(Season) == {"start", "end"}


def test_every_calendar_date_of_every_kind_is_a_date_field() -> None:
    """Every ``CalendarDate`` field reachable from an entity kind or the settings is seen,
    and no other field (a plain number or text) is taken for one."""
    seen: set[tuple[str, str]] = set()
    todo = [kind.cls for kind in KINDS] + [Settings]
    done: set[type] = set()
    while todo:
        model = todo.pop()
        if model in done:
            continue
        done.add(model)
        seen |= {(model.__name__, name) for name in calendar_fields(model)}
        for spec in field_specs(model).values():
            todo.extend(spec.models)
    assert ("Evidence", "date") in seen
    assert ("Season", "start") in seen and ("Season", "end") in seen
    assert all(name not in ("id", "name", "title") for _, name in seen)


def test_dates_are_found_with_their_paths() -> None:
    settings = Settings.model_validate(
        {
            "name": "w",
            "languages": ["en"],
            "seasons": [
                {"id": "a", "name": "A", "start": "1446-12-01H", "end": "1446-12-12H"},
                {"id": "b", "name": "B", "start": "2025-01-01", "end": "2025-02-01"},
            ],
        }
    )
    found = dict(calendar_dates(settings))
    assert found == {
        ("seasons", 0, "start"): dt.date(2025, 5, 28),
        ("seasons", 0, "end"): dt.date(2025, 6, 8),
        ("seasons", 1, "start"): dt.date(2025, 1, 1),
        ("seasons", 1, "end"): dt.date(2025, 2, 1),
    }
