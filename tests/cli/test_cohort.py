"""``smlab cohort``: the trainer's terminal view and CSV export, on a real store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.cli.cohort import write_csv
from toolkit.course import LESSONS
from toolkit.quiz.store import AttemptRecord, Completion, ProgressStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BANK = "02-compound-improvement"


def fill(path: Path) -> None:
    with ProgressStore(path) as store:
        for learner, marks in {"ana": (1, 1, 0), "ben": (1, 0, 1), "=cmd": (0, 0, 1)}.items():
            for n, mark in enumerate(marks):
                store.record_attempt(
                    AttemptRecord(
                        learner=learner, bank_id=BANK, question_id=f"q{n}", response="a",
                        credit=float(mark), correct=bool(mark), points=10 * mark,
                        answered_at=T0, session_id=f"{learner}-1",
                    )
                )  # fmt: skip
        store.record_completion(
            Completion("ana", BANK, "ana-1", "exam", 3, 3, 2, 2 / 3, 20, 30, T0)
        )


def test_the_terminal_view_shows_every_learner_and_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.sqlite3"
    fill(path)
    assert main(["cohort", "--url", str(path), "--lesson", BANK]) == 0
    out = capsys.readouterr().out
    assert "Cohort: 3 learner(s)" in out
    assert "+ done" in out
    assert "ben" in out
    assert f"{BANK}/q0" in out
    assert "Weekly score" in out


def test_csv_export_is_neutralised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.sqlite3"
    fill(path)
    target = tmp_path / "cohort.csv"
    assert main(["cohort", "--url", str(path), "--csv", str(target)]) == 0
    progress = pd.read_csv(target)
    assert set(progress["learner"]) == {"ana", "ben", "'=cmd"}
    assert len(progress) == 3 * len(LESSONS)
    ana = progress[(progress["learner"] == "ana") & (progress["lesson"] == BANK)]
    assert ana["status"].tolist() == ["done"]
    questions = pd.read_csv(tmp_path / "cohort-questions.csv")
    assert questions["facility"].round(1).tolist() == [66.7, 33.3, 66.7]


def test_an_unknown_lesson_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "--url", str(tmp_path / "p.sqlite3"), "--lesson", "99-x"]) == 1
    assert "there is no lesson '99-x'" in capsys.readouterr().err


def test_cohort_csv_neutralises_formulas(tmp_path: Path) -> None:
    frame = pd.DataFrame({"learner": ['=HYPERLINK("http://x")', "ada"], "points": [-5, 10]})
    written = write_csv(frame, tmp_path / "cohort.csv")
    back = pd.read_csv(written)
    assert back["learner"].tolist() == ['\'=HYPERLINK("http://x")', "ada"]
    assert back["points"].tolist() == [-5, 10]  # numbers stay numbers
