"""A person opens the first lesson, runs it, clicks the route picker and sees it answer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

KERNEL_START = 90_000  # ms: a cold kernel on a busy two-core machine
WIDGET_RENDER = 60_000


def run_all_cells(page: Page) -> None:
    """Wait for an idle kernel, then Run -> Run All Cells (the menu a person uses)."""
    # The toolbar says idle before a kernel exists; the status bar names the kernel only
    # once it is really there, and "run all" before then silently does nothing.
    expect(page.locator("#jp-main-statusbar")).to_contain_text(
        "Python 3 (ipykernel) | Idle", timeout=KERNEL_START
    )
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()


def test_jupyterlab_serves_the_course(jupyterlab_server: Server, page: Page) -> None:
    page.goto(jupyterlab_server.address("/lab/tree/00-start-here.ipynb") + "&reset")
    run_all_cells(page)

    trainer = page.locator(".widget-radio-box label", has_text="trainer")
    expect(trainer).to_be_visible(timeout=WIDGET_RENDER)
    trainer.click()

    route = page.locator(".widget-html", has_text="Your route")
    expect(route).to_contain_text("host mode")
    expect(route.locator("a", has_text="Why governance matters")).to_be_visible()


def test_voila_serves_the_lesson_as_an_app(voila_server: Server, page: Page) -> None:
    page.goto(voila_server.address("/voila/render/00-start-here.ipynb"))

    analyst = page.locator(".widget-radio-box label", has_text="analyst")
    expect(analyst).to_be_visible(timeout=KERNEL_START)
    # Code is hidden in an app: the lesson's source never reaches the page.
    expect(page.locator("body")).not_to_contain_text("toolkit.RoutePicker()")
    analyst.click()

    expect(page.locator(".widget-html", has_text="Your route")).to_contain_text("import toolkit")
