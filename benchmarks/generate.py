"""Write a valid synthetic workspace of a chosen size.

    python benchmarks/generate.py --journeys 1000 --steps 20 --out benchmarks/out/w1000

Every journey has its own file, a persona, stages of five steps, bilingual texts, pain
points with opportunities, a moment of truth per stage and a measurement plan that covers
them, so ``cxdsl check`` on the result is clean and does all of its work.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from cxdsl.model import (
    Action,
    Actor,
    Channel,
    Effort,
    Entity,
    Evidence,
    Instrument,
    Journey,
    Measurement,
    Metric,
    PainPoint,
    Persona,
    Question,
    ResponseScale,
    Segment,
    Stage,
    Step,
    System,
    Transition,
    Trigger,
)
from cxdsl.writer import dump_entities

SETTINGS = """name: {ar: مساحة اصطناعية, en: Synthetic workspace}
languages: [ar, en]
emotion_scales:
  feelings: {min: -2, max: 2}
"""
CHANNELS = ["web-portal", "mobile-app", "service-centre", "call-centre", "sms"]
STEPS_PER_STAGE = 5


def t(ar: str, en: str) -> dict[str, str]:
    return {"ar": ar, "en": en}


def catalog() -> list[Entity]:
    out: list[Entity] = [
        Channel(
            id=c,
            name=t(f"قناة {i}", f"Channel {i}"),
            type="digital" if i < 2 else "physical",
            owner="digital-unit",
        )
        for i, c in enumerate(CHANNELS)
    ]
    out += [
        Actor(id="digital-unit", name=t("وحدة رقمية", "Digital unit"), type="support"),
        Actor(id="agent", name=t("موظف", "Agent"), type="front_stage"),
        Actor(id="reviewer", name=t("مراجع", "Reviewer"), type="back_stage"),
        Actor(id="partner", name=t("جهة شريكة", "Partner entity"), type="partner"),
        System(id="case-system", name=t("نظام الطلبات", "Case system"), owner="digital-unit"),
        Evidence(
            id="interviews", title=t("مقابلات", "Interviews"), method="interview", sample_size=20
        ),
        Instrument(
            id="survey",
            name=t("استبيان", "Survey"),
            method="survey",
            questions=[
                Question(
                    id="csat",
                    text=t("ما مدى رضاك؟", "How satisfied are you?"),
                    scale=ResponseScale(min=1, max=5),
                )
            ],
        ),
        Metric(
            id="csat",
            name=t("الرضا", "Satisfaction"),
            type="csat",
            owner="digital-unit",
            target=85,
            instrument="survey",
        ),
        Metric(
            id="nps",
            name=t("الترويج", "Net promoter score"),
            type="nps",
            owner="digital-unit",
            target=30,
            instrument="survey",
        ),
    ]
    return out


def customers(personas: int) -> list[Entity]:
    out: list[Entity] = [
        Segment(id="individuals", name=t("الأفراد", "Individuals")),
        Segment(id="businesses", name=t("المنشآت", "Businesses")),
    ]
    for i in range(personas):
        parent = "individuals" if i % 2 == 0 else "businesses"
        out.append(
            Segment(
                id=f"segment-{i}",
                parent=parent,
                name=t(f"شريحة {i}", f"Segment {i}"),
                estimated_volume=1000 * (i + 1),
            )
        )
        out.append(
            Persona(
                id=f"persona-{i}",
                name=t(f"شخصية {i}", f"Persona {i}"),
                segments=[f"segment-{i}"],
                goals=[t("إنجاز سريع", "Fast service")],
                preferred_channels=[CHANNELS[i % len(CHANNELS)]],
                evidence=["interviews"],
            )
        )
    return out


def step(j: int, k: int, last: bool) -> Step:
    pains = []
    opportunities = []
    if k % 4 == 1:
        pains = [
            PainPoint(
                text=t(f"انتظار طويل {k}", f"Long wait {k}"),
                severity="high",
                evidence=["interviews"],
            )
        ]
        opportunities = [t("إشعار استباقي", "Proactive notification")]
    transitions = None
    if k % 7 == 3 and not last:
        transitions = [
            Transition(to=f"step-{k + 1}", type="next"),
            Transition(to=f"step-{k - 1}", type="loop", label=t("إعادة", "Retry")),
        ]
    return Step(
        id=f"step-{k}",
        title=t(f"الخطوة {k} من الرحلة {j}", f"Step {k} of journey {j}"),
        customer_action=t("يعبئ النموذج", "Fills in the form"),
        channel=CHANNELS[(j + k) % len(CHANNELS)],
        front_stage=[Action(action=t("يساعد", "Helps"), actor="agent")],
        back_stage=[Action(action=t("يراجع", "Reviews"), actor="reviewer", system="case-system")],
        emotion=((j + k) % 5) - 2,
        thoughts=[t("هل سينجح؟", "Will it work?")],
        pain_points=pains,
        opportunities=opportunities,
        moment_of_truth=k % STEPS_PER_STAGE == 0,
        effort=Effort(minutes=5 + k, documents=k % 3),
        transitions=transitions,
    )


def journey(j: int, steps: int, personas: int) -> Journey:
    all_steps = [step(j, k, k == steps - 1) for k in range(steps)]
    stages = [
        Stage(
            id=f"stage-{s}",
            title=t(f"المرحلة {s}", f"Stage {s}"),
            steps=all_steps[s * STEPS_PER_STAGE : (s + 1) * STEPS_PER_STAGE],
        )
        for s in range((steps + STEPS_PER_STAGE - 1) // STEPS_PER_STAGE)
    ]
    plan = [
        Measurement(
            metric="csat",
            trigger=Trigger(stage=stage.id),
            channel="sms",
            cadence="monthly",
            population=20_000,
            confidence_level=0.95,
            margin_of_error=0.05,
            sample_size=400,
        )
        for stage in stages
    ]
    plan.append(Measurement(metric="nps", trigger=Trigger(step=all_steps[-1].id)))
    return Journey(
        id=f"journey-{j}",
        title=t(f"الرحلة {j}", f"Journey {j}"),
        persona=f"persona-{j % personas}",
        state="as-is",
        life_event=t("حدث حياتي", "Life event"),
        scenario=t("سيناريو", "Scenario"),
        value_sought=t("خدمة سريعة", "Fast service"),
        owner="digital-unit",
        evidence=["interviews"],
        stages=stages,
        measurement_plan=plan,
    )


def generate(out: Path, journeys: int, steps: int) -> None:
    """Write the workspace into ``out`` (replacing what was there)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "personas").mkdir(parents=True)
    (out / "journeys" / "catalog").mkdir(parents=True)
    personas = max(4, min(50, journeys // 20))
    (out / "cxdsl.yaml").write_text(SETTINGS, encoding="utf-8")
    (out / "personas" / "customers.yaml").write_text(
        dump_entities(customers(personas)), encoding="utf-8"
    )
    (out / "journeys" / "catalog" / "catalog.yaml").write_text(
        dump_entities(catalog()), encoding="utf-8"
    )
    for j in range(journeys):
        path = out / "journeys" / f"journey-{j:05d}.yaml"
        path.write_text(dump_entities([journey(j, steps, personas)]), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.journeys, args.steps)
    print(f"wrote {args.journeys} journeys x {args.steps} steps to {args.out}")


if __name__ == "__main__":
    main()
