"""CohortView: the trainer's notebook view, built for real and clicked without a browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from toolkit.quiz.store import AttemptRecord, ProgressStore
from toolkit.widgets.cohort import CohortView

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def answer(store: ProgressStore, learner: str, question: str, mark: int, week: int = 0) -> None:
    store.record_attempt(
        AttemptRecord(
            learner=learner, bank_id="01-demo", question_id=question, response="b",
            credit=float(mark), correct=bool(mark), points=10 * mark,
            answered_at=T0 + timedelta(weeks=week), session_id=f"{learner}-{week}",
        )
    )  # fmt: skip


def test_the_view_shows_the_cohort_and_refreshes() -> None:
    store = ProgressStore(":memory:")
    answer(store, "ada", "q1", 1)
    answer(store, "ada", "q2", 0)
    view = CohortView(store, lessons=["01-demo"], clock=lambda: T0)
    assert "ada" in view.progress.value
    assert "… in progress" in view.progress.value
    assert "q1" in view.items.value
    assert "b 100%" in view.items.value
    assert view.report is not None
    assert view.report.chart is None
    answer(store, "bob", "q1", 1, week=1)
    answer(store, "bob", "q2", 1, week=1)
    view.refresh_button.click()
    assert "bob" in view.progress.value
    assert view.report is not None
    assert view.report.chart is not None
    assert view.axes is not None  # the XmR chart of the two weekly scores was drawn
    assert list(view.axes.lines[0].get_ydata()) == [50.0, 100.0]


def test_a_learner_on_a_memory_store_sees_an_empty_cohort_message() -> None:
    view = CohortView(ProgressStore(":memory:"), lessons=["01-demo"])
    assert "No answers recorded yet" in view.progress.value
