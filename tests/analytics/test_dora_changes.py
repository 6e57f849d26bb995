"""DORA lead time per change (issue 20) and deployment frequency as fourkeys counts it."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from toolkit.analytics.metrics import dora_four_keys


def times(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(texts)))


@pytest.fixture
def deployments() -> pd.DataFrame:
    """Three deployments to two services in one week (Monday 6 January 2025 onwards)."""
    return pd.DataFrame(
        {
            "deployment_id": ["D1", "D2", "D3"],
            "service_id": ["shop", "shop", "pay"],
            "deployed_at": times("2025-01-06 12:00", "2025-01-08 12:00", "2025-01-09 12:00"),
            "failed": [False, True, False],
            "restored_at": times("NaT", "2025-01-08 14:00", "NaT"),
        }
    )


@pytest.fixture
def commits() -> pd.DataFrame:
    """Several commits per deployment; c3 is listed with D1 and D2 (it counts once, at D1);
    D3 carried no change at all."""
    return pd.DataFrame(
        {
            "change_id": ["c1", "c2", "c3", "c3", "c4", "c5"],
            "committed_at": times(
                "2025-01-06 10:00",  # -> D1 12:00: 2 h
                "2025-01-06 08:00",  # -> D1: 4 h
                "2025-01-05 12:00",  # -> D1 (first carrier): 24 h, not 72 h at D2
                "2025-01-05 12:00",
                "2025-01-07 12:00",  # -> D2 8 Jan 12:00: 24 h
                "2025-01-08 11:00",  # -> D2: 1 h
            ),
            "deployment_id": ["D1", "D1", "D1", "D2", "D2", "D2"],
        }
    )


def test_lead_time_is_the_median_over_changes(
    deployments: pd.DataFrame, commits: pd.DataFrame
) -> None:
    keys = dora_four_keys(deployments, changes=commits)
    # Per change, by hand: 2, 4, 24, 24, 1 -> sorted 1, 2, 4, 24, 24 -> median 4 h.
    assert keys.loc["lead_time", "value"] == pytest.approx(4.0)
    assert keys.loc["lead_time", "n"] == 5
    assert keys.attrs["lead_time_basis"].startswith("per change")
    # D3 carried no change but still counts as a deployment (fourkeys would drop it).
    assert keys.loc["change_failure_rate", "value"] == pytest.approx(1 / 3)
    assert keys.loc["time_to_restore", "value"] == pytest.approx(2.0)


def test_per_deployment_form_measures_the_first_commit_only(deployments: pd.DataFrame) -> None:
    first = deployments.assign(
        committed_at=times("2025-01-05 12:00", "2025-01-07 12:00", "2025-01-09 11:00")
    )
    keys = dora_four_keys(first)
    # First commit per deployment: 24 h, 24 h, 1 h -> median 24 h, "high"; the per-change
    # median above is 4 h, "elite": the oldest change's wait is not the published measure.
    assert keys.loc["lead_time", "value"] == pytest.approx(24.0)
    assert str(keys.loc["lead_time", "level"]) == "high"
    assert "first commit only" in keys.loc["lead_time", "basis"]


def test_changes_by_service_and_by_deployment_time(
    deployments: pd.DataFrame, commits: pd.DataFrame
) -> None:
    table = dora_four_keys(deployments, changes=commits, by="service_id")
    assert table.loc["shop", "lead_time"] == pytest.approx(4.0)
    assert pd.isna(table.loc["pay", "lead_time"])
    assert table.loc["pay", "deployments"] == 1
    # The carrier given as a time instead of an id: the same medians.
    when = commits.assign(deployment_id=commits["deployment_id"].map(
        deployments.set_index("deployment_id")["deployed_at"]))  # fmt: skip
    same = dora_four_keys(deployments, changes=when, carried_by="deployment_id")
    assert same.loc["lead_time", "value"] == pytest.approx(4.0)
    polars = dora_four_keys(pl.from_pandas(deployments), changes=pl.from_pandas(commits))
    assert polars.filter(pl.col("key") == "lead_time")["value"].item() == pytest.approx(4.0)


def test_changes_errors(deployments: pd.DataFrame, commits: pd.DataFrame) -> None:
    unknown = commits.assign(deployment_id=["D1", "D1", "D1", "D2", "D2", "D9"])
    with pytest.raises(ValueError, match=r"names 1 deployment\(s\) not in data, e\.g\. 'D9'"):
        dora_four_keys(deployments, changes=unknown)
    early = commits.assign(committed_at=commits["committed_at"] + pd.Timedelta(days=9))
    with pytest.raises(ValueError, match=r"change\(s\) in changes= were deployed before"):
        dora_four_keys(deployments, changes=early)
    with pytest.raises(ValueError, match=r"missing column 'sha' \(argument carried_by=\)"):
        dora_four_keys(deployments, changes=commits, carried_by="sha")


def test_deployment_frequency_counts_silence_up_to_as_of(deployments: pd.DataFrame) -> None:
    one = deployments.iloc[[0]].assign(committed_at=times("2025-01-06 10:00"))
    # One deployment is one deployment day in one week: high at best, never "elite".
    keys = dora_four_keys(one)
    assert keys.loc["deployment_frequency", "value"] == 1.0
    assert str(keys.loc["deployment_frequency", "level"]) == "high"
    # Four quiet weeks after it (to 2 February): weeks 1, 0, 0, 0, 0 -> median 0; the
    # median month (January: one week with a deployment) still deploys -> medium.
    later = dora_four_keys(one, as_of="2025-02-02")
    assert later.loc["deployment_frequency", "value"] == 0.0
    assert later.loc["deployment_frequency", "n"] == 4
    assert str(later.loc["deployment_frequency", "level"]) == "medium"
    # Through March: January deploys, February and March do not -> low.
    quiet = dora_four_keys(one, as_of="2025-03-30")
    assert str(quiet.loc["deployment_frequency", "level"]) == "low"


def test_daily_deployments_are_elite() -> None:
    days = pd.date_range("2025-01-06 12:00", periods=14, freq="D")
    daily = pd.DataFrame(
        {
            "deployed_at": days,
            "committed_at": days - pd.Timedelta(hours=2),
            "failed": False,
            "restored_at": pd.NaT,
        }
    )
    keys = dora_four_keys(daily)
    assert keys.loc["deployment_frequency", "value"] == 7.0
    assert str(keys.loc["deployment_frequency", "level"]) == "elite"
