"""cxdsl fmt: canonical, idempotent, keeps every comment and never changes the model."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdsl.cli import main
from cxdsl.fmt import FormatError, format_text
from cxdsl.loading.workspace import load_yaml_text
from cxdsl.model import Entity
from cxdsl.writer import entity_data

from .conftest import FIXTURES, REPO
from .test_properties import journeys, personas, segments

LANGUAGES = ["ar", "en"]
EXAMPLES = sorted([*REPO.glob("personas/**/*.yaml"), *REPO.glob("journeys/**/*.yaml"),
                   FIXTURES / "fmt" / "commented.yaml"])


def entities(text: str) -> list[Entity]:
    docs, issues, _ = load_yaml_text(text, "x.yaml")
    assert not issues
    return [d.entity for d in docs]


def comments(text: str) -> list[str]:
    return sorted(m.group().strip() for m in re.finditer(r"#[^\n]*", text)
                  if not m.group().startswith("#{"))


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
    out = format_text("kind: channel\nid: c\nname: {en: 'No', ar: نعم}\ntype: digital\n"
                      "description: 'on'\nowner: '1e3'\n", LANGUAGES)
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


def test_a_value_the_formatter_would_retype_is_left_alone(workspace: Path) -> None:
    path = workspace / "journeys" / "x.yaml"
    source = "kind: channel\nid: x\nname: {en: 0E0, ar: س}\ntype: digital\n"
    path.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(workspace)])
    assert result.exit_code == 1
    assert "journeys/x.yaml: not formatted: formatting would change the value at document 1, "\
        "name.en; left as is" in result.output
    assert path.read_text(encoding="utf-8") == source


def test_check_lists_files_and_writes_nothing(workspace: Path) -> None:
    assert CliRunner().invoke(main, ["fmt", str(workspace)]).exit_code == 0
    journey = workspace / "journeys" / "renew-license.yaml"
    messy = journey.read_text(encoding="utf-8").replace("kind: journey\nid: renew-license\n",
                                                        "id: renew-license\nkind: journey\n")
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
    assert "journeys/broken.yaml:4:1: not formatted: expected ',' or ']'" in result.output
    assert "all files already formatted" not in result.output
    assert path.read_text(encoding="utf-8") == "kind: channel\nid: x\nname: [unclosed\n"
