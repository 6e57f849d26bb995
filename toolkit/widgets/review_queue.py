"""The review widget: what is due across all lessons, as one quiz in a notebook."""

from __future__ import annotations

import random
import warnings
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from toolkit.quiz.model import Bank
from toolkit.quiz.review import load_course, review_session
from toolkit.quiz.sanitize import escape
from toolkit.quiz.session import default_learner
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.widgets.icons import icon
from toolkit.widgets.quiz import QuizWidget

__all__ = ["review_widget"]


def review_widget(
    store: ProgressStore | None = None,
    learner: str | None = None,
    *,
    banks: Mapping[str, Bank] | None = None,
    rng: random.Random | None = None,
    clock: Callable[[], datetime] | None = None,
) -> QuizWidget:
    """Return a quiz widget serving every question due for review, across all lessons.

    A right answer moves a question up a Leitner box, a wrong one back to box 1 (see
    :mod:`toolkit.quiz.review`); finishing the queue earns "Reviewed the due queue". Nothing
    here raises for a learner to see: an empty queue or a store that cannot be read is shown
    as a message in the widget.

    Parameters
    ----------
    store : ProgressStore, optional
        Default: the learner's progress file.
    learner : str, optional
        Default ``$SMLAB_LEARNER`` or the OS user name.
    banks : mapping of str to Bank, optional
        Default: every shipped bank.
    rng : random.Random, optional
        Shuffles the questions and options.
    clock : callable returning datetime, optional
        "Now" (default: the current time in UTC).

    Returns
    -------
    QuizWidget
        The review quiz, or a widget with a message when there is nothing to review.

    Examples
    --------
    >>> from toolkit.quiz.store import ProgressStore
    >>> quiz = review_widget(ProgressStore(":memory:"), "ada", banks={})
    >>> quiz.session is None, "Nothing is due" in quiz.notice.value
    (True, True)
    """
    name = learner or default_learner()
    notes: list[str] = []
    if store is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", StoreRecoveredWarning)
                store = ProgressStore()
        except (StoreError, OSError) as exc:
            return _titled(QuizWidget(None, notice=f"Your progress cannot be read: {exc}"))
        if store.recovery is not None:
            notes.append(str(store.recovery))
    if banks is None:
        banks, problems = load_course()
        if problems:
            notes.append(f"{len(problems)} problem(s) in the course's quizzes were skipped.")
    now = clock() if clock is not None else datetime.now(UTC)
    try:
        session, more = review_session(store, name, banks=banks, now=now, rng=rng, clock=clock)
    except StoreError as exc:
        return _titled(QuizWidget(None, notice=f"Your progress cannot be read: {exc}"))
    notes += more
    if session is None:
        widget = _titled(QuizWidget(None))
        widget.notice.value = "".join(
            f'<p role="status">{icon("check")} {escape(note)}</p>'
            if note.startswith("Nothing is due")
            else (
                f'<div role="alert"><strong>{icon("warning", "Warning")} '
                f"{escape(note)}</strong></div>"
            )
            for note in notes
        )
        return widget
    return QuizWidget(session, notice=" ".join(notes) or None)


def _titled(widget: QuizWidget) -> QuizWidget:
    widget.title.value = "<h3>Review</h3>"
    return widget
