"""Text output names files as seen from where cxdsl runs (a workspace in a subfolder)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxdsl.cli import main

from .conftest import make_workspace

BROKEN = "kind: channel\nid: x\nname: X\ntype: fax\n"


def test_a_workspace_below_the_current_folder_is_named_with_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)  # tmp_path/ws
    (ws / "journeys" / "x.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "ws"])
    assert result.exit_code == 1
    assert result.output.startswith("ws/journeys/x.yaml:4:7: error CX010")
    monkeypatch.chdir(ws)
    inside = CliRunner().invoke(main, ["check", "."])
    assert inside.output.startswith("journeys/x.yaml:4:7: error CX010")


def test_the_check_page_links_into_the_repository_from_its_top(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    ws = make_workspace(top)  # repo/ws
    (ws / "journeys" / "with space.yaml").write_text(BROKEN, encoding="utf-8")
    (ws / "mkdocs.yml").write_text(
        "site_name: x\nrepo_url: https://git.example.com/team/cx\n"
        "theme: {name: material}\nplugins: [search, cxdsl]\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1, result.output
    page = (tmp_path / "site" / "en" / "check" / "index.html").read_text(encoding="utf-8")
    assert (
        'href="https://git.example.com/team/cx/blob/main/ws/journeys/with%20space.yaml#L4"' in page
    )
