"""Seeded generator of the example workspace's measured results (``results/``).

    .venv/bin/python scripts/generate_results.py --out results --seed 2026
    .venv/bin/python scripts/generate_results.py --scale responses=10000000,events=50000000 \\
        --format parquet --out benchmarks/out/results-data

Everything is synthetic. One year, 2025-10-01 .. 2026-09-30 (the quarters 2025-Q4 ..
2026-Q3), for the example's journeys, with a story in it (``results/README.md`` tells it):

(a) The document-upload change. On 2026-04-06 the licence portal started accepting phone
    photos and compressing them; until then its 2 MB limit rejected them (the pain point on
    ``upload-documents``). In the portal funnel (events) the drop-off at the upload step
    falls from about 36 % (2025-Q4, 2026-Q1) to about 11 % (2026-Q2 onwards); of the
    applications started 55 % were submitted before, 77 % after (target 85: not met).
(b) Frustration explains drop-off. The step pulse survey's emotion answers are lowest on
    the steps where the funnel loses most people (the upload step, then the requirements
    page), so across the portal's steps Spearman's rho between mean emotion and drop-off
    is clearly negative (-1 over the year). After the change the upload step recovers.
(c) An underpowered quarter. The post-service survey went live on 2025-10-20, so 2025-Q4
    holds ten weeks of responses: fewer than the plans require (licence NPS needs 382 at
    ±5 % of 48,000, licence CSAT 593 at ±4 %; the permit entries 369 and 263; the
    complaint CSAT 343 a month, short in October). In the national-programme survey the
    ``receive`` stage of 2025-Q4 has 940 of the 1,067 responses its design needs per stage.
(d) Scores move from the metrics' baselines toward their targets: licence NPS 12 -> 45
    (target 35: met in 2026-Q3), CSAT on the complaint journey 69 % -> 91 % (target 85:
    met in the last month), CSAT on licences and permits about 75 % (not met), permit CES
    3.8 -> 4.6 (target 5.5: not met), first-contact resolution 44-51 % -> 69 % (target
    75: not met), time to a licence 20 -> 11-13 days (target 7); the programme's
    criteria (target 80 %) met at some stages and not at others, and its published
    seasonal index (reported figures) for Ramadan and the Hajj season.
(e) Segments and channels of the model with realistic shares; large enterprises are 1.5 %
    of licence responses, so in 2025-Q4 they are 5 responses: suppressed (fewer than the
    workspace's min_cell_size of 10), as is the pulse survey's returned-application step
    in 2025-Q4 (8 answers).
(f) Complaints: case timestamps from the CRM (the median time to close falls from about
    8 to 5 days) and the follow-up call's yes/no question, answered "no" mostly by
    residents who had to chase their complaint by phone.

Personal columns (``phone``, ``comment`` in the post-service survey) hold obviously fake
values (000-000-NNNN, comments marked as samples); never anything like a national id.

Every table is drawn with numpy, column by column (no Python loop per row), from a
generator seeded by (seed, dataset) so each file depends only on the seed. The survey
platform's exports are CSV (``--format parquet`` writes them as Parquet); events, case
timestamps, the CRM's follow-up calls and the programme's answers are Parquet (the
latter two to keep results/ small). Model files are discovered under results/: never
put a script there. ``--scale`` writes the two large files the benchmark reads, in
chunks through ``pyarrow.parquet.ParquetWriter`` so memory stays bounded.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

# --- The calendar -------------------------------------------------------------------------

D = np.datetime64
YEAR_END = D("2026-10-01")  # the year starts at QUARTER_STARTS[0]; this day is not in it
QUARTER_STARTS = np.array(["2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01"], "M8[D]")
MONTH_STARTS = np.arange(D("2025-10"), D("2026-10"), dtype="M8[M]").astype("M8[D]")
SURVEY_LIVE = D("2025-10-20")  # (c) the post-service survey's first day
UPLOAD_CHANGE = D("2026-04-06")  # (a) phone photos accepted on the upload step
RAMADAN = (D("2026-02-18"), D("2026-03-19"))  # portal use moves to the evening
#: The seasons of cxdsl.yaml (first and last day), as the programme reports them.
SEASONS = {"ramadan-1447": RAMADAN, "hajj-1447": (D("2026-05-24"), D("2026-05-29"))}
DAY = 86_400

#: Relative weights of the hours of a day (local time).
OFFICE_HOURS = np.array([0] * 7 + [2, 6, 9, 10, 9, 7, 8, 7, 5, 3, 2, 1, 1, 1, 0, 0, 0], float)
PORTAL_HOURS = np.array(
    [1, 0, 0, 0, 0, 0, 1, 2, 4, 6, 7, 7, 6, 6, 6, 5, 5, 5, 5, 6, 7, 6, 4, 2], float
)
RAMADAN_HOURS = np.array(
    [6, 4, 2, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4, 4, 3, 2, 1, 1, 2, 3, 5, 8, 9, 8], float
)

# --- What the model has (ids of journeys/, personas/ and journeys/catalog/) ----------------

LICENCE, PERMIT, COMPLAINT = "issue-commercial-licence", "renew-building-permit", "file-complaint"
LICENCE_STEPS = (
    "find-requirements",
    "sign-in",
    "fill-application",
    "upload-documents",
    "pay-fees",
    "review-application",
    "fix-returned-application",
    "civil-defense-approval",
    "municipal-inspection",
    "receive-licence",
)
LICENCE_STAGES = ("prepare", "apply", "approvals", "receive")
SEGMENTS = ("citizens", "residents", "smes", "large-enterprises")
CHANNELS = ("web-portal", "mobile-app", "service-centre", "call-centre", "sms", "site-visit")
LANGUAGES = ("ar", "en")
#: Share of Arabic answers by segment, and how each segment and channel tilts satisfaction.
ARABIC = np.array([0.97, 0.45, 0.88, 0.70])
SEGMENT_LIFT = np.array([0.05, -0.10, 0.0, 0.15])
CHANNEL_LIFT = np.array([0.0, 0.10, -0.25, -0.10, 0.0, 0.0])
#: Where each journey's applications come from, and who they are (shares).
JOURNEY_MIX = {
    LICENCE: ({"web-portal": 0.66, "mobile-app": 0.28, "service-centre": 0.06},
              {"smes": 0.985, "large-enterprises": 0.015}),
    PERMIT: ({"web-portal": 0.45, "service-centre": 0.40, "mobile-app": 0.15},
             {"citizens": 0.62, "smes": 0.30, "residents": 0.08}),
    COMPLAINT: ({"mobile-app": 0.58, "call-centre": 0.32, "web-portal": 0.10},
                {"residents": 0.58, "citizens": 0.38, "smes": 0.04}),
}  # fmt: skip

# --- The story's numbers --------------------------------------------------------------------

#: (c, d) Post-service survey, quarterly cells: responses, CSAT top-2 %, NPS, CES mean.
SURVEY_QUARTERS = {
    (LICENCE, "receive-licence"): (
        (150, 430, 450, 470), (72, 74, 77, 79), (10, 18, 29, 48), (4.2, 4.5, 4.8, 5.2)
    ),
    (LICENCE, "municipal-inspection"): (
        (210, 640, 655, 670), (68, 70, 72, 75), (6, 12, 20, 40), (4.0, 4.3, 4.6, 5.0)
    ),
    (PERMIT, "receive-permit"): (
        (140, 390, 400, 410), (68, 70, 72, 74), (5, 8, 12, 15), (3.8, 4.1, 4.4, 4.7)
    ),
    (PERMIT, "plan-review"): (
        (110, 280, 290, 300), (64, 66, 68, 70), (0, 3, 6, 9), (3.6, 3.8, 4.1, 4.4)
    ),
}  # fmt: skip
#: (c, d) The complaint journey's survey after the site is fixed: monthly cells.
COMPLAINT_SURVEY_MONTHS = (120, 352, 355, 350, 358, 351, 356, 353, 360, 354, 357, 362)
COMPLAINT_CSAT = np.linspace(72, 90, 12)
COMPLAINT_NPS = np.linspace(0, 22, 12)
COMPLAINT_CES = np.linspace(4.0, 5.3, 12)

#: (b, e) Step pulse survey: answers per step and quarter, mean emotion (-2..2), and the
#: mean ease expected before the step (1-5); perceived ease follows the emotion.
PULSE = {
    "find-requirements": ((60, 70, 72, 75), (-0.40, -0.35, -0.30, -0.30), 3.6),
    "sign-in": ((40, 45, 44, 46), (0.90, 0.90, 0.95, 0.95), 4.2),
    "fill-application": ((55, 62, 64, 66), (0.50, 0.50, 0.55, 0.55), 3.8),
    "upload-documents": ((70, 80, 78, 74), (-1.30, -1.25, -0.15, -0.05), 3.9),
    "pay-fees": ((45, 50, 52, 55), (0.20, 0.20, 0.25, 0.25), 4.3),
    "review-application": ((30, 36, 38, 40), (-0.80, -0.75, -0.70, -0.60), 3.2),
    "fix-returned-application": ((8, 22, 18, 15), (-1.60, -1.60, -1.50, -1.50), 3.0),
    "civil-defense-approval": ((25, 30, 30, 32), (-0.60, -0.60, -0.50, -0.50), 3.0),
    "municipal-inspection": ((28, 32, 34, 35), (0.10, 0.15, 0.20, 0.20), 3.2),
    "receive-licence": ((40, 48, 50, 52), (1.50, 1.50, 1.55, 1.60), 4.0),
}

#: (c, d) National-programme survey on the licence journey: responses per stage and
#: quarter (the design needs 1,067 per stage), and each criterion's top-2 % per stage in
#: 2025-Q4; every criterion gains QUARTER_GAIN, the apply stage's speed and overall
#: satisfaction APPLY_GAIN more after the upload change.
PROGRAMME_COUNTS = {
    "prepare": (1120, 1150, 1135, 1160),
    "apply": (1090, 1110, 1125, 1140),
    "approvals": (1075, 1082, 1095, 1101),
    "receive": (940, 1090, 1100, 1120),
}
CRITERIA = {
    "clarity-of-procedures": (66, 74, 70, 84),
    "location-readiness": (80, 82, 72, 86),
    "service-speed": (72, 60, 58, 80),
    "staff-satisfaction": (78, 79, 74, 85),
    "service-satisfaction": (73, 68, 64, 86),
}
#: The weights of the criteria in the licence service index (journeys/catalog/metrics.yaml).
CRITERIA_WEIGHTS = {
    "clarity-of-procedures": 0.2,
    "location-readiness": 0.15,
    "service-speed": 0.25,
    "staff-satisfaction": 0.15,
    "service-satisfaction": 0.25,
}
QUARTER_GAIN = (0.0, 2.0, 5.0, 7.0)
APPLY_GAIN = (0.0, 0.0, 8.0, 10.0)

#: (a) Portal funnel: its events (name, step), the share of cases going on to the next
#: event (the upload step's before and after the change) and the median seconds between.
FUNNEL = (
    ("requirements_viewed", "find-requirements"),
    ("sign_in_started", "sign-in"),
    ("application_form_opened", "fill-application"),
    ("upload_page_opened", "upload-documents"),
    ("payment_page_opened", "pay-fees"),
    ("application_submitted", "pay-fees"),
)
FUNNEL_GO_ON = (0.80, 0.95, 0.92, 0.64, 0.94)
UPLOAD_GO_ON_AFTER = 0.89
FUNNEL_GAP_S = (480.0, 40.0, 540.0, 720.0, 120.0)
UPLOAD_GAP_AFTER_S = 240.0
PORTAL_MONTH_CASES = (640, 620, 590, 660, 680, 600, 650, 640, 580, 630, 670, 660)


@dataclass(frozen=True)
class CaseEvent:
    """One event of a back-office case: its name, its step, the median days since the
    previous event (scaled by the quarter's speed-up when ``scaled``) and, for an event
    only some cases have, the name of the branch it belongs to."""

    name: str
    step: str
    days: float
    scaled: bool = True
    branch: str | None = None


#: (f) Case timestamps: each journey's events and how often each branch is taken per
#: quarter; SPEED_UP shortens the scaled waits quarter by quarter.
CASES = {
    LICENCE: (
        CaseEvent("case_opened", "review-application", 0.0),
        CaseEvent("returned_for_documents", "fix-returned-application", 4.5, branch="return"),
        CaseEvent("resubmitted", "review-application", 3.0, scaled=False, branch="return"),
        CaseEvent("civil_defense_approved", "civil-defense-approval", 10.5),
        CaseEvent("inspection_done", "municipal-inspection", 4.5),
        CaseEvent("case_closed", "receive-licence", 1.5),
    ),
    PERMIT: (
        CaseEvent("case_opened", "submit-renewal", 0.0),
        CaseEvent("review_started", "plan-review", 3.0),
        CaseEvent("comments_issued", "address-comments", 4.0, branch="comments"),
        CaseEvent("plan_resubmitted", "plan-review", 6.0, scaled=False, branch="comments"),
        CaseEvent("fee_paid", "pay-renewal-fee", 7.0),
        CaseEvent("case_closed", "receive-permit", 1.0, scaled=False),
    ),
    COMPLAINT: (
        CaseEvent("case_opened", "submit-complaint", 0.0),
        CaseEvent("work_order_routed", "route-to-contractor", 1.0),
        CaseEvent("status_chased", "chase-by-phone", 5.0, scaled=False, branch="chase"),
        CaseEvent("site_fixed", "site-fixed", 3.0),
        CaseEvent("case_closed", "closure-call", 1.0, scaled=False),
    ),
}
SPEED_UP = {
    LICENCE: (1.0, 0.92, 0.78, 0.68),
    PERMIT: (1.0, 0.95, 0.88, 0.8),
    COMPLAINT: (1.0, 0.9, 0.8, 0.7),
}
BRANCHES = {"return": (0.24, 0.24, 0.2, 0.18), "comments": (0.45, 0.42, 0.38, 0.35)}
PERMIT_MONTH_CASES = (240, 250, 230, 260, 255, 240, 250, 245, 235, 250, 260, 255)
COMPLAINT_MONTH_CASES = (520, 540, 510, 550, 530, 560, 540, 525, 570, 555, 535, 530)
#: (f) First-contact resolution by month: a complaint chased by phone is rarely solved the
#: first time (8 %), one that is not usually is (92 %); fewer are chased as it improves.
FCR = np.linspace(0.42, 0.70, 12)
FCR_CALLS = (290, 354, 350, 356, 352, 355, 358, 351, 353, 357, 352, 355)

#: Obviously fake personal data: never read by cxdsl, only carried to exercise that path.
FAKE_COMMENTS = (
    "Sample comment: the upload page rejected my phone photo.",
    "Sample comment: the inspector came on time.",
    "تعليق تجريبي: لم أعرف متى سينتهي الطلب.",
    "تعليق تجريبي: الخدمة ممتازة.",
    "Sample comment: I had to call twice.",
)

# --- Drawing --------------------------------------------------------------------------------


def split(total: int, weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """``total`` split in proportion to ``weights``, exactly (largest remainder)."""
    share = np.asarray(weights, float) / float(np.sum(weights))
    counts = np.floor(share * total).astype(np.int64)
    order = np.argsort(-(share * total - counts), kind="stable")
    counts[order[: total - int(counts.sum())]] += 1
    return counts


def allocate(rng: np.random.Generator, n: int, shares: Sequence[float]) -> np.ndarray:
    """Category codes for ``n`` rows in exactly these shares, shuffled."""
    return rng.permutation(np.repeat(np.arange(len(shares)), split(n, shares)))


def codes_of(mix: dict[str, float], labels: Sequence[str]) -> tuple[np.ndarray, list[float]]:
    """The codes (positions in ``labels``) and shares of a mix."""
    return np.array([labels.index(k) for k in mix]), list(mix.values())


def draw_mix(
    rng: np.random.Generator, n: int, mix: dict[str, float], labels: Sequence[str]
) -> np.ndarray:
    """Codes into ``labels`` for ``n`` rows in the mix's exact shares."""
    codes, shares = codes_of(mix, labels)
    return np.asarray(codes[allocate(rng, n, shares)])


def draw_times(
    rng: np.random.Generator, n: int, start: np.datetime64, end: np.datetime64, hours: np.ndarray
) -> np.ndarray:
    """``n`` local times in [start, end): Friday and Saturday weigh a third of a working
    day; hours as ``on_days`` draws them."""
    days = np.arange(start, end, dtype="M8[D]")
    weekend = np.isin((days.astype(np.int64) + 3) % 7, (4, 5))
    weights = np.where(weekend, 0.35, 1.0)
    return on_days(rng, rng.choice(days, size=n, p=weights / weights.sum()), hours)


def on_days(rng: np.random.Generator, day: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """A local time on each of these days, its hour weighted by ``hours`` (in Ramadan, by
    RAMADAN_HOURS: the evening)."""
    n = len(day)
    in_ramadan = (day >= RAMADAN[0]) & (day <= RAMADAN[1])
    hour = np.where(
        in_ramadan,
        rng.choice(24, size=n, p=RAMADAN_HOURS / RAMADAN_HOURS.sum()),
        rng.choice(24, size=n, p=hours / hours.sum()),
    )
    seconds = hour * 3600 + rng.integers(0, 3600, size=n)
    return np.asarray(day.astype("M8[s]") + seconds.astype("m8[s]"))


def mean_probs(low: int, high: int, mean: float, spread: float) -> np.ndarray:
    """Probabilities of the answers low..high: a discretised normal whose mean is ``mean``."""
    values = np.arange(low, high + 1, dtype=float)

    def probs(centre: float) -> np.ndarray:
        weights = np.exp(-0.5 * ((values - centre) / spread) ** 2)
        return np.asarray(weights / weights.sum())

    a, b = low - 4 * spread, high + 4 * spread
    for _ in range(60):  # bisection: the mean grows with the centre
        mid = (a + b) / 2
        a, b = (mid, b) if float(probs(mid) @ values) < mean else (a, mid)
    return probs((a + b) / 2)


def csat_probs(top2: float) -> np.ndarray:
    """Answers 1..5 with ``top2`` percent answering 4 or 5."""
    p = top2 / 100
    return np.concatenate([(1 - p) * np.array([0.22, 0.28, 0.50]), p * np.array([0.48, 0.52])])


def nps_probs(nps: float, passives: float = 0.28) -> np.ndarray:
    """Answers 0..10 whose net promoter score is ``nps``."""
    promoters = (1 - passives + nps / 100) / 2
    detractors = 1 - passives - promoters
    spread = np.array([2, 1, 1, 2, 3, 5, 6], float)
    return np.concatenate(
        [
            detractors * spread / spread.sum(),
            passives * np.array([0.45, 0.55]),
            promoters * np.array([0.55, 0.45]),
        ]
    )


def answers(
    rng: np.random.Generator, mood: np.ndarray, probs: np.ndarray, rho: float = 0.65
) -> np.ndarray:
    """Answer positions (0 = the scale's lowest) with exactly ``probs`` as marginal when
    ``mood`` is standard normal; respondents in a good mood answer higher on every
    question (a Gaussian copula with correlation ``rho``)."""
    latent = rho * mood + math.sqrt(1 - rho * rho) * rng.standard_normal(len(mood))
    cumulative = np.clip(np.cumsum(probs)[:-1], 1e-9, 1 - 1e-9)
    cuts = np.array([NormalDist().inv_cdf(float(c)) for c in cumulative])
    return np.searchsorted(cuts, latent).astype(np.int8)


def mood_of(rng: np.random.Generator, segment: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Each respondent's mood: standard normal, tilted a little by segment and channel
    (around the cell's mean, so the cell as a whole keeps the score it was drawn for)."""
    lift = SEGMENT_LIFT[segment] + CHANNEL_LIFT[channel]
    return np.asarray(rng.standard_normal(len(segment)) + lift - lift.mean())


def language_of(rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    """Codes into LANGUAGES: Arabic with the segment's share."""
    return np.asarray(rng.random(len(segment)) >= ARABIC[segment]).astype(np.int8)


def lognormal_seconds(
    rng: np.random.Generator, median: np.ndarray, sigma: float = 0.8
) -> np.ndarray:
    """Waits with the given medians (seconds), right-skewed."""
    return (median * np.exp(sigma * rng.standard_normal(median.shape))).astype(np.int64)


def quarter_of(times: np.ndarray) -> np.ndarray:
    """0..3: the quarter of the year 2025-10 .. 2026-09 each local time falls in."""
    return np.clip(np.searchsorted(QUARTER_STARTS, times.astype("M8[D]"), side="right") - 1, 0, 3)


# --- Columns --------------------------------------------------------------------------------


def category(codes: np.ndarray, labels: Sequence[str]) -> pa.DictionaryArray:
    """A dictionary-encoded string column (the ids stored once)."""
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), pa.array(labels))


def local_iso(times: np.ndarray) -> pa.Array:
    """ISO 8601 with the offset, as people export it: 2026-01-14T09:31:07+03:00."""
    return pa.array(np.char.add(np.datetime_as_string(times, unit="s"), "+03:00"))


def wall_clock(times: np.ndarray) -> pa.Array:
    """Parquet's timestamps: local wall-clock time (Asia/Riyadh), as the exporting
    systems record it, so a month or a quarter starts at local midnight in every file."""
    return pa.array(times.astype("M8[ms]"), type=pa.timestamp("ms"))


def numbered(prefix: str, n: int, start: int = 1) -> pa.Array:
    """Ids prefix000001, prefix000002, ..."""
    return pa.array(np.char.add(prefix, np.char.zfill(np.arange(start, start + n).astype(str), 6)))


def plain(table: pa.Table) -> pa.Table:
    """The table with dictionary columns decoded (CSV holds values, not codes)."""
    columns = [
        col.cast(col.type.value_type) if pa.types.is_dictionary(col.type) else col
        for col in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def rng_for(seed: int, *parts: int | str) -> np.random.Generator:
    """A generator that depends on the seed and on what it draws for, and on nothing else."""
    words = [zlib.crc32(p.encode()) if isinstance(p, str) else p for p in parts]
    return np.random.default_rng([seed, *words])


# --- Survey responses -----------------------------------------------------------------------

JOURNEYS = (LICENCE, PERMIT, COMPLAINT)
SURVEY_STEPS = (
    "receive-licence",
    "municipal-inspection",
    "receive-permit",
    "plan-review",
    "site-fixed",
)
#: The ids a categorical column's codes stand for.
LABELS: dict[str, Sequence[str]] = {
    "journey": JOURNEYS,
    "step": SURVEY_STEPS,
    "stage": LICENCE_STAGES,
    "channel": CHANNELS,
    "segment": SEGMENTS,
    "language": LANGUAGES,
}


@dataclass(frozen=True)
class SurveyCell:
    """Post-service responses of one journey's step in one window, and what they score."""

    journey: str
    step: str
    start: np.datetime64
    end: np.datetime64
    n: int
    csat: float
    nps: float
    ces: float


def window(starts: np.ndarray, i: int) -> tuple[np.datetime64, np.datetime64]:
    """[start, end) of the i-th quarter or month, never before the survey went live."""
    end = starts[i + 1] if i + 1 < len(starts) else YEAR_END
    return max(starts[i], SURVEY_LIVE), end


def survey_cells() -> list[SurveyCell]:
    """(c, d) The post-service survey's cells: quarterly on licences and permits, monthly
    on complaints."""
    cells = []
    for (journey, step), (counts, csat, nps, ces) in SURVEY_QUARTERS.items():
        for q in range(4):
            start, end = window(QUARTER_STARTS, q)
            cells.append(SurveyCell(journey, step, start, end, counts[q], csat[q], nps[q], ces[q]))
    for m, n in enumerate(COMPLAINT_SURVEY_MONTHS):
        start, end = window(MONTH_STARTS, m)
        csat, nps, ces = COMPLAINT_CSAT[m], COMPLAINT_NPS[m], COMPLAINT_CES[m]
        cells.append(SurveyCell(COMPLAINT, "site-fixed", start, end, n, csat, nps, ces))
    return cells


def survey_rows(rng: np.random.Generator, cell: SurveyCell, n: int) -> dict[str, np.ndarray]:
    """``n`` responses of a cell: who answered, through which channel, and their answers
    (one mood behind the three, so they agree the way real answers do)."""
    channels, segments = JOURNEY_MIX[cell.journey]
    channel = draw_mix(rng, n, channels, CHANNELS)
    segment = draw_mix(rng, n, segments, SEGMENTS)
    mood = mood_of(rng, segment, channel)
    return {
        "submitted_at": draw_times(rng, n, cell.start, cell.end, PORTAL_HOURS),
        "journey": np.full(n, JOURNEYS.index(cell.journey), np.int8),
        "step": np.full(n, SURVEY_STEPS.index(cell.step), np.int8),
        "channel": channel,
        "segment": segment,
        "language": language_of(rng, segment),
        "csat": answers(rng, mood, csat_probs(cell.csat)) + 1,
        "nps": answers(rng, mood, nps_probs(cell.nps)),
        "ces": answers(rng, mood, mean_probs(1, 7, cell.ces, 1.5)) + 1,
    }


def concat_sorted(parts: Sequence[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The parts' columns end to end, ordered by time (an export's order)."""
    columns = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    order = np.argsort(columns["submitted_at"], kind="stable")
    return {key: value[order] for key, value in columns.items()}


def to_table(
    rows: dict[str, np.ndarray], csv: bool, first: dict[str, pa.Array] | None = None
) -> pa.Table:
    """Rows as a table: ``first``'s columns, then the time (text with its offset in CSV,
    an instant in Parquet), ids for the categorical codes and the answers as numbers."""
    columns = dict(first or {})
    for key, value in rows.items():
        if key == "submitted_at":
            columns[key] = local_iso(value) if csv else wall_clock(value)
        elif key in LABELS:
            columns[key] = category(value, LABELS[key])
        else:
            columns[key] = pa.array(value)
    return pa.table(columns)


def fake_personal(rng: np.random.Generator, n: int) -> dict[str, pa.Array]:
    """A phone number for 15 % of respondents and a comment for 6 %: obviously fake."""
    digits = np.char.zfill(rng.integers(0, 10_000, n).astype(str), 4)
    picked = np.array(FAKE_COMMENTS, dtype=object)[rng.integers(0, len(FAKE_COMMENTS), n)]
    return {
        "phone": pa.array(np.char.add("000-000-", digits), mask=rng.random(n) >= 0.15),
        "comment": pa.array(picked, type=pa.string(), mask=rng.random(n) >= 0.06),
    }


#: The post-service survey's files: one export per service, its response ids' prefix.
SURVEY_FILES = {LICENCE: "SL", PERMIT: "SP", COMPLAINT: "SC"}


def post_service_survey(seed: int, journey: str, csv: bool) -> pa.Table:
    """(c, d, e) One journey's post-service survey export. The complaint survey is sent at
    one step only, so its export has no step column."""
    rng = rng_for(seed, "post-service-survey", journey)
    cells = [cell for cell in survey_cells() if cell.journey == journey]
    rows = concat_sorted([survey_rows(rng, cell, cell.n) for cell in cells])
    del rows["journey"]
    if journey == COMPLAINT:
        del rows["step"]
    n = len(rows["submitted_at"])
    table = to_table(rows, csv, {"response_id": numbered(SURVEY_FILES[journey], n)})
    for key, column in fake_personal(rng, n).items():
        table = table.append_column(key, column)
    return table


def step_pulse(seed: int, csv: bool) -> pa.Table:
    """(b) The licence journey's step pulse: the feeling (-2..2), the ease expected before
    the step and the ease perceived (1-5), per step and quarter."""
    rng = rng_for(seed, "step-pulse")
    channels, segments = JOURNEY_MIX[LICENCE]
    parts = []
    for step, (counts, feelings, expected) in PULSE.items():
        for q, n in enumerate(counts):
            start, end = QUARTER_STARTS[q], window(QUARTER_STARTS, q)[1]
            segment = draw_mix(rng, n, segments, SEGMENTS)
            channel = draw_mix(rng, n, channels, CHANNELS)
            mood = mood_of(rng, segment, channel)
            perceived = min(max(3.2 + 0.75 * feelings[q], 1.3), 4.7)
            parts.append({
                "submitted_at": draw_times(rng, n, start, end, PORTAL_HOURS),
                "step": np.full(n, LICENCE_STEPS.index(step), np.int8),
                "channel": channel,
                "segment": segment,
                "language": language_of(rng, segment),
                "feeling": answers(rng, mood, mean_probs(-2, 2, feelings[q], 0.9)) - 2,
                "expected-ease": answers(rng, mood, mean_probs(1, 5, expected, 0.8), 0.3) + 1,
                "perceived-ease": answers(rng, mood, mean_probs(1, 5, perceived, 0.9)) + 1,
            })  # fmt: skip
    rows = concat_sorted(parts)
    steps = rows.pop("step")
    return to_table(rows, csv, {"step": category(steps, LICENCE_STEPS)})


def programme_top2(criterion: str, stage: int, quarter: int) -> float:
    """(d) A criterion's top-2 % at a stage in a quarter."""
    gain = QUARTER_GAIN[quarter]
    if LICENCE_STAGES[stage] == "apply" and criterion in ("service-speed", "service-satisfaction"):
        gain += APPLY_GAIN[quarter]
    return min(CRITERIA[criterion][stage] + gain, 97.0)


def programme_rows(seed: int) -> dict[str, np.ndarray]:
    """(c, d) The national programme's survey on the licence journey: five criteria (1-5)
    asked at each stage."""
    rng = rng_for(seed, "programme-survey")
    channels, segments = JOURNEY_MIX[LICENCE]
    stage_channels = ({"site-visit": 0.6, "sms": 0.4}, {"mobile-app": 0.8, "web-portal": 0.2})
    parts = []
    for stage, counts in enumerate(PROGRAMME_COUNTS.values()):
        mix = channels if stage < 2 else stage_channels[stage - 2]
        for q, n in enumerate(counts):
            segment = draw_mix(rng, n, segments, SEGMENTS)
            channel = draw_mix(rng, n, mix, CHANNELS)
            mood = mood_of(rng, segment, channel)
            part = {
                "submitted_at": draw_times(rng, n, *window(QUARTER_STARTS, q), OFFICE_HOURS),
                "stage": np.full(n, stage, np.int8),
                "channel": channel,
                "segment": segment,
                "language": language_of(rng, segment),
            }
            for criterion in CRITERIA:
                top2 = programme_top2(criterion, stage, q)
                part[criterion] = answers(rng, mood, csat_probs(top2), 0.6) + 1
            parts.append(part)
    return concat_sorted(parts)


def programme_seasons(rows: dict[str, np.ndarray]) -> pa.Table:
    """The programme's published figures of the licence service index for each season
    (reported figures): the weighted mean of the criteria's top-2 shares among the
    season's answers, with the interval it publishes (criteria taken as independent)."""
    weights = np.array(list(CRITERIA_WEIGHTS.values()))
    weights = weights / weights.sum()
    day = rows["submitted_at"].astype("M8[D]")
    out: dict[str, list[object]] = {"period": [], "value": [], "n": [], "ci_low": [], "ci_high": []}
    for season, (start, end) in SEASONS.items():
        inside = (day >= start) & (day <= end)
        n = int(inside.sum())
        shares = np.array([np.mean(rows[c][inside] >= 4) for c in CRITERIA])
        value = float(weights @ shares) * 100
        half = 1.96 * 100 * float(np.sqrt(np.sum(weights**2 * shares * (1 - shares)) / n))
        for key, item in zip(out, (season, value, n, value - half, value + half), strict=True):
            out[key].append(round(item, 1) if isinstance(item, float) else item)
    return pa.table(out)


# --- Events ---------------------------------------------------------------------------------


def month_of(times: np.ndarray) -> np.ndarray:
    """0..11: the month of the year 2025-10 .. 2026-09 each local time falls in."""
    return np.clip(np.searchsorted(MONTH_STARTS, times.astype("M8[D]"), side="right") - 1, 0, 11)


def case_starts(
    rng: np.random.Generator, month_counts: Sequence[int], hours: np.ndarray
) -> np.ndarray:
    """When cases start, ``month_counts[m]`` of them in month m, in time order."""
    parts = [draw_times(rng, n, *window_of_month(m), hours) for m, n in enumerate(month_counts)]
    return np.sort(np.concatenate(parts), kind="stable")


def window_of_month(m: int) -> tuple[np.datetime64, np.datetime64]:
    """[start, end) of the m-th month of the year."""
    return MONTH_STARTS[m], MONTH_STARTS[m + 1] if m < 11 else YEAR_END


@dataclass(frozen=True)
class Events:
    """Events of ``n`` cases, in time order: the case (0..n-1), the event (a position in
    the spec), the local time; and per case, the time of its last event (NaT if open)."""

    case: np.ndarray
    event: np.ndarray
    at: np.ndarray
    ended: np.ndarray


def flatten(present: np.ndarray, times: np.ndarray) -> Events:
    """Events from a cases × events matrix of times, where ``present`` (and before the
    year's end: later ones have not happened yet)."""
    keep = present & (times < YEAR_END)
    n, k = present.shape
    case = np.broadcast_to(np.arange(n)[:, None], (n, k))[keep]
    event = np.broadcast_to(np.arange(k, dtype=np.int8), (n, k))[keep]
    at = times[keep]
    order = np.argsort(at, kind="stable")
    ended = np.where(keep[:, -1], times[:, -1], np.datetime64("NaT"))
    return Events(case[order], event[order], at[order], ended)


def funnel(rng: np.random.Generator, starts: np.ndarray) -> Events:
    """(a) The portal funnel of cases starting at ``starts``: each goes on to the next
    event with FUNNEL_GO_ON's chance; the upload step loses fewer after the change."""
    n = len(starts)
    after = starts >= UPLOAD_CHANGE
    go_on = np.broadcast_to(np.array(FUNNEL_GO_ON), (n, len(FUNNEL_GO_ON))).copy()
    go_on[after, 3] = UPLOAD_GO_ON_AFTER
    reached = np.cumprod(rng.random(go_on.shape) < go_on, axis=1)
    present = np.concatenate([np.ones((n, 1), bool), reached.astype(bool)], axis=1)
    median = np.broadcast_to(np.array(FUNNEL_GAP_S), go_on.shape).copy()
    median[after, 3] = UPLOAD_GAP_AFTER_S
    waits = np.concatenate([np.zeros((n, 1), np.int64), lognormal_seconds(rng, median)], axis=1)
    times = starts[:, None] + np.cumsum(waits, axis=1).astype("m8[s]")
    return flatten(present, times)


def branch_chance(branch: str, starts: np.ndarray) -> np.ndarray:
    """How likely each case is to take a branch: by quarter, or (f) for a complaint, from
    the month's first-contact resolution (solved first time: 92 % unchased, 8 % chased)."""
    if branch == "chase":
        return np.asarray((0.92 - FCR[month_of(starts)]) / 0.84)
    return np.asarray(np.asarray(BRANCHES[branch])[quarter_of(starts)])


def case_events(
    rng: np.random.Generator, journey: str, starts: np.ndarray
) -> tuple[Events, dict[str, np.ndarray]]:
    """(f) Back-office events of cases opened at ``starts``; which branches each took."""
    spec = CASES[journey]
    n = len(starts)
    speed = np.asarray(SPEED_UP[journey])[quarter_of(starts)]
    taken = {
        b: rng.random(n) < branch_chance(b, starts)
        for b in dict.fromkeys(e.branch for e in spec if e.branch)
    }
    present = np.column_stack([taken[e.branch] if e.branch else np.ones(n, bool) for e in spec])
    median = np.column_stack([e.days * DAY * (speed if e.scaled else np.ones(n)) for e in spec])
    waits = np.where(present, lognormal_seconds(rng, median, 0.6), 0)
    times = starts[:, None] + np.cumsum(waits, axis=1).astype("m8[s]")
    return flatten(present, times), taken


def events_table(
    events: Events, names: Sequence[str], ids: np.ndarray, case_columns: dict[str, pa.Array]
) -> pa.Table:
    """An events table: case id, event name, time; then per-case columns repeated."""
    columns: dict[str, pa.Array] = {
        "case": pa.array(ids[events.case]),
        "event": category(events.event, names),
        "submitted_at": wall_clock(events.at),
    }
    taken = pa.array(events.case)
    for key, value in case_columns.items():
        columns[key] = value.take(taken)
    # A case system exports case by case: the ids and times then compress well.
    return pa.table(columns).sort_by([("case", "ascending"), ("submitted_at", "ascending")])


def who(rng: np.random.Generator, journey: str, n: int) -> dict[str, pa.Array]:
    """Channel and segment of ``n`` cases of a journey."""
    channels, segments = JOURNEY_MIX[journey]
    return {
        "channel": category(draw_mix(rng, n, channels, CHANNELS), CHANNELS),
        "segment": category(draw_mix(rng, n, segments, SEGMENTS), SEGMENTS),
    }


def portal_and_licence_cases(seed: int) -> tuple[pa.Table, pa.Table]:
    """(a, f) The portal funnel, and the licence cases its submitted applications open."""
    rng = rng_for(seed, "portal-events")
    starts = case_starts(rng, PORTAL_MONTH_CASES, PORTAL_HOURS)
    digital = {"web-portal": 0.7, "mobile-app": 0.3}
    case_columns = {
        "channel": category(draw_mix(rng, len(starts), digital, CHANNELS), CHANNELS),
        "segment": who(rng, LICENCE, len(starts))["segment"],
    }
    ids = np.char.add("A", np.char.zfill(np.arange(1, len(starts) + 1).astype(str), 6))
    portal = funnel(rng, starts)
    portal_table = events_table(portal, [name for name, _ in FUNNEL], ids, case_columns)
    submitted = np.flatnonzero(~np.isnat(portal.ended))
    rng = rng_for(seed, "licence-cases")
    opened = portal.ended[submitted] + rng.integers(30, 600, len(submitted)).astype("m8[s]")
    cases, _ = case_events(rng, LICENCE, opened)
    per_case = {key: col.take(pa.array(submitted)) for key, col in case_columns.items()}
    names = [e.name for e in CASES[LICENCE]]
    return portal_table, events_table(cases, names, ids[submitted], per_case)


def permit_cases(seed: int) -> pa.Table:
    """(f) Permit renewal cases."""
    rng = rng_for(seed, "permit-cases")
    starts = case_starts(rng, PERMIT_MONTH_CASES, OFFICE_HOURS)
    cases, _ = case_events(rng, PERMIT, starts)
    ids = np.char.add("P", np.char.zfill(np.arange(1, len(starts) + 1).astype(str), 6))
    names = [e.name for e in CASES[PERMIT]]
    return events_table(cases, names, ids, who(rng, PERMIT, len(starts)))


def complaint_cases(seed: int) -> tuple[pa.Table, pa.Table]:
    """(f) Complaint cases from the CRM, and the follow-up calls made after closing a
    sample of them (the call's yes/no: solved the first time?), both exported by the CRM
    as Parquet."""
    rng = rng_for(seed, "complaint-cases")
    starts = case_starts(rng, COMPLAINT_MONTH_CASES, PORTAL_HOURS)
    cases, taken = case_events(rng, COMPLAINT, starts)
    ids = np.char.add("C", np.char.zfill(np.arange(1, len(starts) + 1).astype(str), 6))
    case_columns = who(rng, COMPLAINT, len(starts))
    names = [e.name for e in CASES[COMPLAINT]]
    table = events_table(cases, names, ids, case_columns)
    rng = rng_for(seed, "complaint-follow-up")
    closed = np.flatnonzero(~np.isnat(cases.ended))
    days_later = rng.integers(1, 4, len(closed)).astype("m8[D]")
    call = on_days(rng, cases.ended[closed].astype("M8[D]") + days_later, OFFICE_HOURS)
    month = np.where(call < YEAR_END, month_of(call), -1)
    picked = np.concatenate([
        np.sort(rng.choice(np.flatnonzero(month == m), size=n, replace=False))
        for m, n in enumerate(FCR_CALLS)
    ])  # fmt: skip
    chased = taken["chase"][closed[picked]]
    solved = np.where(chased, rng.random(len(picked)) < 0.08, rng.random(len(picked)) < 0.92)
    order = np.argsort(call[picked], kind="stable")
    picked, solved = picked[order], solved[order]
    calls = {
        "submitted_at": call[picked],
        "segment": np.asarray(case_columns["segment"].indices)[closed[picked]],
        "resolved-first-time": solved.astype(np.int8),
    }
    return table, to_table(calls, False, {"response_id": pa.array(ids[closed[picked]])})


# --- Files ----------------------------------------------------------------------------------

#: Rows per chunk of the scaled files (memory stays bounded whatever the scale).
CHUNK_ROWS = 1_000_000
#: Values quoted never (none of ours holds a comma, a quote or a line break; pyarrow
#: refuses to write one that would need quoting, so a change that adds one fails loudly).
CSV_OPTIONS = pacsv.WriteOptions(quoting_style="none")


def write(table: pa.Table, path: Path) -> Path:
    """One table to CSV (values quoted only where needed) or Parquet (zstd), by suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        pacsv.write_csv(plain(table), path, CSV_OPTIONS)
    else:
        pq.write_table(table, path, **parquet_options(table.schema))
    return path


def parquet_options(schema: pa.Schema) -> dict[str, object]:
    """zstd; times (in order within a case or an export) as deltas, ids as shared prefixes,
    the other strings as dictionaries."""
    encodings = {"submitted_at": "DELTA_BINARY_PACKED"}
    if "case" in schema.names and pa.types.is_string(schema.field("case").type):
        encodings["case"] = "DELTA_BYTE_ARRAY"
    dictionary = [name for name in schema.names if name not in encodings]
    return {
        "compression": "zstd",
        "compression_level": 9,
        "use_dictionary": dictionary,
        "column_encoding": encodings,
    }


def generate(out: Path, seed: int = 2026, fmt: str = "csv") -> list[Path]:
    """Write the example workspace's data files into ``out``; their paths back. Survey
    responses are CSV unless ``fmt`` is ``parquet``; events are always Parquet."""
    csv = fmt == "csv"
    responses = ".csv" if csv else ".parquet"
    portal, licence = portal_and_licence_cases(seed)
    complaints, calls = complaint_cases(seed)
    programme = programme_rows(seed)
    tables = {
        **{
            f"post-service-{name}{responses}": post_service_survey(seed, journey, csv)
            for journey, name in (
                (LICENCE, "licence"),
                (PERMIT, "permit"),
                (COMPLAINT, "complaint"),
            )
        },
        f"step-pulse{responses}": step_pulse(seed, csv),
        "complaint-follow-up.parquet": calls,
        "programme-survey.parquet": to_table(programme, csv=False),
        "programme-seasons.csv": programme_seasons(programme),
        "portal-events.parquet": portal,
        "licence-cases.parquet": licence,
        "permit-cases.parquet": permit_cases(seed),
        "complaint-cases.parquet": complaints,
    }
    return [write(table, out / name) for name, table in tables.items()]


def scaled_responses(seed: int, total: int, csv: bool) -> Iterator[pa.Table]:
    """``total`` post-service responses with the example's cells and story, in chunks
    (response ids are numbers here: 1, 2, ...)."""
    cells = survey_cells()
    next_id = 1
    for i, (cell, count) in enumerate(zip(cells, split(total, [c.n for c in cells]), strict=True)):
        for j, first in enumerate(range(0, int(count), CHUNK_ROWS)):
            n = min(CHUNK_ROWS, int(count) - first)
            rows = concat_sorted([survey_rows(rng_for(seed, "responses", i, j), cell, n)])
            yield to_table(rows, csv, {"response_id": pa.array(np.arange(next_id, next_id + n))})
            next_id += n


def events_per_case(after_change: bool) -> float:
    """How many funnel events a case has on average, before or after the upload change."""
    go_on = list(FUNNEL_GO_ON)
    if after_change:
        go_on[3] = UPLOAD_GO_ON_AFTER
    return 1 + float(np.cumprod(go_on).sum())


def scaled_events(seed: int, total: int) -> Iterator[pa.Table]:
    """About ``total`` portal funnel events (the example's story), month by month in
    chunks; case ids are numbers here."""
    after = MONTH_STARTS.astype("M8[M]") >= UPLOAD_CHANGE.astype("M8[M]")
    per_case = np.where(after, events_per_case(True), events_per_case(False))
    weights = np.asarray(PORTAL_MONTH_CASES) * per_case
    cases = split(total, weights) / per_case  # events per month -> cases per month
    names = [name for name, _ in FUNNEL]
    next_case = 0
    for m, count in enumerate(np.rint(cases).astype(np.int64)):
        for j, first in enumerate(range(0, int(count), CHUNK_ROWS // 4)):
            n = min(CHUNK_ROWS // 4, int(count) - first)
            rng = rng_for(seed, "events", m, j)
            starts = np.sort(draw_times(rng, n, *window_of_month(m), PORTAL_HOURS))
            ids = np.arange(next_case, next_case + n, dtype=np.int64)
            yield events_table(funnel(rng, starts), names, ids, who(rng, LICENCE, n))
            next_case += n


def write_chunks(tables: Iterator[pa.Table], path: Path) -> int:
    """Stream tables into one CSV or Parquet file (by suffix); the rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    writer: pq.ParquetWriter | pacsv.CSVWriter | None = None
    try:
        for table in tables:
            if path.suffix == ".csv":
                table = plain(table)
            if writer is None:
                writer = (
                    pacsv.CSVWriter(path, table.schema, write_options=CSV_OPTIONS)
                    if path.suffix == ".csv"
                    else pq.ParquetWriter(path, table.schema, **parquet_options(table.schema))
                )
            writer.write_table(table)
            rows += table.num_rows
    finally:
        if writer is not None:
            writer.close()
    return rows


def generate_scaled(
    out: Path, seed: int, responses: int, events: int, fmt: str = "parquet"
) -> dict[str, tuple[Path, int]]:
    """The benchmark's files: ``responses`` post-service responses (CSV or Parquet by
    ``fmt``) and about ``events`` portal funnel events (Parquet); paths and rows back."""
    suffix = ".csv" if fmt == "csv" else ".parquet"
    written = {}
    if responses:
        path = out / f"post-service-survey{suffix}"
        written["responses"] = (
            path,
            write_chunks(scaled_responses(seed, responses, fmt == "csv"), path),
        )
    if events:
        path = out / "portal-events.parquet"
        written["events"] = (path, write_chunks(scaled_events(seed, events), path))
    return written


def parse_scale(text: str) -> dict[str, int]:
    """``responses=10000000,events=50000000`` as numbers (either may be left out)."""
    scale = {"responses": 0, "events": 0}
    for part in text.split(","):
        key, _, value = part.partition("=")
        if key.strip() not in scale or not value.strip().isdigit():
            raise argparse.ArgumentTypeError(f"expected responses=N,events=M, got {part!r}")
        scale[key.strip()] = int(value)
    return scale


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("results"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help="survey responses as CSV (default) or Parquet; events are Parquet",
    )
    parser.add_argument("--scale", type=parse_scale, default=None,
                        help="responses=N,events=M: the benchmark's two large files")  # fmt: skip
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.scale is None:
        for path in generate(args.out, args.seed, args.format):
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")
    else:
        scale = args.scale
        written = generate_scaled(
            args.out, args.seed, scale["responses"], scale["events"], args.format
        )
        for path, rows in written.values():
            print(f"wrote {path}: {rows:,} rows, {path.stat().st_size / 1_048_576:.1f} MB")
    print(f"took {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
