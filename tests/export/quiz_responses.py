"""Responses to grade both in Python and in an exported quiz page, per question.

For each question: the right answer, every option (so every wrong one), partial answers,
numbers at and just beyond the tolerance bounds (inside and outside the rounding slack),
numbers written as text in the ways a learner types them, text answers with case, space
and typo variants (for fuzzy matching), and junk (nothing, wrong types, unknown ids).
"""

from __future__ import annotations

import itertools
from typing import Any

from toolkit.quiz.model import (
    Bank,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    Reflection,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

JUNK: list[Any] = [None, "", "   ", "zz-unknown", True, 3, [], {}]


def typos(word: str) -> list[str]:
    """Case, space and one-character variants of ``word``."""
    variants = {word.upper(), word.title(), f"  {word}  ", word.replace(" ", "  \t")}
    if len(word) > 2:
        variants |= {
            word[1:],
            word[:-1],
            word[0] + word[2:],
            word[:1] + word[2:3] + word[1:2] + word[3:],
            word + "s",
            word + "x",
            "x" + word,
            word[: len(word) // 2],
        }
    return sorted(variants)


def _choices(question: SingleChoice | MultipleChoice | Scenario | Poll) -> list[Any]:
    ids = [o.id for o in question.options]
    if isinstance(question, SingleChoice | Scenario) or (
        isinstance(question, Poll) and not question.multiple
    ):
        return [*ids, [ids[0]], ids[0] + " ", 1, *JUNK]
    sets: list[Any] = [list(c) for r in (1, 2, 3) for c in itertools.combinations(ids, r)]
    if isinstance(question, MultipleChoice):
        right = [o.id for o in question.options if o.correct]
        sets += [right, ids, right + right[:1], list(reversed(right))]
    return [*sets, ids[0], ["zz-unknown"], [ids[0], 7], [ids[0], None], *JUNK]


def _numbers(question: Numeric) -> list[Any]:
    low, high = question.bounds
    scale = max(1.0, abs(low), abs(high))
    mid = question.answer if question.answer is not None else (low + high) / 2
    values: list[Any] = [
        mid,
        low,
        high,
        low - 0.5e-9 * scale,  # inside the rounding slack
        high + 0.5e-9 * scale,
        low - 3e-9 * scale,  # just outside it
        high + 3e-9 * scale,
        low - 1,
        high + 1,
        0,
        -mid,
    ]
    for alternative in question.alternatives:
        alt_low, alt_high = alternative.bounds
        values += [alt_low, alt_high, alt_high + 1e-6, (alt_low + alt_high) / 2]
    tolerance = question.tolerance or 0.0
    for distractor in question.distractors:
        values += [
            distractor.value,
            distractor.value + tolerance,
            distractor.value - tolerance / 2,
            distractor.value + tolerance * 1.01 + 1e-9,
        ]
    unit = question.unit or ""
    texts: list[Any] = [repr(v) for v in values[:7]]
    texts += [
        f"{mid:g}",
        f" {mid} ",
        f"{mid:g}".replace(".", ","),
        f"{mid:.2f}".replace(".", ","),
        f"{mid:g} {unit}",
        f"{mid:g}{unit.upper()}",
        f"{mid:g}%",
        f"{mid:g} %",
        "1,000",
        "1,000,000",
        "1 000",
        "1e2",
        ".5",
        "5.",
        "+3",
        "-0",
        "1_0",
        "1__0",
        "_1",
        "1e",
        "abc",
        "inf",
        "-Infinity",
        "nan",
        "1e999",
        "0x10",
        "١٢",  # Arabic-Indic digits: Python reads them as 12
        "１２.５",  # full-width digits
    ]
    return values + texts + JUNK


def _orders(question: Ordering) -> list[Any]:
    ids = [item.id for item in question.items]
    orders: list[Any] = [
        ids,
        list(reversed(ids)),
        ids[1:],
        ids + ids[:1],
        [*ids[:-1], "zz"],
        ids[0],
    ]
    for i in range(len(ids) - 1):
        swapped = list(ids)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        orders.append(swapped)
    orders += [list(p) for p in itertools.islice(itertools.permutations(ids), 24)]
    return orders + JUNK


def _matches(question: Matching) -> list[Any]:
    ids = [pair.id for pair in question.pairs]
    rotated = ids[1:] + ids[:1]
    decoys = [{ids[0]: key, ids[1]: ids[1]} for key in question.distractor_ids()]
    return [
        *decoys,
        dict(zip(ids, ids, strict=True)),
        dict(zip(ids, rotated, strict=True)),
        {ids[0]: ids[0]},
        {ids[0]: ids[1]},
        {**dict(zip(ids, ids, strict=True)), ids[0]: ids[1]},
        {ids[0]: "zz"},
        {"zz": ids[0]},
        {ids[0]: None},
        ids,
        dict.fromkeys(ids, ids[0]),
        *JUNK,
    ]


def responses(question: Question) -> list[Any]:
    """Every response worth comparing for ``question``."""
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        return _choices(question)
    if isinstance(question, TrueFalse):
        return [True, False, "true", " False ", "YES", "n", "T", "0", "1", "maybe", 0, 1, *JUNK]
    if isinstance(question, Numeric):
        return _numbers(question)
    if isinstance(question, ShortText):
        found: list[Any] = []
        for answer in [*question.accepted, *(p.text for p in question.partial)]:
            found += [answer, *typos(answer)]
        return [*found, "completely different", "a", "zz", *JUNK]
    if isinstance(question, Reflection):
        limit = question.limit
        return ["I will try a retro.", "  spaced  ", "x" * limit, "x" * (limit + 1), "", *JUNK]
    if isinstance(question, Ordering):
        return _orders(question)
    if isinstance(question, Matching):
        return _matches(question)
    raise TypeError(f"not a question: {question!r}")


LONG_ANSWER = (
    "continual improvement is a recurring organisational activity performed at all levels to "
    "ensure that an organisation's performance continually meets stakeholders' expectations, "
    "aligned with the guiding principles and the seven steps of the improvement model"
)


def edge_bank() -> Bank:
    """Questions the shipped banks may not have: long fuzzy answers (difflib's autojunk
    heuristic starts at 200 characters), case-sensitive text, a range with a % unit,
    three right options, non-ASCII text."""
    return Bank.model_validate(
        {
            "id": "edges",
            "title": "Edge cases",
            "lesson": "00-start-here",
            "questions": [
                {
                    "id": "long-fuzzy",
                    "type": "text",
                    "prompt": "Define it.",
                    "accepted": [LONG_ANSWER, "CI"],
                    "fuzzy": 0.8,
                    "explanation": "See the model.",
                },
                {
                    "id": "case",
                    "type": "text",
                    "prompt": "Acronym?",
                    "accepted": ["XLA", "Straße"],
                    "case_sensitive": True,
                    "fuzzy": 0.6,
                    "explanation": "Experience level agreement.",
                },
                {
                    "id": "range-percent",
                    "type": "numeric",
                    "prompt": "Rate?",
                    "range": [97.5, 98.5],
                    "unit": "%",
                    "explanation": "About 98%.",
                    "distractors": [{"value": 90, "explanation": "Too low."}],
                },
                {
                    "id": "days",
                    "type": "numeric",
                    "prompt": "How long?",
                    "answer": 1.5,
                    "tolerance": 0.25,
                    "unit": "days",
                    "explanation": "A day and a half.",
                },
                {
                    "id": "three-right",
                    "type": "multiple",
                    "prompt": "Pick.",
                    "options": [
                        {"id": "a", "text": "A", "correct": True, "explanation": "yes"},
                        {"id": "b", "text": "B", "correct": True, "explanation": "yes"},
                        {"id": "c", "text": "C", "correct": True, "explanation": "yes"},
                        {"id": "d", "text": "D", "explanation": "no"},
                        {"id": "e", "text": "E", "explanation": "no"},
                    ],
                },
                {
                    "id": "weighted",
                    "type": "multiple",
                    "prompt": "Pick with weights.",
                    "options": [
                        {"id": "a", "text": "A", "correct": True, "credit": 0.5},
                        {"id": "b", "text": "B", "correct": True, "credit": 0.3333333},
                        {"id": "c", "text": "C", "correct": True, "credit": 0.1666667},
                        {"id": "d", "text": "D", "credit": -1},
                        {"id": "e", "text": "E", "credit": -0.25},
                        {"id": "f", "text": "F"},
                    ],
                },
                {
                    "id": "penalty",
                    "type": "single",
                    "prompt": "Pick one, with a penalty and a half.",
                    "options": [
                        {"id": "a", "text": "A", "correct": True},
                        {"id": "b", "text": "B", "credit": 0.5},
                        {"id": "c", "text": "C", "credit": -1},
                    ],
                },
                {
                    "id": "alternatives",
                    "type": "numeric",
                    "prompt": "When was Grant born?",
                    "answer": 1822,
                    "alternatives": [
                        {"answer": 1822, "tolerance": 2, "credit": 0.5},
                        {"range": [1800, 1850], "credit": 0.1},
                    ],
                    "distractors": [{"value": 1900, "explanation": "Too late."}],
                },
                {
                    "id": "partial-text",
                    "type": "text",
                    "prompt": "Which animal?",
                    "accepted": ["frog"],
                    "partial": [{"text": "toad", "credit": 0.8}, {"text": "newt", "credit": 0.2}],
                    "fuzzy": 0.75,
                },
                {
                    "id": "decoys",
                    "type": "matching",
                    "prompt": "Match.",
                    "pairs": [
                        {"id": "a", "left": "Cat", "right": "Mouse"},
                        {"id": "b", "left": "Dog", "right": "Bone"},
                    ],
                    "distractors": ["Chat", "Bark"],
                },
                {
                    "id": "reflect",
                    "type": "reflection",
                    "prompt": "What will you try next week?",
                    "model_answer": "One small change, measured.",
                    "max_length": 40,
                },
                {
                    "id": "unicode",
                    "type": "text",
                    "prompt": "Café?",
                    "accepted": ["café crème", "naïve"],
                    "fuzzy": 0.85,
                    "explanation": "Accents count.",
                },
            ],
        }
    )


def long_text_variants() -> list[str]:
    """Typos of the long answer, for the autojunk path."""
    return [
        LONG_ANSWER,
        LONG_ANSWER.replace("organisation", "organization"),
        LONG_ANSWER[:150],
        LONG_ANSWER[40:],
        LONG_ANSWER.replace(" ", ""),
        " ".join(reversed(LONG_ANSWER.split())),
        LONG_ANSWER.upper(),
        "e" * 250,
        LONG_ANSWER + " and more words at the end of it",
    ]
