"""``cxdsl results`` output: the figures as a text table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..diagnostics import Diagnostic, printable
from ..emit.check_json import diagnostic_json
from .figures import Figure

#: The columns of ``--format csv`` (and the keys of each JSON figure, in order).
COLUMNS = (
    "metric",
    "statistic",
    "journey",
    "period",
    "step",
    "stage",
    "segment",
    "channel",
    "persona",
    "n",
    "value",
    "ci_low",
    "ci_high",
    "method",
    "target",
    "status",
    "provisional",
    "change",
    "change_significant",
)


def as_json(figures: Sequence[Figure], diagnostics: Sequence[Diagnostic]) -> str:
    payload = {
        "results": [f.as_json() for f in figures],
        "diagnostics": [diagnostic_json(d) for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_csv(figures: Sequence[Figure]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for f in figures:
        row = f.as_json()
        writer.writerow({k: _csv_cell(row[k]) for k in COLUMNS})
    return out.getvalue()


def _csv_cell(value: object) -> object:
    # A spreadsheet runs a cell that starts with = + - @ as a formula; ids never do, but
    # data may: quote them so the cell stays text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def as_text(figures: Sequence[Figure], diagnostics: Sequence[Diagnostic], prefix: str = "") -> str:
    """A line per figure, then the diagnostics (file names with ``prefix``, as
    ``cxdsl check`` prints them)."""
    lines = []
    for f in figures:
        c = f.cell
        where = next(
            (
                f"{name}={getattr(c, name)}"
                for name in ("step", "stage", "segment", "channel", "persona")
                if getattr(c, name)
            ),
            "",
        )
        e = f.estimate
        value = "–" if e is None else f"{e.value:.1f} [{e.ci_low:.1f}, {e.ci_high:.1f}]"
        stat = f" {f.statistic}" if f.statistic else ""
        change = ""
        if f.change is not None:
            change = f"  {f.change:+.1f}{' (significant)' if f.change_significant else ''}"
        flag = " provisional" if f.provisional else ""
        lines.append(
            printable(
                f"{f.metric}{stat}  {c.journey or '-'}  {c.period}  {where or 'all'}  "
                f"n={'suppressed' if f.status == 'suppressed' else f.n}  "
                f"{value}  target={_number(f.target)}  {f.status}{flag}{change}"
            )
        )
    lines += [
        (
            d.model_copy(update={"span": d.span.model_copy(update={"file": prefix + d.span.file})})
            if prefix and d.span
            else d
        ).render()
        for d in diagnostics
    ]
    errors = sum(1 for d in diagnostics if d.severity.value == "error")
    warnings = sum(1 for d in diagnostics if d.severity.value == "warning")
    lines.append(f"{len(figures)} figures; {errors} errors, {warnings} warnings")
    return "\n".join(lines) + "\n"
