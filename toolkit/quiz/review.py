"""The review queue: Leitner boxes that bring back what a learner is about to forget.

The boxes follow the Leitner schedule in :mod:`toolkit.quiz.leitner` and live in the
:class:`~toolkit.quiz.store.ProgressStore`, which moves them in the same transaction that
records the answer; :func:`due` lists what is due across all lessons and
:func:`review_bank` turns that into one bank a :class:`~toolkit.quiz.session.QuizSession` can
serve.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from toolkit.quiz.leitner import INTERVAL_DAYS, MASTERED_BOX, MAX_BOX, interval, next_box, next_due
from toolkit.quiz.model import Bank, BankError, Problem
from toolkit.quiz.session import QuizSession

if TYPE_CHECKING:
    from toolkit.quiz.store import BoxState, ProgressStore

__all__ = [
    "INTERVAL_DAYS",
    "MASTERED_BOX",
    "MAX_BOX",
    "REVIEW_BANK_ID",
    "ReviewQueue",
    "due",
    "interval",
    "load_course",
    "next_box",
    "next_due",
    "review_bank",
    "review_session",
]

#: The id of the bank :func:`review_bank` builds.
REVIEW_BANK_ID: Final = "review"
#: Joins a bank id and a question id into the id of a question in the review bank.
_JOIN: Final = "--"


def due(store: ProgressStore, learner: str, now: datetime) -> list[BoxState]:
    """Return the learner's questions due for review at ``now``, across all lessons.

    Parameters
    ----------
    store : ProgressStore
        Where the boxes are kept.
    learner : str
        Whose queue.
    now : datetime
        The moment to compare due dates with (a naive datetime is taken as UTC).

    Returns
    -------
    list of BoxState
        Most overdue first.
    """
    return store.due_reviews(learner, now)


def load_course(folder: str | Path | None = None) -> tuple[dict[str, Bank], list[Problem]]:
    """Load every bank of the course, keeping going past a broken one.

    Parameters
    ----------
    folder : str or pathlib.Path, optional
        The folder of ``*.yaml`` banks; default the shipped ``quizzes/``.

    Returns
    -------
    banks : dict of str to Bank
        The banks that load, by bank id, in file-name order.
    problems : list of Problem
        What is wrong with the banks that do not.
    """
    from toolkit.paths import quizzes_dir
    from toolkit.quiz.loader import load_bank

    directory = Path(folder) if folder is not None else quizzes_dir()
    banks: dict[str, Bank] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            bank = load_bank(path)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        banks[bank.id] = bank
    return banks, problems


@dataclass(frozen=True)
class ReviewQueue:
    """What is due, as one bank a session can serve.

    Attributes
    ----------
    bank : Bank or None
        The due questions (ids ``<bank id>--<question id>``), most overdue first; ``None``
        when nothing that still exists is due.
    origins : dict of str to (str, str)
        For each question of ``bank``, the bank id and question id it came from (the session
        records answers, and moves boxes, under those).
    missing : list of BoxState
        Due entries whose bank or question no longer exists (skipped).
    """

    bank: Bank | None
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)
    missing: list[BoxState] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.origins)


def review_bank(items: Sequence[BoxState], banks: Mapping[str, Bank]) -> ReviewQueue:
    """Gather the due questions of several banks into one review bank.

    Parameters
    ----------
    items : sequence of BoxState
        What is due (from :func:`due`), in the order to serve it.
    banks : mapping of str to Bank
        The course's banks by id (from :func:`load_course`).

    Returns
    -------
    ReviewQueue
        The bank, where each question came from, and the entries that could not be found.
    """
    questions = []
    origins: dict[str, tuple[str, str]] = {}
    missing: list[BoxState] = []
    for item in items:
        bank = banks.get(item.bank_id)
        try:
            if bank is None:
                raise KeyError(item.bank_id)
            question = bank.question(item.question_id)
        except KeyError:
            missing.append(item)
            continue
        review_id = f"{item.bank_id}{_JOIN}{item.question_id}"
        if review_id in origins:
            continue
        origins[review_id] = (item.bank_id, item.question_id)
        questions.append(question.model_copy(update={"id": review_id}))
    if not questions:
        return ReviewQueue(None, {}, missing)
    count = len(questions)
    bank = Bank(
        id=REVIEW_BANK_ID,
        title="Review: what is due today",
        lesson=REVIEW_BANK_ID,
        description=(
            f"{count} question{'s' if count != 1 else ''} from your lessons, due again so "
            "that you keep what you learned."
        ),
        questions=tuple(questions),
    )
    return ReviewQueue(bank, origins, missing)


def review_session(
    store: ProgressStore,
    learner: str,
    *,
    banks: Mapping[str, Bank],
    now: datetime,
    rng: random.Random | None = None,
    clock: Callable[[], datetime] | None = None,
) -> tuple[QuizSession | None, list[str]]:
    """Return a practice session over the learner's due questions, and notes for the learner.

    Parameters
    ----------
    store : ProgressStore
        Where the boxes are kept and the answers go.
    learner : str
        Whose queue.
    banks : mapping of str to Bank
        The course's banks by id.
    now : datetime
        The moment that decides what is due.
    rng, clock
        As for :class:`~toolkit.quiz.session.QuizSession`.

    Returns
    -------
    session : QuizSession or None
        ``None`` when nothing is due.
    notes : list of str
        What the learner should know: nothing due (and when the next review is), or due
        questions that no longer exist in the course.
    """
    queue = review_bank(due(store, learner, now), banks)
    notes: list[str] = []
    if queue.missing:
        gone = ", ".join(f"{m.bank_id}/{m.question_id}" for m in queue.missing)
        notes.append(f"Skipped due questions that are no longer in the course: {gone}.")
    if queue.bank is None:
        upcoming = store.next_review_at(learner)
        when = f" The next one is due {upcoming:%Y-%m-%d %H:%M} UTC." if upcoming else ""
        notes.insert(0, f"Nothing is due for review right now.{when}")
        return None, notes
    session = QuizSession(
        queue.bank,
        mode="practice",
        rng=rng,
        clock=clock,
        store=store,
        learner=learner,
        origins=queue.origins,
    )
    return session, notes
