"""Tests for toolkit.widgets.assessment, driven without a browser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toolkit.analytics.assessment import csf_assessment, load_critical_success_factors
from toolkit.widgets.assessment import AssessmentWidget, csf_widget

DAY = date(2026, 1, 5)
IDS = load_critical_success_factors()["id"].tolist()


def make(**kwargs: object) -> AssessmentWidget:
    return AssessmentWidget(today=lambda: DAY, **kwargs)  # type: ignore[arg-type]


def test_one_control_per_factor_grouped_by_theme() -> None:
    widget = make(show_plot=False)
    assert sorted(widget.controls) == sorted(IDS)
    assert len(widget.accordion.children) == 8
    assert widget.accordion.titles[0] == "Leadership (2)"
    assert all(c.value == 0 for c in widget.controls.values())
    assert widget.result.readiness == 0.0


def test_starting_answers_and_target() -> None:
    widget = make(answers={"baseline": "yes", "front-door": 2}, target="partly", show_plot=False)
    assert widget.controls["baseline"].value == 4
    assert widget.target_control.value == 2
    assert widget.result.frame.loc["front-door", "gap"] == 0.0


def test_moving_a_slider_rescores_and_redraws() -> None:
    widget = make()
    widget.controls["front-door"].value = 4
    widget.controls["baseline"].value = 3
    assert widget.result.frame.loc[["baseline", "front-door"], "score"].tolist() == [3.0, 4.0]
    assert widget.result.readiness == pytest.approx(100 * 7 / 80)
    assert "Readiness 9%" in widget.summary.value
    assert widget.ax is not None
    radial = widget.ax.lines[0].get_ydata()
    assert radial[IDS.index("front-door")] == 4.0
    assert radial[IDS.index("baseline")] == 3.0
    assert len(radial) == len(IDS) + 1


def test_target_slider_moves_the_target_line() -> None:
    widget = make()
    widget.target_control.value = 4
    assert widget.ax is not None
    assert set(widget.ax.lines[1].get_ydata()) == {4.0}
    assert widget.result.target_readiness == 100.0


def test_radar_by_theme() -> None:
    widget = make()
    widget.by_control.value = "theme"
    assert widget.ax is not None
    assert len(widget.ax.lines[0].get_ydata()) == 8 + 1


def test_summary_names_the_biggest_gaps() -> None:
    widget = make(answers=dict.fromkeys(IDS, 3), show_plot=False)
    assert "Every factor meets its target" in widget.summary.value
    widget.controls["able-to-pivot"].value = 0
    assert "Biggest gaps: Able to pivot (gap 3)" in widget.summary.value


def test_baseline_is_drawn_and_compared(tmp_path: Path) -> None:
    before = csf_assessment(dict.fromkeys(IDS, 1), assessed_on=date(2025, 10, 1))
    path = before.save(tmp_path)
    widget = make(answers=dict.fromkeys(IDS, 2), baseline=path)
    assert widget.ax is not None
    assert len(widget.ax.lines) == 3
    assert set(widget.ax.lines[2].get_ydata()) == {1.0}
    assert "Since the baseline of 2025-10-01: +25 points" in widget.summary.value


def test_save_button_writes_a_baseline_and_reports_problems(tmp_path: Path) -> None:
    widget = make(answers={"baseline": 2}, show_plot=False)
    widget.save_button.click()
    assert "Type a folder" in widget.message.value
    widget.save_path.value = str(tmp_path)
    widget.save_button.click()
    assert (tmp_path / "csf-baseline-2026-01-05.json").is_file()
    assert "Saved the baseline" in widget.message.value
    widget.save_button.click()
    assert "already exists" in widget.message.value
    widget.save_path.value = str(tmp_path / "missing" / "b.json")
    widget.save_button.click()
    assert "Not saved" in widget.message.value
    assert "does not exist" in widget.message.value


def test_bad_starting_answers_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown factor id 'nope'"):
        make(answers={"nope": 1})
    with pytest.raises(ValueError, match="whole steps"):
        make(answers={"baseline": 2.5})
    with pytest.raises(ValueError, match="answer for 'target'"):
        make(target=9)


def test_factory_and_display_bundle() -> None:
    widget = csf_widget(answers={"baseline": "partly"}, show_plot=False)
    assert widget.result.frame.loc["baseline", "score"] == 2.0
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
