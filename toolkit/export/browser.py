"""The browser that prints PDF handouts: Debian's chromium, driven by Playwright.

Playwright's own browser downloads are not used (they need a network at install time);
Debian's ``chromium`` package is launched instead, with the flags proven on the course's
machines. The browser tests use the same path and flags (``CHROMIUM_ARGS``,
``chromium_path()``).

Printing runs with every request that is not a ``file://`` URL aborted, so a PDF is made
from local files only, exactly as a learner would see the page offline.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toolkit.export.errors import ExportError

#: Where Debian (and Ubuntu) install chromium.
CHROMIUM_CANDIDATES: tuple[str, ...] = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
#: Environment variable naming another chromium executable.
CHROMIUM_ENV = "SMLAB_CHROMIUM"
#: Flags proven on these machines: no sandbox as root, and no background network chatter.
CHROMIUM_ARGS: list[str] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How long a page may take to load and settle before printing (milliseconds).
PAGE_TIMEOUT_MS = 60_000

#: Resolves once MathJax has typeset and the widget renderer has drawn every widget.
_SETTLED = """
async () => {
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    await window.MathJax.startup.promise;
  }
  const views = document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]').length;
  const deadline = Date.now() + 20000;
  while (views && document.querySelectorAll('.widget-subarea').length < views
         && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
"""


def chromium_path() -> str | None:
    """Return the chromium executable to use, or ``None`` if there is none.

    ``$SMLAB_CHROMIUM`` names another executable; otherwise Debian's ``/usr/bin/chromium``
    (or ``/usr/bin/chromium-browser``).
    """
    override = os.environ.get(CHROMIUM_ENV)
    if override:
        return override if Path(override).exists() else None
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).exists()), None)


def require_chromium() -> str:
    """Return the chromium executable, or raise a clear error saying how to get one.

    Raises
    ------
    ExportError
        If Playwright or chromium is missing.
    """
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise ExportError(
            "PDF printing needs Playwright's Python package: pip install playwright "
            "(the HTML handout works without it)"
        ) from None
    executable = chromium_path()
    override = os.environ.get(CHROMIUM_ENV)
    if executable is None and override:
        raise ExportError(
            f"PDF printing needs chromium: ${CHROMIUM_ENV} names {override}, which does not "
            "exist; point it at a chromium executable, or unset it to use /usr/bin/chromium"
        )
    if executable is None:
        looked = ", ".join(CHROMIUM_CANDIDATES)
        raise ExportError(
            f"PDF printing needs chromium, and none was found (looked for {looked} and "
            f"${CHROMIUM_ENV}); install it (Debian/Ubuntu: apt-get install chromium) or "
            "print the HTML handout from any browser"
        )
    return executable


def _print(html: Path, pdf: Path, executable: str, blocked: list[str]) -> None:
    from playwright.sync_api import Error, Route, sync_playwright

    def offline(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = browser.new_page()
                page.route("**/*", offline)
                page.goto(html.resolve().as_uri(), wait_until="load", timeout=PAGE_TIMEOUT_MS)
                page.evaluate(_SETTLED)
                page.pdf(
                    path=str(pdf),
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                browser.close()
    except Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "error"
        raise ExportError(f"chromium could not print {html.name}: {first_line}") from None


def print_pdf(html: str | Path, pdf: str | Path) -> Path:
    """Print the local HTML page ``html`` to ``pdf`` (A4) with chromium.

    Only ``file://`` requests are allowed while printing; any other is aborted. Printing
    runs in a worker thread, so it also works where an event loop is already running
    (a Jupyter kernel, pytest-playwright).

    Parameters
    ----------
    html : str or pathlib.Path
        An exported page with its ``assets/`` folder beside it.
    pdf : str or pathlib.Path
        The PDF file to write.

    Returns
    -------
    pathlib.Path
        ``pdf``.

    Raises
    ------
    ExportError
        If Playwright or chromium is missing, the page asked for the network, or printing
        failed.
    """
    executable = require_chromium()
    source, target = Path(html), Path(pdf)
    blocked: list[str] = []
    _in_thread(lambda: _print(source, target, executable, blocked))
    if blocked:
        raise ExportError(
            f"{source.name} asked for the network while printing: {', '.join(blocked[:3])}"
        )
    return target


def _in_thread(work: Callable[[], None]) -> None:
    """Run ``work`` in a fresh thread (no event loop there) and re-raise what it raised."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # re-raised in the caller's thread
            failure.append(error)

    thread = threading.Thread(target=run, name="smlab-print-pdf", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def launch_args() -> dict[str, Any]:
    """Return Playwright launch arguments for chromium (for tests and tools).

    Raises
    ------
    ExportError
        If chromium is missing.
    """
    return {"executable_path": require_chromium(), "args": list(CHROMIUM_ARGS), "headless": True}
