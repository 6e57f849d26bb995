"""Service journeys: moments, touch points, the curve, pain points, moments of truth, surveys."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from toolkit.analytics.journey import (
    SURVEY_MOMENTS,
    TOUCH_POINT_KINDS,
    Journey,
    Moment,
    TouchPoint,
    journey_from_survey,
    touch_points,
)
from toolkit.data.loaders import load_survey
from toolkit.paths import quizzes_dir


def laptop_journey(**kwargs: object) -> Journey:
    """A hand-entered journey: a fall at 'wait', a lower fall at 'chase', recovery after."""
    return Journey(
        "Laptop fix",
        [
            Moment("find", 7, touch_points=touch_points(tool="Intranet")),
            Moment("report", 6, channel="portal"),
            Moment("wait", 3, channel="email"),
            Moment("chase", 2.5, channel="phone"),
            Moment("fixed", 9, touch_points=touch_points(people="Engineer", place="Desk")),
        ],
        **kwargs,  # type: ignore[arg-type]
    )


def survey(counts: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(moment, score) for moment, scores in counts.items() for score in scores]
    return pd.DataFrame(rows, columns=["moment", "happiness"])


# --- touch points and moments ---------------------------------------------------------------


def test_touch_point_kinds_are_people_process_tool_place() -> None:
    assert TOUCH_POINT_KINDS == ("people", "process", "tool", "place")


def test_touch_points_groups_names_by_kind_in_a_fixed_order() -> None:
    made = touch_points(place="Desk", people=["Analyst", "Engineer"], tool="Portal")
    assert made == (
        TouchPoint("Analyst", "people"),
        TouchPoint("Engineer", "people"),
        TouchPoint("Portal", "tool"),
        TouchPoint("Desk", "place"),
    )
    assert str(made[0]) == "people: Analyst"


def test_touch_point_with_an_unknown_kind_names_it_and_the_kinds() -> None:
    with pytest.raises(ValueError, match=r"'Kiosk': kind 'facility' is not one of people, process"):
        TouchPoint("Kiosk", "facility")  # type: ignore[arg-type]


def test_touch_point_needs_a_name() -> None:
    with pytest.raises(ValueError, match="touch point's name must be a non-empty string"):
        TouchPoint("  ", "tool")


def test_moment_defaults_its_label_and_stores_touch_points_as_a_tuple() -> None:
    moment = Moment("kept_updated", 4, touch_points=[TouchPoint("Email", "tool")])
    assert moment.label == "Kept updated"
    assert moment.touch_points == (TouchPoint("Email", "tool"),)
    assert moment.score == 4.0
    assert isinstance(moment.score, float)


@pytest.mark.parametrize("score", ["7", math.nan, math.inf, None, True])
def test_moment_score_must_be_a_finite_number(score: object) -> None:
    with pytest.raises(ValueError, match=r"moment 'report': score must be a (finite )?number"):
        Moment("report", score)  # type: ignore[arg-type]


def test_moment_rejects_a_touch_point_given_as_text() -> None:
    with pytest.raises(ValueError, match=r"moment 'report': touch point 'Portal' is not a Touch"):
        Moment("report", 5, touch_points=["Portal"])  # type: ignore[list-item]


def test_moment_rejects_negative_responses() -> None:
    with pytest.raises(ValueError, match=r"moment 'report': responses must be a whole number"):
        Moment("report", 5, responses=-1)


# --- journeys -------------------------------------------------------------------------------


def test_journey_needs_a_moment() -> None:
    with pytest.raises(ValueError, match="'Empty' needs at least one moment"):
        Journey("Empty", [])


def test_journey_rejects_duplicate_moment_names() -> None:
    with pytest.raises(ValueError, match=r"moment 'a' appears twice \(positions 1 and 3\)"):
        Journey("Twice", [Moment("a", 1), Moment("b", 2), Moment("a", 3)])


def test_journey_rejects_a_score_outside_its_scale() -> None:
    with pytest.raises(ValueError, match=r"moment 'b' has score 11, outside the scale 0 to 10"):
        Journey("Too high", [Moment("a", 1), Moment("b", 11)])


def test_journey_rejects_a_backwards_scale_and_a_threshold_outside_it() -> None:
    with pytest.raises(ValueError, match="scale must run from low to high"):
        Journey("Backwards", [Moment("a", 1)], scale=(10, 0))
    with pytest.raises(ValueError, match="pain_threshold 12 lies outside the scale 0 to 10"):
        Journey("Threshold", [Moment("a", 1)], pain_threshold=12)


def test_journey_looks_up_moments_and_names_the_ones_it_has() -> None:
    trip = laptop_journey()
    assert trip.moment("wait").score == 3
    with pytest.raises(ValueError, match="no moment 'queue'; its moments are find, report, wait"):
        trip.moment("queue")


def test_pain_points_are_strictly_below_the_threshold() -> None:
    trip = laptop_journey()
    assert trip.threshold == 5.0  # the middle of 0-10
    assert [m.name for m in trip.pain_points()] == ["wait", "chase"]
    assert [m.name for m in trip.pain_points(6)] == ["wait", "chase"]  # 6 is not below 6
    assert [m.name for m in trip.pain_points(6.5)] == ["report", "wait", "chase"]
    assert [m.name for m in laptop_journey(pain_threshold=2.5).pain_points()] == []


def test_moments_of_truth_by_drop_are_the_largest_falls_in_journey_order() -> None:
    trip = laptop_journey()
    # falls: report -1, wait -3, chase -0.5; fixed rises by 6.5
    assert [m.name for m in trip.moments_of_truth()] == ["wait"]
    assert [m.name for m in trip.moments_of_truth(n=2)] == ["report", "wait"]
    assert [m.name for m in trip.moments_of_truth(n=10)] == ["report", "wait", "chase"]


def test_a_journey_that_never_falls_has_no_moment_of_truth_by_drop() -> None:
    rising = Journey("Up", [Moment("a", 1), Moment("b", 2), Moment("c", 2)])
    assert rising.moments_of_truth(by="drop") == ()


def test_marked_moments_of_truth_win_over_drops_in_auto() -> None:
    trip = laptop_journey().marked("fixed", "find")
    assert [m.name for m in trip.moments_of_truth()] == ["find", "fixed"]
    assert [m.name for m in trip.moments_of_truth(by="drop")] == ["wait"]
    with pytest.raises(ValueError, match="has no moment 'fxed'"):
        trip.marked("fxed")


def test_moments_of_truth_by_impact() -> None:
    trip = Journey(
        "Impact",
        [Moment("a", 5, impact=0.2), Moment("b", 6, impact=0.7), Moment("c", 4, impact=0.5)],
    )
    assert [m.name for m in trip.moments_of_truth()] == ["b"]  # auto uses impact
    assert [m.name for m in trip.moments_of_truth(n=2, by="impact")] == ["b", "c"]
    with pytest.raises(ValueError, match="needs an impact on every moment; missing on find"):
        laptop_journey().moments_of_truth(by="impact")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n": 0}, "n .how many moments. must be a whole number, 1 or more"), ({"by": "x"}, "by")],
)
def test_moments_of_truth_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        laptop_journey().moments_of_truth(**kwargs)  # type: ignore[arg-type]


def test_curve_is_one_row_per_moment_with_changes_and_marks() -> None:
    curve = laptop_journey().curve()
    assert list(curve.columns) == [
        "step",
        "moment",
        "label",
        "score",
        "change",
        "channel",
        "touch_points",
        "responses",
        "pain_point",
        "first_to_fix",
    ]
    assert curve["step"].tolist() == [1, 2, 3, 4, 5]
    assert curve["score"].tolist() == [7.0, 6.0, 3.0, 2.5, 9.0]
    assert math.isnan(curve["change"].iloc[0])
    assert curve["change"].iloc[1:].tolist() == [-1.0, -3.0, -0.5, 6.5]
    assert curve["pain_point"].tolist() == [False, False, True, True, False]
    assert curve["first_to_fix"].tolist() == [False, False, True, False, False]
    assert curve["touch_points"].iloc[4] == "people: Engineer; place: Desk"
    assert curve["responses"].isna().all()


def test_touch_point_table_lists_every_touch_point_with_its_kind() -> None:
    table = laptop_journey().touch_point_table()
    assert table[["moment", "kind", "touch_point"]].values.tolist() == [
        ["find", "tool", "Intranet"],
        ["fixed", "people", "Engineer"],
        ["fixed", "place", "Desk"],
    ]
    assert list(table["kind"].cat.categories) == list(TOUCH_POINT_KINDS)


scores = st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=1, max_size=12)


@given(values=scores, threshold=st.floats(min_value=0, max_value=10, allow_nan=False))
def test_pain_points_are_exactly_the_scores_below_the_threshold(
    values: list[float], threshold: float
) -> None:
    trip = Journey("Any", [Moment(f"m{i}", v) for i, v in enumerate(values)])
    assert [m.name for m in trip.pain_points(threshold)] == [
        f"m{i}" for i, v in enumerate(values) if v < threshold
    ]


@given(values=scores)
def test_drops_are_falls_and_changes_add_up(values: list[float]) -> None:
    trip = Journey("Any", [Moment(f"m{i}", v) for i, v in enumerate(values)])
    changes = trip.changes()
    assert changes[0] is None
    assert sum(c for c in changes if c is not None) == pytest.approx(values[-1] - values[0])
    for moment in trip.moments_of_truth(n=len(values), by="drop"):
        position = trip.names.index(moment.name)
        assert values[position] < values[position - 1]


# --- from survey data -----------------------------------------------------------------------


def test_journey_from_survey_averages_each_moment_in_the_given_order() -> None:
    data = survey({"resolved": [8, 9, 10], "report": [4, 5, 6, 5]})
    trip = journey_from_survey(data, order=["report", "resolved"], min_responses=3)
    assert trip.names == ("report", "resolved")
    assert [m.score for m in trip.moments] == [5.0, 9.0]
    assert [m.responses for m in trip.moments] == [4, 3]
    assert trip.scale == (0.0, 10.0)
    assert trip.measure == "Mean happiness"
    # The shipped survey's moments come with a label, channel and touch points.
    assert trip.moment("report").label == "Report"
    assert trip.moment("report").channel == "portal"
    assert TouchPoint("Self-service portal", "tool") in trip.moment("report").touch_points


def test_net_happiness_matches_the_reference_values() -> None:
    # RECIPES.md: 76% scoring 9-10 and 24% scoring 0-6 -> +52;
    # the eleven scores 0..10 -> (2 - 7) / 11 = -45.45 (same thresholds as NPS).
    data = survey({"report": [9] * 40 + [10] * 36 + [3] * 24, "resolved": list(range(11))})
    trip = journey_from_survey(
        data, order=["report", "resolved"], min_responses=11, statistic="net"
    )
    assert trip.moment("report").score == pytest.approx(52.0)
    assert trip.moment("resolved").score == pytest.approx(-45.4545, abs=1e-3)
    assert trip.scale == (-100.0, 100.0)
    assert trip.threshold == 0.0


def test_median_statistic() -> None:
    data = survey({"report": [0, 1, 9, 10, 10]})
    trip = journey_from_survey(data, order=["report"], min_responses=5, statistic="median")
    assert trip.moment("report").score == 9.0


def test_journey_from_survey_reads_categorical_moments_and_nullable_scores() -> None:
    data = survey({"report": [4, 6], "resolved": [8, 10]})
    data["moment"] = data["moment"].astype(pd.CategoricalDtype(list(SURVEY_MOMENTS)))
    data["happiness"] = data["happiness"].astype("Int64")
    data.loc[len(data)] = ["report", pd.NA]
    trip = journey_from_survey(data, order=["report", "resolved"], min_responses=2)
    assert [m.score for m in trip.moments] == [5.0, 9.0]
    assert trip.moment("report").responses == 2  # the missing score is left out


def test_journey_from_survey_leaves_out_moments_not_in_order_and_marks_truths() -> None:
    data = survey({"report": [4, 6], "resolved": [8, 10], "lunch": [1, 1]})
    trip = journey_from_survey(
        data,
        order=["report", "resolved"],
        min_responses=2,
        moments_of_truth=["resolved"],
        labels={"resolved": "Fixed!"},
        channels={"report": "phone"},
        touch_points={"resolved": touch_points(people="Jo")},
        pain_threshold=7,
    )
    assert trip.names == ("report", "resolved")
    assert [m.name for m in trip.moments_of_truth()] == ["resolved"]
    assert trip.moment("resolved").label == "Fixed!"
    assert trip.moment("resolved").touch_points == (TouchPoint("Jo", "people"),)
    assert trip.moment("report").channel == "phone"
    assert [m.name for m in trip.pain_points()] == ["report"]


def test_a_moment_with_too_few_responses_is_an_error_naming_it() -> None:
    data = survey({"report": [5] * 30, "resolved": [8] * 29})
    with pytest.raises(
        ValueError,
        match=r"moment 'resolved' has 29 scored responses in column 'happiness', "
        r"fewer than min_responses=30",
    ):
        journey_from_survey(data, order=["report", "resolved"])


def test_a_missing_moment_is_an_error_listing_what_the_data_holds() -> None:
    data = survey({"report": [5] * 30})
    with pytest.raises(ValueError, match=r"moment 'find_help' has 0 scored .* holds: report"):
        journey_from_survey(data)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"moment": "stage"}, r"moment column 'stage' is not in the data; its columns are"),
        ({"score": "csat"}, r"score column 'csat' is not in the data; .*'moment', 'happiness'"),
        ({"statistic": "mode"}, "statistic must be one of mean, median, net"),
        ({"min_responses": 0}, "min_responses must be a whole number, 1 or more"),
        ({"order": []}, "order must name at least one moment"),
        ({"order": "report"}, "order must be a sequence of moment names"),
        ({"order": ["report", "report"]}, "order names a moment more than once: report"),
        ({"labels": {"reprot": "Report"}}, r"labels names moments not in the journey: 'reprot'"),
        ({"moments_of_truth": ["fixed"]}, "moments_of_truth names moments not in the journey"),
    ],
)
def test_journey_from_survey_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    data = survey({"report": [5] * 3})
    arguments: dict[str, object] = {"order": ["report"], "min_responses": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        journey_from_survey(data, **arguments)  # type: ignore[arg-type]


def test_journey_from_survey_rejects_bad_frames_and_scores() -> None:
    with pytest.raises(ValueError, match="data must be a pandas DataFrame, got list"):
        journey_from_survey([1, 2])  # type: ignore[arg-type]
    empty = survey({})
    with pytest.raises(ValueError, match="data is empty"):
        journey_from_survey(empty)
    text = pd.DataFrame({"moment": ["report"], "happiness": ["happy"]})
    with pytest.raises(ValueError, match="score column 'happiness' must be numeric"):
        journey_from_survey(text, order=["report"], min_responses=1)
    too_high = survey({"report": [5, 11]})
    with pytest.raises(ValueError, match="must hold scores from 0 to 10; 1 responses lie outside"):
        journey_from_survey(too_high, order=["report"], min_responses=1)


# --- the lesson's numbers come from the toolkit -----------------------------------------------


def bank_question(bank: str, question: str) -> dict[str, object]:
    text = (quizzes_dir() / f"{bank}.yaml").read_text(encoding="utf-8")
    found: dict[str, object] = next(
        q for q in yaml.safe_load(text)["questions"] if q["id"] == question
    )
    return found


def test_bank_07_laptop_answers_match_the_toolkit() -> None:
    names = ["find_help", "report", "loan", "wait", "returned", "follow_up"]
    laptop = Journey(
        "Laptop", [Moment(n, v) for n, v in zip(names, [5, 7, 8, 3, 8, 6], strict=True)]
    )
    pain = bank_question("07-service-design-thinking", "pain-at-seven")
    assert pain["answer"] == len(laptop.pain_points(7))
    drop = bank_question("07-service-design-thinking", "sharpest-drop")
    assert drop["answer"] == -min(c for c in laptop.changes() if c is not None)
    assert [m.name for m in laptop.moments_of_truth()] == ["wait"]


def test_bank_07_survey_answer_matches_the_shipped_data() -> None:
    desk = journey_from_survey(load_survey(), statistic="net")
    question = bank_question("07-service-design-thinking", "kept-updated-net")
    low, high = question["range"]  # type: ignore[misc]
    assert low <= desk.moment("kept_updated").score <= high
    # The explanation quotes the high point before the fall ("about +30", a fall of nearly 50).
    assert desk.moment("acknowledged").score == pytest.approx(30, abs=1.5)
    assert 45 <= -desk.changes()[3] < 50  # type: ignore[operator]
    assert [m.name for m in desk.moments_of_truth()] == ["kept_updated"]
    assert "kept_updated" in [m.name for m in desk.pain_points()]


def test_moments_of_truth_is_kept_as_the_old_name_of_first_to_fix() -> None:
    trip = Journey("Fix", [Moment("a", 8), Moment("b", 4), Moment("c", 3), Moment("d", 1)])
    assert trip.moments_of_truth(n=2) == trip.first_to_fix(n=2)
    assert [m.name for m in trip.first_to_fix(n=2)] == ["b", "d"]
