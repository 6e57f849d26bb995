"""Property: banks of every type keep, through each format and back, all the format holds.

Hypothesis builds banks with every question type and every key (credits, partial answers,
numeric alternatives, matching distractors, reflections), in texts full of the characters
each format treats specially. YAML -> GIFT -> YAML and YAML -> Moodle XML -> YAML must keep
every question and key the tables in quizzes/FORMAT.md say the format holds (``helpers``
projects a bank onto those, independently of the formats' code); CSV holds everything.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.quiz import Bank
from toolkit.quiz.formats import csv_bank, gift, moodle_xml, yaml_bank
from toolkit.quiz.loader import parse_bank
from toolkit.quiz.model import QUESTION_TYPES

from .helpers import held_gift, held_xml

_SPECIAL = "\n\\:#={}~%[]->/*_<>&"
_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Co"), include_characters=_SPECIAL
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
#: Texts a format writes on one line with its spaces collapsed (poll options, prompts).
_WORDS = (
    st.text(alphabet="abcdefghij ->#=~{}:", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_OPTIONAL = st.one_of(st.just(""), _TEXT)
_CREDIT = st.sampled_from([0.5, 0.25, 0.2, 0.1, 0.75, 0.3333333, 0.9])
_PENALTY = st.sampled_from([None, 0.0, -0.5, -1.0, -0.3333333, 0.25, 0.5])
_SPLITS = st.sampled_from([[1.0], [0.5, 0.5], [0.75, 0.25], [0.3333333] * 3, [0.5, 0.25, 0.25]])


def _distinct(count: int, strategy: st.SearchStrategy[str] = _TEXT) -> Any:
    return st.lists(strategy, min_size=count, max_size=count, unique_by=lambda s: s.strip())


def _options(texts: list[str], explanations: list[str]) -> list[dict[str, Any]]:
    options = []
    for n, (text, why) in enumerate(zip(texts, explanations, strict=True)):
        option: dict[str, Any] = {"id": f"o{n}", "text": text}
        if why.strip():
            option["explanation"] = why
        options.append(option)
    return options


@st.composite
def single(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 4))
    options = _options(
        draw(_distinct(count)), draw(st.lists(_OPTIONAL, min_size=count, max_size=count))
    )
    right = draw(st.integers(0, count - 1))
    for n, option in enumerate(options):
        if n == right:
            option["correct"] = True
        elif (credit := draw(_PENALTY)) is not None:
            option["credit"] = credit
    return {"type": "single", "options": options}


@st.composite
def multiple(draw: st.DrawFn) -> dict[str, Any]:
    split = draw(_SPLITS)
    wrong = draw(st.integers(1, 2))
    count = len(split) + wrong
    options = _options(
        draw(_distinct(count)), draw(st.lists(_OPTIONAL, min_size=count, max_size=count))
    )
    weighted = draw(st.booleans())
    for n, option in enumerate(options):
        if n < len(split):
            option["correct"] = True
            if weighted:
                option["credit"] = split[n]
        elif weighted and (credit := draw(st.sampled_from([None, 0.0, -0.5, -1.0]))) is not None:
            option["credit"] = credit
    return {"type": "multiple", "options": options}


@st.composite
def scenario(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 4))
    options = _options(
        draw(_distinct(count)), draw(st.lists(_OPTIONAL, min_size=count, max_size=count))
    )
    credits = draw(st.lists(st.sampled_from([1.0, 0.5, 0.25, 0.0]), min_size=count, max_size=count))
    credits[draw(st.integers(0, count - 1))] = 1.0
    for option, credit in zip(options, credits, strict=True):
        option["credit"] = credit
    question: dict[str, Any] = {"type": "scenario", "options": options}
    if depends := draw(_OPTIONAL):
        question["depends_on"] = depends
    return question


@st.composite
def true_false(draw: st.DrawFn) -> dict[str, Any]:
    question: dict[str, Any] = {"type": "true_false", "answer": draw(st.booleans())}
    for key in ("explanation_true", "explanation_false"):
        if text := draw(_OPTIONAL):
            question[key] = text
    return question


@st.composite
def interval(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        low = draw(st.integers(-50, 50))
        return {"range": [low, low + draw(st.integers(0, 10))]}
    found: dict[str, Any] = {"answer": draw(st.integers(-100, 100)) / 2}
    if draw(st.booleans()):
        found["tolerance"] = draw(st.integers(0, 6)) / 2
    return found


@st.composite
def numeric(draw: st.DrawFn) -> dict[str, Any]:
    question: dict[str, Any] = {"type": "numeric", **draw(interval())}
    alternatives = draw(st.lists(interval(), max_size=2))
    if alternatives:
        question["alternatives"] = [{**a, "credit": draw(_CREDIT)} for a in alternatives]
    distractors = draw(st.lists(st.integers(200, 300), max_size=2, unique=True))
    if distractors:
        question["distractors"] = [{"value": v, "explanation": draw(_TEXT)} for v in distractors]
    if text := draw(_OPTIONAL):
        question["explanation"] = text
    return question


@st.composite
def short_text(draw: st.DrawFn) -> dict[str, Any]:
    texts = draw(st.lists(_TEXT, min_size=1, max_size=4, unique_by=lambda s: s.strip()))
    split = draw(st.integers(1, len(texts)))
    question: dict[str, Any] = {"type": "text", "accepted": texts[:split]}
    if texts[split:]:
        question["partial"] = [{"text": t, "credit": draw(_CREDIT)} for t in texts[split:]]
    question["case_sensitive"] = draw(st.booleans())
    if text := draw(_OPTIONAL):
        question["explanation"] = text
    return question


@st.composite
def ordering(draw: st.DrawFn) -> dict[str, Any]:
    texts = draw(_distinct(draw(st.integers(2, 4))))
    question: dict[str, Any] = {
        "type": "ordering",
        "items": [{"id": f"i{n}", "text": text} for n, text in enumerate(texts)],
    }
    if text := draw(_OPTIONAL):
        question["explanation"] = text
    return question


@st.composite
def matching(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 3))
    lefts = draw(_distinct(count))
    rights = draw(_distinct(count + draw(st.integers(0, 2))))
    question: dict[str, Any] = {
        "type": "matching",
        "pairs": [
            {"id": f"p{n}", "left": left, "right": right}
            for n, (left, right) in enumerate(zip(lefts, rights, strict=False))
        ],
    }
    if rights[count:]:
        question["distractors"] = rights[count:]
    if text := draw(_OPTIONAL):
        question["explanation"] = text
    return question


@st.composite
def poll(draw: st.DrawFn) -> dict[str, Any]:
    texts = draw(st.lists(_WORDS, min_size=2, max_size=4))
    return {
        "type": "poll",
        "options": [{"id": f"o{n}", "text": text} for n, text in enumerate(texts)],
        "multiple": draw(st.booleans()),
    }


@st.composite
def reflection(draw: st.DrawFn) -> dict[str, Any]:
    question: dict[str, Any] = {"type": "reflection"}
    if text := draw(_OPTIONAL):
        question["model_answer"] = text
    prompts = draw(st.lists(_WORDS, max_size=3))
    if prompts:
        question["prompts"] = prompts
    return question


_BUILDERS = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "numeric": numeric,
    "text": short_text,
    "ordering": ordering,
    "matching": matching,
    "scenario": scenario,
    "poll": poll,
    "reflection": reflection,
}


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    kinds = draw(st.lists(st.sampled_from(QUESTION_TYPES), min_size=1, max_size=5))
    questions = []
    for n, kind in enumerate(kinds):
        question = draw(_BUILDERS[kind]())
        question["id"] = f"q{n}"
        question["prompt"] = draw(_TEXT)
        question["difficulty"] = draw(st.sampled_from(["easy", "medium", "hard"]))
        question["hints"] = draw(st.lists(_TEXT, max_size=2))
        question["tags"] = draw(st.lists(_WORDS, max_size=2))
        if kind in {"single", "multiple", "scenario", "matching"}:
            question["shuffle"] = draw(st.booleans())
        questions.append(question)
    # Every format holds a true/false question, so no bank is left empty by the skips.
    questions.append({"id": "tf", "type": "true_false", "prompt": "Sure?", "answer": True})
    return Bank.model_validate(
        {"id": "any", "title": "Any", "lesson": "any", "questions": questions}
    )


def test_the_strategies_cover_every_question_type() -> None:
    assert set(_BUILDERS) == set(QUESTION_TYPES)


@settings(max_examples=200)
@given(bank=banks())
def test_yaml_to_gift_and_back_keeps_what_gift_holds(bank: Bank) -> None:
    text, notes = gift.dumps(bank, file="b.gift")
    back, _ = gift.loads(text, file="b.gift")
    assert held_gift(back) == held_gift(bank)
    assert sum(1 for n in notes if "has no place for" in n) <= 1  # one warning names it all


@settings(max_examples=200)
@given(bank=banks())
def test_yaml_to_moodle_xml_and_back_keeps_what_moodle_xml_holds(bank: Bank) -> None:
    data, notes = moodle_xml.dumps(bank, file="b.xml")
    back, _ = moodle_xml.loads(data, file="b.xml", stem="any")
    assert held_xml(back) == held_xml(bank)
    assert sum(1 for n in notes if "has no place for" in n) <= 1


@settings(max_examples=100)
@given(bank=banks())
def test_csv_and_yaml_keep_everything(bank: Bank) -> None:
    text, notes = csv_bank.dumps(bank)
    assert notes == []
    assert csv_bank.loads(text, stem="any")[0] == bank
    assert parse_bank(yaml_bank.dump_bank(bank))[0] == bank
