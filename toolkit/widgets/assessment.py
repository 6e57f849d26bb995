"""An interactive self-assessment: answer the critical success factors, watch the radar.

The widget is a thin view over :func:`toolkit.analytics.assessment.csf_assessment` and
:func:`toolkit.plots.assessment.csf_radar`: each slider change re-scores the answers and
redraws the chart. Learners' mistakes (a bad path when saving a baseline) show as a message,
never as a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display as _ipython_display
from matplotlib.axes import Axes

from toolkit.analytics.assessment import (
    ANSWER_SCALE,
    CSFAssessment,
    answer_score,
    csf_assessment,
    load_baseline,
    load_critical_success_factors,
)
from toolkit.paths import shown_path
from toolkit.plots.assessment import csf_radar
from toolkit.safety.files import NotSavedError
from toolkit.widgets.not_saved import not_saved_html
from toolkit.widgets.style import house_style

#: IPython's display, typed for use here.
display: Callable[..., None] = _ipython_display
_SCALE_OPTIONS = [(f"{score} {word}", score) for score, word in ANSWER_SCALE.items()]


def _scale_value(value: object, what: str) -> int:
    """Return ``value`` as a whole step of the 0-4 scale, for a slider."""
    score = answer_score(value, factor=what)
    if score is None:
        return 0
    if score != int(score):
        raise ValueError(f"{what} is {value!r}: the widget takes whole steps 0-4 or yes/partly/no")
    return int(score)


class AssessmentWidget:
    """A self-assessment of the critical success factors with a live radar chart.

    Parameters
    ----------
    factors : pandas.DataFrame, optional
        The factors (columns ``id``, ``name``, ``theme``, optionally ``question`` and
        ``explanation``); the shipped ones when None.
    answers : mapping, optional
        Starting answers, factor id -> 0-4 or yes/partly/no; unanswered factors start at 0.
    target : int or str
        The starting target for every factor (0-4 or yes/partly/no); default 3 (mostly).
    baseline : CSFAssessment, str or pathlib.Path, optional
        An earlier assessment (or a baseline file) drawn underneath for comparison.
    weights : mapping, optional
        Factor id -> weight, passed to :func:`toolkit.analytics.assessment.csf_assessment`.
    today : callable, optional
        Returns the date stamped on the assessment.
    show_plot : bool
        Draw the radar (turn off for a quick text-only view).

    Attributes
    ----------
    controls : dict
        Factor id -> its answer slider (``.value`` is the 0-4 score).
    target_control, by_control : ipywidgets.Widget
        The target for every factor, and the radar's spokes (``"factor"`` or ``"theme"``).
    summary, message : ipywidgets.HTML
        Readiness and biggest gaps; the outcome of the last action (errors included).
    result : CSFAssessment
        The assessment of the current answers.
    ax : matplotlib.axes.Axes or None
        The radar last drawn.
    view : ipywidgets.VBox
        The whole widget; displaying the object displays this.

    Raises
    ------
    ValueError
        If a starting answer, target or weight is invalid or names an unknown factor.

    Examples
    --------
    >>> w = AssessmentWidget(answers={"baseline": "yes"}, show_plot=False)
    >>> w.controls["front-door"].value = 4
    >>> w.result.frame.loc[["baseline", "front-door"], "score"].tolist()
    [4.0, 4.0]
    """

    def __init__(
        self,
        *,
        factors: pd.DataFrame | None = None,
        answers: Mapping[str, object] | None = None,
        target: int | str = 3,
        baseline: CSFAssessment | str | Path | None = None,
        weights: Mapping[str, float] | None = None,
        today: Callable[[], date] = date.today,
        show_plot: bool = True,
    ) -> None:
        self.factors = load_critical_success_factors() if factors is None else factors
        ids = [str(i) for i in self.factors["id"]]
        start = dict(answers or {})
        unknown = [a for a in start if a not in ids]
        if unknown:
            raise ValueError(f"answers name unknown factor id {unknown[0]!r}; known ids: {ids}")
        self.baseline = load_baseline(baseline) if isinstance(baseline, str | Path) else baseline
        self.weights = weights
        self.show_plot = show_plot
        self._today = today
        self.ax: Axes | None = None
        self.result: CSFAssessment

        self.controls: dict[str, widgets.SelectionSlider] = {}
        sections: list[widgets.Widget] = []
        titles: list[str] = []
        for theme, part in self.factors.groupby("theme", sort=False):
            rows: list[widgets.Widget] = []
            for record in part.to_dict("records"):
                factor_id = str(record["id"])
                question = str(record.get("question") or record["name"])
                slider = widgets.SelectionSlider(
                    options=_SCALE_OPTIONS,
                    value=_scale_value(start.get(factor_id), factor_id),
                    description="",
                    continuous_update=False,
                    tooltip=str(record.get("explanation") or ""),
                    layout=widgets.Layout(width="320px"),
                )
                self.controls[factor_id] = slider
                label = widgets.HTML(
                    f"<b>{html.escape(str(record['name']))}</b>: {html.escape(question)}",
                    layout=widgets.Layout(width="auto"),
                )
                rows.append(widgets.VBox([label, slider]))
            sections.append(widgets.VBox(rows))
            titles.append(f"{theme} ({len(rows)})")
        self.accordion = widgets.Accordion(children=sections, titles=tuple(titles))

        self.target_control = widgets.SelectionSlider(
            options=_SCALE_OPTIONS,
            value=_scale_value(target, "target"),
            description="Target",
            continuous_update=False,
        )
        self.by_control = widgets.ToggleButtons(
            options=[("one spoke per factor", "factor"), ("one per theme", "theme")],
            value="factor",
            description="Radar",
        )
        self.summary = widgets.HTML()
        self.message = widgets.HTML()
        self.output = widgets.Output()
        self.save_path = widgets.Text(
            value="", placeholder="folder or .json file", description="Save to"
        )
        self.save_button = widgets.Button(
            description="Save as baseline", tooltip="Keep today's answers"
        )
        self.save_button.on_click(self._on_save)

        for control in [*self.controls.values(), self.target_control, self.by_control]:
            control.observe(self._on_change, names="value")
        self.view = widgets.VBox(
            [
                widgets.HTML("<h3>Start where you are: critical success factors</h3>"),
                widgets.HBox([self.target_control, self.by_control]),
                self.accordion,
                self.summary,
                self.output,
                widgets.HBox([self.save_path, self.save_button]),
                self.message,
            ]
        )
        house_style(self.view)
        self.refresh()

    def answers(self) -> dict[str, int]:
        """Return the current answers, factor id -> 0-4."""
        return {factor_id: int(s.value) for factor_id, s in self.controls.items()}

    def refresh(self) -> None:
        """Re-score the answers and redraw the summary and the radar."""
        self.result = csf_assessment(
            self.answers(),
            weights=self.weights,
            target=float(self.target_control.value),
            factors=self.factors,
            assessed_on=self._today(),
        )
        self.summary.value = self._summary_html()
        if self.show_plot:
            self._draw()

    def _summary_html(self) -> str:
        result = self.result
        parts = [
            f"<b>Readiness {result.readiness:.0f}%</b> ({html.escape(result.level)}); "
            f"target {result.target_readiness:.0f}%."
        ]
        if self.baseline is not None:
            change = result.readiness - self.baseline.readiness
            parts.append(
                f"Since the baseline of {self.baseline.assessed_on}: {change:+.0f} points."
            )
        top = result.priorities(3)
        if top.empty:
            parts.append("Every factor meets its target.")
        else:
            gaps = ", ".join(
                f"{html.escape(str(name))} (gap {gap:g})"
                for name, gap in zip(top["name"], top["gap"], strict=True)
            )
            parts.append(f"Biggest gaps: {gaps}.")
        return "<p>" + " ".join(parts) + "</p>"

    def _draw(self) -> None:
        with self.output:
            self.output.clear_output(wait=True)
            try:
                ax = csf_radar(self.result, baseline=self.baseline, by=self.by_control.value)
            except ValueError as exc:
                self.message.value = f"<p><b>Cannot draw the radar:</b> {html.escape(str(exc))}</p>"
                return
            self.ax = ax
            figure = ax.get_figure(root=True)
            display(figure)
            plt.close(figure)

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()

    def _on_save(self, button: widgets.Button | None = None) -> None:
        path = self.save_path.value.strip()
        if not path:
            self.message.value = "<p>Type a folder or a .json file name to save to.</p>"
            return
        try:
            written = self.result.save(Path(path).expanduser())
        except FileExistsError:
            self.message.value = (
                "<p><b>Not saved:</b> a baseline already exists there; type a new file name "
                "(ending in .json) to keep both.</p>"
            )
            return
        except NotSavedError as exc:  # a read-only folder, a full disk: what, where, why
            self.message.value = f"<p>{not_saved_html(exc)}</p>"
            return
        except (OSError, ValueError) as exc:
            self.message.value = f"<p><b>Not saved:</b> {html.escape(str(exc))}</p>"
            return
        self.message.value = (
            f"<p>Saved the baseline to <code>{html.escape(shown_path(written))}</code>. Load it "
            "later with <code>toolkit.load_baseline(path)</code>.</p>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def csf_widget(
    *,
    factors: pd.DataFrame | None = None,
    answers: Mapping[str, object] | None = None,
    target: int | str = 3,
    baseline: CSFAssessment | str | Path | None = None,
    weights: Mapping[str, float] | None = None,
    show_plot: bool = True,
) -> AssessmentWidget:
    """Return an interactive self-assessment; display it in a notebook cell.

    Parameters
    ----------
    factors, answers, target, baseline, weights, show_plot
        As for :class:`AssessmentWidget`.

    Returns
    -------
    AssessmentWidget
        Its ``result`` is always the assessment of the current answers.

    Examples
    --------
    >>> w = csf_widget(answers={"baseline": "partly"}, show_plot=False)
    >>> w.result.frame.loc["baseline", "score"]
    np.float64(2.0)
    """
    return AssessmentWidget(
        factors=factors,
        answers=answers,
        target=target,
        baseline=baseline,
        weights=weights,
        show_plot=show_plot,
    )
