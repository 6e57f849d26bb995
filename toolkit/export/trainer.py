"""The trainer's guide to a lesson: timings, points to land, prompts, and the tempting answers.

``smlab export handout LESSON --trainer`` adds it to the end of the handout. Each part comes
from where it is kept once:

- **timings** from the lesson notebook itself: each section's reading time (words / 200 a
  minute), two minutes for each interactive model, and a minute per checkpoint question (the
  same rule the course's lesson-length check uses);
- **points to land** and **prompts for the room** from ``trainer_notes.yaml`` beside this
  module;
- **common wrong answers** from the lesson's question bank: every tempting wrong option of
  the checkpoint's questions with its own explanation, and what the right answer says, so a
  change to the bank changes the guide.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from toolkit.export.errors import ExportError
from toolkit.export.resolve import lesson_notebook, resolve_lesson
from toolkit.paths import quizzes_dir
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import (
    Bank,
    MultipleChoice,
    Numeric,
    Question,
    Scenario,
    SingleChoice,
    TrueFalse,
)

#: The guide's notes file: points to land and prompts, per lesson.
NOTES_FILE: Path = Path(__file__).resolve().parent / "trainer_notes.yaml"
#: The guide's section headings, in order.
SECTIONS: tuple[str, ...] = (
    "Timings",
    "Points to land",
    "Discussion prompts for the room",
    "Common wrong answers, and how to address them",
)
WORDS_PER_MINUTE = 200
MINUTES_PER_ACTIVITY = 2
_INTERACTIVE = re.compile(r"\binteract\b|_widget\(|Widget\(")
_CHECKPOINT = re.compile(r"toolkit\.checkpoint\(")


@dataclass(frozen=True)
class WrongAnswer:
    """A tempting wrong answer to a checkpoint question, as the bank explains it."""

    question: str
    answer: str
    why_tempting: str
    right: str
    why_right: str


def load_trainer_notes(path: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """Return the points to land and the prompts for every lesson.

    Raises
    ------
    ExportError
        If the file is not a mapping of lessons to ``points`` and ``prompts`` lists.
    """
    file = path or NOTES_FILE
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ExportError(f"{file.name}: expected a mapping of lessons to notes")
    notes: dict[str, dict[str, list[str]]] = {}
    for slug, entry in data.items():
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), list) and entry[key] for key in ("points", "prompts")
        ):
            raise ExportError(f"{file.name}: {slug}: needs non-empty 'points' and 'prompts' lists")
        notes[str(slug)] = {
            key: [str(item) for item in entry[key]] for key in ("points", "prompts")
        }
    return notes


def lesson_timings(lesson: str) -> list[tuple[str, float]]:
    """Return each section of a lesson with the minutes it takes, in order.

    A section starts at a ``##`` heading; the text before the first one is the introduction.
    The checkpoint counts a minute per question it asks.

    Examples
    --------
    >>> [name for name, _ in lesson_timings("09")][-1]
    'Checkpoint'
    """
    chosen = resolve_lesson(lesson)
    notebook = nbformat.read(lesson_notebook(chosen), as_version=4)  # type: ignore[no-untyped-call]
    sections: list[list[Any]] = [["Introduction", 0.0]]
    for cell in notebook.cells:
        source = str(cell.source)
        if cell.cell_type == "markdown":
            for line in source.splitlines():
                if line.startswith("## "):
                    sections.append([line[3:].strip(), 0.0])
                sections[-1][1] += len(line.split()) / WORDS_PER_MINUTE
        elif _CHECKPOINT.search(source):
            sections.append(
                ["Checkpoint", float(len(_bank(chosen.slug).for_checkpoint().questions))]
            )
        elif _INTERACTIVE.search(source):
            sections[-1][1] += MINUTES_PER_ACTIVITY
    merged: dict[str, float] = {}
    for name, minutes in sections:
        if name == "Checkpoint" and "Checkpoint" in merged:
            merged[name] = minutes
        else:
            merged[name] = merged.get(name, 0.0) + minutes
    return [(name, minutes) for name, minutes in merged.items() if minutes > 0]


def _bank(slug: str) -> Bank:
    path = quizzes_dir() / f"{slug}.yaml"
    if not path.is_file():
        raise ExportError(f"lesson {slug} has no question bank at {path.name}")
    return load_bank(path)


def _right_option(options: Any) -> tuple[str, str]:
    best = max(options, key=lambda option: getattr(option, "credit", 1.0 if option.correct else 0))
    return str(best.text), str(best.explanation)


def common_wrong_answers(bank: Bank) -> list[WrongAnswer]:
    """Return the tempting wrong answers to a bank's checkpoint questions, with explanations.

    Single and multiple choice: every wrong option. Scenarios: every option below full
    credit. True/false: the wrong verdict. Numbers: each distractor. Other types have no
    written wrong answers and are left out.

    Parameters
    ----------
    bank : Bank
        A lesson's bank; its checkpoint questions are read (all of them if none is marked).

    Returns
    -------
    list of WrongAnswer
        In the bank's order.
    """
    found: list[WrongAnswer] = []
    for question in bank.for_checkpoint().questions:
        found += _wrong_answers(question)
    return found


def _wrong_answers(question: Question) -> list[WrongAnswer]:
    prompt = " ".join(question.prompt.split())
    if isinstance(question, SingleChoice | MultipleChoice):
        right = [option for option in question.options if option.correct]
        right_text = "; ".join(option.text for option in right)
        right_why = " ".join(option.explanation for option in right[:1])
        return [
            WrongAnswer(prompt, option.text, option.explanation, right_text, right_why)
            for option in question.options
            if not option.correct and option.explanation
        ]
    if isinstance(question, Scenario):
        best_text, best_why = _right_option(question.options)
        return [
            WrongAnswer(prompt, option.text, option.explanation, best_text, best_why)
            for option in question.options
            if option.credit < 1 and option.explanation
        ]
    if isinstance(question, TrueFalse):
        wrong = not question.answer
        return [
            WrongAnswer(
                prompt,
                "True" if wrong else "False",
                question.explanation_true if wrong else question.explanation_false,
                "True" if question.answer else "False",
                question.explanation_true if question.answer else question.explanation_false,
            )
        ]
    if isinstance(question, Numeric):
        key = f"{question.answer:g}" if question.answer is not None else "within the range given"
        return [
            WrongAnswer(prompt, f"{d.value:g}", d.explanation, key, question.explanation)
            for d in question.distractors
        ]
    return []


def _minutes(value: float) -> str:
    whole = max(1, math.ceil(value - 1e-9))
    return f"{whole} min"


def trainer_guide(lesson: str, *, bank: Bank | None = None) -> str:
    """Return the trainer's guide to ``lesson`` as Markdown.

    Parameters
    ----------
    lesson : str
        The lesson's slug or number.
    bank : Bank, optional
        The bank to take the wrong answers from; the lesson's own by default.

    Returns
    -------
    str
        A ``## Trainer's guide`` section with one ``###`` heading per part (see
        :data:`SECTIONS`).

    Raises
    ------
    ExportError
        For an unknown lesson, or one with no notes in ``trainer_notes.yaml``.

    Examples
    --------
    >>> guide = trainer_guide("06")
    >>> all(f"### {section}" in guide for section in SECTIONS)
    True
    """
    chosen = resolve_lesson(lesson)
    notes = load_trainer_notes().get(chosen.slug)
    if notes is None:
        raise ExportError(f"lesson {chosen.slug} has no trainer's notes in {NOTES_FILE.name}")
    timings = lesson_timings(chosen.slug)
    total = sum(minutes for _, minutes in timings)
    lines = [
        "## Trainer's guide",
        "",
        f"For running *{chosen.title}* with a room. The lesson itself takes about "
        f"{max(1, math.ceil(total - 1e-9))} minutes; in a lunch-hour session, leave the rest "
        "for the prompts below and for the reveal after each checkpoint question.",
        "",
        f"### {SECTIONS[0]}",
        "",
        "| section | about |",
        "| --- | --- |",
        *[f"| {name} | {_minutes(minutes)} |" for name, minutes in timings],
        "",
        f"### {SECTIONS[1]}",
        "",
        *[f"- {point}" for point in notes["points"]],
        "",
        f"### {SECTIONS[2]}",
        "",
        *[f"- {prompt}" for prompt in notes["prompts"]],
        "",
        f"### {SECTIONS[3]}",
        "",
        "For each checkpoint question: the answer, then each tempting wrong answer with what the "
        "bank says about it. Ask the room who chose it and why before you read the explanation "
        "out; then use the right answer's explanation to land the point.",
        "",
    ]
    current = None
    for wrong in common_wrong_answers(bank or _bank(chosen.slug)):
        if wrong.question != current:
            if current is not None:
                lines.append("")
            current = wrong.question
            lines += [f"**{wrong.question}**", "", f"*Right:* {wrong.right}. {wrong.why_right}", ""]
        lines.append(f"- *Tempting:* {wrong.answer}. {wrong.why_tempting}")
    return "\n".join(lines) + "\n"
