"""Lessons as reveal.js slides, HTML handouts and PDF handouts that work offline.

A lesson is run top to bottom on a copy (with nbclient, in a temporary folder, with
``SMLAB_DATA_DIR`` pointing at a temporary folder so no learner's progress is read or
written), so its plots are in the export. Its quiz checkpoint cell is replaced by a note: a
quiz widget cannot work without a kernel (``smlab export quiz`` makes an offline quiz page).
The committed notebook is never changed.

Slides: every Markdown heading starts a slide (a Markdown cell holding several headings is
split at each one); the slide metadata is set on the copy at export time. Slides leave the
code out unless asked, show each widget as what it last drew, and move what does not fit
the frame onto a continuation slide (:mod:`toolkit.export.slides`).

Every script comes from the vendored files copied beside the output (see
:mod:`toolkit.export.assets`); PDF handouts are the HTML handout printed by chromium
(:mod:`toolkit.export.browser`).
"""

from __future__ import annotations

import copy
import itertools
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from markdown_it import MarkdownIt
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert.exporters import HTMLExporter, SlidesExporter

from toolkit.course import Lesson
from toolkit.export.assets import asset_urls, copy_assets
from toolkit.export.browser import print_pdf
from toolkit.export.errors import ExportError
from toolkit.export.resolve import lesson_notebook, resolve_lesson
from toolkit.export.slides import fit_slides, freeze_widgets
from toolkit.export.trainer import trainer_guide
from toolkit.kernel_replies import mend_lost_wakeups

#: The templates (nbconvert's lab and reveal, with local assets).
TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "templates"
#: Where exports go unless told otherwise (relative to the working directory).
DEFAULT_OUT_DIR = "exports"
#: Seconds a single cell may run while a lesson is executed for export.
CELL_TIMEOUT = 300
#: The reveal.js theme used for slides (vendored: ``white`` and ``serif``).
REVEAL_THEME = "white"
#: A quiz checkpoint cell, exactly as STYLE.md asks lessons to end.
CHECKPOINT_CELL = re.compile(r"""^\s*toolkit\.checkpoint\(\s*(['"])([^'"]+)\1\s*\)\s*;?\s*$""")

_CHECKPOINT_NOTE = (
    "> **Quiz checkpoint.** In the notebook, this is where the lesson's quiz runs "
    '(`toolkit.checkpoint("{bank}")`). To take it offline, in any browser: '
    "`smlab export quiz {bank}`."
)


@dataclass(frozen=True)
class LessonExport:
    """The files one lesson was exported to (``None`` for a kind not asked for)."""

    lesson: str
    slides: Path | None = None
    handout: Path | None = None
    pdf: Path | None = None

    @property
    def files(self) -> list[Path]:
        """The files written, in the order slides, handout, PDF."""
        return [path for path in (self.slides, self.handout, self.pdf) if path is not None]


def replace_checkpoints(nb: Any) -> Any:
    """Return a copy of ``nb`` whose quiz checkpoint cells are Markdown notes instead.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell('toolkit.checkpoint("00-start-here")')])
    >>> replace_checkpoints(nb).cells[0].cell_type
    'markdown'
    """
    result = copy.deepcopy(nb)
    for position, cell in enumerate(result.cells):
        match = CHECKPOINT_CELL.match(cell.source) if cell.cell_type == "code" else None
        if match:
            text = _CHECKPOINT_NOTE.format(bank=match.group(2))
            note = nbformat.v4.new_markdown_cell(text)  # type: ignore[no-untyped-call]
            note.metadata["tags"] = ["smlab-checkpoint-note"]
            if "id" in cell:
                note.id = cell.id
            result.cells[position] = note
    return result


def heading_lines(markdown: str) -> list[int]:
    """Return the 0-based line numbers where a top-level Markdown heading starts.

    ATX (``# Title``) and setext (``Title`` over ``===``) headings count; a ``#`` inside a
    code block or a quote does not.

    Examples
    --------
    >>> heading_lines("# One\\ntext\\n```\\n# not a heading\\n```\\n## Two")
    [0, 5]
    """
    tokens = _markdown().parse(markdown)
    return [
        token.map[0]
        for token in tokens
        if token.type == "heading_open" and token.level == 0 and token.map is not None
    ]


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def split_into_slides(nb: Any) -> Any:
    """Return a copy of ``nb`` where every Markdown heading starts a slide.

    A Markdown cell holding several headings is split into one cell per heading (text
    before the first heading stays with the previous slide). Every other cell continues the
    slide it follows. The first cell always starts a slide (reveal.js needs one).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("# A\\nintro\\n## B\\nmore"),
    ...     nbformat.v4.new_code_cell("1 + 1")])
    >>> [c.metadata["slideshow"]["slide_type"] for c in split_into_slides(nb).cells]
    ['slide', 'slide', '-']
    """
    result = copy.deepcopy(nb)
    cells = []
    for cell in result.cells:
        if cell.cell_type != "markdown":
            cell.metadata["slideshow"] = {"slide_type": "-"}
            cells.append(cell)
            continue
        lines = cell.source.splitlines(keepends=True)
        starts = heading_lines(cell.source)
        bounds = ([0] if not starts or starts[0] != 0 else []) + starts + [len(lines)]
        for number, (start, end) in enumerate(itertools.pairwise(bounds)):
            text = "".join(lines[start:end]).strip("\n")
            if not text:
                continue
            piece = (
                copy.deepcopy(cell) if number == 0 else nbformat.v4.new_markdown_cell()  # type: ignore[no-untyped-call]
            )
            piece.source = text
            if number and "attachments" in cell:
                piece.attachments = copy.deepcopy(cell.attachments)
            piece.metadata["slideshow"] = {"slide_type": "slide" if start in starts else "-"}
            cells.append(piece)
    result.cells = cells
    return result


def run_lesson(nb: Any, *, name: str = "lesson", timeout: int = CELL_TIMEOUT) -> Any:
    """Execute a copy of ``nb`` in a fresh kernel, away from any learner's progress.

    The kernel runs in a temporary folder with ``SMLAB_DATA_DIR`` set to a temporary folder
    (so a lesson that records quiz progress touches nobody's), with matplotlib's inline
    backend (``MPLBACKEND`` is removed, since ``Agg`` would drop the figures), and with the
    widgets' state stored in the notebook (the exported page shows them as a snapshot).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The lesson.
    name : str
        The lesson's name, for error messages.
    timeout : int
        Seconds one cell may run.

    Returns
    -------
    nbformat.NotebookNode
        The executed copy.

    Raises
    ------
    ExportError
        If a cell fails, times out or the kernel dies; the message names the lesson.
    """
    executed = copy.deepcopy(nb)
    with tempfile.TemporaryDirectory(prefix="smlab-export-") as scratch:
        work = Path(scratch) / "work"
        data = Path(scratch) / "data"
        work.mkdir()
        data.mkdir()
        env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
        env["SMLAB_DATA_DIR"] = str(data)
        mend_lost_wakeups()  # see toolkit.kernel_replies: a lost wake-up stalls a cell
        client = NotebookClient(
            executed,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(work)}},
            store_widget_state=True,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        try:
            client.execute(env=env)
        except CellExecutionError as error:
            summary = str(error).strip().splitlines()
            detail = summary[-1] if summary else "a cell failed"
            raise ExportError(f"lesson {name} failed while running for export: {detail}") from None
        except CellTimeoutError:
            raise ExportError(
                f"lesson {name}: a cell ran longer than {timeout} s while running for export"
            ) from None
        except DeadKernelError:
            raise ExportError(f"lesson {name}: the kernel died while running for export") from None
    return executed


def _html_exporter(exporter: type[HTMLExporter], template: str, hide_code: bool) -> HTMLExporter:
    urls = asset_urls()
    options: dict[str, Any] = {
        "template_name": template,
        "extra_template_basedirs": [str(TEMPLATES_DIR)],
        "extra_template_paths": [str(TEMPLATES_DIR)],
        "require_js_url": urls.require_js,
        "jquery_url": urls.jquery,
        "mathjax_url": urls.mathjax,
        "widget_renderer_url": urls.widget_renderer,
        "exclude_input": hide_code,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
    }
    if exporter is SlidesExporter:
        options |= {"reveal_url_prefix": urls.reveal, "reveal_theme": REVEAL_THEME}
    return exporter(**options)


def _resources(lesson: Lesson) -> dict[str, Any]:
    return {
        "metadata": {"name": lesson.title},
        "smlab": {"slug": lesson.slug, "title": lesson.title},
    }


def slides_html(nb: Any, lesson: Lesson, *, hide_code: bool = True) -> str:
    """Render an executed lesson as reveal.js slides referring to ``assets/``.

    Widgets become what they last showed (:func:`toolkit.export.slides.freeze_widgets`) and
    content that does not fit a slide moves to a continuation slide
    (:func:`toolkit.export.slides.fit_slides`). Code is left out unless ``hide_code`` is
    False.
    """
    slides = fit_slides(freeze_widgets(split_into_slides(nb)), hide_code=hide_code)
    exporter = _html_exporter(SlidesExporter, "smlab_slides", hide_code)
    body, _ = exporter.from_notebook_node(slides, resources=_resources(lesson))
    return str(body)


def handout_html(nb: Any, lesson: Lesson, *, hide_code: bool = False) -> str:
    """Render an executed lesson as an HTML handout referring to ``assets/``."""
    exporter = _html_exporter(HTMLExporter, "smlab_handout", hide_code)
    body, _ = exporter.from_notebook_node(nb, resources=_resources(lesson))
    return str(body)


def export_lesson(
    lesson: str,
    out_dir: str | Path = DEFAULT_OUT_DIR,
    *,
    slides: bool = True,
    handout: bool = True,
    pdf: bool = False,
    hide_code: bool | None = None,
    trainer: bool = False,
    timeout: int = CELL_TIMEOUT,
) -> LessonExport:
    """Run one lesson and export it as slides and/or a handout (HTML, and PDF on request).

    The lesson runs once, whatever is asked for. Files are written as
    ``out_dir/<lesson>.slides.html``, ``<lesson>.handout.html`` and ``<lesson>.handout.pdf``,
    with the vendored scripts copied to ``out_dir/assets/``.

    Parameters
    ----------
    lesson : str
        The lesson's slug or number (``"02-compound-improvement"``, ``"2"``).
    out_dir : str or pathlib.Path
        Where to write (created if needed); default ``exports/``.
    slides, handout : bool
        Which HTML files to write.
    pdf : bool
        Also print the handout to PDF with chromium (implies ``handout``).
    hide_code : bool, optional
        Leave the code cells' source out (their outputs stay). By default slides leave it
        out and handouts keep it.
    trainer : bool
        End the handout with the trainer's guide (:func:`toolkit.export.trainer.trainer_guide`):
        timings, points to land, prompts for the room and the bank's tempting wrong answers.
    timeout : int
        Seconds one cell may run.

    Returns
    -------
    LessonExport
        The files written.

    Raises
    ------
    ExportError
        For an unknown lesson, a lesson that fails to run, or (with ``pdf``) a missing
        chromium.
    """
    chosen = resolve_lesson(lesson)
    handout = handout or pdf
    if not (slides or handout):
        raise ExportError("nothing to export: ask for slides, a handout or a PDF")
    if pdf:
        from toolkit.export.browser import require_chromium

        require_chromium()  # fail before running the lesson
    source = nbformat.read(lesson_notebook(chosen), as_version=4)  # type: ignore[no-untyped-call]
    source.metadata["title"] = chosen.title
    executed = run_lesson(replace_checkpoints(source), name=chosen.slug, timeout=timeout)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    copy_assets(target)
    written: dict[str, Path] = {}
    if slides:
        written["slides"] = target / f"{chosen.slug}.slides.html"
        written["slides"].write_text(
            slides_html(executed, chosen, hide_code=hide_code is not False), encoding="utf-8"
        )
    if handout:
        page = executed
        if trainer:
            page = copy.deepcopy(executed)
            guide = nbformat.v4.new_markdown_cell(trainer_guide(chosen.slug))  # type: ignore[no-untyped-call]
            guide.metadata["tags"] = ["smlab-trainer-guide"]
            page.cells.append(guide)
        written["handout"] = target / f"{chosen.slug}.handout.html"
        written["handout"].write_text(
            handout_html(page, chosen, hide_code=hide_code is True), encoding="utf-8"
        )
    if pdf:
        written["pdf"] = print_pdf(written["handout"], target / f"{chosen.slug}.handout.pdf")
    return LessonExport(chosen.slug, **written)


def export_lessons(
    lessons: Iterable[str], out_dir: str | Path = DEFAULT_OUT_DIR, **options: Any
) -> list[LessonExport]:
    """Export several lessons with :func:`export_lesson` (every name is checked first).

    Raises
    ------
    ExportError
        For an unknown lesson (before anything runs), or as :func:`export_lesson`.
    """
    names = list(lessons)
    for name in names:
        resolve_lesson(name)
    return [export_lesson(name, out_dir, **options) for name in names]
