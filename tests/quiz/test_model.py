"""The bank model: fields, defaults, the rules a bank must follow, and the small value types."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from toolkit.quiz.model import (
    POINTS,
    QUESTION,
    QUESTION_CLASSES,
    QUESTION_TYPES,
    TIME_LIMITS,
    Bank,
    BankError,
    Grade,
    Numeric,
    Problem,
    ResponseError,
    Scenario,
    SingleChoice,
)


def single(**changes: Any) -> dict[str, Any]:
    question: dict[str, Any] = {
        "id": "q1",
        "type": "single",
        "prompt": "Pick one",
        "options": [
            {"id": "a", "text": "A", "correct": True, "explanation": "Because A."},
            {"id": "b", "text": "B", "explanation": "Not B."},
        ],
    }
    question.update(changes)
    return question


def bank(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"id": "demo", "title": "Demo", "lesson": "demo", "questions": list(questions)}


def test_points_by_difficulty_match_the_format() -> None:
    assert POINTS == {"easy": 10, "medium": 20, "hard": 30}
    assert QUESTION.validate_python(single()).points == 20
    assert QUESTION.validate_python(single(difficulty="hard")).points == 30


def test_defaults() -> None:
    question = QUESTION.validate_python(single())
    assert question.difficulty == "medium"
    assert question.hints == ()
    assert question.tags == ()
    assert question.time_limit is None
    assert question.source is None
    assert question.shuffle is True


def test_every_type_has_a_class() -> None:
    assert set(QUESTION_CLASSES) == set(QUESTION_TYPES)
    assert TIME_LIMITS == (5, 10, 20, 30, 60, 90, 120, 240)


def test_type_chooses_the_class() -> None:
    assert isinstance(QUESTION.validate_python(single()), SingleChoice)
    numeric = QUESTION.validate_python(
        {"id": "n", "type": "numeric", "prompt": "n?", "answer": 3, "explanation": "x"}
    )
    assert isinstance(numeric, Numeric)
    assert numeric.bounds == (3.0, 3.0)


def test_models_are_frozen_and_hashable() -> None:
    question = QUESTION.validate_python(single())
    with pytest.raises(ValidationError, match="frozen"):
        question.prompt = "changed"
    assert hash(question) == hash(QUESTION.validate_python(single()))


def test_bank_question_lookup_and_max_points() -> None:
    poll = {
        "id": "p",
        "type": "poll",
        "prompt": "How?",
        "options": [{"id": "1", "text": "x"}, {"id": "2", "text": "y"}],
    }
    loaded = Bank.model_validate(bank(single(), poll))
    assert loaded.question("q1").id == "q1"
    assert loaded.question("p").points == 0
    assert loaded.max_points == 20
    with pytest.raises(KeyError, match="no question 'nope'"):
        loaded.question("nope")


def test_numeric_ids_written_without_quotes_become_text() -> None:
    poll = QUESTION.validate_python(
        {
            "id": 7,
            "type": "poll",
            "prompt": "Rate",
            "options": [{"id": 1, "text": "low"}, {"id": 5, "text": "high"}],
        }
    )
    assert poll.id == "7"
    assert [o.id for o in poll.options] == ["1", "5"]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (single(options=[{"id": "a", "text": "A", "explanation": "x"}] * 1), "at least 2"),
        (
            single(
                options=[
                    {"id": "a", "text": "A", "explanation": "x"},
                    {"id": "b", "text": "B", "explanation": "y"},
                ]
            ),
            "no option is marked 'correct: true'",
        ),
        (
            single(
                options=[
                    {"id": "a", "text": "A", "explanation": "x", "correct": True},
                    {"id": "b", "text": "B", "explanation": "y", "correct": True},
                ]
            ),
            "2 options are marked correct",
        ),
        (
            single(
                options=[
                    {"id": "a", "text": "A", "explanation": "x", "correct": True},
                    {"id": "a", "text": "B", "explanation": "y"},
                ]
            ),
            "duplicate option id 'a'",
        ),
        (
            single(options=[{"id": "a", "text": "A"}, {"id": "b", "text": "B", "credit": 2}]),
            "credit",
        ),
        (single(bogus=1), "Extra inputs are not permitted"),
        (single(id="two words"), "pattern"),
        (single(time_limit=7), "time_limit"),
        (single(source="chapter 2"), "pattern"),
        (single(difficulty="extreme"), "difficulty"),
        (single(prompt="   "), "at least 1 character"),
    ],
)
def test_broken_questions_are_refused(question: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        QUESTION.validate_python(question)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "give either 'answer'"),
        ({"answer": 1, "range": [0, 2]}, "not both"),
        ({"range": [5, 1]}, "range min 5 is greater than max 1"),
        ({"range": [0, 1], "tolerance": 0.5}, "'tolerance' goes with 'answer'"),
        ({"answer": 1, "tolerance": -1}, "greater than or equal to 0"),
        ({"answer": "seventy"}, "valid number"),
        ({"answer": float("nan")}, "finite number"),
    ],
)
def test_numeric_rules(fields: dict[str, Any], message: str) -> None:
    question = {"id": "n", "type": "numeric", "prompt": "How many?", "explanation": "x", **fields}
    with pytest.raises(ValidationError, match=message):
        QUESTION.validate_python(question)


def test_scenario_needs_a_full_credit_option() -> None:
    question = {
        "id": "s",
        "type": "scenario",
        "prompt": "What now?",
        "depends_on": "the risk",
        "options": [
            {"id": "a", "text": "A", "explanation": "x", "credit": 0.5},
            {"id": "b", "text": "B", "explanation": "y", "credit": 0.25},
        ],
    }
    with pytest.raises(ValidationError, match=r"no option has full credit"):
        QUESTION.validate_python(question)
    question["options"][0]["credit"] = 1
    scenario = QUESTION.validate_python(question)
    assert isinstance(scenario, Scenario)
    assert [o.correct for o in scenario.options] == [True, False]


def test_text_needs_an_accepted_answer() -> None:
    question = {"id": "t", "type": "text", "prompt": "?", "accepted": [], "explanation": "x"}
    with pytest.raises(ValidationError, match="at least 1 item"):
        QUESTION.validate_python(question)


def test_matching_refuses_two_identical_right_sides() -> None:
    question = {
        "id": "m",
        "type": "matching",
        "prompt": "Match",
        "explanation": "x",
        "pairs": [
            {"id": "a", "left": "A", "right": "same"},
            {"id": "b", "left": "B", "right": "same"},
        ],
    }
    with pytest.raises(ValidationError, match="same right side"):
        QUESTION.validate_python(question)


def test_duplicate_question_ids_in_a_bank() -> None:
    with pytest.raises(ValidationError, match="duplicate question id 'q1'"):
        Bank.model_validate(bank(single(), single()))


def test_bank_needs_questions_and_refuses_unknown_keys() -> None:
    with pytest.raises(ValidationError, match="at least 1 item"):
        Bank.model_validate(bank())
    with pytest.raises(ValidationError, match="Extra inputs"):
        Bank.model_validate({**bank(single()), "author": "me"})


def test_problem_prints_as_file_line_question_message() -> None:
    problem = Problem("quizzes/x.yaml", 12, "q3", "no option is marked 'correct: true'")
    assert str(problem) == "quizzes/x.yaml:12: q3: no option is marked 'correct: true'"
    warning = Problem("x.yaml", 1, "(bank)", "odd", severity="warning")
    assert str(warning) == "x.yaml:1: (bank): warning: odd"


def test_bank_error_lists_every_problem() -> None:
    problems = [Problem("x.yaml", 3, "a", "first"), Problem("x.yaml", 9, "b", "second")]
    error = BankError(problems)
    assert isinstance(error, ValueError)
    assert error.problems == problems
    assert "2 problems" in str(error)
    assert "x.yaml:9: b: second" in str(error)


def test_response_error_is_a_value_error() -> None:
    assert issubclass(ResponseError, ValueError)


@pytest.mark.parametrize(
    ("credit", "correct", "verdict"),
    [
        (1.0, True, "✔ Correct"),
        (0.0, False, "✘ Not quite"),
        (0.5, False, "◐ Partly right (50%)"),
        (1.0, None, "✎ Recorded"),
    ],
)
def test_grade_verdict_is_words_and_an_icon(
    credit: float, correct: bool | None, verdict: str
) -> None:
    assert Grade(credit=credit, correct=correct, feedback="").verdict == verdict


def _marked_bank(marks: list[bool]) -> Bank:
    return Bank.model_validate(
        {
            "id": "marked",
            "title": "Marked",
            "lesson": "00-start-here",
            "questions": [
                {
                    "id": f"q{number}",
                    "type": "true_false",
                    "prompt": f"Statement {number}.",
                    "answer": True,
                    "checkpoint": mark,
                }
                for number, mark in enumerate(marks)
            ],
        }
    )


def test_a_checkpoint_asks_only_the_marked_questions_in_written_order() -> None:
    bank = _marked_bank([False, True, False, True, True])
    short = bank.for_checkpoint()
    assert [q.id for q in short.questions] == ["q1", "q3", "q4"]
    assert short.id == bank.id  # progress lands under the same bank
    assert len(bank.questions) == 5  # the whole bank still feeds review


def test_a_bank_that_marks_nothing_is_its_own_checkpoint() -> None:
    bank = _marked_bank([False, False, False])
    assert bank.for_checkpoint() is bank
