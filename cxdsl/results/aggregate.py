"""The queries: a dataset's rows reduced, on the engine, to the counts figures are made
of. Every figure is computed in Python from these small results (histograms of answers
and durations, funnel counts), so the engine scans each file once per question and the
same numbers come out of DuckDB, Polars or a remote warehouse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Season
from .tables import ROW, DataTable, Engine

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: The breakdown columns a row may carry (model ids).
DIMS: tuple[str, ...] = ("journey", "step", "stage", "channel", "segment", "persona")

#: Timestamps before this year are typing mistakes (0001-01-01), read as unreadable.
EARLIEST_YEAR = 1900
EARLIEST = dt.datetime(EARLIEST_YEAR, 1, 1)

#: A row's timestamp: fine, absent, unreadable, or later than now.
TS_OK, TS_MISSING, TS_BAD, TS_FUTURE = "ok", "missing", "bad", "future"


@dataclass(frozen=True)
class Keys:
    """Where a group of rows falls: month (``2026-03``), season and breakdown ids."""

    month: str | None
    season: str | None
    dims: tuple[str | None, ...]

    def dim(self, name: str) -> str | None:
        return self.dims[DIMS.index(name)]


@dataclass(frozen=True)
class AnswerGroup:
    keys: Keys
    #: The answer as a number, None when absent or unreadable.
    value: float | None
    #: An answer was given but is not a number.
    unreadable: bool
    timestamp: str
    n: int


@dataclass(frozen=True)
class CaseGroup:
    keys: Keys
    #: Which mapped steps the cases reached, in the order of ``events``' steps.
    reached: tuple[bool, ...]
    completed: bool
    n: int
    #: The case reached its start event (only started cases count towards completion).
    started: bool = True


@dataclass(frozen=True)
class DurationGroup:
    keys: Keys
    minutes: float
    n: int


def _text_or_null(t: ir.Table, data: DataTable, name: str) -> ir.Value:
    import ibis

    if data.has(name):
        return t[name].cast("string")
    return ibis.literal(None, type="string")


def timestamp(t: ir.Table, engine: Engine) -> ir.TimestampValue:
    """The row's ``submitted_at`` as a timestamp (unreadable text becomes NULL)."""
    col = t["submitted_at"]
    kind = col.type()
    if kind.is_string():
        if engine.checked_casts:
            return col.try_cast("timestamp")
        return col.cast("timestamp")
    if kind.is_timestamp():
        return col
    return col.cast("timestamp")


#: Arabic-Indic and Eastern Arabic-Indic digits and the Arabic decimal separator, as an
#: export from an Arabic form may write them, and their ASCII forms.
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫"
_ASCII_DIGITS = "01234567890123456789."


def number(col: ir.Value, engine: Engine) -> ir.NumericValue:
    """An answer as a float64, Arabic digits read as digits (unreadable text becomes NULL
    on engines that allow it)."""
    if col.type().is_string() and engine.checked_casts:
        return col.translate(_ARABIC_DIGITS, _ASCII_DIGITS).try_cast("float64")
    return col.cast("float64")


def _month(ts: ir.TimestampValue) -> ir.IntegerValue:
    return ts.year() * 100 + ts.month()


def _season(ts: ir.TimestampValue, seasons: Sequence[Season]) -> ir.Value:
    import ibis

    if not seasons:
        return ibis.literal(None, type="string")
    day = ts.date()
    branches = [(day.between(s.start, s.end), ibis.literal(s.id)) for s in seasons]
    return ibis.cases(*branches, else_=ibis.literal(None, type="string"))


def _ts_state(t: ir.Table, ts: ir.TimestampValue, now: dt.datetime) -> ir.Value:
    import ibis

    return ibis.cases(
        (t["submitted_at"].isnull(), TS_MISSING),
        (ts.isnull() | (ts < EARLIEST), TS_BAD),
        (ts > now, TS_FUTURE),
        else_=TS_OK,
    )


def _keys(row: dict[str, Any]) -> Keys:
    month = row["month"]
    return Keys(
        None if month is None else f"{month // 100:04d}-{month % 100:02d}",
        row["season"],
        tuple(row[d] for d in DIMS),
    )


def answer_query(
    data: DataTable, question: str, engine: Engine, seasons: Sequence[Season], now: dt.datetime
) -> ir.Table:
    """Counts of each answer to ``question`` by month, season and breakdown."""
    import ibis

    t = data.table
    ts = timestamp(t, engine)
    raw = t[question]
    value = number(raw, engine)
    return (
        t.mutate(
            month=_month(ts),
            season=_season(ts, seasons),
            **{d: _text_or_null(t, data, d) for d in DIMS},
            value=value,
            # A numeric column cannot hold text that fails to convert.
            unreadable=raw.notnull() & value.isnull()
            if raw.type().is_string()
            else ibis.literal(False),
            timestamp=_ts_state(t, ts, now),
        )
        .group_by(["month", "season", *DIMS, "value", "unreadable", "timestamp"])
        .aggregate(n=ibis._.count())
    )


def answers(
    data: DataTable, question: str, engine: Engine, seasons: Sequence[Season], now: dt.datetime
) -> list[AnswerGroup]:
    """The answer histogram of one question, computed on the engine."""
    rows = data.rows(answer_query(data, question, engine, seasons, now))
    return [
        AnswerGroup(_keys(r), r["value"], bool(r["unreadable"]), r["timestamp"], int(r["n"]))
        for r in rows
    ]


def case_query(
    data: DataTable,
    steps: Sequence[tuple[str, Sequence[str]]],
    end_event: str | None,
    engine: Engine,
    now: dt.datetime,
) -> ir.Table:
    """One row per case: when it started (its dataset's ``start_event``, else its first
    event; a case without its start event has no start and counts in no period), when
    it completed (``end_event``), which of ``steps`` (step id, its event names) it
    reached, its breakdown ids. Events without a readable timestamp or later than ``now``
    count for nothing (they are reported); without an end event no case completes."""
    import ibis

    t = data.table
    ts = timestamp(t, engine)
    # Each event's moment once, NULL where it does not count (unreadable, before 1900,
    # later than now): every aggregate below reads it, none recomputes the checks.
    e = t.mutate(
        at=ibis.ifelse(ts.between(EARLIEST, now), ts, ibis.literal(None, type=ts.type())),
        name=t["event"].cast("string"),
        late=(ts > now).cast("int64"),
    )
    # A typed timestamp column cannot hold unreadable text: nothing to count there.
    text = t["submitted_at"].type().is_string()
    unread = timestamp(e, engine).isnull() & e["submitted_at"].notnull()
    broken = {"unreadable": unread.sum()} if text else {}
    counted = e.at.notnull()
    flags = {
        f"reached_{i}": (e.name.isin(list(names)) & counted).any()
        for i, (_, names) in enumerate(steps)
    }
    never = ibis.literal(None, type="timestamp")
    first = data.dataset.start_event
    # The case id as it is typed (an integer id stays an integer: grouping 50 million
    # events by text costs twice as much).
    return e.group_by(e["case"].name("case")).aggregate(
        start=e.at.min(where=e.name == first) if first else e.at.min(),
        seen=e.at.min(),
        end=e.at.min(where=e.name == end_event) if end_event else never,
        **{
            d: e[d].cast("string").min() if data.has(d) else ibis.literal(None, type="string")
            for d in DIMS
        },
        future=e.late.sum(),
        **broken,
        **flags,
    )


def cases_query(
    data: DataTable,
    steps: Sequence[tuple[str, Sequence[str]]],
    end_event: str | None,
    engine: Engine,
    seasons: Sequence[Season],
    now: dt.datetime,
    resolution: float = 1.0,
) -> ir.Table:
    """Cases counted by month, season, breakdown, steps reached, completion and time to
    complete (in ``resolution``-minute buckets; NULL for cases that did not complete):
    one query, so the event log is scanned once for the funnel and the durations."""
    import ibis

    per_case = case_query(data, steps, end_event, engine, now)
    flags = [f"reached_{i}" for i in range(len(steps))]
    seconds = per_case.end.epoch_seconds() - per_case.start.epoch_seconds()
    # A case belongs to the period it was first seen in; it counts towards completion
    # only once it started (its start event), towards the funnel always.
    keyed = per_case.mutate(
        month=_month(per_case.seen),
        season=_season(per_case.seen, seasons),
        started=per_case.start.notnull(),
        completed=per_case.end.notnull(),
        minutes=(seconds / (60 * resolution)).floor() * resolution,
    )
    keys = ["month", "season", *DIMS, *flags, "started", "completed", "minutes"]
    return keyed.group_by(keys).aggregate(
        n=ibis._.count(),
        unreadable=keyed.unreadable.sum() if "unreadable" in keyed.columns else ibis._.count() * 0,
        future=keyed.future.sum(),
    )


def cases(
    data: DataTable,
    steps: Sequence[tuple[str, Sequence[str]]],
    end_event: str | None,
    engine: Engine,
    seasons: Sequence[Season],
    now: dt.datetime,
) -> tuple[list[CaseGroup], list[DurationGroup], dict[str, int]]:
    """Funnel counts, completion-time histograms (minutes) and timestamp problems."""
    query = cases_query(data, steps, end_event, engine, seasons, now)
    flags = [f"reached_{i}" for i in range(len(steps))]
    groups, spans, problems = [], [], {"unreadable": 0, "future": 0}
    for r in data.rows(query):
        keys, n = _keys(r), int(r["n"])
        completed = bool(r["completed"])
        flags_hit = tuple(bool(r[f]) for f in flags)
        groups.append(CaseGroup(keys, flags_hit, completed, n, bool(r["started"])))
        if completed and r["minutes"] is not None:
            spans.append(DurationGroup(keys, float(r["minutes"]), n))
        problems["unreadable"] += int(r["unreadable"] or 0)
        problems["future"] += int(r["future"] or 0)
    return groups, spans, problems


def reported_rows(data: DataTable) -> list[dict[str, Any]]:
    """Every row of a reported-figures dataset (they are few)."""
    return data.rows(data.table)


def duplicate_ids(data: DataTable) -> list[tuple[str, int]]:
    """Response ids that appear more than once, with their count (at most 20)."""
    import ibis

    t = data.table
    key = t["response_id"].cast("string").name("response_id")
    grouped = t.group_by(key).aggregate(n=ibis._.count())
    dup = grouped.filter((grouped.n > 1) & grouped.response_id.notnull()).order_by("response_id")
    return [(str(r["response_id"]), int(r["n"])) for r in data.rows(dup.limit(21))]


def first_rows(data: DataTable, where: ir.BooleanValue, column: str) -> list[tuple[int, Any]]:
    """The first 20 rows (row number, raw value of ``column``) where ``where`` holds."""
    t = data.table
    if ROW not in t.columns:
        return []
    picked = t.filter(where).order_by(ROW).select(t[ROW], t[column].cast("string").name("v"))
    return [(int(r[ROW]), r["v"]) for r in data.rows(picked.limit(20))]
