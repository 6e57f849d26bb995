"""``dump_bank``: YAML that ``load_bank`` reads back equal, in the shipped banks' style."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quiz.formats.helpers import load, shipped_banks, without_path
from toolkit.quiz import Bank, load_bank
from toolkit.quiz.formats import read_bank, write_bank
from toolkit.quiz.formats.yaml_bank import SCHEMA_LINE, dump_bank
from toolkit.quiz.loader import parse_bank


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_round_trips_exactly(path: Path, tmp_path: Path) -> None:
    bank = load(path)
    out = tmp_path / path.name
    assert write_bank(bank, out) == []
    assert load(out) == bank


def test_the_dump_looks_like_a_shipped_bank(tmp_path: Path) -> None:
    bank = load_bank(shipped_banks()[0])
    text = dump_bank(bank)
    lines = text.split("\n")
    assert lines[0] == SCHEMA_LINE
    assert lines[1] == f"id: {bank.id}"
    assert "questions:" in lines
    first = lines.index("questions:")
    assert lines[first + 1].startswith("  - id: ")
    # a blank line before every question but the first, none elsewhere at that level
    starts = [n for n, line in enumerate(lines) if line.startswith("  - id: ")]
    assert len(starts) == len(bank.questions)
    assert all(lines[n - 1] == "" for n in starts[1:])
    assert "\n\n\n" not in text
    assert max(len(line) for line in lines) < 130


def _demo(**question: object) -> Bank:
    base = {"id": "q1", "prompt": "Pick one"}
    return Bank.model_validate(
        {"id": "demo", "title": "Demo", "lesson": "demo", "questions": [base | question]}
    )


def test_text_yaml_would_misread_is_quoted_and_lists_of_words_are_flow() -> None:
    bank = _demo(
        type="single",
        tags=["compounding", "gap-closing"],
        options=[
            {"id": "a", "text": "1.68", "correct": True, "explanation": "yes"},
            {"id": "b", "text": "no", "explanation": "Tempting: but no # not this"},
            {"id": "c", "text": "- not a list", "explanation": "@ first"},
        ],
    )
    text = dump_bank(bank)
    assert 'text: "1.68"' in text
    assert 'text: "no"' in text
    assert "tags: [compounding, gap-closing]" in text
    assert "correct: true" in text
    assert _read(text) == bank


def _read(text: str) -> Bank:
    bank, problems = parse_bank(text, file="dumped.yaml")
    assert bank is not None, problems
    return bank


def test_long_text_is_folded_and_multi_line_text_is_literal(tmp_path: Path) -> None:
    long = " ".join(["compounding"] * 20)
    bank = _demo(
        type="true_false",
        answer=True,
        explanation_true=long,
        explanation_false="Line one\n\n- a list\n- in Markdown",
    )
    text = dump_bank(bank)
    assert "explanation_true: >-\n" in text
    assert "explanation_false: |-\n" in text
    out = tmp_path / "demo.yaml"
    out.write_text(text, encoding="utf-8")
    assert without_path(load_bank(out)) == bank


def test_numbers_are_written_plainly() -> None:
    bank = _demo(
        type="numeric",
        answer=23.0,
        tolerance=0.0,
        explanation="x",
        distractors=[{"value": 0.0255, "explanation": "y"}],
    )
    data = yaml.safe_load(dump_bank(bank))
    question = data["questions"][0]
    assert question["answer"] == 23
    assert isinstance(question["answer"], int)
    assert question["tolerance"] == 0
    assert question["distractors"] == [{"value": 0.0255, "explanation": "y"}]


def test_read_bank_reads_yaml_like_load_bank() -> None:
    path = shipped_banks()[0]
    assert read_bank(path) == load_bank(path)


_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs",), include_characters="\n\t :#-'\"{}[]|>"
    ),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None)
@given(prompt=_TEXT, explanation=_TEXT, tag=st.text(string.ascii_letters + " -:#", min_size=1))
def test_any_text_survives_the_round_trip(prompt: str, explanation: str, tag: str) -> None:
    if not tag.strip():
        tag = "t"
    bank = _demo(
        type="true_false",
        prompt=prompt,
        answer=False,
        tags=[tag],
        explanation_true=explanation,
        explanation_false=explanation + " and more",
    )
    assert _read(dump_bank(bank)) == bank
