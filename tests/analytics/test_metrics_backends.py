"""The service measures on any dataframe, across time zones, and with real close codes.

Every measure gives the same numbers whether the table is pandas, polars or pyarrow (or a lazy
polars or DuckDB frame), returns tables of the caller's kind, and takes durations between
instants: the reference durations here are worked out by hand across the two 2025 UK clock
changes (30 March, 26 October) and across mixed UTC offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import narwhals as nw
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from toolkit.analytics.metrics import (
    backlog,
    change_failure_rate,
    change_success_rate,
    dora_four_keys,
    first_contact_resolution,
    happiness,
    reopen_rate,
    sla_compliance,
    time_to_resolve,
    watermelon,
)
from toolkit.data.loaders import load_changes, load_deployments, load_incidents, load_survey

LONDON = "Europe/London"

KINDS: dict[str, Callable[[pd.DataFrame], Any]] = {
    "pandas": lambda frame: frame,
    "polars": pl.from_pandas,
    "pyarrow": lambda frame: pa.Table.from_pandas(frame, preserve_index=False),
}


def as_pandas(result: Any, index: list[str] | None = None) -> pd.DataFrame:
    """A result table as pandas with the given columns as index, for comparison."""
    frame = nw.from_native(result, eager_only=True).to_pandas()
    return frame.set_index(index) if index else frame


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    incidents = load_incidents()
    return {
        "incidents": incidents.iloc[:3000].reset_index(drop=True),
        "changes": load_changes(),
        "deployments": load_deployments(),
        "survey": load_survey(),
    }


@pytest.mark.parametrize("kind", ["polars", "pyarrow"])
def test_every_measure_agrees_across_backends(kind: str, shipped: dict[str, pd.DataFrame]) -> None:
    convert = KINDS[kind]
    incidents, changes = shipped["incidents"], shipped["changes"]
    deployments, survey = shipped["deployments"], shipped["survey"]
    scalars: list[tuple[Callable[..., Any], pd.DataFrame, dict[str, Any]]] = [
        (sla_compliance, incidents, {}),
        (time_to_resolve, incidents, {}),
        (time_to_resolve, incidents, {"hours": None}),
        (reopen_rate, incidents, {}),
        (first_contact_resolution, incidents, {}),
        (change_success_rate, changes, {}),
        (change_failure_rate, changes, {}),
        (happiness, survey, {}),
        (backlog, incidents, {}),
    ]
    for measure, frame, options in scalars:
        expected = measure(frame, **options)
        got = measure(convert(frame), **options)
        assert float(got) == pytest.approx(float(expected), nan_ok=True), measure.__name__
        assert type(got) is type(expected)

    grouped: list[tuple[Callable[..., Any], pd.DataFrame, dict[str, Any]]] = [
        (sla_compliance, incidents, {"by": "service_id", "freq": "M"}),
        (time_to_resolve, incidents, {"by": "priority", "q": [0.5, 0.9]}),
        (change_success_rate, changes, {"by": "change_type"}),
        (backlog, incidents, {"freq": "W"}),
        (dora_four_keys, deployments, {}),
        (dora_four_keys, deployments, {"by": "service_id"}),
        (happiness, survey, {"by": "service_id"}),
    ]
    for measure, frame, options in grouped:
        expected = measure(frame, **options)
        got = measure(convert(frame), **options)
        assert not isinstance(got, pd.DataFrame | pd.Series), measure.__name__
        assert isinstance(got, pl.DataFrame if kind == "polars" else pa.Table)
        flat = expected.to_frame() if isinstance(expected, pd.Series) else expected
        keys = [str(name) for name in flat.index.names if name is not None]
        flat = flat.reset_index()
        back = as_pandas(got)
        if keys:  # categories may be ordered differently by another library: sort by key
            flat = flat.astype({key: "string" for key in keys if key != "period"})
            flat = flat.sort_values(keys, ignore_index=True)
            back = back.astype({key: "string" for key in keys if key != "period"})
            back = back.sort_values(keys, ignore_index=True)
        assert list(back.columns) == [str(column) for column in flat.columns]
        for column in flat.columns:
            left, right = flat[column], back[str(column)]
            if pd.api.types.is_numeric_dtype(left.dtype) and not pd.api.types.is_bool_dtype(
                left.dtype
            ):
                np.testing.assert_allclose(
                    right.to_numpy(dtype=float, na_value=np.nan),
                    left.to_numpy(dtype=float, na_value=np.nan),
                    err_msg=f"{measure.__name__} {column}",
                )
            else:
                assert right.astype("string").tolist() == left.astype("string").tolist()
    table = watermelon(convert(incidents), survey=convert(survey))
    assert as_pandas(table)["quadrant"].tolist() == (
        watermelon(incidents, survey=survey)["quadrant"].astype(str).tolist()
    )


def test_polars_in_gives_polars_out_and_lazy_stays_lazy() -> None:
    frame = pl.DataFrame(
        {"outcome": ["successful", "failed", "successful"], "team": ["a", "a", "b"]}
    )
    assert isinstance(change_success_rate(frame, by="team"), pl.DataFrame)
    lazy = change_success_rate(frame.lazy(), by="team")
    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.collect().sort("team")["rate"].to_list() == [0.5, 1.0]
    assert change_success_rate(frame.lazy()) == pytest.approx(2 / 3)


def test_duckdb_relation_is_measured_and_returned_as_a_relation() -> None:
    connection = duckdb.connect()
    relation = connection.sql(
        "select * from (values (1.0, 'a'), (2.0, 'a'), (3.0, 'b'), (10.0, 'b')) "
        "as t(resolve_hours, service_id)"
    )
    assert time_to_resolve(relation) == pytest.approx(2.5)
    table = time_to_resolve(relation, by="service_id")
    assert isinstance(table, duckdb.DuckDBPyRelation)
    rows = sorted(table.fetchall())
    assert rows == [("a", 2, 1.5), ("b", 2, 6.5)]


def test_something_that_is_not_a_dataframe_is_one_clear_value_error() -> None:
    for measure in (time_to_resolve, change_success_rate, dora_four_keys, backlog):
        with pytest.raises(ValueError, match=r"data= must be a dataframe .*got builtins.dict"):
            measure({"resolve_hours": [1.0]})


# --- time zones ----------------------------------------------------------------------------


def london(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(texts))).dt.tz_localize(LONDON)


@pytest.fixture
def across_clock_changes() -> pd.DataFrame:
    """Two tickets, each open across a 2025 UK clock change, worked out by hand.

    30 March: 00:30 GMT to 03:30 BST is 02:00 of real time (the clocks skip 01:00-02:00).
    26 October: 00:30 BST to 03:30 GMT is 04:00 of real time (01:00-02:00 happens twice).
    """
    return pd.DataFrame(
        {
            "opened_at": london("2025-03-30 00:30", "2025-10-26 00:30"),
            "resolved_at": london("2025-03-30 03:30", "2025-10-26 03:30"),
            "service_id": ["spring", "autumn"],
        }
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_durations_across_both_clock_changes(kind: str, across_clock_changes: pd.DataFrame) -> None:
    data = KINDS[kind](across_clock_changes)
    assert time_to_resolve(data, hours=None, q=0.0) == pytest.approx(2.0)
    assert time_to_resolve(data, hours=None, q=1.0) == pytest.approx(4.0)
    table = time_to_resolve(data, hours=None, by="service_id")
    if kind != "pandas":
        table = as_pandas(table, ["service_id"])
    assert table.loc["spring", "p50"] == pytest.approx(2.0)
    assert table.loc["autumn", "p50"] == pytest.approx(4.0)


def test_mixed_offsets_in_one_column_parsed_from_strings() -> None:
    # Opened 09:00 at +01:00 (08:00 UTC), resolved 06:00 at -05:00 (11:00 UTC): 3 hours.
    # Read as wall-clock times it would be "resolved before opened".
    texts = pd.Series(["2025-06-02 09:00+01:00", "2025-06-02 06:00-05:00"]).map(pd.Timestamp)
    incidents = pd.DataFrame({"opened_at": texts.iloc[[0]].to_list(), "resolved_at": [texts[1]]})
    assert incidents["opened_at"].dtype != incidents["resolved_at"].dtype
    assert time_to_resolve(incidents, hours=None) == pytest.approx(3.0)
    # One column holding both offsets (object dtype, as pandas leaves mixed offsets).
    both = pd.DataFrame(
        {"opened_at": [texts[0], texts[1]], "resolved_at": [texts[1], texts[1]]},
    )
    assert both["opened_at"].dtype == object
    assert time_to_resolve(both, hours=None, q=[0.0, 1.0]).tolist() == [0.0, 3.0]
    utc = both.apply(lambda column: pd.to_datetime(column, utc=True))
    polars = pl.from_pandas(utc)
    assert time_to_resolve(polars, hours=None, q=1.0) == pytest.approx(3.0)


def test_naive_and_aware_in_one_call_is_an_error(across_clock_changes: pd.DataFrame) -> None:
    mixed = across_clock_changes.assign(
        resolved_at=across_clock_changes["resolved_at"].dt.tz_localize(None)
    )
    with pytest.raises(ValueError, match=r"'opened_at' has time zones but 'resolved_at' has none"):
        time_to_resolve(mixed, hours=None)
    with pytest.raises(ValueError, match=r"'opened_at' has time zones but 'resolved_at' has none"):
        backlog(mixed)


def test_calendar_months_follow_the_named_zone() -> None:
    # 23:30 UTC on 31 March is 00:30 BST on 1 April: March in UTC, April in London.
    incidents = pd.DataFrame(
        {
            "opened_at": pd.to_datetime(["2025-03-31 23:30"]).tz_localize("UTC"),
            "resolve_hours": [1.0],
            "sla_target_hours": [4.0],
        }
    )
    in_utc = sla_compliance(incidents, freq="M")
    in_london = sla_compliance(incidents, freq="M", tz=LONDON)
    assert list(in_utc.index) == [pd.Timestamp("2025-03-01")]
    assert list(in_london.index) == [pd.Timestamp("2025-04-01")]
    with pytest.raises(ValueError, match=r"tz='Europe/London' was given but column 'opened_at'"):
        sla_compliance(incidents.assign(opened_at=pd.Timestamp("2025-01-01")), freq="M", tz=LONDON)


def test_sla_as_of_and_backlog_across_the_autumn_change(across_clock_changes: pd.DataFrame) -> None:
    open_ticket = pd.DataFrame(
        {
            "opened_at": london("2025-10-26 00:30"),
            "resolve_hours": [np.nan],
            "sla_target_hours": [3.5],
        }
    )
    # At 03:30 GMT the ticket has been open 4 real hours (> 3.5): a breach. Wall-clock
    # arithmetic would say 3 hours and leave it out.
    assert sla_compliance(open_ticket, as_of="2025-10-26 03:30") == 0.0
    assert np.isnan(sla_compliance(open_ticket, as_of="2025-10-26 02:30"))
    # backlog at the end of each London day: both tickets close the same day they open.
    daily = backlog(across_clock_changes, freq="D")
    assert daily.loc[pd.Timestamp("2025-03-30")] == 0
    assert backlog(across_clock_changes, as_of="2025-10-26 01:30+00:00") == 1
    with pytest.raises(ValueError, match=r"as_of='2025-10-26 01:30' is not one instant"):
        backlog(across_clock_changes, as_of="2025-10-26 01:30")


# --- close codes ---------------------------------------------------------------------------


@pytest.fixture
def servicenow_changes() -> pd.DataFrame:
    codes = [
        "Successful",
        "Successful",
        "Successful with issues",
        "Unsuccessful",
        "Backed out",
        "Cancelled",
    ]
    return pd.DataFrame({"close_code": codes})


SERVICENOW = {
    "Successful": "success",
    "Successful with issues": "success",
    "Unsuccessful": "failure",
    "Backed out": "failure",
    "Cancelled": None,
}


def test_close_codes_map_to_outcomes(servicenow_changes: pd.DataFrame) -> None:
    # 3 successes, 2 failures, 1 cancelled (left out): 3/5 and 2/5.
    rate = change_success_rate(servicenow_changes, outcome="close_code", outcomes=SERVICENOW)
    assert rate == pytest.approx(0.6)
    failure = change_failure_rate(servicenow_changes, outcome="close_code", outcomes=SERVICENOW)
    assert failure == pytest.approx(0.4)


def test_close_codes_errors(servicenow_changes: pd.DataFrame) -> None:
    with pytest.raises(
        ValueError, match=r"holds \['Backed out', 'Cancelled', 'Successful'.*outcomes="
    ):
        change_success_rate(servicenow_changes, outcome="close_code")
    partial = {"Successful": "success"}
    with pytest.raises(ValueError, match=r"expected only the labels of outcomes="):
        change_success_rate(servicenow_changes, outcome="close_code", outcomes=partial)
    with pytest.raises(ValueError, match=r"must map to 'success', 'failure' or None"):
        change_success_rate(servicenow_changes, outcome="close_code", outcomes={"Successful": "ok"})


def test_dora_change_failure_rate_reads_close_codes() -> None:
    deployments = pd.DataFrame(
        {
            "deployed_at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-08"]),
            "committed_at": pd.to_datetime(["2025-01-05", "2025-01-06", "2025-01-07"]),
            "result": ["Successful", "Backed out", "Cancelled"],
            "restored_at": pd.to_datetime([None, "2025-01-07 02:00", None]),
        }
    )
    keys = dora_four_keys(deployments, failed="result", outcomes=SERVICENOW)
    assert keys.loc["change_failure_rate", "value"] == pytest.approx(0.5)
    assert keys.loc["time_to_restore", "value"] == pytest.approx(2.0)
