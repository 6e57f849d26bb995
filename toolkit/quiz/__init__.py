"""The quiz engine: question banks, grading, sessions, progress and widgets.

``load_bank(path)`` reads a YAML bank (see ``quizzes/FORMAT.md``) into a validated
``Bank``; ``grade(question, response)`` scores one answer; ``QuizWidget(session)`` shows a
session in a notebook and ``checkpoint(lesson)`` is the one-line quiz at the end of a lesson.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:
    from toolkit.quiz.cohort import CohortReport, cohort_report
    from toolkit.quiz.course_bank import challenge_plan, course_challenge
    from toolkit.quiz.formats import read_bank, read_bank_with_warnings, write_bank
    from toolkit.quiz.grading import grade
    from toolkit.quiz.host.results import Distribution, Standing, TeamResult, read_results
    from toolkit.quiz.host.session import HostError, HostSession
    from toolkit.quiz.loader import load_bank
    from toolkit.quiz.model import (
        POINTS,
        Bank,
        BankError,
        Grade,
        Problem,
        Question,
        ResponseError,
    )
    from toolkit.quiz.scoring import BADGES, Badge, Level, level_for
    from toolkit.quiz.session import QuizSession, SessionError, Summary
    from toolkit.quiz.store import (
        ProgressStore,
        StoreError,
        StoreRecoveredWarning,
        default_store_path,
    )
    from toolkit.quiz.validate import validate_paths
    from toolkit.widgets.dashboard import ProgressDashboard
    from toolkit.widgets.host import HostWidget
    from toolkit.widgets.lesson_checkpoint import checkpoint
    from toolkit.widgets.quiz import QuizWidget
    from toolkit.widgets.review_queue import review_widget

__getattr__, __dir__, _exports = attach(__name__, __file__)
__all__ = [
    "BADGES",
    "POINTS",
    "Badge",
    "Bank",
    "BankError",
    "CohortReport",
    "Distribution",
    "Grade",
    "HostError",
    "HostSession",
    "HostWidget",
    "Level",
    "Problem",
    "ProgressDashboard",
    "ProgressStore",
    "Question",
    "QuizSession",
    "QuizWidget",
    "ResponseError",
    "SessionError",
    "Standing",
    "StoreError",
    "StoreRecoveredWarning",
    "Summary",
    "TeamResult",
    "challenge_plan",
    "checkpoint",
    "cohort_report",
    "course_challenge",
    "default_store_path",
    "grade",
    "level_for",
    "load_bank",
    "read_bank",
    "read_bank_with_warnings",
    "read_results",
    "review_widget",
    "validate_paths",
    "write_bank",
]
