"""Every lesson's exported slides fit a 1280x720 screen, show charts not dead sliders, offline.

``smlab export slides`` (its defaults: no code) is run for every lesson; the slides are
opened from file:// in chromium at 1280x720 with every request that is not a local file
aborted and recorded. The test visits every slide (continuation slides too) and asserts
that its content is no taller than reveal.js's frame (``scrollHeight <= height``), that the
page holds no slider (``input[type=range]``), widget placeholder or widget state, and that
no code is shown. A screenshot of every slide goes to ``test-artifacts/slides/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import cut_off_the_network, exported_slides
from tests.browser.test_every_lesson import LESSONS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path("test-artifacts") / "slides"

#: Every slide as reveal.js indices, stacks' inner slides included.
SLIDES = """() => window.SmlabReveal.getSlides()
  .map((slide) => window.SmlabReveal.getIndices(slide))
  .map((i) => [i.h, i.v || 0])"""

#: The slide on screen: its content height, the frame's height and its first words.
MEASURE = """() => {
  const reveal = window.SmlabReveal;
  const slide = reveal.getCurrentSlide();
  return {height: slide.scrollHeight, frame: reveal.getConfig().height,
          fitted: slide.getAttribute('data-smlab-fitted'),
          words: slide.innerText.trim().split('\\n')[0].slice(0, 60)};
}"""


@pytest.fixture
def screen(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A 1280x720 page cut off the network: every request that is not local is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    remote = cut_off_the_network(page)
    yield page, remote
    context.close()


def open_slides(page: Page, path: Path) -> list[list[int]]:
    """Open the slides and return every slide's reveal.js indices."""
    page.goto(path.as_uri())
    expect(page.locator(".reveal.ready")).to_be_attached(timeout=30_000)
    page.wait_for_function("() => window.SmlabReveal && window.SmlabReveal.isReady()")
    # No slide animation: a screenshot or a contrast check mid-transition sees faded text.
    page.evaluate("() => window.SmlabReveal.configure({transition: 'none'})")
    slides: list[list[int]] = page.evaluate(SLIDES)
    return slides


def show(page: Page, h: int, v: int) -> None:
    """Move to slide (h, v) and wait until its images are in and it has been fitted."""
    page.evaluate("([h, v]) => window.SmlabReveal.slide(h, v)", [h, v])
    page.wait_for_function(
        """() => {
          const slide = window.SmlabReveal.getCurrentSlide();
          return [...slide.querySelectorAll('img')].every((img) => img.complete)
            && slide.hasAttribute('data-smlab-fitted');
        }"""
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_slides_fit_the_frame_show_charts_and_load_nothing(
    screen: tuple[Page, list[str]], lesson: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page, remote = screen
    path = exported_slides(tmp_path_factory, lesson)
    markup = path.read_text(encoding="utf-8")
    assert not re.search(r"""type=["']?range""", markup), "a slider in the slides"
    assert "application/vnd.jupyter.widget-view+json" not in markup
    assert "application/vnd.jupyter.widget-state+json" not in markup
    assert not re.search(r"class=\"[^\"]*jp-InputArea-editor", markup), "code on the slides"

    slides = open_slides(page, path)
    assert len(slides) >= 3
    too_tall = []
    for h, v in slides:
        show(page, h, v)
        seen = page.evaluate(MEASURE)
        if seen["height"] > seen["frame"]:
            too_tall.append(f"slide {h}.{v} ({seen['words']}): {seen['height']} > {seen['frame']}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{lesson}-{h:02d}-{v:02d}.png"))
    assert page.locator("input[type=range], .widget-slider, .jupyter-widgets").count() == 0
    assert not too_tall, f"{lesson}: slides taller than the frame:\n" + "\n".join(too_tall)
    assert remote == [], f"{lesson}: the slides asked the network for {remote}"
