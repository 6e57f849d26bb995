"""The progress dashboard: a learner's own progress per lesson, badges, level and reviews due.

Personal progress first: the dashboard shows one learner against their own past (done, best score,
questions mastered, the next level, the badges still to earn), never a ranking against other people.
:func:`~toolkit.quiz.progress.lesson_progress` computes the table as a DataFrame; the
:class:`ProgressDashboard` widget only displays it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import ipywidgets as widgets
import pandas as pd

from toolkit.paths import presenting
from toolkit.quiz.model import Bank
from toolkit.quiz.progress import lesson_progress
from toolkit.quiz.review import load_course
from toolkit.quiz.sanitize import escape
from toolkit.quiz.scoring import BADGES, level_for
from toolkit.quiz.session import default_learner
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.widgets.icons import icon
from toolkit.widgets.style import house_style

__all__ = ["ProgressDashboard"]


def _percent(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


class ProgressDashboard(widgets.VBox):  # type: ignore[misc]
    """A learner's progress: level, points, streak, each lesson, badges and reviews due.

    Parameters
    ----------
    store : ProgressStore, optional
        Where progress is kept (default: the learner's progress file).
    learner : str, optional
        Whose progress (default ``$SMLAB_LEARNER`` or the OS user name).
    banks : mapping of str to Bank, optional
        The course's banks (default: every shipped bank).
    clock : callable returning datetime, optional
        "Now", for the reviews due (default: the current time in UTC).

    Attributes
    ----------
    header, table, badges, due, message : ipywidgets.HTML
        The level/points/streak line, the per-lesson table, the badges (earned and still to
        earn), the reviews due, and any error message.
    level_bar : ipywidgets.IntProgress
        Points towards the next level.
    refresh_button : ipywidgets.Button
        Reads the store again.

    Examples
    --------
    >>> from toolkit.quiz.store import ProgressStore
    >>> board = ProgressDashboard(ProgressStore(":memory:"), "ada", banks={})
    >>> "Novice" in board.header.value
    True
    """

    def __init__(
        self,
        store: ProgressStore | None = None,
        learner: str | None = None,
        *,
        banks: Mapping[str, Bank] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.add_class("smlab-dashboard")
        self.learner = learner or default_learner()
        self._clock = clock if clock is not None else (lambda: datetime.now(UTC))
        self.title = widgets.HTML(f"<h3>Your progress, {escape(self.learner)}</h3>")
        self.header = widgets.HTML()
        self.level_bar = widgets.IntProgress(value=0, min=0, max=1, description="Next level")
        self.table = widgets.HTML()
        self.badges = widgets.HTML()
        self.due = widgets.HTML()
        self.message = widgets.HTML()
        self.refresh_button = widgets.Button(
            description="Refresh", tooltip="Read your progress again"
        )
        self.refresh_button.on_click(lambda _button: self.refresh())
        personal = [self.header, self.level_bar, self.badges]
        for part in personal:
            part.add_class("smlab-personal")  # a learner's own: not on a projector
        self.children = [
            self.title,
            self.message,
            *([] if presenting() else personal[:2]),
            self.table,
            *([] if presenting() else personal[2:]),
            self.due,
            self.refresh_button,
        ]
        house_style(self)
        self.store = store
        if store is None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", StoreRecoveredWarning)
                    self.store = ProgressStore()
                if self.store.recovery is not None:
                    self._notice(str(self.store.recovery))
            except (StoreError, OSError) as exc:
                self._notice(f"Your progress cannot be read: {exc}")
        if banks is None:
            banks, problems = load_course()
            if problems:
                self._notice(
                    f"{len(problems)} problem(s) in the course's quizzes; those lessons are "
                    "not listed."
                )
        self.banks = dict(banks)
        self.refresh()

    def _notice(self, text: str) -> None:
        self.message.value += (
            f'<div role="alert"><strong>{icon("warning", "Warning")} {escape(text)}</strong></div>'
        )

    def refresh(self) -> None:
        """Read the store again and redraw."""
        if self.store is None:
            return
        try:
            self._draw(self.store)
        except (StoreError, ValueError) as exc:
            self._notice(f"Your progress cannot be read: {exc}")

    def _draw(self, store: ProgressStore) -> None:
        points = store.total_points(self.learner)
        level = level_for(points)
        streak = store.streak(self.learner)
        if level.next_at is not None:
            to_go = f"{level.next_at - points} points to level {level.number + 1}"
            self.level_bar.max = level.next_at - level.floor
            self.level_bar.value = points - level.floor
        else:
            to_go = "the top level"
            self.level_bar.max = 1
            self.level_bar.value = 1
        self.header.value = (
            f"<p><strong>{escape(str(level))}</strong> · {icon('star')} {points} points "
            f"({escape(to_go)}) · "
            f"{icon('flame') + ' ' if streak else ''}Streak: {streak} right in a row</p>"
        )
        frame = lesson_progress(store, self.learner, self.banks)
        rows = "".join(
            "<tr>"
            f"<td>{escape(str(row['title']))}</td>"
            f"<td>{icon('check') + ' Done' if row['done'] else '○ Not yet'}</td>"
            f"<td>{_percent(float(row['best_score']))}</td>"
            f"<td>{row['mastered']} of {row['questions']}</td>"
            "</tr>"
            for row in frame.to_dict("records")
        )
        done = int(frame["done"].sum())
        self.table.value = (
            f"<p>Lessons done: <strong>{done} of {len(frame)}</strong></p>"
            "<table><thead><tr><th scope='col'>Lesson</th><th scope='col'>Quiz</th>"
            "<th scope='col'>Best score</th><th scope='col'>Mastered</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            if len(frame)
            else "<p>No lessons found.</p>"
        )
        held = {badge.badge_id for badge in store.badges(self.learner)}
        earned = [BADGES[b] for b in BADGES if b in held]
        to_earn = [BADGES[b] for b in BADGES if b not in held]
        parts = [f"<p><strong>Badges: {len(earned)} of {len(BADGES)}</strong></p><ul>"]
        parts += [
            f"<li>{icon('medal')} <strong>{escape(b.name)}</strong> (earned): "
            f"{escape(b.description)}</li>"
            for b in earned
        ]
        parts += [
            f"<li>○ {escape(b.name)} (still to earn): {escape(b.description)}</li>" for b in to_earn
        ]
        self.badges.value = "".join(parts) + "</ul>"
        now = self._clock()
        due = store.due_reviews(self.learner, now)
        if due:
            self.due.value = (
                f"<p>{icon('medal')} <strong>{len(due)} question{'s' if len(due) != 1 else ''} "
                "due for review</strong> across your lessons.</p>"
            )
        else:
            upcoming = store.next_review_at(self.learner)
            later = f" The next one is due {upcoming:%Y-%m-%d %H:%M} UTC." if upcoming else ""
            self.due.value = f"<p>{icon('check')} Nothing due for review.{escape(later)}</p>"
