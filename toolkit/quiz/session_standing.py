"""Where a quiz session stands: its points, streak, level, badges, score and summary.

:class:`SessionStanding` is the read-outs half of :class:`~toolkit.quiz.session.QuizSession`
(its base class): everything here reads the answers the session recorded and changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toolkit.quiz.model import Grade, Question
from toolkit.quiz.scoring import Badge, Level, level_for
from toolkit.quiz.summary import QuestionResult, Summary

__all__ = ["Answer", "SessionStanding"]


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer as the session keeps it: what was given, its grade, points and hints."""

    response: Any
    grade: Grade
    points: int
    hints_used: int
    answered_at: datetime


class SessionStanding:
    """The read-outs of :class:`~toolkit.quiz.session.QuizSession` (its base class)."""

    _order: list[Question]
    _answers: dict[str, list[Answer]]
    _hints: dict[str, int]
    _session_points: int
    _points_before: int
    _streak: int
    _earned: list[Badge]

    def _graded(self, question: Question) -> bool:
        raise NotImplementedError  # pragma: no cover - the session defines it

    def _first_try_tally(self, extra: tuple[Question, Grade] | None = None) -> tuple[int, int]:
        """(graded questions right at the first try, graded questions), counting ``extra``."""
        right = 0
        graded_total = 0
        for asked in self._order:
            if not self._graded(asked):
                continue
            graded_total += 1
            answers = self._answers.get(asked.id)
            if answers:
                right += bool(answers[0].grade.correct)
            elif extra is not None and asked.id == extra[0].id:
                right += bool(extra[1].correct)
        return right, graded_total

    @property
    def points(self) -> int:
        """Points earned in this session."""
        return self._session_points

    @property
    def total_points(self) -> int:
        """Points accumulated over every session (the store's, plus this session's)."""
        return self._points_before + self._session_points

    @property
    def max_points(self) -> int:
        """The most this session can earn (graded questions, no hints)."""
        return sum(q.points for q in self._order if self._graded(q))

    @property
    def streak(self) -> int:
        """Right first answers in a row, carried over from earlier sessions."""
        return self._streak

    @property
    def level(self) -> Level:
        """The learner's level from :attr:`total_points`."""
        return level_for(self.total_points)

    @property
    def new_badges(self) -> list[Badge]:
        """Badges earned during this session, in the order earned."""
        return list(self._earned)

    def _score(self, extra: tuple[Question, Grade] | None = None) -> float:
        graded = [q for q in self._order if self._graded(q)]
        if not graded:
            answered = set(self._answers) | ({extra[0].id} if extra else set())
            return len(answered) / len(self._order)
        credit = 0.0
        for question in graded:
            answers = self._answers.get(question.id)
            if answers:
                credit += answers[0].grade.credit
            elif extra is not None and extra[0].id == question.id:
                credit += extra[1].credit
        return credit / len(graded)

    def summary(self) -> Summary:
        """Return where the session stands (complete once :attr:`finished`)."""
        results = []
        for question in self._order:
            answers = self._answers.get(question.id, [])
            results.append(
                QuestionResult(
                    question=question,
                    answered=bool(answers),
                    tries=len(answers),
                    response=answers[0].response if answers else None,
                    grade=answers[0].grade if answers else None,
                    last_grade=answers[-1].grade if answers else None,
                    points=sum(a.points for a in answers),
                    hints_used=self._hints.get(question.id, 0),
                )
            )
        right, _ = self._first_try_tally()
        return Summary(
            total=len(self._order),
            answered=sum(r.answered for r in results),
            correct=right,
            score=self._score(),
            points=self._session_points,
            max_points=self.max_points,
            streak=self._streak,
            level=self.level,
            badges=self.new_badges,
            results=results,
        )
