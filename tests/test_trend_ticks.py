"""The period labels under a trend chart never overlap and stay inside the chart; the
latest period is always named, the first too when there is room (the chart is 300 px
wide: «الربع الرابع 2025» labels take about 75 px each, so four quarters cannot all be
named)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from cxdsl.render.chart_parts import XAxis, text_width
from cxdsl.render.results_charts import SMALL, TICK_GAP, period_ticks

WIDTH = 300
AXES = (XAxis(48, WIDTH - 14, False), XAxis(14, WIDTH - 48, True))


def _extents(ticks: list[tuple[float, str]]) -> list[tuple[float, float]]:
    return sorted((x - text_width(t, SMALL) / 2, x + text_width(t, SMALL) / 2) for x, t in ticks)


@given(
    periods=st.lists(st.text(min_size=1, max_size=24), min_size=1, max_size=24),
    rtl=st.booleans(),
)
def test_labels_never_overlap_and_name_the_latest(periods: list[str], rtl: bool) -> None:
    ticks = period_ticks(periods, AXES[rtl], WIDTH)
    assert ticks[-1][1] == periods[-1]
    spans = _extents(ticks)
    assert spans[0][0] >= 0 and spans[-1][1] <= WIDTH
    for (_, right), (left, _) in itertools.pairwise(spans):
        assert left - right >= TICK_GAP - 1e-6


def test_four_arabic_quarters_show_the_first_the_last_and_what_fits_between() -> None:
    quarters = ["الربع الرابع 2025", "الربع الأول 2026", "الربع الثاني 2026", "الربع الثالث 2026"]
    ticks = period_ticks(quarters, AXES[True], WIDTH)
    # Bands of 238 / 4 = 59.5 px; each label is 17 characters ≈ 60 px at 11 px: neighbours
    # collide, so the first and the last are kept and the second one fits beside them.
    named = [t for _, t in ticks]
    assert named[0] == quarters[0] and named[-1] == quarters[-1]
    assert len(named) < 4
    short = ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026"]
    assert [t for _, t in period_ticks(short, AXES[False], WIDTH)] == short  # all fit
