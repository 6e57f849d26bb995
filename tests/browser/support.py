"""What the lesson browser tests check on a page, shared by the Voila and JupyterLab tests.

- :data:`TEXT` is the text a learner reads (widget labels and options, buttons, quiz text,
  table cells); :data:`CLIPPED` finds any of it cut short (``scrollWidth > clientWidth``,
  ``text-overflow: ellipsis``, past the right edge, or a drop-down collapsed below 60 px);
- :data:`STDERR` is a stderr or warning box in an output area;
- :func:`problems` runs both on a page and returns one line per problem;
- :func:`axe_violations` runs axe-core and lists what is serious or critical;
- :func:`exported_slides` exports a lesson's slides once for every test (and worker).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route

from toolkit.export.notebook_export import export_lesson

#: Seconds a worker waits for another to export a lesson's slides.
EXPORT_SECONDS = 900

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


def problems(page: Page, text: str = TEXT) -> list[str]:
    """Return one line per clipped text (in ``text``) and per stderr box on ``page``."""
    found: list[str] = page.evaluate(CLIPPED, text)
    stderr = page.locator(STDERR)
    found += [f"stderr box: {stderr.nth(i).inner_text()[:120]}" for i in range(stderr.count())]
    return found


#: axe-core impacts that fail a test.
SERIOUS = ("serious", "critical")


def axe_violations(
    page: Page, *, within: str | None = None, exclude: tuple[str, ...] = ()
) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python, so offline) and list what is serious.

    Parameters
    ----------
    page : playwright.sync_api.Page
        The page, fully drawn.
    within : str, optional
        A CSS selector to scan (the whole document by default).
    exclude : tuple of str
        CSS selectors left out of the scan: only chrome we cannot change, each with a reason
        where it is named.

    Returns
    -------
    list of str
        One line per element with a serious or critical violation: rule id, impact, target
        selector and help text.
    """
    context: dict[str, list[list[str]]] = {"include": [[within or "html"]]}
    if exclude:
        context["exclude"] = [[selector] for selector in exclude]
    results = Axe().run(page, context=context)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines = (node.get("failureSummary") or "").strip().splitlines()
            why = f" ({lines[-1].strip()})" if lines else ""
            found.append(
                f"{violation['id']} ({violation['impact']}) at {target}: {violation['help']}{why}"
            )
    return found


def exported_slides(factory: pytest.TempPathFactory, lesson: str) -> Path:
    """Export ``lesson``'s slides (the defaults of ``smlab export slides``) once per test run.

    Running a lesson takes seconds, and the slides are checked by several tests that
    pytest-xdist may send to different workers; the first worker to ask exports (holding
    a lock folder, which ``mkdir`` makes atomically) and the others wait for its file.
    """
    shared = factory.getbasetemp().parent / "exported-slides"
    shared.mkdir(exist_ok=True)
    out = shared / lesson
    page = out / f"{lesson}.slides.html"
    lock = shared / f"{lesson}.lock"
    try:
        lock.mkdir()
    except FileExistsError:
        deadline = time.monotonic() + EXPORT_SECONDS
        while not (lock / "done").exists():
            if time.monotonic() > deadline or (lock / "failed").exists():
                raise RuntimeError(f"another worker did not export {lesson}") from None
            time.sleep(0.5)
        return page
    try:
        export_lesson(lesson, out, slides=True, handout=False)
    except BaseException:
        (lock / "failed").touch()
        raise
    (lock / "done").touch()
    return page


#: Addresses a page may load offline: its own file and what it carries inline.
LOCAL = ("file:", "data:", "blob:", "about:")


def cut_off_the_network(page: Page) -> list[str]:
    """Abort every request ``page`` makes beyond :data:`LOCAL`; return the list they go to.

    Web sockets opened are listed too. A page that works offline leaves the list empty.
    """
    remote: list[str] = []

    def handle(route: Route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    page.on("websocket", lambda socket: remote.append(socket.url))
    return remote
