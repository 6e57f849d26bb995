"""The cohort view's computations against a small cohort worked out by hand.

Facility and discrimination follow Moodle's quiz statistics (calculator.php): facility = mean
mark / max mark x 100; discrimination = 100 x the correlation between the question's mark and
the rest of the attempt's total, blank when either has no variance.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from toolkit.quiz.cohort import (
    cohort_progress,
    cohort_report,
    first_attempts,
    item_analysis,
    option_picks,
    weekly_scores,
)
from toolkit.quiz.store import AttemptRecord, Completion, ProgressStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday

# Marks on the first attempt (session) of bank "b": q4 everyone right, q5 everyone wrong.
MARKS = {
    "ana": {"q1": 1, "q2": 1, "q3": 0, "q4": 1, "q5": 0},
    "ben": {"q1": 1, "q2": 0, "q3": 1, "q4": 1, "q5": 0},
    "cat": {"q1": 0, "q2": 0, "q3": 1, "q4": 1, "q5": 0},
    "dan": {"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 0},
}
PICKS = {"ana": "a", "ben": "a", "cat": "c", "dan": "a"}  # q1: right is "a"


def record(store: ProgressStore, learner: str, question: str, mark: float, **kw: object) -> None:
    values: dict[str, object] = {
        "learner": learner,
        "bank_id": "b",
        "question_id": question,
        "response": PICKS[learner] if question == "q1" else ["x", "y"],
        "credit": float(mark),
        "correct": bool(mark),
        "points": 10 * int(mark),
        "answered_at": T0,
        "session_id": f"{learner}-1",
    }
    values.update(kw)
    store.record_attempt(AttemptRecord(**values))  # type: ignore[arg-type]


@pytest.fixture
def store() -> ProgressStore:
    store = ProgressStore(":memory:")
    for learner, marks in MARKS.items():
        for question, mark in marks.items():
            record(store, learner, question, mark)
    # None of these count: a later session, a retry, a review, a survey.
    for question in MARKS["ana"]:
        record(store, "ana", question, 0, session_id="ana-2", answered_at=T0 + timedelta(days=8))
    record(store, "cat", "q1", 1, try_number=2)
    record(store, "cat", "q2", 1, mode="review", session_id="r")
    record(store, "cat", "q3", 0, mode="survey", correct=None, session_id="s")
    store.record_completion(Completion("ana", "b", "ana-1", "practice", 5, 5, 3, 0.6, 30, 50, T0))
    return store


def test_facility_and_discrimination_match_the_hand_computation(store: ProgressStore) -> None:
    items = item_analysis(store.attempts()).set_index("question_id")
    assert items["attempts"].tolist() == [4, 4, 4, 4, 4]
    assert items["facility"].tolist() == pytest.approx([75, 50, 75, 100, 0])
    # q1: marks 1,1,0,1, rest of total 1,1,1,2: r = 0.25 / 0.75 = 1/3.
    assert items.loc["q1", "discrimination"] == pytest.approx(100 / 3)
    # q2: marks 1,0,0,1, rest 1,2,1,2: no covariance.
    assert items.loc["q2", "discrimination"] == pytest.approx(0, abs=1e-9)
    # q3: marks 0,1,1,1, rest 2,1,0,2: r = -0.75 / sqrt(0.75 * 2.75).
    assert items.loc["q3", "discrimination"] == pytest.approx(-100 * 0.75 / math.sqrt(0.75 * 2.75))
    # No variance in the mark: blank, as Moodle leaves it.
    assert math.isnan(items.loc["q4", "discrimination"])
    assert math.isnan(items.loc["q5", "discrimination"])
    # sd of the mark share (sample), x 100: q1 has 3 of 4 right.
    assert items.loc["q1", "sd"] == pytest.approx(100 * math.sqrt(0.75 / 3))


def test_discrimination_is_the_correlation_with_the_rest_of_the_attempt(
    store: ProgressStore,
) -> None:
    items = item_analysis(store.attempts()).set_index("question_id")
    frame = pd.DataFrame(MARKS).T
    for question in ("q1", "q2", "q3"):
        rest = frame.drop(columns=question).sum(axis=1)
        expected = 100 * np.corrcoef(frame[question], rest)[0, 1]
        assert items.loc[question, "discrimination"] == pytest.approx(expected, abs=1e-9)


def test_flags_name_the_questions_to_mend(store: ProgressStore) -> None:
    flags = item_analysis(store.attempts()).set_index("question_id")["flags"].to_dict()
    assert flags == {
        "q1": "",
        "q2": "strongest miss it",
        "q3": "strongest miss it",
        "q4": "too easy",
        "q5": "too hard",
    }


def test_only_each_learners_first_attempt_and_first_tries_count(store: ProgressStore) -> None:
    kept = first_attempts(store.attempts())
    assert sorted(set(kept["session_id"])) == ["ana-1", "ben-1", "cat-1", "dan-1"]
    assert (kept["try"] == 1).all()
    assert len(kept) == 20


def test_option_picks(store: ProgressStore) -> None:
    picks = option_picks(store.attempts())
    q1 = picks[picks["question_id"] == "q1"]
    assert q1[["option", "picks", "share"]].values.tolist() == [["a", 3, 0.75], ["c", 1, 0.25]]
    q2 = picks[picks["question_id"] == "q2"]  # a multiple-response answer counts each option
    assert q2[["option", "picks"]].values.tolist() == [["x", 4], ["y", 4]]


def test_progress_per_learner_per_lesson(store: ProgressStore) -> None:
    due = pd.DataFrame({"learner": ["ben", "ben"], "bank_id": ["b", "b"], "due": [1, 1]})
    frame = cohort_progress(store.attempts(), store.completions(), due, lessons=["b", "other"])
    table = frame.set_index(["learner", "lesson"])
    assert table.loc[("ana", "b"), "status"] == "done"
    assert table.loc[("ben", "b"), "status"] == "in progress"
    assert table.loc[("ana", "other"), "status"] == "not started"
    assert table.loc[("ana", "b"), "points"] == 30  # the later all-wrong session adds nothing
    assert table.loc[("ben", "b"), "reviews_due"] == 2
    assert table.loc[("ben", "other"), "points"] == 0
    assert len(frame) == 8


def test_weekly_scores_and_the_report(store: ProgressStore) -> None:
    weekly = weekly_scores(store.attempts())
    assert weekly["week"].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09")]
    assert weekly["answers"].tolist() == [20, 5]  # retries, reviews and surveys left out
    assert weekly["score"].iloc[1] == 0
    report = cohort_report(store, lessons=["b"], now=T0 + timedelta(days=30))
    assert report.learners == ["ana", "ben", "cat", "dan"]
    assert report.chart is not None
    assert len(report.chart) == 2
    assert report.progress["reviews_due"].sum() > 0


def test_a_frame_without_the_columns_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no column 'credit'.*the store's attempts frame"):
        item_analysis(pd.DataFrame({"bank_id": [], "question_id": []}))
