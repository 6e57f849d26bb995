"""``checkpoint(lesson)``: the quiz at the end of a lesson, in one line of a notebook."""

from __future__ import annotations

import re
import warnings

from toolkit.paths import quizzes_dir
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import BankError
from toolkit.quiz.session import Mode, QuizSession, default_learner
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.safety.files import NotSavedError
from toolkit.widgets.not_saved import shown_where
from toolkit.widgets.quiz import QuizWidget

_LESSON = re.compile(r"^[A-Za-z0-9_-]+$")


def checkpoint(
    lesson: str,
    *,
    mode: Mode = "practice",
    store: ProgressStore | None = None,
    learner: str | None = None,
) -> QuizWidget:
    """Return the quiz widget for ``lesson``'s checkpoint, from ``quizzes/<lesson>.yaml``.

    The checkpoint asks the bank's questions marked ``checkpoint: true`` (all of them if the
    bank marks none, see :meth:`toolkit.quiz.model.Bank.for_checkpoint`).

    Progress goes to ``store`` (default: the learner's progress file, see
    :func:`toolkit.quiz.store.default_store_path`), under ``learner`` (default
    ``$SMLAB_LEARNER`` or the OS user name). Nothing here raises for a learner to see: a
    missing or broken bank shows its problems in the widget, and a progress file that cannot
    be used leaves the quiz working with a notice that progress is not being saved.

    Parameters
    ----------
    lesson : str
        The lesson's notebook stem, e.g. ``"02-compound-improvement"``.
    mode : {"practice", "exam", "survey"}, default "practice"
        The session mode.
    store : ProgressStore, optional
        Where progress is recorded.
    learner : str, optional
        Whose progress.

    Returns
    -------
    QuizWidget
        The quiz (or, for a bank that cannot be used, a widget saying why).

    Raises
    ------
    ValueError
        If ``mode`` is not one of the modes (a mistake in the notebook, not the learner's).

    Examples
    --------
    >>> from toolkit.quiz.store import ProgressStore
    >>> quiz = checkpoint("00-start-here", store=ProgressStore(":memory:"), learner="ada")
    >>> quiz.session.bank.lesson
    '00-start-here'
    """
    if mode not in ("practice", "exam", "survey"):
        raise ValueError(f"mode must be 'practice', 'exam' or 'survey', not {mode!r}")
    if not isinstance(lesson, str) or not _LESSON.match(lesson):
        return QuizWidget(
            None,
            notice=f"{lesson!r} is not a lesson name (letters, digits, '-' and '_' only).",
        )
    try:
        bank = load_bank(quizzes_dir() / f"{lesson}.yaml").for_checkpoint()
    except FileNotFoundError:
        return QuizWidget(None, notice=f"There is no quiz for the lesson {lesson!r} yet.")
    except BankError as exc:
        return QuizWidget(
            None,
            notice=f"The quiz for {lesson!r} has problems, so it cannot be shown:",
            problems=[str(problem) for problem in exc.problems],
        )
    notice = None
    if store is None:
        try:
            with warnings.catch_warnings():
                # A damaged file moved aside is reported in the widget instead.
                warnings.simplefilter("ignore", StoreRecoveredWarning)
                store = ProgressStore()
            if store.recovery is not None:
                notice = str(store.recovery)
        except NotSavedError as exc:  # a read-only data folder, a full disk: where and why
            store = None
            notice = (
                "Your progress is not being saved this time: "
                f"{shown_where(exc.path, exc.where)} cannot be written ({exc.reason})."
            )
        except (StoreError, OSError) as exc:
            store = None
            notice = f"Your progress is not being saved this time: {exc}"
    session = QuizSession(bank, mode=mode, store=store, learner=learner or default_learner())
    return QuizWidget(session, notice=notice)
