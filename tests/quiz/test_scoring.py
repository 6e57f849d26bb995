"""Points, hint costs, levels and badge rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.quiz.model import POINTS
from toolkit.quiz.scoring import (
    BADGES,
    HINT_COST,
    LEVELS,
    BadgeFacts,
    badges_earned,
    hint_cost,
    level_for,
    points_for,
)


def test_points_follow_difficulty_credit_and_hints() -> None:
    assert POINTS == {"easy": 10, "medium": 20, "hard": 30}
    assert HINT_COST == 0.25
    assert [points_for(w, credit=1.0) for w in POINTS.values()] == [10, 20, 30]
    assert points_for(20, credit=0.5) == 10
    assert points_for(30, credit=0.25) == 8  # 7.5 rounds half up
    assert [hint_cost(w) for w in (10, 20, 30)] == [3, 5, 8]
    assert points_for(20, credit=1.0, hints_used=1) == 15
    assert points_for(30, credit=1.0, hints_used=2) == 14
    assert points_for(10, credit=1.0, hints_used=4) == 0  # never below zero
    assert points_for(20, credit=0.0, hints_used=1) == 0
    assert points_for(0, credit=1.0) == 0  # a poll


def test_a_retry_earns_nothing() -> None:
    assert points_for(30, credit=1.0, try_number=2) == 0
    assert points_for(30, credit=1.0, try_number=5) == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"worth": -1, "credit": 1.0}, "worth must be 0 or more"),
        ({"worth": 10, "credit": 1.5}, "credit must be between 0 and 1"),
        ({"worth": 10, "credit": 1.0, "hints_used": -1}, "hints_used must be 0 or more"),
        ({"worth": 10, "credit": 1.0, "try_number": 0}, "try_number must be 1 or more"),
    ],
)
def test_impossible_points_arguments(arguments: dict[str, float], message: str) -> None:
    worth = int(arguments.pop("worth"))
    with pytest.raises(ValueError, match=message):
        points_for(worth, **arguments)  # type: ignore[arg-type]


@given(
    st.sampled_from([0, 10, 20, 30]),
    st.floats(0, 1),
    st.integers(0, 10),
)
def test_points_are_never_negative_nor_above_the_worth(
    worth: int, credit: float, hints: int
) -> None:
    points = points_for(worth, credit=credit, hints_used=hints)
    assert 0 <= points <= worth
    assert points_for(worth, credit=credit, hints_used=hints + 1) <= points


def test_levels_have_names_and_thresholds() -> None:
    assert [name for _, name in LEVELS] == [
        "Novice",
        "Apprentice",
        "Practitioner",
        "Expert",
        "Master",
    ]
    assert [level_for(p).name for p in (0, 99, 100, 399, 400, 999, 1000, 1999, 2000, 10**6)] == [
        "Novice",
        "Novice",
        "Apprentice",
        "Apprentice",
        "Practitioner",
        "Practitioner",
        "Expert",
        "Expert",
        "Master",
        "Master",
    ]
    apprentice = level_for(250)
    assert (apprentice.number, apprentice.floor, apprentice.next_at) == (2, 100, 400)
    assert str(apprentice) == "Level 2: Apprentice"
    assert level_for(2500).next_at is None
    with pytest.raises(ValueError, match="points must be 0 or more"):
        level_for(-5)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_more_points_never_lower_the_level(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert level_for(low).number <= level_for(high).number


def test_every_badge_has_a_name_in_words_and_an_icon() -> None:
    assert set(BADGES) == {
        "first-lesson",
        "perfect-score",
        "five-in-a-row",
        "came-back",
        "reviewed-queue",
        "course-finished",
    }
    for badge_id, badge in BADGES.items():
        assert badge.id == badge_id
        assert badge.name
        assert badge.description
        assert badge.icon
        assert str(badge) == f"{badge.icon} {badge.name}"


def test_badge_rules() -> None:
    assert badges_earned(BadgeFacts(correct=True, streak=4)) == []
    assert badges_earned(BadgeFacts(correct=True, streak=5)) == ["five-in-a-row"]
    assert badges_earned(BadgeFacts(correct=True, streak=9), held={"five-in-a-row"}) == []
    assert badges_earned(BadgeFacts(correct=True, was_wrong_before=True)) == ["came-back"]
    assert badges_earned(BadgeFacts(correct=False, was_wrong_before=True)) == []
    finished = BadgeFacts(correct=True, finished=True, graded=3, right_first_time=3)
    assert badges_earned(finished) == ["first-lesson", "perfect-score"]
    assert badges_earned(BadgeFacts(correct=True, finished=True, graded=3, right_first_time=2)) == [
        "first-lesson"
    ]
    survey = BadgeFacts(correct=None, finished=True, survey=True, graded=0)
    assert badges_earned(survey) == ["first-lesson"]
    review = BadgeFacts(correct=True, finished=True, review=True, graded=2, right_first_time=2)
    assert badges_earned(review) == ["reviewed-queue"]
    course = frozenset({"01", "02"})
    last = BadgeFacts(correct=False, finished=True, graded=2, completed=course, course=course)
    assert badges_earned(last) == ["first-lesson", "course-finished"]
    not_yet = BadgeFacts(correct=True, finished=True, completed=frozenset({"01"}), course=course)
    assert "course-finished" not in badges_earned(not_yet)
    assert "course-finished" not in badges_earned(BadgeFacts(correct=True, finished=True))
