"""A comment that does not fit is cut at a line's end, its blocks closed, and says so."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import diff_workspaces
from cxdsl.emit.base import DiffOutput
from cxdsl.emit.diff_comment import comment, fit

from .test_diff import edit

LINES = st.lists(
    st.one_of(
        st.just("```mermaid"),
        st.just("```"),
        st.just("<details><summary>x</summary>"),
        st.just("</details>"),
        st.text(alphabet="ab \\*<!->", max_size=3000),
    ),
    max_size=60,
)


@given(LINES, st.integers(200, 20_000))
def test_fit_stays_within_room_and_closes_what_it_opened(lines: list[str], room: int) -> None:
    text = "\n".join(lines) + "\n"
    out = fit(text, room, "en")
    assert len(out) <= room or out == text
    if out != text:
        assert out.rstrip().endswith("artifact.")
        body = out.splitlines()
        assert sum(1 for line in body if line.startswith("```")) % 2 == 0
        short = [line for line in lines if len(line) <= 2_000]
        assert all(line in short or line in ("```", "</details>", "") for line in body[:-2])


def test_fit_replaces_a_line_too_long_to_show() -> None:
    text = "## title\n\n- " + "x" * 50_000 + "\n- short\n" + "y\n" * 30_000
    out = fit(text, 4_000, "ar")
    assert len(out) <= 4_000
    assert "x" * 100 not in out and "- short" in out
    assert "سطر أطول من أن يُعرض هنا" in out and "قُطع التعليق هنا" in out


def test_a_huge_title_in_the_attention_section_still_fits(workspace: Path) -> None:
    base = check_workspace(workspace)
    journey = workspace / "journeys" / "renew-license.yaml"
    edit(journey, "        emotion: 1\n", "        emotion: -2\n")  # at a moment of truth
    edit(journey, "title: {ar: تجديد الرخصة", "title: {ar: " + "طويل " * 2_000 + "تجديد الرخصة")
    head = check_workspace(workspace)
    out = DiffOutput(diff_workspaces(base, head), "base", "head", head, base=base, limit=6_000)
    written = comment(out)
    assert len(written.full) > 10_000 and "journey.changed" in written.full
    assert len(written.posted) <= 6_000
    assert written.posted.count("```") % 2 == 0
