"""``cxdsl diff`` names the figures that moved when a dataset changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cxdsl.cli import main

from ..test_diff_git import git

SMALL = Path(__file__).parent / "fixtures" / "small"


def test_changed_data_moves_figures(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    data = ws / "results/responses.csv"
    # r08's 0 becomes a 10 in 2026-Q1: promoters 4, detractors 2 of 8 → NPS 0 → 25.
    data.write_text(
        data.read_text().replace(
            "r08,2026-03-05T10:00:00,upload,citizens,0,",
            "r08,2026-03-05T10:00:00,upload,citizens,10,",
        )
    )
    git(ws, "commit", "-qam", "more data")
    result = CliRunner().invoke(
        main, ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--format", "json"]
    )
    changes = json.loads(result.output)["changes"]
    moved = [c for c in changes if c["category"] == "figure.moved"]
    assert [(c["entity"], c["path"]) for c in moved] == [("nps", "pay 2026-Q1")]
    assert moved[0]["detail"].startswith("+25.0")
    args = ["diff", "HEAD~1", "HEAD", "--path", str(ws), "--lang", "en"]
    text = CliRunner().invoke(main, args).output
    # Markdown: the metric and journey by name, the quarter in words, numbers as the site
    # writes them (NPS 0 → 25 of the same 8 responses), punctuation escaped.
    assert (
        "📊 Figure moved: “NPS” on “Pay a fee”, Q1 2026: "
        "0 (\\-60 – 60, inconclusive, 8 responses) → "
        "25 (\\-32\\.5 – 82\\.5, inconclusive, 8 responses) (+25)"
    ) in text
