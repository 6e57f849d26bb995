"""Server-side truth: no answer key before the reveal, no late, double or forged answers."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from tests.room.conftest import ROOM_BANK, SECRETS, LiveRoom


def any_answer(question: dict[str, Any]) -> Any:
    """A well-formed answer to the question a phone was shown (right or wrong)."""
    keys = [choice["key"] for choice in question.get("choices", [])]
    kind = question["type"]
    if kind in ("multiple", "ordering"):
        return keys
    if kind == "matching":
        return {left["key"]: keys[i] for i, left in enumerate(question["lefts"])}
    if kind in ("numeric", "text"):
        return "42"
    return keys[0]


def test_no_phone_sees_a_key_or_explanation_before_the_reveal(
    live_room: Callable[..., LiveRoom],
) -> None:
    live = live_room()
    host = live.host()
    phones = [live.player(name)[0] for name in ("Ada", "Grace", "Linus")]
    for number, question in enumerate(ROOM_BANK["questions"], start=1):
        for phone in phones:
            phone.raw.clear()
        host.send({"type": "start"})
        views = [phone.until("state", phase="running") for phone in phones]
        assert views[0]["question"]["number"] == number, views
        for phone, view in zip(phones, views, strict=True):
            phone.send(
                {"type": "answer", "number": number, "response": any_answer(view["question"])}
            )
            assert phone.until("state")["answered"] is True
        before = "".join(text for phone in phones for text in phone.raw)
        leaked = [word for word in SECRETS[question["id"]] if word in before]
        assert leaked == [], f"{question['id']}: a phone received {leaked} before the reveal"
        host.send({"type": "reveal"})
        revealed = [phone.until("state", phase="revealed") for phone in phones]
        # The same record of messages does show the explanations after the reveal.
        assert "EXPLAIN-" in json.dumps(revealed[0]) or question["type"] == "poll"
        host.send({"type": "next"})
        for phone in phones:
            phone.until("state")


def test_a_late_answer_is_refused_and_not_stored(live_room: Callable[..., LiveRoom]) -> None:
    live = live_room()
    host = live.host()
    phone, _ = live.player("Ada")
    host.send({"type": "start", "limit": 5})
    view = phone.until("state", phase="running")
    real = live.room.clock.source
    live.room.clock.source = lambda: real() + 6  # the server's clock is now past the limit
    phone.send({"type": "answer", "number": 1, "response": any_answer(view["question"])})
    assert "Time is up" in phone.until("error")["message"]
    assert live.room.store.attempts().empty


def test_a_second_answer_is_refused_and_the_first_stands(
    live_room: Callable[..., LiveRoom],
) -> None:
    live = live_room()
    host = live.host()
    phone, _ = live.player("Ada")
    host.send({"type": "start"})
    keys = [c["key"] for c in phone.until("state", phase="running")["question"]["choices"]]
    phone.send({"type": "answer", "number": 1, "response": keys[0]})
    phone.until("state")
    phone.send({"type": "answer", "number": 1, "response": keys[1]})
    assert "already answered" in phone.until("error")["message"]
    stored = live.room.store.attempts()
    assert len(stored) == 1
    assert stored["learner"].tolist() == [f"room:{live.room.code}:Ada"]
    assert stored["mode"].tolist() == ["room"]


def test_answers_to_another_question_or_malformed_are_refused(
    live_room: Callable[..., LiveRoom],
) -> None:
    live = live_room()
    host = live.host()
    phone, _ = live.player("Ada")
    phone.send({"type": "answer", "number": 1, "response": "c0"})
    assert "No question is open" in phone.until("error")["message"]
    host.send({"type": "start"})
    phone.until("state", phase="running")
    phone.send({"type": "answer", "number": 2, "response": "c0"})
    assert "another question" in phone.until("error")["message"]
    phone.send({"type": "answer", "number": 1, "response": "opt-right-k1"})
    assert "not one of the options" in phone.until("error")["message"]
    phone.send({"type": "answer", "number": 1, "response": {"__proto__": 1}})
    assert "not one of the options" in phone.until("error")["message"]
    phone.send("not json at all")
    assert "could not be read" in phone.until("error")["message"]
    phone.send(json.dumps({"type": "answer", "response": "x" * 5000}))
    assert "could not be read" in phone.until("error")["message"]
    assert live.room.store.attempts().empty


@pytest.mark.parametrize("command", ["start", "reveal", "next", "skip", "finish", "view"])
def test_a_participant_cannot_send_host_commands(
    live_room: Callable[..., LiveRoom], command: str
) -> None:
    live = live_room()
    phone, _ = live.player("Mallory")
    phone.send({"type": command, "token": "guess"})
    assert phone.until("error")["message"] == "Only the host can do that."
    assert live.room.host.phase == "ready"


def test_a_wrong_host_token_is_refused(live_room: Callable[..., LiveRoom]) -> None:
    live = live_room()
    intruder = live.client()
    intruder.send({"type": "host", "token": "0" * 32})
    assert intruder.until("error")["message"] == "Only the host can do that."
    intruder.send({"type": "start"})
    assert intruder.until("error")["message"] == "Only the host can do that."
    assert live.room.host.phase == "ready"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("<img src=x onerror=alert(1)>", "cannot hold < > or `"),
        ("<script>alert(1)</script>", "cannot hold < > or `"),
        ("Ada\u202eevil", "invisible or control"),
        ("zero\u200bwidth", "invisible or control"),
        ("x" * 25, "24 characters"),
        ("   ", "Type a nickname"),
    ],
)
def test_hostile_nicknames_are_refused(
    live_room: Callable[..., LiveRoom], name: str, message: str
) -> None:
    live = live_room()
    phone = live.client()
    phone.send({"type": "join", "code": live.room.code, "name": name})
    assert message in phone.until("error")["message"]
    assert live.room.players == {}


def test_nicknames_are_unique_ignoring_case_and_the_code_must_match(
    live_room: Callable[..., LiveRoom],
) -> None:
    live = live_room()
    live.player("Ada")
    twin = live.client()
    twin.send({"type": "join", "code": live.room.code, "name": "  ADA "})
    assert "already called" in twin.until("error")["message"]
    stranger = live.client()
    stranger.send({"type": "join", "code": "WRONG", "name": "Eve"})
    assert "not this room's code" in stranger.until("error")["message"]
    assert [p.name for p in live.room.players.values()] == ["Ada"]


def test_a_phone_resumes_as_the_same_player(live_room: Callable[..., LiveRoom]) -> None:
    live = live_room()
    host = live.host()
    phone, welcome = live.player("Ada")
    host.send({"type": "start"})
    keys = [c["key"] for c in phone.until("state", phase="running")["question"]["choices"]]
    phone.send({"type": "answer", "number": 1, "response": keys[1]})
    phone.until("state")
    phone.close()
    again = live.client()
    again.send({"type": "resume", "secret": welcome["secret"]})
    assert "secret" not in again.until("welcome")
    view = again.until("state")
    assert (view["you"]["name"], view["answered"], view["response"]) == ("Ada", True, keys[1])
    assert len(live.room.players) == 1
    forged = live.client()
    forged.send({"type": "resume", "secret": "not-a-secret"})
    assert "join again" in forged.until("error")["message"]


def test_a_flood_is_rate_limited_then_cut_off(live_room: Callable[..., LiveRoom]) -> None:
    live = live_room()
    phone, _ = live.player("Flood")
    for _ in range(120):
        phone.send({"type": "ping"})
    replies: list[dict[str, Any]] = []

    def read_until_closed() -> None:
        while True:
            replies.append(phone.recv(timeout=5))

    with pytest.raises(ConnectionClosed):
        read_until_closed()
    kinds = [reply["type"] for reply in replies]
    assert kinds.count("pong") <= 25  # the burst, and what refilled meanwhile
    assert "Slow down: too many messages." in [r.get("message") for r in replies]
    # Another phone is not affected.
    other, _ = live.player("Calm")
    other.send({"type": "ping"})
    assert other.until("pong")["type"] == "pong"


def test_team_mates_share_one_answer(live_room: Callable[..., LiveRoom]) -> None:
    live = live_room(teams=["Owls", "Larks"])
    host = live.host()
    ada, _ = live.player("Ada", team="owls")
    bob, _ = live.player("Bob", team="Owls")
    refused = live.client()
    refused.send({"type": "join", "code": live.room.code, "name": "Cy", "team": "Hawks"})
    assert "Choose one of the teams" in refused.until("error")["message"]
    host.send({"type": "start"})
    keys = [c["key"] for c in ada.until("state", phase="running")["question"]["choices"]]
    bob.until("state", phase="running")
    ada.send({"type": "answer", "number": 1, "response": keys[0]})
    ada.until("state")
    seen = bob.until("state")
    assert (seen["answered"], seen["answered_by"]) == (True, "Ada")
    bob.send({"type": "answer", "number": 1, "response": keys[1]})
    assert "Your team has already answered" in bob.until("error")["message"]
    time.sleep(0.05)
    assert live.room.store.attempts()["learner"].tolist() == [f"room:{live.room.code}:Owls"]
