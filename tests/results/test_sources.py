"""A dataset's source: refused unread when unsafe, its CSV read with every problem located
at the line and column counted by hand here, its Parquet checked from the footer."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl import codes
from cxdsl.diagnostics import Issue, Span
from cxdsl.model.results import Dataset
from cxdsl.results.csvscan import FIELD_LIMIT, MAX_ISSUES_PER_CODE, CsvScan
from cxdsl.results.sources import (
    MAX_CSV_BYTES,
    ResolvedSource,
    check_parquet,
    parquet_span,
    resolve_backend,
    resolve_source,
    scan_csv,
)

SPAN = Span(file="results/ds.yaml", line=4, column=9)


def _ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "data").mkdir(parents=True)
    (root / "data" / "responses.csv").write_text("id,nps\n1,9\n", encoding="utf-8")
    return root


def _resolve(root: Path, source: str, **extra: object) -> tuple[ResolvedSource | None, list[Issue]]:
    return resolve_source(root, Dataset(id="ds", source=source, **extra), SPAN)


def _one(issues: list[Issue], code: str) -> Issue:
    assert [i.code for i in issues] == [code], issues
    return issues[0]


def _where(issue: Issue) -> tuple[int, int]:
    assert issue.span is not None
    return issue.span.line, issue.span.column


# --- resolve_source ------------------------------------------------------------------


def test_a_file_in_the_workspace_is_resolved_with_its_relative_label(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    source, issues = _resolve(root, "data/./responses.csv")
    assert issues == []
    assert source == ResolvedSource("data/responses.csv", root / "data/./responses.csv", "csv")


def test_format_comes_from_the_suffix_or_the_declaration(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    (root / "data" / "export.txt").write_text("id\n1\n", encoding="utf-8")
    (root / "data" / "wave.PARQUET").write_bytes(b"PAR1")
    assert _resolve(root, "data/wave.PARQUET")[0].format == "parquet"  # type: ignore[union-attr]
    assert _resolve(root, "data/export.txt", format="csv")[0].format == "csv"  # type: ignore[union-attr]
    source, issues = _resolve(root, "data/export.txt")
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert source is None and issue.span == SPAN
    assert "format: csv" in (issue.hint or "")


def test_unset_variable_is_named_in_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CX_UNSET_RESULTS", raising=False)
    source, issues = _resolve(_ws(tmp_path), "${CX_UNSET_RESULTS}")
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert source is None and issue.span == SPAN
    assert "CX_UNSET_RESULTS" in issue.message and "CX_UNSET_RESULTS" in (issue.hint or "")


def test_a_variable_may_name_a_file_outside_the_workspace_labelled_by_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _ws(tmp_path)
    private = tmp_path / "private"
    private.mkdir()
    (private / "wave1.csv").write_text("id\n1\n", encoding="utf-8")
    monkeypatch.setenv("CX_FILE", str(private / "wave1.csv"))
    monkeypatch.setenv("CX_DIR", str(private))
    source, issues = _resolve(root, "${CX_FILE}")
    assert issues == [] and source is not None
    assert (source.label, source.path, source.format) == (
        "${CX_FILE}",
        private / "wave1.csv",
        "csv",
    )
    source, issues = _resolve(root, "${CX_DIR}/wave1.csv")
    assert issues == [] and source is not None and source.label == "${CX_DIR}/wave1.csv"
    # a missing file there is named by the variable, never by its value
    _, issues = _resolve(root, "${CX_DIR}/wave2.csv")
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert "${CX_DIR}/wave2.csv" in issue.message and str(private) not in issue.message
    assert issue.hint is None


def test_a_variable_naming_a_workspace_file_gets_the_relative_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _ws(tmp_path)
    monkeypatch.setenv("CX_FILE", "data/responses.csv")  # relative to the workspace
    source, issues = _resolve(root, "${CX_FILE}")
    assert issues == [] and source is not None and source.label == "data/responses.csv"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("../outside.csv", "outside the workspace"),
        ("data/../../outside.csv", "outside the workspace"),
        ("/etc/passwd", "absolute path"),
        (".private/x.csv", "hidden in the workspace"),
        ("data/${YEAR}.csv", "inside a path"),
    ],
)
def test_literal_paths_stay_in_the_workspace(tmp_path: Path, source: str, words: str) -> None:
    root = _ws(tmp_path)
    (tmp_path / "outside.csv").write_text("id\n1\n", encoding="utf-8")
    (root / ".private").mkdir()
    (root / ".private" / "x.csv").write_text("id\n1\n", encoding="utf-8")
    resolved, issues = _resolve(root, source)
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert resolved is None and issue.span == SPAN and words in issue.message


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_symbolic_links_out_of_the_workspace_or_into_git_are_refused(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[http]\n\textraheader = token\n", encoding="utf-8")
    (root / "data" / "passwd.csv").symlink_to("/etc/passwd")
    (root / "data" / "config.csv").symlink_to(root / ".git" / "config")
    (tmp_path / "outside.csv").write_text("id\n1\n", encoding="utf-8")
    (root / "linked").symlink_to(tmp_path)  # a folder link: its files lie outside too
    (root / "data" / "inside.csv").symlink_to(root / "data" / "responses.csv")
    for source, words in [
        ("data/passwd.csv", "outside the workspace through a symbolic link"),
        ("data/config.csv", "hidden in the workspace (.git/config) through a symbolic link"),
        ("linked/outside.csv", "outside the workspace through a symbolic link"),
    ]:
        resolved, issues = _resolve(root, source)
        issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
        assert resolved is None and words in issue.message, issue.message
    resolved, issues = _resolve(root, "data/inside.csv")  # a link inside is fine
    assert issues == [] and resolved is not None and resolved.label == "data/inside.csv"


def test_missing_file_hints_the_closest_name(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    _, issues = _resolve(root, "data/responces.csv")
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert issue.message == "no file 'data/responces.csv'"
    assert issue.hint == "did you mean 'responses.csv'?"
    _, issues = _resolve(root, "nowhere/x.csv")
    assert _one(issues, codes.CX301_SOURCE_UNAVAILABLE).hint is None


def test_a_folder_is_not_a_source(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    (root / "data" / "wave.csv").mkdir()
    _, issues = _resolve(root, "data/wave.csv")
    assert "is a folder" in _one(issues, codes.CX301_SOURCE_UNAVAILABLE).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    os.mkfifo(root / "data" / "pipe.csv")  # opening it to read would block this test
    resolved, issues = _resolve(root, "data/pipe.csv")
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert resolved is None and "FIFO" in issue.message
    # swapped in after resolution: the scan opens without blocking and refuses it
    scan = scan_csv(
        ResolvedSource("data/pipe.csv", root / "data" / "pipe.csv", "csv"),
        delimiter=",",
        drop=set(),
    )
    assert [(i.code, i.message) for i in scan.issues] == [
        (codes.CX301_SOURCE_UNAVAILABLE, "cannot read file: not a regular file")
    ]


def test_a_csv_over_the_limit_is_refused_unread_parquet_is_not(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    for name in ("big.csv", "big.parquet"):
        with open(root / "data" / name, "wb") as f:
            f.truncate(2 * 1024**3)  # sparse: nothing is written
    resolved, issues = _resolve(root, "data/big.csv")
    issue = _one(issues, codes.CX302_SOURCE_MALFORMED)
    assert resolved is None and issue.span == SPAN
    assert issue.message == "'data/big.csv' is 2048 MiB; CSV sources are limited to 256 MiB"
    assert "Parquet" in (issue.hint or "")
    assert MAX_CSV_BYTES == 256 * 1024**2
    resolved, issues = _resolve(root, "data/big.parquet")
    assert issues == [] and resolved is not None


# --- resolve_backend -----------------------------------------------------------------


def _backend(name: str, connection: str | None = None) -> Dataset:
    return Dataset(id="ds", backend=name, table="survey.responses", connection=connection)


def test_an_uninstalled_backend_names_the_pip_extra() -> None:
    resolved, issues = resolve_backend(_backend("definitely_not_a_backend"), SPAN)
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert resolved is None and issue.span == SPAN
    assert "'definitely_not_a_backend' is not installed" in issue.message
    assert "pip install 'ibis-framework[definitely_not_a_backend]'" in (issue.hint or "")
    _, issues = resolve_backend(_backend("duckdbb"), SPAN)
    assert "did you mean 'duckdb'?" in (_one(issues, codes.CX301_SOURCE_UNAVAILABLE).hint or "")
    _, issues = resolve_backend(_backend("Duck-DB"), SPAN)
    assert "not an ibis backend name" in _one(issues, codes.CX301_SOURCE_UNAVAILABLE).message


def test_a_backend_whose_driver_is_missing_names_the_driver() -> None:
    import importlib.metadata

    try:
        importlib.metadata.distribution("google-cloud-bigquery")
        pytest.skip("the BigQuery driver is installed here")
    except importlib.metadata.PackageNotFoundError:
        pass
    _, issues = resolve_backend(_backend("bigquery"), SPAN)
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert "google-cloud-bigquery" in issue.message
    assert "ibis-framework[bigquery]" in (issue.hint or "")


def test_an_installed_backend_is_resolved_not_connected(monkeypatch: pytest.MonkeyPatch) -> None:
    resolved, issues = resolve_backend(_backend("duckdb"), SPAN)
    assert issues == [] and resolved is not None
    assert (resolved.backend, resolved.table, resolved.label) == (
        "duckdb",
        "survey.responses",
        "duckdb:survey.responses",
    )
    assert resolved.connection_env is None and resolved.url is None
    monkeypatch.setenv("CX_DB_URL", "duckdb://user:s3cret@/tmp/x.db")
    resolved, issues = resolve_backend(_backend("duckdb", "${CX_DB_URL}"), SPAN)
    assert issues == [] and resolved is not None
    assert (
        resolved.url == "duckdb://user:s3cret@/tmp/x.db" and resolved.connection_env == "CX_DB_URL"
    )
    assert "s3cret" not in repr(resolved)


def test_an_unset_connection_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CX_UNSET_URL", raising=False)
    resolved, issues = resolve_backend(_backend("duckdb", "${CX_UNSET_URL}"), SPAN)
    issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
    assert resolved is None and "CX_UNSET_URL" in issue.message and issue.span == SPAN


def test_a_file_dataset_has_no_backend_to_resolve() -> None:
    assert resolve_backend(Dataset(id="ds", source="data/x.csv"), SPAN) == (None, [])


# --- scan_csv --------------------------------------------------------------------------


def _scan(
    tmp_path: Path, data: bytes, delimiter: str = ",", drop: frozenset[str] = frozenset()
) -> CsvScan:
    path = tmp_path / "wave.csv"
    path.write_bytes(data)
    return scan_csv(
        ResolvedSource("data/wave.csv", path, "csv"), delimiter=delimiter, drop=set(drop)
    )


def _found(scan: CsvScan) -> list[tuple[str, int, int]]:
    return [(i.code, *_where(i)) for i in scan.issues]


def _at(scan: CsvScan, row: int, column: str) -> tuple[int, int]:
    span = scan.locate(row, column)
    assert span.file == "data/wave.csv" and span.record is None
    return span.line, span.column


def test_bom_crlf_quoted_newline_and_delimiter_are_valid_and_located_exactly(
    tmp_path: Path,
) -> None:
    data = (
        "\ufeffid,comment,nps\r\n"  # line 1
        '1,"fine, thanks",9\r\n'  # line 2
        '2,"two\r\nlines\r\nhere",7\r\n'  # lines 3-5
        '3,"say ""hi""",10\r\n'  # line 6
        "\r\n"  # a blank last line
    ).encode()
    scan = _scan(tmp_path, data)
    assert scan.issues == []
    assert scan.header == ["id", "comment", "nps"]
    assert scan.table.to_pydict() == {
        "id": ["1", "2", "3"],
        "comment": ["fine, thanks", "two\r\nlines\r\nhere", 'say "hi"'],
        "nps": ["9", "7", "10"],
        "__row": [1, 2, 3],
    }
    assert scan.table.schema.field("__row").type == "int64"
    # header: the BOM is not counted
    assert [_at(scan, 0, c) for c in ("id", "comment", "nps")] == [(1, 1), (1, 4), (1, 12)]
    # row 1: 1,"fine, thanks",9 -> the quote at 3, nine after the closing quote
    assert [_at(scan, 1, c) for c in ("id", "comment", "nps")] == [(2, 1), (2, 3), (2, 18)]
    # row 2 starts on line 3; its nps is on line 5 after 'here",'
    assert [_at(scan, 2, c) for c in ("id", "comment", "nps")] == [(3, 1), (3, 3), (5, 7)]
    # row 3 moved down by the two quoted line breaks; 3,"say ""hi""",10 has 10 at 16
    assert [_at(scan, 3, c) for c in ("id", "comment", "nps")] == [(6, 1), (6, 3), (6, 16)]
    assert scan.line_of(3) == 6


def test_locate_outside_the_rows_or_columns(tmp_path: Path) -> None:
    scan = _scan(tmp_path, b"id,nps\n1,9\n")
    assert scan.locate(2, "nps") == Span(file="data/wave.csv")
    assert scan.locate(-1, "nps") == Span(file="data/wave.csv")
    assert scan.locate(1, "unknown") == Span(file="data/wave.csv", line=2, column=1)


def test_personal_columns_are_never_kept(tmp_path: Path) -> None:
    data = b"id,name,phone,nps\n1,Alice Example,+1 555 0100,9\n2,Bob Example,+1 555 0101,3\n"
    scan = _scan(tmp_path, data, drop=frozenset({"name", "phone"}))
    assert scan.issues == []
    assert scan.header == ["id", "name", "phone", "nps"]
    assert scan.table.column_names == ["id", "nps", "__row"]
    shown = repr(scan) + str(scan.table.to_pydict())
    assert "Example" not in shown and "555" not in shown
    assert _at(scan, 2, "nps") == (3, 27)  # still locatable by name


@pytest.mark.parametrize(
    ("data", "delimiter", "words", "hint"),
    [
        (b"id;nps\n1;9\n", ",", "looks ';'-separated", "set `delimiter: ';'`"),
        (b"id\tnps\n1\t9\n", ",", "looks tab-separated", 'set `delimiter: "\\t"`'),
        (b"id|nps\n1|9\n", ",", "looks '|'-separated", "set `delimiter: '|'`"),
        (b"id,nps\n1,9\n", ";", "looks ','-separated", "set `delimiter: ','`"),
    ],
)
def test_a_wrong_delimiter_is_named(
    tmp_path: Path, data: bytes, delimiter: str, words: str, hint: str
) -> None:
    scan = _scan(tmp_path, data, delimiter)
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 1, 1)]
    assert words in scan.issues[0].message and scan.issues[0].hint == f"{hint} on the dataset"
    assert scan.table.num_rows == 0


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    assert _found(_scan(tmp_path, b"")) == [(codes.CX303_SOURCE_EMPTY, 1, 1)]
    assert _found(_scan(tmp_path, b"\n\n")) == [(codes.CX303_SOURCE_EMPTY, 1, 1)]
    for data in (b"id,nps", b"id,nps\n", b"\xef\xbb\xbfid,nps\r\n\r\n"):
        scan = _scan(tmp_path, data)
        assert _found(scan) == [(codes.CX303_SOURCE_EMPTY, 2, 1)], data
        assert "header only" in scan.issues[0].message
        assert scan.header == ["id", "nps"] and scan.table.column_names == ["id", "nps", "__row"]


def test_non_utf8_stops_at_its_line_keeping_the_rows_before(tmp_path: Path) -> None:
    scan = _scan(tmp_path, "id,name\n1,Zoë\n2,Jos\xe9\n3,Ana\n".encode("latin-1"))
    # line 2 'Zoë' in Latin-1 is already bad: the ë is byte 0xeb at character 5
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 2, 5)]
    assert "0xeb" in scan.issues[0].message and "UTF-8" in (scan.issues[0].hint or "")
    scan = _scan(tmp_path, "id,name\n1,Zoë\n2,Jos".encode() + b"\xe9\n3,Ana\n")
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 3, 6)]
    assert scan.table.to_pydict() == {"id": ["1"], "name": ["Zoë"], "__row": [1]}
    # after a BOM and a two-byte character on line 1
    scan = _scan(tmp_path, "\ufeffid,é".encode() + b"\xff,x\n1,2,3\n")
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 1, 5)]


def test_nul_bytes_and_wide_encodings_are_not_read(tmp_path: Path) -> None:
    assert _found(_scan(tmp_path, b"id,x\n1,a\0b\n")) == [(codes.CX302_SOURCE_MALFORMED, 2, 4)]
    scan = _scan(tmp_path, "id\tnps\r\n1\t9\r\n".encode("utf-16"))
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 1, 1)]
    assert "UTF-16" in scan.issues[0].message
    scan = _scan(tmp_path, "id\n1\n".encode("utf-32"))
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 1, 1)]
    assert "UTF-32" in scan.issues[0].message
    scan = _scan(tmp_path, b"PAR1\x15\x04\x15\x00" + bytes(range(256)) + b"PAR1")
    assert _found(scan)[0][:2] == (codes.CX302_SOURCE_MALFORMED, 1)
    assert "format: parquet" in (scan.issues[0].hint or "")


def test_an_unclosed_quote_is_located_where_its_field_starts(tmp_path: Path) -> None:
    scan = _scan(tmp_path, b'id,name\n1,ok\n2,"never\nclosed\n')
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 3, 3)]
    assert scan.issues[0].message == "a quoted field is never closed"
    assert scan.table.to_pydict() == {"id": ["1"], "name": ["ok"], "__row": [1]}
    # the record starts on line 2, the open field on line 3 after 'y",'
    scan = _scan(tmp_path, b'id,a,b\n1,"x\ny","open\nmore\n')
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 3, 4)]


def test_rows_with_the_wrong_number_of_fields_are_skipped(tmp_path: Path) -> None:
    scan = _scan(tmp_path, b'id,nps\n1,9\n2\n3,7,extra\n4,"a\nb"\n5,"x"y\n6,5\n')
    assert _found(scan) == [
        (codes.CX302_SOURCE_MALFORMED, 3, 1),
        (codes.CX302_SOURCE_MALFORMED, 4, 1),
        (codes.CX302_SOURCE_MALFORMED, 7, 1),  # a character after a closing quote
    ]
    assert scan.issues[0].message == "this row has 1 fields; the header has 2 (the row is skipped)"
    assert scan.table.to_pydict() == {
        "id": ["1", "4", "6"],
        "nps": ["9", "a\nb", "5"],
        "__row": [1, 4, 6],
    }
    assert _at(scan, 6, "nps") == (8, 3)
    assert _at(scan, 2, "id") == (3, 1)  # a skipped row is still located


def test_bad_header_names_are_located(tmp_path: Path) -> None:
    scan = _scan(tmp_path, b"id,nps,id,,__row\n1,2,3,4,5\n")
    assert _found(scan) == [
        (codes.CX302_SOURCE_MALFORMED, 1, 8),
        (codes.CX302_SOURCE_MALFORMED, 1, 11),
        (codes.CX302_SOURCE_MALFORMED, 1, 12),
    ]
    assert scan.issues[0].message == "the header names 'id' twice (columns 1 and 3)"
    assert scan.issues[1].message == "column 4 of the header has no name"
    assert scan.table.to_pydict() == {"id": ["1"], "nps": ["2"], "__row": [1]}


def test_a_field_over_the_limit_is_reported(tmp_path: Path) -> None:
    big = b"x" * (FIELD_LIMIT + 1)
    scan = _scan(tmp_path, b"id,note\n1,ok\n2," + big + b"\n3,fine\n")
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 3, 1)]
    assert "larger than 16 MiB" in scan.issues[0].message
    assert scan.table.to_pydict()["id"] == ["1", "3"]


def test_issues_of_one_code_are_capped_with_a_summary(tmp_path: Path) -> None:
    scan = _scan(tmp_path, b"id,nps\n" + b"1\n" * (MAX_ISSUES_PER_CODE + 7) + b"2,9\n")
    assert len(scan.issues) == MAX_ISSUES_PER_CODE + 1
    assert [_where(i)[0] for i in scan.issues[:MAX_ISSUES_PER_CODE]] == list(range(2, 22))
    summary = scan.issues[-1]
    assert summary.code == codes.CX302_SOURCE_MALFORMED
    assert summary.span == Span(file="data/wave.csv")
    assert summary.message.startswith("and 7 more CX302 issues")
    assert scan.table.to_pydict() == {"id": ["2"], "nps": ["9"], "__row": [28]}


def test_carriage_returns_alone_are_not_line_ends(tmp_path: Path) -> None:
    scan = _scan(tmp_path, b"id,nps\n1,9\r2,8\n3,7\n")
    assert _found(scan) == [(codes.CX302_SOURCE_MALFORMED, 2, 1)]
    assert "CRLF" in (scan.issues[0].hint or "")
    assert scan.table.to_pydict()["id"] == ["3"]


def test_a_quote_cannot_be_the_delimiter(tmp_path: Path) -> None:
    assert _found(_scan(tmp_path, b"a,b\n1,2\n", '"')) == [(codes.CX302_SOURCE_MALFORMED, 1, 1)]


_CSVISH = st.lists(
    st.sampled_from(
        [
            b",",
            b";",
            b"\t",
            b'"',
            b"\n",
            b"\r\n",
            b"\r",
            b"a",
            b"1",
            b" ",
            b"\xc3\xa9",
            b"\xff",
            b"\0",
            b"\xef\xbb\xbf",
        ]
    ),
    max_size=60,
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(st.binary(max_size=200), _CSVISH), delimiter=st.sampled_from([",", ";", "\t"])
)
def test_scan_never_raises_and_places_issues_in_the_file(data: bytes, delimiter: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.csv"
        path.write_bytes(data)
        scan = scan_csv(ResolvedSource("x.csv", path, "csv"), delimiter=delimiter, drop={"a"})
        lines = data.count(b"\n") + 1
        for issue in scan.issues:
            assert issue.span is not None and 1 <= issue.span.line <= lines + 1, issue
            assert issue.span.column >= 1
        assert "a" not in scan.table.column_names
        rows = scan.table.column("__row").to_pylist()
        for row in rows:
            for column in scan.header:
                span = scan.locate(row, column)
                assert 1 <= span.line <= lines and span.column >= 1


# --- Parquet ---------------------------------------------------------------------------


def _parquet(path: Path, rows: int = 3) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": list(range(rows)), "nps": [9] * rows})
    pq.write_table(table, path)
    return path


def _check(path: Path) -> tuple[list[str] | None, list[Issue]]:
    return check_parquet(ResolvedSource("data/wave.parquet", path, "parquet"))


def test_a_parquet_file_gives_its_column_names(tmp_path: Path) -> None:
    assert _check(_parquet(tmp_path / "w.parquet")) == (["id", "nps"], [])


def test_a_parquet_file_without_rows(tmp_path: Path) -> None:
    names, issues = _check(_parquet(tmp_path / "w.parquet", rows=0))
    assert names == ["id", "nps"]
    assert _one(issues, codes.CX303_SOURCE_EMPTY).span == Span(file="data/wave.parquet")


@pytest.mark.parametrize(
    ("data", "words", "hint"),
    [
        (b"id,nps\n1,9\n", "not a Parquet file", "format: csv"),
        (bytes(range(256)) * 4, "not a Parquet file", None),
        (b"", "not a Parquet file", None),
        (b"PAR1" + b"\x00" * 64 + b"PAR1", "cannot read the Parquet file", None),
    ],
)
def test_not_parquet(tmp_path: Path, data: bytes, words: str, hint: str | None) -> None:
    path = tmp_path / "w.parquet"
    path.write_bytes(data)
    names, issues = _check(path)
    issue = _one(issues, codes.CX302_SOURCE_MALFORMED)
    assert names is None and issue.span == Span(file="data/wave.parquet")
    assert words in issue.message
    assert (hint in (issue.hint or "")) if hint else issue.hint is None


def test_a_truncated_parquet_file(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "w.parquet", rows=1000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    names, issues = _check(path)
    assert names is None and "cut short" in _one(issues, codes.CX302_SOURCE_MALFORMED).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_parquet_swapped_for_a_fifo_or_folder_is_refused_unopened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.parquet")
    (tmp_path / "dir.parquet").mkdir()
    for name in ("pipe.parquet", "dir.parquet"):
        names, issues = _check(tmp_path / name)
        issue = _one(issues, codes.CX301_SOURCE_UNAVAILABLE)
        assert names is None and issue.message == "cannot read file: not a regular file"


def test_importing_the_sources_loads_neither_pyarrow_nor_ibis() -> None:
    import subprocess

    code = (
        "import sys, cxdsl.results.sources; print(sorted({'pyarrow', 'ibis'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_parquet_spans_name_row_and_column() -> None:
    span = parquet_span("data/wave.parquet", 12, "nps")
    assert span == Span(file="data/wave.parquet", record="row 12, column nps")
    assert str(span) == "data/wave.parquet:row 12, column nps"
    assert str(parquet_span("data/wave.parquet", 0, "nps")) == "data/wave.parquet:column nps"
