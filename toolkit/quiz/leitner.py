"""The Leitner schedule: which box a question moves to, and when it is due again.

Every graded question a learner has answered sits in one of five boxes. A wrong (or partly
right) first answer puts it in box 1; a right one moves it up a box, to box 5 at most. A
question in box ``n`` is due again :data:`INTERVAL_DAYS` ``[n - 1]`` days (1, 2, 4, 8, 16)
after it was answered, so what is known well comes back rarely and what is shaky comes back
tomorrow. A question in box :data:`MASTERED_BOX` or above counts as mastered.

These rules are pure: the store applies them when it records an answer, and the review queue
(:mod:`toolkit.quiz.review`) reads the boxes back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

__all__ = ["INTERVAL_DAYS", "MASTERED_BOX", "MAX_BOX", "interval", "next_box", "next_due"]

#: The highest box.
MAX_BOX: Final = 5
#: Days until a question in box 1, 2, 3, 4, 5 is due again.
INTERVAL_DAYS: Final = (1, 2, 4, 8, 16)
#: A question in this box or higher counts as mastered.
MASTERED_BOX: Final = 4


def next_box(box: int | None, correct: bool) -> int:
    """Return the box a question moves to after an answer.

    Parameters
    ----------
    box : int or None
        The box it is in (1 to 5), or ``None`` for a question never answered before (it
        starts in box 1).
    correct : bool
        Whether the answer was right.

    Returns
    -------
    int
        1 after a wrong answer; the next box (at most 5) after a right one.

    Raises
    ------
    ValueError
        If ``box`` is not between 1 and 5.

    Examples
    --------
    >>> next_box(None, True), next_box(3, True), next_box(5, True), next_box(4, False)
    (2, 4, 5, 1)
    """
    if box is not None and not 1 <= box <= MAX_BOX:
        raise ValueError(f"box must be between 1 and {MAX_BOX}, not {box!r}")
    if not correct:
        return 1
    return min((box or 1) + 1, MAX_BOX)


def interval(box: int) -> timedelta:
    """Return how long a question in ``box`` waits before it is due again.

    Examples
    --------
    >>> [interval(box).days for box in range(1, 6)]
    [1, 2, 4, 8, 16]
    """
    if not 1 <= box <= MAX_BOX:
        raise ValueError(f"box must be between 1 and {MAX_BOX}, not {box!r}")
    return timedelta(days=INTERVAL_DAYS[box - 1])


def next_due(box: int, answered_at: datetime) -> datetime:
    """Return when a question put in ``box`` at ``answered_at`` is due (in UTC).

    A naive ``answered_at`` is taken as UTC.

    Examples
    --------
    >>> next_due(3, datetime(2026, 1, 1, 9, 0, tzinfo=UTC)).isoformat()
    '2026-01-05T09:00:00+00:00'
    """
    moment = answered_at if answered_at.tzinfo else answered_at.replace(tzinfo=UTC)
    return moment.astimezone(UTC) + interval(box)
