"""Every lesson, run in JupyterLab at 1366x768 the way a learner runs it: every word readable.

Each lesson is opened in the real JupyterLab server (on a workspace copy of the lessons),
run with Run -> Run All Cells, and checked once the kernel is idle and the checkpoint quiz is
drawn: no text in a quiz, table or widget label is clipped, nothing runs off the right edge,
and no stderr or warning box is shown (the checks of :mod:`tests.browser.support`). Every
cell is kept in the page (JupyterLab's windowing is switched off for the test) so that the
whole lesson is checked, not just what is on screen. A screenshot of every lesson goes to
``test-artifacts/lessons/lab/``, and the repository's ``git status`` must not change.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Server
from tests.browser.support import problems
from tests.browser.test_every_lesson import LESSONS, RENDER
from tests.browser.test_smoke import run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path("test-artifacts") / "lessons" / "lab"
REPOSITORY = Path(__file__).resolve().parents[2]

#: JupyterLab settings for the test: every cell stays in the page (no windowing).
NOTEBOOK_SETTINGS = "@jupyterlab/notebook-extension/tracker.jupyterlab-settings"

BUSY = """() => [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')]
  .some((prompt) => prompt.textContent.includes('*'))"""


def git_status() -> str:
    """Return ``git status --porcelain`` of the repository ('' when it is not a checkout)."""
    result = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout if result.returncode == 0 else ""


def shut_down_kernels(server: Server) -> None:
    """Shut every kernel the lesson started, so eleven lessons do not run eleven kernels."""
    with urllib.request.urlopen(server.address("/api/kernels"), timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(
            server.address(f"/api/kernels/{kernel['id']}"), method="DELETE"
        )
        with urllib.request.urlopen(request, timeout=20):
            pass


#: How much taller than the window the notebook's own scrolled content is.
OVERFLOW = """() => {
  const scroller = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  return scroller ? scroller.scrollHeight - scroller.clientHeight : 0;
}"""


def screenshot(page: Page, path: Path) -> None:
    """Save the whole notebook: grow the window by what the notebook scrolls, from the top."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1366, "height": 768}
    extra = min(int(page.evaluate(OVERFLOW)), 30_000)
    page.set_viewport_size({"width": size["width"], "height": size["height"] + extra + 40})
    page.evaluate(
        "() => document.querySelectorAll('.jp-WindowedPanel-outer')"
        ".forEach((e) => { e.scrollTop = 0; })"
    )
    page.wait_for_timeout(500)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


@pytest.fixture(scope="module")
def lab(jupyterlab_server: Server) -> Server:
    """The JupyterLab server, with notebook windowing off (every cell in the page)."""
    settings = jupyterlab_server.root.parent / "lab-settings" / NOTEBOOK_SETTINGS
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    return jupyterlab_server


@pytest.fixture
def laptop(browser: Browser, lab: Server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()
    shut_down_kernels(lab)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_word_readable_in_jupyterlab(lab: Server, laptop: Page, lesson: str) -> None:
    before = git_status()
    laptop.goto(lab.address(f"/lab/tree/{lesson}.ipynb") + "&reset")
    run_all_cells(laptop)
    expect(laptop.locator(".smlab-quiz, .smlab-host").first).to_be_visible(timeout=RENDER)
    laptop.wait_for_function(f"() => !({BUSY})()", timeout=RENDER)
    expect(laptop.locator("#jp-main-statusbar")).to_contain_text("| Idle", timeout=RENDER)
    laptop.wait_for_timeout(500)  # images decode
    assert laptop.locator(".jp-Notebook .jp-Cell").count() > 5
    found = problems(laptop)
    screenshot(laptop, ARTIFACTS / f"jupyterlab-1366x768-{lesson}.png")
    assert not found, f"{lesson} in JupyterLab at 1366x768:\n" + "\n".join(found)
    assert git_status() == before, "running the lesson changed the repository"
