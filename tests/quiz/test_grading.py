"""Grading every question type, with the partial-credit rules of quizzes/FORMAT.md."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.quiz import Question, ResponseError, grade
from toolkit.quiz.grading import parse_number
from toolkit.quiz.model import QUESTION


def question(data: dict[str, Any]) -> Question:
    return QUESTION.validate_python({"id": "q", "prompt": "Question?", **data})


def options(correct: str, ids: str = "abcde") -> list[dict[str, Any]]:
    return [
        {"id": i, "text": f"Option {i}", "explanation": f"Why {i}.", "correct": i in correct}
        for i in ids
    ]


SINGLE = question({"type": "single", "options": options("b", "abc")})
MULTIPLE = question({"type": "multiple", "options": options("abc")})
TRUE_FALSE = question(
    {
        "type": "true_false",
        "answer": False,
        "explanation_true": "Tempting, but no.",
        "explanation_false": "Right, a watermelon.",
    }
)
NUMERIC = question(
    {
        "type": "numeric",
        "answer": 69.66,
        "tolerance": 0.5,
        "unit": "iterations",
        "explanation": "ln 2 / ln 1.01 = 69.66.",
        "distractors": [{"value": 100, "explanation": "That is adding, not compounding."}],
    }
)
RANGE = question({"type": "numeric", "range": [69, 70.5], "explanation": "About 70."})
TEXT = question(
    {
        "type": "text",
        "accepted": ["watermelon", "a watermelon"],
        "fuzzy": 0.85,
        "explanation": "Green outside, red inside.",
    }
)
ORDERING = question(
    {
        "type": "ordering",
        "items": [
            {"id": "vision", "text": "What is the vision?"},
            {"id": "now", "text": "Where are we now?"},
            {"id": "want", "text": "Where do we want to be?"},
            {"id": "how", "text": "How do we get there?"},
        ],
        "explanation": "Vision, baseline, target, plan.",
    }
)
MATCHING = question(
    {
        "type": "matching",
        "pairs": [
            {"id": "df", "left": "Deployment frequency", "right": "How often you release"},
            {"id": "lt", "left": "Lead time", "right": "Commit to production"},
            {"id": "cfr", "left": "Change failure rate", "right": "Share of changes that fail"},
            {"id": "mttr", "left": "Time to restore", "right": "Recovery after a failure"},
        ],
        "explanation": "The four DORA keys.",
    }
)
SCENARIO = question(
    {
        "type": "scenario",
        "depends_on": "The risk and how repeatable the change is.",
        "options": [
            {"id": "a", "text": "Standard change", "credit": 1, "explanation": "Best."},
            {"id": "b", "text": "Refuse", "credit": 0.25, "explanation": "Too rigid."},
            {"id": "c", "text": "Allow all", "credit": 0, "explanation": "Too loose."},
        ],
    }
)
POLL = question(
    {"type": "poll", "options": [{"id": "1", "text": "Not at all"}, {"id": "5", "text": "Very"}]}
)
POLL_MANY = question(
    {
        "type": "poll",
        "multiple": True,
        "options": [
            {"id": "x", "text": "X", "explanation": "Thanks for X."},
            {"id": "y", "text": "Y"},
        ],
    }
)


# --- single ----------------------------------------------------------------------------


def test_single_right_and_wrong() -> None:
    right = grade(SINGLE, "b")
    assert (right.credit, right.correct) == (1.0, True)
    assert right.feedback == "Why b."
    assert right.explanations == {"b": "Why b."}
    assert right.expected == "Option b"
    wrong = grade(SINGLE, "a")
    assert (wrong.credit, wrong.correct) == (0.0, False)
    assert wrong.feedback == "Why a."
    assert wrong.expected == "Option b"


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (None, "Choose one of the options first."),
        ("", "Choose one of the options first."),
        ("  ", "Choose one of the options first."),
        ("z", r"'z' is not one of the options \(a, b, c\)"),
        (["b"], "Choose one option by its id"),
        (1.5, "Choose one option by its id"),
    ],
)
def test_single_malformed_responses(response: Any, message: str) -> None:
    with pytest.raises(ResponseError, match=message):
        grade(SINGLE, response)


def test_an_int_names_a_numbered_option() -> None:
    assert grade(POLL, 5).explanations == {}
    assert grade(POLL, 5).correct is None


# --- multiple: (right picks - wrong picks) / number right, not below 0 -------------------


@pytest.mark.parametrize(
    ("picks", "credit", "correct"),
    [
        (["a", "b", "c"], 1.0, True),
        (["c", "a", "b"], 1.0, True),
        (["a", "b"], 2 / 3, False),
        (["a"], 1 / 3, False),
        (["a", "b", "d"], 1 / 3, False),
        (["a", "b", "c", "d"], 2 / 3, False),
        (["a", "d"], 0.0, False),
        (["a", "d", "e"], 0.0, False),
        (["d", "e"], 0.0, False),
        (("a", "b", "c"), 1.0, True),
        ({"a", "b", "c"}, 1.0, True),
    ],
)
def test_multiple_partial_credit(picks: Any, credit: float, correct: bool) -> None:
    result = grade(MULTIPLE, picks)
    assert result.credit == pytest.approx(credit)
    assert result.correct is correct


def test_multiple_feedback_names_each_pick_and_what_was_missed() -> None:
    result = grade(MULTIPLE, ["a", "d"])
    assert result.explanations == {"a": "Why a.", "d": "Why d."}
    assert "**Option a**: Why a." in result.feedback
    assert "You missed 2 right options." in result.feedback
    assert result.expected == "Option a; Option b; Option c"


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ([], "Choose at least one option first."),
        (None, "Choose at least one option first."),
        ("a", "as a list of ids"),
        (["a", "zz"], "'zz' not among the options"),
        (["a", ["b"]], "by their ids"),
    ],
)
def test_multiple_malformed_responses(response: Any, message: str) -> None:
    with pytest.raises(ResponseError, match=message):
        grade(MULTIPLE, response)


# --- true/false ------------------------------------------------------------------------


def test_true_false_explains_the_response_given() -> None:
    right = grade(TRUE_FALSE, False)
    assert (right.credit, right.correct, right.feedback) == (1.0, True, "Right, a watermelon.")
    assert right.expected == "False"
    wrong = grade(TRUE_FALSE, True)
    assert (wrong.credit, wrong.correct, wrong.feedback) == (0.0, False, "Tempting, but no.")
    assert wrong.explanations == {"true": "Tempting, but no."}


@pytest.mark.parametrize(("text", "value"), [("true", True), (" False ", False), ("no", False)])
def test_true_false_accepts_words(text: str, value: bool) -> None:
    assert grade(TRUE_FALSE, text).correct is (value is False)


@pytest.mark.parametrize("response", [None, "", "maybe", 2, ["true"]])
def test_true_false_malformed(response: Any) -> None:
    with pytest.raises(ResponseError, match="True or False"):
        grade(TRUE_FALSE, response)


# --- numeric ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        (69.66, True),
        (70.16, True),
        (69.16, True),
        (70.17, False),
        (69.15, False),
        (70, True),
        ("69.66", True),
        (" 69,66 ", True),
        ("69.66 iterations", True),
        ("72", False),
    ],
)
def test_numeric_tolerance_is_inclusive(response: Any, correct: bool) -> None:
    result = grade(NUMERIC, response)
    assert result.correct is correct
    assert result.credit == (1.0 if correct else 0.0)
    assert result.expected == "69.66 ± 0.5 iterations"


@pytest.mark.parametrize(
    ("response", "correct"), [(69, True), (70.5, True), (68.999, False), (70.51, False)]
)
def test_numeric_range_is_inclusive(response: float, correct: bool) -> None:
    result = grade(RANGE, response)
    assert result.correct is correct
    assert result.expected == "between 69 and 70.5"


def test_numeric_distractor_explains_a_common_mistake() -> None:
    result = grade(NUMERIC, 100)
    assert result.feedback.startswith("That is adding, not compounding.")
    assert "ln 2 / ln 1.01" in result.feedback
    assert grade(NUMERIC, 99).feedback == "ln 2 / ln 1.01 = 69.66."


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (None, "Type a number first."),
        ("", "Type a number first."),
        ("iterations", "Type a number first."),
        ("seventy", "'seventy' is not a number."),
        ("nan", "finite number"),
        (float("inf"), "finite number"),
        (True, "not True/False"),
        ([70], "not a list"),
    ],
)
def test_numeric_malformed(response: Any, message: str) -> None:
    with pytest.raises(ResponseError, match=message):
        grade(NUMERIC, response)


def test_parse_number() -> None:
    assert parse_number("1 234.5") == 1234.5
    assert parse_number("98 %", unit="%") == 98
    assert parse_number(3) == 3.0


# --- text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("watermelon", True),
        ("  WaterMelon ", True),
        ("a   watermelon", True),
        ("watermellon", True),  # a typo within the fuzzy threshold
        ("melon", False),
        ("cucumber", False),
    ],
)
def test_text_case_insensitive_and_fuzzy(response: str, correct: bool) -> None:
    result = grade(TEXT, response)
    assert result.correct is correct
    assert result.expected == "watermelon"


def test_fuzzy_acceptance_says_so() -> None:
    assert grade(TEXT, "watermellon").feedback.startswith("Accepted as *watermelon*")
    assert grade(TEXT, "watermelon").feedback == "Green outside, red inside."


def test_text_case_sensitive_without_fuzzy() -> None:
    strict = question(
        {"type": "text", "accepted": ["NPS"], "case_sensitive": True, "explanation": "x"}
    )
    assert grade(strict, "NPS").correct is True
    assert grade(strict, "nps").correct is False
    assert grade(strict, "NPSS").correct is False


@pytest.mark.parametrize(("response", "message"), [("", "Type an answer first."), (3, "as text")])
def test_text_malformed(response: Any, message: str) -> None:
    with pytest.raises(ResponseError, match=message):
        grade(TEXT, response)


# --- ordering: share of item pairs in the right relative order ---------------------------


@pytest.mark.parametrize(
    ("order", "credit"),
    [
        (["vision", "now", "want", "how"], 1.0),
        (["how", "want", "now", "vision"], 0.0),
        (["now", "vision", "want", "how"], 5 / 6),
        (["vision", "now", "how", "want"], 5 / 6),
        (["want", "vision", "now", "how"], 4 / 6),
    ],
)
def test_ordering_partial_credit(order: list[str], credit: float) -> None:
    result = grade(ORDERING, order)
    assert result.credit == pytest.approx(credit)
    assert result.correct is (credit == 1.0)
    assert result.expected.startswith("What is the vision? → Where are we now?")


def test_ordering_feedback_counts_pairs() -> None:
    assert grade(ORDERING, ["now", "vision", "want", "how"]).feedback.startswith(
        "5 of 6 pairs of items are in the right order."
    )


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ([], "Put the items in order first."),
        (["vision", "now", "want"], "Use every item exactly once."),
        (["vision", "now", "want", "want"], "Use every item exactly once."),
        (["vision", "now", "want", "later"], "'later' is not one of the items"),
        ("vision", "as a list"),
    ],
)
def test_ordering_malformed(response: Any, message: str) -> None:
    with pytest.raises(ResponseError, match=message):
        grade(ORDERING, response)


# --- matching: share matched right -------------------------------------------------------


def test_matching_partial_credit() -> None:
    right = {"df": "df", "lt": "lt", "cfr": "cfr", "mttr": "mttr"}
    assert grade(MATCHING, right).credit == 1.0
    assert grade(MATCHING, right).correct is True
    swapped = {**right, "df": "lt", "lt": "df"}
    assert grade(MATCHING, swapped).credit == 0.5
    assert grade(MATCHING, swapped).feedback.startswith("2 of 4 matched right.")
    partial = {"df": "df"}
    assert grade(MATCHING, partial).credit == 0.25
    assert grade(MATCHING, partial).correct is False


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ({}, "Match the items first."),
        (["df"], "as a dict"),
        ({"df": "nope"}, "'nope' is not one of the pairs"),
        ({"x": "df"}, "'x' is not one of the pairs"),
    ],
)
def test_matching_malformed(response: Any, message: str) -> None:
    with pytest.raises(ResponseError, match=message):
        grade(MATCHING, response)


# --- scenario and poll -------------------------------------------------------------------


@pytest.mark.parametrize(("pick", "credit"), [("a", 1.0), ("b", 0.25), ("c", 0.0)])
def test_scenario_credit_is_the_options(pick: str, credit: float) -> None:
    result = grade(SCENARIO, pick)
    assert result.credit == credit
    assert result.correct is (credit == 1.0)
    assert "**It depends on:** The risk and how repeatable" in result.feedback
    assert result.expected == "Standard change"


def test_poll_is_never_graded() -> None:
    result = grade(POLL, "1")
    assert (result.credit, result.correct, result.expected) == (1.0, None, "")
    assert "no right answer" in result.feedback
    many = grade(POLL_MANY, ["x", "y"])
    assert (many.credit, many.correct) == (1.0, None)
    assert many.explanations == {"x": "Thanks for X."}
    with pytest.raises(ResponseError, match="as a list"):
        grade(POLL_MANY, "x")
    with pytest.raises(ResponseError, match="Choose one option"):
        grade(POLL, ["1"])


def test_grade_refuses_what_is_not_a_question() -> None:
    with pytest.raises(TypeError, match="not a question"):
        grade("q", "a")  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------------

IDS = st.text("abcdefghijklmnop", min_size=1, max_size=4)


@st.composite
def choice_questions(draw: st.DrawFn) -> tuple[Question, Any, Any]:
    """A single or multiple question, any response, and the right response."""
    ids = draw(st.lists(IDS, min_size=2, max_size=7, unique=True))
    kind = draw(st.sampled_from(["single", "multiple"]))
    if kind == "single":
        right = [draw(st.sampled_from(ids))]
    else:
        right = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    built = question(
        {
            "type": kind,
            "options": [
                {"id": i, "text": i, "explanation": f"Why {i}.", "correct": i in right} for i in ids
            ],
        }
    )
    if kind == "single":
        return built, draw(st.sampled_from(ids)), right[0]
    response = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    return built, response, right


@st.composite
def ordering_questions(draw: st.DrawFn) -> tuple[Question, Any, Any]:
    ids = draw(st.lists(IDS, min_size=2, max_size=8, unique=True))
    built = question(
        {
            "type": "ordering",
            "items": [{"id": i, "text": f"item {i}"} for i in ids],
            "explanation": "x",
        }
    )
    return built, draw(st.permutations(ids)), ids


@st.composite
def matching_questions(draw: st.DrawFn) -> tuple[Question, Any, Any]:
    ids = draw(st.lists(IDS, min_size=2, max_size=6, unique=True))
    built = question(
        {
            "type": "matching",
            "pairs": [{"id": i, "left": f"L{i}", "right": f"R{i}"} for i in ids],
            "explanation": "x",
        }
    )
    keys = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    response = {key: draw(st.sampled_from(ids)) for key in keys}
    return built, response, {i: i for i in ids}


@st.composite
def scenario_questions(draw: st.DrawFn) -> tuple[Question, Any, Any]:
    ids = draw(st.lists(IDS, min_size=2, max_size=6, unique=True))
    credits = [1.0] + [
        draw(st.floats(0, 1, allow_nan=False, allow_infinity=False)) for _ in ids[1:]
    ]
    built = question(
        {
            "type": "scenario",
            "depends_on": "it depends",
            "options": [
                {"id": i, "text": i, "explanation": i, "credit": c}
                for i, c in zip(ids, credits, strict=True)
            ],
        }
    )
    return built, draw(st.sampled_from(ids)), ids[0]


@st.composite
def numeric_questions(draw: st.DrawFn) -> tuple[Question, Any, Any]:
    finite = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)
    answer = draw(finite)
    tolerance = draw(st.floats(0, 1e3, allow_nan=False, allow_infinity=False))
    built = question(
        {"type": "numeric", "answer": answer, "tolerance": tolerance, "explanation": "x"}
    )
    return built, draw(finite), answer


@st.composite
def text_questions(draw: st.DrawFn) -> tuple[Question, Any, Any]:
    words = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")
    accepted = draw(st.lists(words, min_size=1, max_size=3))
    fuzzy = draw(st.none() | st.floats(0.5, 1))
    built = question({"type": "text", "accepted": accepted, "fuzzy": fuzzy, "explanation": "x"})
    return built, draw(words), built.accepted[0]  # type: ignore[union-attr]


ANY_QUESTION = st.one_of(
    choice_questions(),
    ordering_questions(),
    matching_questions(),
    scenario_questions(),
    numeric_questions(),
    text_questions(),
)


@settings(max_examples=300, deadline=None)
@given(ANY_QUESTION)
def test_credit_is_always_between_0_and_1(case: tuple[Question, Any, Any]) -> None:
    built, response, _ = case
    result = grade(built, response)
    assert 0.0 <= result.credit <= 1.0
    assert result.correct is (result.credit == 1.0)


@settings(max_examples=300, deadline=None)
@given(ANY_QUESTION)
def test_the_right_response_always_gets_full_credit(case: tuple[Question, Any, Any]) -> None:
    built, _, right = case
    result = grade(built, right)
    assert result.credit == 1.0
    assert result.correct is True


@settings(max_examples=100, deadline=None)
@given(st.lists(IDS, min_size=2, max_size=6, unique=True), st.data())
def test_ordering_credit_falls_with_every_swap_away_from_the_answer(
    ids: list[str], data: st.DataObject
) -> None:
    built = question(
        {"type": "ordering", "items": [{"id": i, "text": i} for i in ids], "explanation": "x"}
    )
    order = data.draw(st.permutations(ids))
    n = len(ids)
    inversions = sum(
        1
        for i, j in itertools.combinations(range(n), 2)
        if ids.index(order[i]) > ids.index(order[j])
    )
    assert grade(built, order).credit == pytest.approx(1 - inversions / (n * (n - 1) / 2))


# --- partial credit (Moodle's answer grades) and reflections ----------------------------------


def test_single_option_credits_and_penalties_are_clamped_at_zero() -> None:
    q = question(
        {
            "id": "s",
            "type": "single",
            "prompt": "Pick.",
            "options": [
                {"id": "a", "text": "A", "correct": True},
                {"id": "b", "text": "B", "credit": 0.5},
                {"id": "c", "text": "C", "credit": -1},
                {"id": "d", "text": "D"},
            ],
        }
    )
    assert [(grade(q, i).credit, grade(q, i).correct) for i in "abcd"] == [
        (1.0, True),
        (0.5, False),
        (0.0, False),
        (0.0, False),
    ]
    assert grade(q, "b").verdict == "◐ Partly right (50%)"


@pytest.mark.parametrize(
    ("picks", "credit", "correct"),
    [
        (["a", "b"], 1.0, True),
        (["a"], 0.75, False),
        (["b"], 0.25, False),
        (["a", "c"], 0.0, False),  # 75% - 100%: never below 0
        (["a", "b", "d"], 1.0, False),  # a 0% extra pick costs nothing, but is not exact
        (["a", "b", "e"], 0.5, False),
    ],
)
def test_multiple_with_weights_sums_the_credits(
    picks: list[str], credit: float, correct: bool
) -> None:
    q = question(
        {
            "id": "m",
            "type": "multiple",
            "prompt": "Pick.",
            "options": [
                {"id": "a", "text": "A", "correct": True, "credit": 0.75},
                {"id": "b", "text": "B", "correct": True, "credit": 0.25},
                {"id": "c", "text": "C", "credit": -1},
                {"id": "d", "text": "D"},
                {"id": "e", "text": "E", "credit": -0.5},
            ],
        }
    )
    result = grade(q, picks)
    assert (result.credit, result.correct) == (credit, correct)


def test_multiple_weights_must_add_up_for_the_right_options() -> None:
    with pytest.raises(ValueError, match=r"credits add up to 0\.5, not 1"):
        question(
            {
                "id": "m",
                "type": "multiple",
                "prompt": "Pick.",
                "options": [
                    {"id": "a", "text": "A", "correct": True, "credit": 0.25},
                    {"id": "b", "text": "B", "correct": True, "credit": 0.25},
                ],
            }
        )


def test_numeric_alternatives_give_their_credit_and_the_best_wins() -> None:
    q = question(
        {
            "id": "n",
            "type": "numeric",
            "prompt": "Grant's birth year?",
            "answer": 1822,
            "alternatives": [
                {"range": [1800, 1850], "credit": 0.1},
                {"answer": 1822, "tolerance": 2, "credit": 0.5},
            ],
            "distractors": [{"value": 1900, "explanation": "Too late."}],
            "explanation": "1822.",
        }
    )
    assert [grade(q, v).credit for v in (1822, 1824, 1830, 1900)] == [1.0, 0.5, 0.1, 0.0]
    assert grade(q, 1824).correct is False
    assert grade(q, 1900).feedback == "Too late.\n\n1822."


def test_text_partial_answers_give_their_credit_and_typos_too() -> None:
    q = question(
        {
            "id": "t",
            "type": "text",
            "prompt": "Which amphibian?",
            "accepted": ["frog"],
            "partial": [{"text": "toad", "credit": 0.8}],
            "fuzzy": 0.75,
        }
    )
    assert (grade(q, " Toad ").credit, grade(q, "Toad").correct) == (0.8, False)
    assert grade(q, "frogg").credit == 1.0
    assert grade(q, "toadd").credit == 0.8
    assert grade(q, "newt").credit == 0.0
    assert grade(q, "newt").feedback == ""  # no explanation: nothing, not a placeholder


def test_matching_distractors_can_be_picked_and_are_wrong() -> None:
    q = question(
        {
            "id": "m",
            "type": "matching",
            "prompt": "Match.",
            "pairs": [
                {"id": "a", "left": "Cat", "right": "Meow"},
                {"id": "b", "left": "Dog", "right": "Woof"},
            ],
            "distractors": ["Moo"],
        }
    )
    assert grade(q, {"a": "*1", "b": "b"}).credit == 0.5
    with pytest.raises(ResponseError, match="'\\*2' is not one of the pairs"):
        grade(q, {"a": "*2"})


def test_a_reflection_is_never_graded_and_shows_its_model_answer() -> None:
    q = question(
        {
            "id": "r",
            "type": "reflection",
            "prompt": "What will you try?",
            "model_answer": "One small change.",
            "prompts": ["Who owns it?"],
            "max_length": 10,
        }
    )
    result = grade(q, "  Retro.  ")
    assert (result.credit, result.correct, result.verdict) == (1.0, None, "✎ Recorded")
    assert "One small change." in result.feedback
    assert "- Who owns it?" in result.feedback
    assert q.points == 0
    with pytest.raises(ResponseError, match="Write your answer first"):
        grade(q, "   ")
    with pytest.raises(ResponseError, match=r"Keep your answer to 10 characters \(it has 11\)"):
        grade(q, "x" * 11)
    with pytest.raises(ResponseError, match="as text, not a number"):
        grade(q, 3)


# --- typed answers are capped (MAX_ANSWER); reflections keep their own cap ------------------


@pytest.mark.parametrize(
    ("q", "padding"),
    [(TEXT, "watermelon "), (NUMERIC, "1"), (TRUE_FALSE, "no "), (SINGLE, "b")],
)
def test_a_typed_answer_over_the_cap_is_refused_with_its_length(q: Question, padding: str) -> None:
    from toolkit.quiz.grading import MAX_ANSWER

    assert MAX_ANSWER == 10_000
    long_answer = (padding * 12_345)[:12_345]
    with pytest.raises(ResponseError) as caught:
        grade(q, long_answer)
    assert str(caught.value) == (
        "Your answer is 12,345 characters long; the most this quiz keeps is 10,000."
    )
    at_the_cap = (padding * MAX_ANSWER)[:MAX_ANSWER]
    if q is TEXT:  # within the cap, graded as usual
        assert grade(q, at_the_cap).correct is False
    else:  # refused for what it says, never for its length
        with pytest.raises(ResponseError, match=r"^(?!.*characters long)"):
            grade(q, at_the_cap)


def test_a_reflection_keeps_its_own_cap_not_the_typed_answer_cap() -> None:
    q = question({"id": "r", "type": "reflection", "prompt": "What will you try?"})
    assert grade(q, "x" * 10_000).credit == 1.0
    with pytest.raises(ResponseError, match=r"Keep your answer to 10,000 characters"):
        grade(q, "x" * 12_345)
