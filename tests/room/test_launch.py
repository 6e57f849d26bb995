"""``toolkit.open_room`` from a notebook: a background server that shows its links and stops."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import toolkit
from tests.room.conftest import ROOM_BANK
from toolkit.quiz.model import Bank


def test_open_room_serves_in_the_background_and_stops(tmp_path: Path) -> None:
    server = toolkit.open_room(Bank.model_validate(ROOM_BANK), store=tmp_path / "p.sqlite3")
    try:
        assert server.running
        page = urllib.request.urlopen(server.join_url, timeout=10).read().decode()
        assert "/static/player.js" in page
        shown = server._repr_html_()
        assert server.room.code in shown
        assert "<svg" in shown  # the QR code, made locally
        qr = urllib.request.urlopen(f"{server.join_url}qr.svg", timeout=10)
        assert qr.headers["Content-Type"].startswith("image/svg+xml")
    finally:
        server.stop()
    assert not server.running
    results = toolkit.room_results(server.room.code, store=tmp_path / "p.sqlite3")
    assert results.empty  # nothing was revealed
    assert list(results.columns)[:4] == ["number", "question_id", "question_type", "team"]


def test_open_room_needs_questions_or_a_room_to_resume(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(ValueError, match="give the questions"):
        toolkit.open_room(store=tmp_path / "p.sqlite3")
    with pytest.raises(FileNotFoundError, match="no quiz for the lesson 'nope'"):
        toolkit.open_room("nope", store=tmp_path / "p.sqlite3")
