"""HostSession: timer, answers, reveal, speed and flat scoring, streaks, ranks, CSV; the course
challenge drawn from every lesson's bank."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.quiz.session_banks import bank, explained, single
from toolkit.quiz.course_bank import ROOM_TYPES, challenge_plan, course_challenge, origin_of
from toolkit.quiz.host.projector import right_response
from toolkit.quiz.host.results import RESULT_COLUMNS, read_results
from toolkit.quiz.host.scoring import speed_factor, streak_bonus_points
from toolkit.quiz.host.session import HostError, HostSession
from toolkit.quiz.model import Bank, BankError, ResponseError
from toolkit.quiz.review import load_course


class Clock:
    """A fake clock in seconds, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def true_false(question_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": question_id,
        "type": "true_false",
        "prompt": f"Statement {question_id}.",
        "answer": True,
        "explanation_true": "Right: it is true.",
        "explanation_false": "Tempting, but it is true.",
        **extra,
    }


def multiple(question_id: str = "m") -> dict[str, Any]:
    return {
        "id": question_id,
        "type": "multiple",
        "prompt": "Which vowels?",
        "shuffle": False,
        "options": [
            explained("a", "A", correct=True),
            explained("e", "E", correct=True),
            explained("k", "K"),
        ],
    }


def numeric(question_id: str = "n") -> dict[str, Any]:
    return {
        "id": question_id,
        "type": "numeric",
        "prompt": "1.01 ** 52?",
        "answer": 1.6777,
        "tolerance": 0.01,
        "explanation": "Compounding.",
    }


def poll(question_id: str = "p") -> dict[str, Any]:
    return {
        "id": question_id,
        "type": "poll",
        "prompt": "Your view?",
        "shuffle": False,
        "options": [{"id": "yes", "text": "Yes"}, {"id": "no", "text": "No"}],
    }


def ordering(question_id: str = "o") -> dict[str, Any]:
    return {
        "id": question_id,
        "type": "ordering",
        "prompt": "Order them.",
        "items": [{"id": "one", "text": "One"}, {"id": "two", "text": "Two"}],
        "explanation": "One, then two.",
    }


def matching(question_id: str = "x") -> dict[str, Any]:
    return {
        "id": question_id,
        "type": "matching",
        "prompt": "Match.",
        "pairs": [
            {"id": "df", "left": "Deployment frequency", "right": "How often"},
            {"id": "lt", "left": "Lead time", "right": "How long"},
        ],
        "explanation": "Frequency is how often; lead time how long.",
    }


def host_for(
    questions: list[dict[str, Any]],
    teams: tuple[str, ...] = ("Owls", "Larks"),
    **options: Any,
) -> tuple[HostSession, Clock]:
    clock = Clock()
    host = HostSession(bank(questions), clock=clock, rng=random.Random(3), **options)
    for team in teams:
        host.add_team(team)
    return host, clock


def points(host: HostSession) -> dict[str, int]:
    return {standing.team: standing.points for standing in host.leaderboard()}


# -- the speed and streak rules ---------------------------------------------------------------


def test_speed_factor_falls_linearly_from_full_to_half() -> None:
    assert speed_factor(0, 20) == 1.0
    assert speed_factor(5, 20) == 0.875
    assert speed_factor(10, 20) == 0.75
    assert speed_factor(20, 20) == 0.5
    assert speed_factor(25, 20) == 0.5  # never below half
    assert speed_factor(-1, 20) == 1.0


@given(first=st.floats(min_value=0, max_value=240), second=st.floats(min_value=0, max_value=240))
def test_speed_factor_never_rewards_a_slower_answer(first: float, second: float) -> None:
    early, late = sorted((first, second))
    assert 0.5 <= speed_factor(late, 240) <= speed_factor(early, 240) <= 1.0


def test_streak_bonus_is_ten_percent_per_step_capped_at_half() -> None:
    assert [streak_bonus_points(20, streak) for streak in range(1, 9)] == [
        0,
        2,
        4,
        6,
        8,
        10,
        10,
        10,
    ]
    assert streak_bonus_points(30, 3) == 6
    assert streak_bonus_points(10, 2) == 1


# -- scoring with the injected clock ----------------------------------------------------------


def test_an_instant_right_answer_earns_full_points() -> None:
    host, _ = host_for([single("q1")])
    host.start_question(20)
    host.answer("Owls", "b")
    host.reveal()
    assert points(host) == {"Owls": 20, "Larks": 0}
    (owls, larks) = host.revealed_results()
    assert (owls.base_points, owls.streak_bonus, owls.seconds) == (20, 0, 0.0)
    assert (larks.answered, larks.verdict) == (False, "— No answer")


def test_a_right_answer_at_the_limit_earns_half_points() -> None:
    host, clock = host_for([single("q1")])
    host.start_question(20)
    clock.advance(20)
    host.answer("Owls", "b")
    host.reveal()
    assert points(host)["Owls"] == 10


def test_speed_points_in_between_round_half_up() -> None:
    host, clock = host_for([single("q1", difficulty="hard")], teams=("Owls", "Larks", "Wrens"))
    host.start_question(20)
    clock.advance(5)
    host.answer("Owls", "b")  # 30 x 0.875 = 26.25
    clock.advance(5)
    host.answer("Larks", "b")  # 30 x 0.75 = 22.5 -> 23
    host.answer("Wrens", "a")  # wrong: nothing
    host.reveal()
    assert points(host) == {"Owls": 26, "Larks": 23, "Wrens": 0}


def test_flat_scoring_ignores_the_clock() -> None:
    host, clock = host_for([single("q1")], scoring="flat")
    host.start_question(20)
    clock.advance(20)
    host.answer("Owls", "b")
    host.reveal()
    assert points(host)["Owls"] == 20


def test_partial_credit_scales_the_points() -> None:
    host, _ = host_for([multiple()], scoring="flat")
    host.start_question(30)
    host.answer("Owls", ["a"])  # one of two right options: credit 0.5
    host.answer("Larks", ["a", "k"])  # one right, one wrong: credit 0
    host.reveal()
    assert points(host) == {"Owls": 10, "Larks": 0}
    owls = host.revealed_results()[0]
    assert owls.grade is not None
    assert owls.grade.credit == 0.5
    assert owls.streak == 0


def test_a_team_may_change_its_answer_and_its_last_time_counts() -> None:
    host, clock = host_for([single("q1")])
    host.start_question(20)
    host.answer("Owls", "a")
    clock.advance(10)
    host.answer("owls", "b")  # names are matched ignoring case
    host.reveal()
    assert points(host)["Owls"] == 15
    assert host.revealed_results()[0].response == "b"


def test_streak_bonus_on_adds_ten_percent_per_right_answer_before() -> None:
    host, _ = host_for([single(f"q{i}") for i in range(4)], scoring="flat")
    earned = []
    for _ in range(4):
        host.start_question()
        host.answer("Owls", "b")
        host.reveal()
        earned.append(host.revealed_results()[0].points)
        host.next()
    assert earned == [20, 22, 24, 26]
    assert host.finished
    assert host.leaderboard()[0].streak == 4


def test_streak_bonus_off_keeps_the_streak_but_adds_nothing() -> None:
    host, _ = host_for([single(f"q{i}") for i in range(3)], scoring="flat", streak_bonus=False)
    for _ in range(3):
        host.start_question()
        host.answer("Owls", "b")
        host.reveal()
        host.next()
    assert points(host)["Owls"] == 60
    assert host.leaderboard()[0].streak == 3


def test_a_wrong_answer_or_no_answer_ends_a_streak_and_a_poll_does_not() -> None:
    questions = [single("q1"), poll(), single("q2"), single("q3"), single("q4")]
    host, _ = host_for(questions, scoring="flat")
    plan: list[dict[str, Any]] = [
        {"Owls": "b", "Larks": "b"},
        {"Owls": "yes"},  # a poll: Larks do not answer, and lose nothing
        {"Owls": "b", "Larks": "b"},  # second right in a row for both: +2
        {"Owls": "a"},  # Owls wrong, Larks silent: both streaks end
        {"Owls": "b", "Larks": "b"},  # a new streak of one: no bonus
    ]
    for answers in plan:
        host.start_question()
        for team, response in answers.items():
            host.answer(team, response)
        host.reveal()
        host.next()
    assert points(host) == {"Owls": 20 + 0 + 22 + 0 + 20, "Larks": 20 + 0 + 22 + 0 + 20}
    frame = host.results()
    assert frame.loc[frame["question_id"] == "p", "points"].tolist() == [0, 0]
    assert frame.loc[frame["question_id"] == "q3", "streak"].tolist() == [0, 0]


def test_ties_share_a_rank_and_the_next_rank_is_skipped() -> None:
    host, _ = host_for([single("q1")], teams=("Wrens", "Owls", "Larks", "Crows"), scoring="flat")
    host.start_question()
    host.answer("Wrens", "b")
    host.answer("Owls", "b")
    host.answer("Larks", "a")
    host.reveal()
    board = [(s.rank, s.team, s.points) for s in host.leaderboard()]
    assert board == [(1, "Owls", 20), (1, "Wrens", 20), (3, "Crows", 0), (3, "Larks", 0)]
    assert [s.team for s in host.leaderboard(top=1)] == ["Owls", "Wrens"]
    assert [s.team for s in host.leaderboard(top=2)] == ["Owls", "Wrens"]
    assert len(host.leaderboard(top=3)) == 4
    assert [s.rank for s in host.podium()] == [1, 1, 3, 3]


@pytest.mark.parametrize("top", [0, -1, 1.5, True, "3"])
def test_leaderboard_refuses_a_top_that_is_not_a_positive_whole_number(top: Any) -> None:
    host, _ = host_for([single("q1")])
    with pytest.raises(ValueError, match="top must be a whole number"):
        host.leaderboard(top=top)


# -- the timer and late answers -----------------------------------------------------------


def test_time_limits_come_from_the_call_the_session_the_question_or_the_type() -> None:
    questions = [single("s"), numeric(), true_false("t", time_limit=60), poll()]
    host, _ = host_for(questions)
    assert [host.time_limit_for(q) for q in host.questions] == [20, 30, 60, 20]
    fixed, _ = host_for(questions, time_limit=90)
    assert {fixed.time_limit_for(q) for q in fixed.questions} == {90}
    assert host.remaining() == 20.0  # before the start: the full limit
    assert host.start_question(120) == 120
    assert host.limit == 120


@pytest.mark.parametrize("limit", [0, 15, 300, 20.5, True])
def test_only_the_allowed_time_limits(limit: Any) -> None:
    host, _ = host_for([single("q1")])
    with pytest.raises(ValueError, match="5, 10, 20, 30, 60, 90, 120, 240"):
        host.start_question(limit)
    with pytest.raises(ValueError, match="time_limit must be one of"):
        HostSession(bank([single("q1")]), time_limit=limit)


def test_remaining_counts_down_with_the_clock() -> None:
    host, clock = host_for([single("q1")])
    host.start_question(10)
    clock.advance(3.5)
    assert host.remaining() == pytest.approx(6.5)
    assert not host.time_up
    clock.advance(6.5)
    assert host.remaining() == 0
    assert not host.time_up
    clock.advance(0.001)
    assert host.time_up
    assert host.remaining() == 0


def test_an_answer_after_the_time_is_up_is_refused_and_not_recorded() -> None:
    host, clock = host_for([single("q1")])
    host.start_question(5)
    clock.advance(5.5)
    with pytest.raises(HostError, match="Time is up: Owls's answer was not recorded"):
        host.answer("Owls", "b")
    assert host.answered_teams == []
    distribution = host.reveal()
    assert distribution.answered == 0
    assert distribution.unanswered == 2
    assert points(host) == {"Owls": 0, "Larks": 0}


def test_answers_only_while_the_timer_runs() -> None:
    host, _ = host_for([single("q1"), single("q2")])
    with pytest.raises(HostError, match="Start the timer first"):
        host.answer("Owls", "b")
    with pytest.raises(HostError, match="Start the timer first"):
        host.reveal()
    host.start_question()
    with pytest.raises(HostError, match="already running"):
        host.start_question()
    with pytest.raises(HostError, match="Reveal the answer before moving on"):
        host.next()
    host.reveal()
    with pytest.raises(HostError, match="already revealed"):
        host.answer("Owls", "b")
    with pytest.raises(HostError, match="already revealed"):
        host.reveal()
    with pytest.raises(HostError, match="already revealed"):
        host.start_question()
    assert host.next() is not None
    assert host.phase == "ready"
    assert host.position == (2, 2)
    assert host.next() is None  # skipped without starting: nobody scores
    assert host.finished
    assert host.current is None
    assert host.revealed == 1
    with pytest.raises(HostError, match="The quiz is over"):
        host.start_question()


def test_an_answer_that_cannot_be_graded_is_refused_at_once() -> None:
    host, _ = host_for([single("q1")])
    host.start_question()
    with pytest.raises(ResponseError, match="not one of the options"):
        host.answer("Owls", "z")
    assert host.answered_teams == []


# -- teams -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Type a team name first"),
        ("   ", "Type a team name first"),
        ("x" * 41, "40 characters or fewer"),
        ("bad\x07name", "control characters"),
        (3, "A team name is text"),
        ("owls", "already a team called 'Owls'"),
    ],
)
def test_team_names_must_be_usable_and_unique(name: Any, message: str) -> None:
    host, _ = host_for([single("q1")], teams=("Owls",))
    with pytest.raises(HostError, match=message):
        host.add_team(name)


def test_team_names_are_tidied_and_unknown_teams_refused() -> None:
    host, _ = host_for([single("q1")], teams=())
    assert host.add_team("  The   <b>Owls</b> ") == "The <b>Owls</b>"  # escaped when shown
    host.start_question()
    with pytest.raises(HostError, match="no team called 'Larks'"):
        host.answer("Larks", "b")
    with pytest.raises(HostError, match="Choose a team first"):
        host.answer("", "b")


# -- what the projector shows and what the trainer types ------------------------------------


def test_options_are_lettered_in_a_seeded_shuffle() -> None:
    first, _ = host_for([single("q1")])
    again, _ = host_for([single("q1")])
    assert first.choices() == again.choices()
    assert [label for label, _, _ in first.choices()] == ["A", "B", "C", "D"]
    assert sorted(key for _, key, _ in first.choices()) == ["a", "b", "c", "d"]
    orders = {
        tuple(k for _, k, _ in HostSession(bank([single("q")]), rng=random.Random(s)).choices())
        for s in range(10)
    }
    assert len(orders) > 1


def test_parse_entry_reads_letters_as_shown() -> None:
    questions = [single("s"), multiple(), true_false("t"), numeric(), ordering(), matching()]
    host, _ = host_for(questions)
    s, m, t, n, o, x = host.questions
    letter_of_b = next(label for label, key, _ in host.choices(s) if key == "b")
    assert host.parse_entry(letter_of_b.lower(), s) == "b"
    assert host.parse_entry(" b ", s) == next(k for lab, k, _ in host.choices(s) if lab == "B")
    assert host.parse_entry("A, B", m) == ["a", "e"]
    assert host.parse_entry("ab", m) == ["a", "e"]
    assert host.parse_entry("T", t) == "T"
    assert host.parse_entry("1,68", n) == "1,68"
    order = {label: key for label, key, _ in host.choices(o)}
    assert host.parse_entry("B A", o) == [order["B"], order["A"]]
    rights = {label: key for label, key, _ in host.choices(x)}
    assert host.parse_entry("B A", x) == {"df": rights["B"], "lt": rights["A"]}
    assert [n for n, _ in host.matching_lefts(x)] == ["1", "2"]
    with pytest.raises(ResponseError, match="'E' is not one of the options \\(A to D\\)"):
        host.parse_entry("E", s)
    with pytest.raises(ResponseError, match="Type one letter"):
        host.parse_entry("A B", s)
    with pytest.raises(ResponseError, match="Type 2 letters"):
        host.parse_entry("A", x)
    with pytest.raises(ResponseError, match="Type the team's answer first"):
        host.parse_entry("  ", s)


def test_answer_text_grades_what_the_trainer_typed() -> None:
    host, _ = host_for([true_false("t")], scoring="flat")
    host.start_question()
    host.answer_text("Owls", "t")
    host.answer_text("Larks", "F")
    distribution = host.reveal()
    assert distribution.counts == {"True": 1, "False": 1}
    assert [bar.correct for bar in distribution.bars] == [True, False]
    assert points(host) == {"Owls": 20, "Larks": 0}


def test_the_distribution_counts_each_option_and_marks_the_right_ones() -> None:
    host, _ = host_for([multiple()], teams=("A1", "B2", "C3"))
    host.start_question()
    host.answer("A1", ["a", "e"])
    host.answer("B2", ["a"])
    distribution = host.reveal()
    assert distribution.kind == "options"
    assert distribution.counts == {"A": 2, "B": 1, "C": 0}
    assert [bar.correct for bar in distribution.bars] == [True, True, False]
    assert (distribution.answered, distribution.unanswered) == (2, 1)


def test_the_distribution_of_other_types_is_right_partly_or_not() -> None:
    host, _ = host_for([ordering()], teams=("A1", "B2", "C3"))
    host.start_question()
    host.answer("A1", ["one", "two"])
    host.answer("B2", ["two", "one"])
    distribution = host.reveal()
    assert distribution.kind == "grades"
    assert [bar.count for bar in distribution.bars] == [1, 0, 1]
    assert host.distribution == distribution


def test_a_poll_shows_its_distribution_and_scores_nothing() -> None:
    host, _ = host_for([poll()])
    host.start_question()
    host.answer("Owls", "yes")
    host.answer("Larks", "yes")
    distribution = host.reveal()
    assert distribution.counts == {"A": 2, "B": 0}
    assert {bar.correct for bar in distribution.bars} == {None}
    assert points(host) == {"Owls": 0, "Larks": 0}
    assert host.revealed_results()[0].verdict == "✎ Recorded"


def test_the_explanation_lists_every_option_with_words_and_icons() -> None:
    host, _ = host_for([single("q1"), numeric()])
    text = host.explanation()
    assert text.count("- ✔") == 1
    assert text.count("- ✘") == 3
    assert "Right, because it is." in text
    assert "Tempting, but no." in text
    assert "The right answer:** 1.6777 ± 0.01" in host.explanation(host.questions[1])


def test_right_response_earns_full_credit_on_every_type() -> None:
    questions = [single("s"), multiple(), true_false("t"), numeric(), ordering(), matching()]
    host, _ = host_for(questions, scoring="flat", streak_bonus=False)
    for question in host.questions:
        host.start_question()
        host.answer("Owls", right_response(question))
        host.reveal()
        assert host.revealed_results()[0].grade.correct is True  # type: ignore[union-attr]
        host.next()
    assert points(host)["Owls"] == 20 * len(questions)


# -- results and CSV ---------------------------------------------------------------------------


def played() -> HostSession:
    questions = [single("s"), multiple(), true_false("t"), numeric(), poll(), matching()]
    host, clock = host_for(questions, teams=("Owls", "Larks", 'Café Ünïcode, "quoted"'))
    answers: list[dict[str, Any]] = [
        {"Owls": "b", "Larks": "a"},
        {"Owls": ["a", "e"], "Larks": ["a"]},
        {"Owls": True, 'Café Ünïcode, "quoted"': False},
        {"Owls": "1.68", "Larks": 2},
        {"Owls": "no"},
        {"Larks": {"df": "df", "lt": "lt"}},
    ]
    for table in answers:
        host.start_question()
        for team, response in table.items():
            clock.advance(1.25)
            host.answer(team, response)
        host.reveal()
        host.next()
    return host


def test_results_hold_one_row_per_team_and_question() -> None:
    host = played()
    frame = host.results()
    assert list(frame.columns) == list(RESULT_COLUMNS)
    assert len(frame) == 6 * 3
    assert frame.groupby("team")["total"].max().to_dict() == points(host)
    owls = frame[frame["team"] == "Owls"].set_index("question_id")
    assert owls.loc["s", "response"] == '"b"'
    assert owls.loc["m", "response"] == '["a", "e"]'
    assert owls.loc["t", "seconds"] == 1.25
    assert pd.isna(owls.loc["p", "correct"])  # a poll has no right answer
    silent = frame[(frame["team"] == "Larks") & (frame["question_id"] == "t")].iloc[0]
    assert not silent["answered"]
    assert pd.isna(silent["response"])
    assert pd.isna(silent["seconds"])


def test_csv_round_trip(tmp_path: Path) -> None:
    host = played()
    path = host.export_csv(tmp_path / "results.csv")
    back = read_results(path)
    pd.testing.assert_frame_equal(back, host.results())
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(RESULT_COLUMNS)


def test_csv_round_trip_of_an_unplayed_quiz(tmp_path: Path) -> None:
    host, _ = host_for([single("q1")])
    back = read_results(host.export_csv(tmp_path / "empty.csv"))
    pd.testing.assert_frame_equal(back, host.results())
    assert back.empty
    assert list(back.columns) == list(RESULT_COLUMNS)


def test_read_results_names_a_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("number,team\n1,Owls\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing column\(s\) question_id.*found number, team"):
        read_results(path)


def test_a_session_needs_questions_and_a_known_scoring() -> None:
    with pytest.raises(ValueError, match="at least one question"):
        HostSession([])
    with pytest.raises(ValueError, match="scoring must be 'speed' or 'flat'"):
        HostSession(bank([single("q1")]), scoring="fast")  # type: ignore[arg-type]
    questions = bank([single("q1")]).questions
    with pytest.raises(ValueError, match="repeated: q1"):
        HostSession([questions[0], questions[0]])


# -- the course challenge ----------------------------------------------------------------------


def test_the_course_challenge_is_seeded_and_spread_over_every_lesson() -> None:
    banks, problems = load_course()
    assert not problems
    lessons = sorted(b for b in banks if b not in {"00-start-here", "10-final-challenge"})
    quiz = course_challenge(n=12, seed=2026)
    assert quiz == course_challenge(n=12, seed=2026)
    assert quiz != course_challenge(n=12, seed=2027)
    assert quiz.description is not None
    assert quiz.description.endswith("drawn with seed 2026.")
    unseeded = course_challenge(n=12).description
    assert unseeded is not None
    assert unseeded.endswith("drawn at random.")
    assert quiz.lesson == "10-final-challenge"
    assert len(quiz.questions) == 12
    origins = [origin_of(q.id) for q in quiz.questions]
    assert all(origin is not None for origin in origins)
    per_lesson = Counter(origin[0] for origin in origins if origin is not None)
    assert set(per_lesson) == set(lessons)  # every lesson gives a question
    assert max(per_lesson.values()) - min(per_lesson.values()) <= 1
    assert [o[0] for o in origins if o] == sorted(o[0] for o in origins if o)  # teaching order
    for question, origin in zip(quiz.questions, origins, strict=True):
        assert origin is not None
        original = banks[origin[0]].question(origin[1])
        assert question.model_copy(update={"id": original.id}) == original
        assert question.type in ROOM_TYPES


def test_the_challenge_plan_gives_the_running_order_without_the_answers() -> None:
    quiz = course_challenge(n=12, seed=2026)
    plan = challenge_plan(quiz)
    assert list(plan.index) == list(range(1, 13))
    assert list(plan.columns) == ["lesson", "type", "difficulty", "points", "time_limit"]
    assert plan["lesson"].tolist() == [q.id.split("--")[0] for q in quiz.questions]
    assert plan["points"].tolist() == [q.points for q in quiz.questions]
    host = HostSession(quiz)
    assert plan["time_limit"].tolist() == [host.time_limit_for(q) for q in quiz.questions]
    assert plan.to_string().count("--") == 0  # no question ids, prompts or answers
    own = challenge_plan(bank([single("q1")]))
    assert own["lesson"].tolist() == ["01-demo"]


def test_the_course_challenge_takes_lessons_and_types() -> None:
    quiz = course_challenge(n=3, seed=1, lessons=["02-compound-improvement"], types=["numeric"])
    assert {q.type for q in quiz.questions} == {"numeric"}
    assert all(q.id.startswith("02-compound-improvement--") for q in quiz.questions)
    assert isinstance(quiz, Bank)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"n": 0}, "n must be a whole number"),
        ({"n": True}, "n must be a whole number"),
        ({"types": ["essay"]}, "types must be among"),
        ({"lessons": ["99-nothing"]}, "no bank for the lessons 99-nothing"),
        ({"n": 500}, "n=500 is more than the"),
    ],
)
def test_the_course_challenge_says_what_is_wrong(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        course_challenge(**arguments)


def test_the_course_challenge_reports_a_broken_bank(tmp_path: Path) -> None:
    (tmp_path / "01-broken.yaml").write_text("id: 01-broken\ntitle: Broken\n", encoding="utf-8")
    with pytest.raises(BankError, match="01-broken"):
        course_challenge(n=1, folder=tmp_path)


def test_a_host_runs_the_course_challenge_end_to_end() -> None:
    clock = Clock()
    host = HostSession(course_challenge(n=9, seed=5), clock=clock, rng=random.Random(5))
    host.add_team("Owls")
    while not host.finished:
        host.start_question()
        clock.advance(2)
        question = host.current
        assert question is not None
        host.answer("Owls", right_response(question))
        host.reveal()
        host.next()
    assert host.podium()[0].correct == 9
    assert host.results()["correct"].all()
