"""Tests for toolkit.plots.assessment: radar and tribal-audit heatmap artists."""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit.analytics.assessment import (
    CSFAssessment,
    csf_assessment,
    load_critical_success_factors,
    load_tribal_audit_sample,
    tribal_audit,
)
from toolkit.plots.assessment import csf_radar, tribal_heatmap

IDS = load_critical_success_factors()["id"].tolist()
SCORES = [i % 5 for i in range(len(IDS))]


def now() -> CSFAssessment:
    return csf_assessment(
        dict(zip(IDS, SCORES, strict=True)), target=3, assessed_on=date(2026, 4, 1)
    )


def test_radar_draws_score_and_target_closed() -> None:
    result = now()
    ax = csf_radar(result)
    assert ax.name == "polar"
    assert len(ax.lines) == 2
    score, target = ax.lines
    assert score.get_ydata().tolist() == [*map(float, SCORES), float(SCORES[0])]
    assert set(target.get_ydata()) == {3.0}
    theta = score.get_xdata()
    assert theta[0] == 0.0
    assert theta[-1] == 0.0  # the loop closes on the first spoke
    assert np.allclose(np.diff(theta[:-1]), 2 * np.pi / len(IDS))
    assert score.get_marker() == "o"
    assert target.get_linestyle() == "--"
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels[0] == "Leadership support"
    assert "readiness 50%" in score.get_label()


def test_radar_with_baseline_and_without_target() -> None:
    before = csf_assessment(dict.fromkeys(IDS[:10], 1), assessed_on=date(2026, 1, 1))
    ax = csf_radar(now(), baseline=before, show_target=False)
    assert len(ax.lines) == 2
    baseline = ax.lines[1].get_ydata()
    assert baseline[:10].tolist() == [1.0] * 10
    assert np.isnan(baseline[10:-1]).all()  # factors the baseline lacks leave a gap
    assert ax.lines[1].get_marker() == "s"
    assert "2026-01-01" in ax.lines[1].get_label()


def test_radar_by_theme() -> None:
    result = now()
    ax = csf_radar(result, by="theme")
    themes = result.by_theme()
    assert len(ax.lines[0].get_ydata()) == len(themes) + 1
    assert ax.lines[0].get_ydata()[:-1].tolist() == pytest.approx(themes["score"].tolist())


def test_radar_on_a_given_polar_axes() -> None:
    ax = plt.subplot(projection="polar")
    assert csf_radar(now(), ax=ax) is ax


def test_radar_errors() -> None:
    with pytest.raises(ValueError, match="a radar needs a polar one"):
        csf_radar(now(), ax=plt.subplot())
    with pytest.raises(ValueError, match="at least 3 spokes, got 2"):
        csf_radar(csf_assessment({"baseline": 1, "front-door": 2}))
    with pytest.raises(ValueError, match="by is 'group'"):
        csf_radar(now(), by="group")


def test_tribal_heatmap_shows_the_matrix_with_marks() -> None:
    audit = tribal_audit(load_tribal_audit_sample())
    ax = tribal_heatmap(audit)
    assert np.array_equal(np.asarray(ax.images[0].get_array()), audit.matrix.to_numpy())
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Spreadsheets *" in xlabels
    assert "Agile board" in xlabels
    assert "Facilities (1/5) (!)" in ylabels
    assert "Service desk (4/5)" in ylabels
    ticks = [t for t in ax.texts if t.get_text() == "\u2713"]
    assert len(ticks) == int(audit.matrix.to_numpy().sum())
    assert ax.get_xlabel().startswith("preferred tool or method")


def test_tribal_heatmap_writes_shares() -> None:
    data = pd.DataFrame({"group": ["A", "A", "B"], "tools": ["x", "y", "x"], "openness": [3, 3, 4]})
    audit = tribal_audit(data, methods=None)
    ax = tribal_heatmap(audit)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["50%", "50%", "\u2713"]
    plain = tribal_heatmap(audit, annotate=False, ax=plt.subplots()[1])
    assert len(plain.texts) == 0
