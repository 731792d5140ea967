"""What measured results are made of: estimates with intervals, figures with statuses, the
per-step readings drawn beside the designed journey. Pure data (no I/O, no engine)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: How a figure compares with its target, or why it cannot.
#: ``met`` / ``not_met``: the whole 95 % interval lies on one side of the target;
#: ``inconclusive``: the interval straddles it; ``underpowered``: fewer responses than the
#: plan requires; ``no_data``: nothing measured; ``suppressed``: fewer than the workspace's
#: ``min_cell_size`` (privacy); ``no_target``: measured, but nothing to compare with.
Status = Literal[
    "met", "not_met", "inconclusive", "underpowered", "no_data", "suppressed", "no_target"
]

#: The interval behind an estimate: ``wilson`` (a proportion), ``nps`` (the standard NPS
#: variance), ``t`` (a mean), ``order-statistic`` (a median or other quantile), ``index``
#: (a weighted mean of criteria, variances propagated), ``reported`` (as the source said).
Method = Literal["wilson", "nps", "t", "order-statistic", "index", "reported"]

#: A step-level reading beside the design: the emotion felt, what was expected, perceived.
Measure = Literal["emotion", "expected", "perceived"]


@dataclass(frozen=True)
class Estimate:
    """A value, its 95 % interval and the number of observations behind it."""

    value: float
    ci_low: float
    ci_high: float
    n: int
    method: Method


@dataclass(frozen=True)
class Cell:
    """Where a figure applies: a journey and a period, optionally one breakdown."""

    journey: str | None
    period: str
    step: str | None = None
    stage: str | None = None
    segment: str | None = None
    channel: str | None = None
    persona: str | None = None

    @property
    def breakdown(self) -> str | None:
        """The dimension this cell breaks the journey's figure down by, if any."""
        for name in ("step", "stage", "segment", "channel", "persona"):
            if getattr(self, name) is not None:
                return name
        return None


@dataclass(frozen=True)
class Figure:
    """One metric measured in one cell: value, interval, target and status."""

    metric: str
    cell: Cell
    n: int
    estimate: Estimate | None
    target: float | None
    status: Status
    #: Some data behind it failed validation (what was valid was still counted).
    provisional: bool = False
    #: The change since the previous period of the same cell, and whether it is larger
    #: than the noise (the difference's 95 % interval excludes zero).
    change: float | None = None
    change_significant: bool | None = None
    #: Which statistic of a distribution the figure is (``median``, ``p90`` for time to
    #: complete); None for a metric's one value.
    statistic: str | None = None

    def as_json(self) -> dict[str, object]:
        """The fields ``cxdsl results --format json`` prints (null where not applicable)."""
        e = self.estimate
        c = self.cell
        return {
            "metric": self.metric,
            "statistic": self.statistic,
            "journey": c.journey,
            "period": c.period,
            "step": c.step,
            "stage": c.stage,
            "segment": c.segment,
            "channel": c.channel,
            "persona": c.persona,
            # A suppressed cell's n is as private as its value.
            "n": None if self.status == "suppressed" else self.n,
            "value": None if e is None else e.value,
            "ci_low": None if e is None else e.ci_low,
            "ci_high": None if e is None else e.ci_high,
            "method": None if e is None else e.method,
            "target": self.target,
            "status": self.status,
            "provisional": self.provisional,
            "change": self.change,
            "change_significant": self.change_significant,
        }


@dataclass(frozen=True)
class StepReading:
    """A step-level question's answers (emotion, expected, perceived) over all periods."""

    journey: str
    step: str
    measure: Measure
    n: int
    #: None when suppressed (fewer than ``min_cell_size`` answers).
    estimate: Estimate | None


@dataclass(frozen=True)
class FunnelStep:
    """Cases that reached a step (analytics events), and the share lost before the next."""

    journey: str
    period: str
    step: str
    reached: int
    #: Share (percent) of the cases that reached this step and not the next one (at the
    #: last step: that never completed).
    drop_off: Estimate | None
    #: The dataset of events the funnel comes from (a journey may have several).
    source: str = ""


@dataclass(frozen=True)
class Association:
    """Do emotions explain behaviour? Spearman's rank correlation across a journey's steps
    between the measured emotion and a behaviour (drop-off)."""

    journey: str
    behaviour: Literal["drop_off"]
    rho: float | None
    #: The number of steps with both readings.
    n: int
    p_value: float | None
    #: Enough steps and a clear enough correlation to say something (n ≥ 5, p < 0.05).
    conclusive: bool


@dataclass
class Results:
    """Everything ``cxdsl results`` computes for a workspace (diagnostics go separately)."""

    figures: list[Figure] = field(default_factory=list)
    readings: list[StepReading] = field(default_factory=list)
    funnels: list[FunnelStep] = field(default_factory=list)
    associations: list[Association] = field(default_factory=list)
    #: Responses (or cases) per segment id, over all periods: the customer tree's measured
    #: volume beside each segment's estimate. Segments below ``min_cell_size`` are absent.
    volumes: dict[str, int] = field(default_factory=dict)
    #: Periods in order (oldest first) as they appear in figures.
    periods: list[str] = field(default_factory=list)
