"""QuizSession: order and shuffles, modes, points, hints, streaks, badges and recording."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quiz.session_banks import (
    MIXED_RIGHT,
    MIXED_WRONG,
    START,
    Clock,
    bank,
    mixed_bank,
    single,
    single_bank,
)
from toolkit.quiz.model import ResponseError
from toolkit.quiz.review import review_bank
from toolkit.quiz.session import QuizSession, SessionError, default_learner
from toolkit.quiz.store import ProgressStore, StoreError


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with ProgressStore(tmp_path / "progress.sqlite3") as opened:
        yield opened  # type: ignore[misc]


def play(session: QuizSession, table: dict[str, object]) -> None:
    """Answer every question from ``table`` and move on."""
    while session.current is not None:
        session.answer(table[session.current.id])
        session.next()


# -- order and shuffles ----------------------------------------------------------------------


def test_the_same_seed_gives_the_same_order_and_options() -> None:
    first = QuizSession(mixed_bank(), rng=random.Random(7), course=[])
    again = QuizSession(mixed_bank(), rng=random.Random(7), course=[])
    assert [q.id for q in first.questions] == [q.id for q in again.questions]
    assert [first.presented(q) for q in first.questions] == [
        again.presented(q) for q in again.questions
    ]
    orders = {
        tuple(q.id for q in QuizSession(mixed_bank(), rng=random.Random(s), course=[]).questions)
        for s in range(10)
    }
    assert len(orders) > 1  # the order really is shuffled


def test_presented_ids_are_a_permutation_per_type() -> None:
    session = QuizSession(mixed_bank(), rng=random.Random(3), course=[])
    by_id = {q.id: q for q in session.questions}
    assert sorted(session.presented(by_id["pick"])) == ["a", "b", "c", "d"]
    assert sorted(session.presented(by_id["many"])) == ["a", "e", "x"]
    assert sorted(session.presented(by_id["match"])) == ["df", "lt", "mttr"]
    assert sorted(session.presented(by_id["feel"])) == ["1", "5"]
    assert session.presented(by_id["tf"]) == []
    assert session.presented(by_id["num"]) == []
    assert session.presented() == session.presented(session.current)


def test_options_are_shuffled_unless_the_question_opts_out() -> None:
    shuffled = bank([single(f"q{n}") for n in range(8)])
    kept = bank([single(f"q{n}", shuffle=False) for n in range(8)])
    orders = [
        QuizSession(shuffled, rng=random.Random(5), course=[]).presented(q)
        for q in shuffled.questions
    ]
    assert any(order != ["a", "b", "c", "d"] for order in orders)
    session = QuizSession(kept, rng=random.Random(5), course=[])
    assert all(session.presented(q) == ["a", "b", "c", "d"] for q in kept.questions)


def test_ordering_items_never_start_in_the_right_order() -> None:
    for seed in range(30):
        session = QuizSession(mixed_bank(), rng=random.Random(seed), course=[])
        order = session.presented(next(q for q in session.questions if q.id == "order"))
        assert sorted(order) == ["now", "vision", "want"]
        assert order != ["vision", "now", "want"]


def test_without_rng_a_session_still_works() -> None:
    session = QuizSession(single_bank(3), course=[])
    assert sorted(q.id for q in session.questions) == ["q1", "q2", "q3"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"mode": "quiz"}, "mode must be one of practice, exam, survey"),
        ({"learner": " "}, "learner"),
    ],
)
def test_bad_arguments(arguments: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        QuizSession(single_bank(), **arguments)  # type: ignore[arg-type]


# -- practice --------------------------------------------------------------------------------


def test_a_practice_run_all_right_scores_by_difficulty() -> None:
    session = QuizSession(mixed_bank(), rng=random.Random(1), course=[])
    assert session.position == (1, 9)
    assert not session.feedback_visible
    first = session.current
    assert first is not None
    grade = session.answer(MIXED_RIGHT[first.id])
    assert grade.correct is True or (first.id == "feel" and grade.correct is None)
    assert session.feedback_visible  # practice: feedback after each answer
    session.next()
    play(session, MIXED_RIGHT)
    assert session.finished
    assert session.current is None
    assert session.position == (9, 9)
    # easy 10 + hard 30 + six medium 20 + poll 0
    assert session.points == session.max_points == 160
    summary = session.summary()
    assert (summary.total, summary.answered, summary.correct) == (9, 9, 8)
    assert summary.score == 1.0
    assert summary.streak == 8
    assert summary.level.name == "Apprentice"
    assert [b.id for b in summary.badges] == ["five-in-a-row", "first-lesson", "perfect-score"]
    assert all(result.tries == 1 for result in summary.results)


def test_partial_credit_scales_points_and_breaks_the_streak() -> None:
    session = QuizSession(mixed_bank(), rng=random.Random(2), course=[])
    while session.current is not None:
        question_id = session.current.id
        table = MIXED_WRONG if question_id in ("match", "depends") else MIXED_RIGHT
        session.answer(table[question_id])
        session.next()
    results = {r.question_id: r for r in session.summary().results}
    assert results["match"].points == 7  # 20 x 1/3 = 6.67, rounded
    assert results["depends"].points == 5  # 20 x 0.25
    assert session.points == 160 - 20 - 20 + 7 + 5
    assert session.summary().correct == 6
    assert session.summary().score == pytest.approx((6 + 1 / 3 + 0.25) / 8)
    assert "perfect-score" not in [b.id for b in session.new_badges]


def test_a_retry_earns_nothing_and_is_not_coming_back(store: ProgressStore) -> None:
    session = QuizSession(
        single_bank(2), rng=random.Random(1), store=store, learner="ada", course=[]
    )
    wrong = session.answer("a")
    assert wrong.correct is False
    assert session.streak == 0
    again = session.answer("b")  # practice allows a retry
    assert again.correct is True
    assert session.points == 0
    assert session.streak == 0  # a retry does not count for the streak
    assert "came-back" not in [b.id for b in session.new_badges]  # seconds later is no return
    result = session.summary().results[0]
    assert (result.tries, result.grade.correct, result.last_grade.correct) == (2, False, True)  # type: ignore[union-attr]
    frame = store.attempts("ada")
    assert frame["try"].tolist() == [1, 2]
    assert frame["points"].tolist() == [0, 0]
    assert [(b.question_id, b.box) for b in store.boxes("ada")] == [(result.question_id, 1)]


def test_practice_shows_the_answer_only_after_the_retry_or_on_request(
    store: ProgressStore,
) -> None:
    session = QuizSession(
        single_bank(2), rng=random.Random(1), store=store, learner="ada", course=[]
    )
    assert not session.answer_shown()
    with pytest.raises(SessionError, match="Have a go first"):
        session.show_answer()
    session.answer("a")
    assert not session.answer_shown()  # a wrong first try: its explanation and a retry
    session.answer("c")
    assert session.answer_shown()  # wrong again: now the answer
    session.next()
    session.answer("a")
    assert not session.answer_shown()
    session.show_answer()
    assert session.answer_shown()  # or on request


def test_exam_shows_answers_only_at_the_end(store: ProgressStore) -> None:
    session = QuizSession(
        single_bank(1), rng=random.Random(1), store=store, learner="ada", mode="exam", course=[]
    )
    session.answer("a")
    assert not session.answer_shown()
    with pytest.raises(SessionError):
        session.show_answer()


def test_came_back_counts_a_wrong_answer_from_an_earlier_session(store: ProgressStore) -> None:
    one = QuizSession(single_bank(1), rng=random.Random(1), store=store, learner="ada", course=[])
    one.answer("c")
    two = QuizSession(single_bank(1), rng=random.Random(1), store=store, learner="ada", course=[])
    two.answer("b")
    assert "came-back" in [b.id for b in two.new_badges]


# -- hints -----------------------------------------------------------------------------------


def test_hints_come_in_order_and_cost_a_quarter_each(store: ProgressStore) -> None:
    questions = [single("q1", difficulty="easy", hints=["First.", "Second."]), single("q2")]
    session = QuizSession(
        bank(questions), rng=random.Random(4), store=store, learner="ada", course=[]
    )
    while session.current is not None and session.current.id != "q1":
        session.answer("b")
        session.next()
    assert session.hints_left() == 2
    assert session.hint() == "First."
    assert session.hint() == "Second."
    assert session.hint() is None
    assert session.hints_used() == 2
    session.answer("b")
    results = {r.question_id: r for r in session.summary().results}
    assert results["q1"].points == 10 - 2 * 3
    assert results["q1"].hints_used == 2
    frame = store.attempts("ada").set_index("question_id")
    assert frame.loc["q1", "hints_used"] == 2
    assert frame.loc["q1", "points"] == 4


def test_a_question_without_hints_gives_none() -> None:
    session = QuizSession(single_bank(1), course=[])
    assert session.hint() is None
    assert session.hints_left() == 0


# -- exam and survey -------------------------------------------------------------------------


def test_an_exam_takes_one_answer_and_shows_feedback_at_the_end(store: ProgressStore) -> None:
    session = QuizSession(
        single_bank(3), mode="exam", rng=random.Random(1), store=store, learner="ada", course=[]
    )
    session.answer("a")
    assert not session.feedback_visible
    with pytest.raises(SessionError, match="already answered this question"):
        session.answer("b")
    session.next()
    play(session, {"q1": "b", "q2": "b", "q3": "b"})
    assert session.feedback_visible
    summary = session.summary()
    assert summary.correct == 2
    assert summary.score == pytest.approx(2 / 3)
    assert set(store.attempts("ada")["mode"]) == {"exam"}
    assert len(store.attempts("ada")) == 3


def test_a_survey_grades_nothing_and_earns_nothing(store: ProgressStore) -> None:
    session = QuizSession(
        mixed_bank(), mode="survey", rng=random.Random(1), store=store, learner="ada", course=[]
    )
    grade = session.answer(MIXED_WRONG[session.current.id])  # type: ignore[union-attr]
    assert grade.correct is None
    assert "recorded" in grade.feedback
    assert not session.feedback_visible
    session.next()
    play(session, MIXED_WRONG)
    assert session.points == 0
    assert session.max_points == 0
    assert session.streak == 0
    frame = store.attempts("ada")
    assert frame["correct"].isna().all()
    assert frame["points"].sum() == 0
    assert store.boxes("ada") == []
    assert [b.id for b in session.new_badges] == ["first-lesson"]
    assert session.summary().score == 1.0  # nothing graded: the share answered


def test_a_survey_still_refuses_a_malformed_response() -> None:
    session = QuizSession(single_bank(1), mode="survey", course=[])
    with pytest.raises(ResponseError):
        session.answer("zzz")


# -- mistakes and errors ---------------------------------------------------------------------


def test_a_malformed_response_changes_nothing(store: ProgressStore) -> None:
    session = QuizSession(
        single_bank(2), rng=random.Random(1), store=store, learner="ada", course=[]
    )
    with pytest.raises(ResponseError):
        session.answer(None)
    with pytest.raises(ResponseError):
        session.answer("nope")
    assert not session.answered()
    assert store.attempts().empty


def test_an_answer_over_the_cap_is_refused_and_nothing_is_stored(store: ProgressStore) -> None:
    text = {"id": "fruit", "type": "text", "prompt": "Fruit?", "accepted": ["watermelon"]}
    session = QuizSession(bank([text]), store=store, learner="ada", course=[])
    with pytest.raises(ResponseError, match="Your answer is 12,345 characters long"):
        session.answer("w" * 12_345)
    assert not session.answered()
    assert store.attempts().empty
    assert session.answer("watermelon").correct is True


def test_answering_after_the_end_is_refused() -> None:
    session = QuizSession(single_bank(1), course=[])
    session.answer("b")
    assert session.next() is None
    assert session.next() is None
    assert session.finished
    with pytest.raises(SessionError, match="The quiz is finished"):
        session.answer("b")
    assert session.hint() is None
    assert session.presented() == []


def test_a_store_that_cannot_write_leaves_the_session_unchanged(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    session = QuizSession(
        single_bank(2), rng=random.Random(1), store=store, learner="ada", course=[]
    )
    store.close()
    with pytest.raises(StoreError, match="could not record the answer"):
        session.answer("a")
    assert not session.answered()
    assert session.points == 0
    assert session.streak == 0


def test_skipped_questions_leave_the_session_incomplete(store: ProgressStore) -> None:
    session = QuizSession(
        single_bank(3), rng=random.Random(1), store=store, learner="ada", course=[]
    )
    session.answer("b")
    session.next()
    session.next()  # skipped
    session.answer("b")
    session.next()
    assert session.finished
    summary = session.summary()
    assert (summary.answered, summary.total) == (2, 3)
    assert [r.answered for r in summary.results] == [True, False, True]
    assert store.completions("ada").empty
    assert session.new_badges == []


# -- recording, carried-over progress and badges ---------------------------------------------


def test_every_answer_is_recorded_with_the_clock_and_session(store: ProgressStore) -> None:
    clock = Clock(step=timedelta(minutes=1))
    session = QuizSession(
        single_bank(3), rng=random.Random(1), clock=clock, store=store, learner="ada", course=[]
    )
    asked = []
    while session.current is not None:
        asked.append(session.current.id)
        session.answer("b")
        # The completion is recorded with the last answer, before the learner moves on.
        session.next()
    frame = store.attempts("ada")
    assert frame["question_id"].tolist() == asked
    assert frame["answered_at"].tolist() == [
        pd.Timestamp(START + timedelta(minutes=n)) for n in range(3)
    ]
    assert set(frame["session_id"]) == {session.session_id}
    assert frame["mode"].unique().tolist() == ["practice"]
    completions = store.completions("ada")
    assert completions[["bank_id", "answered", "correct", "score", "points"]].values.tolist() == [
        ["01-demo", 3, 3, 1.0, 60]
    ]
    assert completions["finished_at"].tolist() == [pd.Timestamp(START + timedelta(minutes=2))]
    assert {b.box for b in store.boxes("ada")} == {2}


def test_streak_points_and_badges_carry_over_between_sessions(store: ProgressStore) -> None:
    one = QuizSession(single_bank(3), rng=random.Random(1), store=store, learner="ada", course=[])
    play(one, {"q1": "b", "q2": "b", "q3": "b"})
    assert [b.id for b in one.new_badges] == ["first-lesson", "perfect-score"]
    two = QuizSession(
        single_bank(3, bank_id="02-more"),
        rng=random.Random(2),
        store=store,
        learner="ada",
        course=[],
    )
    assert two.streak == 3
    assert two.total_points == 60
    assert two.points == 0
    play(two, {"q1": "b", "q2": "b", "q3": "b"})
    assert two.streak == 6
    assert two.total_points == 120
    assert two.level.name == "Apprentice"
    assert [b.id for b in two.new_badges] == ["five-in-a-row"]  # the others are held already
    assert [b.badge_id for b in store.badges("ada")] == [
        "first-lesson",
        "perfect-score",
        "five-in-a-row",
    ]
    other = QuizSession(single_bank(1), store=store, learner="bob", course=[])
    assert (other.streak, other.total_points) == (0, 0)


def test_finishing_every_lesson_finishes_the_course(store: ProgressStore) -> None:
    course = ["01-a", "02-b"]
    first = QuizSession(single_bank(1, bank_id="01-a"), store=store, learner="ada", course=course)
    play(first, {"q1": "a"})
    assert "course-finished" not in [b.id for b in first.new_badges]
    second = QuizSession(single_bank(1, bank_id="02-b"), store=store, learner="ada", course=course)
    play(second, {"q1": "a"})
    assert [b.id for b in second.new_badges] == ["course-finished"]


def test_without_a_store_badges_are_kept_for_the_session_only() -> None:
    session = QuizSession(single_bank(6), rng=random.Random(1), course=[])
    play(session, {f"q{n}": "b" for n in range(1, 7)})
    assert [b.id for b in session.new_badges] == ["five-in-a-row", "first-lesson", "perfect-score"]


def test_a_review_session_records_under_the_original_questions(store: ProgressStore) -> None:
    clock = Clock()
    lesson = single_bank(2, bank_id="01-demo")
    play(
        QuizSession(
            lesson, rng=random.Random(1), clock=clock, store=store, learner="ada", course=[]
        ),
        {"q1": "a", "q2": "b"},
    )
    clock.advance(days=3)
    items = store.due_reviews("ada", clock.now)
    assert [(i.question_id, i.box) for i in items] == [("q1", 1), ("q2", 2)]
    queue = review_bank(items, {"01-demo": lesson})
    assert queue.bank is not None
    session = QuizSession(
        queue.bank,
        rng=random.Random(1),
        clock=clock,
        store=store,
        learner="ada",
        origins=queue.origins,
    )
    assert session.review
    play(session, {"01-demo--q1": "b", "01-demo--q2": "b"})
    frame = store.attempts("ada")
    review = frame[frame["mode"] == "review"]
    assert sorted(review["question_id"]) == ["q1", "q2"]
    assert set(review["bank_id"]) == {"01-demo"}
    assert {(b.question_id, b.box) for b in store.boxes("ada")} == {("q1", 2), ("q2", 3)}
    assert store.due_reviews("ada", clock.now) == []
    assert [b.id for b in session.new_badges] == ["came-back", "reviewed-queue"]
    assert store.completed_banks("ada") == {"01-demo"}  # a review is not a lesson


def test_origins_must_cover_every_question() -> None:
    with pytest.raises(ValueError, match="origins has no entry for the questions q2"):
        QuizSession(single_bank(2), origins={"q1": ("01-demo", "q1")})


def test_default_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMLAB_LEARNER", "  grace ")
    assert default_learner() == "grace"
    monkeypatch.delenv("SMLAB_LEARNER")
    assert default_learner()  # the OS user name, or "learner"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 2), st.booleans()), min_size=1, max_size=6))
def test_session_and_store_always_agree(plan: list[tuple[bool, int, bool]]) -> None:
    """Whatever the answers, hints and retries: points, streak and score add up."""
    questions = [single(f"q{n}", hints=["One.", "Two."]) for n in range(len(plan))]
    with ProgressStore(":memory:") as memory:
        session = QuizSession(
            bank(questions), rng=random.Random(0), store=memory, learner="ada", course=[]
        )
        for right, hints, retry in plan:
            for _ in range(hints):
                session.hint()
            session.answer("b" if right else "a")
            if retry:
                session.answer("b")
            session.next()
        summary = session.summary()
        assert session.points == memory.total_points("ada") == summary.points
        assert 0 <= summary.points <= summary.max_points == 20 * len(plan)
        assert summary.correct == sum(right for right, _, _ in plan)
        assert summary.score == pytest.approx(summary.correct / len(plan))
        assert session.streak == memory.streak("ada")
        expected_streak = 0
        for right, _, _ in plan:
            expected_streak = expected_streak + 1 if right else 0
        assert session.streak == expected_streak
        assert len(memory.completions("ada")) == 1
        assert {b.badge_id for b in memory.badges("ada")} == {b.id for b in session.new_badges}


def test_a_reflection_closes_the_quiz_whatever_the_shuffle() -> None:
    questions = [single(f"q{n}") for n in range(5)]
    questions.insert(1, {"id": "next-step", "type": "reflection", "prompt": "What will you try?"})
    orders = set()
    for seed in range(20):
        session = QuizSession(bank(questions), rng=random.Random(seed))
        order = [question.id for question in session.questions]
        assert order[-1] == "next-step", order
        orders.add(tuple(order[:-1]))
    assert len(orders) > 1  # the other questions are still shuffled
