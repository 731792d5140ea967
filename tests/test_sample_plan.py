"""cxdsl.stats: a plan entry's sample figures merged with its sample design's, and the
sample they require (by hand: z = 1.95996 at 95 %, n0 = z² · 0.25 / e²)."""

from __future__ import annotations

from cxdsl.model import Measurement, SampleDesign
from cxdsl.stats import SamplePlan, required_sample, sample_plan

WAVE = SampleDesign(
    id="wave", name="Wave", population=1000, confidence_level=0.95, margin_of_error=0.05
)


def test_the_design_wins_and_the_entry_fills_what_it_lacks() -> None:
    entry = Measurement(metric="m", population=10, margin_of_error=0.5, sample_size=300)
    assert sample_plan(entry, WAVE) == SamplePlan(1000, 0.95, 0.05, 300, per_stage=False)
    assert sample_plan(entry) == SamplePlan(10, None, 0.5, 300)
    assert sample_plan(None, WAVE).missing == ["sample_size"]
    assert not sample_plan().given


def test_required_sample_with_a_design() -> None:
    # n0 = 1.95996² · 0.25 / 0.05² = 384.15; with N = 1000: 384.15 / (1 + 383.15/1000)
    # = 277.7, so 278.
    assert required_sample(Measurement(metric="m"), WAVE) == 278
    assert required_sample(design=WAVE) == 278
    # The entry's own population counts only where the design has none.
    open_wave = WAVE.model_copy(update={"population": None})
    # N = 500: 384.15 / (1 + 383.15/500) = 217.5, so 218.
    assert required_sample(Measurement(metric="m", population=500), open_wave) == 218
    assert required_sample(Measurement(metric="m"), open_wave) is None


def test_per_stage_is_carried_and_the_requirement_is_per_cell() -> None:
    per_stage = WAVE.model_copy(update={"per_stage": True})
    plan = sample_plan(None, per_stage)
    assert plan.per_stage and plan.required == 278
