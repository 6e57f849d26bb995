"""Learners read the course, not its plumbing: no source-file talk, file names or snake_case."""

from __future__ import annotations

import re

import pytest

from tests.content.lesson_text import STEMS, load, prose

_SEED = re.compile(r"\bseed", re.IGNORECASE)
_FILE_NAME = re.compile(r"\b[\w-]+\.(?:txt|csv|ya?ml|ipynb|py|json|toml)\b")
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


@pytest.mark.parametrize("stem", STEMS)
def test_no_text_mentions_seed(stem: str) -> None:
    found = [text[:80] for text in load(stem).texts() if _SEED.search(text)]
    assert not found, f"{stem}: learner-facing text mentions 'seed': {found}"


@pytest.mark.parametrize("stem", STEMS)
def test_no_file_names_or_snake_case_outside_code(stem: str) -> None:
    found = []
    for text in load(stem).texts():
        readable = prose(text)
        found += _FILE_NAME.findall(readable) + _SNAKE.findall(readable)
    assert not found, f"{stem}: learners would read internal names: {sorted(set(found))}"


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("As seed text 003 says", True),
        ("Seeded data", True),
        ("the `seed=2` argument", True),  # 'seed' counts even in code: no source-file talk
        ("Lessons build on each other", False),
    ],
)
def test_the_seed_rule(text: str, bad: bool) -> None:
    assert bool(_SEED.search(text)) is bad


def test_code_spans_and_link_targets_are_not_prose() -> None:
    readable = prose("Open [lesson 01](01-why.ipynb) and call `toolkit.sla_compliance(data)`.")
    assert not _FILE_NAME.findall(readable)
    assert not _SNAKE.findall(readable)
    assert _SNAKE.findall(prose("the sla_compliance column"))
