"""axe-core finds no serious or critical accessibility violation in what a learner opens.

axe-core runs from the copy bundled with axe-playwright-python (nothing is fetched), over:

- every lesson rendered in Voila at 1280x720, once the checkpoint quiz is drawn;
- every bank's exported quiz page (``smlab export quiz``);
- every slide of every lesson's exported slides (``smlab export slides``), each scanned
  while it is the slide on screen.

A failure lists, per element, the rule id, its impact, the target selector and axe's help.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Server
from tests.browser.support import axe_violations, exported_slides
from tests.browser.test_every_lesson import LESSONS, render
from tests.browser.test_exported_slides import open_slides, show
from toolkit.export.quiz_html import export_quiz
from toolkit.paths import quizzes_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BANKS = sorted(path.stem for path in quizzes_dir().glob("*.yaml"))

#: Widget chrome the course cannot change from Python, left out of the lesson scans: none.
#: (ipywidgets gives a slider's knob no name; the house script in toolkit.widgets.style names
#: every slider after its description, so the knobs are scanned like everything else.)
WIDGET_CHROME: tuple[str, ...] = ()


@pytest.fixture
def projector(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    yield context.new_page()
    context.close()


def report(where: str, found: list[str]) -> str:
    return f"axe-core: serious or critical violations in {where}:\n" + "\n".join(found)


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_in_voila_has_no_serious_violation(
    voila_server: Server, projector: Page, lesson: str
) -> None:
    render(projector, voila_server, lesson)
    found = axe_violations(projector, exclude=WIDGET_CHROME)
    assert not found, report(f"{lesson} in Voila", found)


def test_axe_reports_what_it_finds(projector: Page) -> None:
    """The scan really runs: an unnamed image is a critical violation, with its target."""
    projector.set_content(
        '<!doctype html><html lang="en"><head><title>A page</title></head><body><main>'
        '<h1>Hi</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    found = axe_violations(projector)
    assert len(found) == 1
    assert found[0].startswith("image-alt (critical) at img: Images must have alternative text")


@pytest.mark.parametrize("bank", BANKS)
def test_exported_quiz_page_has_no_serious_violation(
    projector: Page, bank: str, tmp_path: Path
) -> None:
    page = export_quiz(quizzes_dir() / f"{bank}.yaml", tmp_path / "quiz.html")
    projector.goto(page.as_uri())
    expect(projector.locator("section.question").first).to_be_visible()
    found = axe_violations(projector)
    assert not found, report(f"the quiz page of {bank}", found)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_slide_has_no_serious_violation(
    projector: Page, lesson: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    found = []
    for h, v in open_slides(projector, exported_slides(tmp_path_factory, lesson)):
        show(projector, h, v)
        found += [f"slide {h}.{v}: {line}" for line in axe_violations(projector)]
    assert not found, report(f"the slides of {lesson}", found)
