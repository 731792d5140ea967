"""A dataset's source as one ibis table whose columns carry the model's names.

CSV is read by ``csvscan`` (located, personal columns dropped) and handed to the engine
as Arrow; Parquet is read by the engine itself; a table on another backend stays there.
Only the columns the computation needs are selected, so a personal column is never read
into a figure, a page, JSON output or a cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import codes
from ..diagnostics import Issue, Span
from ..model import COLUMN_ROLES, Dataset
from ..suggest import did_you_mean
from .sources import (
    ResolvedSource,
    check_parquet,
    parquet_span,
    resolve_backend,
    resolve_source,
    scan_csv,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: The column that numbers a file's data rows from 1 (for located diagnostics).
ROW = "__row"

Locate = Callable[[int, str], Span]


@dataclass
class DataTable:
    """One dataset's rows, ready for the engine."""

    dataset: Dataset
    #: What diagnostics name as the file (workspace-relative path, or backend:table).
    label: str
    table: ir.Table
    #: Model name (role or question id) → the source column it was read from.
    source_names: dict[str, str]
    #: Whether values arrive as text (CSV) and need a checked conversion.
    text: bool
    #: Where a data row's column is (None: rows of this source cannot be located).
    locate: Locate | None
    issues: list[Issue] = field(default_factory=list)
    #: The backend that runs this table's queries (None: the engine's own).
    backend: Any = None
    #: Every column of the source, as named there (personal ones included: names only).
    header: list[str] = field(default_factory=list)

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        """The result of a query on this table, as plain rows."""
        found: list[dict[str, Any]] = self.backend.to_pyarrow(expr).to_pylist()
        return found

    def has(self, name: str) -> bool:
        return name in self.source_names


class Engine:
    """The ibis connection the figures are computed on (DuckDB unless told otherwise)."""

    def __init__(self, name: str = "duckdb") -> None:
        import ibis

        self.name = name
        self.con: Any = getattr(ibis, name).connect()
        self._count = 0

    def fresh_name(self) -> str:
        self._count += 1
        return f"cxdsl_dataset_{self._count}"

    @property
    def checked_casts(self) -> bool:
        """Whether text converts with ``try_cast`` (a bad value becomes NULL)."""
        return self.name == "duckdb"


def open_dataset(
    engine: Engine, root: Path, dataset: Dataset, span: Span, wanted: set[str]
) -> tuple[DataTable | None, list[Issue]]:
    """The dataset's rows with model names, or the issues that stopped it.

    ``wanted``: the model names (roles and question ids) the computation may read.
    """
    if dataset.table is not None:
        return _open_backend(dataset, span, wanted)
    source, issues = resolve_source(root, dataset, span)
    if source is None:
        return None, issues
    opener = _open_csv if source.format == "csv" else _open_parquet
    found, more = opener(engine, source, dataset, wanted)
    return found, issues + more


def _open_csv(
    engine: Engine, source: ResolvedSource, dataset: Dataset, wanted: set[str]
) -> tuple[DataTable | None, list[Issue]]:
    import ibis

    scan = scan_csv(source, delimiter=dataset.delimiter, drop=dataset.personal_columns)
    if not scan.header or scan.table.num_rows == 0:
        _report_empty(scan.issues, source.label)
        return None, scan.issues
    names = _mapped(dataset, scan.header, wanted)
    unmapped = _unmapped(dataset, scan.header, names, wanted)
    issues = list(scan.issues)
    issues.extend(
        Issue(
            codes.CX309_COLUMN_UNMAPPED,
            f"column '{col}' maps to no question, role or personal declaration; it is not read",
            scan.locate(0, col),
            "map it in the dataset's `columns:`, or declare it `{personal: true}`",
        )
        for col in unmapped
    )
    table = ibis.memtable(scan.table)
    keep = [table[src].name(name) for name, src in names.items()] + [table[ROW]]
    found = DataTable(
        dataset,
        source.label,
        table.select(keep),
        names,
        True,
        scan.locate,
        [],
        engine.con,
        list(scan.header),
    )
    return found, issues


def _open_parquet(
    engine: Engine, source: ResolvedSource, dataset: Dataset, wanted: set[str]
) -> tuple[DataTable | None, list[Issue]]:
    columns, issues = check_parquet(source)
    if columns is None or any(i.code == codes.CX303_SOURCE_EMPTY for i in issues):
        return None, issues
    names = _mapped(dataset, columns, wanted)
    for col in _unmapped(dataset, columns, names, wanted):
        issues.append(
            Issue(
                codes.CX309_COLUMN_UNMAPPED,
                f"column '{col}' maps to no question, role or personal declaration; it is not read",
                parquet_span(source.label, 0, col),
                "map it in the dataset's `columns:`, or declare it `{personal: true}`",
            )
        )
    try:
        if engine.name == "duckdb":
            table = engine.con.read_parquet(
                str(source.path), table_name=engine.fresh_name(), file_row_number=True
            )
            row = (table["file_row_number"] + 1).name(ROW)
        else:
            table = engine.con.read_parquet(str(source.path), table_name=engine.fresh_name())
            row = None
    except Exception as exc:  # the engine's reader refused what pyarrow accepted
        issues.append(
            Issue(
                codes.CX302_SOURCE_MALFORMED,
                f"cannot read the Parquet file: {_first_line(exc)}",
                Span(file=source.label),
            )
        )
        return None, issues
    keep = [table[src].name(name) for name, src in names.items()]
    if row is not None:
        keep.append(row)

    def locate(r: int, col: str) -> Span:
        return parquet_span(source.label, r, col)

    located = locate if row is not None else None
    found = DataTable(
        dataset, source.label, table.select(keep), names, False, located, [], engine.con, columns
    )
    return found, issues


def _open_backend(
    dataset: Dataset, span: Span, wanted: set[str]
) -> tuple[DataTable | None, list[Issue]]:
    import ibis

    backend, issues = resolve_backend(dataset, span)
    if backend is None or dataset.table is None:
        return None, issues
    label = backend.label
    try:
        con = ibis.connect(backend.url) if backend.url else getattr(ibis, backend.backend).connect()
        table = con.table(dataset.table)
        columns = list(table.columns)
    except Exception as exc:  # a driver's error: the network, credentials, a missing table
        reason = _first_line(exc)
        if backend.url:  # a driver may quote its URL, password and all
            reason = reason.replace(backend.url, f"${{{backend.connection_env}}}")
        issues.append(
            Issue(
                codes.CX301_SOURCE_UNAVAILABLE,
                f"cannot open table '{dataset.table}' on {dataset.backend}: {reason}",
                span,
            )
        )
        return None, issues
    names = _mapped(dataset, columns, wanted)
    keep = [table[src].name(name) for name, src in names.items()]
    found = DataTable(dataset, label, table.select(keep), names, False, None, [], con, columns)
    return found, issues


def _mapped(dataset: Dataset, header: list[str], wanted: set[str]) -> dict[str, str]:
    """Model name → source column, for the names the source has."""
    present = set(header)
    personal = dataset.personal_columns
    out = {}
    for name in sorted(wanted | set(COLUMN_ROLES)):
        src = dataset.column(name)
        if src in present and src not in personal:
            out[name] = src
    return out


def _unmapped(
    dataset: Dataset, header: list[str], names: dict[str, str], wanted: set[str]
) -> list[str]:
    used = set(names.values()) | dataset.personal_columns | {dataset.column(w) for w in wanted}
    return [col for col in header if col not in used and col != ROW]


def missing_column(table: DataTable, name: str, why: str) -> Issue:
    """CX304 for a model name the source lacks, naming the closest column."""
    src = table.dataset.column(name)
    hint = did_you_mean(src, table.header or list(table.source_names.values()))
    return Issue(
        codes.CX304_COLUMN_MISSING,
        f"column '{src}' ({why}) is not in the source",
        table.locate(0, src) if table.locate else Span(file=table.label),
        hint,
    )


def _report_empty(issues: list[Issue], label: str) -> None:
    if not issues:
        issues.append(Issue(codes.CX303_SOURCE_EMPTY, "the file holds no rows", Span(file=label)))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
