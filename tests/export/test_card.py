"""Quick reference cards: every lesson has one, it fits on an A5 page, PNG and PDF."""

from __future__ import annotations

import dataclasses
import re
import struct
from pathlib import Path

import pytest

from toolkit.course import LESSONS
from toolkit.export.card import CHARTS, card_for, draw_card, export_card, load_cards
from toolkit.export.errors import ExportError

#: ISO 216 A5 is 210 x 148 mm; at 254 dpi (10 pixels a millimetre) that is 2100 x 1480 px,
#: and in PDF points (1/72 inch) 595.28 x 419.53.
A5_PIXELS = (2100, 1480)
A5_POINTS = (210 / 25.4 * 72, 148 / 25.4 * 72)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_lesson_has_a_card() -> None:
    cards = load_cards()
    assert list(cards) == [lesson.slug for lesson in LESSONS]
    for card in cards.values():
        assert 3 <= len(card.key_ideas) <= 5
        assert len(card.questions) == 3
        assert all(q.endswith("?") for q in card.questions)
        assert card.chart in CHARTS
        assert card.caption


@pytest.mark.parametrize("lesson", [lesson.slug for lesson in LESSONS])
def test_every_card_draws_and_fits(lesson: str) -> None:
    figure = draw_card(lesson)  # raises if a text leaves the page or runs into the chart
    assert tuple(round(v, 2) for v in figure.get_size_inches()) == (8.27, 5.83)
    texts = " ".join(t.get_text() for t in figure.texts)
    card = card_for(lesson)
    assert card.lesson.title in texts
    for question in card.questions:
        assert question.split()[0] in texts
    chart_axes = figure.axes
    assert chart_axes
    assert chart_axes[0].has_data()


def test_compound_card_draws_the_lesson_model() -> None:
    ax = draw_card("02").axes[0]
    better = ax.lines[0].get_ydata()
    assert better[-1] == pytest.approx(1.6777, abs=1e-4)  # 1.01 ** 52 (RECIPES.md)


def test_export_writes_a5_png_and_pdf(tmp_path: Path) -> None:
    png, pdf = export_card("00-start-here", tmp_path)
    assert png == tmp_path / "00-start-here.card.png"
    assert png_size(png) == A5_PIXELS
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page ") + data.count(b"/Type /Page\n") == 1
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    assert float(box.group(1)) == pytest.approx(A5_POINTS[0], abs=0.01)
    assert float(box.group(2)) == pytest.approx(A5_POINTS[1], abs=0.01)


def test_unknown_lesson_lists_the_lessons(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"no lesson '12'.*00-start-here"):
        export_card("12", tmp_path)


def test_text_that_does_not_fit_is_refused() -> None:
    card = card_for("02")
    long = dataclasses.replace(card, key_ideas=tuple(["word " * 60] * 5))
    with pytest.raises(ValueError, match="key ideas do not fit"):
        draw_card(long)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("key_ideas: [a, b]\nchart: compound\ncaption: c\nquestions: [qa, qb, qc]", "3 to 5"),
        ("key_ideas: [a, b, c]\nchart: compound\ncaption: c\nquestions: [qa, qb]", "exactly 3"),
        ("key_ideas: [a, b, c]\nchart: pie\ncaption: c\nquestions: [qa, qb, qc]", "unknown chart"),
        ("key_ideas: [a, b, c]\nchart: compound\nquestions: [qa, qb, qc]", "missing fields"),
        ("key_ideas: [a, {b: c}, d]\nchart: compound\ncaption: c\nquestions: [qa, qb, qc]", "list"),
    ],
)
def test_malformed_cards_name_the_lesson(tmp_path: Path, entry: str, message: str) -> None:
    indented = "\n".join(f"  {line}" for line in entry.splitlines())
    path = tmp_path / "cards.yaml"
    path.write_text(f"02-compound-improvement:\n{indented}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"cards.yaml: 02-compound-improvement: .*{message}"):
        load_cards(path)


def test_a_card_for_an_unknown_lesson_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cards.yaml"
    path.write_text(
        "99-nope:\n  key_ideas: [a, b, c]\n  chart: compound\n  caption: c\n"
        "  questions: [qa, qb, qc]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"cards.yaml: .*no lesson '99-nope'"):
        load_cards(path)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cards.yaml"
    path.write_text("02-compound-improvement:\n  questions: [a?, b]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cards.yaml: not valid YAML"):
        load_cards(path)
