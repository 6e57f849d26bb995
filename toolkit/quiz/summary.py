"""How a quiz session went: each question's result, and where the session stands.

:meth:`toolkit.quiz.session.QuizSession.summary` returns a :class:`Summary`, with one
:class:`QuestionResult` per question in the order asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toolkit.quiz.model import Grade, Question
from toolkit.quiz.scoring import Badge, Level

__all__ = ["QuestionResult", "Summary"]


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """How one question went.

    Attributes
    ----------
    question : Question
        The question.
    answered : bool
        Whether it was answered at all.
    tries : int
        How many answers were given (retries included).
    response : object
        The first response (``None`` if unanswered).
    grade : Grade or None
        The grade of the first answer, the one that scores.
    last_grade : Grade or None
        The grade of the last answer (the same as ``grade`` without retries).
    points : int
        Points earned.
    hints_used : int
        Hints seen on this question.
    """

    question: Question
    answered: bool
    tries: int
    response: Any
    grade: Grade | None
    last_grade: Grade | None
    points: int
    hints_used: int

    @property
    def question_id(self) -> str:
        """The question's id."""
        return self.question.id


@dataclass(frozen=True, slots=True)
class Summary:
    """Where a session stands, or how it ended.

    Attributes
    ----------
    total, answered, correct : int
        Questions in the session, answered, and right at the first try.
    score : float
        Credit of first answers over the graded questions, 0 to 1 (a session with nothing
        graded scores the share of questions answered).
    points, max_points : int
        Points earned in this session, and the most it could earn.
    streak : int
        The learner's streak now.
    level : Level
        The learner's level from all accumulated points.
    badges : list of Badge
        Badges earned during this session.
    results : list of QuestionResult
        One per question, in the order asked.
    """

    total: int
    answered: int
    correct: int
    score: float
    points: int
    max_points: int
    streak: int
    level: Level
    badges: list[Badge] = field(default_factory=list)
    results: list[QuestionResult] = field(default_factory=list)
