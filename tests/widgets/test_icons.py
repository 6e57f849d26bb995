"""Icons without an icon font or an emoji font: words and shipped SVG shapes only.

Every view is built and driven through its states; no button in it names a Font Awesome
icon, and no text it shows holds a character drawn from an emoji or symbol font. The
sources of the views and the terminal commands hold no such character either (the engine's
own messages, which still do, are put in words or shapes where they are shown).
"""

from __future__ import annotations

import ast
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from tests.quiz.session_banks import bank, single
from tests.widgets.test_quiz import make_bank, quiz_for
from toolkit.quiz.host.session import HostSession
from toolkit.quiz.store import ProgressStore
from toolkit.safety.symbols import EMOJI, has_emoji, in_words
from toolkit.widgets.dashboard import ProgressDashboard
from toolkit.widgets.host import HostWidget
from toolkit.widgets.icons import SHAPES, icon, iconify
from toolkit.widgets.route_picker import RoutePicker

ROOT = Path(__file__).resolve().parents[2] / "toolkit"
#: Where symbols may appear: the tables that map them to words and shapes.
MAPS = {ROOT / "safety" / "symbols.py", ROOT / "widgets" / "icons.py"}


def walk(widget: Any) -> Iterator[Any]:
    """``widget`` and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def texts(widget: Any) -> list[str]:
    """Every text a person can see or hear in ``widget``."""
    found = []
    for part in walk(widget):
        for name in ("value", "description", "tooltip", "placeholder"):
            value = getattr(part, name, None)
            if isinstance(value, str):
                found.append(value)
        for name in ("options", "tooltips"):
            for option in getattr(part, name, ()) or ():
                found.append(option[0] if isinstance(option, tuple) else str(option))
    return found


def played_host() -> HostWidget:
    now = [0.0]
    host = HostSession(
        bank([single("q1"), single("q2")]), clock=lambda: now[0], rng=random.Random(1)
    )
    for team in ("Owls", "Larks"):
        host.add_team(team)
    view = HostWidget(host)
    view.start_button.click()
    view.answer_box.value = "A"
    view.enter_button.click()
    now[0] = 30.0
    view.tick()  # time is up
    view.reveal_button.click()
    return view


def test_no_view_names_a_font_icon_or_shows_an_emoji(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite")
    quiz = quiz_for(make_bank("single"), store)
    quiz.choices.value = quiz.choices.options[0][1]
    quiz.submit.click()
    quiz.hint_button.click()
    host = played_host()
    seen: dict[str, list[str]] = {"quiz": texts(quiz), "host": texts(host)}
    host.next_button.click()
    host.next_button.click()  # the podium
    seen["podium"] = texts(host)
    seen["dashboard"] = texts(ProgressDashboard(store=store, learner="ada"))
    seen["route picker"] = texts(RoutePicker())
    buttons = [
        part
        for view in (quiz, host, RoutePicker())
        for part in walk(view)
        if isinstance(part, widgets.Button | widgets.ToggleButtons)
    ]
    assert buttons
    assert [b.description for b in buttons if getattr(b, "icon", "")] == []
    assert [b for b in buttons if any(getattr(b, "icons", ()) or ())] == []
    shown = {view: [t for t in found if has_emoji(t)] for view, found in seen.items()}
    assert shown == {view: [] for view in seen}
    assert "smlab-icon-medal" in " ".join(seen["podium"])  # shapes, drawn by us


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


@pytest.mark.parametrize("folder", ["widgets", "cli"])
def test_no_view_or_command_source_holds_an_emoji(folder: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:40]!r}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path not in MAPS
        for line, text in _literals(path)
        if has_emoji(text)
    ]
    assert found == []


def test_no_widget_source_passes_an_icon_name() -> None:
    found = [
        f"{path.name}:{node.lineno}"
        for path in sorted((ROOT / "widgets").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword)
        and node.arg == "icon"
        and not (isinstance(node.value, ast.Constant) and node.value.value == "")
    ]
    assert found == []


def test_engine_symbols_become_shapes_with_their_meaning_in_words() -> None:
    html = iconify("<li>\u2714 <strong>B</strong></li><li>\u2718 <strong>C</strong></li>")
    assert not EMOJI.search(html)
    assert 'role="img" aria-label="right"' in html
    assert 'role="img" aria-label="wrong"' in html
    verdict = iconify("<strong>\u2714 Correct</strong>")
    assert 'aria-hidden="true"' in verdict  # the word says it already
    assert "Correct</strong>" in verdict
    assert iconify("\U0001f525 Streak") == icon("flame") + " Streak"
    assert iconify("\U0001f9e9 Puzzle") == " Puzzle"  # no shape for it: dropped


def test_every_shape_is_one_line_high_and_drawn_in_the_text_colour() -> None:
    for name in SHAPES:
        drawn = icon(name)
        assert 'width="1em" height="1em"' in drawn
        assert "currentColor" in drawn
        assert "http" not in drawn.replace("http://www.w3.org", "")  # nothing to fetch


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("\u2714 Correct", "Correct"),
        ("\u2718 Not quite", "Not quite"),
        ("\u270e Recorded", "Recorded"),
        ("- \u2714 **A** Right: why", "- [right] **A** Right: why"),
        ("\U0001f393 First lesson done", "First lesson done"),
        ("\U0001f5c2\ufe0f Reviewed the due queue", "Reviewed the due queue"),
        ("\u26a0 Careful", "[warning] Careful"),
        ("Plain \u2022 text \u00b7 stays \u2026", "Plain \u2022 text \u00b7 stays \u2026"),
    ],
)
def test_the_terminal_gets_words(text: str, words: str) -> None:
    assert in_words(text) == words
    assert not has_emoji(in_words(text))


#: Pages the course ships as they are (the live room's phone and projector pages, the
#: exported quiz page): scripts, styles and markup a browser shows without our Python.
SHIPPED_PAGES = (
    *sorted((ROOT / "room" / "static").glob("*.*")),
    *sorted((ROOT / "export").glob("quiz_page.*")),
)


@pytest.mark.parametrize("page", SHIPPED_PAGES, ids=lambda path: path.name)
def test_no_shipped_page_draws_an_emoji(page: Path) -> None:
    found = [
        f"{page.name}:{number}: {line.strip()[:60]}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if has_emoji(line)
    ]
    assert found == []
