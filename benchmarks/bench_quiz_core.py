"""Quiz core: load and validate a 1,000-question bank; grade 100,000 responses.

Each figure is the best of a few repeats, with its baseline timed in the same process:

- loading (safe YAML with line numbers, pydantic validation, every bank rule) against plain
  ``yaml.safe_load`` of the same file, which only parses;
- grading against re-validating the question from its data before every grade (what a
  grader without a validated model would have to do to be as safe).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from toolkit.quiz.grading import grade
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import QUESTION, Question

QUESTIONS = 1_000
RESPONSES = 100_000
REPEATS = 3


def _options(right: set[str], ids: str = "abcd") -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "text": f"Option {i}: a plausible answer of a few words",
            "explanation": f"Why option {i} is {'right' if i in right else 'tempting but wrong'}.",
            "correct": i in right,
        }
        for i in ids
    ]


def _question(number: int) -> dict[str, Any]:
    """One question of each type in turn, each with the fields a real bank uses."""
    common: dict[str, Any] = {
        "id": f"q{number:04d}",
        "prompt": f"Question {number}: which of these is **right** about improvement?",
        "difficulty": ("easy", "medium", "hard")[number % 3],
        "hints": ["Think about what compounds.", "Look at the measure, not the target."],
        "tags": ["benchmark", f"topic-{number % 7}"],
        "source": "lesson:02",
    }
    kind = number % 9
    if kind == 0:
        return {**common, "type": "single", "options": _options({"b"})}
    if kind == 1:
        return {**common, "type": "multiple", "options": _options({"a", "c"})}
    if kind == 2:
        return {
            **common,
            "type": "true_false",
            "answer": False,
            "explanation_true": "Tempting, but green SLAs measure outputs.",
            "explanation_false": "Right: users can be unhappy while SLAs are green.",
        }
    if kind == 3:
        return {
            **common,
            "type": "numeric",
            "answer": 69.66,
            "tolerance": 0.5,
            "unit": "iterations",
            "explanation": "ln 2 / ln 1.01 = 69.66.",
            "distractors": [{"value": 100, "explanation": "Adding, not compounding."}],
        }
    if kind == 4:
        return {
            **common,
            "type": "text",
            "accepted": ["watermelon", "a watermelon"],
            "fuzzy": 0.85,
            "explanation": "Green outside, red inside.",
        }
    if kind == 5:
        return {
            **common,
            "type": "ordering",
            "items": [{"id": f"s{i}", "text": f"Step {i} of the model"} for i in range(5)],
            "explanation": "The steps in order.",
        }
    if kind == 6:
        return {
            **common,
            "type": "matching",
            "pairs": [
                {"id": f"k{i}", "left": f"Key {i}", "right": f"What key {i} measures"}
                for i in range(4)
            ],
            "explanation": "The four keys.",
        }
    if kind == 7:
        return {
            **common,
            "type": "scenario",
            "depends_on": "The risk and repeatability of the change.",
            "options": [
                {"id": "a", "text": "Standard change", "credit": 1, "explanation": "Best."},
                {"id": "b", "text": "Refuse", "credit": 0.25, "explanation": "Too rigid."},
                {"id": "c", "text": "Allow all", "credit": 0, "explanation": "Too loose."},
            ],
        }
    return {
        **common,
        "type": "poll",
        "options": [{"id": str(i), "text": f"{i} of 5"} for i in range(1, 6)],
    }


def bank_text(count: int = QUESTIONS) -> str:
    """The YAML of a generated bank of ``count`` questions of every type."""
    data = {
        "id": "benchmark",
        "title": "Generated benchmark bank",
        "lesson": "benchmark",
        "questions": [_question(n) for n in range(count)],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _responses(question: Question, rng: random.Random) -> Any:
    """A right or wrong response of the right shape for ``question``."""
    kind = question.type
    if kind in ("single", "scenario"):
        return rng.choice([o.id for o in question.options])  # type: ignore[union-attr]
    if kind == "multiple":
        ids = [o.id for o in question.options]  # type: ignore[union-attr]
        return rng.sample(ids, rng.randint(1, len(ids)))
    if kind == "true_false":
        return rng.random() < 0.5
    if kind == "numeric":
        return rng.choice([69.66, 70.1, 72, 100, "69,7"])
    if kind == "text":
        return rng.choice(["watermelon", "Watermellon", "melon", "a  watermelon"])
    if kind == "ordering":
        ids = [i.id for i in question.items]  # type: ignore[union-attr]
        rng.shuffle(ids)
        return ids
    if kind == "matching":
        ids = [p.id for p in question.pairs]  # type: ignore[union-attr]
        shuffled = ids[:]
        rng.shuffle(shuffled)
        return dict(zip(ids, shuffled, strict=True))
    return rng.choice([o.id for o in question.options])  # type: ignore[union-attr]


def _best(action: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """Best wall-clock time and best CPU time of ``repeats`` runs of ``action``."""
    wall = cpu = float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def _note(cpu: float) -> str:
    """CPU time and machine load: on a shared machine the wall clock includes waiting."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"CPU {cpu:.3f} s; load average {load:.1f} on {os.cpu_count()} cores"


def run() -> list[dict[str, Any]]:
    """Time loading and grading against their baselines; return one row per measurement."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "benchmark.yaml"
        path.write_text(bank_text(), encoding="utf-8")
        bank = load_bank(path)
        assert len(bank.questions) == QUESTIONS
        load, load_cpu = _best(lambda: load_bank(path))
        plain, _ = _best(lambda: yaml.safe_load(path.read_text(encoding="utf-8")))
    rows.append(
        {
            "name": f"load + validate a {QUESTIONS:,}-question bank",
            "seconds": load,
            "baseline": "yaml.safe_load of the same file (parse only, no checks)",
            "baseline_seconds": plain,
            "ratio": plain / load,
            "target": "< 0.5 s",
            "note": _note(load_cpu),
        }
    )

    rng = random.Random(20261122)
    questions = list(bank.questions)
    cases = [(q, _responses(q, rng)) for q in (rng.choice(questions) for _ in range(RESPONSES))]
    raw = {q.id: q.model_dump(mode="python") for q in questions}

    def grade_all() -> None:
        for question, response in cases:
            grade(question, response)

    def revalidate_and_grade() -> None:
        for question, response in cases:
            grade(QUESTION.validate_python(raw[question.id]), response)

    graded, graded_cpu = _best(grade_all)
    naive, _ = _best(revalidate_and_grade, repeats=1)
    rows.append(
        {
            "name": f"grade {RESPONSES:,} responses (all nine types)",
            "seconds": graded,
            "baseline": "re-validate the question from its data before each grade",
            "baseline_seconds": naive,
            "ratio": naive / graded,
            "target": "< 1 s",
            "note": _note(graded_cpu),
        }
    )
    return rows


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['name']}: {row['seconds']:.3f} s; baseline {row['baseline']}: "
            f"{row['baseline_seconds']:.3f} s; ratio {row['ratio']:.1f}x; target {row['target']}"
            f" [{row['note']}]"
        )
