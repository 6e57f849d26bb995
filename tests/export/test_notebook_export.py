"""Slides and handouts: run on a copy, split at headings, every script from local files."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tests.export.exported import LESSONS, Exported
from tests.export.offline_html import CDN_HOSTS, references, remote_loads
from tests.support import skip_or_fail
from toolkit.export.assets import ASSETS_FOLDER, asset_urls
from toolkit.export.browser import chromium_path, print_pdf
from toolkit.export.errors import ExportError
from toolkit.export.notebook_export import (
    export_lesson,
    export_lessons,
    heading_lines,
    replace_checkpoints,
    run_lesson,
    split_into_slides,
)
from toolkit.paths import notebooks_dir

FENCE = re.compile(r"^(```|~~~)")


def count_headings(markdown: str) -> int:
    """Count ATX headings outside code fences, independently of the exporter's parser."""
    count, fenced = 0, False
    for line in markdown.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
        elif not fenced and re.match(r"^ {0,3}#{1,6}(\s|$)", line):
            count += 1
    return count


# --- unit: preparing the copy ---------------------------------------------------------------


def test_heading_lines_skip_code_and_quotes() -> None:
    text = "# One\nintro\n```\n# not a heading\n```\n> # quoted\n\nTwo\n===\n### Three"
    assert heading_lines(text) == [0, 7, 9]


def test_split_into_slides_starts_a_slide_at_each_heading() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title\nintro\n## Part A\ntext"),
            nbformat.v4.new_code_cell("1 + 1"),
            nbformat.v4.new_markdown_cell("more about A, no heading"),
            nbformat.v4.new_markdown_cell("lead-in\n## Part B\n```\n# code, not a slide\n```"),
        ]
    )
    slides = split_into_slides(nb)
    kinds = [(c.cell_type, c.metadata["slideshow"]["slide_type"]) for c in slides.cells]
    assert kinds == [
        ("markdown", "slide"),
        ("markdown", "slide"),
        ("code", "-"),
        ("markdown", "-"),
        ("markdown", "-"),
        ("markdown", "slide"),
    ]
    assert slides.cells[1].source == "## Part A\ntext"
    assert slides.cells[4].source == "lead-in"
    assert "# code, not a slide" in slides.cells[5].source
    assert "slideshow" not in nb.cells[0].metadata  # the original is untouched
    nbformat.validate(slides)


def test_checkpoint_cells_become_notes() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_code_cell('toolkit.checkpoint("02-compound-improvement")'),
        ]
    )
    copy = replace_checkpoints(nb)
    assert copy.cells[0].cell_type == "code"
    assert copy.cells[1].cell_type == "markdown"
    assert "smlab export quiz 02-compound-improvement" in copy.cells[1].source
    assert nb.cells[1].cell_type == "code"


def test_run_lesson_keeps_away_from_learner_data_and_draws_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = tmp_path / "learner"
    learner.mkdir()
    monkeypatch.setenv("SMLAB_DATA_DIR", str(learner))
    monkeypatch.setenv("MPLBACKEND", "Agg")  # as in tests: the kernel must not inherit it
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "import os, pathlib\n"
                "data = pathlib.Path(os.environ['SMLAB_DATA_DIR'])\n"
                "(data / 'progress.sqlite3').write_text('x')\n"
                "print(data)"
            ),
            nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);"),
        ]
    )
    executed = run_lesson(nb, name="probe")
    used = Path(executed.cells[0].outputs[0]["text"].strip())
    assert used != learner
    assert list(learner.iterdir()) == []
    figures = [o for o in executed.cells[1].outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 1


def test_a_failing_lesson_is_an_export_error_naming_it() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    with pytest.raises(ExportError, match=r"lesson broken-one .*ZeroDivisionError"):
        run_lesson(nb, name="broken-one")


def test_unknown_lesson_lists_the_lessons(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"no lesson '42'.*00-start-here.*10-final-challenge"):
        export_lesson("42", tmp_path)
    with pytest.raises(ExportError, match="no lesson 'nope'"):
        export_lessons(["00", "nope"], tmp_path)
    assert not any(tmp_path.iterdir())  # checked before anything ran


def test_nothing_asked_for_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="nothing to export"):
        export_lesson("00", tmp_path, slides=False, handout=False)


# --- the exported lessons -------------------------------------------------------------------


def test_exports_write_one_file_per_lesson_per_kind(exported: Exported) -> None:
    for lesson in LESSONS:
        result = exported.results[lesson]
        assert result.slides == exported.out / f"{lesson}.slides.html"
        assert result.handout == exported.out / f"{lesson}.handout.html"
        assert result.pdf is None
        assert result.slides.is_file()
        assert result.handout.is_file()
    assert (exported.out / ASSETS_FOLDER / "reveal.js" / "reveal.js").is_file()


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("kind", ["slides", "handout"])
def test_exported_html_loads_nothing_from_the_network(
    exported: Exported, lesson: str, kind: str
) -> None:
    page = (exported.out / f"{lesson}.{kind}.html").read_text(encoding="utf-8")
    assert remote_loads(page) == []
    for host in CDN_HOSTS:
        assert host not in page
    found = references(page)
    loaded = {value for _, _, value in found.loads if not value.startswith("data:")}
    urls = asset_urls()
    assert urls.require_js in loaded
    assert urls.mathjax in loaded
    for value in loaded:  # every file the page loads was exported beside it
        assert (exported.out / value).is_file(), value


def test_widget_snapshot_uses_the_local_renderer(exported: Exported) -> None:
    page = (exported.out / "01-why-governance-matters.handout.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in page
    assert f"var widgetRendererSrc = '{asset_urls().widget_renderer}'" in page


@pytest.mark.parametrize("lesson", LESSONS)
def test_slides_have_one_section_per_heading(exported: Exported, lesson: str) -> None:
    source = nbformat.read(notebooks_dir() / f"{lesson}.ipynb", as_version=4)
    markdown = [c.source for c in source.cells if c.cell_type == "markdown"]
    headings = sum(count_headings(text) for text in markdown)
    first_is_heading = source.cells[0].cell_type == "markdown" and count_headings(
        source.cells[0].source.splitlines()[0]
    )
    expected = headings + (0 if first_is_heading else 1)
    page = (exported.out / f"{lesson}.slides.html").read_text(encoding="utf-8")
    assert headings >= 3
    assert page.count('<div class="slides">') == 1
    slides_part = page.split('<div class="slides">', 1)[1]
    assert _outer_sections(slides_part) == expected


def _outer_sections(html: str) -> int:
    """Count <section> elements at the top level of ``html`` (nested ones not counted)."""
    depth = outer = 0
    for match in re.finditer(r"<(/?)section\b", html):
        if match.group(1):
            depth -= 1
        else:
            if depth == 0:
                outer += 1
            depth += 1
        if depth < 0:  # the end of <div class="slides">'s content
            break
    return outer


def test_handout_has_the_plots_and_the_checkpoint_note(exported: Exported) -> None:
    page = (exported.out / "01-why-governance-matters.handout.html").read_text(encoding="utf-8")
    images = [v for t, n, v in references(page).loads if t == "img" and n == "src"]
    assert len([v for v in images if v.startswith("data:image/png;base64,")]) >= 2
    assert "smlab export quiz 01-why-governance-matters" in page


def test_committed_notebooks_and_learner_data_are_untouched(exported: Exported) -> None:
    assert exported.notebooks_after == exported.notebooks_before
    assert list(exported.learner_data.iterdir()) == []
    source = nbformat.read(notebooks_dir() / "00-start-here.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in source.cells if c.cell_type == "code")


def test_pdf_handout_is_printed_from_local_files(exported: Exported, tmp_path: Path) -> None:
    if chromium_path() is None:
        skip_or_fail("Debian's chromium is not installed (apt-get install chromium)")
    pdf = print_pdf(exported.out / "00-start-here.handout.html", tmp_path / "handout.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Type /Page" in data


def test_pdf_without_chromium_says_so(
    exported: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ExportError, match=r"PDF printing needs chromium.*no-such-chromium"):
        print_pdf(exported.out / "00-start-here.handout.html", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="PDF printing needs chromium"):
        export_lesson("00", tmp_path, pdf=True)  # fails before running the lesson
    assert not (tmp_path / "x.pdf").exists()
