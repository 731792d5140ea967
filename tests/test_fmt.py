"""cxdsl fmt: canonical, idempotent, keeps every comment and never changes the model."""

from __future__ import annotations

import os
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxdsl.cli import main
from cxdsl.fmt import FormatError, format_text
from cxdsl.loading.workspace import load_yaml_text
from cxdsl.model import Entity
from cxdsl.writer import entity_data

from .conftest import FIXTURES, REPO
from .test_hostile_input import time_limit
from .test_properties import journeys, personas, segments

LANGUAGES = ["ar", "en"]
EXAMPLES = sorted(
    [
        *REPO.glob("personas/**/*.yaml"),
        *REPO.glob("journeys/**/*.yaml"),
        FIXTURES / "fmt" / "commented.yaml",
    ]
)


def entities(text: str) -> list[Entity]:
    docs, issues, _ = load_yaml_text(text, "x.yaml")
    assert not issues
    return [d.entity for d in docs]


def comments(text: str) -> list[str]:
    return sorted(
        m.group().strip() for m in re.finditer(r"#[^\n]*", text) if not m.group().startswith("#{")
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_round_trip_on_every_example_file(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    once = format_text(source, LANGUAGES)
    assert entities(once) == entities(source)  # the model is unchanged
    assert comments(once) == comments(source)  # every comment kept
    assert format_text(once, LANGUAGES) == once  # idempotent
    arabic = re.findall(r"[\u0600-\u06ff][^\n{}:,'\"]*[\u0600-\u06ff]", source)
    assert all(a in once for a in arabic)  # Arabic text kept exactly


def test_canonical_form_snapshot(snapshot: Callable[[Path, str], None]) -> None:
    source = (FIXTURES / "fmt" / "commented.yaml").read_text(encoding="utf-8")
    snapshot(FIXTURES / "fmt" / "commented.formatted.yaml", format_text(source, LANGUAGES))


def test_strings_a_yaml_11_tool_would_misread_stay_quoted() -> None:
    out = format_text(
        "kind: channel\nid: c\nname: {en: 'No', ar: نعم}\ntype: digital\n"
        "description: 'on'\nowner: '1e3'\n",
        LANGUAGES,
    )
    assert yaml.safe_load(out)["description"] == "on"
    assert yaml.safe_load(out)["name"]["en"] == "No"
    assert yaml.safe_load(out)["owner"] == "1e3"


def _shuffled(data: object, rng: random.Random) -> object:
    if isinstance(data, dict):
        items = list(data.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(data, list):
        return [_shuffled(v, rng) for v in data]
    return data


@settings(max_examples=60, deadline=None)
@given(st.lists(journeys | personas | segments, min_size=1, max_size=3), st.randoms())
def test_formatting_never_changes_the_model(items: list[Entity], rng: random.Random) -> None:
    # Keys shuffled at every level, comments added: the input is as messy as a hand edit.
    docs = [_shuffled(entity_data(e), rng) for e in items]
    text = yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False, width=4096)
    text = "# generated\n" + text.replace("\nstages:", "\n# the stages\nstages:")
    try:
        formatted = format_text(text, LANGUAGES)
    except FormatError:
        # Refusing is allowed (a value ruamel would retype); changing the model is not.
        return
    assert entities(formatted) == entities(text)
    assert formatted.startswith("# generated\n")
    assert formatted.count("# the stages") == text.count("# the stages")
    assert format_text(formatted, LANGUAGES) == formatted


#: A team's own keys (``x-...``) and values of any JSON shape.
extension_keys = st.lists(st.from_regex(r"x-[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=3)
extension_values = st.recursive(
    st.none() | st.booleans() | st.integers(-99, 99) | st.text("abc ءيت-", min_size=1, max_size=8),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from("kv"), inner),
    max_leaves=4,
)


def _with_extensions(data: dict[str, Any], keys: list[str], draw: st.DataObject) -> dict[str, Any]:
    """``data`` with a description, tags and each extension key at a random place."""
    items = list({**data, "description": "about it", "tags": ["pilot"]}.items())
    for key in dict.fromkeys(keys):
        value = draw.draw(extension_values)
        items.insert(draw.draw(st.integers(0, len(items))), (key, value))
    return dict(items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(journeys | personas | segments, min_size=1, max_size=3), st.randoms(), st.data())
def test_fmt_puts_kind_id_and_name_first_and_extensions_last(
    items: list[Entity], rng: random.Random, draw: st.DataObject
) -> None:
    docs = [
        _with_extensions(_shuffled(entity_data(e), rng), draw.draw(extension_keys), draw)
        for e in items
    ]
    text = yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False, width=4096)
    try:
        formatted = format_text(text, LANGUAGES)
    except FormatError:
        return  # refusing is allowed; reordering what it must not is not
    assert entities(formatted) == entities(text)  # extensions and tags kept, values equal
    for before, after in zip(docs, yaml.safe_load_all(formatted), strict=True):
        keys = list(after)
        named = [k for k in ("name", "title") if k in after]
        assert keys[: 2 + len(named) + 1] == ["kind", "id", *named, "description"]
        extensions = [k for k in before if k.startswith("x-")]  # in the order written
        assert keys[len(keys) - len(extensions) :] == extensions
        assert keys[len(keys) - len(extensions) - 1] == "tags"
    assert format_text(formatted, LANGUAGES) == formatted


def test_description_stays_below_name_and_title() -> None:
    text = (
        "description: about\nname: {en: Portal, ar: البوابة}\nx-budget-line: 4.2\n"
        "kind: system\ntags: [pilot]\nid: portal\nx-owner: it  # ours\nowner: it-unit\n"
    )
    assert format_text(text, LANGUAGES) == (
        "kind: system\nid: portal\nname: {ar: البوابة, en: Portal}\ndescription: about\n"
        "owner: it-unit\ntags: [pilot]\nx-budget-line: 4.2\nx-owner: it  # ours\n"
    )


def test_a_value_the_formatter_would_retype_is_left_alone(workspace: Path) -> None:
    path = workspace / "journeys" / "x.yaml"
    source = "kind: channel\nid: x\nname: {en: 0E0, ar: س}\ntype: digital\n"
    path.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(workspace)])
    assert result.exit_code == 1
    assert (
        "journeys/x.yaml:3:12: not formatted: formatting would change the value at "
        "document 1, name.en; left as is" in result.output
    )
    assert path.read_text(encoding="utf-8") == source


def test_check_lists_files_and_writes_nothing(workspace: Path) -> None:
    assert CliRunner().invoke(main, ["fmt", str(workspace)]).exit_code == 0
    journey = workspace / "journeys" / "renew-license.yaml"
    messy = journey.read_text(encoding="utf-8").replace(
        "kind: journey\nid: renew-license\n", "id: renew-license\nkind: journey\n"
    )
    journey.write_text(messy, encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", "--check", str(workspace)])
    assert result.exit_code == 1
    assert result.output == "would reformat journeys/renew-license.yaml\n"
    assert journey.read_text(encoding="utf-8") == messy
    result = CliRunner().invoke(main, ["fmt", str(workspace)])
    assert result.exit_code == 0 and "reformatted journeys/renew-license.yaml" in result.output
    assert CliRunner().invoke(main, ["fmt", "--check", str(workspace)]).exit_code == 0


def test_example_workspace_is_formatted() -> None:
    result = CliRunner().invoke(main, ["fmt", "--check", str(REPO)])
    assert result.exit_code == 0, result.output


def test_unparseable_file_is_reported_with_its_location(workspace: Path) -> None:
    path = workspace / "journeys" / "broken.yaml"
    path.write_text("kind: channel\nid: x\nname: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(workspace)])
    assert result.exit_code == 1
    assert (
        "journeys/broken.yaml:4:1: not formatted: YAML syntax error: did not find "
        "expected ',' or ']'" in result.output
    )
    assert "all files already formatted" not in result.output
    assert path.read_text(encoding="utf-8") == "kind: channel\nid: x\nname: [unclosed\n"


# fmt never raises: every input becomes a located report, and the other files are formatted.


def fmt(workspace: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fmt", *args, str(workspace)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def messy_journey(workspace: Path) -> Path:
    """A journey fmt would change (id before kind), to show the others are still formatted."""
    journey = workspace / "journeys" / "renew-license.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "kind: journey\nid: renew-license\n", "id: renew-license\nkind: journey\n"
        ),
        encoding="utf-8",
    )
    return journey


HOSTILE = {
    "flow nesting, 900 levels": (
        "a: " + "[" * 900 + "]" * 900 + "\n",
        ":1:67: not formatted: nesting deeper than 64 levels",
    ),
    "block nesting, 900 levels": (
        "".join("  " * i + "k:\n" for i in range(900)) + "  " * 900 + "v\n",
        ":65:129: not formatted: nesting deeper than 64",
    ),
    "list nesting, 5,000 levels": ("- " * 5_000 + "x\n", ":1:"),
    "object tag": (
        "kind: channel\nid: t\nname: !!python/object/apply:os.system [x]\n",
        ":3:7: not formatted: YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    "duplicate key": ("kind: channel\nid: t\nid: u\n", ":3:1: not formatted: duplicate key"),
    "alias": ("a: &x [1]\nb: *x\n", ":2:1: not formatted: the value of 'b' is a YAML alias"),
    "binary": ("\x89PNG\r\n\x00\x00", ":2:1: not formatted: binary file"),
    "tab": ("kind: channel\n\tid: x\n", ":2:1: not formatted: YAML syntax error"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_reported_and_the_others_formatted(workspace: Path, case: str) -> None:
    text, expected = HOSTILE[case]
    path = workspace / "journeys" / "hostile.yaml"
    path.write_bytes(text.encode())
    journey = messy_journey(workspace)
    code, out, err = fmt(workspace)
    assert code == 1
    assert f"journeys/hostile.yaml{expected}" in err
    assert "reformatted journeys/renew-license.yaml" in out
    assert journey.read_text(encoding="utf-8").startswith("kind: journey\nid: renew-license\n")
    assert path.read_bytes() == text.encode()


def test_huge_file_is_refused_unread(workspace: Path) -> None:
    (workspace / "journeys" / "huge.yaml").write_bytes(b"a: " + b"x" * (5 * 1024 * 1024))
    code, _, err = fmt(workspace, "--check")
    assert code == 1
    assert (
        "journeys/huge.yaml:1:1: not formatted: file is 5.0 MB; model files are limited "
        "to 4 MB" in err
    )


def test_utf16_file_is_named(workspace: Path) -> None:
    (workspace / "journeys" / "wide.yaml").write_bytes("kind: channel\n".encode("utf-16"))
    code, _, err = fmt(workspace, "--check")
    assert code == 1
    assert "journeys/wide.yaml:1:1: not formatted: the file is UTF-16 (little-endian) text" in err


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


@posix_only
def test_links_out_of_the_workspace_are_neither_read_nor_written(
    workspace: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "id: secret\nkind: channel\n"  # fmt would reorder it if it read it
    (outside / "s.yaml").write_text(secret, encoding="utf-8")
    (workspace / "journeys" / "x.yaml").symlink_to(outside / "s.yaml")
    (workspace / "journeys" / "dir").symlink_to(outside, target_is_directory=True)
    settings_text = (workspace / "cxdsl.yaml").read_text(encoding="utf-8")
    (outside / "cxdsl.yaml").write_text("languages: [en, ar]\nname: x\n", encoding="utf-8")
    (workspace / "cxdsl.yaml").unlink()
    (workspace / "cxdsl.yaml").symlink_to(outside / "cxdsl.yaml")
    journey = messy_journey(workspace)
    code, out, err = fmt(workspace)
    assert code == 1
    for link, what in (
        ("cxdsl.yaml", "file"),
        ("journeys/dir", "folder"),
        ("journeys/x.yaml", "file"),
    ):
        assert (
            f"{link}:1:1: not formatted: '{link}' is a symbolic link to a {what} outside "
            "the workspace; refused unread" in err
        )
    assert "secret" not in out + err
    assert (outside / "s.yaml").read_text(encoding="utf-8") == secret
    assert (outside / "cxdsl.yaml").read_text(encoding="utf-8") != settings_text
    assert "reformatted journeys/renew-license.yaml" in out
    assert journey.read_text(encoding="utf-8").startswith("kind: journey\n")


@posix_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_is_skipped_with_a_warning(workspace: Path) -> None:
    os.mkfifo(workspace / "journeys" / "pipe.yaml")
    with time_limit(30):
        code, out, err = fmt(workspace, "--check")
    assert "journeys/pipe.yaml:1:1: a FIFO (named pipe), not a regular file; skipped unread" in err
    assert code == (1 if out else 0)  # a warning alone does not fail fmt


def test_folder_named_like_a_model_file(workspace: Path) -> None:
    (workspace / "journeys" / "x.yaml").mkdir()
    code, _, err = fmt(workspace, "--check")
    assert code == 1
    assert "journeys/x.yaml:1:1: not formatted: 'x.yaml' is a folder, not a file" in err


@posix_only
def test_a_file_that_cannot_be_written_is_exit_2(workspace: Path) -> None:
    journey = messy_journey(workspace)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root writes files whatever their permissions")
    journey.chmod(0o444)
    try:
        code, _, err = fmt(workspace)
    finally:
        journey.chmod(0o644)
    assert code == 2
    assert "cxdsl: error: journeys/renew-license.yaml:1:1: cannot write: Permission denied" in err


#: Pieces of YAML and of what breaks YAML tools; random text is mostly refused at the first
#: character, these reach the formatter's later stages.
_PIECES = st.sampled_from(
    [
        "kind: ",
        "journey",
        "channel",
        "persona",
        "segment",
        "id: ",
        "x",
        "name: ",
        "title: ",
        "{ar: س, en: e}",
        "stages:",
        "steps:",
        "- ",
        "  ",
        "    ",
        "\n",
        "\n",
        "\n",
        "[",
        "]",
        "{",
        "}",
        ":",
        ": ",
        ",",
        "'",
        '"',
        "#c",
        " # c\n",
        "&a ",
        "*a",
        "!!python/object:x ",
        "!tag ",
        "!!str ",
        "!!binary ",
        "<<: ",
        "---\n",
        "...\n",
        "\t",
        "\0",
        "\ufeff",
        "\u202e",
        "0E0",
        "1e3",
        "1_000",
        "0o17",
        "no",
        "on",
        "~",
        "null",
        "true",
        "? ",
        "|\n",
        ">-\n",
        "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n",
        "\r",
        "\x85",
        "\u2028",
        "-.inf",
        ".nan",
        "2024-01-01",
        "12:30:00",
        "'a''b'",
        '"\\u0041"',
        "\\",
        "@",
        "`",
        "%",
    ]
)
YAMLISH = st.lists(_PIECES | st.text(max_size=4), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH, st.booleans())
def test_fmt_never_raises_on_any_yaml_ish_input(text: str, settings_file: bool) -> None:
    try:
        formatted = format_text(text, LANGUAGES, settings_file=settings_file)
    except FormatError as exc:
        assert exc.line >= 1 and exc.column >= 1  # always located
        return
    # What fmt writes, cxdsl reads as the same values.
    before, after = load_yaml_text(text, "x.yaml"), load_yaml_text(formatted, "x.yaml")
    assert [d.entity for d in before[0]] == [d.entity for d in after[0]]


def test_a_bug_in_fmt_is_exit_2_and_the_other_files_are_formatted(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cxdsl.fmt

    real = cxdsl.fmt.format_text

    def broken_on_catalog(text: str, languages: list[str], settings_file: bool = False) -> str:
        if "kind: channel" in text:
            raise RuntimeError("a bug")
        return real(text, languages, settings_file)

    monkeypatch.setattr(cxdsl.fmt, "format_text", broken_on_catalog)
    journey = messy_journey(workspace)
    code, out, err = fmt(workspace)
    assert code == 2
    assert "cxdsl: error: journeys/catalog.yaml:1:1: fmt failed: RuntimeError: a bug" in err
    assert "reformatted journeys/renew-license.yaml" in out
    assert journey.read_text(encoding="utf-8").startswith("kind: journey\n")


def test_fmt_outside_a_workspace_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fmt", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not a cxdsl workspace: it has no cxdsl.yaml" in result.output
