"""Points, streaks, levels and badges: the game around the questions, with rules in plain words.

Personal progress comes first: points, levels, streaks and badges measure a learner against
their own past, never against other people.

Points
    A question is worth :data:`~toolkit.quiz.model.POINTS` by difficulty (easy 10, medium 20,
    hard 30; a poll 0). The *first* answer to a question in a session earns
    ``worth x credit`` (rounded half up), less :func:`hint_cost` (a quarter of its worth,
    rounded half up: 3, 5 or 8 points) for each hint seen before answering, never below 0.
    A retry earns nothing more: it is there to learn from the explanation, and the first
    answer is the honest measure. Hints seen after the first answer are free. A survey earns
    no points.
Streak
    Right first answers in a row, across sessions (the store remembers); a wrong or partly
    right first answer starts again from 0. Retries and ungraded answers (polls, surveys)
    leave the streak as it is.
Levels
    From the points accumulated over every session: see :data:`LEVELS`.
Badges
    Each badge is earned once, by the rule in its description: see :data:`BADGES`.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

__all__ = [
    "BADGES",
    "HINT_COST",
    "LEVELS",
    "Badge",
    "BadgeFacts",
    "Level",
    "badges_earned",
    "hint_cost",
    "level_for",
    "points_for",
]

#: Share of a question's worth each hint costs.
HINT_COST: Final = 0.25


@dataclass(frozen=True, slots=True)
class Level:
    """A level reached with accumulated points.

    Attributes
    ----------
    number : int
        1 for the first level.
    name : str
        Its name, e.g. ``"Apprentice"``.
    floor : int
        Points needed to reach it.
    next_at : int or None
        Points needed for the next level (``None`` at the top).
    """

    number: int
    name: str
    floor: int
    next_at: int | None

    def __str__(self) -> str:
        return f"Level {self.number}: {self.name}"


#: ``(points needed, name)`` of each level. One lesson's quiz is worth about 200-300 points,
#: so each lesson or two lifts a learner a level early on, and Master needs most of the
#: course plus the reviews that keep it fresh.
LEVELS: Final[tuple[tuple[int, str], ...]] = (
    (0, "Novice"),
    (100, "Apprentice"),
    (400, "Practitioner"),
    (1000, "Expert"),
    (2000, "Master"),
)


def level_for(points: int) -> Level:
    """Return the level reached with ``points`` accumulated points.

    Examples
    --------
    >>> level_for(0).name, level_for(99).name, level_for(100).name, level_for(5000).name
    ('Novice', 'Novice', 'Apprentice', 'Master')
    >>> level_for(150).next_at
    400
    """
    if points < 0:
        raise ValueError(f"points must be 0 or more, not {points!r}")
    number = max(i for i, (floor, _) in enumerate(LEVELS) if points >= floor)
    floor, name = LEVELS[number]
    next_at = LEVELS[number + 1][0] if number + 1 < len(LEVELS) else None
    return Level(number + 1, name, floor, next_at)


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5 + 1e-9)


def hint_cost(worth: int) -> int:
    """Return the points one hint costs on a question worth ``worth`` points.

    Examples
    --------
    >>> hint_cost(10), hint_cost(20), hint_cost(30)
    (3, 5, 8)
    """
    return _round_half_up(worth * HINT_COST)


def points_for(worth: int, *, credit: float, hints_used: int = 0, try_number: int = 1) -> int:
    """Return the points an answer earns.

    Parameters
    ----------
    worth : int
        What the question is worth (its ``points``: 10, 20, 30; 0 for a poll).
    credit : float
        The answer's credit, 0 to 1.
    hints_used : int, default 0
        Hints seen before answering.
    try_number : int, default 1
        1 for the first answer in the session; a retry (2 or more) earns nothing.

    Returns
    -------
    int
        ``round(worth * credit) - hints_used * hint_cost(worth)``, at least 0 (rounding
        half up).

    Raises
    ------
    ValueError
        If an argument is out of range.

    Examples
    --------
    >>> points_for(20, credit=1.0), points_for(20, credit=0.5)
    (20, 10)
    >>> points_for(20, credit=1.0, hints_used=1)
    15
    >>> points_for(10, credit=0.25, hints_used=2), points_for(30, credit=1, try_number=2)
    (0, 0)
    """
    if worth < 0:
        raise ValueError(f"worth must be 0 or more, not {worth!r}")
    if not 0 <= credit <= 1:
        raise ValueError(f"credit must be between 0 and 1, not {credit!r}")
    if hints_used < 0:
        raise ValueError(f"hints_used must be 0 or more, not {hints_used!r}")
    if try_number < 1:
        raise ValueError(f"try_number must be 1 or more, not {try_number!r}")
    if try_number > 1:
        return 0
    return max(0, _round_half_up(worth * credit) - hints_used * hint_cost(worth))


@dataclass(frozen=True, slots=True)
class Badge:
    """A badge: an icon and a name in words (never the icon alone), and the rule to earn it."""

    id: str
    name: str
    description: str
    icon: str

    def __str__(self) -> str:
        return f"{self.icon} {self.name}"


#: Every badge, by id, with the rule that earns it.
BADGES: Final[dict[str, Badge]] = {
    badge.id: badge
    for badge in (
        Badge(
            "first-lesson",
            "First lesson done",
            "Answered every question of a lesson's quiz for the first time.",
            "🎓",
        ),
        Badge(
            "perfect-score",
            "Perfect score",
            "Finished a lesson's quiz with every graded question right at the first try.",
            "💯",
        ),
        Badge(
            "five-in-a-row",
            "Five in a row",
            "Gave five right first answers in a row (the streak carries over between sessions).",
            "🔥",
        ),
        Badge(
            "came-back",
            "Came back",
            "Got a question right that you had got wrong in an earlier session: mistakes are "
            "how we learn.",
            "🔁",
        ),
        Badge(
            "reviewed-queue",
            "Reviewed the due queue",
            "Answered every question that was due in a review session.",
            "🗂️",
        ),
        Badge(
            "course-finished",
            "Finished the course",
            "Finished the quiz of every lesson in the course.",
            "🏆",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class BadgeFacts:
    """What is known right after an answer, from which the badges follow.

    Attributes
    ----------
    correct : bool or None
        Whether this answer is right (``None``: ungraded).
    was_wrong_before : bool
        Whether the learner had answered this question wrong (or only partly right) in an
        earlier session (a retry in the same session does not count).
    streak : int
        The streak after this answer.
    finished : bool
        Whether this answer completed the session (every question answered).
    review : bool
        Whether the session is a review of the due queue.
    survey : bool
        Whether the session is a survey (nothing graded).
    graded : int
        Graded questions in the session.
    right_first_time : int
        Of those, how many were right at the first try (after this answer).
    completed : frozenset of str
        Lesson banks the learner has finished (including this one if just finished).
    course : frozenset of str
        The lesson banks that make up the course.
    """

    correct: bool | None
    was_wrong_before: bool = False
    streak: int = 0
    finished: bool = False
    review: bool = False
    survey: bool = False
    graded: int = 0
    right_first_time: int = 0
    completed: frozenset[str] = frozenset()
    course: frozenset[str] = frozenset()


def badges_earned(facts: BadgeFacts, held: Collection[str] = ()) -> list[str]:
    """Return the ids of the badges whose rule ``facts`` meet, leaving out those ``held``.

    Examples
    --------
    >>> badges_earned(BadgeFacts(correct=True, streak=5))
    ['five-in-a-row']
    >>> badges_earned(BadgeFacts(correct=True, was_wrong_before=True, streak=1))
    ['came-back']
    """
    earned: list[str] = []
    lesson_done = facts.finished and not facts.review
    if lesson_done:
        earned.append("first-lesson")
    if (
        lesson_done
        and not facts.survey
        and facts.graded > 0
        and facts.right_first_time == facts.graded
    ):
        earned.append("perfect-score")
    if facts.streak >= 5:
        earned.append("five-in-a-row")
    if facts.correct is True and facts.was_wrong_before:
        earned.append("came-back")
    if facts.review and facts.finished:
        earned.append("reviewed-queue")
    if lesson_done and facts.course and facts.course <= facts.completed:
        earned.append("course-finished")
    return [badge for badge in earned if badge not in held]
