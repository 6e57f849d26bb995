"""Leitner boxes: moves, intervals, the due queue across lessons, and the review bank."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.quiz.session_banks import START, mixed_bank, single_bank
from tests.widgets.shown import shown
from toolkit.quiz.review import (
    INTERVAL_DAYS,
    MASTERED_BOX,
    MAX_BOX,
    due,
    interval,
    load_course,
    next_box,
    next_due,
    review_bank,
)
from toolkit.quiz.store import AttemptRecord, BoxState, ProgressStore


def test_the_published_leitner_rules() -> None:
    assert INTERVAL_DAYS == (1, 2, 4, 8, 16)
    assert MAX_BOX == 5
    assert MASTERED_BOX == 4
    assert [next_box(box, False) for box in (None, 1, 2, 3, 4, 5)] == [1, 1, 1, 1, 1, 1]
    assert [next_box(box, True) for box in (None, 1, 2, 3, 4, 5)] == [2, 2, 3, 4, 5, 5]
    assert [interval(box) for box in range(1, 6)] == [timedelta(days=d) for d in (1, 2, 4, 8, 16)]


@pytest.mark.parametrize("box", [0, 6, -1])
def test_boxes_outside_one_to_five_are_refused(box: int) -> None:
    with pytest.raises(ValueError, match="box must be between 1 and 5"):
        next_box(box, True)
    with pytest.raises(ValueError, match="box must be between 1 and 5"):
        interval(box)


@given(st.lists(st.booleans(), max_size=40))
def test_a_box_always_stays_between_one_and_five(answers: list[bool]) -> None:
    box: int | None = None
    for correct in answers:
        new = next_box(box, correct)
        assert 1 <= new <= MAX_BOX
        assert new == (1 if not correct else min((box or 1) + 1, MAX_BOX))
        box = new


def test_next_due_is_in_utc_and_a_naive_time_is_utc() -> None:
    assert next_due(1, datetime(2026, 1, 31, 23, 0)) == datetime(2026, 2, 1, 23, 0, tzinfo=UTC)
    assert next_due(5, START) == START + timedelta(days=16)


def record(
    store: ProgressStore, bank_id: str, question_id: str, correct: bool, at: datetime
) -> None:
    store.record_attempt(
        AttemptRecord(
            learner="ada",
            bank_id=bank_id,
            question_id=question_id,
            response="x",
            credit=float(correct),
            correct=correct,
            points=0,
            answered_at=at,
        )
    )


def test_due_spans_all_lessons_most_overdue_first(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        record(store, "01-demo", "q1", False, START)  # box 1: due START + 1 day
        record(store, "02-mixed", "tf", True, START)  # box 2: due START + 2 days
        record(store, "02-mixed", "pick", False, START + timedelta(hours=5))  # + 1 day 5 h
        record(store, "01-demo", "q2", True, START)
        record(store, "01-demo", "q2", True, START + timedelta(days=2))  # box 3: + 6 days
        assert due(store, "ada", START + timedelta(hours=23)) == []
        now = START + timedelta(days=2)
        queue = due(store, "ada", now)
        assert [(item.bank_id, item.question_id, item.box) for item in queue] == [
            ("01-demo", "q1", 1),
            ("02-mixed", "pick", 1),
            ("02-mixed", "tf", 2),
        ]
        assert due(store, "bob", now) == []
        # A right answer in review moves the question up and out of the queue.
        record(store, "01-demo", "q1", True, now)
        assert [item.question_id for item in due(store, "ada", now)] == ["pick", "tf"]
        assert [item.question_id for item in due(store, "ada", now + timedelta(days=6))] == [
            "pick",
            "tf",
            "q1",
            "q2",
        ]


def test_review_bank_gathers_due_questions_and_remembers_their_origin() -> None:
    demo, mixed = single_bank(2, bank_id="01-demo"), mixed_bank("02-mixed")
    items = [
        BoxState("02-mixed", "tf", 1, START),
        BoxState("01-demo", "q1", 2, START),
        BoxState("01-demo", "gone", 1, START),  # the question was removed from the bank
        BoxState("99-old", "q1", 1, START),  # the whole bank was removed
    ]
    queue = review_bank(items, {"01-demo": demo, "02-mixed": mixed})
    assert queue.bank is not None
    assert [q.id for q in queue.bank.questions] == ["02-mixed--tf", "01-demo--q1"]
    assert queue.origins == {"02-mixed--tf": ("02-mixed", "tf"), "01-demo--q1": ("01-demo", "q1")}
    assert queue.bank.questions[0].prompt == mixed.question("tf").prompt
    assert [(m.bank_id, m.question_id) for m in queue.missing] == [
        ("01-demo", "gone"),
        ("99-old", "q1"),
    ]
    assert len(queue) == 2


def test_review_bank_of_nothing_has_no_bank() -> None:
    queue = review_bank([], {})
    assert queue.bank is None
    assert len(queue) == 0


def test_load_course_keeps_going_past_a_broken_bank(tmp_path: Path) -> None:
    (tmp_path / "01-good.yaml").write_text(
        "id: 01-good\ntitle: Good\nlesson: 01-good\nquestions:\n"
        "  - id: q1\n    type: true_false\n    prompt: Yes?\n    answer: true\n"
        "    explanation_true: Yes.\n    explanation_false: No.\n"
    )
    (tmp_path / "02-bad.yaml").write_text("id: 02-bad\ntitle: Bad\nlesson: 02-bad\nquestions: []\n")
    banks, problems = load_course(tmp_path)
    assert list(banks) == ["01-good"]
    assert problems
    assert all("02-bad.yaml" in str(problem) for problem in problems)


# -- the review widget -----------------------------------------------------------------------


def test_the_review_widget_serves_what_is_due_and_moves_the_boxes(tmp_path: Path) -> None:
    from tests.quiz.session_banks import Clock
    from toolkit.quiz.session import QuizSession
    from toolkit.widgets.review_queue import review_widget

    clock = Clock()
    lesson = single_bank(2, bank_id="01-demo")
    other = mixed_bank("02-mixed")
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = QuizSession(lesson, rng=random.Random(1), clock=clock, store=store, learner="ada")
        while session.current is not None:
            session.answer("a")  # both wrong: box 1, due tomorrow
            session.next()
        assert review_widget(store, "ada", banks={"01-demo": lesson}, clock=clock).session is None
        clock.advance(days=1)
        quiz = review_widget(
            store,
            "ada",
            banks={"01-demo": lesson, "02-mixed": other},
            rng=random.Random(2),
            clock=clock,
        )
        assert quiz.session is not None
        assert quiz.session.review
        assert quiz.session.position == (1, 2)
        for _ in range(2):
            quiz.choices.value = "b"
            quiz.submit.click()
            assert "<strong>Correct" in shown(quiz.feedback.value)
            quiz.next_button.click()
        assert quiz.session.finished
        assert "Reviewed the due queue" in quiz.badges.value
        assert {(b.question_id, b.box) for b in store.boxes("ada")} == {("q1", 2), ("q2", 2)}
        assert set(store.attempts("ada").query("mode == 'review'")["question_id"]) == {"q1", "q2"}
        again = review_widget(store, "ada", banks={"01-demo": lesson}, clock=clock)
        assert again.session is None
        assert "Nothing is due for review right now" in again.notice.value
        assert "next one is due" in again.notice.value


def test_the_review_widget_says_when_a_due_question_is_gone(tmp_path: Path) -> None:
    from toolkit.widgets.review_queue import review_widget

    with ProgressStore(tmp_path / "p.sqlite3") as store:
        record(store, "old-bank", "q9", False, START)
        quiz = review_widget(store, "ada", banks={}, clock=lambda: START + timedelta(days=3))
        assert quiz.session is None
        assert "no longer in the course: old-bank/q9" in quiz.notice.value


def test_the_review_widget_uses_the_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.widgets.review_queue import review_widget

    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SMLAB_LEARNER", "grace")
    quiz = review_widget(banks={})
    assert quiz.session is None
    assert (tmp_path / "progress.sqlite3").is_file()
