"""Small banks and fixed clocks for the session, store and widget tests (QUIZ-SESSION's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from toolkit.quiz.model import Bank

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def explained(option_id: str, text: str, *, correct: bool = False) -> dict[str, Any]:
    """An option with its explanation."""
    why = "Right, because it is." if correct else "Tempting, but no."
    return {"id": option_id, "text": text, "explanation": why, "correct": correct}


def single(question_id: str, *, difficulty: str = "medium", **extra: Any) -> dict[str, Any]:
    """A single-choice question whose right option is ``b``."""
    return {
        "id": question_id,
        "type": "single",
        "prompt": f"Question {question_id}?",
        "difficulty": difficulty,
        "options": [
            explained("a", "Alpha"),
            explained("b", "Bravo", correct=True),
            explained("c", "Charlie"),
            explained("d", "Delta"),
        ],
        **extra,
    }


def bank(questions: list[dict[str, Any]], *, bank_id: str = "01-demo", title: str = "Demo") -> Bank:
    """A validated bank of ``questions``."""
    return Bank.model_validate(
        {"id": bank_id, "title": title, "lesson": bank_id, "questions": questions}
    )


def single_bank(count: int = 3, *, bank_id: str = "01-demo", **extra: Any) -> Bank:
    """``count`` single-choice questions ``q1``... (right answer ``b``)."""
    return bank([single(f"q{n}", **extra) for n in range(1, count + 1)], bank_id=bank_id)


def mixed_bank(bank_id: str = "02-mixed") -> Bank:
    """One question of most types, with known answers."""
    return bank(
        [
            single("pick", difficulty="easy", hints=["Not a.", "Not c or d."]),
            {
                "id": "many",
                "type": "multiple",
                "prompt": "Pick the vowels.",
                "options": [
                    explained("a", "A", correct=True),
                    explained("e", "E", correct=True),
                    explained("x", "X"),
                ],
            },
            {
                "id": "tf",
                "type": "true_false",
                "prompt": "Green SLAs prove users are happy.",
                "answer": False,
                "explanation_true": "Tempting.",
                "explanation_false": "Right: a watermelon.",
            },
            {
                "id": "num",
                "type": "numeric",
                "difficulty": "hard",
                "prompt": "1.01 to the power 52?",
                "answer": 1.6777,
                "tolerance": 0.01,
                "explanation": "Compounded weekly.",
            },
            {
                "id": "word",
                "type": "text",
                "prompt": "Green outside, red inside?",
                "accepted": ["watermelon"],
                "explanation": "A watermelon.",
            },
            {
                "id": "order",
                "type": "ordering",
                "prompt": "Order the steps.",
                "items": [
                    {"id": "vision", "text": "Vision"},
                    {"id": "now", "text": "Where are we now?"},
                    {"id": "want", "text": "Where do we want to be?"},
                ],
                "explanation": "Vision, baseline, target.",
            },
            {
                "id": "match",
                "type": "matching",
                "prompt": "Match them.",
                "pairs": [
                    {"id": "df", "left": "Deployment frequency", "right": "How often"},
                    {"id": "lt", "left": "Lead time", "right": "Commit to production"},
                    {"id": "mttr", "left": "Time to restore", "right": "Back in service"},
                ],
                "explanation": "The DORA keys.",
            },
            {
                "id": "depends",
                "type": "scenario",
                "prompt": "Skip the CAB?",
                "depends_on": "Risk and record.",
                "options": [
                    {"id": "a", "text": "For low-risk changes", "credit": 1, "explanation": "Yes."},
                    {"id": "b", "text": "Never", "credit": 0.25, "explanation": "Too rigid."},
                ],
            },
            {
                "id": "feel",
                "type": "poll",
                "prompt": "How confident are you?",
                "options": [{"id": "1", "text": "Not at all"}, {"id": "5", "text": "Very"}],
            },
        ],
        bank_id=bank_id,
        title="Mixed",
    )


#: The right response to each question of :func:`mixed_bank`.
MIXED_RIGHT: dict[str, Any] = {
    "pick": "b",
    "many": ["a", "e"],
    "tf": False,
    "num": 1.68,
    "word": "Watermelon",
    "order": ["vision", "now", "want"],
    "match": {"df": "df", "lt": "lt", "mttr": "mttr"},
    "depends": "a",
    "feel": "5",
}
#: A wrong (or partly right) response to each graded question of :func:`mixed_bank`.
MIXED_WRONG: dict[str, Any] = {
    "pick": "a",
    "many": ["x"],
    "tf": True,
    "num": 2,
    "word": "banana",
    "order": ["want", "now", "vision"],
    "match": {"df": "lt", "lt": "df", "mttr": "mttr"},
    "depends": "b",
    "feel": "1",
}


class Clock:
    """A clock that moves on by ``step`` at every reading."""

    def __init__(self, start: datetime = START, step: timedelta = timedelta(seconds=30)):
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        moment = self.now
        self.now += self.step
        return moment

    def advance(self, **delta: float) -> None:
        """Jump forward, e.g. ``clock.advance(days=2)``."""
        self.now += timedelta(**delta)
