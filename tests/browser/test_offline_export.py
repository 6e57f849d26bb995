"""Exported slides, handout and quiz work from file:// with the network cut off.

Every request that is not a local file is aborted and recorded; the tests assert that none
was attempted, and that a person can use each page: the slides move on, the handout shows
its plots, the quiz can be answered and explains itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.export.exported import Exported, exported_lessons
from toolkit.export.quiz_html import export_quiz
from toolkit.export.resolve import resolve_bank
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import SingleChoice
from toolkit.quiz.sanitize import to_plain_text

pytestmark = pytest.mark.browser

LOCAL = ("file:", "data:", "blob:", "about:")
LESSON = "01-why-governance-matters"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return exported_lessons(tmp_path_factory)


@pytest.fixture
def offline(page: Page) -> Iterator[list[str]]:
    """Cut the page off the network: abort, and record, every request that is not local."""
    attempted: list[str] = []
    requested: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.route("**/*", handle)
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: attempted.append(socket.url))
    yield attempted
    assert [url for url in requested if not url.startswith(LOCAL)] == []


def test_slides_navigate_offline(page: Page, offline: list[str], exported: Exported) -> None:
    page.goto((exported.out / f"{LESSON}.slides.html").as_uri())
    expect(page.locator(".reveal.ready")).to_be_attached(timeout=30_000)
    slides = page.locator(".reveal .slides > section")
    assert slides.count() >= 5
    first = page.locator(".reveal .slides > section.present")
    expect(first).to_contain_text("Why governance matters")
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"#/1$"))
    expect(slides.nth(1)).to_have_class(re.compile(r"\bpresent\b"))
    expect(slides.nth(0)).not_to_have_class(re.compile(r"\bpresent\b"))
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"#/0?$|#/$"))
    assert offline == []


def test_handout_shows_plots_offline(page: Page, offline: list[str], exported: Exported) -> None:
    page.goto((exported.out / f"{LESSON}.handout.html").as_uri())
    plots = page.locator(".jp-OutputArea-output img[src^='data:image/png']")
    expect(plots.first).to_be_visible()
    assert plots.count() >= 2
    assert plots.first.evaluate("img => img.naturalWidth") > 100
    # The interact widget is drawn by the local renderer, as a snapshot.
    expect(page.locator(".widget-subarea").first).to_be_attached(timeout=30_000)
    assert offline == []


def test_quiz_is_answered_and_explained_offline(
    page: Page, offline: list[str], tmp_path: Path
) -> None:
    bank = load_bank(resolve_bank(LESSON))
    path = export_quiz(bank, tmp_path / "quiz.html")
    page.goto(path.as_uri())
    question = next(q for q in bank.questions if isinstance(q, SingleChoice))
    right = next(o for o in question.options if o.correct)
    wrong = next(o for o in question.options if not o.correct)
    section = page.locator(f"section.question[data-question='{question.id}']")

    section.locator("label", has_text=to_plain_text(wrong.text)).click()
    section.get_by_role("button", name="Check answer").click()
    feedback = section.locator(".feedback")
    expect(feedback).to_contain_text("Not quite")
    expect(feedback).to_contain_text(to_plain_text(wrong.explanation)[:40])
    expect(feedback).to_contain_text("The right answer")

    section.locator("label", has_text=to_plain_text(right.text)).click()
    section.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("Correct")
    expect(feedback).to_contain_text(to_plain_text(right.explanation)[:40])
    expect(feedback).to_contain_text("Retries earn no points")
    expect(page.locator("#score")).to_contain_text("answered 1 of")

    for other in page.locator("section.question").all():
        if other.get_attribute("data-question") == question.id:
            continue
        choices = other.locator("input[type=radio], input[type=checkbox]")
        if choices.count():
            choices.first.check()
        elif other.locator("input[type=text]").count():
            other.locator("input[type=text]").fill("1")
        for select in other.locator("select").all():
            select.select_option(index=1)
        other.get_by_role("button", name="Check answer").click()
        expect(other.locator(".feedback .verdict")).to_be_visible()
    final = page.locator("#final")
    expect(final).to_be_visible()
    expect(final).to_contain_text("Final score")
    expect(final).to_contain_text(f"of {bank.max_points} points")
    assert offline == []
