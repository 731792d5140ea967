"""cxdsl.results.questions: which question a metric reads, told or inferred, or why not."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cxdsl.model import Instrument, Measurement, Metric, Question, ResponseScale
from cxdsl.results.questions import Ambiguous, Unknown, infer_question, metric_question


def question(ident: str, low: int = 1, high: int = 5, measures: str | None = None) -> Question:
    return Question.model_validate(
        {"id": ident, "text": ident, "scale": ResponseScale(min=low, max=high).model_dump()}
        | ({"measures": measures} if measures else {})
    )


def instrument(*questions: Question) -> Instrument:
    return Instrument(id="exit", name="Exit", method="survey", questions=list(questions))


def metric(kind: str, asks: str | None = None) -> Metric:
    return Metric.model_validate({"id": "m", "name": "M", "type": kind, "question": asks})


SURVEY = instrument(question("overall"), question("csat"), question("ces", 1, 7))


def test_the_entry_then_the_metric_says_which() -> None:
    m = metric("csat", asks="overall")
    assert metric_question(m, SURVEY) == SURVEY.questions[0]
    entry = Measurement(metric="m", question="ces")
    assert metric_question(m, SURVEY, entry) == SURVEY.questions[2]
    # An entry that names no question keeps the metric's.
    assert metric_question(m, SURVEY, Measurement(metric="m")) == SURVEY.questions[0]


def test_a_question_not_asked_is_unknown_and_says_where_it_was_written() -> None:
    assert metric_question(metric("csat", asks="q9"), SURVEY) == Unknown(
        "q9", "exit", ("overall", "csat", "ces"), "metric"
    )
    entry = Measurement(metric="m", question="Overall")
    assert metric_question(metric("csat"), SURVEY, entry) == Unknown(
        "Overall", "exit", ("overall", "csat", "ces"), "entry"
    )


def test_one_question_is_the_one() -> None:
    only = instrument(question("how-was-it", 0, 10))
    assert metric_question(metric("csat"), only) == only.questions[0]
    assert metric_question(metric("custom"), only) == only.questions[0]


def test_the_question_named_like_the_type() -> None:
    assert metric_question(metric("csat"), SURVEY) == SURVEY.questions[1]
    assert metric_question(metric("ces"), SURVEY) == SURVEY.questions[2]


@pytest.mark.parametrize(
    ("kind", "low", "high"), [("nps", 0, 10), ("first_contact_resolution", 0, 1)]
)
def test_the_one_question_on_the_types_scale(kind: str, low: int, high: int) -> None:
    survey = instrument(question("a"), question("b", low, high), question("c", 1, 7))
    assert metric_question(metric(kind), survey) == survey.questions[1]
    two = instrument(question("a", low, high), question("b", low, high))
    assert metric_question(metric(kind), two) == Ambiguous("exit", ("a", "b"))


def test_otherwise_ambiguous_with_the_candidates() -> None:
    survey = instrument(question("ease"), question("overall"))
    assert metric_question(metric("csat"), survey) == Ambiguous("exit", ("ease", "overall"))
    # No scale tells a CSAT or a custom question.
    assert metric_question(metric("custom"), SURVEY) == Ambiguous(
        "exit", ("overall", "csat", "ces")
    )
    assert infer_question("nps", instrument()) == Ambiguous("exit", ())


def test_step_readings_are_never_inferred() -> None:
    survey = instrument(
        question("felt", -2, 2, "emotion"), question("overall"), question("hoped", 1, 5, "expected")
    )
    assert metric_question(metric("csat"), survey) == survey.questions[1]
    # Named, a step-level question can be read.
    assert metric_question(metric("custom", asks="felt"), survey) == survey.questions[0]
    readings = instrument(question("felt", -2, 2, "emotion"))
    assert metric_question(metric("csat"), readings) == Ambiguous("exit", ())


@pytest.mark.parametrize("kind", ["completion_rate", "drop_off", "time_to_complete", "index"])
def test_events_and_indexes_read_no_question(kind: str) -> None:
    assert metric_question(metric(kind, asks="nowhere"), SURVEY) is None


def test_importing_it_loads_no_data_engine() -> None:
    code = (
        "import sys, cxdsl.results.questions; "
        "print(sorted(m for m in ('ibis', 'pandas', 'duckdb', 'pyarrow', 'numpy') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
