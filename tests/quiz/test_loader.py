"""Loading banks: safe YAML only, and every problem reported at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.paths import quizzes_dir
from toolkit.quiz import BankError, load_bank
from toolkit.quiz.loader import bank_problems, parse_bank
from toolkit.quiz.model import SingleChoice

GOOD = """\
id: demo
title: Demo bank
lesson: demo
questions:
  - id: q1
    type: single
    prompt: Pick one
    options:
      - id: a
        text: A
        correct: true
        explanation: Because A.
      - id: b
        text: B
        explanation: Not B.
"""

# Line numbers matter: the test below names them.
BROKEN = """\
id: demo
title: Demo bank
lesson: demo
questions:
  - id: q1
    type: single
    prompt: Pick one
    colour: red
    options:
      - {id: a, text: A, correct: true, explanation: Because A.}
      - {id: b, text: B}
  - id: q2
    type: numeric
    prompt: How many?
    answer: seventy
    explanation: x
  - id: q3
    type: wibble
    prompt: What?
  - id: q2
    type: true_false
    prompt: True?
    answer: true
    explanation_true: "yes"
    explanation_false: no
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(text: str) -> list[str]:
    bank, problems = parse_bank(text, file="b.yaml")
    assert bank is None
    return [str(problem) for problem in problems]


def test_load_bank_returns_a_validated_bank_with_its_path(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    bank = load_bank(path)
    assert bank.id == "demo"
    assert bank.path == path
    question = bank.question("q1")
    assert isinstance(question, SingleChoice)
    assert question.answer.id == "a"


def test_load_bank_accepts_a_string_path(tmp_path: Path) -> None:
    assert load_bank(str(write(tmp_path, GOOD))).title == "Demo bank"


def test_the_start_here_bank_loads() -> None:
    bank = load_bank(quizzes_dir() / "00-start-here.yaml")
    assert bank.lesson == "00-start-here"
    assert len(bank.questions) >= 8


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no question bank at"):
        load_bank(tmp_path / "nope.yaml")


def test_every_problem_is_reported_with_file_line_and_question(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    with pytest.raises(BankError) as caught:
        load_bank(path)
    lines = [str(problem) for problem in caught.value.problems]
    assert lines == [
        f"{path}:8: q1: unknown key 'colour'; allowed: id, type, prompt, difficulty, hints, "
        "tags, time_limit, source, shuffle, checkpoint, options",
        f"{path}:15: q2: answer must be a number, got 'seventy'",
        f"{path}:18: q3: unknown question type 'wibble'; use one of: single, multiple, "
        "true_false, numeric, text, ordering, matching, scenario, poll, reflection",
        f"{path}:20: q2: duplicate question id 'q2'",
        f"{path}:25: q2: explanation_false must be text, got False (put it in quotes: YAML "
        "reads a bare yes/no/on/off as true/false)",
    ]
    assert str(caught.value).startswith("5 problems in the bank:")


def test_bank_problems_does_not_raise(tmp_path: Path) -> None:
    bank, problems = bank_problems(write(tmp_path, BROKEN))
    assert bank is None
    assert len(problems) == 5
    bank, problems = bank_problems(write(tmp_path, GOOD, "good.yaml"))
    assert bank is not None
    assert problems == []


def test_rule_problems_point_at_the_option() -> None:
    text = GOOD.replace("      - id: b\n", "      - id: a\n")
    assert problems_of(text) == ["b.yaml:13: q1: duplicate option id 'a'"]


def test_duplicate_keys_are_reported_not_silently_dropped() -> None:
    text = GOOD.replace("        explanation: Not B.\n", "        explanation: Not B.\n" * 2)
    assert problems_of(text) == [
        "b.yaml:16: q1: duplicate key 'explanation' (YAML would keep only the last)"
    ]


def test_scenario_option_with_correct_gets_a_hint() -> None:
    text = """\
id: s
title: S
lesson: s
questions:
  - id: sc
    type: scenario
    prompt: What now?
    depends_on: the risk
    options:
      - {id: a, text: A, explanation: x, correct: true}
      - {id: b, text: B, explanation: y, credit: 0.5}
"""
    found = problems_of(text)
    assert len(found) == 2
    assert any(
        line.startswith("b.yaml:10: sc: option 'a': unknown key 'correct' (scenario options use")
        for line in found
    )
    assert "b.yaml:10: sc: option 'a': missing required key 'credit'" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "b.yaml:1: (bank): the file is empty"),
        ("- 1\n- 2\n", "b.yaml:1: (bank): a bank is a mapping (id:, title:, ...), not a list"),
        ("id: [1\n", "b.yaml:2: (bank): not valid YAML"),
        ("id: a\n---\nid: b\n", "b.yaml:2: (bank): not valid YAML"),
        (
            "id: !!python/object/apply:os.system ['true']\n",
            "b.yaml:1: (bank): YAML tag !!python/object/apply:os.system refused",
        ),
        ("base: &b {a: 1}\nother: *b\n", "b.yaml:2: (bank): a YAML alias (*name) of a mapping"),
        ("a: " + "[" * 3000 + "]" * 3000 + "\n", "b.yaml:1: (bank): "),
    ],
)
def test_files_that_are_not_banks(text: str, expected: str) -> None:
    assert problems_of(text)[0].startswith(expected)


def test_a_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"id: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(BankError, match="refused"):
        load_bank(write(tmp_path, text))
    assert not marker.exists()


def test_nested_aliases_cannot_blow_up() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    found = problems_of("\n".join(lines) + "\n")
    assert any("alias" in line for line in found)


def test_aliases_of_text_are_fine() -> None:
    text = GOOD.replace("Because A.", "&why Because A.").replace("Not B.", "*why")
    bank, problems = parse_bank(text)
    assert problems == []
    assert bank is not None


def test_the_path_key_is_refused() -> None:
    found = problems_of(GOOD + "path: /etc/passwd\n")
    assert found == ["b.yaml:16: (bank): unknown key 'path'"]


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(BankError, match="not UTF-8"):
        load_bank(path)


def test_hostile_text_is_loaded_as_plain_text() -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    text = GOOD.replace("prompt: Pick one", f"prompt: '{hostile}'")
    bank, problems = parse_bank(text)
    assert problems == []
    assert bank is not None
    assert bank.question("q1").prompt == hostile


def test_problems_come_in_line_order() -> None:
    _, problems = parse_bank(BROKEN)
    assert [p.line for p in problems] == sorted(p.line for p in problems)


HEAD = "id: b\ntitle: T\nlesson: b\nquestions:\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  - hello\n",
            ["b.yaml:5: question 1: question 1 must be a mapping (key: value), got text"],
        ),
        (
            "  - {id: q, type: numeric, prompt: P, explanation: e, range: [1]}\n",
            ["b.yaml:5: q: range must be two numbers [min, max], got [1]"],
        ),
        (
            "  - {id: q, type: text, prompt: P, explanation: e, accepted: [x], hints: ['']}\n",
            ["b.yaml:5: q: hint 1 is empty"],
        ),
        (
            "  - id: q\n    type: single\n    prompt: P\n    options:\n"
            "      - {id: a, text: 1.68, explanation: e, correct: true}\n      - B\n",
            [
                "b.yaml:9: q: option 'a': text must be text, got 1.68 (put it in quotes: YAML "
                "reads a bare 1.68 as a number)",
                "b.yaml:10: q: option 2 must be a mapping (key: value), got text",
            ],
        ),
    ],
)
def test_messages_name_the_entry(body: str, expected: list[str]) -> None:
    assert problems_of(HEAD + body) == expected


UNEXPLAINED = """\
id: demo
title: Demo
lesson: demo
questions:
  - id: q1
    type: single
    prompt: Pick one.
    options:
      - {id: a, text: A, correct: true}
      - {id: b, text: B, explanation: Tempting.}
  - id: q2
    type: true_false
    prompt: True?
    answer: true
    explanation_true: Yes.
  - id: q3
    type: scenario
    prompt: Which?
    options:
      - {id: a, text: A, credit: 1, explanation: Best.}
      - {id: b, text: B, credit: 0.5, explanation: Half.}
"""


def test_explanations_are_optional_unless_required(tmp_path: Path) -> None:
    path = write(tmp_path, UNEXPLAINED)
    bank = load_bank(path)
    assert bank.question("q1").options[0].explanation == ""  # type: ignore[union-attr]
    bank, warnings = bank_problems(path, explanations="warn")
    assert bank is not None
    assert [(p.line, p.question_id, p.severity) for p in warnings] == [
        (9, "q1", "warning"),
        (11, "q2", "warning"),
        (16, "q3", "warning"),
    ]
    bank, errors = bank_problems(path, explanations="required")
    assert bank is None
    assert [str(p) for p in errors] == [
        f"{path}:9: q1: option a has no explanation (say why it is right, or tempting and wrong)",
        f"{path}:11: q2: missing required key 'explanation_false'",
        f"{path}:16: q3: missing required key 'depends_on'",
    ]
