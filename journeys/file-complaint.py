"""As-is journey: filing and resolving a complaint, written in Python.

The complaints team keeps this journey in Python because its steps share the same
follow-up pattern; a helper builds them instead of repeating YAML.
"""

from cxdsl.api import (
    Action,
    Effort,
    Journey,
    Measurement,
    PainPoint,
    Stage,
    Step,
    Transition,
    Trigger,
    text,
)


def _follow_up(step_id: str, ar: str, en: str, emotion: int, channel: str) -> Step:
    """A step where the resident chases the complaint."""
    return Step(
        id=step_id,
        title=text(ar=ar, en=en),
        customer_action=text(ar="تسأل عن حالة البلاغ", en="Asks about the complaint's status"),
        channel=channel,
        front_stage=[Action(action=text(ar="البحث عن البلاغ في النظام",
                                        en="Complaint looked up in the system"),
                            actor="customer-service-agent", system="crm")],
        emotion=emotion,
    )


journey = Journey(
    id="file-complaint",
    title=text(ar="تقديم شكوى ومعالجتها", en="Filing and resolving a complaint"),
    persona="maria-resident",
    segments=["residents"],
    state="as-is",
    life_event=text(ar="مشكلة في الحي", en="A problem in the neighbourhood"),
    scenario=text(
        ar="تركت أعمال صيانة حفرية مكشوفة أمام منزل ماريا منذ أسبوعين.",
        en="Roadworks left an open trench outside Maria's home two weeks ago.",
    ),
    value_sought=text(ar="أن تُحل المشكلة بسرعة وأن تعرف ما يحدث",
                      en="The problem fixed quickly, and knowing what is happening"),
    owner="complaints-officer",
    stakeholders=["neighbours"],
    evidence=["complaints-analysis-2025", "csat-survey-2025"],
    stages=[
        Stage(id="report", title=text(ar="الإبلاغ", en="Report"), steps=[
            Step(
                id="submit-complaint",
                title=text(ar="تقديم البلاغ", en="Submit the complaint"),
                customer_action=text(ar="تصوّر الحفرية وترسل البلاغ من التطبيق",
                                     en="Photographs the trench and reports it in the app"),
                channel="mobile-app",
                back_stage=[Action(action=text(ar="تسجيل البلاغ وتصنيفه",
                                               en="Complaint logged and classified"),
                                   system="crm")],
                support=[Action(action=text(ar="تحديد الموقع", en="Location pinned"),
                                system="gis")],
                emotion=-1,
                effort=Effort(minutes=6),
            ),
        ]),
        Stage(id="resolve", title=text(ar="المعالجة", en="Resolve"), steps=[
            Step(
                id="route-to-contractor",
                title=text(ar="إحالة البلاغ للمقاول", en="Complaint routed to the contractor"),
                customer_action=text(ar="تنتظر دون أي تحديث", en="Waits with no update"),
                channel="sms",
                back_stage=[Action(action=text(ar="إحالة أمر العمل", en="Work order routed"),
                                   actor="complaints-officer", system="crm")],
                support=[Action(action=text(ar="تنفيذ الإصلاح", en="Repair carried out"),
                                actor="roads-contractor")],
                emotion=-2,
                pain_points=[PainPoint(
                    text=text(ar="لا تحديث بعد الإحالة إلى جهة خارجية",
                              en="No update once the complaint goes to an outside party"),
                    severity="high", evidence=["complaints-analysis-2025"])],
                opportunities=[text(ar="تحديثات آلية بكل تغيير في حالة أمر العمل",
                                    en="Automatic updates at every work-order status change")],
                transitions=[
                    Transition(to="site-fixed", type="next"),
                    Transition(to="chase-by-phone", type="failure",
                               label=text(ar="لا ردّ خلال 5 أيام", en="No answer within 5 days")),
                ],
            ),
            _follow_up("chase-by-phone", "المتابعة هاتفياً", "Chase by phone", -2,
                       "call-centre").model_copy(update={
                           "transitions": [Transition(to="route-to-contractor", type="loop")],
                           "effort": Effort(minutes=25),
                       }),
            Step(
                id="site-fixed",
                title=text(ar="إصلاح الموقع", en="Site fixed"),
                customer_action=text(ar="ترى الحفرية مغلقة", en="Sees the trench closed"),
                channel="site-visit",
                front_stage=[Action(action=text(ar="ردم الحفرية وإعادة الرصف",
                                                en="Trench filled and repaved"),
                                    actor="roads-contractor")],
                emotion=1,
                moment_of_truth=True,
            ),
        ]),
        Stage(id="close", title=text(ar="الإغلاق", en="Close"), steps=[
            Step(
                id="closure-call",
                title=text(ar="اتصال الإغلاق", en="Closure call"),
                customer_action=text(ar="تؤكد أن المشكلة حُلّت", en="Confirms the problem is solved"),
                channel="call-centre",
                front_stage=[Action(action=text(ar="التأكد من رضا المستفيدة",
                                                en="Beneficiary's satisfaction confirmed"),
                                    actor="complaints-officer", system="crm")],
                emotion=1,
                moment_of_truth=True,
            ),
        ]),
    ],
    measurement_plan=[
        Measurement(metric="complaint-fcr", trigger=Trigger(step="closure-call"),
                    channel="call-centre", cadence="monthly", population=3150,
                    confidence_level=0.95, margin_of_error=0.05, sample_size=350),
        Measurement(metric="csat", trigger=Trigger(step="site-fixed"), channel="sms",
                    cadence="monthly", population=3150, confidence_level=0.95,
                    margin_of_error=0.05, sample_size=350),
        Measurement(metric="time-to-resolve-complaint", trigger=Trigger(stage="resolve"),
                    cadence="monthly"),
    ],
)
