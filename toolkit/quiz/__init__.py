"""The quiz engine: question banks, grading, sessions, progress and widgets.

``load_bank(path)`` reads a YAML bank (see ``quizzes/FORMAT.md``) into a validated
``Bank``; ``grade(question, response)`` scores one answer; ``QuizWidget(session)`` shows a
session in a notebook and ``checkpoint(lesson)`` is the one-line quiz at the end of a lesson.
"""

from toolkit.quiz.checkpoint import checkpoint
from toolkit.quiz.dashboard import ProgressDashboard
from toolkit.quiz.grading import grade
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
from toolkit.quiz.review_widget import review_widget
from toolkit.quiz.scoring import BADGES, Badge, Level, level_for
from toolkit.quiz.session import QuizSession, SessionError, Summary
from toolkit.quiz.store import (
    ProgressStore,
    StoreError,
    StoreRecoveredWarning,
    default_store_path,
)
from toolkit.quiz.validate import validate_paths
from toolkit.quiz.widgets import QuizWidget

__all__ = [
    "BADGES",
    "POINTS",
    "Badge",
    "Bank",
    "BankError",
    "Grade",
    "Level",
    "Problem",
    "ProgressDashboard",
    "ProgressStore",
    "Question",
    "QuizSession",
    "QuizWidget",
    "ResponseError",
    "SessionError",
    "StoreError",
    "StoreRecoveredWarning",
    "Summary",
    "checkpoint",
    "default_store_path",
    "grade",
    "level_for",
    "load_bank",
    "review_widget",
    "validate_paths",
]
