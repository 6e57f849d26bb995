"""Every lesson, opened as an app the way a room sees it: every word readable.

Each lesson is rendered in Voila at 1280x720 (a projector). The test asserts that no text in
a quiz, a table or a widget label is clipped (``scrollWidth <= clientWidth``, and no
``text-overflow: ellipsis`` hiding text), that nothing runs off the right edge, and that no
stderr or warning box is shown. A screenshot of every lesson is written to
``test-artifacts/lessons/`` for a reviewer to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Server
from tests.browser.support import problems
from toolkit.paths import notebooks_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RENDER = 180_000  # ms: a cold kernel runs the whole lesson on a busy two-core machine
ARTIFACTS = Path("test-artifacts") / "lessons"
LESSONS = sorted(path.stem for path in notebooks_dir().glob("*.ipynb"))


def render(page: Page, server: Server, lesson: str) -> None:
    """Open ``lesson`` in Voila and wait until its last cell (the checkpoint) is drawn."""
    # Voila sends the page as the cells run: do not wait for "load", wait for the quiz.
    page.goto(server.address(f"/voila/render/{lesson}.ipynb"), wait_until="commit")
    expect(page.locator(".smlab-quiz, .smlab-host").first).to_be_visible(timeout=RENDER)
    page.wait_for_timeout(500)  # images decode


TALLEST = """() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll('*')]
  .filter((e) => e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY !== 'visible')
  .map((e) => e.scrollHeight))"""


def screenshot(page: Page, path: Path) -> None:
    """Save the whole lesson (Voila scrolls inside a box, so grow the window to fit it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 720}
    height = min(int(page.evaluate(TALLEST)) + 40, 30_000)
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


@pytest.fixture
def projector(browser: Browser) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_word_readable_on_a_projector(
    voila_server: Server, projector: Page, lesson: str
) -> None:
    render(projector, voila_server, lesson)
    found = problems(projector)
    screenshot(projector, ARTIFACTS / f"voila-1280x720-{lesson}.png")
    assert not found, f"{lesson} at 1280x720:\n" + "\n".join(found)
