"""The one-page improvement plan: every section, the learner's text escaped, nothing loaded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.export.plan import HEADINGS, export_plan, plan_html
from toolkit.safety.files import TargetExistsError


@pytest.fixture
def chart() -> pd.DataFrame:
    values = [20.0, 22, 19, 21, 20, 23, 21, 20, 22, 19, 12, 11, 12, 10, 11, 12, 11, 10, 12, 11]
    weeks = pd.date_range("2025-01-06", periods=len(values), freq="W-MON")
    return toolkit.xmr(
        pd.DataFrame({"week": weeks, "hours": values}),
        value="hours",
        date="week",
        improvement="decrease",
    )


@pytest.fixture
def register() -> toolkit.ImprovementRegister:
    register = toolkit.ImprovementRegister(today=lambda: date(2025, 6, 2))
    register.add(description="Big review", owner="Ann", status="vision", business_value=8,
                 time_criticality=3, risk_reduction=8, job_size=5)  # fmt: skip
    register.add(description="Status updates <b>now</b>", owner="Bo", status="aim",
                 baseline="median 20 hours", target="median 8 hours", business_value=8,
                 time_criticality=5, risk_reduction=3, job_size=2)  # fmt: skip
    return register


def test_every_section_in_order(chart: pd.DataFrame, register: toolkit.ImprovementRegister) -> None:
    page = plan_html(
        register, chart, service="Email", measure="median hours", today=date(2025, 6, 2)
    )
    positions = [page.index(f"<h2>{heading}</h2>") for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "<h1>Improvement plan: Email</h1>" in page
    assert "2 June 2025" in page


def test_improvements_in_wsjf_order_with_scores(
    chart: pd.DataFrame, register: toolkit.ImprovementRegister
) -> None:
    page = plan_html(register, chart, service="Email", measure="median hours")
    # (8 + 5 + 3) / 2 = 8 goes before (8 + 3 + 8) / 5 = 3.8 (WSJF, lesson 09)
    assert page.index("Status updates") < page.index("Big review")
    assert "<td>8</td>" in page
    assert "<td>3.8</td>" in page
    assert "not yet recorded" in page  # the review has no baseline yet


def test_signals_are_listed_with_their_dates(
    chart: pd.DataFrame, register: toolkit.ImprovementRegister
) -> None:
    page = plan_html(register, chart, service="Email", measure="median hours")
    assert "improvement" in page
    assert "a run of eight or more points on one side of the mean" in page
    assert "17 Mar 2025" in page  # the first week of the lower run


def test_learner_text_is_escaped(
    chart: pd.DataFrame, register: toolkit.ImprovementRegister
) -> None:
    page = plan_html(register, chart, service="<script>x</script>", measure="m",
                     asks=["<img src=x onerror=alert(1)>"])  # fmt: skip
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page


def test_self_contained(chart: pd.DataFrame, register: toolkit.ImprovementRegister) -> None:
    page = plan_html(register, chart, service="Email", measure="median hours")
    assert "<svg" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert "@import" not in page
    assert "url(http" not in page


def test_empty_register_is_a_clear_error(chart: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="no open improvement"):
        plan_html(toolkit.ImprovementRegister(), chart, service="Email", measure="m")


def test_written_to_the_workspace_and_replaced_there(
    chart: pd.DataFrame,
    register: toolkit.ImprovementRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMLAB_WORKSPACE", str(tmp_path / "ws"))
    first = export_plan(register, chart, service="Email", measure="m")
    again = export_plan(register, chart, service="Email", measure="m")
    assert first == again == tmp_path / "ws" / "improvement-plan.html"
    assert toolkit.shown_path(first, toolkit.workspace_dir()) == "improvement-plan.html"


def test_a_named_file_is_not_overwritten_without_force(
    chart: pd.DataFrame, register: toolkit.ImprovementRegister, tmp_path: Path
) -> None:
    out = tmp_path / "plan.html"
    export_plan(register, chart, service="Email", measure="m", out=out)
    with pytest.raises(TargetExistsError):
        export_plan(register, chart, service="Email", measure="m", out=out)
    export_plan(register, chart, service="Email", measure="m", out=out, force=True)
