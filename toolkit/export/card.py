"""One-page quick reference cards: a lesson's key ideas, a small chart, three questions.

Each card is an A5 landscape page (210 x 148 mm) drawn with matplotlib and saved as a PNG
(254 dpi: 10 pixels a millimetre, 2100 x 1480) and a PDF. Its words live in
``toolkit/export/cards.yaml``; its chart is a recipe from :data:`CHARTS` that calls the
toolkit's own analytics and plot functions on the shipped data, so a card shows the same
picture as its lesson.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import matplotlib
import matplotlib.text
import pandas as pd
import yaml
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from toolkit.course import LESSONS, Lesson
from toolkit.export.errors import ExportError
from toolkit.export.resolve import resolve_lesson
from toolkit.plots._style import PALETTE, RC
from toolkit.safety.reader import check_yaml_depth, read_text

#: The card data shipped with the package.
CARDS_FILE: Path = Path(__file__).resolve().parent / "cards.yaml"
#: A5 landscape, in inches (ISO 216: 210 x 148 mm).
CARD_SIZE: tuple[float, float] = (210 / 25.4, 148 / 25.4)
#: 254 dots per inch is 10 pixels a millimetre: the PNG is 2100 x 1480 pixels.
CARD_DPI = 254
#: How many key ideas and questions a card holds.
KEY_IDEAS = (3, 5)
QUESTIONS = 3

_FIELDS = {"key_ideas", "chart", "caption", "questions", "chart_data"}
_INK = "#1b1b1b"
_MUTED = "#4a4a4a"
_CARD_RC: dict[str, Any] = {
    **RC,
    "font.size": 7.5,
    "axes.titlesize": 8,
    "axes.labelsize": 7.5,
    "xtick.labelsize": 6.5,
    "ytick.labelsize": 6.5,
    "legend.fontsize": 6.5,
    "lines.linewidth": 1.6,
    "lines.markersize": 4,
}


@dataclass(frozen=True)
class Card:
    """The content of one lesson's card.

    Attributes
    ----------
    lesson : toolkit.course.Lesson
        The lesson.
    key_ideas : tuple of str
        Three to five lines to remember.
    chart : str
        The name of the chart recipe in :data:`CHARTS`.
    caption : str
        The line under the chart.
    questions : tuple of str
        Three questions to ask at work.
    chart_data : tuple of dict
        Rows for a recipe that needs data the course does not ship (may be empty).
    """

    lesson: Lesson
    key_ideas: tuple[str, ...]
    chart: str
    caption: str
    questions: tuple[str, ...]
    chart_data: tuple[dict[str, Any], ...] = ()


# --- chart recipes -------------------------------------------------------------------------


def _course_map(ax: Axes, card: Card) -> Axes:
    from toolkit.course import lessons

    table = lessons().iloc[::-1]
    labels = [f"{n:02d} {title}" for n, title in zip(table["number"], table["title"], strict=True)]
    bars = ax.barh(labels, table["minutes"], color=PALETTE["blue"], height=0.6)
    ax.bar_label(bars, labels=[f"{m} min" for m in table["minutes"]], padding=2, fontsize=6)
    ax.set_xlabel("time (minutes)")
    ax.grid(axis="y", visible=False)
    return ax


def _icon_array(ax: Axes, card: Card) -> Axes:
    from toolkit.plots.governance import plot_icon_array

    return plot_icon_array(
        10, marked=3, per_row=5, marked_label="closed", rest_label="still open", ax=ax
    )


def _compound(ax: Axes, card: Card) -> Axes:
    from toolkit.analytics.improvement import compound
    from toolkit.plots.improvement import plot_trajectories

    year = pd.DataFrame({"1% better": compound(0.01, 52), "1% worse": compound(-0.01, 52)})
    return plot_trajectories(year, xlabel="week", title=None, ax=ax)


def _watermelon(ax: Axes, card: Card) -> Axes:
    from toolkit.analytics.metrics.sla_experience import watermelon
    from toolkit.data.loaders import load_incidents, load_survey
    from toolkit.plots.metrics import plot_watermelon

    table = watermelon(load_incidents(), survey=load_survey(), sla_target=0.90)
    return plot_watermelon(table, ax=ax)


def _change_success(ax: Axes, card: Card) -> Axes:
    from toolkit.analytics.metrics.change import change_success_rate
    from toolkit.data.loaders import load_changes
    from toolkit.plots.metrics import plot_change_success

    quarterly = change_success_rate(load_changes(), freq="Q")
    assert isinstance(quarterly, pd.DataFrame)  # freq= always gives a table
    return plot_change_success(quarterly, ax=ax)


def _xmr(ax: Axes, card: Card) -> Axes:
    from toolkit.analytics.metrics.change import change_success_rate
    from toolkit.analytics.spc import xmr
    from toolkit.data.loaders import load_changes
    from toolkit.plots.spc import plot_xmr

    monthly = change_success_rate(load_changes(), freq="M")
    assert isinstance(monthly, pd.DataFrame)  # freq= always gives a table
    success = monthly.reset_index()
    success["percent"] = success["rate"] * 100
    chart = xmr(success, value="percent", date="period", improvement="increase", target=98)
    return plot_xmr(chart, target=98, ylabel="change success (%)", verdict=False, ax=ax)


def _tribal_audit(ax: Axes, card: Card) -> Axes:
    from toolkit.analytics.assessment import load_tribal_audit_sample, tribal_audit
    from toolkit.plots.assessment import tribal_heatmap

    return tribal_heatmap(tribal_audit(load_tribal_audit_sample()), ax=ax)


def _journey(ax: Axes, card: Card) -> Axes:
    from toolkit.analytics.journey import journey_from_survey
    from toolkit.data.loaders import load_survey
    from toolkit.plots.journey import plot_journey

    journey = journey_from_survey(load_survey(), statistic="net")
    return plot_journey(journey, annotate_touch_points=False, ax=ax)


def _governance_routes(ax: Axes, card: Card) -> Axes:
    from toolkit.plots.governance import plot_governance_routes

    return plot_governance_routes(scale=2, ax=ax)


def _value_effort(ax: Axes, card: Card) -> Axes:
    from toolkit.plots.register import value_effort_chart

    if not card.chart_data:
        raise ValueError(f"card {card.lesson.slug}: the value-effort chart needs chart_data rows")
    ideas = pd.DataFrame(list(card.chart_data))
    return value_effort_chart(ideas, value_split=7, effort_split=10, ax=ax)


def _bank_sizes(ax: Axes, card: Card) -> Axes:
    from toolkit.paths import quizzes_dir
    from toolkit.quiz.loader import load_bank

    names, sizes = [], []
    for lesson in LESSONS[:-1]:
        path = quizzes_dir() / f"{lesson.slug}.yaml"
        if path.is_file():
            names.append(f"{lesson.number:02d}")
            sizes.append(len(load_bank(path).questions))
    bars = ax.bar(names, sizes, color=PALETTE["blue"])
    ax.bar_label(bars, padding=1, fontsize=6)
    ax.set_xlabel("lesson")
    ax.set_ylabel("questions (count)")
    ax.grid(axis="x", visible=False)
    return ax


#: Chart recipes by name: each draws on the Axes it is given, for the card it is given.
CHARTS: dict[str, Callable[[Axes, Card], Axes]] = {
    "course-map": _course_map,
    "icon-array": _icon_array,
    "compound": _compound,
    "watermelon": _watermelon,
    "change-success": _change_success,
    "xmr": _xmr,
    "tribal-audit": _tribal_audit,
    "journey": _journey,
    "governance-routes": _governance_routes,
    "value-effort": _value_effort,
    "bank-sizes": _bank_sizes,
}


# --- the card data -------------------------------------------------------------------------


def _text_list(value: Any, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: {field!r} must be a list of non-empty lines, not {value!r}")
    return tuple(" ".join(v.split()) for v in value)


def _card(slug: str, entry: Any, where: str) -> Card:
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where}: {slug}: a card is a mapping of {sorted(_FIELDS)}")
    unknown = sorted(set(entry) - _FIELDS)
    missing = sorted({"key_ideas", "chart", "caption", "questions"} - set(entry))
    if unknown or missing:
        raise ValueError(f"{where}: {slug}: unknown fields {unknown}, missing fields {missing}")
    ideas = _text_list(entry["key_ideas"], f"{where}: {slug}", "key_ideas")
    questions = _text_list(entry["questions"], f"{where}: {slug}", "questions")
    if not KEY_IDEAS[0] <= len(ideas) <= KEY_IDEAS[1]:
        raise ValueError(f"{where}: {slug}: give 3 to 5 key_ideas, not {len(ideas)}")
    if len(questions) != QUESTIONS:
        raise ValueError(f"{where}: {slug}: give exactly 3 questions, not {len(questions)}")
    if entry["chart"] not in CHARTS:
        raise ValueError(
            f"{where}: {slug}: unknown chart {entry['chart']!r}; the charts are: "
            f"{', '.join(CHARTS)}"
        )
    rows = entry.get("chart_data", [])
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        raise ValueError(f"{where}: {slug}: chart_data must be a list of mappings")
    return Card(
        lesson=resolve_lesson(slug),
        key_ideas=ideas,
        chart=str(entry["chart"]),
        caption=" ".join(str(entry["caption"]).split()),
        questions=questions,
        chart_data=tuple(dict(row) for row in rows),
    )


def load_cards(path: str | Path = CARDS_FILE) -> dict[str, Card]:
    """Read the card data: every lesson's key ideas, chart and three questions.

    Parameters
    ----------
    path : str or pathlib.Path
        A cards file (default: the one shipped with the package).

    Returns
    -------
    dict of str to Card
        The cards by lesson slug, in the file's order.

    Raises
    ------
    ValueError
        If an entry is malformed or names a lesson the course does not have; the message
        names the file and the lesson.

    Examples
    --------
    >>> len(load_cards()["02-compound-improvement"].questions)
    3
    """
    where = str(path)
    try:
        text = read_text(path, kind="config")  # a regular file, small, UTF-8
        check_yaml_depth(text, path)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"{where}: not valid YAML: {error}") from None
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: the cards file is a mapping from lesson slug to card")
    cards: dict[str, Card] = {}
    for slug, entry in data.items():
        try:
            cards[str(slug)] = _card(str(slug), entry, where)
        except ExportError as error:
            raise ValueError(f"{where}: {error}") from None
    return cards


@lru_cache(maxsize=1)
def _shipped_cards() -> dict[str, Card]:
    return load_cards(CARDS_FILE)


def card_for(lesson: str) -> Card:
    """Return the card of ``lesson`` (its slug or number).

    Raises
    ------
    ExportError
        If the lesson is unknown or has no card.
    """
    chosen = resolve_lesson(lesson)
    cards = _shipped_cards()
    if chosen.slug not in cards:
        raise ExportError(f"lesson {chosen.slug} has no quick reference card in {CARDS_FILE}")
    return cards[chosen.slug]


# --- drawing -------------------------------------------------------------------------------


#: Where the chart (with its labels, legend and colour bar) must fit, in figure fractions.
CHART_PANEL: tuple[float, float, float, float] = (0.53, 0.335, 0.965, 0.84)
#: The largest font a chart keeps on a card (points); house charts are sized for a projector.
CHART_FONT_MAX = 6.5
_TEXT_PT = 8.5
_LINE = 1.32 * _TEXT_PT / (CARD_SIZE[1] * 72)  # one line of card text, in figure fractions


class _Column:
    """Writes wrapped lines down a column of the figure, tracking the space left."""

    def __init__(self, figure: Figure, x: float, top: float, width_chars: int) -> None:
        self.figure = figure
        self.x = x
        self.y = top
        self.width = width_chars

    def heading(self, text: str) -> None:
        self.figure.text(self.x, self.y, text, fontsize=10, fontweight="bold", color=_INK, va="top")
        self.y -= 1.9 * _LINE

    def item(self, marker: str, text: str) -> None:
        lines = textwrap.wrap(text, self.width)
        self.figure.text(self.x, self.y, marker, fontsize=_TEXT_PT, color=_INK, va="top")
        self.figure.text(
            self.x + 0.022,
            self.y,
            "\n".join(lines),
            fontsize=_TEXT_PT,
            color=_INK,
            va="top",
            linespacing=1.32,
        )
        self.y -= _LINE * len(lines) + 0.45 * _LINE


def _tidy_chart(figure: Figure, axes: list[Axes], renderer: Any) -> None:
    """Cap every font in the chart (ticks, labels, legend, notes) at CHART_FONT_MAX, and lay
    a legend wider than the chart panel out again in two columns above the chart."""
    for ax in axes:
        for text in ax.findobj(matplotlib.text.Text):
            size = text.get_fontsize()
            if isinstance(size, int | float) and size > CHART_FONT_MAX:
                text.set_fontsize(CHART_FONT_MAX)
    panel_width = CHART_PANEL[2] - CHART_PANEL[0]
    to_figure = figure.transFigure.inverted()
    for ax in axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        if legend.get_window_extent(renderer).transformed(to_figure).width <= panel_width:
            continue
        handles = [handle for handle in legend.legend_handles if handle is not None]
        labels = [text.get_text() for text in legend.get_texts()]
        title = legend.get_title().get_text() or None
        ax.legend(
            handles,
            labels,
            title=title,
            ncols=2,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.02),
            fontsize=CHART_FONT_MAX,
            title_fontsize=CHART_FONT_MAX,
            frameon=False,
        )


def _union(boxes: list[Bbox]) -> Bbox:
    return Bbox.union(boxes)


def _fit_chart(figure: Figure, axes: list[Axes], renderer: Any) -> None:
    """Move and scale the chart's axes until everything they draw fits in CHART_PANEL."""
    px0, py0, px1, py1 = CHART_PANEL
    to_figure = figure.transFigure.inverted()
    for _ in range(4):
        placed = _union([ax.get_position() for ax in axes])
        drawn = _union(
            [ax.get_tightbbox(renderer).transformed(to_figure) for ax in axes]  # type: ignore[union-attr]
        )
        inner = (
            px0 + (placed.x0 - drawn.x0),
            py0 + (placed.y0 - drawn.y0),
            px1 - (drawn.x1 - placed.x1),
            py1 - (drawn.y1 - placed.y1),
        )
        if inner[2] - inner[0] < 0.08 or inner[3] - inner[1] < 0.08:
            raise ValueError("the chart's labels leave no room for the chart on the card")
        sx = (inner[2] - inner[0]) / placed.width
        sy = (inner[3] - inner[1]) / placed.height
        for ax in axes:
            box = ax.get_position()
            ax.set_position(
                (
                    inner[0] + (box.x0 - placed.x0) * sx,
                    inner[1] + (box.y0 - placed.y0) * sy,
                    box.width * sx,
                    box.height * sy,
                )
            )


def _check_layout(figure: Figure, chart_axes: list[Axes], renderer: Any) -> None:
    """Raise ValueError if a text leaves the page or runs into the chart."""
    to_figure = figure.transFigure.inverted()
    chart = _union(
        [ax.get_tightbbox(renderer).transformed(to_figure) for ax in chart_axes]  # type: ignore[union-attr]
    )
    if chart.x0 < 0 or chart.y0 < 0 or chart.x1 > 1 or chart.y1 > 1:
        raise ValueError("the chart does not fit on the page")
    for text in figure.texts:
        box = text.get_window_extent(renderer).transformed(to_figure)
        if box.x0 < 0 or box.y0 < 0 or box.x1 > 1 or box.y1 > 1:
            raise ValueError(f"the text {text.get_text()[:40]!r}... runs off the page")
        if box.overlaps(chart) and text.get_gid() != "caption":
            raise ValueError(f"the text {text.get_text()[:40]!r}... runs into the chart")


def draw_card(lesson: str | Card) -> Figure:
    """Draw the quick reference card of ``lesson`` and return the figure (not shown).

    Parameters
    ----------
    lesson : str or Card
        The lesson's slug or number (its shipped card is drawn), or a card.

    Returns
    -------
    matplotlib.figure.Figure
        An A5 landscape figure: title and idea, key ideas, the chart and its caption, and
        three questions to ask at work.

    Raises
    ------
    ExportError
        If the lesson is unknown or has no card.
    ValueError
        If the card's text does not fit on the page, or runs into the chart (shorten it in
        ``cards.yaml``).
    """
    card = lesson if isinstance(lesson, Card) else card_for(lesson)
    with matplotlib.rc_context(cast(Any, _CARD_RC)):
        figure = Figure(figsize=CARD_SIZE, dpi=CARD_DPI)
        renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
        figure.patch.set_facecolor("white")
        title = f"Lesson {card.lesson.number:02d} · {card.lesson.title}"
        figure.text(0.04, 0.955, title, fontsize=16, fontweight="bold", color=_INK, va="top")
        figure.text(0.04, 0.885, card.lesson.idea, fontsize=9.5, style="italic", color=_MUTED)
        figure.add_artist(Line2D([0.04, 0.96], [0.865, 0.865], color=PALETTE["blue"], lw=1.5))
        ideas = _Column(figure, 0.04, 0.835, 54)
        ideas.heading("Key ideas")
        for idea in card.key_ideas:
            ideas.item("•", idea)
        questions_top = 0.27
        if ideas.y < questions_top + 0.01:
            raise ValueError(
                f"card {card.lesson.slug}: the key ideas do not fit on the card; shorten them "
                f"in {CARDS_FILE.name}"
            )
        questions = _Column(figure, 0.04, questions_top, 118)
        questions.heading("Three questions to ask at work")
        for number, question in enumerate(card.questions, start=1):
            questions.item(f"{number}.", question)
        if questions.y < 0.05:
            raise ValueError(
                f"card {card.lesson.slug}: the questions do not fit on the card; shorten them "
                f"in {CARDS_FILE.name}"
            )
        ax = figure.add_axes((0.6, 0.45, 0.3, 0.3))
        CHARTS[card.chart](ax, card)
        ax.set_title("")
        chart_axes = list(figure.axes)  # the chart's own, plus any colour bar it added
        _tidy_chart(figure, chart_axes, renderer)
        _fit_chart(figure, chart_axes, renderer)
        caption = figure.text(
            CHART_PANEL[0],
            CHART_PANEL[1] - 0.012,
            "\n".join(textwrap.wrap(card.caption, 70)),
            fontsize=7.5,
            color=_MUTED,
            va="top",
        )
        caption.set_gid("caption")
        figure.text(
            0.04,
            0.02,
            f"Service Improvement Lab · quick reference for lesson {card.lesson.slug} · "
            f"about {card.lesson.minutes} minutes",
            fontsize=6.5,
            color=_MUTED,
        )
        try:
            _check_layout(figure, chart_axes, renderer)
        except ValueError as error:
            raise ValueError(
                f"card {card.lesson.slug}: {error}; shorten the text in {CARDS_FILE.name}"
            ) from None
    return figure


def export_card(lesson: str, out_dir: str | Path = "exports") -> tuple[Path, Path]:
    """Draw the card of ``lesson`` and save it as ``<lesson>.card.png`` and ``.card.pdf``.

    Parameters
    ----------
    lesson : str
        The lesson's slug or number.
    out_dir : str or pathlib.Path
        Where to write (created if needed); default ``exports/``.

    Returns
    -------
    tuple of pathlib.Path
        The PNG (2100 x 1480 pixels) and the PDF (one A5 landscape page).

    Raises
    ------
    ExportError
        If the lesson is unknown or has no card.
    """
    figure = draw_card(lesson)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    slug = card_for(lesson).lesson.slug
    png = target / f"{slug}.card.png"
    pdf = target / f"{slug}.card.pdf"
    figure.savefig(png, dpi=CARD_DPI, facecolor="white")
    figure.savefig(pdf, facecolor="white", metadata={"Title": f"{slug}: quick reference card"})
    return png, pdf
