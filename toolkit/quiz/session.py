"""``QuizSession``: one learner working through one bank, graded, scored and recorded.

The session is plain Python: the widget and the terminal command only turn clicks and key
presses into :meth:`QuizSession.answer`, :meth:`QuizSession.hint` and
:meth:`QuizSession.next`, and show what the session says. Randomness (question order, option
order) comes from the injected ``random.Random`` and time from the injected clock, so a
session is reproducible in a test.

Modes
    ``practice``: feedback after each answer; a question may be answered again (a retry:
    recorded, but it earns no points and moves neither streak nor Leitner box; see
    :mod:`toolkit.quiz.scoring`). A wrong first answer gets its explanation, not the right
    answer: that comes after the retry or on request (:meth:`QuizSession.answer_shown`).
    ``exam``: one answer per question, feedback only when the
    session is finished. ``survey``: nothing is graded; answers are recorded with no points.

Recording
    With a store, every answer is written in one transaction together with its Leitner box,
    the badges it earns and, for the answer that completes the session (every question
    answered), the completion. If the store cannot write, :meth:`QuizSession.answer` raises
    and the session is left as it was, so the learner can simply submit again.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from toolkit.quiz.grading import grade
from toolkit.quiz.model import (
    Bank,
    Grade,
    Question,
    Reflection,
)
from toolkit.quiz.presentation import display_order
from toolkit.quiz.scoring import (
    BADGES,
    Badge,
    BadgeFacts,
    badges_earned,
    points_for,
)
from toolkit.quiz.session_standing import Answer as _Answer
from toolkit.quiz.session_standing import SessionStanding
from toolkit.quiz.store import AttemptRecord, Completion, StoreError
from toolkit.quiz.store.config import current_user
from toolkit.quiz.summary import QuestionResult, Summary

if TYPE_CHECKING:
    from toolkit.quiz.store import ProgressStore

__all__ = [
    "Mode",
    "QuestionResult",
    "QuizSession",
    "SessionError",
    "Summary",
    "default_learner",
]

Mode = Literal["practice", "exam", "survey"]
_MODES: Final = get_args(Mode)
#: Environment variable naming the learner when none is given.
LEARNER_ENV: Final = "SMLAB_LEARNER"


class SessionError(ValueError):
    """Something the session cannot do now; the message is written for the learner."""


def default_learner() -> str:
    """Return the learner's name: ``$SMLAB_LEARNER``, the hub user, the OS user, or "learner".

    On JupyterHub the hub user (``$JUPYTERHUB_USER``) names the learner, so a shared progress
    database knows whose answers are whose (:func:`toolkit.quiz.store.config.current_user`).

    Examples
    --------
    >>> isinstance(default_learner(), str)
    True
    """
    return current_user()


def _now() -> datetime:
    return datetime.now(UTC)


def _course_ids() -> frozenset[str]:
    """The ids of the shipped lesson banks (by convention each bank is named after its id)."""
    from toolkit.paths import quizzes_dir

    try:
        return frozenset(path.stem for path in quizzes_dir().glob("*.yaml"))
    except FileNotFoundError:  # pragma: no cover - a broken installation
        return frozenset()


class QuizSession(SessionStanding):
    """A learner working through a bank: asks, grades, scores, and records each answer.

    Parameters
    ----------
    bank : Bank
        The questions.
    mode : {"practice", "exam", "survey"}, default "practice"
        See the module docstring.
    rng : random.Random, optional
        Shuffles the question order and each question's options (unless the question says
        ``shuffle: false``; ordering items are always shown shuffled, since their written
        order is the answer). Default: a fresh, unseeded ``random.Random``.
    clock : callable returning datetime, optional
        The time of each answer (default: now, in UTC).
    store : ProgressStore, optional
        Where answers, boxes, badges and completions are recorded; also where the streak,
        accumulated points and badges held are read from at the start.
    learner : str, default "learner"
        Whose session.
    course : collection of str, optional
        Ids of the lesson banks that make up the course (for the "Finished the course"
        badge); default the banks in the shipped ``quizzes/`` folder.
    origins : mapping of str to (str, str), optional
        For a review session: each question's original bank id and question id, under which
        answers are recorded and boxes moved (see :func:`toolkit.quiz.review.review_bank`).
        A session with origins records its answers in mode ``"review"``.

    Raises
    ------
    ValueError
        If ``mode`` or ``learner`` is not valid.

    Examples
    --------
    >>> import random
    >>> bank = Bank.model_validate({
    ...     "id": "demo", "title": "Demo", "lesson": "demo",
    ...     "questions": [{"id": "q1", "type": "true_false", "prompt": "Sky is blue.",
    ...                    "answer": True, "explanation_true": "Yes.",
    ...                    "explanation_false": "Look up."}]})
    >>> session = QuizSession(bank, rng=random.Random(1), course=[])
    >>> session.answer(True).correct, session.points, session.streak
    (True, 20, 1)
    >>> session.next() is None, session.summary().score
    (True, 1.0)
    """

    def __init__(
        self,
        bank: Bank,
        *,
        mode: Mode = "practice",
        rng: random.Random | None = None,
        clock: Callable[[], datetime] | None = None,
        store: ProgressStore | None = None,
        learner: str = "learner",
        course: Collection[str] | None = None,
        origins: Mapping[str, tuple[str, str]] | None = None,
    ) -> None:
        if mode not in _MODES:
            raise ValueError(f"mode must be one of {', '.join(_MODES)}, not {mode!r}")
        if not isinstance(learner, str) or not learner.strip():
            raise ValueError(f"learner must be a non-empty name, not {learner!r}")
        self.bank = bank
        self.mode: Mode = mode
        self.learner = learner
        self.store = store
        self.session_id = uuid.uuid4().hex
        self._rng = rng if rng is not None else random.Random()
        self._clock = clock if clock is not None else _now
        self._course = frozenset(course) if course is not None else None
        self._origins = dict(origins) if origins is not None else None
        if self._origins is not None:
            unknown = [q.id for q in bank.questions if q.id not in self._origins]
            if unknown:
                raise ValueError(f"origins has no entry for the questions {', '.join(unknown)}")
        self._order: list[Question] = list(bank.questions)
        self._rng.shuffle(self._order)
        # A reflection closes the quiz ("what will you do next?"): shuffled, then moved last.
        self._order.sort(key=lambda question: isinstance(question, Reflection))
        self._presented = {q.id: self._display_order(q) for q in self._order}
        self._index = 0
        self._answers: dict[str, list[_Answer]] = {}
        self._hints: dict[str, int] = {}
        # Question id -> whether the learner got it wrong in an earlier session (asked once,
        # before this session records anything for it).
        self._wrong_earlier: dict[str, bool] = {}
        self._answer_requested: set[str] = set()
        self._completed = False
        self._session_points = 0
        self._earned: list[Badge] = []
        if store is not None:
            self._points_before = store.total_points(learner)
            self._streak = store.streak(learner)
            self._held = {badge.badge_id for badge in store.badges(learner)}
        else:
            self._points_before = 0
            self._streak = 0
            self._held = set()

    # -- what is asked -------------------------------------------------------------------

    def _display_order(self, question: Question) -> list[str]:
        return display_order(question, self._rng)

    @property
    def review(self) -> bool:
        """Whether this is a review session (answers recorded in mode ``"review"``)."""
        return self._origins is not None

    @property
    def questions(self) -> list[Question]:
        """The questions in the order they are asked."""
        return list(self._order)

    @property
    def current(self) -> Question | None:
        """The question being asked, or ``None`` once the session is finished."""
        return self._order[self._index] if self._index < len(self._order) else None

    @property
    def finished(self) -> bool:
        """Whether the learner has moved past the last question."""
        return self._index >= len(self._order)

    @property
    def position(self) -> tuple[int, int]:
        """``(number of the current question, counting from 1, total)``."""
        total = len(self._order)
        return (min(self._index + 1, total), total)

    def presented(self, question: Question | None = None) -> list[str]:
        """Return the ids in display order: options, ordering items, or matching right sides.

        Parameters
        ----------
        question : Question, optional
            Default the current question.

        Returns
        -------
        list of str
            Option ids (single, multiple, scenario, poll), item ids in the starting order
            (ordering), or pair ids in the order the right sides are listed (matching); empty
            for true/false, numeric and text questions, and when the session is finished.
        """
        target = question if question is not None else self.current
        if target is None:
            return []
        return list(self._presented.get(target.id, []))

    # -- answering -----------------------------------------------------------------------

    def _origin(self, question: Question) -> tuple[str, str]:
        if self._origins is not None:
            return self._origins[question.id]
        return (self.bank.id, question.id)

    @property
    def _record_mode(self) -> str:
        return "review" if self.review else self.mode

    def _graded(self, question: Question) -> bool:
        return self.mode != "survey" and question.graded

    def answer(self, response: Any) -> Grade:
        """Grade a response to the current question, score it, and record it.

        Parameters
        ----------
        response : object
            Plain data, as :func:`toolkit.quiz.grade` takes it.

        Returns
        -------
        Grade
            The grade (in a survey: ``correct`` is ``None`` and the feedback says the answer
            was recorded). Whether to show it is :attr:`feedback_visible`.

        Raises
        ------
        ResponseError
            If the response cannot be graded (nothing chosen, an unknown option...): nothing
            is recorded and the learner can answer again.
        SessionError
            If the session is finished, or an exam question was already answered.
        StoreError
            If the store cannot record the answer: the session is unchanged.
        """
        question = self.current
        if question is None:
            raise SessionError("The quiz is finished: there is no question to answer.")
        previous = self._answers.get(question.id, [])
        if previous and self.mode == "exam":
            raise SessionError(
                "You have already answered this question: an exam takes one answer per question."
            )
        result = grade(question, response)  # raises ResponseError before anything changes
        if self.mode == "survey":
            result = Grade(
                credit=1.0,
                correct=None,
                feedback="Thank you: your answer is recorded.",
                explanations={},
                expected="",
            )
        graded = self._graded(question) and result.correct is not None
        try_number = len(previous) + 1
        hints = self._hints.get(question.id, 0)
        points = (
            points_for(
                question.points, credit=result.credit, hints_used=hints, try_number=try_number
            )
            if graded
            else 0
        )
        streak = self._streak
        if graded and try_number == 1:
            streak = streak + 1 if result.correct else 0
        now = self._clock()
        bank_id, question_id = self._origin(question)

        answered_ids = set(self._answers) | {question.id}
        completes = not self._completed and len(answered_ids) == len(self._order)
        completion: Completion | None = None
        right_first, graded_total = self._first_try_tally((question, result))
        if completes:
            completion = Completion(
                learner=self.learner,
                bank_id=self.bank.id,
                session_id=self.session_id,
                mode=self._record_mode,
                total=len(self._order),
                answered=len(answered_ids),
                correct=right_first,
                score=self._score(extra=(question, result)),
                points=self._session_points + points,
                max_points=self.max_points,
                finished_at=now,
            )
        wrong_earlier = self._was_wrong(question, bank_id, question_id)  # before recording
        facts = BadgeFacts(
            correct=result.correct if graded else None,
            was_wrong_before=bool(graded and result.correct) and wrong_earlier,
            streak=streak,
            finished=completes,
            review=self.review,
            survey=self.mode == "survey",
            graded=graded_total,
            right_first_time=right_first,
            completed=self._completed_banks(completes),
            course=self._course_banks() if completes and not self.review else frozenset(),
        )
        candidates = badges_earned(facts, held=self._held)
        if self.store is not None:
            new = self.store.record_attempt(
                AttemptRecord(
                    learner=self.learner,
                    bank_id=bank_id,
                    question_id=question_id,
                    response=response,
                    credit=result.credit,
                    correct=result.correct if graded else None,
                    points=points,
                    answered_at=now,
                    hints_used=hints,
                    mode=self._record_mode,
                    session_id=self.session_id,
                    try_number=try_number,
                ),
                badges=candidates,
                completion=completion,
            )
        else:
            new = candidates
        # Recorded: only now does the session change.
        self._answers.setdefault(question.id, []).append(
            _Answer(response, result, points, hints, now)
        )
        self._session_points += points
        self._streak = streak
        self._completed = self._completed or completes
        self._held.update(candidates)
        self._earned.extend(BADGES[badge_id] for badge_id in new)
        return result

    def _was_wrong(self, question: Question, bank_id: str, question_id: str) -> bool:
        """Whether the learner got ``question`` wrong in an earlier session (not this one).

        A retry seconds after a wrong answer is not coming back to it; "Came back" is for
        returning to a question in a later session and getting it right.
        """
        if question.id in self._wrong_earlier:
            return self._wrong_earlier[question.id]
        if self.store is None:
            return False
        try:
            earlier = self.store.was_wrong(self.learner, bank_id, question_id)
        except StoreError:  # recording the answer will fail and say why; ask again then
            return False
        self._wrong_earlier[question.id] = earlier
        return earlier

    def _completed_banks(self, completes: bool) -> frozenset[str]:
        if not completes or self.review:
            return frozenset()
        done = self.store.completed_banks(self.learner) if self.store is not None else set()
        return frozenset(done | {self.bank.id})

    def _course_banks(self) -> frozenset[str]:
        if self._course is None:
            self._course = _course_ids()
        return self._course

    def hint(self) -> str | None:
        """Return the current question's next hint, or ``None`` when there is none left.

        Each hint seen before the first answer costs :func:`~toolkit.quiz.scoring.hint_cost`
        points on that answer; hints after it are free.
        """
        question = self.current
        if question is None:
            return None
        used = self._hints.get(question.id, 0)
        if used >= len(question.hints):
            return None
        self._hints[question.id] = used + 1
        return question.hints[used]

    def hints_used(self, question: Question | None = None) -> int:
        """Hints seen on ``question`` (default the current one)."""
        target = question if question is not None else self.current
        return 0 if target is None else self._hints.get(target.id, 0)

    def hints_left(self, question: Question | None = None) -> int:
        """Hints not yet seen on ``question`` (default the current one)."""
        target = question if question is not None else self.current
        return 0 if target is None else len(target.hints) - self._hints.get(target.id, 0)

    def next(self) -> Question | None:
        """Move to the next question (an unanswered one is skipped) and return it."""
        if self._index < len(self._order):
            self._index += 1
        return self.current

    # -- standing ------------------------------------------------------------------------

    def answered(self, question: Question | None = None) -> bool:
        """Whether ``question`` (default the current one) has been answered."""
        target = question if question is not None else self.current
        return target is not None and bool(self._answers.get(target.id))

    def last_grade(self, question: Question | None = None) -> Grade | None:
        """The grade of the last answer to ``question`` (default the current one)."""
        target = question if question is not None else self.current
        answers = self._answers.get(target.id, []) if target is not None else []
        return answers[-1].grade if answers else None

    def answer_shown(self, question: Question | None = None) -> bool:
        """Whether the right answer to ``question`` (default the current one) may be shown.

        In practice a wrong first answer gets its explanation and a retry, not the answer:
        the answer is shown once the question is answered right, after a second try, when
        the learner asks (:meth:`show_answer`), or when the session is finished. In an exam
        it is shown once the session is finished.

        Parameters
        ----------
        question : Question, optional
            The question; the current one by default.

        Returns
        -------
        bool
            Whether to show the right answer now.
        """
        target = question if question is not None else self.current
        if target is None or self.finished:
            return self.finished
        if self.mode != "practice":
            return False
        answers = self._answers.get(target.id, [])
        return (
            target.id in self._answer_requested
            or len(answers) >= 2
            or any(a.grade.correct for a in answers)
        )

    def show_answer(self) -> None:
        """Ask for the right answer to the current question (practice, after an answer).

        Raises
        ------
        SessionError
            If the quiz is finished, not in practice, or the question is not answered yet.
        """
        question = self.current
        if question is None or self.mode != "practice":
            raise SessionError("The right answer is shown on request only in practice.")
        if not self.answered(question):
            raise SessionError("Have a go first: the answer is shown after you have answered.")
        self._answer_requested.add(question.id)

    @property
    def feedback_visible(self) -> bool:
        """Whether to show grades now: practice after each answer, exam once finished."""
        if self.mode == "practice":
            return self.finished or self.answered()
        if self.mode == "exam":
            return self.finished
        return False

    def __repr__(self) -> str:
        number, total = self.position
        state = "finished" if self.finished else f"question {number} of {total}"
        return (
            f"QuizSession({self.bank.id!r}, mode={self.mode!r}, learner={self.learner!r}, "
            f"{state}, points={self.points})"
        )
