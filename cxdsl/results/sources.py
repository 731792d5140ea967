"""Where a dataset's rows come from, refused before anything is opened when unsafe.

A dataset names a file (``source``) or a table on an ibis backend (``backend`` and
``table``). A literal file path lies inside the workspace: not outside it, not through a
symbolic link out of it, not in a hidden folder (``.git/config`` holds CI's token). A
file named by ``${ENV_VAR}`` (or ``${ENV_VAR}/sub/path.csv``) may lie outside the
workspace, which is its point: personal data stays out of git. Its diagnostics name it
by the variable (``${CX_RESULTS}/x.csv``), never by the variable's value: the model
chooses the variable, so the value may be something that must not be printed.

Everything here works on names and ``stat`` results; nothing is opened (a FIFO blocks
the reader that opens it), no backend is connected (the engine does that).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from .. import codes
from ..diagnostics import Issue, Span
from ..loading.files import out_of_bounds, special_kind
from ..model.results import ENV_REF, Dataset
from .csvscan import MAX_CSV_BYTES, CsvScan, open_regular, scan_csv

__all__ = [
    "MAX_CSV_BYTES",
    "BackendSource",
    "CsvScan",
    "ResolvedSource",
    "check_parquet",
    "parquet_span",
    "resolve_backend",
    "resolve_source",
    "scan_csv",
]

SourceFormat = Literal["csv", "parquet"]

#: ``${NAME}`` at the start of a source, optionally followed by ``/a/path``.
_ENV_PREFIX = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}(?:/(.*))?$")
_SUFFIXES: dict[str, SourceFormat] = {".csv": "csv", ".parquet": "parquet"}
_BACKEND_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_OUTSIDE_HINT = (
    "put the file inside the workspace, or name it with ${ENV_VAR} (a file outside "
    "the workspace, e.g. personal data kept out of git)"
)


@dataclass(frozen=True)
class ResolvedSource:
    """A dataset file that may be read: checked to be a regular file of a known format."""

    #: How diagnostics name the file (``Span.file``): workspace-relative with forward
    #: slashes, or ``${VAR}``/``${VAR}/x.csv`` for a file outside the workspace.
    label: str
    path: Path
    format: SourceFormat


@dataclass(frozen=True)
class BackendSource:
    """A table on an ibis backend whose module and driver are installed (not connected)."""

    backend: str
    table: str
    #: How diagnostics name the table (``Span.file``): ``backend:table``.
    label: str
    #: The environment variable holding the connection URL, or None (an in-process
    #: backend such as duckdb or polars).
    connection_env: str | None = None
    #: The connection URL read from it: a credential, kept out of ``repr``.
    url: str | None = field(default=None, repr=False)


def resolve_source(
    root: Path, dataset: Dataset, span: Span
) -> tuple[ResolvedSource | None, list[Issue]]:
    """The dataset's file, checked without opening it, or why it cannot be read.

    ``span`` is where the dataset declares ``source:``; every refusal is located there
    (CX301; a CSV over :data:`MAX_CSV_BYTES` is CX302).
    """
    source = (dataset.source or "").strip()
    if not source:
        return None, [_refuse(span, "the dataset names no `source` file")]
    located = _locate(root, source, span)
    if isinstance(located, Issue):
        return None, [located]
    path, label = located
    try:
        info = os.stat(path)  # the link (if any) was checked by _locate; stat, not open
    except (FileNotFoundError, NotADirectoryError):
        return None, [_missing(path, label, span)]
    except OSError as exc:
        return None, [_refuse(span, f"cannot read '{label}': {exc.strerror}")]
    if stat.S_ISDIR(info.st_mode):
        return None, [_refuse(span, f"'{label}' is a folder, not a file")]
    if not stat.S_ISREG(info.st_mode):
        return None, [
            _refuse(
                span,
                f"'{label}' is {special_kind(info.st_mode)}, not a regular file; refused unread",
                "a dataset's source is a CSV or Parquet file",
            )
        ]
    fmt = dataset.format or _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        return None, [
            _refuse(
                span,
                f"cannot tell the format of '{label}' from its name",
                "name the file .csv or .parquet, or set `format: csv` or `format: parquet`",
            )
        ]
    if fmt == "csv" and info.st_size > MAX_CSV_BYTES:
        return None, [
            Issue(
                codes.CX302_SOURCE_MALFORMED,
                f"'{label}' is {info.st_size / 1024**2:.0f} MiB; CSV sources are limited "
                f"to {MAX_CSV_BYTES // 1024**2} MiB",
                span,
                "convert it to Parquet, which cxdsl reads at any size",
            )
        ]
    return ResolvedSource(label, path, fmt), []


def _locate(root: Path, source: str, span: Span) -> tuple[Path, str] | Issue:
    """The path a source names and its label, or why it may not be read."""
    real_root = os.path.realpath(root)
    env = _ENV_PREFIX.match(source)
    if env is not None:
        return _locate_env(root, real_root, env[1], env[2], span)
    if "${" in source:
        return _refuse(
            span,
            f"'{source}' uses ${{...}} inside a path",
            "only a leading ${ENV_VAR} is read: ${ENV_VAR} or ${ENV_VAR}/file.csv",
        )
    if Path(source).is_absolute() or source.startswith(("/", "\\")):
        return _refuse(span, f"'{source}' is an absolute path", _OUTSIDE_HINT)
    path = root / source
    lexical = os.path.normpath(os.path.join(real_root, source))
    where = out_of_bounds(lexical, real_root) or out_of_bounds(os.path.realpath(path), real_root)
    if where is not None:
        through = "" if out_of_bounds(lexical, real_root) else " through a symbolic link"
        return _refuse(span, f"'{source}' lies {where}{through}; refused unread", _OUTSIDE_HINT)
    return path, Path(os.path.relpath(lexical, real_root)).as_posix()


def _locate_env(
    root: Path, real_root: str, name: str, rest: str | None, span: Span
) -> tuple[Path, str] | Issue:
    value = os.environ.get(name, "")
    label = f"${{{name}}}" + (f"/{rest}" if rest else "")
    if not value:
        return _refuse(
            span,
            f"the environment variable {name} is not set",
            f"set {name} to the file's path (absolute, or relative to the workspace)",
        )
    base = Path(os.path.expanduser(value))
    path = root / base if not base.is_absolute() else base
    if rest:
        path = path / rest
    real = os.path.realpath(path)
    where = out_of_bounds(real, real_root)
    if where is None:  # inside the workspace: named like any workspace file
        return path, Path(os.path.relpath(real, real_root)).as_posix()
    if where.startswith("hidden"):
        return _refuse(span, f"{label} lies {where}; refused unread", _OUTSIDE_HINT)
    return path, label


def _missing(path: Path, label: str, span: Span) -> Issue:
    """No such file; the hint names the closest file of that folder, when the folder is
    inside the workspace (a folder named by ${VAR} is not listed: its names are not ours
    to print)."""
    hint = None
    if not label.startswith("${"):
        try:
            names = [n for n in os.listdir(path.parent) if not n.startswith(".")]
        except OSError:
            names = []
        close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
    return _refuse(span, f"no file '{label}'", hint)


def _refuse(span: Span, message: str, hint: str | None = None) -> Issue:
    return Issue(codes.CX301_SOURCE_UNAVAILABLE, message, span, hint)


def resolve_backend(dataset: Dataset, span: Span) -> tuple[BackendSource | None, list[Issue]]:
    """The dataset's backend table when its ibis backend and driver are installed and its
    ``connection`` variable is set, or why not (CX301 at ``span``). Nothing is connected.

    A dataset without ``backend`` and ``table`` has nothing to resolve: ``(None, [])``.
    """
    if dataset.backend is None or dataset.table is None:
        return None, []
    name = dataset.backend.strip()
    missing = _backend_missing(name)
    if missing is not None:
        message, hint = missing
        return None, [_refuse(span, message, hint)]
    env_name = None
    url = None
    if dataset.connection is not None:
        match = ENV_REF.match(dataset.connection)
        env_name = match[1] if match else dataset.connection
        url = os.environ.get(env_name, "")
        if not url:
            return None, [
                _refuse(
                    span,
                    f"the environment variable {env_name} (`connection`) is not set",
                    f"set {env_name} to the {name} connection URL",
                )
            ]
    label = f"{name}:{dataset.table}"
    return BackendSource(name, dataset.table, label, env_name, url), []


def _backend_missing(name: str) -> tuple[str, str] | None:
    """(message, hint) when ibis, its backend ``name`` or the backend's driver is not
    installed. Backends are ibis's ``ibis.backends`` entry points; the driver is every
    distribution that ``ibis-framework[name]`` requires. Nothing is imported but ibis's
    package itself (``find_spec`` of the backend module)."""
    import importlib.metadata
    import importlib.util

    install = f"pip install 'ibis-framework[{name}]'"
    if not _BACKEND_NAME.match(name):
        return f"'{name}' is not an ibis backend name", "backend names are like trino or bigquery"
    known = {e.name: e.value for e in importlib.metadata.entry_points(group="ibis.backends")}
    if name not in known:
        close = difflib.get_close_matches(name, sorted(known), n=1)
        guess = f"did you mean '{close[0]}'? " if close else ""
        return f"the ibis backend '{name}' is not installed", f"{guess}install it: {install}"
    try:
        spec = importlib.util.find_spec(known[name])
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return f"the ibis backend '{name}' cannot be imported", f"reinstall it: {install}"
    absent = [dist for dist in _extra_requirements(name) if not _installed(dist)]
    if absent:
        return (
            f"the ibis backend '{name}' needs {', '.join(absent)}, not installed",
            f"install it: {install}",
        )
    return None


_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)[^;]*;(.*)$")
_OTHER_MARKER = re.compile(r"\b(python_\w+|platform_\w+|sys_platform|os_name|implementation_\w+)\b")


def _extra_requirements(extra: str) -> list[str]:
    """Distributions ``ibis-framework[extra]`` adds. A requirement with any marker
    besides the extra (a Python version, a platform) is left out rather than evaluated:
    a backend is never refused for a driver it does not need here."""
    import importlib.metadata

    try:
        requires = importlib.metadata.requires("ibis-framework") or []
    except importlib.metadata.PackageNotFoundError:
        return []
    wanted = re.compile(rf"""extra\s*==\s*["']{re.escape(extra)}["']""")
    names = []
    for text in requires:
        match = _REQUIREMENT.match(text)
        marker = match[2] if match else ""
        if match and wanted.search(marker) and not _OTHER_MARKER.search(marker):
            names.append(match[1])
    return sorted(set(names))


def _installed(distribution: str) -> bool:
    import importlib.metadata

    try:
        importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


#: Parquet files start and end with these bytes (the end: after the footer's length).
_PARQUET_MAGIC = b"PAR1"
_CSV_HINT = "it looks like text: name it .csv or set `format: csv`"


def check_parquet(source: ResolvedSource) -> tuple[list[str] | None, list[Issue]]:
    """The Parquet file's column names, read from its footer (no rows are read), or why
    it is not Parquet (CX302) or holds no rows (CX303, names still given).

    Whole-file problems are located at the file's line 1, column 1 (``Span(file=label)``),
    like a CSV's; a column's problem at ``record="column <name>"``.
    """
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    where = Span(file=source.label)
    try:
        handle = open_regular(source)
    except OSError as exc:
        return None, [_refuse(where, f"cannot read file: {exc.strerror}")]
    with handle:
        try:
            problem = _not_parquet(handle)
            if problem is not None:
                message, hint = problem
                return None, [Issue(codes.CX302_SOURCE_MALFORMED, message, where, hint)]
            handle.seek(0)
            meta = pq.ParquetFile(handle)
            names = [str(name) for name in meta.schema_arrow.names]
            rows = int(meta.metadata.num_rows)
        except Exception as exc:  # an I/O error; pyarrow's on a damaged footer vary
            text = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
            message = f"cannot read the Parquet file: {text}"
            return None, [Issue(codes.CX302_SOURCE_MALFORMED, message, where)]
    issues = [
        Issue(
            codes.CX302_SOURCE_MALFORMED,
            f"the column name {name!r} appears twice" if name else "a column has no name",
            parquet_span(source.label, 0, name),
        )
        for index, name in enumerate(names)
        if not name.strip() or names.index(name) != index
    ]
    if rows == 0:
        issues.append(Issue(codes.CX303_SOURCE_EMPTY, "the Parquet file holds no rows", where))
    return names, issues


def _not_parquet(handle: IO[bytes]) -> tuple[str, str | None] | None:
    """(message, hint) when the file lacks Parquet's magic bytes at either end."""
    head = handle.read(4096)
    size = handle.seek(0, os.SEEK_END)
    if size >= 12:
        handle.seek(size - 4)
    tail = handle.read(4) if size >= 12 else b""
    if head.startswith(_PARQUET_MAGIC) and tail == _PARQUET_MAGIC:
        return None
    if head.startswith(_PARQUET_MAGIC):
        return "the Parquet file is cut short (its footer is missing)", "copy or export it again"
    text = b"\0" not in head and _is_utf8(head)
    return "not a Parquet file", _CSV_HINT if text and head.strip() else None


def _is_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut by the 4096-byte read
    return True


def parquet_span(label: str, row: int, column: str) -> Span:
    """Where a Parquet row's column is: ``row 12, column nps`` (rows count from 1; row
    0 is the schema: ``column nps``)."""
    if row <= 0:
        return Span(file=label, record=f"column {column}")
    return Span(file=label, record=f"row {row}, column {column}")
