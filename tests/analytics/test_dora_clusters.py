"""DORA 2023 levels read as the closest cluster, against the report's published values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import toolkit
from toolkit.analytics.metrics import dora_closest_cluster, dora_closest_clusters

# Accelerate State of DevOps Report 2023: typical change failure rate of each cluster.
PUBLISHED_CFR = {"elite": 0.05, "high": 0.10, "medium": 0.15, "low": 0.64}


@pytest.mark.parametrize(
    ("rate", "cluster"),
    [
        (0.0, "elite"),
        (0.05, "elite"),
        (0.07, "elite"),
        (0.08, "high"),
        (0.108, "high"),  # above 10%, but nearest the high cluster's 10%
        (0.124, "high"),
        (0.126, "medium"),
        (0.15, "medium"),
        (0.39, "medium"),
        (0.40, "low"),
        (0.64, "low"),
        (1.0, "low"),
    ],
)
def test_change_failure_rate_goes_to_the_nearest_published_value(rate: float, cluster: str) -> None:
    assert dora_closest_cluster("change_failure_rate", rate) == cluster
    nearest = min(PUBLISHED_CFR, key=lambda level: abs(rate - PUBLISHED_CFR[level]))
    assert cluster == nearest


@pytest.mark.parametrize(
    ("key", "value", "cluster"),
    [
        ("lead_time", 20.0, "elite"),  # less than one day
        ("lead_time", 39.8, "high"),  # between one day and one week
        ("lead_time", 300.0, "medium"),  # between one week and one month
        ("time_to_restore", 0.5, "elite"),  # less than one hour
        ("time_to_restore", 4.2, "high"),  # less than one day
        ("deployment_frequency", 5.0, "elite"),
    ],
)
def test_range_keys_go_to_the_cluster_whose_range_holds_them(
    key: str, value: float, cluster: str
) -> None:
    assert dora_closest_cluster(key, value) == cluster


def test_missing_is_no_cluster_and_bad_input_is_named() -> None:
    assert dora_closest_cluster("change_failure_rate", math.nan) is None
    with pytest.raises(ValueError, match="unknown key"):
        dora_closest_cluster("velocity", 1.0)
    with pytest.raises(ValueError, match="share from 0 to 1"):
        dora_closest_cluster("change_failure_rate", 10.8)


def test_the_course_data_headline_is_closest_to_high() -> None:
    """Lesson 04's key: the shipped deployments' 10.8% change failure rate is nearest High."""
    keys = toolkit.dora_four_keys(toolkit.load_deployments(), changes=toolkit.load_commits())
    assert keys.loc["change_failure_rate", "value"] == pytest.approx(0.108)
    read = dora_closest_clusters(keys)
    assert read.loc["change_failure_rate", "level"] == "high"
    assert read.loc["lead_time", "level"] == keys.loc["lead_time", "level"]


def test_grouped_tables_are_read_per_service() -> None:
    keys = toolkit.dora_four_keys(
        toolkit.load_deployments(), changes=toolkit.load_commits(), by="service_id"
    )
    read = dora_closest_clusters(keys)
    for service, rate in keys["change_failure_rate"].items():
        assert read.loc[service, "change_failure_rate_level"] == dora_closest_cluster(
            "change_failure_rate", rate
        )


def test_a_table_of_another_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="expected dora_four_keys output"):
        dora_closest_clusters(pd.DataFrame({"x": [1]}))
