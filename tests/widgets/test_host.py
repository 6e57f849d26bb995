"""HostWidget without a browser: set values, click, tick the countdown, check the view."""

from __future__ import annotations

import html
import random
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from tests.quiz.session_banks import bank, single
from tests.quiz.test_host import Clock, multiple, numeric, true_false
from tests.widgets.shown import shown as words
from toolkit.quiz.course_bank import course_challenge
from toolkit.quiz.host.results import read_results
from toolkit.quiz.host.session import HostSession
from toolkit.widgets.host import HostWidget

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def view_for(
    questions: list[dict[str, Any]],
    teams: tuple[str, ...] = ("Owls", "Larks"),
    **options: Any,
) -> tuple[HostWidget, Clock]:
    clock = Clock()
    host = HostSession(bank(questions), clock=clock, rng=random.Random(3), **options)
    for team in teams:
        host.add_team(team)
    return HostWidget(host), clock


def shown(part: widgets.HTML) -> str:
    """The text of an HTML part with entities decoded (an escaped ' reads as ')."""
    return html.unescape(part.value)


def letter(view: HostWidget, option_id: str) -> str:
    return next(label for label, key, _ in view.host.choices() if key == option_id)


def enter(view: HostWidget, team: str, typed: str) -> None:
    view.team.value = team
    view.answer_box.value = typed
    view.enter_button.click()


def test_the_view_shows_one_question_in_big_type() -> None:
    view, _ = view_for([single("q1"), single("q2")])
    assert "Question 1 of 2 · 20 points" in view.header.value
    assert "Question q1?" in view.prompt.value
    assert "font-size:2.2em" in view.prompt.value
    for label in "ABCD":
        assert f"<strong>{label}</strong>" in view.choices.value
    assert "one letter" in view.choices.value
    assert "20 s on the clock" in view.timer.value
    assert view.team.options == ("Owls", "Larks")
    assert view.team.value == "Owls"
    assert view.reveal_button.disabled
    assert view.enter_button.disabled
    assert not view.start_button.disabled
    assert view.next_button.description == "Skip question"


def test_start_runs_the_browser_ticker_and_the_countdown_follows_the_clock() -> None:
    view, clock = view_for([single("q1")])
    assert view.play in view.children
    assert view.play.layout.display == "none"
    view.time_limit.value = 10
    view.start_button.click()
    assert view.host.phase == "running"
    assert view.host.limit == 10
    assert view.play.playing
    assert view.play.interval == 250
    assert "10 s left" in view.timer.value
    assert view.start_button.disabled
    assert view.time_limit.disabled
    clock.advance(4.2)
    view.play.value += 1  # what the browser does four times a second
    assert "6 s left" in view.timer.value
    clock.advance(6)
    view.play.value += 1
    assert "Time is up" in view.timer.value
    assert not view.play.playing
    assert view.enter_button.disabled
    assert view.answer_box.disabled
    assert not view.reveal_button.disabled


def test_the_trainer_enters_answers_team_by_team() -> None:
    view, clock = view_for([single("q1")], teams=("Owls", "Larks", "Wrens"))
    view.start_button.click()
    clock.advance(2)
    enter(view, "Owls", letter(view, "b"))
    assert view.host.answered_teams == ["Owls"]
    assert "Owls: answer recorded at 2.0 s" in view.message.value
    assert view.answer_box.value == ""
    assert view.team.value == "Larks"  # moves on to a team still to answer
    assert "Answers in: 1 of 3 teams" in view.answers_in.value
    assert letter(view, "b") not in view.answers_in.value.replace("Answers", "")
    view.answer_box.value = letter(view, "a")
    view.answer_box._handle_custom_msg({"event": "submit"}, None)  # Enter in the box
    assert view.host.answered_teams == ["Owls", "Larks"]
    assert view.team.value == "Wrens"
    assert "every team has answered" not in view.answers_in.value
    enter(view, "Wrens", letter(view, "c"))
    assert "3 of 3 teams" in view.answers_in.value
    assert "every team has answered: press Reveal" in view.answers_in.value


def test_mistakes_show_a_message_not_a_traceback() -> None:
    view, clock = view_for([single("q1")])
    view.answer_box.value = "A"
    view.enter_button.click()  # disabled in the browser, but a click must still be safe
    assert "[Warning]" in words(view.message.value)
    assert "Start the timer first" in view.message.value
    view.start_button.click()
    enter(view, "Owls", "Z")
    assert "'Z' is not one of the options (A to D)" in shown(view.message)
    enter(view, "Owls", "   ")
    assert "Type the team's answer first" in shown(view.message)
    clock.advance(21)
    enter(view, "Owls", "A")
    assert "Time is up" in view.message.value
    assert 'role="alert"' in view.message.value
    assert view.host.answered_teams == []


def test_reveal_shows_verdicts_explanation_chart_and_leaderboard() -> None:
    view, clock = view_for([single("q1"), single("q2")], teams=("Owls", "Larks", "Wrens"))
    view.start_button.click()
    clock.advance(10)
    enter(view, "Owls", letter(view, "b"))
    enter(view, "Larks", letter(view, "c"))
    assert "Leaderboard before the first reveal" in view.board.value
    view.reveal_button.click()
    verdicts = view.reveal_html.value
    assert "<strong>Owls</strong>: Correct in 10.0 s · +15 points" in words(verdicts)
    assert "<strong>Larks</strong>: Not quite" in words(verdicts)
    assert "<strong>Wrens</strong>: — No answer" in verdicts
    assert "Right, because it is." in verdicts
    assert "Tempting, but no." in verdicts
    assert words(view.reveal_html.value).count("[right]") >= 1  # the right option
    chart = view.chart.value
    assert words(chart).count("right answer") == 1
    assert "1 team right answer" in words(chart)
    assert "— No answer: 1" in chart
    assert "Leaderboard after 1 question" in view.board.value
    assert view.board.value.index("Owls") < view.board.value.index("Larks")
    assert "<td>15</td>" in view.board.value
    assert "Revealed" in view.timer.value
    assert not view.play.playing
    assert view.reveal_button.disabled
    assert not view.next_button.disabled
    assert view.next_button.description == "Next question"


def test_non_choice_questions_chart_right_against_not() -> None:
    view, _ = view_for([numeric()])
    assert "a number" in view.choices.value
    view.start_button.click()
    enter(view, "Owls", "1.68")
    enter(view, "Larks", "1.52")
    view.reveal_button.click()
    assert ">Right</strong>" in words(view.chart.value)
    assert ">Not right</strong>" in words(view.chart.value)
    assert "The right answer:</strong> 1.6777 ± 0.01" in view.reveal_html.value


def test_the_leaderboard_toggle_shows_top_n_all_or_nothing() -> None:
    view, _ = view_for([single("q1")], teams=("A1", "B2", "C3", "D4", "E5", "F6"))
    view.start_button.click()
    for team, option in zip(["A1", "B2", "C3"], ["b", "b", "a"], strict=True):
        enter(view, team, letter(view, option))
    view.reveal_button.click()
    assert view.leaderboard_toggle.value == "Top 5"
    assert all(team in view.board.value for team in ["A1", "B2", "C3", "D4", "E5", "F6"])
    view.leaderboard_toggle.value = "Top 3"
    assert "A1" in view.board.value
    assert "B2" in view.board.value
    assert "C3" in view.board.value  # tied third with everyone on 0
    view.leaderboard_toggle.value = "Hidden"
    assert "hidden" in view.board.value
    assert "A1" not in view.board.value
    view.leaderboard_toggle.value = "All"
    assert view.board.value.count("<tr>") == 7  # header and six teams


def test_top_3_leaves_out_teams_below_third() -> None:
    view, _ = view_for([single("q1")], teams=("A1", "B2", "C3", "D4"), scoring="flat")
    view.leaderboard_toggle.value = "Top 3"
    view.start_button.click()
    for team in ["A1", "B2", "C3"]:
        enter(view, team, letter(view, "b"))
    view.reveal_button.click()
    assert "D4" not in view.board.value
    assert "C3" in view.board.value


def test_next_then_the_podium_and_saving_the_results(tmp_path: Path) -> None:
    view, clock = view_for([true_false("t1"), true_false("t2")], teams=("Owls", "Larks", "Wrens"))
    for answers in ({"Owls": "T", "Larks": "F"}, {"Owls": "T", "Larks": "T", "Wrens": "F"}):
        view.start_button.click()
        for team, typed in answers.items():
            clock.advance(1)
            enter(view, team, typed)
        view.reveal_button.click()
        last = view.next_button.description
        view.next_button.click()
    assert last == "Finish: the podium"
    assert view.host.finished
    assert view.podium in view.children
    podium = view.podium.value
    assert "1st: <strong>Owls</strong>" in words(podium)
    assert "2nd: <strong>Larks</strong>" in words(podium)
    assert "3rd: <strong>Wrens</strong>" in words(podium)
    view.save_path.value = str(tmp_path / "room.csv")
    view.save_button.click()
    assert "Saved 6 rows" in view.message.value
    assert len(read_results(tmp_path / "room.csv")) == 6


def test_saving_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    view, _ = view_for([single("q1")])
    view.next_button.click()  # skip to the end
    view.save_path.value = str(tmp_path / "no" / "such" / "room.csv")
    view.save_button.click()
    assert "[Warning] Something went wrong" in words(view.message.value)


def test_teams_join_from_the_view() -> None:
    view, _ = view_for([single("q1")], teams=())
    assert "No teams yet" in view.answers_in.value
    view.start_button.click()
    assert view.team.value is None
    view.answer_box.value = "A"
    view.enter_button.click()
    assert "Add a team first" in view.message.value
    view.new_team.value = "  Night   Owls "
    view.add_team_button.click()
    assert view.team.options == ("Night Owls",)
    assert "Team Night Owls joined" in view.message.value
    view.new_team.value = "night owls"
    view.new_team._handle_custom_msg({"event": "submit"}, None)
    assert "already a team called 'Night Owls'" in shown(view.message)
    assert "Night Owls" in view.board.value


def test_bank_text_and_team_names_are_sanitised() -> None:
    hostile = single("q1", prompt=f"**Bold** {HOSTILE}")
    view, _ = view_for([hostile], teams=(f"<b>x</b>{HOSTILE}"[:40],))
    assert "<strong>Bold</strong>" in view.prompt.value
    view.start_button.click()
    for part in (view.prompt, view.board, view.answers_in):
        shown = str(getattr(part, "value", ""))
        assert "<script" not in shown
        assert "<img" not in shown
    assert "&lt;b&gt;x&lt;/b&gt;" in view.board.value


def test_multiple_choice_entry_and_poll_free_points() -> None:
    view, _ = view_for([multiple()], scoring="flat")
    assert "every letter that applies" in view.choices.value
    view.start_button.click()
    enter(view, "Owls", "A, B")
    view.reveal_button.click()
    assert "+20 points" in view.reveal_html.value


def test_the_course_challenge_shows_where_each_question_comes_from() -> None:
    host = HostSession(course_challenge(n=9, seed=2), rng=random.Random(2))
    view = HostWidget(host)
    assert "from lesson 01:" in view.header.value


def test_an_unknown_leaderboard_choice_is_refused() -> None:
    host = HostSession(bank([single("q1")]))
    with pytest.raises(ValueError, match="leaderboard must be one of Hidden, Top 3, Top 5, All"):
        HostWidget(host, leaderboard="top ten")


def test_inputs_are_real_widgets_for_the_keyboard() -> None:
    view, _ = view_for([single("q1")])
    assert isinstance(view.team, widgets.Dropdown)
    assert isinstance(view.answer_box, widgets.Text)
    assert isinstance(view.leaderboard_toggle, widgets.ToggleButtons)
    for button in (view.start_button, view.enter_button, view.reveal_button, view.next_button):
        assert isinstance(button, widgets.Button)
        assert button.description
        assert not button.icon  # words, not an icon font
