"""Happiness per journey moment, one service against all, with moments named in words."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.analytics.metrics import happiness, happiness_gap, moment_label


def _survey() -> pd.DataFrame:
    rows = []
    for moment in ("find_help", "kept_updated"):
        rows += [{"service_id": "A", "moment": moment, "happiness": 10}] * 30
        rows += [{"service_id": "B", "moment": moment, "happiness": 0}] * 30
    frame = pd.DataFrame(rows)
    frame["responded_at"] = pd.Timestamp("2025-01-01")
    return frame


def test_the_gap_is_the_service_minus_everyone() -> None:
    gap = happiness_gap(_survey(), service="B")
    assert list(gap.index) == ["Find help", "Kept updated"]
    assert gap.loc["Kept updated", "all services"] == pytest.approx(0.0)  # 50% - 50%
    assert gap.loc["Kept updated", "B"] == pytest.approx(-100.0)
    assert gap.loc["Kept updated", "gap"] == pytest.approx(-100.0)


def test_it_agrees_with_happiness() -> None:
    survey = _survey()
    gap = happiness_gap(survey, service="A")
    assert (
        gap["A"].tolist()
        == happiness(survey[survey["service_id"] == "A"], by="moment")["score"].tolist()
    )


def test_errors_name_what_is_there() -> None:
    with pytest.raises(ValueError, match="no responses for service='C'; there are A, B"):
        happiness_gap(_survey(), service="C")
    with pytest.raises(ValueError, match="no column 'team'"):
        happiness_gap(_survey(), service="A", service_col="team")


def test_moment_label() -> None:
    assert moment_label("kept_updated") == "Kept updated"
