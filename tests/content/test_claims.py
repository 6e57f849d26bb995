"""Every figure a lesson or its bank quotes is claimed: a cited source, or the toolkit's own sum."""

from __future__ import annotations

import math
import re
import warnings
from typing import Any

import pandas as pd
import pytest
import yaml

import toolkit
from tests.content.lesson_text import (
    STEMS,
    claims_path,
    figure_value,
    figures,
    load,
    matches,
)


def read_claims(stem: str) -> dict[str, Any]:
    path = claims_path(stem)
    if not path.is_file():
        pytest.fail(f"{stem}: no claims file quizzes/claims/{path.name}", pytrace=False)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: must be a mapping"
    assert data.get("lesson") == stem, f"{path.name}: lesson: must be {stem}"
    return data


def _squash(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"[\s*_]+", " ", text).casefold()


@pytest.mark.parametrize("stem", STEMS)
def test_every_figure_is_claimed(stem: str) -> None:
    lesson = load(stem)
    claimed = {str(claim["figure"]) for claim in read_claims(stem).get("claims") or []}
    missing: dict[str, str] = {}
    for text in lesson.texts():
        for figure in figures(text):
            if figure not in claimed:
                missing.setdefault(figure, " ".join(text.split())[:70])
    assert not missing, f"{stem}: figures with no claim (figure: where): {missing}"


@pytest.mark.parametrize("stem", STEMS)
def test_every_claim_is_quoted_and_backed(stem: str) -> None:
    lesson = load(stem)
    data = read_claims(stem)
    sources = {source["id"] for source in data.get("sources") or []}
    quoted = {figure for text in lesson.texts() for figure in figures(text)}
    for claim in data.get("claims") or []:
        figure = str(claim["figure"])
        assert claim.get("says"), f"{stem}: claim {figure!r} has no says:"
        assert ("source" in claim) != ("computed" in claim), (
            f"{stem}: claim {figure!r} needs exactly one of source: or computed:"
        )
        if "source" in claim:
            assert claim["source"] in sources, (
                f"{stem}: claim {figure!r} cites {claim['source']!r}, not in sources: {sources}"
            )
        assert figure in quoted, f"{stem}: claim {figure!r} is not quoted in the lesson or bank"


@pytest.mark.parametrize("stem", STEMS)
def test_computed_claims_recompute(stem: str) -> None:
    wrong = {}
    for claim in read_claims(stem).get("claims") or []:
        if "computed" not in claim:
            continue
        with warnings.catch_warnings():  # a claim's value is under test, not its warnings
            warnings.simplefilter("ignore")
            value = float(eval(claim["computed"], {"toolkit": toolkit, "math": math, "pd": pd}))
        if not matches(str(claim["figure"]), value):
            wrong[str(claim["figure"])] = (claim["computed"], value)
    assert not wrong, f"{stem}: computed claims that do not recompute: {wrong}"


@pytest.mark.parametrize("stem", STEMS)
def test_every_source_is_cited_in_the_sources_section(stem: str) -> None:
    lesson = load(stem)
    section = _squash(lesson.sources_section())
    for source in read_claims(stem).get("sources") or []:
        for field in ("title", "author"):
            assert _squash(str(source[field])) in section, (
                f"{stem}: source {source['id']!r}: its {field} {source[field]!r} is not in the "
                "lesson's closing Sources section"
            )
        dated = isinstance(source.get("year"), int)
        undated = source.get("undated") is True and "year" not in source
        assert dated != undated, (
            f"{stem}: source {source['id']!r}: give its year, or undated: true when the source "
            "itself gives none (never a guessed year)"
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1% a week for 52 weeks is x1.68", ["1%", "52", "1.68"]),
        ("See lesson 05 and lessons 03, 04 and 05 at 12:30", []),
        ("Each lesson takes 10-20 minutes, P1 in 4 hours, ITIL 4", []),
        ("Between 1999 and 2015, about 900 of 20,000; 7 of 12", ["1999", "2015", "900", "20,000"]),
        ("`xmr(data, fix_after=24)` then 98 %", ["98%"]),
    ],
)
def test_which_figures_need_a_claim(text: str, expected: list[str]) -> None:
    assert figures(text) == expected


def test_precision_is_half_the_last_digit() -> None:
    assert figure_value("1.68") == (1.68, pytest.approx(0.005))
    assert matches("1.68", 1.6777)
    assert not matches("1.68", 1.6749)
    assert matches("10.8%", 0.108)
    assert matches("10.8%", 10.8)
    assert not matches("10.8%", 0.11)
    assert matches("20,000", 20_000.4)
