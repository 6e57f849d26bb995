"""A reflection is kept with the learner and time, exported, and listed for the trainer."""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.quiz.model import Bank
from toolkit.quiz.progress import REFLECTION_COLUMNS, reflections
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import ProgressStore

BANK = Bank.model_validate(
    {
        "id": "09-demo",
        "title": "Demo",
        "lesson": "09-demo",
        "questions": [
            {
                "id": "try",
                "type": "reflection",
                "prompt": "What will you **try** next week?",
                "model_answer": "One small change.",
            },
            {
                "id": "tf",
                "type": "true_false",
                "prompt": "Sure?",
                "answer": True,
                "explanation_true": "Yes.",
                "explanation_false": "No.",
            },
        ],
    }
)
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def answer_all(store: ProgressStore, learner: str, text: str) -> None:
    session = QuizSession(
        BANK, rng=random.Random(1), store=store, learner=learner, clock=lambda: WHEN, course=[]
    )
    for question in session.questions:
        session.answer(text if question.type == "reflection" else True)
        session.next()


def test_the_trainer_sees_every_reflection_with_its_learner_and_time(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "progress.db") as store:
        answer_all(store, "ada", "Time-box the stand-up.")
        answer_all(store, "grace", "Ask users, then measure.")
        table = reflections(store, {BANK.id: BANK})
        mine = reflections(store, {BANK.id: BANK}, learner="ada")
    assert list(table.columns) == list(REFLECTION_COLUMNS)
    assert table[["learner", "prompt", "answer"]].values.tolist() == [
        ["ada", "What will you try next week?", "Time-box the stand-up."],
        ["grace", "What will you try next week?", "Ask users, then measure."],
    ]
    assert (table["answered_at"] == WHEN).all()
    assert mine["learner"].tolist() == ["ada"]


def test_smlab_progress_export_holds_the_reflection_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "progress.db"
    with ProgressStore(db) as store:
        answer_all(store, "ada", "Time-box the stand-up, and count the minutes.")
        attempts = store.attempts("ada")
    points = dict(zip(attempts["question_id"], attempts["points"], strict=True))
    assert points == {"try": 0, "tf": 20}  # a reflection earns nothing
    out = tmp_path / "answers.csv"
    assert main(["progress", "--store", str(db), "--learner", "ada", "--export", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    written = [row for row in rows if row["question_id"] == "try"]
    assert len(written) == 1
    assert "Time-box the stand-up, and count the minutes." in written[0]["response"]
    assert written[0]["learner"] == "ada"
    assert written[0]["answered_at"].startswith("2026-03-02T09:30")
    assert written[0]["correct"] == ""
