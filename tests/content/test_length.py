"""Lessons 00-10 take 10-20 minutes: reading, activities and the checkpoint; 11 is a workshop."""

from __future__ import annotations

import re

import pytest

from tests.content.lesson_text import STEMS, Lesson, load
from toolkit.course import lesson as course_lesson

#: A code cell that shows a control a learner plays with (the checkpoint is counted apart).
_INTERACTIVE = re.compile(
    r"\binteract(?:ive)?\b|\b(?:RoutePicker|AssessmentWidget|csf_widget|review_widget|"
    r"ProgressDashboard|HostWidget|QuizWidget|CohortView)\("
)
WORDS_PER_MINUTE = 200


def minutes(lesson: Lesson) -> float:
    """Reading (words / 200) + 2 per interactive cell + 1 per checkpoint question."""
    words = sum(len(text.split()) for text in lesson.markdown)
    activities = sum(1 for source in lesson.code if _INTERACTIVE.search(source))
    return words / WORDS_PER_MINUTE + 2 * activities + len(lesson.marked)


@pytest.mark.parametrize("stem", STEMS)
def test_lesson_fits_a_sitting(stem: str) -> None:
    lesson = load(stem)
    if lesson.number == 11:
        assert course_lesson(11).minutes == 60, "the capstone is a 60-minute workshop"
        return
    total = minutes(lesson)
    assert 10 <= total <= 20, f"{stem}: about {total:.1f} minutes; a lesson takes 10-20"


def test_the_count_reads_markdown_activities_and_checkpoint() -> None:
    lesson = Lesson(
        "99-demo",
        (
            {"cell_type": "markdown", "source": ["word " * 400]},
            {"cell_type": "code", "source": ["widgets.interact(f, x=1)"]},
            {"cell_type": "code", "source": ['toolkit.checkpoint("99-demo")']},
        ),
        {"questions": [{"id": "a", "checkpoint": True}, {"id": "b"}]},
    )
    assert minutes(lesson) == pytest.approx(2 + 2 + 1)
