"""The trainer's guide: every section for every lesson, wrong answers read from the bank."""

from __future__ import annotations

import re

import pytest

from toolkit.course import LESSONS
from toolkit.export.errors import ExportError
from toolkit.export.trainer import (
    SECTIONS,
    common_wrong_answers,
    lesson_timings,
    load_trainer_notes,
    trainer_guide,
)
from toolkit.paths import quizzes_dir
from toolkit.quiz.loader import load_bank

SLUGS = [lesson.slug for lesson in LESSONS]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_lesson_has_each_section(slug: str) -> None:
    guide = trainer_guide(slug)
    positions = [guide.index(f"### {section}") for section in SECTIONS]
    assert positions == sorted(positions)
    notes = load_trainer_notes()[slug]
    for text in [*notes["points"], *notes["prompts"]]:
        assert f"- {text}" in guide
    assert "| Checkpoint |" in guide


@pytest.mark.parametrize("slug", SLUGS)
def test_wrong_answers_are_the_banks_own(slug: str) -> None:
    """Each tempting option of a checkpoint question appears with its bank explanation."""
    bank = load_bank(quizzes_dir() / f"{slug}.yaml")
    guide = trainer_guide(slug)
    wrong = common_wrong_answers(bank)
    assert wrong, f"{slug}: the checkpoint has no written wrong answers for the guide"
    for answer in wrong:
        assert f"- *Tempting:* {answer.answer}. {answer.why_tempting}" in guide


def test_a_changed_bank_changes_the_guide() -> None:
    bank = load_bank(quizzes_dir() / "09-improvement-register.yaml")
    question = next(q for q in bank.for_checkpoint().questions if q.id == "which-first")
    options = tuple(
        option.model_copy(update={"explanation": "A brand-new explanation for the guide test."})
        if not option.correct
        else option
        for option in question.options  # type: ignore[union-attr]
    )
    changed = question.model_copy(update={"options": options})
    edited = bank.model_copy(
        update={"questions": tuple(changed if q.id == "which-first" else q for q in bank.questions)}
    )
    assert "A brand-new explanation for the guide test." not in trainer_guide("09")
    assert "A brand-new explanation for the guide test." in trainer_guide("09", bank=edited)


def test_every_kind_of_written_wrong_answer_is_read() -> None:
    """Single and multiple choice options, scenario options, true/false and distractors."""
    seen: set[str] = set()
    for slug in SLUGS:
        bank = load_bank(quizzes_dir() / f"{slug}.yaml")
        prompts = {" ".join(q.prompt.split()): q.type for q in bank.for_checkpoint().questions}
        seen |= {prompts[answer.question] for answer in common_wrong_answers(bank)}
    assert {"single", "multiple", "scenario", "true_false", "numeric"} <= seen


def test_timings_follow_the_lesson_length_rule() -> None:
    """Reading at 200 words a minute, 2 minutes an activity, 1 a checkpoint question."""
    timings = dict(lesson_timings("09-improvement-register"))
    bank = load_bank(quizzes_dir() / "09-improvement-register.yaml")
    assert timings["Checkpoint"] == len(bank.for_checkpoint().questions)
    assert next(iter(timings)) == "Introduction"
    assert "The seven-step improvement model" in timings
    # The WSJF section holds the lesson's one slider: at least its two minutes.
    wsjf = next(name for name in timings if name.startswith("WSJF"))
    assert timings[wsjf] >= 2
    assert 10 <= sum(timings.values()) <= 20


def test_unknown_lesson_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match=re.escape("no lesson '42'")):
        trainer_guide("42")
