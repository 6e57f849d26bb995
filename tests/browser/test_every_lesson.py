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
from toolkit.paths import notebooks_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RENDER = 180_000  # ms: a cold kernel runs the whole lesson on a busy two-core machine
ARTIFACTS = Path("test-artifacts") / "lessons"
LESSONS = sorted(path.stem for path in notebooks_dir().glob("*.ipynb"))

#: Text a learner reads: widget labels and options, buttons, quiz text, table cells.
TEXT = (
    ".widget-label, .widget-label-basic, .widget-radio-box label, .jupyter-button, "
    ".widget-html-content, .widget-readout, .widget-dropdown select, .widget-toggle-button, "
    ".smlab-table th, .smlab-table td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon td"
)

CLIPPED = """(selector) => {
  const found = [];
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent) continue;  // not shown
    const text = (el.innerText || el.value || '').trim();
    if (!text) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const name = text.slice(0, 60);
    if (el.tagName !== 'SELECT' && el.scrollWidth > el.clientWidth + 1)
      found.push(`clipped (${el.scrollWidth} > ${el.clientWidth}): ${name}`);
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth)
      found.push(`ellipsis: ${name}`);
    if (box.right > width + 1) found.push(`off the right edge (${box.right} > ${width}): ${name}`);
    if (el.tagName === 'SELECT') {
      const longest = Math.max(...[...el.options].map((o) => o.text.length));
      const shown = el.options[el.selectedIndex]?.text ?? '';
      if (longest > 0 && el.clientWidth < 60)
        found.push(`collapsed menu (${el.clientWidth}px): ${shown}`);
    }
  }
  return found;
}"""

STDERR = "[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output.jp-mod-stderr"


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
    found: list[str] = page.evaluate(CLIPPED, TEXT)
    stderr = page.locator(STDERR)
    found += [f"stderr box: {stderr.nth(i).inner_text()[:120]}" for i in range(stderr.count())]
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
