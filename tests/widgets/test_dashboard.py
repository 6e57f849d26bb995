"""The progress dashboard: the per-lesson table and the widget, without a browser."""

from __future__ import annotations

import math
import random
from datetime import timedelta
from pathlib import Path

import pytest

from tests.quiz.session_banks import START, Clock, mixed_bank, single_bank
from tests.widgets.shown import shown
from toolkit.quiz.progress import lesson_progress
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import AttemptRecord, ProgressStore
from toolkit.widgets.dashboard import ProgressDashboard


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with ProgressStore(tmp_path / "progress.sqlite3") as opened:
        yield opened  # type: ignore[misc]


def finish(store: ProgressStore, bank_id: str, answers: dict[str, str], clock: Clock) -> None:
    session = QuizSession(
        single_bank(3, bank_id=bank_id),
        rng=random.Random(1),
        clock=clock,
        store=store,
        learner="ada",
        course=[],
    )
    while session.current is not None:
        session.answer(answers[session.current.id])
        session.next()


def promote(store: ProgressStore, bank_id: str, question_id: str, times: int, clock: Clock) -> None:
    """Answer right ``times`` times in separate sessions: box ``1 + times`` at most 5."""
    for _ in range(times):
        store.record_attempt(
            AttemptRecord(
                learner="ada",
                bank_id=bank_id,
                question_id=question_id,
                response="b",
                credit=1.0,
                correct=True,
                points=0,
                answered_at=clock(),
            )
        )


def test_lesson_progress_per_lesson(store: ProgressStore) -> None:
    clock = Clock()
    banks = {"01-a": single_bank(3, bank_id="01-a"), "02-b": mixed_bank("02-b")}
    finish(store, "01-a", {"q1": "b", "q2": "a", "q3": "b"}, clock)  # 2 of 3
    finish(store, "01-a", {"q1": "b", "q2": "b", "q3": "b"}, clock)  # then all right
    promote(store, "01-a", "q1", 2, clock)  # box 2 -> 3 -> 4: mastered
    frame = lesson_progress(store, "ada", banks)
    assert frame["bank_id"].tolist() == ["01-a", "02-b"]
    first, second = frame.iloc[0], frame.iloc[1]
    assert (first["questions"], first["answered"], bool(first["done"])) == (3, 3, True)
    assert first["best_score"] == 1.0
    assert first["last_score"] == 1.0
    assert first["mastered"] == 1
    assert (second["questions"], second["answered"], bool(second["done"])) == (8, 0, False)
    assert math.isnan(second["best_score"])
    assert second["mastered"] == 0
    assert lesson_progress(store, "bob", banks)["done"].tolist() == [False, False]


def test_the_dashboard_shows_level_lessons_badges_and_reviews(store: ProgressStore) -> None:
    clock = Clock()
    banks = {"01-a": single_bank(3, bank_id="01-a"), "02-b": single_bank(3, bank_id="02-b")}
    finish(store, "01-a", {"q1": "b", "q2": "b", "q3": "a"}, clock)
    board = ProgressDashboard(
        store, "ada", banks=banks, clock=lambda: START + timedelta(days=1, hours=1)
    )
    assert "Your progress, ada" in board.title.value
    assert "Level 1: Novice" in board.header.value
    assert "40 points" in board.header.value
    assert "60 points to level 2" in board.header.value
    assert (board.level_bar.value, board.level_bar.max) == (40, 100)
    assert "Lessons done: <strong>1 of 2</strong>" in board.table.value
    assert "<td>Done</td>" in shown(board.table.value)
    assert "○ Not yet" in board.table.value
    assert "67%" in board.table.value
    assert "<li><strong>First lesson done</strong> (earned)" in shown(board.badges.value)
    assert "○ Perfect score (still to earn)" in board.badges.value
    assert "1 question due for review" in board.due.value
    assert board.message.value == ""

    finish(store, "02-b", {"q1": "b", "q2": "b", "q3": "b"}, clock)
    board.refresh_button.click()
    assert "Lessons done: <strong>2 of 2</strong>" in board.table.value
    assert "100 points" in board.header.value
    assert "Level 2: Apprentice" in board.header.value
    assert "<li><strong>Perfect score</strong> (earned)" in shown(board.badges.value)


def test_nothing_due_says_when_the_next_review_is(store: ProgressStore) -> None:
    clock = Clock()
    finish(store, "01-a", {"q1": "b", "q2": "b", "q3": "b"}, clock)
    board = ProgressDashboard(store, "ada", banks={}, clock=lambda: START)
    assert "Nothing due for review" in board.due.value
    assert "2026-03-04 09:0" in board.due.value  # box 2: two days after answering
    assert "No lessons found" in board.table.value


def test_the_dashboard_escapes_names(store: ProgressStore) -> None:
    board = ProgressDashboard(store, "<script>alert(1)</script>", banks={})
    assert "<script>" not in board.title.value
    assert "&lt;script&gt;" in board.title.value


def test_the_dashboard_uses_the_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SMLAB_LEARNER", "grace")
    board = ProgressDashboard(banks={})
    assert board.learner == "grace"
    assert (tmp_path / "data" / "progress.sqlite3").is_file()


def test_a_damaged_default_store_is_reported_in_the_dashboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path))
    (tmp_path / "progress.sqlite3").write_bytes(b"SQLite format 3\x00" + b"damaged" * 200)
    board = ProgressDashboard(learner="ada", banks={})
    assert "[Warning]" in shown(board.message.value)
    assert "corrupt-" in board.message.value
    assert "Novice" in board.header.value  # a fresh store works


def test_a_default_store_that_is_not_sqlite_is_refused_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path))
    (tmp_path / "progress.sqlite3").write_bytes(b"not a database at all" * 20)
    board = ProgressDashboard(learner="ada", banks={})
    assert "[Warning]" in shown(board.message.value)
    assert "is not a progress store" in board.message.value
    assert (tmp_path / "progress.sqlite3").read_bytes() == b"not a database at all" * 20


def test_a_store_that_fails_later_shows_a_message_not_a_traceback(store: ProgressStore) -> None:
    board = ProgressDashboard(store, "ada", banks={})
    store.close()
    board.refresh_button.click()
    assert "Your progress cannot be read" in board.message.value
