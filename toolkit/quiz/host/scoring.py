"""The rules of host mode's scoring: speed points, streak bonus and default time limits.

Pure functions of numbers, so that the rules are easy to read, test and explain to a room:
see :mod:`toolkit.quiz.host.session` for how a session applies them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_STREAK_STEPS",
    "SPEED_FLOOR",
    "STREAK_STEP",
    "round_half_up",
    "speed_factor",
    "streak_bonus_points",
]

#: The share of the points an answer at the time limit keeps under speed scoring.
SPEED_FLOOR: Final = 0.5
#: Streak bonus per right answer before this one in the streak, as a share of the points.
STREAK_STEP: Final = 0.1
#: The most steps a streak bonus counts (so the bonus is at most 50% of the points).
MAX_STREAK_STEPS: Final = 5
#: Default time limit (seconds) by question type, when neither the question nor the session
#: gives one.
DEFAULT_LIMITS: Final[Mapping[str, int]] = {
    "single": 20,
    "true_false": 20,
    "poll": 20,
    "multiple": 30,
    "numeric": 30,
    "text": 30,
    "ordering": 30,
    "matching": 30,
    "scenario": 30,
    "reflection": 120,
}


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves up (12.5 -> 13), as the points are.

    Examples
    --------
    >>> round_half_up(12.5), round_half_up(26.25)
    (13, 26)
    """
    return math.floor(value + 0.5 + 1e-9)


def speed_factor(seconds: float, limit: float) -> float:
    """Return the share of the points an answer after ``seconds`` of ``limit`` keeps.

    Examples
    --------
    >>> speed_factor(0, 20), speed_factor(10, 20), speed_factor(20, 20), speed_factor(99, 20)
    (1.0, 0.75, 0.5, 0.5)
    """
    share = min(max(seconds, 0.0), limit) / limit
    return 1.0 - (1.0 - SPEED_FLOOR) * share


def streak_bonus_points(worth: int, streak: int) -> int:
    """Return the bonus for a right answer that makes a streak of ``streak``.

    Examples
    --------
    >>> [streak_bonus_points(20, s) for s in (1, 2, 3, 6, 9)]
    [0, 2, 4, 10, 10]
    """
    steps = min(max(streak - 1, 0), MAX_STREAK_STEPS)
    return round_half_up(worth * STREAK_STEP * steps)
