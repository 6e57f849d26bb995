"""``smlab quiz`` and ``smlab progress`` in a terminal: typed answers in, text out."""

from __future__ import annotations

import argparse
import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from tests.quiz.session_banks import MIXED_RIGHT, bank, mixed_bank, single, single_bank
from toolkit.cli import progress as progress_command
from toolkit.cli import quiz as quiz_command
from toolkit.cli.quiz import TerminalQuiz
from toolkit.quiz.model import Bank, Question, ResponseError
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import AttemptRecord, ProgressStore

SEED = 11


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="smlab")
    commands = parser.add_subparsers()
    quiz_command.register(commands)
    progress_command.register(commands)
    return parser.parse_args(list(argv))


def write_bank(folder: Path, source: Bank) -> Path:
    path = folder / f"{source.id}.yaml"
    path.write_text(yaml.safe_dump(source.model_dump(mode="json", exclude_none=True)))
    return path


def run_quiz(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lines: list[str],
    *argv: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    args = parse(*argv)
    status = args.handler(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def typed(question: Question, session: QuizSession, response: Any) -> str:
    """What a learner types for ``response`` to ``question``, given what the session shows."""
    order = session.presented(question)
    if question.type in ("single", "scenario", "poll"):
        return str(order.index(response) + 1)
    if question.type == "multiple":
        return " ".join(str(order.index(r) + 1) for r in response)
    if question.type == "true_false":
        return "1" if response else "2"
    if question.type == "ordering":
        return " ".join(str(order.index(r) + 1) for r in response)
    if question.type == "matching":
        return " ".join("abcdefgh"[order.index(response[p.id])] for p in question.pairs)  # type: ignore[union-attr]
    return str(response)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for the default store, and a fixed learner."""
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SMLAB_LEARNER", "ada")
    return tmp_path / "data" / "progress.sqlite3"


def test_a_whole_practice_quiz_in_the_terminal(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = mixed_bank()
    path = write_bank(tmp_path, source)
    twin = QuizSession(source, rng=random.Random(SEED), course=[])  # the same order and options
    lines = []
    for question in twin.questions:
        lines += [typed(question, twin, MIXED_RIGHT[question.id]), ""]  # answer, then Enter
    status, out, err = run_quiz(monkeypatch, capsys, lines, "quiz", str(path), "--seed", str(SEED))
    assert status == 0, err
    assert "Quiz: Mixed (practice; learner ada)" in out
    assert out.count("Correct") == 8
    assert "Recorded" in out  # the poll
    assert "Question 9 of 9" in out
    assert "score 100%" in out
    assert "points 160 of 160" in out
    assert "Badge earned: First lesson done" in out
    assert "Traceback" not in out + err
    with ProgressStore(data) as store:
        frame = store.attempts("ada")
    assert len(frame) == 9
    assert frame["question_id"].tolist() == [q.id for q in twin.questions]


def test_each_type_is_read_from_what_is_typed() -> None:
    source = mixed_bank()
    session = QuizSession(source, rng=random.Random(3), course=[])
    quiz = TerminalQuiz(session, io.StringIO(), io.StringIO())
    for question in session.questions:
        text = typed(question, session, MIXED_RIGHT[question.id])
        assert quiz.parse(question, text) == (
            str(MIXED_RIGHT[question.id])
            if question.type in ("numeric", "text")
            else MIXED_RIGHT[question.id]
        )
    by_id = {q.id: q for q in session.questions}
    assert quiz.parse(by_id["tf"], "false") is False
    assert quiz.parse(by_id["tf"], "T") is True
    assert quiz.parse(by_id["many"], "1,2") == session.presented(by_id["many"])[:2]


@pytest.mark.parametrize(
    ("question_id", "text", "message"),
    [
        ("pick", "9", "There is no option 9: choose from 1 to 4"),
        ("pick", "two", "Type option numbers from 1 to 4, not 'two'"),
        ("pick", "1 2", "Choose one option"),
        ("many", "1 1", "Type each number once"),
        ("tf", "maybe", "Type 1 for true or 2 for false"),
        ("order", "1 2", "Type each number from 1 to 3 once"),
        ("match", "a b", "Type 3 letters from a to c"),
        ("match", "a b z", "Type 3 letters from a to c"),
    ],
)
def test_mistyped_answers_get_a_message(question_id: str, text: str, message: str) -> None:
    session = QuizSession(mixed_bank(), rng=random.Random(3), course=[])
    quiz = TerminalQuiz(session, io.StringIO(), io.StringIO())
    question = next(q for q in session.questions if q.id == question_id)
    with pytest.raises(ResponseError, match=message):
        quiz.parse(question, text)


def test_a_bad_answer_asks_again_and_hints_cost_points(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = bank([single("q1", difficulty="easy", hints=["Not a.", "Not c."], shuffle=False)])
    path = write_bank(tmp_path, source)
    lines = ["", "7", "abc", "h", "h", "h", "1", "a", "r", "2", ""]
    status, out, err = run_quiz(monkeypatch, capsys, lines, "quiz", str(path))
    assert status == 0, err
    assert "Type an answer, h for a hint or q to stop." in out
    assert "Warning: There is no option 7" in out
    assert "Warning: Type option numbers from 1 to 4, not 'abc'" in out
    assert "Hint 1 (-3 points): Not a." in out
    assert "Hint 2 (-3 points): Not c." in out
    assert "No more hints for this question." in out
    assert "Not quite" in out
    assert "a = show the answer" in out  # a wrong first try: the answer only on request
    assert out.index("a = show the answer") < out.index("The right answer:")
    assert "Correct" in out  # the retry
    assert "points 0 of 10" in out  # the first answer was wrong; a retry earns nothing
    assert "Came back" not in out  # a retry in the same session is not coming back
    assert "Traceback" not in out + err
    with ProgressStore(data) as store:
        assert store.attempts("ada")["try"].tolist() == [1, 2]


@pytest.mark.parametrize("stop", [["q"], []], ids=["q", "end-of-input"])
def test_stopping_keeps_what_was_answered(
    tmp_path: Path,
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stop: list[str],
) -> None:
    source = single_bank(3, shuffle=False)
    path = write_bank(tmp_path, source)
    status, out, err = run_quiz(monkeypatch, capsys, ["2", "", *stop], "quiz", str(path))
    assert status == 0, err
    assert "Stopped." in out
    assert "Answered 1 of 3" in out
    assert "Your answers are saved." in out
    with ProgressStore(data) as store:
        assert len(store.attempts("ada")) == 1


def test_ctrl_c_stops_cleanly_and_keeps_answers(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Interrupting(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    path = write_bank(tmp_path, single_bank(3, shuffle=False))
    monkeypatch.setattr("sys.stdin", Interrupting("2\n\n"))
    args = parse("quiz", str(path))
    assert args.handler(args) == 130
    out = capsys.readouterr().out
    assert "Stopped." in out
    assert "Answered 1 of 3" in out
    with ProgressStore(data) as store:
        assert len(store.attempts("ada")) == 1


def test_an_exam_shows_results_only_at_the_end(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_bank(tmp_path, single_bank(2, shuffle=False))
    status, out, _ = run_quiz(monkeypatch, capsys, ["2", "1"], "quiz", str(path), "--mode", "exam")
    assert status == 0
    during, after = out.split("Answered 2 of 2")[0].rsplit("Question 2 of 2", 1)
    assert "Correct" not in during
    assert after.count("Answer recorded") == 1
    assert "Correct" in after
    assert "Not quite" in after
    assert "score 50%" in out


def test_a_survey_records_without_grading(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_bank(tmp_path, single_bank(1, shuffle=False))
    status, out, _ = run_quiz(monkeypatch, capsys, ["1"], "quiz", str(path), "--mode", "survey")
    assert status == 0
    assert "Recorded." in out
    assert "Not quite" not in out
    assert "score" not in out


def test_review_serves_what_is_due(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = single_bank(2, bank_id="01-demo", shuffle=False)
    monkeypatch.setattr(quiz_command, "load_course", lambda: ({"01-demo": lesson}, []))
    status, out, _ = run_quiz(monkeypatch, capsys, [], "quiz", "--review")
    assert status == 0
    assert "Nothing is due for review right now." in out
    with ProgressStore(data) as store:
        store.record_attempt(
            AttemptRecord(
                learner="ada",
                bank_id="01-demo",
                question_id="q2",
                response="a",
                credit=0.0,
                correct=False,
                points=0,
                answered_at=datetime.now(UTC) - timedelta(days=2),
            )
        )
    status, out, _ = run_quiz(monkeypatch, capsys, ["2", ""], "quiz", "--review", "--seed", "1")
    assert status == 0
    assert "Quiz: Review: what is due today (review; learner ada)" in out
    assert "Correct" in out
    assert "Badge earned: Reviewed the due queue" in out
    with ProgressStore(data) as store:
        assert [(b.question_id, b.box) for b in store.boxes("ada")] == [("q2", 2)]


def test_usage_and_bank_errors_are_messages(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_quiz(monkeypatch, capsys, [], "quiz")
    assert status == 2
    assert "give a lesson name or bank file, or --review" in err
    status, _, err = run_quiz(monkeypatch, capsys, [], "quiz", "no-such-lesson")
    assert status == 1
    assert "no quiz for the lesson 'no-such-lesson'" in err
    assert "00-start-here" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "id: broken\ntitle: Broken\nlesson: broken\nquestions:\n  - id: q1\n    type: essay\n"
    )
    status, _, err = run_quiz(monkeypatch, capsys, [], "quiz", str(broken))
    assert status == 1
    assert "broken.yaml:" in err
    status, _, err = run_quiz(monkeypatch, capsys, [], "quiz", str(tmp_path / "missing.yaml"))
    assert status == 1
    assert "no bank file" in err


def test_a_shipped_lesson_is_found_by_name(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_quiz(monkeypatch, capsys, ["q"], "quiz", "00-start-here")
    assert status == 0, err
    assert "Question 1 of" in out


def test_an_unusable_store_still_runs_the_quiz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "other.sqlite3"
    import sqlite3

    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.close()
    path = write_bank(tmp_path, single_bank(1, shuffle=False))
    status, out, err = run_quiz(
        monkeypatch, capsys, ["2", ""], "quiz", str(path), "--store", str(foreign)
    )
    assert status == 0
    assert "Your progress is not being saved this time" in err
    assert "Correct" in out
    assert "Your answers were not saved" in out


def test_progress_shows_and_exports(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_bank(tmp_path, single_bank(2, shuffle=False))
    run_quiz(monkeypatch, capsys, ["2", "", "2", ""], "quiz", str(path))
    monkeypatch.setattr(progress_command, "load_course", lambda: ({"01-demo": single_bank(2)}, []))
    status, out, _ = run_quiz(monkeypatch, capsys, [], "progress")
    assert status == 0
    assert "Progress of ada" in out
    assert "Level 1: Novice · 40 points, 60 to the next · streak 2" in out
    assert "done       01-demo: mastered 0 of 2 best 100%" in out
    assert "First lesson done" in out
    assert "Due for review: 0" in out
    csv = tmp_path / "answers.csv"
    status, out, _ = run_quiz(monkeypatch, capsys, [], "progress", "--export", str(csv))
    assert status == 0
    assert f"Wrote 2 answers to {csv}" in out
    assert sorted(pd.read_csv(csv)["question_id"]) == ["q1", "q2"]
