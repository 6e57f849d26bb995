"""A trainer runs a round of the final challenge in Voila: start, the timer ticks, two teams
answer, reveal, the explanation and the leaderboard update."""

from __future__ import annotations

import random
import re

import nbformat
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server
from toolkit.paths import notebooks_dir
from toolkit.quiz.course_bank import course_challenge
from toolkit.quiz.host.projector import right_response
from toolkit.quiz.host.session import HostSession
from toolkit.quiz.model import (
    MultipleChoice,
    Numeric,
    Option,
    Question,
    Scenario,
    ScenarioOption,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from toolkit.quiz.sanitize import to_plain_text

pytestmark = pytest.mark.browser

KERNEL_START = 90_000  # ms: a cold kernel on a busy two-core machine
KERNEL_REPLY = 30_000  # ms: a click's round trip to the kernel and back
LESSON = "10-final-challenge"
#: The draw in the lesson: the test rebuilds the same first question to know its answer.
SEED = 2026
DRAW = f"course_challenge(n=12, seed={SEED})"
SHUFFLE = f"random.Random({SEED})"


def first_question() -> tuple[HostSession, Question]:
    """The lesson's session as the kernel builds it, and its first question."""
    source = "\n".join(
        cell.source for cell in nbformat.read(notebooks_dir() / f"{LESSON}.ipynb", 4).cells
    )
    assert DRAW in source, f"{LESSON}.ipynb no longer draws {DRAW}: update this test"
    assert SHUFFLE in source, f"{LESSON}.ipynb no longer shuffles with {SHUFFLE}"
    host = HostSession(course_challenge(n=12, seed=SEED), rng=random.Random(SEED))
    question = host.current
    assert question is not None
    return host, question


def typed(host: HostSession, question: Question, *, right: bool) -> str:
    """What the trainer types for a right (or a wrong) answer to ``question``."""
    if isinstance(question, TrueFalse):
        return "T" if question.answer is right else "F"
    if isinstance(question, Numeric):
        value = right_response(question)
        return f"{value:g}" if right else f"{value * 10 + 1000:g}"
    if isinstance(question, ShortText):
        return question.accepted[0] if right else "no idea at all"
    if isinstance(question, SingleChoice | MultipleChoice | Scenario):
        answer = right_response(question)
        wanted = set(answer) if isinstance(answer, list) else {answer}
        letters = [label for label, key, _ in host.choices(question) if (key in wanted) is right]
        return ", ".join(letters) if right else letters[0]
    raise AssertionError(f"no typed answer for a {question.type} question")  # pragma: no cover


def right_explanation(question: Question) -> str:
    """The start of the right option's explanation (or the question's), as plain text."""
    if isinstance(question, TrueFalse):
        text = question.explanation_true if question.answer else question.explanation_false
    elif isinstance(question, SingleChoice | MultipleChoice | Scenario):
        options: tuple[Option | ScenarioOption, ...] = question.options
        text = next(o.explanation for o in options if o.correct)
    else:
        text = question.explanation  # type: ignore[union-attr]
    return " ".join(to_plain_text(text).split())[:40]


def test_a_trainer_runs_a_round_in_voila(voila_server: Server, page: Page) -> None:
    host, question = first_question()
    page.goto(voila_server.address(f"/voila/render/{LESSON}.ipynb"))

    panel = page.locator(".smlab-host")
    expect(panel).to_be_visible(timeout=KERNEL_START)
    expect(panel.locator(".smlab-host-header")).to_contain_text("Question 1 of 12")
    timer = panel.locator(".smlab-host-timer")
    expect(timer).to_contain_text("on the clock")
    board = panel.locator(".smlab-host-board")
    expect(board).to_contain_text("before the first reveal")

    # The longest limit, so a slow machine never runs out of time during the test.
    panel.locator(".smlab-host-time-limit select").select_option(label="240 s")
    panel.locator(".smlab-host-start").click()

    expect(timer).to_contain_text(re.compile(r"\d+ s left"), timeout=KERNEL_REPLY)
    first_reading = timer.inner_text()
    expect(timer).not_to_have_text(first_reading, timeout=KERNEL_REPLY)  # it ticks
    expect(timer).to_contain_text(re.compile(r"\d+ s left"))

    team = panel.locator(".smlab-host-team select")
    answer = panel.locator(".smlab-host-answer input")
    team.select_option(label="Tortoises")
    answer.fill(typed(host, question, right=True))
    answer.press("Enter")  # the keyboard's Enter records it
    message = panel.locator(".smlab-host-message")
    expect(message).to_contain_text("Tortoises: answer recorded", timeout=KERNEL_REPLY)
    expect(answer).to_have_value("")

    team.select_option(label="Hares")
    answer.fill(typed(host, question, right=False))
    panel.locator(".smlab-host-enter").click()
    expect(message).to_contain_text("Hares: answer recorded", timeout=KERNEL_REPLY)
    expect(panel.locator(".smlab-host-answers-in")).to_contain_text("Answers in: 2 of 4 teams")

    panel.locator(".smlab-host-reveal-button").click()

    reveal = panel.locator(".smlab-host-reveal")
    expect(reveal).to_contain_text("Tortoises: Correct", timeout=KERNEL_REPLY)
    expect(reveal).to_contain_text("Hares: Not quite")
    expect(reveal).to_contain_text(right_explanation(question))
    expect(panel.locator(".smlab-host-chart")).to_contain_text("right answer")
    expect(panel.locator(".smlab-host-chart svg.smlab-icon-check")).to_have_count(1)
    expect(timer).to_contain_text("Revealed")

    expect(board).to_contain_text("Leaderboard after 1 question")
    expect(board.locator("tr", has_text="Tortoises")).to_contain_text("1st")
    expect(board.locator("tr", has_text="Hares")).to_contain_text("2nd")
    points = int(board.locator("tr", has_text="Tortoises").locator("td").nth(2).inner_text())
    assert points >= question.points // 2

    panel.locator(".smlab-host-next").click()
    expect(panel.locator(".smlab-host-header")).to_contain_text(
        "Question 2 of 12", timeout=KERNEL_REPLY
    )
    expect(timer).to_contain_text("on the clock")
