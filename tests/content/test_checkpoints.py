"""Each lesson's checkpoint asks 5-8 questions, and a third of them apply an idea to a case."""

from __future__ import annotations

import math

import pytest

from tests.content.lesson_text import STEMS, load

APPLIED = "applied"


@pytest.mark.parametrize("stem", STEMS)
def test_checkpoint_asks_five_to_eight(stem: str) -> None:
    lesson = load(stem)
    marked = [q["id"] for q in lesson.questions if q.get("checkpoint")]
    assert 5 <= len(marked) <= 8, (
        f"{stem}: the checkpoint marks {len(marked)} questions ({marked}); mark 5 to 8 with "
        "checkpoint: true"
    )


@pytest.mark.parametrize("stem", STEMS)
def test_a_third_of_the_checkpoint_is_applied(stem: str) -> None:
    lesson = load(stem)
    marked = [q for q in lesson.questions if q.get("checkpoint")]
    applied = [q["id"] for q in marked if APPLIED in (q.get("tags") or [])]
    needed = math.ceil(len(marked) / 3)
    assert marked, f"{stem}: no question is marked checkpoint: true"
    assert len(applied) >= needed, (
        f"{stem}: {len(applied)} of {len(marked)} checkpoint questions are tagged applied "
        f"({applied}); at least {needed} must apply an idea to a case (tags: [applied])"
    )


@pytest.mark.parametrize("stem", STEMS)
def test_applied_is_only_claimed_by_case_questions(stem: str) -> None:
    """An applied question sets a case: data, a chart, a table or a situation to judge."""
    lesson = load(stem)
    for question in lesson.questions:
        if APPLIED in (question.get("tags") or []):
            assert question["type"] not in {"reflection", "poll"}, (
                f"{stem}: {question['id']} is a reflection; applied questions are graded"
            )
