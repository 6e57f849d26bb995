"""Tests for toolkit.analytics.register: WSJF, quadrants, and the improvement register."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.analytics.register import (
    COLUMNS,
    QUADRANTS,
    SEVEN_STEPS,
    STATUSES,
    ImprovementRegister,
    improvement_steps,
    make_improvement,
    prioritise_wsjf,
    value_effort_quadrants,
    wsjf,
)

DAY = date(2026, 3, 2)


def register() -> ImprovementRegister:
    return ImprovementRegister(today=lambda: DAY)


# ---------------------------------------------------------------- WSJF


def test_wsjf_reference_values() -> None:
    # RECIPES.md: 170 / 10 = 17 and 120 / 5 = 24, so the second goes first.
    assert wsjf(80, 50, 40, 10) == 17.0
    assert wsjf(50, 40, 30, 5) == 24.0


def test_wsjf_puts_the_smaller_job_with_less_value_first() -> None:
    items = pd.DataFrame(
        {
            "id": ["big", "small"],
            "business_value": [80, 50],
            "time_criticality": [50, 40],
            "risk_reduction": [40, 30],
            "job_size": [10, 5],
        }
    )
    ranked = prioritise_wsjf(items)
    assert ranked["id"].tolist() == ["small", "big"]
    assert ranked["cost_of_delay"].tolist() == [120.0, 170.0]
    assert ranked["wsjf"].tolist() == [24.0, 17.0]
    assert ranked["rank"].tolist() == [1, 2]
    assert "wsjf" not in items.columns  # the input is not changed


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((1, 2, 3, 0), r"job_size is 0: expected a number > 0"),
        ((1, 2, 3, -2), r"job_size is -2"),
        ((-1, 2, 3, 1), r"business_value is -1: expected a number >= 0"),
        ((1, "high", 3, 1), r"time_criticality is 'high': expected a number"),
        ((1, 2, float("inf"), 1), r"risk_reduction is inf: expected a finite number"),
        ((True, 2, 3, 1), r"business_value is True"),
    ],
)
def test_wsjf_rejects_bad_parts(args: tuple[object, ...], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        wsjf(*args)  # type: ignore[arg-type]


def test_prioritise_wsjf_ties_and_missing_parts() -> None:
    items = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "bv": [3, 6, np.nan, 1],
            "tc": [3, 0, 1, 1],
            "rr": [0, 0, 1, 1],
            "size": [2, 2, 1, 1],
        }
    )
    ranked = prioritise_wsjf(
        items, business_value="bv", time_criticality="tc", risk_reduction="rr", job_size="size"
    )
    assert ranked["id"].tolist() == ["a", "b", "d", "c"]  # ties keep input order
    assert ranked["wsjf"].tolist()[:3] == [3.0, 3.0, 3.0]
    assert ranked["rank"].tolist()[:3] == [1, 2, 3]
    assert ranked["rank"].isna().tolist() == [False, False, False, True]


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (None, {"job_size": "size"}, r"column 'size' \(job_size\) is not in data; its columns"),
        ({"job_size": [0, 1]}, {}, r"column 'job_size' \(job_size\) is 0 in row 0"),
        ({"risk_reduction": [1, -1]}, {}, r"'risk_reduction' \(risk_reduction\) is negative"),
        ({"business_value": ["a", "b"]}, {}, r"'business_value' \(business_value\) has dtype"),
    ],
)
def test_prioritise_wsjf_errors(
    change: dict[str, list[object]] | None, kwargs: dict[str, str], match: str
) -> None:
    data = pd.DataFrame(
        {
            "business_value": [1, 2],
            "time_criticality": [1, 2],
            "risk_reduction": [1, 2],
            "job_size": [1, 2],
        }
    )
    for column, values in (change or {}).items():
        data[column] = values
    with pytest.raises(ValueError, match=match):
        prioritise_wsjf(data, **kwargs)


# ---------------------------------------------------------------- quadrants


def test_quadrants_with_fixed_splits() -> None:
    ideas = pd.DataFrame(
        {"id": list("ABCDE"), "business_value": [2, 8, 8, 2, 5], "effort": [20, 20, 2, 2, 10]}
    )
    placed = value_effort_quadrants(ideas, value_split=5, effort_split=10)
    # On the line counts on the doing side: value 5 is high, effort 10 is low.
    assert placed["id"].tolist() == ["C", "E", "B", "D", "A"]
    assert placed["quadrant"].tolist() == [
        "quick win",
        "quick win",
        "major project",
        "fill-in",
        "thankless task",
    ]
    assert list(QUADRANTS) == ["quick win", "major project", "fill-in", "thankless task"]


def test_quadrants_split_at_medians_and_skip_unscored() -> None:
    ideas = pd.DataFrame(
        {"id": list("ABCDE"), "business_value": [1, 2, 3, 4, np.nan], "effort": [4, 1, 3, 2, 1]}
    )
    placed = value_effort_quadrants(ideas).set_index("id")["quadrant"]
    # medians of the scored rows: value 2.5, effort 2.5
    assert placed.to_dict() == {
        "D": "quick win",
        "C": "major project",
        "B": "fill-in",
        "A": "thankless task",
        "E": "not scored",
    }


def test_quadrants_need_something_scored() -> None:
    ideas = pd.DataFrame({"business_value": [np.nan], "effort": [1.0]})
    with pytest.raises(ValueError, match="no row has both 'business_value' and 'effort'"):
        value_effort_quadrants(ideas)
    with pytest.raises(ValueError, match=r"column 'cost' \(effort\) is not in data"):
        value_effort_quadrants(ideas, effort="cost")


# ---------------------------------------------------------------- the register


def test_statuses_follow_the_seven_steps() -> None:
    assert SEVEN_STEPS == ("vision", "assess", "aim", "plan", "act", "check", "sustain")
    assert STATUSES["assess"] == "2. Where are we now?"
    assert STATUSES["sustain"] == "7. How do we keep the momentum going?"
    assert set(STATUSES) == {*SEVEN_STEPS, "closed", "rejected"}


def test_add_fills_id_date_and_status() -> None:
    reg = register()
    first = reg.add(description="Publish a change calendar", owner="Priya")
    second = reg.add(
        {"description": "Self-service password reset", "owner": "Sam"},
        status="AIM",
        baseline="40 calls a week",
        target="10 calls a week",
    )
    assert (first.id, first.raised, first.status) == ("CI-001", DAY, "vision")
    assert (second.id, second.status) == ("CI-002", "aim")
    assert first.priority_score is None
    assert len(reg) == 2
    assert "CI-002" in reg
    assert reg.next_id() == "CI-003"


def test_add_computes_the_priority_score() -> None:
    reg = register()
    item = reg.add(
        description="x",
        owner="o",
        business_value=50,
        time_criticality=40,
        risk_reduction=30,
        job_size=5,
    )
    assert item.cost_of_delay == 120.0
    assert item.priority_score == 24.0
    assert reg.to_frame().loc[0, "priority_score"] == 24.0


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ({"status": "doing"}, r"record 'CI-009': status is 'doing': expected one of vision"),
        ({"owner": ""}, r"record 'CI-009': owner is missing"),
        ({"owner": None}, r"record 'CI-009': owner is missing"),
        ({"description": "  "}, r"record 'CI-009': description is missing"),
        ({"job_size": 0}, r"record 'CI-009': job_size is 0: expected a number > 0"),
        ({"effort": -3}, r"record 'CI-009': effort is -3: expected a number >= 0"),
        ({"business_value": "lots"}, r"record 'CI-009': business_value is 'lots'"),
        ({"raised": "02/03/2026"}, r"record 'CI-009': raised is '02/03/2026': expected a date"),
        ({"due": "2026-01-01"}, r"record 'CI-009': due \(2026-01-01\) is before raised"),
        ({"status": "closed", "baseline": "b", "target": "t"}, r"'CI-009': outcome is missing"),
        ({"status": "rejected"}, r"record 'CI-009': outcome is missing"),
        ({"colour": "red"}, r"record 'CI-009': unknown field 'colour'"),
        ({"priority_score": 3}, r"record 'CI-009': priority_score is computed"),
        ({"id": "CI 9"}, r"record 'CI 9': id 'CI 9' is not valid"),
        ({"status": "assess"}, r"'CI-009': baseline is missing; an improvement at status 'assess'"),
        ({"status": "plan", "baseline": "b"}, r"record 'CI-009': target is missing"),
        ({"status": "closed", "target": "t", "outcome": "o"}, r"'CI-009': baseline is missing"),
    ],
)
def test_add_rejects_bad_records(values: dict[str, object], match: str) -> None:
    reg = register()
    record = {"id": "CI-009", "description": "d", "owner": "o", **values}
    with pytest.raises(ValueError, match=match):
        reg.add(record)
    assert len(reg) == 0


def test_duplicate_id_is_refused() -> None:
    reg = register()
    reg.add(id="CI-001", description="a", owner="o")
    with pytest.raises(ValueError, match=r"record 'CI-001': id is a duplicate"):
        reg.add(id="CI-001", description="b", owner="p")
    assert reg.get("CI-001").description == "a"


def test_update_validates_and_keeps_the_old_record_on_error() -> None:
    reg = register()
    reg.add(
        description="a",
        owner="o",
        business_value=8,
        time_criticality=2,
        risk_reduction=0,
        job_size=5,
    )
    updated = reg.update(
        "CI-001", status="plan", job_size=2, due="2026-06-30", baseline="b", target="t"
    )
    assert (updated.status, updated.priority_score, updated.due) == ("plan", 5.0, date(2026, 6, 30))
    with pytest.raises(ValueError, match=r"record 'CI-001': owner is missing"):
        reg.update("CI-001", owner="")
    with pytest.raises(ValueError, match=r"record 'CI-001': status is 'done'"):
        reg.update("CI-001", status="done")
    with pytest.raises(ValueError, match=r"record 'CI-001': target is missing"):
        reg.update("CI-001", target=None)
    with pytest.raises(ValueError, match=r"record 'CI-001': id cannot change"):
        reg.update("CI-001", id="CI-002")
    with pytest.raises(ValueError, match=r"record 'CI-001': unknown field 'colour'"):
        reg.update("CI-001", colour="red")
    with pytest.raises(ValueError, match=r"priority_score is computed"):
        reg.update("CI-001", priority_score=99)
    with pytest.raises(KeyError, match="no improvement with id 'CI-404'"):
        reg.update("CI-404", status="act")
    assert reg.get("CI-001") == updated
    cleared = reg.update("CI-001", due=None)
    assert cleared.due is None


def test_advance_walks_the_seven_steps_then_closes_with_an_outcome() -> None:
    reg = register()
    reg.add(description="a", owner="o")
    seen = [reg.get("CI-001").status]
    with pytest.raises(ValueError, match="baseline is missing"):
        reg.advance("CI-001")  # "Where are we now?" needs the measure now
    reg.update("CI-001", baseline="change success 91%")
    seen.append(reg.advance("CI-001").status)
    with pytest.raises(ValueError, match="target is missing"):
        reg.advance("CI-001")  # "Where do we want to be?" needs the target
    reg.update("CI-001", target="change success 98%")
    for _ in range(5):
        seen.append(reg.advance("CI-001").status)
    assert tuple(seen) == SEVEN_STEPS
    with pytest.raises(ValueError, match="outcome is missing"):
        reg.advance("CI-001")
    closed = reg.advance("CI-001", outcome="change success up from 91% to 97%")
    assert closed.status == "closed"
    with pytest.raises(ValueError, match="it cannot advance"):
        reg.advance("CI-001")


def test_make_improvement_accepts_csv_text() -> None:
    item = make_improvement(
        {
            "id": "X1",
            "raised": "2026-01-02",
            "description": "d",
            "owner": "o",
            "status": "act",
            "target": "95",
            "effort": "3.5",
            "job_size": "2",
            "source": "",
            "baseline": 91,
        }
    )
    assert (item.raised, item.effort, item.job_size, item.source) == (
        date(2026, 1, 2),
        3.5,
        2.0,
        None,
    )
    assert item.baseline == "91"


# ---------------------------------------------------------------- storage


def filled() -> ImprovementRegister:
    reg = register()
    reg.add(
        description="Change calendar, shared",
        owner="Priya",
        source="CAB review",
        service="Change enablement",
        baseline="change success 91%",
        target="change success 98%",
        expected_benefit="fewer clashes",
        effort=4,
        business_value=8,
        time_criticality=5,
        risk_reduction=8,
        job_size=3,
        due="2026-05-01",
        status="plan",
    )
    reg.add(
        description="Walk-up IT bar",
        owner="Lee",
        effort=30,
        business_value=13,
        time_criticality=2,
        risk_reduction=1,
        job_size=13,
        status="aim",
        baseline="no walk-up support",
        target="a walk-up bar two days a week",
    )
    reg.add(
        description="Retire the fax gateway",
        owner="Sam",
        status="closed",
        baseline="12 faxes a year",
        target="none",
        outcome="Retired in April; no complaints",
    )
    reg.add(description="Ideas wall", owner="Ana")
    return reg


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    reg = filled()
    path = reg.save(tmp_path / "register.csv")
    assert path == tmp_path / "register.csv"
    assert not list(tmp_path.glob("*.tmp"))
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][COLUMNS.index("priority_score")] == "7"  # (8 + 5 + 8) / 3
    assert rows[1][COLUMNS.index("due")] == "2026-05-01"
    loaded = ImprovementRegister.load(path)
    pd.testing.assert_frame_equal(loaded.to_frame(), reg.to_frame())
    assert loaded.path == path
    loaded.update("CI-004", status="assess", baseline="no ideas recorded")
    loaded.save()
    assert ImprovementRegister.load(path).get("CI-004").status == "assess"


def test_to_frame_types() -> None:
    frame = filled().to_frame()
    assert tuple(frame.columns) == COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(frame["raised"])
    assert pd.api.types.is_float_dtype(frame["effort"])
    assert frame["source"].isna().tolist() == [False, True, True, True]
    assert frame["priority_score"].tolist()[:2] == [7.0, 16 / 13]


def test_save_needs_a_path() -> None:
    with pytest.raises(ValueError, match="path is missing"):
        register().save()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            "id,raised,description,owner,status\n"
            "CI-1,2026-01-01,a,o,vision\nCI-2,2026-01-01,b,o,doing\n",
            r"register.csv line 3: record 'CI-2': status is 'doing'",
        ),
        (
            "id,raised,description,owner,status\n"
            "CI-1,2026-01-01,a,o,vision\nCI-1,2026-01-01,b,o,vision\n",
            r"line 3: record 'CI-1': id is a duplicate",
        ),
        (
            "id,raised,description,owner,status\nCI-1,2026-01-01,a,,vision\n",
            r"line 2: record 'CI-1': owner is missing",
        ),
        ("id,raised,description,status\n", r"required column 'owner' is missing"),
        ("id,raised,description,owner,status,colour\n", r"unknown column 'colour'"),
    ],
)
def test_load_names_the_file_line_and_record(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        ImprovementRegister.load(write(tmp_path, text))


def test_load_recomputes_a_stale_priority_score(tmp_path: Path) -> None:
    text = (
        "id,raised,description,owner,status,business_value,time_criticality,risk_reduction,"
        "job_size,priority_score\nCI-1,2026-01-01,a,o,vision,80,50,40,10,99\n"
    )
    assert ImprovementRegister.load(write(tmp_path, text)).get("CI-1").priority_score == 17.0


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no register at"):
        ImprovementRegister.load(tmp_path / "none.csv")


# ---------------------------------------------------------------- prioritising


def test_prioritise_by_wsjf_leaves_out_finished_work() -> None:
    ranked = filled().prioritise()
    # CI-001: 21 / 3 = 7; CI-002: 16 / 13 = 1.23; CI-004 unscored; CI-003 closed.
    assert ranked["id"].tolist() == ["CI-001", "CI-002", "CI-004"]
    assert ranked["rank"].tolist()[:2] == [1, 2]
    everything = filled().prioritise(include_finished=True)
    assert "CI-003" in everything["id"].tolist()


def test_prioritise_by_quadrant() -> None:
    ranked = filled().prioritise(by="quadrant", value_split=10, effort_split=10)
    assert ranked[["id", "quadrant"]].to_numpy().tolist() == [
        ["CI-002", "major project"],
        ["CI-001", "fill-in"],
        ["CI-004", "not scored"],
    ]
    with pytest.raises(ValueError, match="by is 'value': expected 'wsjf' or 'quadrant'"):
        filled().prioritise(by="value")


def test_register_from_records_checks_them() -> None:
    good = {"id": "A", "raised": DAY, "description": "d", "owner": "o", "status": "vision"}
    assert len(ImprovementRegister([good])) == 1
    with pytest.raises(ValueError, match="record 'A': id is a duplicate"):
        ImprovementRegister([good, good])


def test_improvement_steps_table() -> None:
    steps = improvement_steps()
    assert steps["status"].tolist() == [*SEVEN_STEPS, "closed", "rejected"]
    assert steps["step"].tolist()[:7] == [1, 2, 3, 4, 5, 6, 7]
    assert steps["step"].isna().tolist()[7:] == [True, True]
    assert steps.loc[2, "question"] == "Where do we want to be?"


def test_a_rejected_idea_needs_no_baseline_or_target() -> None:
    """An idea turned down at "What is the vision?" never had a measure; the reason is enough."""
    item = register().add(description="d", owner="o", status="rejected", outcome="not worth it")
    assert (item.baseline, item.target) == (None, None)
