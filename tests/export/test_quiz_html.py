"""The quiz page: one file, nothing loaded, bank text sanitised, grading data complete."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.export.hostile import hostile_bank
from tests.export.offline_html import references, remote_loads
from toolkit.export.errors import ExportError
from toolkit.export.quiz_html import export_quiz, quiz_data, quiz_page
from toolkit.export.resolve import known_banks, resolve_bank
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import Numeric
from toolkit.quiz.sanitize import ALLOWED_TAGS


def csp_of(page: str) -> str:
    found = references(page)
    for tag, attrs in found.tags:
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            return attrs.get("content") or ""
    raise AssertionError("no Content-Security-Policy")


@pytest.fixture(scope="module")
def page_02() -> str:
    return quiz_page(load_bank(resolve_bank("02-compound-improvement")))


def test_one_file_with_nothing_to_load(page_02: str) -> None:
    found = references(page_02)
    assert found.loads == []  # no src, no <link href>: styles and scripts are inline
    assert remote_loads(page_02) == []
    assert "http://" not in page_02.replace("http://www.w3.org", "")
    kinds = [attrs.get("type") for attrs, _ in found.scripts]
    assert kinds == ["application/json", None]


def test_content_security_policy_allows_only_the_page_script(page_02: str) -> None:
    policy = csp_of(page_02)
    assert "default-src 'none'" in policy
    (_, code) = references(page_02).scripts[1]
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy


def test_data_carries_what_the_grader_needs(page_02: str) -> None:
    bank = load_bank(resolve_bank("02-compound-improvement"))
    data = json.loads(references(page_02).scripts[0][1])
    assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
    assert data["max_points"] == bank.max_points
    for question, shown in zip(bank.questions, data["questions"], strict=True):
        if isinstance(question, Numeric):
            low, high = question.bounds
            assert shown["grading"]["low"] <= low
            assert shown["grading"]["high"] >= high
            assert shown["grading"]["high"] - high < 1e-6 * max(1.0, abs(high))


def test_options_are_shuffled_reproducibly_and_unshuffled_on_request() -> None:
    bank = load_bank(resolve_bank("02-compound-improvement"))
    first, again = quiz_data(bank), quiz_data(bank)
    assert first == again
    orders = [
        [o["id"] for o in q["display"]["options"]]
        for q in first["questions"]
        if "options" in q["display"]
    ]
    written = [[o.id for o in q.options] for q in bank.questions if hasattr(q, "options")]
    assert orders != written  # shuffled somewhere
    for question, shown in zip(bank.questions, first["questions"], strict=True):
        if hasattr(question, "options") and not question.shuffle:
            assert [o["id"] for o in shown["display"]["options"]] == [
                o.id for o in question.options
            ]


@pytest.mark.parametrize("bank_id", known_banks())
def test_every_shipped_bank_exports(bank_id: str, tmp_path: Path) -> None:
    path = export_quiz(bank_id, tmp_path / f"{bank_id}.html")
    page = path.read_text(encoding="utf-8")
    assert remote_loads(page) == []
    assert references(page).loads == []


def test_default_path_and_bank_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert export_quiz("2") == Path("exports/02-compound-improvement.quiz.html")
    assert (tmp_path / "exports/02-compound-improvement.quiz.html").is_file()
    source = resolve_bank("00")
    assert export_quiz(source, tmp_path / "x.html").is_file()


def test_unknown_bank_lists_the_banks(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"no question bank 'nope'.*00-start-here"):
        export_quiz("nope", tmp_path / "x.html")


def test_a_broken_bank_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: B\nlesson: x\nquestions: []\n", encoding="utf-8")
    with pytest.raises(ExportError, match="has problems"):
        export_quiz(broken, tmp_path / "x.html")


def test_hostile_bank_text_is_never_markup() -> None:
    page = quiz_page(hostile_bank())
    assert "<script>window.__pwned" not in page
    assert "<img" not in page
    assert "<svg" not in page
    found = references(page)
    assert len(found.scripts) == 2
    for tag, attrs in found.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert not [href for href in found.anchors if "javascript" in href.lower()]
    data_text = found.scripts[0][1]
    assert "</" not in data_text
    data = json.loads(data_text)
    fragments: list[str] = []

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and (key.endswith("_html") or key == "html"):
            fragments.append(str(value))

    walk(data)
    assert fragments
    for fragment in fragments:  # every HTML fragment the page inserts is sanitised
        for tag in re.findall(r"<\s*([a-zA-Z0-9]+)", fragment):
            assert tag.lower() in ALLOWED_TAGS, (tag, fragment)
        assert "javascript:" not in fragment.replace("[click me](javascript:", "")
