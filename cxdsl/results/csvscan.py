"""A dataset's CSV file read once, streaming, into string columns; every problem located.

Python's ``csv`` module parses (strict quoting, so an unclosed quote is seen); the lines
it is fed are counted and their byte offsets kept, one number per row, so a figure's
problem found later can be placed at the line and column of its field by re-parsing
that one row (:meth:`CsvScan.locate`). Lines are physical lines (a quoted line break
moves every later row down); columns count characters from 1, a byte-order mark not
counted.

Nothing on bad input raises: a UTF-8 byte-order mark, CRLF line ends, quoted line breaks
and delimiters and a blank last line are valid CSV (Excel writes them); bad bytes stop
the reading at their line (the rows before are kept); a row with the wrong number of
fields is reported and skipped. Personal columns (``drop``) are never kept.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from .. import codes
from ..diagnostics import Issue, Span

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    from .sources import ResolvedSource

#: CSV is parsed row by row in Python; past this size a file is refused unread
#: (``resolve_source``) or no longer read (a file that grew). Parquet has no limit.
MAX_CSV_BYTES = 256 * 1024 * 1024
#: The largest field read (``csv``'s default is 128 KiB); larger is reported.
FIELD_LIMIT = 16 * 1024 * 1024
#: Issues of one code listed per file; the rest are counted in one summary issue.
MAX_ISSUES_PER_CODE = 20
#: The row number's column in :attr:`CsvScan.table` (1-based data rows).
ROW_COLUMN = "__row"
_CHUNK_ROWS = 65536
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
#: Delimiters a one-column header is checked for: (as named, as written in YAML).
_DELIMITER_NAMES = {
    ";": ("';'", "';'"),
    "\t": ("tab", '"\\t"'),
    "|": ("'|'", "'|'"),
    ",": ("','", "','"),
}
#: Byte-order marks of UTF-32, then UTF-16 (UTF-32-LE's starts with UTF-16-LE's).
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF8_HINT = (
    "save it as UTF-8 (Excel: Save As, 'CSV UTF-8'), or convert it: "
    "iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW-FILE"
)
_QUOTE_HINT = "a field holding the delimiter, a quote or a line break must be quoted"


@dataclass(frozen=True)
class CsvScan:
    """What :func:`scan_csv` read: the header, the kept columns as strings plus
    :data:`ROW_COLUMN`, the problems found, and where each row starts (row 0 is the
    header)."""

    label: str
    header: list[str]
    table: pa.Table
    issues: list[Issue]
    _source: ResolvedSource = field(repr=False)
    _delimiter: str = field(repr=False)
    #: Byte offset of each row's first line (the header at 0, data row ``r`` at ``r``).
    _offsets: array[int] = field(repr=False)
    #: Line of row ``r`` is ``r + extra``; ``extra`` changes only at these rows.
    _jump_rows: array[int] = field(repr=False)
    _jump_extra: array[int] = field(repr=False)

    def line_of(self, row: int) -> int:
        """The physical line where data row ``row`` (1-based; 0: the header) starts."""
        at = bisect_right(self._jump_rows, row) - 1
        return row + (self._jump_extra[at] if at >= 0 else 1)

    def locate(self, row: int, column: str) -> Span:
        """Where the field of ``column`` in data row ``row`` (0: the header) starts: its
        line and the character column of its first character (an opening quote, if
        quoted). The row is re-read from the file; an unknown column gives the row's line,
        an unknown row the file."""
        if not 0 <= row < len(self._offsets) or not self.header:
            return Span(file=self.label)
        line = self.line_of(row)
        if column not in self.header:
            return Span(file=self.label, line=line)
        index = self.header.index(column)
        starts = _field_starts(self._source, self._offsets[row], self._delimiter, index)
        if len(starts) <= index:
            return Span(file=self.label, line=line)
        return Span(file=self.label, line=line + starts[index][0], column=starts[index][1])


def scan_csv(source: ResolvedSource, *, delimiter: str, drop: set[str]) -> CsvScan:
    """Read ``source`` as CSV separated by ``delimiter``, keeping every column but those
    in ``drop`` (personal columns: never read into the table). Never raises on the
    file's content; problems are in :attr:`CsvScan.issues` (CX301-CX303)."""
    issues = _Issues(source.label)
    scan = _Scan(source, delimiter, issues)
    if delimiter in ('"', "\r", "\n"):
        issues.add(codes.CX302_SOURCE_MALFORMED, f"{delimiter!r} cannot be the delimiter", 1, 1)
    else:
        try:
            with open_regular(source) as handle:
                scan.run(handle, drop)
        except OSError as exc:
            issues.add(codes.CX301_SOURCE_UNAVAILABLE, f"cannot read file: {exc.strerror}", 1, 1)
    return CsvScan(
        source.label,
        scan.header,
        scan.columns.table(),
        issues.done(),
        source,
        delimiter,
        scan.offsets,
        scan.jump_rows,
        scan.jump_extra,
    )


class _Issues:
    """Issues of one file, at most :data:`MAX_ISSUES_PER_CODE` of each code."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.listed: list[Issue] = []
        self.counts: dict[str, int] = {}

    def add(self, code: str, message: str, line: int, column: int, hint: str | None = None) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1
        if self.counts[code] <= MAX_ISSUES_PER_CODE:
            self.listed.append(
                Issue(code, message, Span(file=self.label, line=line, column=column), hint)
            )

    def done(self) -> list[Issue]:
        summaries = [
            Issue(
                code,
                f"and {count - MAX_ISSUES_PER_CODE} more {code} issues in this file "
                f"(the first {MAX_ISSUES_PER_CODE} are listed)",
                Span(file=self.label),
            )
            for code, count in sorted(self.counts.items())
            if count > MAX_ISSUES_PER_CODE
        ]
        return self.listed + summaries


class _Lines:
    """The file's physical lines as text for ``csv.reader``, counted, with the byte
    offset of the next one; it ends early at bad bytes (NUL, not UTF-8, UTF-16) or
    past :data:`MAX_CSV_BYTES`, after reporting them."""

    def __init__(self, handle: IO[bytes], issues: _Issues) -> None:
        self.handle = handle
        self.issues = issues
        self.number = 0  # lines handed out
        self.offset = 0  # byte offset of the next line
        self.stopped = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.stopped:
            raise StopIteration
        raw = self.handle.readline(MAX_CSV_BYTES + 1 - self.offset)
        if not raw:
            raise StopIteration
        number = self.number + 1
        if self.offset + len(raw) > MAX_CSV_BYTES:
            self._stop(number, 1, f"the file grew past {MAX_CSV_BYTES // 1024**2} MiB")
            raise StopIteration
        text = self._decode(raw, number)
        if text is None:
            raise StopIteration
        self.number = number
        self.offset += len(raw)
        return text[1:] if number == 1 and text.startswith("\ufeff") else text

    def _decode(self, raw: bytes, number: int) -> str | None:
        if number == 1 and raw.startswith(_WIDE_BOMS):
            name = "UTF-32" if raw.startswith(_WIDE_BOMS[:2]) else "UTF-16"
            self._stop(1, 1, f"the file is {name} text; CSV is read as UTF-8", _UTF8_HINT)
            return None
        nul = raw.find(b"\0")
        if nul >= 0:
            parquet = number == 1 and raw.startswith(b"PAR1")
            hint = "it looks like Parquet: name it .parquet or set `format: parquet`"
            self._stop(
                number,
                _column(raw, nul, number),
                "binary data (a NUL byte)",
                hint if parquet else "a CSV source is a text file",
            )
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            col = _column(raw, exc.start, number)
            self._stop(number, col, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})", _UTF8_HINT)
            return None

    def _stop(self, line: int, column: int, what: str, hint: str | None = None) -> None:
        self.stopped = True
        message = f"{what}; rows from this line on are not read"
        self.issues.add(codes.CX302_SOURCE_MALFORMED, message, line, column, hint)


def _column(raw: bytes, offset: int, number: int) -> int:
    """The 1-based character column of byte ``offset`` of a line (a BOM on line 1 not
    counted)."""
    start = len(codecs.BOM_UTF8) if number == 1 and raw.startswith(codecs.BOM_UTF8) else 0
    return len(raw[start:offset].decode("utf-8", errors="replace")) + 1


class _Scan:
    """One pass over the file: the header, then every record."""

    def __init__(self, source: ResolvedSource, delimiter: str, issues: _Issues) -> None:
        self.source = source
        self.delimiter = delimiter
        self.issues = issues
        self.header: list[str] = []
        self.columns = _Columns([], [])
        self.offsets: array[int] = array("q")
        self.jump_rows: array[int] = array("q")
        self.jump_extra: array[int] = array("q")
        self.rows = 0

    def run(self, handle: IO[bytes], drop: set[str]) -> None:
        if csv.field_size_limit() < FIELD_LIMIT:
            csv.field_size_limit(FIELD_LIMIT)
        lines = _Lines(handle, self.issues)
        reader = csv.reader(lines, delimiter=self.delimiter, quotechar='"', strict=True)
        records = self._records(reader, lines)
        first = next(records, None)
        if first is None:
            if not lines.stopped:
                self.issues.add(codes.CX303_SOURCE_EMPTY, "the file is empty", 1, 1)
            return
        header_line, header_offset, header = first
        self._index(0, header_line, header_offset)
        if header is None or not self._header(header, header_line, header_offset, drop):
            return
        header_end = lines.number
        for line, offset, record in records:
            self._record(line, offset, record)
        if self.rows == 0 and not lines.stopped:
            self.issues.add(
                codes.CX303_SOURCE_EMPTY,
                "the file holds a header only, no rows",
                header_end + 1,
                1,
            )

    def _records(
        self, reader: Iterator[list[str]], lines: _Lines
    ) -> Iterator[tuple[int, int, list[str] | None]]:
        """(line, byte offset, fields) of every non-blank record; fields None when
        the record could not be parsed (reported here)."""
        while True:
            line, offset = lines.number + 1, lines.offset
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if lines.stopped:
                    return  # cut by bad bytes, already reported
                self._csv_error(str(exc), line, offset)
                yield line, offset, None
                continue
            if record:
                yield line, offset, record

    def _csv_error(self, error: str, line: int, offset: int) -> None:
        column = 1
        hint = _QUOTE_HINT
        if "unexpected end of data" in error:
            message = "a quoted field is never closed"
            starts = _field_starts(self.source, offset, self.delimiter)
            if starts:
                line, column = line + starts[-1][0], starts[-1][1]
        elif "field larger than field limit" in error:
            message = f"a field is larger than {FIELD_LIMIT // 1024**2} MiB"
        elif "expected after" in error:
            message = "a closing quote is followed by something other than the delimiter"
        elif "new-line character" in error:
            message = "a carriage return (\\r) inside an unquoted field"
            hint = "save the file with Windows (CRLF) or Unix (LF) line ends"
        else:
            message = f"cannot parse this row: {error}"
        self.issues.add(codes.CX302_SOURCE_MALFORMED, message, line, column, hint)

    def _header(self, header: list[str], line: int, offset: int, drop: set[str]) -> bool:
        """Check the header and choose the kept columns; False when nothing can be read
        (another delimiter)."""
        self.header = header
        if len(header) == 1:
            for other in _DELIMITER_NAMES:
                if other != self.delimiter and other in header[0]:
                    shown, yaml = _DELIMITER_NAMES[other]
                    self.issues.add(
                        codes.CX302_SOURCE_MALFORMED,
                        f"the header is one column; the file looks {shown}-separated",
                        line,
                        1,
                        f"set `delimiter: {yaml}` on the dataset",
                    )
                    return False
        starts: list[tuple[int, int]] | None = None
        names: list[str] = []
        indexes: list[int] = []
        for index, name in enumerate(header):
            problem = _header_problem(name, index, header)
            if problem is not None:
                if starts is None:
                    starts = _field_starts(self.source, offset, self.delimiter)
                at = starts[index] if index < len(starts) else (0, 1)
                self.issues.add(codes.CX302_SOURCE_MALFORMED, problem, line + at[0], at[1])
            elif name not in drop:
                names.append(name)
                indexes.append(index)
        self.columns = _Columns(names, indexes)
        return True

    def _index(self, row: int, line: int, offset: int) -> None:
        self.offsets.append(offset)
        extra = line - row
        if not self.jump_extra or self.jump_extra[-1] != extra:
            self.jump_rows.append(row)
            self.jump_extra.append(extra)

    def _record(self, line: int, offset: int, record: list[str] | None) -> None:
        self.rows += 1
        row = self.rows
        self._index(row, line, offset)
        if record is None:
            return
        if len(record) != len(self.header):
            self.issues.add(
                codes.CX302_SOURCE_MALFORMED,
                f"this row has {len(record)} fields; the header has {len(self.header)} "
                "(the row is skipped)",
                line,
                1,
                _QUOTE_HINT,
            )
            return
        self.columns.add(record, row)


def _header_problem(name: str, index: int, header: list[str]) -> str | None:
    if not name.strip():
        return f"column {index + 1} of the header has no name"
    first = header.index(name)
    if first != index:
        return f"the header names {name!r} twice (columns {first + 1} and {index + 1})"
    if name == ROW_COLUMN:
        return f"the column name {ROW_COLUMN!r} is reserved by cxdsl"
    return None


class _Columns:
    """The kept columns, gathered in chunks of string arrays (memory: the kept values)."""

    def __init__(self, names: list[str], indexes: list[int]) -> None:
        self.names = names
        self.pick = _picker(indexes)
        self.pending: list[tuple[str, ...]] = []
        self.numbers: list[int] = []
        self.chunks: list[list[Any]] = [[] for _ in [*names, ROW_COLUMN]]

    def add(self, record: list[str], row: int) -> None:
        self.pending.append(self.pick(record))
        self.numbers.append(row)
        if len(self.pending) >= _CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self.numbers:
            return
        values = list(zip(*self.pending, strict=True)) or [()] * len(self.names)
        for chunks, column in zip(self.chunks, values, strict=False):
            chunks.append(pa.array(column, type=pa.string()))
        self.chunks[-1].append(pa.array(self.numbers, type=pa.int64()))
        self.pending = []
        self.numbers = []

    def table(self) -> pa.Table:
        import pyarrow as pa

        self.flush()
        types = [pa.string()] * len(self.names) + [pa.int64()]
        arrays = [pa.chunked_array(c, type=t) for c, t in zip(self.chunks, types, strict=True)]
        return pa.Table.from_arrays(arrays, names=[*self.names, ROW_COLUMN])


def _picker(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    if len(indexes) >= 2:
        from operator import itemgetter

        getter = itemgetter(*indexes)
        return lambda record: getter(record)
    if len(indexes) == 1:
        only = indexes[0]
        return lambda record: (record[only],)
    return lambda _record: ()


def open_regular(source: ResolvedSource) -> IO[bytes]:
    """The file opened to read without blocking, or OSError when it is not a regular
    file (it was when resolved; a FIFO or folder swapped in since is refused, not
    waited on)."""
    fd = os.open(source.path, _OPEN_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _field_starts(
    source: ResolvedSource, offset: int, delimiter: str, want: int | None = None
) -> list[tuple[int, int]]:
    """Where the fields of the record at ``offset`` start, up to field ``want`` (None:
    all), as (lines after the record's first, 1-based character column); [] when the
    file cannot be read again."""
    try:
        with open_regular(source) as handle:
            handle.seek(offset)
            return _walk(_text_lines(handle, offset), delimiter, want)[0]
    except OSError:
        return []


def _text_lines(handle: IO[bytes], offset: int) -> Iterator[str]:
    for number, raw in enumerate(handle):
        text = raw.decode("utf-8", errors="replace")
        yield text[1:] if number == 0 and offset == 0 and text.startswith("\ufeff") else text


def _walk(
    lines: Iterable[str], delimiter: str, want: int | None
) -> tuple[list[tuple[int, int]], bool]:
    """Where each field of one record starts, as (lines after the record's first line,
    1-based character column), up to field ``want`` (None: all); and whether the record
    ends inside quotes. Quoting as ``csv``'s default dialect: a field is quoted when it
    starts with ``"``, and ``""`` inside it is one quote."""
    starts: list[tuple[int, int]] = []
    quoted = False
    fresh = True  # at a field's first character
    for delta, line in enumerate(lines):
        end = len(line.rstrip("\r\n"))
        i = 0
        while True:
            if quoted:
                j = line.find('"', i)
                if j < 0:
                    break  # the field goes on on the next line
                quoted = line.startswith('"', j + 1)  # "" is a quote, still inside
                i = j + 2 if quoted else j + 1
                continue
            if fresh:
                starts.append((delta, i + 1))
                if want is not None and len(starts) > want:
                    return starts, False
                fresh = False
                if line.startswith('"', i):
                    quoted, i = True, i + 1
                    continue
            j = line.find(delimiter, i, end)
            if j < 0:
                return starts, False
            i, fresh = j + 1, True
    return starts, quoted
