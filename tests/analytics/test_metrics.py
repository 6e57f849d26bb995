"""Tests for toolkit.analytics.metrics: reference values, edge cases, errors, properties."""

from __future__ import annotations

import doctest
import math
import pickle

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit.analytics.metrics.change
import toolkit.analytics.metrics.dora
import toolkit.analytics.metrics.dora_keys
import toolkit.analytics.metrics.experience
import toolkit.analytics.metrics.service_levels
import toolkit.analytics.metrics.sla_experience
import toolkit.data.imports
import toolkit.data.loaders
from toolkit.analytics.metrics import (
    DORA_KEYS,
    QUADRANTS,
    Score,
    backlog,
    change_failure_rate,
    change_success_rate,
    csat,
    dora_bands,
    dora_closest_cluster,
    dora_four_keys,
    dora_level,
    first_contact_resolution,
    happiness,
    nps,
    reopen_rate,
    sla_compliance,
    time_to_resolve,
    watermelon,
)


def answers(column: str, counts: dict[int, int]) -> pd.DataFrame:
    """A survey frame holding ``count`` answers of each ``value``."""
    values = [value for value, count in counts.items() for _ in range(count)]
    return pd.DataFrame({column: values})


def stamp(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


@pytest.fixture
def incidents() -> pd.DataFrame:
    """Five incidents, two services; worked out by hand in the tests below."""
    return pd.DataFrame(
        {
            "service_id": ["A", "A", "B", "B", "B"],
            "opened_at": pd.to_datetime(
                [
                    "2024-01-01 08:00",
                    "2024-01-10 00:00",
                    "2024-02-01 00:00",
                    "2024-02-03 00:00",
                    "2024-03-05 00:00",
                ]
            ),
            "resolved_at": pd.to_datetime(
                ["2024-01-01 12:00", None, "2024-02-02 00:00", "2024-02-04 06:00", None]
            ),
            "resolve_hours": [4.0, None, 24.0, 30.0, None],
            "sla_target_hours": [4.0, 8.0, 24.0, 24.0, 8.0],
            "reopened": pd.array([False, False, True, False, pd.NA], dtype="boolean"),
            "first_contact_resolution": [True, False, False, True, True],
        }
    )


@pytest.fixture
def changes() -> pd.DataFrame:
    """Ten changes: January all successful, none in February, March 3 of 5."""
    return pd.DataFrame(
        {
            "outcome": pd.Categorical(
                ["successful"] * 5 + ["successful", "failed", "successful", "failed", "successful"]
            ),
            "implemented_at": pd.to_datetime(["2024-01-05 10:00"] * 5 + ["2024-03-02 10:00"] * 5),
            "change_type": ["standard", "normal"] * 5,
        }
    )


@pytest.fixture
def deployments() -> pd.DataFrame:
    """Four deployments over ten days: lead times 2, 10, 30, 50 h; one failure restored in 3 h."""
    committed = pd.to_datetime(
        ["2025-01-01 08:00", "2025-01-03 08:00", "2025-01-05 08:00", "2025-01-08 08:00"]
    )
    lead = pd.to_timedelta([2, 10, 30, 50], unit="h")
    deployed = committed + lead
    return pd.DataFrame(
        {
            "service_id": ["A", "A", "B", "B"],
            "committed_at": committed,
            "deployed_at": deployed,
            "failed": [False, True, False, False],
            "restored_at": [pd.NaT, deployed[1] + pd.Timedelta(hours=3), pd.NaT, pd.NaT],
        }
    )


# --- reference values (RECIPES.md, published sources) -------------------------------------


def test_nps_of_the_eleven_scores_is_minus_45_45() -> None:
    score = nps(pd.DataFrame({"recommend": range(11)}), min_responses=1)
    assert score == pytest.approx(-45.45, abs=0.005)


def test_nps_100_promoters_30_passives_80_detractors_is_9_52() -> None:
    score = nps(answers("recommend", {10: 100, 8: 30, 0: 80}))
    assert score == pytest.approx(9.52, abs=0.005)


def test_csat_counts_42_32_10_9_14_is_69_16_percent() -> None:
    score = csat(answers("csat", {5: 42, 4: 32, 3: 10, 2: 9, 1: 14}))
    assert score == pytest.approx(69.16, abs=0.005)


def test_happiness_76_percent_happy_24_percent_unhappy_is_plus_52() -> None:
    assert happiness(answers("happiness", {9: 76, 0: 24})) == pytest.approx(52.0)


def test_happiness_neutral_band_counts_in_neither_share() -> None:
    """7s and 8s are in the total only: 60 happy, 20 neutral, 20 unhappy is +40, not +50."""
    with_neutral = answers("happiness", {10: 40, 9: 20, 8: 12, 7: 8, 5: 20})
    assert happiness(with_neutral) == pytest.approx(40.0)
    without = answers("happiness", {10: 40, 9: 20, 5: 20})
    assert happiness(without) == pytest.approx(50.0)


def test_happiness_and_nps_share_the_arithmetic() -> None:
    frame = pd.DataFrame({"happiness": range(11), "recommend": range(11)})
    assert happiness(frame, min_responses=0) == nps(frame, min_responses=0)


# --- experience: minimum sample size, Score ------------------------------------------------


def test_below_minimum_sample_the_score_is_nan_and_says_so() -> None:
    score = nps(pd.DataFrame({"recommend": range(11)}))
    assert isinstance(score, Score)
    assert isinstance(score, float)
    assert math.isnan(score)
    assert score.insufficient
    assert score.n == 11
    assert score.minimum == 30
    assert score.raw == pytest.approx(-45.4545, abs=1e-4)
    assert "not enough responses (11 < 30)" in repr(score)


def test_score_at_exactly_the_minimum_is_reported() -> None:
    score = happiness(answers("happiness", {10: 20, 3: 10}), min_responses=30)
    assert not score.insufficient
    assert score == pytest.approx(100 * (20 - 10) / 30)
    assert repr(score) == "Happiness +33.3 (n=30)"


def test_score_survives_pickle() -> None:
    score = csat(answers("csat", {5: 40}))
    again = pickle.loads(pickle.dumps(score))
    assert again == score
    assert (again.n, again.minimum, again.measure) == (40, 30, "csat")


def test_all_answers_missing_gives_zero_responses() -> None:
    frame = pd.DataFrame({"csat": pd.array([None, None], dtype="Int64")})
    score = csat(frame, min_responses=0)
    assert score.n == 0
    assert score.insufficient
    assert math.isnan(score)


def test_missing_answers_are_left_out() -> None:
    frame = pd.DataFrame({"happiness": pd.array([10, None, 0, 10], dtype="Int64")})
    score = happiness(frame, min_responses=1)
    assert score.n == 3
    assert score == pytest.approx(100 * (2 - 1) / 3)


def test_grouped_scores_flag_the_small_group() -> None:
    frame = pd.DataFrame(
        {"service_id": ["big"] * 40 + ["small"] * 5, "happiness": [10] * 30 + [0] * 10 + [10] * 5}
    )
    table = happiness(frame, by="service_id")
    assert list(table.columns) == ["responses", "score", "insufficient"]
    assert table.loc["big", "score"] == pytest.approx(50.0)
    assert not table.loc["big", "insufficient"]
    assert table.loc["small", "responses"] == 5
    assert math.isnan(table.loc["small", "score"])
    assert table.loc["small", "insufficient"]


def test_scores_by_month_show_an_empty_month() -> None:
    frame = pd.DataFrame(
        {
            "recommend": [10, 0, 9],
            "responded_at": pd.to_datetime(["2024-01-03", "2024-01-20", "2024-03-01"]),
        }
    )
    table = nps(frame, freq="M", min_responses=1)
    assert list(table.index) == [stamp("2024-01-01"), stamp("2024-02-01"), stamp("2024-03-01")]
    assert table["responses"].tolist() == [2, 0, 1]
    assert table.loc[stamp("2024-01-01"), "score"] == pytest.approx(0.0)
    assert table.loc[stamp("2024-02-01"), "insufficient"]
    assert table.loc[stamp("2024-03-01"), "score"] == pytest.approx(100.0)


def test_csat_on_another_scale() -> None:
    score = csat(answers("csat", {10: 5, 8: 5, 7: 10}), scale=10, satisfied=8, min_responses=1)
    assert score == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"happiness": [3, 11]}), r"'happiness'.*not whole numbers from 0 to 10"),
        (pd.DataFrame({"happiness": [3.5, 2.0]}), r"'happiness'.*e\.g\. \[3\.5\]"),
        (pd.DataFrame({"happiness": ["9", "10"]}), r"'happiness'.*dtype str.*numeric"),
        (pd.DataFrame({"score": [9]}), r"missing column 'happiness'.*\['score'\]"),
        (pd.DataFrame({"happiness": pd.Series([], dtype=int)}), r"data= is empty"),
    ],
)
def test_happiness_rejects_bad_input(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        happiness(frame)


def test_experience_unknown_group_and_bad_arguments() -> None:
    frame = answers("csat", {5: 3})
    with pytest.raises(ValueError, match=r"unknown group column 'service'.*\['csat'\]"):
        csat(frame, by="service")
    with pytest.raises(ValueError, match=r"satisfied=6 must be a whole number from 1 to 5"):
        csat(frame, satisfied=6)
    with pytest.raises(ValueError, match=r"min_responses= must be a whole number"):
        csat(frame, min_responses=-1)
    with pytest.raises(ValueError, match=r"csat.*'csat'.*from 1 to 5"):
        csat(answers("csat", {0: 1}))


def test_non_frame_data_is_a_type_error() -> None:
    with pytest.raises(
        ValueError,
        match=r"nps: data= must be a dataframe \(pandas, polars, pyarrow.*got builtins.list",
    ):
        nps([1, 2, 3])  # type: ignore[arg-type]


# --- change success ------------------------------------------------------------------------


def test_change_success_rate_overall(changes: pd.DataFrame) -> None:
    assert change_success_rate(changes) == pytest.approx(0.8)
    assert change_failure_rate(changes) == pytest.approx(0.2)


def test_change_success_by_month_keeps_the_empty_month(changes: pd.DataFrame) -> None:
    table = change_success_rate(changes, freq="MS")
    assert list(table.columns) == ["changes", "successful", "rate", "target", "meets_target"]
    assert table["changes"].tolist() == [5, 0, 5]
    assert table["successful"].tolist() == [5, 0, 3]
    assert table["rate"].iloc[0] == 1.0
    assert math.isnan(table["rate"].iloc[1])
    assert table["rate"].iloc[2] == pytest.approx(0.6)
    assert table["meets_target"].tolist() == [True, pd.NA, False]


def test_change_success_by_group_and_month(changes: pd.DataFrame) -> None:
    table = change_success_rate(changes, by="change_type", freq="M")
    assert table.index.names == ["change_type", "period"]
    assert len(table) == 6
    # March: rows 5, 7, 9 are normal and succeeded; rows 6 and 8 are standard and failed
    assert table.loc[("normal", stamp("2024-03-01")), "rate"] == 1.0
    assert table.loc[("standard", stamp("2024-03-01")), "rate"] == 0.0
    assert table.loc[("standard", stamp("2024-02-01")), "changes"] == 0


def test_exactly_98_percent_meets_the_bar() -> None:
    frame = pd.DataFrame({"outcome": ["successful"] * 49 + ["failed"], "team": ["x"] * 50})
    table = change_success_rate(frame, by="team")
    assert table.loc["x", "rate"] == pytest.approx(0.98)
    assert bool(table.loc["x", "meets_target"]) is True
    failure = change_failure_rate(frame, by="team")
    assert bool(failure.loc["x", "meets_target"]) is True


def test_changes_without_outcome_are_left_out() -> None:
    frame = pd.DataFrame({"outcome": ["successful", None, "failed", "successful"]})
    assert change_success_rate(frame) == pytest.approx(2 / 3)


def test_change_outcome_with_an_unexpected_label() -> None:
    frame = pd.DataFrame({"outcome": ["successful", "Failed"]})
    with pytest.raises(ValueError, match=r"'outcome'.*holds \['Failed'\].*'successful'.*'failed'"):
        change_success_rate(frame)


def test_change_success_errors(changes: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"missing column 'result' \(argument outcome=\)"):
        change_success_rate(changes, outcome="result")
    with pytest.raises(ValueError, match=r"target=1\.5 is outside the range 0\.0 to 1\.0"):
        change_success_rate(changes, target=1.5)
    with pytest.raises(ValueError, match=r"unknown freq='fortnightly'"):
        change_success_rate(changes, freq="fortnightly")
    with pytest.raises(ValueError, match=r"'change_type' \(argument time=\).*datetime"):
        change_success_rate(changes, freq="M", time="change_type")
    with pytest.raises(ValueError, match=r"unknown group column 'team'"):
        change_success_rate(changes, by="team")
    with pytest.raises(ValueError, match=r"change_success_rate: data= is empty"):
        change_success_rate(changes.iloc[:0])


# --- SLA, time to resolve, reopen, first contact, backlog ----------------------------------


def test_sla_tie_at_the_boundary_counts_as_met() -> None:
    frame = pd.DataFrame({"resolve_hours": [4.0, 4.000001], "sla_target_hours": [4.0, 4.0]})
    assert sla_compliance(frame) == pytest.approx(0.5)


def test_sla_compliance_leaves_open_incidents_out(incidents: pd.DataFrame) -> None:
    # resolved: 4<=4 met, 24<=24 met, 30>24 breached
    assert sla_compliance(incidents) == pytest.approx(2 / 3)


def test_sla_as_of_counts_overdue_open_incidents_as_breaches(incidents: pd.DataFrame) -> None:
    assert sla_compliance(incidents, as_of="2024-03-06") == pytest.approx(2 / 5)
    # at 03-05 04:00 the last incident is 4 h old, inside its 8 h target: left out
    assert sla_compliance(incidents, as_of="2024-03-05 04:00") == pytest.approx(2 / 4)


def test_sla_with_one_number_as_target(incidents: pd.DataFrame) -> None:
    assert sla_compliance(incidents, target=24) == pytest.approx(2 / 3)
    assert sla_compliance(incidents, target=48) == pytest.approx(1.0)


def test_sla_all_open_is_nan_not_an_error() -> None:
    frame = pd.DataFrame(
        {"resolve_hours": [np.nan, np.nan], "sla_target_hours": [8.0, 8.0], "team": ["a", "a"]}
    )
    assert math.isnan(sla_compliance(frame))
    table = sla_compliance(frame, by="team")
    assert table.loc["a", "incidents"] == 0
    assert math.isnan(table.loc["a", "rate"])


def test_sla_by_service_and_month(incidents: pd.DataFrame) -> None:
    table = sla_compliance(incidents, by="service_id", freq="M")
    assert list(table.columns) == ["incidents", "met", "rate"]
    assert len(table) == 6  # two services x three months
    assert table.loc[("A", stamp("2024-01-01")), "rate"] == 1.0
    assert table.loc[("B", stamp("2024-02-01")), "rate"] == pytest.approx(0.5)
    assert table.loc[("B", stamp("2024-01-01")), "incidents"] == 0


def test_sla_errors(incidents: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"negative 'resolve_hours'"):
        sla_compliance(incidents.assign(resolve_hours=[-1.0, 1.0, 1.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match=r"'service_id' \(argument target=\).*numeric"):
        sla_compliance(incidents, target="service_id")
    with pytest.raises(ValueError, match=r"target= must be a number"):
        sla_compliance(incidents, target=True)


def test_time_to_resolve_median_and_percentiles(incidents: pd.DataFrame) -> None:
    assert time_to_resolve(incidents) == pytest.approx(24.0)
    spread = time_to_resolve(incidents, q=[0.5, 0.9])
    assert spread.to_dict() == pytest.approx({"p50": 24.0, "p90": 28.8})


def test_time_to_resolve_from_timestamps(incidents: pd.DataFrame) -> None:
    assert time_to_resolve(incidents, hours=None, q=[0.0, 1.0]).tolist() == [4.0, 30.0]


def test_time_to_resolve_grouped_with_an_empty_month(incidents: pd.DataFrame) -> None:
    table = time_to_resolve(incidents, freq="M", q=[0.5, 0.9])
    assert list(table.columns) == ["incidents", "p50", "p90"]
    assert table["incidents"].tolist() == [1, 2, 0]
    assert table["p50"].iloc[1] == pytest.approx(27.0)
    assert math.isnan(table["p50"].iloc[2])


def test_time_to_resolve_all_open_and_bad_quantile() -> None:
    frame = pd.DataFrame({"resolve_hours": [np.nan, np.nan]})
    assert math.isnan(time_to_resolve(frame))
    with pytest.raises(ValueError, match=r"q=95 is outside the range 0\.0 to 1\.0"):
        time_to_resolve(frame, q=95)


def test_reopen_and_first_contact(incidents: pd.DataFrame) -> None:
    assert reopen_rate(incidents) == pytest.approx(1 / 4)  # the NA flag is left out
    table = first_contact_resolution(incidents, by="service_id")
    assert list(table.columns) == ["incidents", "resolved_first_contact", "rate"]
    assert table["rate"].to_dict() == pytest.approx({"A": 0.5, "B": 2 / 3})


def test_flags_must_be_boolean(incidents: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"'reopened' \(argument reopened=\).*int64.*boolean"):
        reopen_rate(incidents.assign(reopened=[0, 1, 0, 0, 0]))


def test_backlog_now_by_group_and_over_time(incidents: pd.DataFrame) -> None:
    assert backlog(incidents) == 2  # at the last event: A's second and B's third are open
    assert backlog(incidents, as_of="2024-02-01 12:00") == 2  # A's second and B's first
    assert backlog(incidents, by="service_id").to_dict() == {"A": 1, "B": 1}
    monthly = backlog(incidents, freq="M")
    assert monthly.tolist() == [1, 1, 2]
    assert monthly.index[0] == stamp("2024-01-01")
    per_service = backlog(incidents, by="service_id", freq="M")
    assert per_service.loc["B"].tolist() == [0, 0, 1]


def test_backlog_rejects_resolution_before_opening(incidents: pd.DataFrame) -> None:
    wrong = incidents.copy()
    wrong.loc[0, "resolved_at"] = stamp("2023-12-31")
    with pytest.raises(ValueError, match=r"1 row\(s\) have a negative time from 'opened_at'"):
        backlog(wrong)


# --- DORA ----------------------------------------------------------------------------------


def test_dora_bands_are_the_2023_report_as_published() -> None:
    bands = dora_bands()
    assert len(bands) == 16
    assert set(bands["source"]) == {"Google Cloud DORA, Accelerate State of DevOps Report 2023"}
    published = bands.set_index(["key", "level"])["published"]
    assert published["change_failure_rate"].tolist() == ["5%", "10%", "15%", "64%"]
    assert published[("time_to_restore", "elite")] == "Less than one hour"
    assert published[("time_to_restore", "low")] == "Between one month and six months"
    assert published[("lead_time", "elite")] == "Less than one day"
    assert published[("deployment_frequency", "elite")] == "On demand"
    shares = bands.drop_duplicates("level").set_index("level")["respondents_pct"]
    assert shares.to_dict() == {"elite": 18, "high": 31, "medium": 33, "low": 17}
    with pytest.raises(ValueError, match=r"no bands shipped for year=2019; available: \[2023\]"):
        dora_bands(2019)


@pytest.mark.parametrize(
    ("key", "value", "level"),
    [
        ("change_failure_rate", 0.05, "elite"),
        ("change_failure_rate", 0.0501, "high"),
        ("change_failure_rate", 0.15, "medium"),
        ("change_failure_rate", 0.151, "low"),
        # "Less than one day": a lead of exactly 24 h is not elite.
        ("lead_time", 23.9, "elite"),
        ("lead_time", 24.0, "high"),
        ("lead_time", 167.9, "high"),
        ("lead_time", 168.0, "medium"),
        ("lead_time", 720.0, "low"),
        # Median deployment days per week (fourkeys): 3+ elite, 1+ high, half the weeks medium.
        ("deployment_frequency", 3.0, "elite"),
        ("deployment_frequency", 2.5, "high"),
        ("deployment_frequency", 1.0, "high"),
        ("deployment_frequency", 0.5, "medium"),
        ("deployment_frequency", 0.0, "low"),
        ("time_to_restore", 0.5, "elite"),
        ("time_to_restore", 1.0, "high"),
        ("time_to_restore", 200.0, "low"),
        ("time_to_restore", float("nan"), None),
    ],
)
def test_dora_level_boundaries(key: str, value: float, level: str | None) -> None:
    assert dora_level(key, value) == level


def test_dora_level_errors() -> None:
    with pytest.raises(ValueError, match=r"unknown key='mttr'"):
        dora_level("mttr", 1.0)
    with pytest.raises(ValueError, match=r"value= must be a number"):
        dora_level("lead_time", "fast")  # type: ignore[arg-type]


def test_dora_four_keys_by_hand(deployments: pd.DataFrame) -> None:
    table = dora_four_keys(deployments)
    assert list(table.index) == list(DORA_KEYS)
    values = table["value"].to_dict()
    # Deployed Wed 1, Fri 3, Mon 6 and Fri 10 January 2025: two deployment days in each of the
    # two Monday weeks (30 Dec-5 Jan, 6-12 Jan), median 2.
    assert values["deployment_frequency"] == pytest.approx(2.0)
    assert values["lead_time"] == pytest.approx(20.0)  # median of 2, 10, 30, 50
    assert values["change_failure_rate"] == pytest.approx(0.25)
    assert values["time_to_restore"] == pytest.approx(3.0)
    assert table["level"].astype(str).tolist() == ["high", "elite", "low", "high"]
    assert table.loc["time_to_restore", "published"] == "Less than one day"
    assert table["n"].tolist() == [2, 4, 4, 1]
    assert table.loc["lead_time", "basis"].startswith("per deployment: first commit only")
    assert table.attrs["lead_time_basis"] == table.loc["lead_time", "basis"]


def test_dora_four_keys_by_service_uses_the_whole_window(deployments: pd.DataFrame) -> None:
    table = dora_four_keys(deployments, by="service_id")
    # A deployed on 1 and 3 January only: weeks of 2 and 0 days over the whole window.
    assert table.loc["A", "deployment_frequency"] == pytest.approx(1.0)
    assert table.loc["B", "lead_time"] == pytest.approx(40.0)
    assert math.isnan(table.loc["B", "time_to_restore"])
    assert pd.isna(table.loc["B", "time_to_restore_level"])
    assert table.loc["A", "change_failure_rate_level"] == "low"


def test_dora_four_keys_by_month_and_window(deployments: pd.DataFrame) -> None:
    table = dora_four_keys(deployments, freq="M")
    assert table.loc[stamp("2025-01-01"), "deployment_frequency"] == pytest.approx(2.0)
    # 9-10 January: one week, one deployment day.
    assert dora_four_keys(deployments, window_days=2)["value"].iloc[0] == pytest.approx(1.0)


def test_dora_four_keys_errors(deployments: pd.DataFrame) -> None:
    early = deployments.assign(deployed_at=deployments["committed_at"] - pd.Timedelta(hours=1))
    with pytest.raises(ValueError, match=r"4 row\(s\) have 'deployed_at' before 'committed_at'"):
        dora_four_keys(early)
    with pytest.raises(ValueError, match=r"'failed' \(argument failed=\).*boolean"):
        dora_four_keys(deployments.assign(failed=["no", "yes", "no", "no"]))
    with pytest.raises(ValueError, match=r"window_days= must be a positive number"):
        dora_four_keys(deployments, window_days=0)
    with pytest.raises(ValueError, match=r"missing column 'restored_at'"):
        dora_four_keys(deployments.drop(columns="restored_at"))


# --- watermelon ----------------------------------------------------------------------------


@pytest.fixture
def two_services() -> tuple[pd.DataFrame, pd.DataFrame]:
    incidents = pd.DataFrame(
        {
            "service_id": ["HR"] * 20 + ["MAIL"] * 20,
            "resolve_hours": [1.0] * 20 + [1.0] * 15 + [50.0] * 5,
            "sla_target_hours": 8.0,
            "opened_at": pd.Timestamp("2024-01-02"),
        }
    )
    survey = pd.DataFrame(
        {
            "service_id": ["HR"] * 40 + ["MAIL"] * 40 + ["TINY"] * 3,
            "happiness": [2] * 30 + [10] * 10 + [10] * 30 + [5] * 10 + [10] * 3,
            "responded_at": pd.Timestamp("2024-01-03"),
        }
    )
    return incidents, survey


def test_watermelon_labels_each_service(two_services: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    incidents, survey = two_services
    table = watermelon(incidents, survey=survey)
    assert table["quadrant"].astype(str).to_dict() == {
        "HR": "watermelon",
        "MAIL": "reverse watermelon",
        "TINY": "not enough data",
    }
    assert table.loc["HR", "sla_compliance"] == 1.0
    assert table.loc["HR", "experience"] == pytest.approx(-50.0)
    assert table.loc["MAIL", "sla_compliance"] == pytest.approx(0.75)
    assert table.loc["MAIL", "experience"] == pytest.approx(50.0)
    assert table.loc["TINY", "incidents"] == 0
    assert table.loc["TINY", "responses"] == 3
    assert list(table["quadrant"].cat.categories) == list(QUADRANTS)
    assert table.attrs == {"measure": "happiness", "sla_target": 0.95, "experience_target": 0.0}


def test_watermelon_targets_move_the_lines(two_services: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    incidents, survey = two_services
    table = watermelon(incidents, survey=survey, sla_target=0.7, experience_target=-60)
    assert table.loc["HR", "quadrant"] == "healthy"
    assert table.loc["MAIL", "quadrant"] == "healthy"
    strict = watermelon(incidents, survey=survey, experience_target=60)
    assert strict.loc["MAIL", "quadrant"] == "failing"


def test_watermelon_by_month(two_services: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    incidents, survey = two_services
    table = watermelon(incidents, survey=survey, freq="M")
    assert table.index.names == ["service_id", "period"]
    assert table.loc[("HR", stamp("2024-01-01")), "quadrant"] == "watermelon"


def test_watermelon_with_csat_uses_80_as_the_bar() -> None:
    incidents = pd.DataFrame(
        {"service_id": ["X"], "resolve_hours": [1.0], "sla_target_hours": [2.0]}
    )
    survey = pd.DataFrame({"service_id": ["X"] * 10, "csat": [5] * 7 + [1] * 3})
    table = watermelon(incidents, survey=survey, measure="csat", min_responses=10)
    assert table.loc["X", "experience"] == pytest.approx(70.0)
    assert table.loc["X", "quadrant"] == "watermelon"


def test_watermelon_errors(two_services: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    incidents, survey = two_services
    with pytest.raises(ValueError, match=r"watermelon \(survey=\): unknown group column 'team'"):
        watermelon(incidents.assign(team="x"), survey=survey, by="team")
    with pytest.raises(ValueError, match=r"watermelon: survey= is empty"):
        watermelon(incidents, survey=survey.iloc[:0])
    with pytest.raises(ValueError, match=r"unknown measure='ces'"):
        watermelon(incidents, survey=survey, measure="ces")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"experience_target=150"):
        watermelon(incidents, survey=survey, experience_target=150)
    with pytest.raises(ValueError, match=r"watermelon: survey= must be a dataframe"):
        watermelon(incidents, survey=None)  # type: ignore[arg-type]


# --- properties ----------------------------------------------------------------------------

scores_0_10 = st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=200)


@settings(max_examples=60, deadline=None)
@given(scores_0_10)
def test_nps_matches_promoters_minus_detractors(values: list[int]) -> None:
    score = nps(pd.DataFrame({"recommend": values}), min_responses=0)
    promoters = sum(value >= 9 for value in values)
    detractors = sum(value <= 6 for value in values)
    assert -100.0 <= score <= 100.0
    assert score == pytest.approx(100.0 * (promoters - detractors) / len(values))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=200))
def test_csat_is_a_percentage_of_fours_and_fives(values: list[int]) -> None:
    score = csat(pd.DataFrame({"csat": values}), min_responses=0)
    assert 0.0 <= score <= 100.0
    assert score == pytest.approx(100.0 * sum(value >= 4 for value in values) / len(values))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=100), st.integers(0, 3))
def test_success_and_failure_add_up_and_groups_add_up(outcomes: list[bool], seed: int) -> None:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "outcome": ["successful" if ok else "failed" for ok in outcomes],
            "team": rng.choice(["a", "b", "c"], size=len(outcomes)),
        }
    )
    success = change_success_rate(frame)
    assert success + change_failure_rate(frame) == pytest.approx(1.0)
    table = change_success_rate(frame, by="team")
    assert table["changes"].sum() == len(outcomes)
    assert table["successful"].sum() / table["changes"].sum() == pytest.approx(success)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.one_of(st.none(), st.integers(0, 200))),
        min_size=1,
        max_size=60,
    ),
    st.integers(0, 800),
)
def test_backlog_matches_counting_one_by_one(
    spans: list[tuple[int, int | None]], moment_hours: int
) -> None:
    origin = pd.Timestamp("2025-01-01")
    opened = [origin + pd.Timedelta(hours=start) for start, _ in spans]
    resolved = [
        pd.NaT if length is None else origin + pd.Timedelta(hours=start + length)
        for start, length in spans
    ]
    frame = pd.DataFrame({"opened_at": opened, "resolved_at": pd.to_datetime(resolved)})
    moment = origin + pd.Timedelta(hours=moment_hours)
    expected = sum(
        1
        for o, r in zip(opened, resolved, strict=True)
        if o <= moment and (r is pd.NaT or r > moment)
    )
    assert backlog(frame, as_of=moment) == expected


# --- docstring examples --------------------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    [
        toolkit.analytics.metrics.change,
        toolkit.analytics.metrics.service_levels,
        toolkit.analytics.metrics.experience,
        toolkit.analytics.metrics.dora,
        toolkit.analytics.metrics.dora_keys,
        toolkit.analytics.metrics.sla_experience,
        toolkit.data.imports,
        toolkit.data.loaders,
    ],
)
def test_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)  # type: ignore[arg-type]
    assert result.failed == 0
    assert result.attempted > 0


# --- the lessons' quiz answers still match the shipped data --------------------------------


def _questions(bank: str) -> dict[str, dict[str, object]]:
    from toolkit.paths import quizzes_dir

    with (quizzes_dir() / f"{bank}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {question["id"]: question for question in data["questions"]}


def _correct_text(question: dict[str, object]) -> str:
    options = question["options"]
    assert isinstance(options, list)
    return next(str(option["text"]) for option in options if option.get("correct"))


def _assert_answer(question: dict[str, object], computed: float) -> None:
    answer = float(question["answer"])  # type: ignore[arg-type]
    tolerance = float(question.get("tolerance", 0) or 0)  # type: ignore[arg-type]
    assert abs(computed - answer) <= tolerance + 1e-9, (question["id"], computed, answer)


def test_quiz_03_data_answers_match_the_shipped_data() -> None:
    from toolkit.data.loaders import load_incidents, load_survey

    incidents, survey = load_incidents(), load_survey()
    questions = _questions("03-outcomes-not-outputs")
    hr_incidents = incidents[incidents["service_id"] == "SVC-HR"]
    hr_survey = survey[survey["service_id"] == "SVC-HR"]
    _assert_answer(questions["hr-happiness"], float(happiness(hr_survey)))
    _assert_answer(questions["hr-reopen-rate"], 100 * reopen_rate(hr_incidents))
    quarterly = happiness(survey, by="service_id", freq="Q").xs("SVC-HR")
    _assert_answer(questions["xla-quarters"], float((quarterly["score"] >= 20).sum()))
    table = watermelon(incidents, survey=survey, sla_target=0.90)
    melons = table.index[table["quadrant"] == "watermelon"].tolist()
    assert melons == ["SVC-HR"]
    assert _correct_text(questions["which-service-is-the-watermelon"]).startswith("SVC-HR")


def test_quiz_04_data_answers_match_the_shipped_data() -> None:
    from toolkit.analytics.improvement import half_life_to_reach
    from toolkit.data.loaders import load_changes, load_commits, load_deployments

    changes, deployments = load_changes(), load_deployments()
    questions = _questions("04-change-enablement")
    _assert_answer(questions["overall-success"], 100 * change_success_rate(changes))
    by_type = change_success_rate(changes, by="change_type")
    _assert_answer(questions["emergency-success"], 100 * by_type.loc["emergency", "rate"])
    best = str(by_type["rate"].idxmax())
    assert _correct_text(questions["best-change-type"]).lower() == best
    keys = dora_four_keys(deployments)
    _assert_answer(questions["dora-cfr-value"], 100 * keys.loc["change_failure_rate", "value"])
    per_change = dora_four_keys(deployments, changes=load_commits())
    _assert_answer(questions["lead-time-per-change"], per_change.loc["lead_time", "value"])
    distractor = questions["lead-time-per-change"]["distractors"][0]["value"]  # type: ignore[index]
    assert abs(keys.loc["lead_time", "value"] - float(distractor)) <= 0.1
    # DORA's 2023 levels are clusters: the key is the cluster the rate sits closest to.
    level = dora_closest_cluster("change_failure_rate", keys.loc["change_failure_rate", "value"])
    assert _correct_text(questions["dora-cfr-level"]).lower() == level == "high"
    first = 100 * change_success_rate(changes, freq="Q")["rate"].iloc[0]
    needed = half_life_to_reach(first, 98, ceiling=100, periods=7)
    _assert_answer(questions["pace-needed"], needed)
