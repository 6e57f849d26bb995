"""The host panel on a projector: question, timer, distribution and reveal on one screen.

Voila runs in projector mode (``smlab lab --voila --present``) at 1280x720. The panel shows
the course challenge's question with the longest options of any choice question in the
banks, four teams have answered, and the trainer presses Reveal: the whole panel, with its
question, marked options, timer, distribution, verdicts and leaderboard, is at most 720 px
tall, so nobody scrolls. A screenshot goes to ``test-artifacts/lessons/present/``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Server
from toolkit.paths import quizzes_dir
from toolkit.quiz.course_bank import ROOM_TYPES, course_challenge
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import MultipleChoice, Scenario, SingleChoice

pytestmark = pytest.mark.browser

KERNEL_START = 120_000  # ms: a cold kernel on a busy two-core machine
KERNEL_REPLY = 30_000
SCREEN = {"width": 1280, "height": 720}
ARTIFACTS = Path("test-artifacts") / "lessons" / "present"
TEAMS = ["Tortoises", "Hares", "Owls", "Foxes"]


def pool_size() -> int:
    """How many questions the course challenge can draw from (every lesson's room types)."""
    banks = [load_bank(p) for p in sorted(quizzes_dir().glob("*.yaml"))]
    skipped = ("00-start-here", "10-final-challenge")
    return sum(q.type in ROOM_TYPES for b in banks if b.id not in skipped for q in b.questions)


POOL = pool_size()


def longest_question() -> str:
    """The id of the choice question whose prompt and options are longest."""
    pool = course_challenge(n=POOL, seed=2026).questions
    choice = [q for q in pool if isinstance(q, SingleChoice | MultipleChoice | Scenario)]
    assert len(choice) > 50, "the challenge draws from fewer questions than expected"
    return max(choice, key=lambda q: len(q.prompt) + sum(len(o.text) for o in q.options)).id


PANEL = """
import random

import toolkit

pool = toolkit.course_challenge(n={pool}, seed=2026)
one = pool.model_copy(update={{"questions": [q for q in pool.questions if q.id == {qid!r}]}})
host = toolkit.HostSession(one, rng=random.Random(1), scoring="speed", streak_bonus=True)
for team in {teams!r}:
    host.add_team(team)
host.start_question(60)
for team, letter in zip({teams!r}, ["A", "B", "C", "A"]):
    host.answer_text(team, letter)
toolkit.HostWidget(host, leaderboard="All")
"""


def test_the_host_panel_fits_one_projector_screen_after_reveal(
    voila_present_server: Server, browser: Browser
) -> None:
    qid = longest_question()
    source = PANEL.format(pool=POOL, qid=qid, teams=TEAMS)
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]),
        voila_present_server.root / "host-panel.ipynb",
    )
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    try:
        page.goto(
            voila_present_server.address("/voila/render/host-panel.ipynb"), wait_until="commit"
        )
        panel = page.locator(".smlab-host")
        expect(panel).to_be_visible(timeout=KERNEL_START)
        expect(panel).to_contain_text("Answers in: 4 of 4 teams", timeout=KERNEL_REPLY)
        page.locator(".smlab-host-reveal-button").click()
        expect(panel.locator(".smlab-host-chart")).to_contain_text(
            "How teams answered", timeout=KERNEL_REPLY
        )
        expect(panel.locator(".smlab-host-board")).to_contain_text("Foxes")
        page.wait_for_timeout(500)
        panel.scroll_into_view_if_needed()
        box = panel.bounding_box()
        assert box is not None
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "host-panel-after-reveal-1280x720.png"))
        for part in ("prompt", "choices", "timer", "chart", "reveal", "board"):
            assert panel.locator(f".smlab-host-{part}").is_visible(), part
        size = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector("
            "'.smlab-host-choices li')).fontSize)"
        )
        assert size >= 24, f"options at {size}px"
        assert box["height"] <= SCREEN["height"], (
            f"the panel is {box['height']:.0f} px tall after Reveal ({qid})"
        )
    finally:
        context.close()
