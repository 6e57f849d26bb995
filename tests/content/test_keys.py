"""Corrected keys and facts in lessons 00-05, recomputed from the toolkit or the record."""

from __future__ import annotations

import re
from typing import Any

import pytest

import toolkit
from tests.content.lesson_text import load


def _question(stem: str, question_id: str) -> dict[str, Any]:
    for question in load(stem).questions:
        if question["id"] == question_id:
            return question
    raise AssertionError(f"{stem}: no question {question_id}")


def _correct_text(question: dict[str, Any]) -> str:
    (option,) = [option for option in question["options"] if option.get("correct")]
    return str(option["text"])


@pytest.fixture(scope="module")
def pooled_keys() -> Any:
    return toolkit.dora_four_keys(toolkit.load_deployments(), changes=toolkit.load_commits())


def test_dora_cfr_level_is_keyed_to_the_closest_cluster(pooled_keys: Any) -> None:
    rate = pooled_keys.loc["change_failure_rate", "value"]
    question = _question("04-change-enablement", "dora-cfr-level")
    assert f"{rate:.1%}" in question["prompt"]
    expected = toolkit.dora_closest_cluster("change_failure_rate", rate)
    assert _correct_text(question).casefold() == expected == "high"


def test_dora_cfr_value_is_the_data(pooled_keys: Any) -> None:
    question = _question("04-change-enablement", "dora-cfr-value")
    rate = pooled_keys.loc["change_failure_rate", "value"] * 100
    assert question["answer"] == pytest.approx(rate, abs=question["tolerance"])


def test_lead_time_is_keyed_as_its_closest_cluster(pooled_keys: Any) -> None:
    question = _question("04-change-enablement", "lead-time-per-change")
    hours = pooled_keys.loc["lead_time", "value"]
    assert question["answer"] == pytest.approx(hours, abs=question["tolerance"])
    cluster = toolkit.dora_closest_cluster("lead_time", hours)
    assert f"closest to the {cluster} cluster" in question["explanation"]


def test_elite_cfr_is_the_published_value() -> None:
    bands = toolkit.dora_bands().query("key == 'change_failure_rate'").set_index("level")
    question = _question("04-change-enablement", "elite-cfr")
    assert _correct_text(question) == bands.loc["elite", "published"]


def test_no_checkpoint_question_about_the_app_outside_lesson_00() -> None:
    gone = {
        "03-outcomes-not-outputs": "minimum-sample",
        "04-change-enablement": "why-name-the-report",
    }
    for stem, question_id in gone.items():
        assert question_id not in {q["id"] for q in load(stem).marked}, (stem, question_id)


def test_one_percent_week_keys_the_compounded_value() -> None:
    question = _question("02-compound-improvement", "one-percent-week")
    assert float(_correct_text(question)) == pytest.approx(
        toolkit.compound(0.01, 52).iloc[-1], abs=0.005
    )
    texts = " ".join(load("02-compound-improvement").texts())
    assert "two-thirds" not in texts


def test_post_office_closures_are_flagged_and_never_quizzed() -> None:
    lesson = load("01-why-governance-matters")
    bank = " ".join(lesson.bank_texts())
    assert not re.search(r"offices? closed|3 (?:in|out of) 10", bank), (
        "the closures figure is quizzed"
    )
    shown = [text for text in lesson.markdown if re.search(r"3 (?:in|out of) 10", text)]
    assert shown
    assert all("no primary source" in " ".join(text.split()) for text in shown)


def test_itil_v3_is_dated_2007() -> None:
    texts = " ".join(" ".join(load("03-outcomes-not-outputs").texts()).split())
    assert "in 2007" in texts
    assert "ITIL v3 in 2008" not in texts
