"""Results are validated before anyone decides on them: what the data says about itself,
as located diagnostics. Counting happens in the engine's queries (see ``aggregate``);
only when something is wrong are the first rows looked up, to say where."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import codes
from ..diagnostics import Issue, Related, Span
from ..model import Question, Season
from ..suggest import did_you_mean
from .aggregate import (
    DIMS,
    EARLIEST,
    TS_BAD,
    TS_FUTURE,
    TS_MISSING,
    AnswerGroup,
    duplicate_ids,
    first_rows,
    number,
    timestamp,
)
from .compute import in_scale
from .tables import DataTable, Engine

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: The most rows one problem is reported at; the rest are counted in one more issue.
MAX_LOCATED = 20


def _where(data: DataTable, row: int, column: str) -> Span:
    if data.locate is None:
        return Span(file=data.label, record=f"{column}")
    return data.locate(row, data.source_names.get(column, column))


def _located(
    data: DataTable,
    code: str,
    where: ir.BooleanValue,
    column: str,
    total: int,
    message: str,
    hint: str | None = None,
) -> list[Issue]:
    """``message`` (with ``{value}``) at the first rows matching ``where``; a summary of
    the rest."""
    found = first_rows(data, where, column) if data.locate else []
    out = [
        Issue(code, message.format(value=_quote(raw)), _where(data, row, column), hint)
        for row, raw in found[:MAX_LOCATED]
    ]
    rest = total - len(out)
    if rest > 0:
        out.append(
            Issue(
                code,
                f"{message.format(value='…')}: {rest} more row(s)"
                if out
                else f"{message.format(value='…')}: {total} row(s)",
                Span(file=data.label),
                hint,
            )
        )
    return out


def _quote(raw: object) -> str:
    text = "" if raw is None else str(raw)
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def answer_issues(
    data: DataTable, engine: Engine, question: Question, groups: Sequence[AnswerGroup]
) -> list[Issue]:
    """CX305 for answers outside the question's scale or not numbers."""
    bad = sum(
        g.n
        for g in groups
        if g.unreadable or (g.value is not None and not in_scale(g.value, question))
    )
    if not bad:
        return []
    t = data.table
    raw = t[question.id]
    value = number(raw, engine)
    scale = question.response_scale()
    outside = raw.notnull() & value.isnull()
    if scale is not None:
        outside = outside | ~value.between(scale.min, scale.max) | (value.floor() != value)
    accepted = f"outside its scale {scale.min}..{scale.max}" if scale else "not a number"
    if scale is not None and not any(
        g.value is not None and not in_scale(g.value, question) for g in groups
    ):
        accepted = "not a number"  # every bad answer is text, none a number off the scale
    return _located(
        data,
        codes.CX305_VALUE_OUT_OF_SCALE,
        outside,
        question.id,
        bad,
        f"answer {{value}} to '{question.id}' is {accepted}",
        "the answer is left out of every figure",
    )


def timestamp_issues(
    data: DataTable,
    engine: Engine,
    counts: Counter[str],
    now: dt.datetime,
    seasons: Sequence[Season],
) -> list[Issue]:
    """CX308: missing, unreadable or future timestamps (``counts`` by state); with
    ``seasons`` (figures reported by season), timestamps outside every season too."""
    import ibis

    t = data.table
    ts = timestamp(t, engine)
    raw = t["submitted_at"]
    checks: dict[str, tuple[ir.BooleanValue, str]] = {
        TS_MISSING: (raw.isnull(), "no timestamp in 'submitted_at'{value}"),
        TS_BAD: (
            raw.notnull() & (ts.isnull() | (ts < EARLIEST)),
            "timestamp {value} is not an ISO 8601 date and time from 1900 on",
        ),
        TS_FUTURE: (ts > now, "timestamp {value} is in the future"),
    }
    if seasons:
        day = ts.date()
        inside = ibis.or_(*(day.between(s.start, s.end) for s in seasons))
        checks["season"] = (
            ts.notnull() & (ts <= now) & ~inside,
            "timestamp {value} is outside every declared season",
        )
    out: list[Issue] = []
    for state, (where, message) in checks.items():
        if counts[state]:
            text = message.replace("{value}", "") if state == TS_MISSING else message
            out += _located(
                data,
                codes.CX308_TIMESTAMP,
                where,
                "submitted_at",
                counts[state],
                text,
                "the row is left out of the figures",
            )
    return out


def unknown_id_issues(
    data: DataTable, seen: dict[str, Counter[str]], known: dict[str, set[str]]
) -> list[Issue]:
    """CX306: ids in the breakdown columns that the model does not define."""
    out: list[Issue] = []
    for dim in DIMS:
        values = seen.get(dim)
        if not values or dim not in known or not data.has(dim):
            continue
        unknown = sorted(v for v in values if v not in known[dim])
        if not unknown:
            continue
        total = sum(values[v] for v in unknown)
        where = data.table[dim].cast("string").isin(unknown)
        hint = did_you_mean(unknown[0], known[dim])
        out += _located(
            data,
            codes.CX306_UNKNOWN_ID_IN_ROW,
            where,
            dim,
            total,
            f"{dim} {{value}} is not a {dim} id of the model",
            hint,
        )
    return out


def duplicate_issues(data: DataTable) -> list[Issue]:
    """CX307: response ids given more than once."""
    if not data.has("response_id"):
        return []
    out: list[Issue] = []
    for ident, count in duplicate_ids(data)[:MAX_LOCATED]:
        where = data.table["response_id"].cast("string") == ident
        rows = first_rows(data, where, "response_id")
        span = _where(data, rows[1][0], "response_id") if len(rows) > 1 else Span(file=data.label)
        related: tuple[Related, ...] = ()
        if rows:
            related = (
                Related(message="first given here", span=_where(data, rows[0][0], "response_id")),
            )
        out.append(
            Issue(
                codes.CX307_DUPLICATE_RESPONSE,
                f"response id {_quote(ident)} appears {count} times",
                span,
                "keep one row per response (an export run twice?)",
                related,
            )
        )
    return out


def timestamp_counts_issues(
    data: DataTable, engine: Engine, counts: Counter[str], now: dt.datetime
) -> list[Issue]:
    """CX308 for events: unreadable and future timestamps, counted per event row."""
    return timestamp_issues(data, engine, counts, now, [])
