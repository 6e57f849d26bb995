"""Tests for toolkit.data: the loaders and schema checks, the generator, ``smlab datasets``."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.cli import datasets as datasets_command
from toolkit.data import synthetic
from toolkit.data.loaders import (
    IMPROVEMENT_DATE,
    IMPROVEMENT_SERVICE,
    SCHEMAS,
    SHIPPED_INCIDENTS,
    SHIPPED_SEED,
    TABLES,
    WATERMELON_SERVICE,
    conform_table,
    generate,
    load_changes,
    load_commits,
    load_deployments,
    load_incidents,
    load_services,
    load_survey,
    load_table,
)
from toolkit.paths import datasets_dir

LOADERS: dict[str, Callable[..., pd.DataFrame]] = {
    "services": load_services,
    "incidents": load_incidents,
    "changes": load_changes,
    "deployments": load_deployments,
    "commits": load_commits,
    "survey": load_survey,
}


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return {name: loader() for name, loader in LOADERS.items()}


@pytest.fixture(scope="module")
def large() -> dict[str, pd.DataFrame]:
    """A big sample from another seed: the stories must hold in expectation, not by luck."""
    return generate(seed=7, incidents=160_000)


def _copy_table(name: str) -> pd.DataFrame:
    return pd.read_csv(datasets_dir() / f"{name}.csv", dtype=str, keep_default_na=False)


def _write(tmp_path: Path, frame: pd.DataFrame, name: str = "incidents.csv") -> Path:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def _monthly(frame: pd.DataFrame, when: str, value: pd.Series, how: str) -> pd.Series:
    return value.groupby(frame[when].dt.to_period("M")).agg(how)


def _happiness(scores: pd.Series) -> float:
    """Share of 9-10 minus share of 0-6, in points (RECIPES: 76% and 24% -> +52)."""
    return float(100 * ((scores >= 9).mean() - (scores <= 6).mean()))


def _xmr(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and natural process limits of an XmR chart (unscreened average moving range)."""
    centre = float(np.mean(values))
    spread = 2.66 * float(np.mean(np.abs(np.diff(values))))
    return centre, centre - spread, centre + spread


def _longest_run(flags: np.ndarray) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


# --- loaders and dtypes ---------------------------------------------------------------------


def test_test_helpers_match_published_reference_values() -> None:
    assert _xmr(np.arange(1.0, 11.0)) == pytest.approx((5.5, 2.84, 8.16))
    assert _happiness(pd.Series([10] * 76 + [3] * 24)) == pytest.approx(52.0)


@pytest.mark.parametrize("name", TABLES)
def test_loader_columns_follow_the_schema_in_order(
    name: str, shipped: dict[str, pd.DataFrame]
) -> None:
    assert list(shipped[name].columns) == [column.name for column in SCHEMAS[name]]


def test_loaders_return_typed_frames(shipped: dict[str, pd.DataFrame]) -> None:
    kinds = {
        "str": pd.api.types.is_string_dtype,
        "int": lambda dtype: dtype == np.dtype("int64"),
        "float": lambda dtype: dtype == np.dtype("float64"),
        "datetime": lambda dtype: dtype == np.dtype("datetime64[us]"),
        "category": lambda dtype: isinstance(dtype, pd.CategoricalDtype),
    }
    for name, frame in shipped.items():
        for column in SCHEMAS[name]:
            dtype = frame[column.name].dtype
            if column.kind == "bool":
                expected = "boolean" if column.nullable else np.dtype(bool)
                assert dtype == expected, (name, column.name, dtype)
            else:
                assert kinds[column.kind](dtype), (name, column.name, dtype)


def test_priority_and_criticality_are_ordered_categories(
    shipped: dict[str, pd.DataFrame],
) -> None:
    priority = shipped["incidents"]["priority"].dtype
    assert isinstance(priority, pd.CategoricalDtype)
    assert priority.ordered
    assert list(priority.categories) == ["P1", "P2", "P3", "P4"]
    criticality = shipped["services"]["criticality"].dtype
    assert isinstance(criticality, pd.CategoricalDtype)
    assert list(criticality.categories) == ["low", "medium", "high"]
    assert list(shipped["changes"]["outcome"].cat.categories) == ["successful", "failed"]


def test_gaps_only_where_the_schema_allows_them(shipped: dict[str, pd.DataFrame]) -> None:
    incidents = shipped["incidents"]
    still_open = incidents["resolved_at"].isna()
    assert still_open.any()
    assert incidents["resolve_hours"].isna().equals(still_open)
    assert incidents["sla_met"].isna().equals(still_open)
    for name, frame in shipped.items():
        for column in SCHEMAS[name]:
            if not column.nullable:
                assert frame[column.name].notna().all(), (name, column.name)


def test_shipped_csvs_are_exactly_what_the_generator_makes(tmp_path: Path) -> None:
    tables = generate(seed=SHIPPED_SEED, out=tmp_path)
    for name in TABLES:
        made = (tmp_path / f"{name}.csv").read_bytes()
        assert made == (datasets_dir() / f"{name}.csv").read_bytes(), (
            f"datasets/{name}.csv drifted from the generator: regenerate it with "
            f"`smlab datasets generate --out datasets --force`"
        )
        pd.testing.assert_frame_equal(load_table(name), tables[name], check_exact=True)


def test_shipped_data_is_small_and_the_expected_size(shipped: dict[str, pd.DataFrame]) -> None:
    total = sum((datasets_dir() / f"{name}.csv").stat().st_size for name in TABLES)
    assert total < 5_000_000
    assert len(shipped["incidents"]) == SHIPPED_INCIDENTS == 8000
    assert len(shipped["changes"]) == 1000
    assert len(shipped["deployments"]) == 1500
    assert len(shipped["commits"]) == 3960
    assert 2500 <= len(shipped["survey"]) <= 3500
    assert len(shipped["services"]) == 8


def test_readme_documents_every_column() -> None:
    readme = (datasets_dir() / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        assert f"{name}.csv" in readme
        for column in SCHEMAS[name]:
            assert f"`{column.name}`" in readme, (name, column.name)
    for constant in ("WATERMELON_SERVICE", "IMPROVEMENT_DATE", "IMPROVEMENT_SERVICE"):
        assert constant in readme
    assert str(SHIPPED_SEED) in readme


# --- schema failures ------------------------------------------------------------------------


def test_missing_column_names_the_file_the_column_and_the_columns_present(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, _copy_table("incidents").drop(columns="urgency"))
    with pytest.raises(ValueError, match=r"incidents\.csv: missing column 'urgency'") as info:
        load_incidents(path)
    assert "expected whole numbers from 1 to 3" in str(info.value)
    assert "'impact', 'priority'" in str(info.value)  # the file's own columns are listed


def test_mistyped_number_names_the_column_line_and_value(tmp_path: Path) -> None:
    frame = _copy_table("incidents")
    frame.loc[3, "impact"] = "high"
    path = _write(tmp_path, frame)
    with pytest.raises(
        ValueError,
        match=r"incidents\.csv: column 'impact' should hold whole numbers from 1 to 3, "
        r"but line 5 has 'high'",
    ):
        load_incidents(path)


@pytest.mark.parametrize(
    ("table", "column", "value", "expected"),
    [
        ("survey", "happiness", "11", r"whole numbers from 0 to 10, but line 2 has 11$"),
        ("survey", "csat", "4.5", r"whole numbers from 1 to 5, but line 2 has 4\.5$"),
        ("changes", "outcome", "ok", r"one of successful, failed, but line 2 has 'ok'"),
        ("changes", "implemented_at", "yesterday", r"datetimes like .*has 'yesterday'"),
        ("deployments", "failed", "maybe", r"True or False, but line 2 has 'maybe'"),
        ("incidents", "opened_at", "", r"datetimes like .*, but line 2 is empty"),
        ("incidents", "reassignments", "-1", r"whole numbers of at least 0, but line 2"),
        ("services", "criticality", "urgent", r"one of low, medium, high, but line 2"),
        ("incidents", "priority", "P5", r"one of P1, P2, P3, P4, but line 2 has 'P5'"),
        ("incidents", "resolve_hours", "soon", r"numbers of at least 0 or empty, but line 2"),
    ],
)
def test_wrong_values_fail_naming_file_column_and_expectation(
    tmp_path: Path, table: str, column: str, value: str, expected: str
) -> None:
    frame = _copy_table(table)
    frame.loc[0, column] = value
    path = _write(tmp_path, frame, f"{table}.csv")
    with pytest.raises(
        ValueError, match=rf"{table}\.csv: column '{column}' should hold {expected}"
    ):
        load_table(table, path)


def test_open_vocabulary_keeps_new_labels_after_the_known_ones(tmp_path: Path) -> None:
    frame = _copy_table("incidents")
    frame.loc[0, "category"] = "database"
    frame.loc[1, "channel"] = "social"
    incidents = load_incidents(_write(tmp_path, frame))
    assert list(incidents["category"].cat.categories) == [*synthetic.CATEGORIES, "database"]
    assert incidents.loc[1, "channel"] == "social"


def test_extra_columns_are_kept_after_the_schema(tmp_path: Path) -> None:
    frame = _copy_table("services")
    frame.insert(0, "notes", "x")
    services = load_services(_write(tmp_path, frame, "services.csv"))
    assert list(services.columns)[-1] == "notes"
    assert list(services.columns)[:5] == [c.name for c in SCHEMAS["services"]]


def test_booleans_accept_common_spellings(tmp_path: Path) -> None:
    frame = _copy_table("deployments").head(4)
    frame["failed"] = ["true", "0", "Yes", "FALSE"]
    deployments = load_deployments(_write(tmp_path, frame, "deployments.csv"))
    assert deployments["failed"].tolist() == [True, False, True, False]


def test_unknown_table_missing_file_and_non_csv_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown table 'tickets': expected one of services"):
        load_table("tickets")
    with pytest.raises(FileNotFoundError, match=r"no survey file at .*nowhere\.csv"):
        load_survey(tmp_path / "nowhere.csv")
    empty = tmp_path / "changes.csv"
    empty.write_text("")
    with pytest.raises(ValueError, match=r"changes\.csv: cannot read it as a CSV table"):
        load_changes(empty)


def test_conform_table_types_a_frame_and_names_rows_not_lines() -> None:
    frame = pd.DataFrame(
        {
            "deployment_id": ["D1", "D2"],
            "service_id": ["S", "S"],
            "committed_at": pd.to_datetime(["2024-01-01 08:00", "2024-01-02 08:00"]),
            "deployed_at": ["2024-01-01T09:00", "2024-01-03 10:30:00"],
            "failed": [True, False],
            "restored_at": ["2024-01-01 10:00", None],
        }
    )
    typed = conform_table(frame, table="deployments")
    assert typed["deployed_at"].dtype == np.dtype("datetime64[us]")
    assert typed["restored_at"].isna().tolist() == [False, True]
    assert typed["failed"].dtype == np.dtype(bool)
    frame["failed"] = pd.array([True, None], dtype="boolean")
    with pytest.raises(
        ValueError, match=r"data: column 'failed' should hold True or False, but row 1"
    ):
        conform_table(frame, table="deployments")


def test_time_zones_are_refused() -> None:
    frame = load_deployments().head(3)
    frame["deployed_at"] = frame["deployed_at"].dt.tz_localize("UTC")
    with pytest.raises(ValueError, match=r"column 'deployed_at' .* without a time zone"):
        conform_table(frame, table="deployments")


# --- generator ------------------------------------------------------------------------------


def test_same_seed_same_data_different_seed_different_data() -> None:
    first = generate(seed=11, incidents=3000)
    again = generate(seed=11, incidents=3000)
    other = generate(seed=12, incidents=3000)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], again[name], check_exact=True)
    for name in ("incidents", "changes", "deployments", "survey"):
        assert not first[name].equals(other[name]), name


def test_other_tables_scale_with_the_incidents() -> None:
    tables = generate(seed=5, incidents=16_000)
    assert len(tables["incidents"]) == 16_000
    assert len(tables["changes"]) == 2000
    assert len(tables["deployments"]) == 3000
    assert 5000 <= len(tables["survey"]) <= 7000


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"seed": -1}, r"seed must be a non-negative integer, got -1"),
        ({"seed": 1.5}, r"seed must be a non-negative integer, got 1\.5"),
        ({"seed": 1, "incidents": 0}, r"incidents must be a whole number of at least 1, got 0"),
        ({"seed": 1, "incidents": True}, r"incidents must be .* got True"),
    ],
)
def test_generate_refuses_impossible_arguments(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**arguments)  # type: ignore[arg-type]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), incidents=st.integers(1, 400))
def test_every_generated_table_conforms_and_hangs_together(seed: int, incidents: int) -> None:
    tables = generate(seed=seed, incidents=incidents)
    for name in TABLES:
        assert [c.name for c in SCHEMAS[name]] == list(tables[name].columns)
        pd.testing.assert_frame_equal(conform_table(tables[name], table=name), tables[name])
    inc = tables["incidents"].set_index("incident_id")
    assert inc.index.is_unique
    matrix = synthetic.PRIORITY_MATRIX[inc["impact"] - 1, inc["urgency"] - 1]
    assert (inc["priority"].cat.codes.to_numpy() == matrix).all()
    survey = tables["survey"]
    assert survey["incident_id"].isin(inc.index).all()
    linked = inc.loc[survey["incident_id"]]
    assert (linked["service_id"].to_numpy() == survey["service_id"].to_numpy()).all()
    assert (survey["responded_at"].to_numpy() > linked["resolved_at"].to_numpy()).all()


def test_incident_columns_agree_with_each_other(large: dict[str, pd.DataFrame]) -> None:
    inc = large["incidents"].dropna(subset=["resolved_at"])
    hours = (inc["resolved_at"] - inc["opened_at"]).dt.total_seconds() / 3600
    assert np.allclose(hours, inc["resolve_hours"], atol=1e-4)
    assert (inc["sla_met"] == (inc["resolve_hours"] <= inc["sla_target_hours"])).all()
    target = inc["priority"].map(synthetic.SLA_TARGET_HOURS).astype(float)
    assert (inc["sla_target_hours"] == target).all()
    assert not (inc["first_contact_resolution"] & (inc["reassignments"] > 0)).any()
    assert large["incidents"]["opened_at"].is_monotonic_increasing


def test_incidents_look_like_a_real_service_desk(large: dict[str, pd.DataFrame]) -> None:
    inc = large["incidents"]
    share = inc["priority"].value_counts(normalize=True)
    assert 0.85 <= share["P3"] + share["P4"] <= 0.90  # most incidents moderate
    assert 0.01 <= share["P1"] <= 0.02  # few critical
    handled = inc[~inc["first_contact_resolution"]]
    by_handoffs = handled.groupby("reassignments")["resolve_hours"].median().loc[0:4]
    assert by_handoffs.is_monotonic_increasing  # every hand-off adds time
    sla = inc["sla_met"].mean()
    assert 0.85 <= sla <= 0.93
    met_by_priority = inc.groupby("priority", observed=True)["sla_met"].mean()
    assert met_by_priority["P4"] > met_by_priority["P1"]


def test_changes_and_deployments_hang_together(large: dict[str, pd.DataFrame]) -> None:
    changes, deployments = large["changes"], large["deployments"]
    assert (changes["requested_at"] <= changes["implemented_at"]).all()
    failed = changes["outcome"] == "failed"
    assert (changes.loc[failed, "linked_incidents"] >= 1).all()
    assert (changes.loc[~failed, "linked_incidents"] == 0).all()
    rate = changes.groupby("change_type", observed=True)["outcome"].apply(
        lambda outcome: (outcome == "failed").mean()
    )
    assert rate["standard"] < rate["normal"] < rate["emergency"]
    assert (deployments["committed_at"] <= deployments["deployed_at"]).all()
    commits = large["commits"].merge(deployments, on="deployment_id", suffixes=("", "_d"))
    assert len(commits) == len(large["commits"])
    assert (commits["service_id"] == commits["service_id_d"]).all()
    assert (commits["committed_at"] >= commits["committed_at_d"]).all()
    assert (commits["committed_at"] <= commits["deployed_at"]).all()
    first = commits.groupby("deployment_id")["committed_at"].min()
    expected = deployments.set_index("deployment_id")["committed_at"]
    assert (first == expected.loc[first.index]).all()
    assert set(commits["deployment_id"]) == set(deployments["deployment_id"])
    restored = deployments["restored_at"].notna()
    assert not (restored & ~deployments["failed"]).any()
    assert (
        deployments.loc[restored, "restored_at"] > deployments.loc[restored, "deployed_at"]
    ).all()


# --- the built-in stories -------------------------------------------------------------------


def test_story_constants() -> None:
    assert WATERMELON_SERVICE == "SVC-HR"
    assert IMPROVEMENT_SERVICE == "SVC-EMAIL"
    assert pd.Timestamp("2025-04-01") == IMPROVEMENT_DATE


@pytest.mark.parametrize("source", ["shipped", "large"])
def test_watermelon_sla_green_every_month_while_users_are_unhappy(
    source: str, request: pytest.FixtureRequest
) -> None:
    tables = request.getfixturevalue(source)
    incidents, survey = tables["incidents"], tables["survey"]
    mine = incidents[incidents["service_id"] == WATERMELON_SERVICE]
    monthly_sla = _monthly(mine, "opened_at", mine["sla_met"].astype(float), "mean")
    assert len(monthly_sla) == 24
    assert (monthly_sla > 0.95).all()
    answers = survey[survey["service_id"] == WATERMELON_SERVICE]
    monthly = answers.groupby(answers["responded_at"].dt.to_period("M"))["happiness"]
    assert monthly.apply(_happiness).max() < -10  # negative every single month
    assert _happiness(answers["happiness"]) < -30  # well below zero overall
    others = survey[survey["service_id"] != WATERMELON_SERVICE]
    assert _happiness(others["happiness"]) > 10
    elsewhere = incidents[incidents["service_id"] != WATERMELON_SERVICE]
    assert mine["reopened"].mean() > 3 * elsewhere["reopened"].mean()  # closed, not fixed


def test_change_success_climbs_from_about_90_toward_98(shipped: dict[str, pd.DataFrame]) -> None:
    changes = shipped["changes"]
    success = (changes["outcome"] == "successful").groupby(
        changes["implemented_at"].dt.to_period("Q")
    )
    by_quarter = success.mean()
    assert 0.88 <= by_quarter.iloc[0] <= 0.93  # early 2024: about 90%
    late = changes[changes["implemented_at"] >= "2025-07-01"]
    assert (late["outcome"] == "successful").mean() >= 0.97  # near the 98% bar
    half = changes["implemented_at"].dt.year * 2 + (changes["implemented_at"].dt.month > 6)
    by_half = (changes["outcome"] == "successful").groupby(half).mean()
    assert by_half.is_monotonic_increasing


def test_change_failure_follows_the_half_life_curve(large: dict[str, pd.DataFrame]) -> None:
    changes = large["changes"]
    month = changes["implemented_at"].dt.to_period("M")
    observed = (changes["outcome"] == "failed").groupby(month).mean()
    months_in = np.arange(24) + 0.5
    expected = synthetic.change_failure_rate(months_in)
    assert expected[0] == pytest.approx(0.0959, abs=0.0005)  # about 90% success
    assert expected[-1] == pytest.approx(0.0233, abs=0.0005)  # closing on 98%
    assert np.abs(observed.to_numpy() - expected).max() < 0.025


@pytest.mark.parametrize("source", ["shipped", "large"])
def test_improvement_shifts_time_to_resolve_and_first_contact(
    source: str, request: pytest.FixtureRequest
) -> None:
    incidents = request.getfixturevalue(source)["incidents"]
    mine = incidents[incidents["service_id"] == IMPROVEMENT_SERVICE]
    after = mine["opened_at"] >= IMPROVEMENT_DATE
    drop = (
        1 - mine.loc[after, "resolve_hours"].median() / mine.loc[~after, "resolve_hours"].median()
    )
    assert 0.24 <= drop <= 0.32
    fcr = mine.groupby(after)["first_contact_resolution"].mean()
    assert fcr[True] - fcr[False] >= 0.07


def test_xmr_chart_sees_the_improvement_and_only_noise_elsewhere(
    shipped: dict[str, pd.DataFrame],
) -> None:
    incidents = shipped["incidents"]
    month = incidents["opened_at"].dt.to_period("M")
    medians = incidents.groupby([month, "service_id"])["resolve_hours"].median().unstack()
    mine = medians[IMPROVEMENT_SERVICE]
    before = mine[mine.index < IMPROVEMENT_DATE.to_period("M")].to_numpy()
    after = mine[mine.index >= IMPROVEMENT_DATE.to_period("M")].to_numpy()
    centre, lower, upper = _xmr(before)
    assert ((before > lower) & (before < upper)).all()  # a stable baseline
    assert _longest_run(after < centre) >= 8  # a sustained shift: a run of eight or more
    assert 0.24 <= 1 - np.median(after) / np.median(before) <= 0.32
    for service in medians.columns.drop(IMPROVEMENT_SERVICE):
        values = medians[service].to_numpy()
        centre, lower, upper = _xmr(values)
        assert ((values > lower) & (values < upper)).all(), service
        assert _longest_run(values > centre) < 8, service
        assert _longest_run(values < centre) < 8, service


# --- smlab datasets -------------------------------------------------------------------------


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="smlab")
    datasets_command.register(parser.add_subparsers())
    return parser.parse_args(list(argv))


def test_cli_generate_writes_the_same_data_as_generate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _parse("datasets", "generate", "--rows", "1_200", "--seed", "9", "--out", str(tmp_path))
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "Generating 1,200 incidents with seed 9" in out
    assert "incidents.csv" in out
    expected = generate(seed=9, incidents=1200)
    for name in TABLES:
        pd.testing.assert_frame_equal(load_table(name, tmp_path / f"{name}.csv"), expected[name])


def test_cli_generate_defaults_reproduce_the_shipped_files(tmp_path: Path) -> None:
    args = _parse("datasets", "generate", "--out", str(tmp_path / "fresh"))
    assert args.handler(args) == 0
    made = (tmp_path / "fresh" / "changes.csv").read_bytes()
    assert made == (datasets_dir() / "changes.csv").read_bytes()


def test_cli_generate_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(datasets_dir() / "services.csv", tmp_path / "services.csv")
    (tmp_path / "incidents.csv").write_text("keep me")
    args = _parse("datasets", "generate", "--rows", "50", "--out", str(tmp_path))
    assert args.handler(args) == 1
    assert "already holds services.csv, incidents.csv; use --force" in capsys.readouterr().err
    assert (tmp_path / "incidents.csv").read_text() == "keep me"
    forced = _parse("datasets", "generate", "--rows", "50", "--out", str(tmp_path), "--force")
    assert forced.handler(forced) == 0
    assert len(load_incidents(tmp_path / "incidents.csv")) == 50


def test_cli_generate_refuses_a_file_as_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plain.txt"
    target.write_text("x")
    args = _parse("datasets", "generate", "--out", str(target))
    assert args.handler(args) == 1
    assert "is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("rows", "message"), [("0", "expected at least 1, got 0"), ("lots", "expected a whole number")]
)
def test_cli_rejects_bad_rows(rows: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        _parse("datasets", "generate", "--rows", rows, "--out", "unused")
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_list_checks_and_counts_each_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _parse("datasets", "list")
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "incidents         8,000 rows  15 columns" in out
    assert "changes           1,000 rows   7 columns" in out
    shutil.copy(datasets_dir() / "services.csv", tmp_path / "services.csv")
    partial = _parse("datasets", "list", "--dir", str(tmp_path))
    assert partial.handler(partial) == 0
    out = capsys.readouterr().out
    assert "services              8 rows" in out
    assert "(no survey.csv)" in out
    (tmp_path / "changes.csv").write_text("change_id\nCHG1\n")
    with pytest.raises(ValueError, match=r"changes\.csv: missing column 'service_id'"):
        partial.handler(partial)


def test_cli_datasets_alone_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse("datasets")
    assert args.handler(args) == 2
    assert "generate" in capsys.readouterr().out
