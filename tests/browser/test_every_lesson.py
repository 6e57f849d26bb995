"""Every lesson, opened as an app the way a room sees it: every word readable.

Each lesson is rendered in Voila at 1280x720 (a projector). The test asserts that no text in
a quiz, a table or a widget label is clipped (``scrollWidth <= clientWidth``, and no
``text-overflow: ellipsis`` hiding text), that nothing runs off the right edge, and that no
stderr or warning box is shown. A screenshot of every lesson is written to
``test-artifacts/lessons/`` for a reviewer to look at.

Every slider on a lesson page has an accessible name (its description) and announces what
its readout shows; a number slider's readout has at most three decimals (a selection
slider's readout is its option's words).

The same lessons are rendered again in projector mode (``smlab lab --voila --present``), at
1280x720: body text, quiz options and widget labels are at least 24 px, charts fill the
content width and are centred, nothing is clipped, no stderr box is shown, and no element
with the presenter's own points, level, streak or badges is visible. Screenshots go to
``test-artifacts/lessons/present/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Server
from tests.browser.support import problems as text_problems
from toolkit.paths import notebooks_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RENDER = 180_000  # ms: a cold kernel runs the whole lesson on a busy two-core machine
ARTIFACTS = Path("test-artifacts") / "lessons"
PRESENT_ARTIFACTS = ARTIFACTS / "present"
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


def problems(page: Page) -> list[str]:
    """Clipped text, stderr boxes (see tests.browser.support) and unreadable sliders."""
    return text_problems(page) + slider_problems(page)


#: Each shown slider's readout and what its handle announces.
SLIDERS = """() => [...document.querySelectorAll('.widget-slider')]
  .filter((box) => box.offsetParent)
  .map((box) => {
    const handle = box.querySelector('[role=slider]');
    const readout = box.querySelector('.widget-readout');
    return {
      readout: readout ? readout.textContent.trim() : '',
      announced: handle ? handle.getAttribute('aria-valuetext') || '' : '',
      // Number sliders' views carry 'jupyter-widgets'; a SelectionSlider's (words) does not.
      numeric: box.classList.contains('jupyter-widgets'),
    };
  })"""
#: A readout a person can read: a number with at most three decimals, perhaps a percent.
READOUT = re.compile(r"^-?[\d,]+(\.\d{1,3})?%?$")


def slider_problems(page: Page) -> list[str]:
    """Sliders without an accessible name, or whose readout or announcement is raw."""
    sliders = page.get_by_role("slider")
    named = page.get_by_role("slider", name=re.compile(r"\S"))
    found = []
    if named.count() != sliders.count():
        found.append(f"{sliders.count() - named.count()} of {sliders.count()} sliders unnamed")
    for slider in page.evaluate(SLIDERS):
        if slider["numeric"] and not READOUT.match(slider["readout"]):
            found.append(f"slider readout {slider['readout']!r}")
        if slider["announced"] != slider["readout"]:
            found.append(f"slider announces {slider['announced']!r}, shows {slider['readout']!r}")
    return found


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


#: Text a room reads in projector mode: the lesson's prose, quiz options, widget labels.
PROJECTOR_TEXT = (
    ".jp-RenderedMarkdown p, .jp-RenderedMarkdown li, .widget-radio-box label, "
    ".widget-checkbox label, .widget-label, .widget-dropdown select, .widget-readout, "
    ".smlab-quiz .widget-html-content p, .smlab-table td, .smlab-host-choices li"
)

SMALL_TEXT = """(selector) => {
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || !(el.innerText || '').trim()) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 24) found.push(`${size}px: ${el.innerText.trim().slice(0, 50)}`);
  }
  return found;
}"""

#: Charts: as wide as the output area they are in (90% or more), and centred in it.
CHARTS = """() => [...document.querySelectorAll('.jp-OutputArea-output img')]
  .filter((img) => img.offsetParent)
  .map((img) => {
    const own = img.getBoundingClientRect();
    const area = img.closest('.jp-OutputArea-output').getBoundingClientRect();
    return {width: own.width, area: area.width, left: own.left - area.left,
            right: area.right - own.right};
  })"""

PERSONAL = re.compile(r"\bPoints: \d|\bLevel \d|\bStreak: \d|Badges earned")


def projector_problems(page: Page) -> list[str]:
    found = [f"small text {text}" for text in page.evaluate(SMALL_TEXT, PROJECTOR_TEXT)]
    for chart in page.evaluate(CHARTS):
        if chart["width"] < 0.9 * chart["area"] or abs(chart["left"] - chart["right"]) > 4:
            found.append(f"chart not across the page: {chart}")
    personal = page.locator(".smlab-personal")
    found += [
        f"personal element shown: {personal.nth(i).inner_text()[:60]}"
        for i in range(personal.count())
        if personal.nth(i).is_visible()
    ]
    for i in range(page.locator(".smlab-quiz").count()):
        text = page.locator(".smlab-quiz").nth(i).inner_text()
        found += [f"personal text shown: {m.group(0)}" for m in PERSONAL.finditer(text)]
    return found


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_word_readable_in_projector_mode(
    voila_present_server: Server, projector: Page, lesson: str
) -> None:
    render(projector, voila_present_server, lesson)
    found = problems(projector) + projector_problems(projector)
    screenshot(projector, PRESENT_ARTIFACTS / f"voila-present-1280x720-{lesson}.png")
    assert not found, f"{lesson} in projector mode at 1280x720:\n" + "\n".join(found)
