"""Tests for toolkit.analytics.assessment: factors, scoring, baselines, the tribal audit."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.analytics.assessment import (
    ANSWER_SCALE,
    WORD_SCORES,
    CSFAssessment,
    answer_score,
    compare_to_baseline,
    csf_assessment,
    load_baseline,
    load_critical_success_factors,
    load_tribal_audit_sample,
    save_baseline,
    tribal_audit,
)

FACTORS = load_critical_success_factors()
IDS = FACTORS["id"].tolist()
DAY = date(2026, 1, 5)


def three(**kwargs: object) -> CSFAssessment:
    """An assessment of three factors: leadership-support 4, baseline 2, front-door 0."""
    answers = {"leadership-support": 4, "baseline": "partly", "front-door": "no"}
    return csf_assessment(answers, assessed_on=DAY, **kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the factors


def test_factors_cover_the_seed_checklist() -> None:
    assert len(FACTORS) == 20
    assert FACTORS["id"].is_unique
    for expected in [
        "leadership-support",
        "measurable-goals",
        "lasting-resources",
        "people-process-tools",
        "open-to-change",
        "in-house-expertise",
        "baseline",
        "front-door",
        "scope-defined",
        "stakeholders-engaged",
        "feedback-used",
        "experience-measured",
        "training-for-all",
        "right-governance",
        "common-practices",
        "able-to-pivot",
    ]:
        assert expected in IDS
    assert list(FACTORS.columns) == ["id", "name", "theme", "question", "explanation"]
    assert (FACTORS["explanation"].str.len() > 40).all()
    assert FACTORS["question"].str.endswith("?").all()


def test_factors_are_grouped_into_a_few_themes() -> None:
    counts = FACTORS["theme"].value_counts()
    assert set(counts.index) == {
        "Leadership",
        "Direction",
        "Measurement",
        "Resources and skills",
        "Ways of working",
        "Culture",
        "Stakeholders",
        "Governance",
    }
    assert counts["Measurement"] == 4


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("answer", "score"),
    [("yes", 4.0), ("Partly", 2.0), (" NO ", 0.0), (0, 0.0), (3, 3.0), (2.5, 2.5), (4.0, 4.0)],
)
def test_answer_scores(answer: object, score: float) -> None:
    assert answer_score(answer) == score


def test_words_map_to_four_two_zero() -> None:
    assert WORD_SCORES == {"yes": 4, "partly": 2, "no": 0}
    assert ANSWER_SCALE[2] == "partly"


@pytest.mark.parametrize("answer", [None, float("nan"), np.nan])
def test_blank_answers_are_unanswered(answer: object) -> None:
    assert answer_score(answer) is None


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        ("maybe", r"answer for 'x' is 'maybe'.*yes', 'partly', 'no'"),
        (5, r"answer for 'x' is 5, out of range"),
        (-0.5, r"out of range"),
        (True, r"not a bool"),
        ([1], r"expected a number from 0 to 4"),
    ],
)
def test_bad_answers_are_named(answer: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        answer_score(answer, factor="x")


# ---------------------------------------------------------------- scoring and gaps


def test_scores_targets_and_gaps() -> None:
    result = three(target=3)
    frame = result.frame
    assert frame.index.tolist() == ["leadership-support", "baseline", "front-door"]
    assert frame["score"].tolist() == [4.0, 2.0, 0.0]
    assert frame["target"].tolist() == [3.0, 3.0, 3.0]
    assert frame["gap"].tolist() == [-1.0, 1.0, 3.0]
    assert frame["answer"].tolist() == ["4", "partly", "no"]
    assert frame.loc["baseline", "theme"] == "Measurement"
    # (4 + 2 + 0) / (3 * 4) = 50%; targets 9 / 12 = 75%.
    assert result.readiness == pytest.approx(50.0)
    assert result.target_readiness == pytest.approx(75.0)
    assert result.level == "partly"
    assert result.assessed_on == DAY


def test_default_target_is_fully_in_place() -> None:
    result = three()
    assert result.frame["target"].tolist() == [4.0, 4.0, 4.0]
    assert result.frame["gap"].tolist() == [0.0, 2.0, 4.0]
    assert result.target_readiness == 100.0


def test_weights_change_readiness_not_scores() -> None:
    weights = {"leadership-support": 2, "baseline": 1, "front-door": 1}
    result = three(weights=weights)
    # (2*4 + 1*2 + 1*0) / (4 * 4) = 10 / 16 = 62.5%.
    assert result.readiness == pytest.approx(62.5)
    assert result.frame["score"].tolist() == [4.0, 2.0, 0.0]
    assert result.frame["weight"].tolist() == [2.0, 1.0, 1.0]


def test_target_per_factor() -> None:
    target = {"leadership-support": 4, "baseline": 3, "front-door": 1}
    result = three(target=target)
    assert result.frame["gap"].tolist() == [0.0, 1.0, 1.0]
    assert result.target_readiness == pytest.approx(100 * 8 / 12)


def test_unanswered_factors_are_listed_and_left_out() -> None:
    result = three()
    assert len(result.unanswered) == 17
    assert "baseline" not in result.unanswered
    skipped = csf_assessment({"baseline": 4, "front-door": None}, assessed_on=DAY)
    assert skipped.frame.index.tolist() == ["baseline"]
    assert "front-door" in skipped.unanswered
    assert skipped.readiness == 100.0


def test_answers_may_be_a_series() -> None:
    series = pd.Series({"baseline": "yes", "goals-set": 1})
    result = csf_assessment(series, assessed_on=DAY)
    assert result.frame.loc[["goals-set", "baseline"], "score"].tolist() == [1.0, 4.0]


def test_factor_order_is_kept_whatever_the_answer_order() -> None:
    answers = {"able-to-pivot": 1, "leadership-support": 2}
    result = csf_assessment(answers, assessed_on=DAY)
    assert result.frame.index.tolist() == ["leadership-support", "able-to-pivot"]


def test_by_theme_is_a_weighted_mean() -> None:
    answers = {"measurable-goals": 4, "baseline": 0, "experience-measured": 2}
    weights = {"measurable-goals": 3, "baseline": 1, "experience-measured": 0}
    themes = csf_assessment(answers, weights=weights, target=3, assessed_on=DAY).by_theme()
    assert themes.loc["Measurement", "score"] == pytest.approx((3 * 4 + 0) / 4)
    assert themes.loc["Measurement", "gap"] == pytest.approx(3 - 3.0)
    assert themes.loc["Measurement", "factors"] == 3


def test_priorities_put_the_largest_weighted_gap_first() -> None:
    answers = {"leadership-support": 0, "baseline": 1, "front-door": 4, "goals-set": 3}
    weights = {"leadership-support": 1, "baseline": 2, "front-door": 5, "goals-set": 1}
    result = csf_assessment(answers, weights=weights, target=4, assessed_on=DAY)
    top = result.priorities(10)
    # weighted gaps: baseline 2*3=6, leadership-support 1*4=4, goals-set 1*1=1; front-door 0.
    assert top.index.tolist() == ["baseline", "leadership-support", "goals-set"]
    assert top["weighted_gap"].tolist() == [6.0, 4.0, 1.0]
    assert result.priorities(1).index.tolist() == ["baseline"]
    with pytest.raises(ValueError, match="n must be at least 1"):
        result.priorities(0)


def test_organisation_specific_factors() -> None:
    own = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"], "theme": ["T", "T", "U"]})
    result = csf_assessment({"a": "yes", "c": 1}, factors=own, assessed_on=DAY)
    assert result.frame.index.tolist() == ["a", "c"]
    assert result.unanswered == ("b",)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"answers": {"no-such-factor": 3}}, r"unknown factor id 'no-such-factor'"),
        ({"answers": {"baseline": 7}}, r"answer for 'baseline' is 7, out of range"),
        ({"answers": {"baseline": "sort of"}}, r"answer for 'baseline' is 'sort of'"),
        ({"answers": {}}, r"answers is empty"),
        ({"answers": {"baseline": None}}, r"answers is empty"),
        ({"answers": [("baseline", 3)]}, r"answers must be a mapping"),
        (
            {"answers": {"baseline": 3}, "weights": {"baseline": 1, "nope": 2}},
            r"weights names unknown factor id 'nope'",
        ),
        (
            {"answers": {"baseline": 3, "goals-set": 1}, "weights": {"baseline": 1}},
            r"weights does not match the answers.*\['goals-set'\]",
        ),
        ({"answers": {"baseline": 3}, "weights": {"baseline": -1}}, r"weights for 'baseline'"),
        ({"answers": {"baseline": 3}, "weights": {"baseline": 0}}, r"weights are all zero"),
        ({"answers": {"baseline": 3}, "weights": {"baseline": "x"}}, r"expected a number"),
        ({"answers": {"baseline": 3}, "target": 5}, r"target for 'baseline' is 5"),
        ({"answers": {"baseline": 3}, "target": {"goals-set": 2}}, r"target names|target does"),
        (
            {"answers": {"baseline": 3}, "factors": pd.DataFrame({"id": ["x"]})},
            r"factors has no column 'name'",
        ),
    ],
)
def test_bad_input_is_a_clear_error(kwargs: dict[str, object], match: str) -> None:
    answers = kwargs.pop("answers")
    with pytest.raises(ValueError, match=match):
        csf_assessment(answers, **kwargs)  # type: ignore[arg-type]


def test_duplicate_factor_ids_are_refused() -> None:
    own = pd.DataFrame({"id": ["a", "a"], "name": ["A", "B"], "theme": ["T", "T"]})
    with pytest.raises(ValueError, match="duplicate id 'a'"):
        csf_assessment({"a": 1}, factors=own)


@settings(max_examples=60, deadline=None)
@given(
    scores=st.lists(st.integers(0, 4), min_size=20, max_size=20),
    weights=st.lists(st.floats(0.1, 10), min_size=20, max_size=20),
    scale=st.floats(0.5, 20),
)
def test_readiness_properties(scores: list[int], weights: list[float], scale: float) -> None:
    answers = dict(zip(IDS, scores, strict=True))
    plain = csf_assessment(answers, assessed_on=DAY)
    assert 0 <= plain.readiness <= 100
    assert plain.readiness == pytest.approx(25 * sum(scores) / len(scores))
    weighted = csf_assessment(answers, weights=dict(zip(IDS, weights, strict=True)))
    scaled = csf_assessment(
        answers, weights={i: w * scale for i, w in zip(IDS, weights, strict=True)}
    )
    assert weighted.readiness == pytest.approx(scaled.readiness)
    assert min(scores) * 25 - 1e-9 <= weighted.readiness <= max(scores) * 25 + 1e-9


# ---------------------------------------------------------------- baselines


def test_baseline_round_trip(tmp_path: Path) -> None:
    answers = {"leadership-support": 3, "baseline": "Partly", "goals-set": 2.5}
    original = csf_assessment(
        answers,
        weights={"leadership-support": 2, "baseline": 1, "goals-set": 1},
        target={"leadership-support": 4, "baseline": 3, "goals-set": 3},
        assessed_on=DAY,
    )
    written = save_baseline(original, tmp_path)
    assert written == tmp_path / "csf-baseline-2026-01-05.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["assessed_on"] == "2026-01-05"
    assert len(document["factors"]) == 20
    loaded = load_baseline(written)
    pd.testing.assert_frame_equal(loaded.frame, original.frame)
    assert loaded.readiness == pytest.approx(original.readiness)
    assert loaded.assessed_on == DAY
    assert loaded.unanswered == original.unanswered


def test_baseline_to_a_named_file_and_no_silent_overwrite(tmp_path: Path) -> None:
    result = three()
    path = tmp_path / "team-a.json"
    assert result.save(path) == path
    with pytest.raises(FileExistsError, match="already exists"):
        result.save(path)
    later = csf_assessment({"baseline": 4}, assessed_on=DAY)
    later.save(path, overwrite=True)
    assert load_baseline(path).frame.index.tolist() == ["baseline"]
    assert not list(tmp_path.glob("*.tmp"))


def test_baseline_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        save_baseline(three(), tmp_path / "nowhere" / "b.json")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("{not json", r"b\.json:1:2: not valid JSON"),
        ('{"kind": "other"}', r"is not a CSF baseline"),
        ('{"kind": "smlab-csf-assessment", "version": 99}', r"baseline version 99"),
        ('{"kind": "smlab-csf-assessment", "version": 1}', r"incomplete CSF baseline"),
    ],
)
def test_bad_baseline_files(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        load_baseline(path)


def test_compare_to_baseline() -> None:
    before = csf_assessment(
        {"baseline": "no", "front-door": 2, "goals-set": 3}, target=3, assessed_on=DAY
    )
    after = csf_assessment(
        {"baseline": "partly", "front-door": 2, "goals-set": 1, "scope-defined": 4},
        target=3,
        assessed_on=date(2026, 4, 5),
    )
    comparison = compare_to_baseline(after, before)
    frame = comparison.frame
    assert frame.index.tolist() == ["goals-set", "baseline", "front-door"]
    assert frame["baseline"].tolist() == [3.0, 0.0, 2.0]
    assert frame["change"].tolist() == [-2.0, 2.0, 0.0]
    assert frame["gap"].tolist() == [2.0, 1.0, 1.0]
    assert comparison.days == 90
    assert comparison.improved == ("baseline",)
    assert comparison.declined == ("goals-set",)
    assert comparison.only_in_current == ("scope-defined",)
    assert comparison.only_in_baseline == ()
    assert comparison.readiness_baseline == pytest.approx(100 * 5 / 12)
    assert comparison.readiness_change == pytest.approx(after.readiness - before.readiness)
    assert after.compare(before).days == 90


def test_compare_refuses_the_wrong_order_and_nothing_in_common() -> None:
    early = csf_assessment({"baseline": 1}, assessed_on=DAY)
    late = csf_assessment({"baseline": 2}, assessed_on=date(2026, 2, 1))
    with pytest.raises(ValueError, match="baseline is dated 2026-02-01, after"):
        compare_to_baseline(early, late)
    other = csf_assessment({"front-door": 2}, assessed_on=date(2026, 2, 1))
    with pytest.raises(ValueError, match="no answered factor in common"):
        compare_to_baseline(other, early)


# ---------------------------------------------------------------- tribal audit


def test_tribal_audit_of_the_sample() -> None:
    audit = tribal_audit(load_tribal_audit_sample())
    assert len(audit.groups) == 9
    assert audit.matrix.shape == (9, len(audit.item_kind))
    assert set(np.unique(audit.matrix.to_numpy())) == {0.0, 1.0}
    assert audit.matrix.loc["Service desk", "ITSM suite"] == 1.0
    assert audit.matrix.loc["Facilities", "ITSM suite"] == 0.0
    # Spreadsheets are the widest bridge: four groups use them.
    top = audit.bridges.iloc[0]
    assert (top["item"], top["kind"], top["n_groups"]) == ("Spreadsheets", "tool", 4)
    assert top["groups"] == "IT operations; Project office; Information security; Leadership team"
    assert top["mean_openness"] == pytest.approx((3 + 2 + 2 + 3) / 4)
    itil = audit.bridges.set_index("item").loc["ITIL 4"]
    assert (itil["kind"], itil["n_groups"]) == ("method", 2)
    assert (audit.bridges["n_groups"] >= 2).all()
    assert audit.groups.loc["Facilities", "isolated"]
    assert audit.groups.loc["Facilities", "n_partners"] == 0
    gaps = set(zip(audit.gaps["group"], audit.gaps["gap"], strict=True))
    assert gaps == {
        ("Facilities", "isolated"),
        ("Facilities", "low openness"),
        ("Project office", "low openness"),
        ("Information security", "low openness"),
    }
    overlap = audit.overlap.to_numpy()
    assert (overlap == overlap.T).all()
    assert audit.overlap.loc["Service desk", "IT operations"] == 2  # ITSM suite, ITIL 4
    assert audit.item_kind["Scrum"] == "method"


def test_tribal_audit_by_respondent_and_with_lists() -> None:
    data = pd.DataFrame(
        {
            "team": ["Ops", "Ops", "Dev", "Sec"],
            "kit": [["Wiki", "Chat"], "Chat", "Chat; Repo", None],
            "level": [2, 4, 5, 1],
        }
    )
    audit = tribal_audit(data, group="team", tools="kit", methods=None, openness="level")
    assert audit.matrix.index.tolist() == ["Ops", "Dev", "Sec"]
    assert audit.matrix.columns.tolist() == ["Wiki", "Chat", "Repo"]
    assert audit.matrix.loc["Ops"].tolist() == [0.5, 1.0, 0.0]
    assert audit.groups.loc["Ops", "openness"] == 3.0
    assert audit.groups.loc["Sec", "isolated"]
    assert audit.bridges["item"].tolist() == ["Chat"]
    assert audit.bridges.loc[0, "mean_openness"] == 4.0
    assert audit.groups.loc["Ops", "partners"] == "Dev"


def test_low_openness_threshold_is_adjustable() -> None:
    audit = tribal_audit(load_tribal_audit_sample(), low_openness=1)
    assert audit.gaps[audit.gaps["gap"] == "low openness"]["group"].tolist() == ["Facilities"]


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {"group": ["A", "B"], "tools": ["x", "x; y"], "methods": ["m", ""], "openness": [3, 4]}
    )


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (None, {"tools": "kit"}, r"column 'kit' \(tools\) is not in data; its columns are"),
        (None, {"openness": "open"}, r"column 'open' \(openness\) is not in data"),
        ({"openness": [3, 6]}, {}, r"column 'openness' row 1 is 6, out of range"),
        ({"openness": [3, "high"]}, {}, r"column 'openness' row 1 is 'high'"),
        ({"openness": [3, float("nan")]}, {}, r"column 'openness' row 1"),
        ({"group": ["A", " "]}, {}, r"column 'group' is blank or not text in row 1"),
        ({"tools": ["x", 7]}, {}, r"column 'tools' row 1 is 7"),
        ({"methods": ["x", ""]}, {}, r"'x' is listed both as a tool and as a method"),
        (None, {"low_openness": 9}, r"low_openness must be from 1 to 5"),
    ],
)
def test_tribal_audit_errors(
    change: dict[str, list[object]] | None, kwargs: dict[str, object], match: str
) -> None:
    data = sample()
    for column, values in (change or {}).items():
        data[column] = pd.Series(values, dtype=object)
    with pytest.raises(ValueError, match=match):
        tribal_audit(data, **kwargs)  # type: ignore[arg-type]


def test_tribal_audit_needs_rows() -> None:
    with pytest.raises(ValueError, match="data is empty"):
        tribal_audit(sample().iloc[0:0])
    with pytest.raises(ValueError, match="must be a pandas DataFrame"):
        tribal_audit([{"group": "A"}])  # type: ignore[arg-type]


def test_sample_is_well_formed() -> None:
    data = load_tribal_audit_sample()
    assert list(data.columns) == ["group", "tools", "methods", "openness"]
    assert data["openness"].between(1, 5).all()
    assert not math.isnan(float(data["openness"].mean()))


def test_readiness_sample_is_lesson_06s_example() -> None:
    """Harbour City: 34 of 80 points in January (42.5%), 55% in April, every factor answered."""
    from toolkit.analytics.assessment import csf_assessment, load_readiness_sample

    sample = load_readiness_sample()
    assert list(sample.index) == list(FACTORS["id"])
    assert sample.loc["baseline", "january"] == "no"
    assert sample.loc["baseline", "april"] == 3
    january = csf_assessment(sample["january"], target=3)
    assert january.frame["score"].sum() == 34
    assert january.readiness == pytest.approx(42.5)
    assert csf_assessment(sample["april"], target=3).readiness == pytest.approx(55.0)
