"""``smlab validate``: every problem printed as file:line: question-id: message; exit 1 if any."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
import yaml

from toolkit.cli.validate import register
from toolkit.paths import quizzes_dir
from toolkit.quiz import load_bank
from toolkit.quiz.model import QUESTION, QUESTION_TYPES, TrueFalse
from toolkit.quiz.scoring import points_for
from toolkit.quiz.validate import bank_files, validate_paths

GOOD = """\
id: {name}
title: A bank
lesson: {name}
questions:
  - id: q1
    type: true_false
    prompt: Green SLAs prove users are happy.
    answer: false
    explanation_true: Tempting, but an SLA measures output.
    explanation_false: Right, a watermelon.
"""

# Each question breaks one rule the issue lists; the line of each problem is given below.
BROKEN = """\
id: broken
title: Broken bank
lesson: broken
questions:
  - id: unknown-type
    type: essay
    prompt: Write about it.
  - id: no-correct
    type: single
    prompt: Pick
    options:
      - {id: a, text: A, explanation: x}
      - {id: b, text: B, explanation: y}
  - id: two-correct
    type: single
    prompt: Pick
    options:
      - {id: a, text: A, explanation: x, correct: true}
      - {id: b, text: B, explanation: y, correct: true}
  - id: dup-option
    type: multiple
    prompt: Pick
    options:
      - {id: a, text: A, explanation: x, correct: true}
      - {id: a, text: B, explanation: y}
  - id: not-a-number
    type: numeric
    prompt: How many?
    answer: lots
    explanation: x
  - id: bad-range
    type: numeric
    prompt: How many?
    range: [10, 1]
    explanation: x
  - id: unexplained
    type: single
    prompt: Pick
    options:
      - {id: a, text: A, correct: true}
      - {id: b, text: B, explanation: y}
  - id: no-full-credit
    type: scenario
    prompt: It depends
    depends_on: the risk
    options:
      - {id: a, text: A, explanation: x, credit: 0.5}
      - {id: b, text: B, explanation: y, credit: 0}
  - id: nothing-accepted
    type: text
    prompt: Name it
    accepted: []
    explanation: x
  - id: one-item
    type: ordering
    prompt: Order
    items: [{id: a, text: A}]
    explanation: x
  - id: one-pair
    type: matching
    prompt: Match
    pairs: [{id: a, left: A, right: B}]
    explanation: x
  - id: slow
    type: true_false
    prompt: Quick?
    answer: true
    time_limit: 45
    explanation_true: x
    explanation_false: y
  - id: no-correct
    type: poll
    prompt: How?
    options: [{id: a, text: A}, {id: b, text: B}]
"""

EXPECTED = [
    (6, "unknown-type", "unknown question type 'essay'"),
    (11, "no-correct", "no option is marked 'correct: true'"),
    (17, "two-correct", "2 options are marked correct (a, b)"),
    (25, "dup-option", "duplicate option id 'a'"),
    (29, "not-a-number", "answer must be a number, got 'lots'"),
    (34, "bad-range", "range min 10 is greater than max 1"),
    (46, "no-full-credit", "no option has full credit ('credit: 1')"),
    (52, "nothing-accepted", "the 'accepted' list is empty"),
    (57, "one-item", "items needs at least 2 entries, has 1"),
    (62, "one-pair", "pairs needs at least 2 entries, has 1"),
    (68, "slow", "time_limit must be one of 5, 10, 20, 30, 60, 90, 120 or 240 seconds, got 45"),
    (71, "no-correct", "duplicate question id 'no-correct'"),
]


def run_validate(*paths: str | Path) -> int:
    parser = argparse.ArgumentParser(prog="smlab")
    register(parser.add_subparsers())
    args = parser.parse_args(["validate", *map(str, paths)])
    code: int = args.handler(args)
    return code


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_bank_validates() -> None:
    report = validate_paths()
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert report.files == len(bank_files())
    assert report.files >= 1
    assert all(len(bank.questions) >= 1 for bank in report.banks)


def test_validate_with_no_paths_checks_the_shipped_banks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_validate() == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith(f"OK: {len(bank_files())} bank(s), ")


def test_a_broken_bank_prints_each_problem_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "broken", BROKEN)
    assert run_validate(path) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == len(EXPECTED)
    for line, (number, question_id, message) in zip(lines, EXPECTED, strict=True):
        assert line.startswith(f"{path}:{number}: {question_id}: {message}")
    assert (
        captured.err.strip() == f"FAILED: 1 bank(s) checked; {len(EXPECTED)} error(s), 0 warning(s)"
    )


def test_a_good_bank_prints_a_one_line_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "good", GOOD.format(name="good"))
    assert run_validate(path) == 0
    assert capsys.readouterr().out == (
        "OK: 1 bank(s), 1 question(s) valid; 0 error(s), 0 warning(s)\n"
    )


def test_a_folder_stands_for_its_banks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "one", GOOD.format(name="one"))
    write(tmp_path, "two", GOOD.format(name="two"))
    (tmp_path / "notes.md").write_text("not a bank", encoding="utf-8")
    assert run_validate(tmp_path) == 0
    assert "OK: 2 bank(s), 2 question(s)" in capsys.readouterr().out


def test_bank_id_must_match_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "renamed", GOOD.format(name="original"))
    report = validate_paths([path])
    assert [str(p) for p in report.errors] == [
        f"{path}:1: (bank): bank id 'original' differs from the file name 'renamed': name the "
        "file original.yaml (checkpoints find banks by file name)"
    ]
    assert [str(p) for p in report.warnings] == [
        f"{path}:3: (bank): warning: lesson 'original' differs from the file name 'renamed'"
    ]


def test_a_lesson_mismatch_alone_is_only_a_warning(tmp_path: Path) -> None:
    text = GOOD.format(name="quiz").replace("lesson: quiz", "lesson: 03-other")
    report = validate_paths([write(tmp_path, "quiz", text)])
    assert report.ok
    assert len(report.warnings) == 1
    assert report.summary().startswith("OK: 1 bank(s), 1 question(s) valid; 0 error(s), 1 warn")


def test_bank_ids_are_unique_across_banks(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "same", GOOD.format(name="same"))
    second = write(tmp_path / "b", "same", GOOD.format(name="same"))
    report = validate_paths([first, second])
    assert [str(p) for p in report.errors] == [
        f"{second}:1: (bank): bank id 'same' is already used by {first}"
    ]


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no question bank or folder"):
        run_validate(tmp_path / "missing.yaml")


def test_start_here_hint_question_matches_the_scoring_rules() -> None:
    """The bank's numeric answer comes from the toolkit's own scoring model."""
    bank = load_bank(quizzes_dir() / "00-start-here.yaml")
    question = bank.question("hint-cost")
    assert question.answer == points_for(20, credit=1.0, hints_used=1)  # type: ignore[union-attr]
    retry = bank.question("retry-points")
    assert isinstance(retry, TrueFalse)
    assert retry.answer is (points_for(20, credit=1.0, try_number=2) == 20)


def test_start_here_covers_the_course_with_mixed_types() -> None:
    bank = load_bank(quizzes_dir() / "00-start-here.yaml")
    assert len(bank.questions) >= 8
    assert len({q.type for q in bank.questions}) >= 6
    tags = {tag for q in bank.questions for tag in q.tags}
    for topic in (
        "lessons",
        "points",
        "hints",
        "streaks",
        "badges",
        "review",
        "host-mode",
        "voila",
    ):
        assert topic in tags


def format_examples() -> list[dict[str, object]]:
    """The example questions in quizzes/FORMAT.md."""
    text = (quizzes_dir() / "FORMAT.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    questions: list[dict[str, object]] = []
    for block in blocks:
        if block.lstrip().startswith("- id:"):
            questions.extend(yaml.safe_load(block))
    return questions


def test_every_example_in_format_md_is_a_valid_question() -> None:
    examples = format_examples()
    assert {q["type"] for q in examples} == set(QUESTION_TYPES) - {"multiple"}  # "same shape"
    for example in examples:
        QUESTION.validate_python(example)


def test_yaml_only_libyaml_reads_is_reported(tmp_path: Path) -> None:
    text = GOOD.format(name="flow").replace(
        "    answer: false\n",
        "    answer: false\n    tags: [why?]\n",
    )
    path = write(tmp_path, "flow", text)
    report = validate_paths([path])
    assert [p.line for p in report.errors] == [9]
    assert "not portable YAML" in report.errors[0].message


UNEXPLAINED_BANK = """\
id: {name}
title: Unexplained
lesson: {name}
questions:
  - id: q1
    type: single
    prompt: Pick one.
    options:
      - {{id: a, text: A, correct: true}}
      - {{id: b, text: B, explanation: Tempting.}}
"""


def test_a_missing_explanation_fails_only_in_the_course_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = write(tmp_path, "mine", UNEXPLAINED_BANK.format(name="mine"))
    report = validate_paths([elsewhere])
    assert report.ok
    assert [str(p) for p in report.warnings] == [
        f"{elsewhere}:9: q1: warning: option a has no explanation (say why it is right, or "
        "tempting and wrong)"
    ]
    course = tmp_path / "quizzes"
    course.mkdir()
    own = write(course, "own", UNEXPLAINED_BANK.format(name="own"))
    monkeypatch.setattr("toolkit.quiz.validate.quizzes_dir", lambda: course)
    report = validate_paths([own])
    assert not report.ok
    assert [p.message for p in report.errors] == [
        "option a has no explanation (say why it is right, or tempting and wrong)"
    ]
