"""What the progress store keeps, whatever the back end: the records, their columns, the errors.

Plain frozen data: an :class:`AttemptRecord` is one answer, a :class:`Completion` one finished
session, a :class:`BoxState` where a question stands in the Leitner boxes and an
:class:`EarnedBadge` a badge held; :func:`check_attempt` refuses an impossible answer. A store
that cannot be used raises :class:`StoreError` (:class:`StoreWriteError` when it could not
write: what was not saved, where and why, for the widget to say); one that was damaged and
replaced says so with a :class:`StoreRecoveredWarning`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from toolkit.safety.files import NotSavedError

__all__ = [
    "ATTEMPT_COLUMNS",
    "COMPLETION_COLUMNS",
    "MODES",
    "AttemptRecord",
    "BoxState",
    "Completion",
    "EarnedBadge",
    "StoreError",
    "StoreRecoveredWarning",
    "StoreWriteError",
    "check_attempt",
]

#: The modes an attempt may be recorded in.
MODES: Final = ("practice", "exam", "survey", "review", "room")


class StoreError(RuntimeError):
    """The progress store cannot be used; the message names the file and what was found."""

    def __init__(self, message: str, *, path: Path | None = None, moved_to: Path | None = None):
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to


class StoreWriteError(StoreError, NotSavedError):
    """The store could not write: a :class:`StoreError` that is also a ``NotSavedError``.

    ``what`` is what was not saved ("your answer"), ``path`` the store's file (None for a
    database server, named by ``where``) and ``reason`` the cause in plain words.
    """

    def __init__(
        self, message: str, *, what: str, path: Path | None, where: str, reason: str
    ) -> None:
        NotSavedError.__init__(self, what, path, reason, where=where, message=message)
        self.moved_to = None


class StoreRecoveredWarning(UserWarning):
    """A damaged store was moved aside and a fresh one created in its place."""


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One answer, as the store keeps it.

    Attributes
    ----------
    learner, bank_id, question_id : str
        Who answered which question of which bank.
    response : object
        The response as plain Python data (kept as JSON).
    credit : float
        Share of the credit, 0 to 1.
    correct : bool or None
        ``None`` when nothing was graded (a poll, a survey).
    points : int
        Points earned by this answer (0 or more).
    hints_used : int
        Hints the learner had seen on this question when answering.
    mode : str
        ``"practice"``, ``"exam"``, ``"survey"``, ``"review"`` or ``"room"`` (a live room).
    answered_at : datetime
        When (a naive datetime is taken as UTC).
    session_id : str or None
        The session the answer belongs to.
    try_number : int
        1 for the first answer to the question in its session, 2 for the first retry, ...
    """

    learner: str
    bank_id: str
    question_id: str
    response: Any
    credit: float
    correct: bool | None
    points: int
    answered_at: datetime
    hints_used: int = 0
    mode: str = "practice"
    session_id: str | None = None
    try_number: int = 1

    @property
    def moves_box(self) -> bool:
        """Whether this answer moves the question's Leitner box.

        Only a graded first answer does: a retry right after reading the explanation proves
        little, and an ungraded answer (poll, survey) proves nothing.
        """
        return self.correct is not None and self.try_number == 1 and self.mode != "survey"


def check_attempt(attempt: AttemptRecord) -> None:
    """Raise ``ValueError`` if ``attempt`` is impossible, before any back end writes it."""
    if not attempt.learner or not attempt.learner.strip():
        raise ValueError("learner must be a non-empty name")
    if not attempt.bank_id or not attempt.question_id:
        raise ValueError("bank_id and question_id must be non-empty")
    if not (math.isfinite(attempt.credit) and 0 <= attempt.credit <= 1):
        raise ValueError(f"credit must be between 0 and 1, not {attempt.credit!r}")
    if attempt.points < 0:
        raise ValueError(f"points must be 0 or more, not {attempt.points!r}")
    if attempt.hints_used < 0:
        raise ValueError(f"hints_used must be 0 or more, not {attempt.hints_used!r}")
    if attempt.try_number < 1:
        raise ValueError(f"try_number must be 1 or more, not {attempt.try_number!r}")
    if attempt.mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {attempt.mode!r}")
    try:
        json.dumps(attempt.response, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the response must be plain JSON data: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Completion:
    """A finished session of one bank: every question answered."""

    learner: str
    bank_id: str
    session_id: str
    mode: str
    total: int
    answered: int
    correct: int
    score: float
    points: int
    max_points: int
    finished_at: datetime


@dataclass(frozen=True, slots=True)
class BoxState:
    """Where a question stands in a learner's Leitner boxes."""

    bank_id: str
    question_id: str
    box: int
    due_at: datetime


@dataclass(frozen=True, slots=True)
class EarnedBadge:
    """A badge a learner holds, and when it was earned."""

    badge_id: str
    earned_at: datetime


#: Columns of :meth:`ProgressStore.attempts`, in order, with their dtypes.
ATTEMPT_COLUMNS: Final[dict[str, str]] = {
    "id": "int64",
    "learner": "string",
    "bank_id": "string",
    "question_id": "string",
    "response": "object",
    "credit": "float64",
    "correct": "boolean",
    "points": "int64",
    "hints_used": "int64",
    "mode": "string",
    "answered_at": "datetime64[us, UTC]",
    "session_id": "string",
    "try": "int64",
}

#: Columns of :meth:`ProgressStore.completions`, in order, with their dtypes.
COMPLETION_COLUMNS: Final[dict[str, str]] = {
    "learner": "string",
    "bank_id": "string",
    "session_id": "string",
    "mode": "string",
    "total": "int64",
    "answered": "int64",
    "correct": "int64",
    "score": "float64",
    "points": "int64",
    "max_points": "int64",
    "finished_at": "datetime64[us, UTC]",
}
