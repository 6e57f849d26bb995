"""The trainer's cohort view for a notebook: progress, item analysis and the weekly XmR chart.

A thin view over :func:`toolkit.quiz.cohort.cohort_report`: three HTML tables and a chart from
:func:`toolkit.plots.plot_xmr`, and a Refresh button. On a shared database a learner who is
not a trainer sees only their own rows (the store decides, see
:mod:`toolkit.quiz.store.shared`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from html import escape

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.axes import Axes

from toolkit.course import LESSONS
from toolkit.plots import plot_xmr
from toolkit.plots.alt_text import describe_figures
from toolkit.quiz.cohort import CohortReport, cohort_report
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.widgets.icons import icon
from toolkit.widgets.style import house_style

__all__ = ["CohortView"]

_STATUS = {
    "done": f"{icon('check')} done",
    "in progress": "… in progress",
    "not started": "· not started",
}


class CohortView(widgets.VBox):  # type: ignore[misc]
    """Who is where, which questions need mending, and the cohort's weekly score.

    Parameters
    ----------
    store : ProgressStore, optional
        The store (default: the shared database or the local file, as ``ProgressStore()``).
    lessons : iterable of str, optional
        The lessons (bank ids) in the progress table (default: the course's).
    clock : callable, optional
        Returns "now", for counting reviews due.

    Examples
    --------
    >>> view = CohortView(ProgressStore(":memory:"), lessons=["01-demo"])
    >>> "No answers recorded yet" in view.progress.value
    True
    """

    def __init__(
        self,
        store: ProgressStore | None = None,
        *,
        lessons: Iterable[str] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.add_class("smlab-cohort")
        self._clock = clock if clock is not None else (lambda: datetime.now(UTC))
        self.lessons = list(lessons) if lessons is not None else [lesson.slug for lesson in LESSONS]
        self.title = widgets.HTML("<h3>Your cohort</h3>")
        self.message = widgets.HTML()
        self.progress = widgets.HTML()
        self.items = widgets.HTML()
        self.chart = widgets.Output()
        self.refresh_button = widgets.Button(description="Refresh", tooltip="Read the cohort again")
        self.refresh_button.on_click(lambda _button: self.refresh())
        self.children = [
            self.title,
            self.message,
            self.progress,
            self.items,
            self.chart,
            self.refresh_button,
        ]
        house_style(self)
        self.report: CohortReport | None = None
        self.axes: Axes | None = None
        self.store = store
        if store is None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", StoreRecoveredWarning)
                    self.store = ProgressStore()
            except (StoreError, OSError) as exc:
                self.message.value = (
                    f'<div role="alert">{icon("warning", "Warning")} {escape(str(exc))}</div>'
                )
        self.refresh()

    def refresh(self) -> None:
        """Read the store again and redraw."""
        if self.store is None:
            return
        try:
            self.report = cohort_report(self.store, lessons=self.lessons, now=self._clock())
        except (StoreError, ValueError) as exc:
            self.message.value = (
                f'<div role="alert">{icon("warning", "Warning")} The cohort cannot be read: '
                f"{escape(str(exc))}</div>"
            )
            return
        self.message.value = ""
        self.progress.value = _progress_html(self.report)
        self.items.value = _items_html(self.report)
        self.chart.clear_output()
        self.axes = None
        if self.report.chart is not None:
            describe_figures()  # the chart carries alternative text
            figure, ax = plt.subplots(figsize=(8, 3))
            self.axes = plot_xmr(
                self.report.chart,
                title="Cohort's weekly score (trial limits until 12 weeks)",
                ylabel="mean score of first tries, %",
                ax=ax,
            )
            with self.chart:
                display(figure)  # type: ignore[no-untyped-call]
            plt.close(figure)


def _progress_html(report: CohortReport) -> str:
    if report.progress.empty:
        return "<p>No answers recorded yet.</p>"
    table = report.progress.pivot(index="learner", columns="lesson", values="status")
    lessons = list(dict.fromkeys(report.progress["lesson"]))
    totals = report.progress.groupby("learner")[["points", "reviews_due"]].sum()
    head = "".join(f"<th>{escape(lesson[:2])}</th>" for lesson in lessons)
    rows = []
    for learner in table.index:
        cells = "".join(
            f"<td>{_STATUS[str(table.loc[learner, lesson])]}</td>" for lesson in lessons
        )
        rows.append(
            f"<tr><th>{escape(str(learner))}</th>{cells}"
            f"<td>{totals.loc[learner, 'points']}</td>"
            f"<td>{totals.loc[learner, 'reviews_due']}</td></tr>"
        )
    return (
        f"<h4>Progress of {len(table)} learner(s)</h4><table class='smlab-cohort-progress'>"
        f"<tr><th>learner</th>{head}<th>points</th><th>reviews due</th></tr>{''.join(rows)}</table>"
    )


def _items_html(report: CohortReport) -> str:
    if report.items.empty:
        return ""
    picks = report.picks.groupby(["bank_id", "question_id"])
    rows = []
    for row in report.items.to_dict("records"):
        key = (row["bank_id"], row["question_id"])
        chosen = picks.get_group(key) if key in picks.groups else pd.DataFrame()
        spread = ", ".join(
            f"{escape(str(p['option']))} {p['share']:.0%}" for p in chosen.to_dict("records")
        )
        discrimination = "" if pd.isna(row["discrimination"]) else f"{row['discrimination']:.0f}"
        rows.append(
            f"<tr><td>{escape(row['bank_id'])}</td><td>{escape(row['question_id'])}</td>"
            f"<td>{row['attempts']}</td><td>{row['facility']:.0f}</td><td>{discrimination}</td>"
            f"<td>{spread}</td><td><strong>{escape(row['flags'])}</strong></td></tr>"
        )
    return (
        "<h4>Questions (Moodle's facility and discrimination indices)</h4>"
        "<table class='smlab-cohort-items'><tr><th>lesson</th><th>question</th><th>attempts</th>"
        "<th>facility</th><th>discrimination</th><th>picks</th><th>flags</th></tr>"
        f"{''.join(rows)}</table>"
    )
