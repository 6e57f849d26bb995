"""Moodle GIFT: a file as Moodle exports it reads correctly; our banks round-trip."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quiz.formats.helpers import held_gift, load, shipped_banks
from toolkit.quiz import Bank, BankError, QuizSession, QuizWidget, grade
from toolkit.quiz.formats import read_bank_with_warnings, write_bank
from toolkit.quiz.formats.gift import dumps, escape, loads
from toolkit.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Poll,
    Reflection,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from toolkit.quiz.sanitize import markdown_to_html

# Written by hand the way Moodle 4's GIFT export lays a category out (comments, $CATEGORY,
# [html] texts, =%100% weights, \: escapes); question names are the titles.
MOODLE_EXPORT = """\
// question: 0  name: Switch category to $course$/top/Default for ITSM 101/Service levels
$CATEGORY: $course$/top/Default for ITSM 101/Service levels


// question: 1234  name: Watermelon
::Watermelon::[html]<p>What fruit names a service whose SLAs are <b>green</b> while users are unhappy?</p>{
\t=%100%watermelon#
\t=%100%a watermelon#
\t####<p>Green outside, red inside.</p>
}


// question: 1235  name: SLA green
::SLA green::[html]<p>Green SLAs prove that users are happy.</p>{FALSE#<p>Tempting, but an SLA measures the output.</p>#<p>Right\\: SLAs can be green while users are unhappy.</p>}


// question: 1236  name: Doubling
::Doubling::[html]<p>How many 1% iterations double a measure?</p>{#
\t=%100%69.66:0.5#<p>ln 2 / ln 1.01 \\= 69.66.</p>
\t=%0%100:0#<p>That is 1% added a hundred times.</p>
}


// question: 1237  name: DORA keys
::DORA keys::[html]<p>Match each key to what it measures.</p>{
\t=<p>Deployment frequency</p> -> How often you deploy
\t=<p>Lead time for changes</p> -> Commit to production
\t####<p>These are two of the four keys.</p>
}


// question: 1238  name: Pick the outcomes
::Pick the outcomes::[html]<p>Which of these are outcomes?</p>{
\t~%50%<p>Users finish their task</p>#<p>Yes, an outcome.</p>
\t~%50%<p>Fewer repeat calls</p>#<p>Yes, an outcome.</p>
\t~%-100%<p>Tickets closed</p>#<p>An output.</p>
}


// question: 1239  name: Best first step
::Best first step::[html]<p>A team wants every change to skip the CAB. What do you advise?</p>{
\t=<p>Allow it for low-risk, repeatable changes</p>#<p>Best.</p>
\t~%50%<p>Ask for evidence first</p>#<p>A good start.</p>
\t~<p>Refuse</p>#<p>Too rigid.</p>
\t####<p>The risk and repeatability of the change.</p>
}


// question: 1240  name: Reflect
::Reflect::[html]<p>Describe one improvement you made this month.</p>{}


// question: 1241  name: Intro
::Intro::[html]<p>The next questions are about SLAs.</p>
"""  # noqa: E501


def test_a_moodle_export_reads_into_our_types() -> None:
    bank, warnings = loads(MOODLE_EXPORT, file="itsm.gift", stem="itsm-101")
    assert (bank.id, bank.title) == ("itsm-101", "Service levels")
    assert [q.id for q in bank.questions] == [
        "Watermelon",
        "SLA-green",
        "Doubling",
        "DORA-keys",
        "Pick-the-outcomes",
        "Best-first-step",
        "Reflect",
    ]
    text = bank.question("Watermelon")
    assert isinstance(text, ShortText)
    assert (
        text.prompt
        == "What fruit names a service whose SLAs are **green** while users are unhappy?"
    )
    assert text.accepted == ("watermelon", "a watermelon")
    assert text.explanation == "Green outside, red inside."
    true_false = bank.question("SLA-green")
    assert isinstance(true_false, TrueFalse)
    assert true_false.answer is False
    # {FALSE#wrong#right}: the first feedback is for the wrong answer (true)
    assert true_false.explanation_true == "Tempting, but an SLA measures the output."
    assert true_false.explanation_false == "Right: SLAs can be green while users are unhappy."
    numeric = bank.question("Doubling")
    assert isinstance(numeric, Numeric)
    assert (numeric.answer, numeric.tolerance) == (69.66, 0.5)
    assert numeric.explanation == "ln 2 / ln 1.01 = 69.66."
    assert [(d.value, d.explanation) for d in numeric.distractors] == [
        (100.0, "That is 1% added a hundred times.")
    ]
    matching = bank.question("DORA-keys")
    assert isinstance(matching, Matching)
    assert [(p.left, p.right) for p in matching.pairs] == [
        ("Deployment frequency", "How often you deploy"),
        ("Lead time for changes", "Commit to production"),
    ]
    multiple = bank.question("Pick-the-outcomes")
    assert isinstance(multiple, MultipleChoice)
    assert [o.correct for o in multiple.options] == [True, True, False]
    assert [o.credit for o in multiple.options] == [0.5, 0.5, -1.0]
    assert grade(multiple, ["a", "b"]).correct is True
    assert grade(multiple, ["a"]).credit == 0.5
    assert grade(multiple, ["a", "c"]).credit == 0.0  # 50% - 100%, never below 0
    scenario = bank.question("Best-first-step")
    assert isinstance(scenario, Scenario)
    assert [o.credit for o in scenario.options] == [1.0, 0.5, 0.0]
    assert scenario.depends_on == "The risk and repeatability of the change."
    assert "Imported from GIFT" not in str(bank.model_dump())
    reflection = bank.question("Reflect")
    assert isinstance(reflection, Reflection)
    assert reflection.prompt == "Describe one improvement you made this month."
    assert (reflection.model_answer, reflection.points) == (None, 0)
    assert warnings == [
        "itsm.gift:54: Intro: warning: skipped: a description (text with no question) has no "
        "equivalent here",
    ]


def test_escapes_comments_titles_and_formats() -> None:
    text = (
        "// a comment line is ignored\n"
        "::Ratio \\:1::What is 1\\:2 as a fraction? \\{not a brace\\} \\# \\~ \\= \\\\ done\n"
        "// a comment inside a question\n"
        "{=1/2#Half\\: right. ~2#Upside down\\nsee?}\n"
        "\n"
        "::md::[markdown]**Bold** claim.{TRUE}\n"
        "\n"
        "[plain]No title: plain *text* stays as written {T}\n"
    )
    bank, warnings = loads(text, file="esc.gift")
    ratio = bank.questions[0]
    assert ratio.id == "Ratio-1"
    assert ratio.prompt == "What is 1:2 as a fraction? {not a brace} # ~ = \\ done"
    assert isinstance(ratio, SingleChoice)
    assert [(o.text, o.correct, o.explanation) for o in ratio.options] == [
        ("1/2", True, "Half: right."),
        ("2", False, "Upside down\nsee?"),
    ]
    assert bank.questions[1].prompt == "**Bold** claim."
    plain = bank.questions[2]
    assert plain.prompt == "No title: plain *text* stays as written"
    assert plain.id == "No-title-plain-text-stays-as-written"
    assert isinstance(plain, TrueFalse)
    # No feedback in the file: no explanation (learners see nothing, never a placeholder).
    assert (plain.explanation_true, plain.explanation_false) == ("", "")
    assert warnings == []


@pytest.mark.parametrize(
    "text",
    [
        "one \\~ two",
        "a:b = c",
        "{x}",
        "#1 ~ tilde",
        "back\\slash\\n",
        "line\nbreak",
        "::x::",
        "[html]<b>literal</b>",
        "a -> b",
    ],
)
def test_escape_round_trips_through_the_parser(text: str) -> None:
    gift = f"::q::{escape(text)}{{T#{escape(text)}#{escape(text)}}}"
    bank, _ = loads(gift)
    question = bank.questions[0]
    assert question.prompt == text.strip()
    assert isinstance(question, TrueFalse)
    assert question.explanation_true == text.strip()


def test_numeric_forms_ranges_and_missing_word() -> None:
    text = (
        "::plain::When was Grant born? {#1822}\n\n"
        "::tolerance::Pi to two places? {#3.14:0.005}\n\n"
        "::range::Pick a number in range{#-5..-1####Any from -5 to -1.}\n\n"
        "::gap::Grant is {~buried =entombed ~living} in Grant's tomb.\n"
    )
    bank, _ = loads(text)
    plain, tolerance, ranged, gap = bank.questions
    assert isinstance(plain, Numeric)
    assert (plain.answer, plain.tolerance) == (1822.0, None)
    assert isinstance(tolerance, Numeric)
    assert tolerance.bounds == pytest.approx((3.135, 3.145))
    assert isinstance(ranged, Numeric)
    assert ranged.range == (-5.0, -1.0)
    assert ranged.explanation == "Any from -5 to -1."
    assert gap.prompt == "Grant is _____ in Grant's tomb."


def test_a_poll_written_as_an_essay_reads_back_as_a_poll() -> None:
    bank = Bank.model_validate(
        {
            "id": "poll",
            "title": "Poll",
            "lesson": "poll",
            "questions": [
                {
                    "id": "confidence",
                    "type": "poll",
                    "prompt": "How confident are you reading a control chart?",
                    "multiple": True,
                    "options": [
                        {"id": "1", "text": "Not at all"},
                        {"id": "5", "text": "Very: I teach it"},
                    ],
                }
            ],
        }
    )
    text, _ = dumps(bank)
    assert "{}" in text
    back, _ = loads(text)
    poll = back.questions[0]
    assert isinstance(poll, Poll)
    assert poll.multiple is True
    assert poll.prompt == "How confident are you reading a control chart?"
    assert [o.text for o in poll.options] == ["Not at all", "Very: I teach it"]


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_keeps_what_gift_holds(path: Path, tmp_path: Path) -> None:
    bank = load(path)
    out = tmp_path / f"{path.stem}.gift"
    notes = write_bank(bank, out)
    back, warnings = read_bank_with_warnings(out)
    assert held_gift(back) == held_gift(bank)
    assert back.title == bank.title
    assert warnings == []
    ordering = [q.id for q in bank.questions if q.type == "ordering"]
    for question_id in ordering:
        assert f"{out}: {question_id}: warning: skipped: GIFT has no ordering question " in (
            "\n".join(notes)
        )


def test_multiple_choice_weights_follow_our_rule_exactly() -> None:
    bank = Bank.model_validate(
        {
            "id": "w",
            "title": "W",
            "lesson": "w",
            "questions": [
                {
                    "id": "three",
                    "type": "multiple",
                    "prompt": "Pick",
                    "options": [
                        {"id": "a", "text": "A", "correct": True, "explanation": "x"},
                        {"id": "b", "text": "B", "correct": True, "explanation": "x"},
                        {"id": "c", "text": "C", "correct": True, "explanation": "x"},
                        {"id": "d", "text": "D", "explanation": "x"},
                    ],
                }
            ],
        }
    )
    text, _ = dumps(bank)
    assert "~%33.33333%A#x" in text
    assert "~%-33.33333%D#x" in text
    back, warnings = loads(text)
    assert warnings == []  # Moodle's percentages are read as exactly our rule
    # Moodle's score for picking A, B and D: 1/3 + 1/3 - 1/3 = 1/3, as ours
    assert grade(back.questions[0], ["a", "b", "d"]).credit == pytest.approx(1 / 3)


def test_malformed_gift_is_reported_at_its_line() -> None:
    text = (
        "::ok::Fine {T}\n"  # line 1
        "\n"
        "::open::Where is the brace {=here\n"  # line 3
        "\n"
        "::noclose Title never closes {T}\n"  # line 5
        "\n"
        "::few::Only one choice{\n"  # line 7
        "~%150%too much\n"  # line 8
        "=right}\n"
        "\n"
        "::num::How many?{#seventy}\n"  # line 11
        "\n"
        "::pair::Match{=a -> b =c}\n"  # line 13
        "\n"
        "::nobody::Nobody is right{~a ~b}\n"  # line 15
    )
    with pytest.raises(BankError) as caught:
        loads(text, file="bad.gift")
    assert [str(p) for p in caught.value.problems] == [
        "bad.gift:3: open: unmatched brace: an answer block is { ... }; write \\{ or \\} for a "
        "brace in text",
        "bad.gift:5: the title has no closing '::' (write ::title:: first)",
        "bad.gift:7: few: a weight must be between -100% and 100%: '%150%too much'",
        "bad.gift:11: num: 'seventy' is not a number, a number:tolerance or a min..max range",
        "bad.gift:13: pair: a matching pair is written 'left -> right', got 'c'",
        # no '=' makes it a several-answer question (Moodle's rule), with no right answer
        "bad.gift:15: nobody: no answer has a positive weight: none is right",
    ]


def test_a_script_in_a_question_stays_text_and_never_runs() -> None:
    text = (
        "::xss::<script>alert('owned')</script> Is <img src=x onerror=alert(1)> this text?"
        "{TRUE#<script>bad()</script>#Yes}\n\n"
        "::xss-html::[html]<p>Hello<script>alert(2)</script></p>{TRUE#no#yes}\n"
    )
    bank, _ = loads(text)
    plain, converted = bank.questions
    assert plain.prompt.startswith("<script>alert('owned')</script>")  # kept as text
    rendered = markdown_to_html(plain.prompt)
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert "&lt;script&gt;" in rendered
    assert converted.prompt == "Hello"  # HTML converted: the script's content is gone
    only = bank.model_copy(update={"questions": (plain,)})
    widget = QuizWidget(QuizSession(only, rng=random.Random(3)))
    html = widget.prompt.value
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<script" not in markdown_to_html(grade(plain, False).feedback)


def test_a_penalty_on_a_single_choice_is_kept_as_a_negative_credit() -> None:
    text = "::pen::Pick{=right#Yes ~%-50%wrong#No ~other#No}\n"
    bank, warnings = loads(text, file="w.gift")
    question = bank.questions[0]
    assert isinstance(question, SingleChoice)
    assert [o.correct for o in question.options] == [True, False, False]
    assert [o.credit for o in question.options] == [None, -0.5, None]
    assert grade(question, "b").credit == 0.0  # a question's score is never below 0
    assert warnings == []


def test_multiple_choice_weights_that_do_not_add_up_are_scaled_with_a_warning() -> None:
    text = "::w::Pick{~%50%a ~%25%b ~%-100%c}\n"
    bank, warnings = loads(text, file="w.gift")
    question = bank.questions[0]
    assert isinstance(question, MultipleChoice)
    assert [o.credit for o in question.options] == [0.6666667, 0.3333333, -1.0]
    assert warnings == [
        "w.gift:1: w: warning: the right answers' weights (50%, 25%, -100%) add up to 75%, "
        "not 100%: they are scaled to add up to 100%"
    ]


def test_scenario_credits_moodle_lacks_are_warned_about() -> None:
    bank = Bank.model_validate(
        {
            "id": "s",
            "title": "S",
            "lesson": "s",
            "questions": [
                {
                    "id": "odd",
                    "type": "scenario",
                    "prompt": "Which?",
                    "depends_on": "Context.",
                    "options": [
                        {"id": "a", "text": "Best", "credit": 1, "explanation": "x"},
                        {"id": "b", "text": "Part", "credit": 0.35, "explanation": "y"},
                        {"id": "c", "text": "None", "credit": 0, "explanation": "z"},
                    ],
                }
            ],
        }
    )
    text, notes = dumps(bank, file="s.gift")
    assert "\t~%35%Part#y" in text
    assert notes == [
        "s.gift: odd: warning: credit 0.35 is not one of Moodle's grades: choose 'Nearest "
        "grade if not listed' when importing into Moodle"
    ]
    back, _ = loads(text)
    scenario = back.questions[0]
    assert isinstance(scenario, Scenario)
    assert [o.credit for o in scenario.options] == [1.0, 0.35, 0.0]
    assert scenario.depends_on == "Context."


_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Co"),
        include_characters="\n\\:#={}~%[]->/",
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None)
@given(prompt=_TEXT, right=_TEXT, wrong=_TEXT, why=_TEXT, accepted=_TEXT)
def test_any_text_survives_a_gift_round_trip(
    prompt: str, right: str, wrong: str, why: str, accepted: str
) -> None:
    bank = Bank.model_validate(
        {
            "id": "any",
            "title": "Any",
            "lesson": "any",
            "questions": [
                {
                    "id": "choice",
                    "type": "single",
                    "prompt": prompt,
                    "options": [
                        {"id": "a", "text": right, "correct": True, "explanation": why},
                        {"id": "b", "text": wrong + " (no)", "explanation": why},
                    ],
                },
                {
                    "id": "typed",
                    "type": "text",
                    "prompt": prompt,
                    "accepted": [accepted],
                    "explanation": why,
                },
            ],
        }
    )
    text, _ = dumps(bank)
    back, _ = loads(text)
    assert held_gift(back) == held_gift(bank)
