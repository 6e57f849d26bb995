"""Bringing process to life, and choosing a governance route: the rules and their edges."""

from __future__ import annotations

import itertools

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from toolkit.analytics.governance import (
    GOVERNANCE_ROUTES,
    LEARNING_NEEDS,
    PROCESS_FORMATS,
    format_advice,
    governance_route_map,
    governance_route_table,
    process_format_table,
    suggest_formats,
    suggest_governance_route,
)
from toolkit.paths import quizzes_dir

# --- bringing process to life ---------------------------------------------------------------


def test_the_formats_cover_every_way_the_lesson_names() -> None:
    names = {fmt.name for fmt in PROCESS_FORMATS}
    assert names == {
        "Quick reference guide",
        "Video tutorial",
        "Gamified quiz",
        "Infographic",
        "Bite-sized tips",
        "Lunch-and-learn session",
        "Feedback from apprentices and graduates",
    }


def test_every_need_is_served_and_every_format_serves_known_needs() -> None:
    for need in LEARNING_NEEDS:
        assert suggest_formats(need), need
    for fmt in PROCESS_FORMATS:
        assert fmt.needs <= set(LEARNING_NEEDS), fmt.key


def test_process_format_table_lists_the_formats_quickest_first() -> None:
    table = process_format_table()
    assert list(table.columns) == ["name", "what", "minutes", "effort", "serves"]
    assert table.index.name == "key"
    assert table["minutes"].is_monotonic_increasing
    assert table.loc["quick_reference", "name"] == "Quick reference guide"
    assert table.loc["quick_reference", "serves"] == (
        "Look up a step in the middle of the work; "
        "Keep a process fresh in people's minds over months"
    )


def test_suggestions_serve_the_need_quickest_first() -> None:
    keys = [fmt.key for fmt in suggest_formats("first_time")]
    assert keys == ["infographic", "video", "gamified_quiz", "lunch_and_learn"]


def test_a_time_budget_leaves_out_what_takes_longer() -> None:
    assert [fmt.key for fmt in suggest_formats("first_time", minutes=5)] == ["infographic", "video"]
    assert [fmt.key for fmt in suggest_formats("big_picture", minutes=45)] == [
        "infographic",
        "lunch_and_learn",
    ]
    assert suggest_formats("test_clarity", minutes=10) == ()


def test_format_advice_names_the_need_and_each_suggestion() -> None:
    advice = format_advice("mid_task", minutes=10)
    assert advice.startswith("**Need:** Look up a step in the middle of the work")
    assert "- **Quick reference guide** (about 2 min" in advice
    assert "- **Video tutorial** (about 5 min" in advice
    assert "Lunch" not in advice


def test_format_advice_points_to_the_quickest_when_nothing_fits() -> None:
    advice = format_advice("test_clarity", minutes=5)
    assert "Nothing that serves this need fits in 5 minutes" in advice
    assert "**Feedback from apprentices and graduates** (about 30 min)" in advice


@pytest.mark.parametrize(
    ("need", "minutes", "message"),
    [
        ("speed", None, "need must be one of mid_task, first_time"),
        ("mid_task", -1, "minutes must be a number of minutes, 0 or more"),
        ("mid_task", "ten", "minutes must be a number"),
    ],
)
def test_bad_format_questions_are_clear_errors(need: str, minutes: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        suggest_formats(need, minutes=minutes)  # type: ignore[arg-type]


# --- governance routes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk", "novelty", "scale", "urgent", "route"),
    [
        (1, 1, 1, False, "standard"),  # exposure 4
        (2, 2, 2, False, "standard"),  # the routine edge
        (2, 2, 5, False, "standard"),  # routine at any scale: a proven recipe
        (1, 3, 1, False, "peer"),  # low exposure but new: no pre-agreed recipe yet
        (3, 1, 1, False, "peer"),  # familiar, but more harm if it goes wrong
        (2, 3, 3, False, "peer"),  # exposure 10
        (3, 3, 2, False, "peer"),  # exposure 11
        (3, 3, 3, False, "owner"),  # exposure 12
        (4, 4, 3, False, "owner"),  # exposure 15
        (4, 4, 4, False, "board"),  # exposure 16
        (5, 1, 1, False, "board"),  # risk 5 always goes to a board
        (1, 1, 1, True, "standard"),  # urgent, but routine: just do the standard change
        (2, 3, 3, True, "peer"),  # urgent, and a peer review is quick
        (3, 3, 3, True, "expedited"),  # urgent, and the owner route would be too slow
        (5, 5, 5, True, "expedited"),
    ],
)
def test_suggest_governance_route_follows_its_rules(
    risk: int, novelty: int, scale: int, urgent: bool, route: str
) -> None:
    advice = suggest_governance_route(risk=risk, novelty=novelty, scale=scale, urgent=urgent)
    assert advice.route.key == route
    assert advice.exposure == 2 * risk + novelty + scale


def test_the_advice_says_why_and_what_would_change_it() -> None:
    advice = suggest_governance_route(risk=3, novelty=3, scale=3)
    assert advice.reasons[:3] == (
        "Risk 3: in the middle.",
        "Novelty 3: in the middle.",
        "Scale 3: in the middle.",
    )
    assert advice.would_change == (
        "If risk were 2 rather than 3: Peer review.",
        "If novelty were 2 rather than 3: Peer review.",
        "If scale were 2 rather than 3: Peer review.",
        "If it were urgent: Expedited (emergency) route.",
    )
    text = advice.to_markdown()
    assert text.startswith("### Suggested route: Service owner decision")
    assert "**It depends:**" in text
    assert "exposure 12 of 20" in text


def test_what_would_change_searches_both_ways_and_says_when_nothing_does() -> None:
    board = suggest_governance_route(risk=5, novelty=1, scale=1)
    assert board.would_change[0] == "If risk were 4 rather than 5: Peer review."
    assert board.would_change[1] == "Changing novelty alone would not change the route."
    assert "Risk 5 always goes to a board, whatever else is low." in board.reasons
    routine = suggest_governance_route(risk=1, novelty=1, scale=1, urgent=True)
    assert routine.would_change[0] == "If risk were 3 rather than 1: Peer review."
    assert routine.would_change[2] == "Changing scale alone would not change the route."
    assert routine.would_change[-1] == "Urgency alone does not change the route."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"risk": 0}, r"risk must be a whole number from 1 \(low\) to 5 \(high\), got 0"),
        ({"novelty": 6}, "novelty must be a whole number from 1"),
        ({"scale": 2.5}, "scale must be a whole number from 1"),
        ({"risk": True}, "risk must be a whole number"),
        ({"urgent": "yes"}, "urgent must be True or False"),
    ],
)
def test_bad_levels_are_clear_errors(kwargs: dict[str, object], message: str) -> None:
    levels: dict[str, object] = {"risk": 3, "novelty": 3, "scale": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        suggest_governance_route(**levels)  # type: ignore[arg-type]


def test_governance_route_table_shows_each_route_with_what_it_keeps_and_flexes() -> None:
    table = governance_route_table()
    assert list(table.index) == ["standard", "peer", "owner", "board", "expedited"]
    assert list(table.columns) == ["route", "how", "keeps consistent", "leaves flexible"]
    assert table.loc["board", "leaves flexible"] == GOVERNANCE_ROUTES["board"].flexibility


def test_governance_route_map_agrees_with_the_suggestion_everywhere() -> None:
    for scale, urgent in itertools.product(range(1, 6), (False, True)):
        table = governance_route_map(scale=scale, urgent=urgent)
        assert table.index.name == "risk"
        assert table.columns.name == "novelty"
        assert table.shape == (5, 5)
        for risk, novelty in itertools.product(range(1, 6), repeat=2):
            expected = suggest_governance_route(
                risk=risk, novelty=novelty, scale=scale, urgent=urgent
            )
            assert table.loc[risk, novelty] == expected.route.key


def test_governance_route_map_rejects_a_bad_scale() -> None:
    with pytest.raises(ValueError, match="scale must be a whole number from 1"):
        governance_route_map(scale=9)


levels = st.integers(min_value=1, max_value=5)
ORDER = ["standard", "peer", "owner", "board"]


@given(risk=levels, novelty=levels, scale=levels)
def test_more_risk_never_means_lighter_governance(risk: int, novelty: int, scale: int) -> None:
    if risk == 5:
        return
    before = suggest_governance_route(risk=risk, novelty=novelty, scale=scale).route.key
    after = suggest_governance_route(risk=risk + 1, novelty=novelty, scale=scale).route.key
    assert ORDER.index(after) >= ORDER.index(before)


@given(risk=levels, novelty=levels, scale=levels, urgent=st.booleans())
def test_every_route_is_known_and_every_advice_lists_four_dependencies(
    risk: int, novelty: int, scale: int, urgent: bool
) -> None:
    advice = suggest_governance_route(risk=risk, novelty=novelty, scale=scale, urgent=urgent)
    assert advice.route is GOVERNANCE_ROUTES[advice.route.key]
    assert len(advice.would_change) == 4


def test_bank_08_exposure_answer_matches_the_model() -> None:
    text = (quizzes_dir() / "08-it-depends.yaml").read_text(encoding="utf-8")
    question = next(q for q in yaml.safe_load(text)["questions"] if q["id"] == "exposure-score")
    advice = suggest_governance_route(risk=3, novelty=3, scale=3)
    assert question["answer"] == advice.exposure
    assert advice.route.key == "owner"
