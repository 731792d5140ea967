"""Every entity gets a page of its own: ids named like cxdsl's pages, comparison pages."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.paths import compare_path, entity_path, slug_conflicts

from .conftest import make_workspace

JOURNEY = """kind: journey
id: {id}
title: {{ar: رحلة {id}, en: Journey {id}}}
persona: sara
{extra}stages:
  - id: apply
    title: {{ar: التقديم, en: Apply}}
    steps:
      - id: sign-in
        title: {{ar: الدخول, en: Sign in}}
        channel: portal
        emotion: 0
"""
PERSONA = """kind: persona
id: {id}
name: {{ar: شخصية {id}, en: Persona {id}}}
segments: [citizens]
"""


def test_reserved_names_get_pages_of_their_own() -> None:
    assert entity_path("persona", "index") == "personas/index_.md"
    assert entity_path("journey", "x-compare") == "journeys/x-compare_.md"
    assert compare_path("x") == "journeys/x-compare.md"
    assert entity_path("channel", "index") == "catalog/channels.md#channel-index"
    assert slug_conflicts("persona", ["a.b", "a-b", "A-B", "index", "index_"]) == [
        ("a-b", "a.b"),
        ("A-B", "a.b"),
        ("index_", "index"),
    ]


def test_ids_named_like_generated_pages_build_and_every_page_is_found(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    personas = ["index", "assets", "search", "diagrams"]
    (ws / "personas" / "reserved.yaml").write_text(
        "---\n".join(PERSONA.format(id=p) for p in personas), encoding="utf-8"
    )
    journeys = {"index": "", "x": "state: to-be\nbased_on: renew-license\n", "x-compare": ""}
    (ws / "journeys" / "reserved.yaml").write_text(
        "---\n".join(JOURNEY.format(id=j, extra=e) for j, e in journeys.items()), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(ws / "site")])
    assert result.exit_code == 0, result.output
    site = ws / "site" / "en"
    for ident in personas:
        page = site / entity_path("persona", ident).removesuffix(".md") / "index.html"
        assert f"Persona {ident}" in page.read_text(encoding="utf-8")
    for ident in journeys:
        page = site / entity_path("journey", ident).removesuffix(".md") / "index.html"
        assert f"Journey {ident}" in page.read_text(encoding="utf-8")
    comparison = site / compare_path("x").removesuffix(".md") / "index.html"
    assert "Journey x" in comparison.read_text(encoding="utf-8")
    # cxdsl's own overview pages are still there
    assert "Persona index" in (site / "personas" / "index.html").read_text(encoding="utf-8")
    assert (site / "journeys" / "index.html").exists()


def test_two_ids_on_one_page_stop_the_build_naming_both(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    (ws / "personas" / "twins.yaml").write_text(
        PERSONA.format(id="sara.k") + "---\n" + PERSONA.format(id="sara-k"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(ws / "site")])
    assert result.exit_code == 2, result.output
    assert "CX113" in result.output
    assert (
        "two pages would be written to personas/sara-k.md: persona 'sara.k' and persona 'sara-k'"
    ) in result.output
    assert "Traceback" not in result.output


def test_a_folder_of_other_files_is_never_emptied_by_a_build(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    out = tmp_path / "mine"
    (out / "en").mkdir(parents=True)
    (out / "en" / "important.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "is not empty and was not written by cxdsl build" in result.output
    assert (out / "en" / "important.txt").read_text(encoding="utf-8") == "keep me"
    # a folder cxdsl built may be built again
    site = tmp_path / "site"
    assert CliRunner().invoke(main, ["build", str(ws), "--out", str(site)]).exit_code == 0
    assert CliRunner().invoke(main, ["build", str(ws), "--out", str(site)]).exit_code == 0
