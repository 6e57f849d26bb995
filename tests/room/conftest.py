"""A real room server on 127.0.0.1 (uvicorn in a thread) and WebSocket clients that record."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from toolkit.quiz.model import Bank
from toolkit.quiz.store import ProgressStore
from toolkit.room.server import RoomServer
from toolkit.room.state import Room

#: Every explanation, id and accepted answer is distinctive, so a leak is easy to spot.
ROOM_BANK: dict[str, Any] = {
    "id": "room-demo",
    "title": "Room demo",
    "lesson": "room-demo",
    "questions": [
        {
            "id": "q-single",
            "type": "single",
            "prompt": "Which one is *right*?",
            "options": [
                {
                    "id": "opt-right-k1",
                    "text": "Alpha",
                    "correct": True,
                    "explanation": "EXPLAIN-ALPHA-RIGHT",
                },
                {"id": "opt-wrong-k2", "text": "Bravo", "explanation": "EXPLAIN-BRAVO-WRONG"},
                {"id": "opt-wrong-k3", "text": "Charlie", "explanation": "EXPLAIN-CHARLIE"},
            ],
        },
        {
            "id": "q-multiple",
            "type": "multiple",
            "prompt": "Pick the two right ones.",
            "options": [
                {"id": "m-right-1", "text": "One", "correct": True, "explanation": "EXPLAIN-M1"},
                {"id": "m-wrong-2", "text": "Two", "explanation": "EXPLAIN-M2"},
                {"id": "m-right-3", "text": "Three", "correct": True, "explanation": "EXPLAIN-M3"},
            ],
        },
        {
            "id": "q-tf",
            "type": "true_false",
            "prompt": "The sky is blue.",
            "answer": True,
            "explanation_true": "EXPLAIN-TF-TRUE",
            "explanation_false": "EXPLAIN-TF-FALSE",
        },
        {
            "id": "q-numeric",
            "type": "numeric",
            "prompt": "1.01 to the 52nd power, to two places?",
            "answer": 1.68,
            "tolerance": 0.01,
            "explanation": "EXPLAIN-NUMERIC",
        },
        {
            "id": "q-text",
            "type": "text",
            "prompt": "The fruit in the SLA story?",
            "accepted": ["watermelonsecret"],
            "explanation": "EXPLAIN-TEXT",
        },
        {
            "id": "q-order",
            "type": "ordering",
            "prompt": "Put in order.",
            "items": [
                {"id": "step-1-first", "text": "First"},
                {"id": "step-2-second", "text": "Second"},
                {"id": "step-3-third", "text": "Third"},
            ],
            "explanation": "EXPLAIN-ORDER",
        },
        {
            "id": "q-match",
            "type": "matching",
            "prompt": "Match them.",
            "pairs": [
                {"id": "pair-x", "left": "Cat", "right": "Meow"},
                {"id": "pair-y", "left": "Dog", "right": "Woof"},
            ],
            "explanation": "EXPLAIN-MATCH",
        },
        {
            "id": "q-scenario",
            "type": "scenario",
            "prompt": "It depends.",
            "depends_on": "DEPENDS-ON-SECRET",
            "options": [
                {"id": "sc-best", "text": "Best", "credit": 1, "explanation": "EXPLAIN-SC-BEST"},
                {"id": "sc-half", "text": "Half", "credit": 0.5, "explanation": "EXPLAIN-SC-H"},
            ],
        },
        {
            "id": "q-poll",
            "type": "poll",
            "prompt": "How do you feel?",
            "options": [
                {"id": "poll-good", "text": "Good", "explanation": "EXPLAIN-POLL"},
                {"id": "poll-bad", "text": "Bad"},
            ],
        },
    ],
}

#: What a phone must never receive before the reveal of the question it belongs to.
SECRETS: dict[str, list[str]] = {
    "q-single": ["EXPLAIN-", "opt-right-k1", "opt-wrong", "correct"],
    "q-multiple": ["EXPLAIN-", "m-right", "m-wrong", "correct"],
    "q-tf": ["EXPLAIN-", 'answer":'],
    "q-numeric": ["EXPLAIN-", "1.68", "tolerance"],
    "q-text": ["EXPLAIN-", "watermelonsecret"],
    "q-order": ["EXPLAIN-", "step-"],
    "q-match": ["EXPLAIN-", "pair-"],
    "q-scenario": ["EXPLAIN-", "DEPENDS-ON-SECRET", "sc-best", "credit"],
    "q-poll": ["EXPLAIN-", "poll-good"],
}


class Client:
    """A WebSocket client that keeps every message it receives."""

    def __init__(self, url: str) -> None:
        self.socket: ClientConnection = connect(url, open_timeout=10, legacy=True)
        self.received: list[dict[str, Any]] = []
        self.raw: list[str] = []

    def send(self, message: dict[str, Any] | str) -> None:
        self.socket.send(message if isinstance(message, str) else json.dumps(message))

    def recv(self, timeout: float = 10.0) -> dict[str, Any]:
        text = self.socket.recv(timeout=timeout)
        assert isinstance(text, str)
        self.raw.append(text)
        message: dict[str, Any] = json.loads(text)
        self.received.append(message)
        return message

    def until(self, kind: str, timeout: float = 10.0, **match: Any) -> dict[str, Any]:
        """Read until a message of ``kind`` (and with ``match``'s values) arrives."""
        while True:
            message = self.recv(timeout)
            if message.get("type") == kind and all(message.get(k) == v for k, v in match.items()):
                return message

    def close(self) -> None:
        self.socket.close()


class LiveRoom:
    """A room served by uvicorn on 127.0.0.1 for one test."""

    def __init__(self, room: Room, server: RoomServer) -> None:
        self.room = room
        self.server = server
        self.ws_url = f"ws://127.0.0.1:{server.port}/ws"
        self.clients: list[Client] = []

    def client(self) -> Client:
        client = Client(self.ws_url)
        self.clients.append(client)
        return client

    def host(self) -> Client:
        host = self.client()
        host.send({"type": "host", "token": self.room.host_token})
        host.until("host")
        return host

    def player(self, name: str, **extra: Any) -> tuple[Client, dict[str, Any]]:
        phone = self.client()
        phone.send({"type": "join", "code": self.room.code, "name": name, **extra})
        welcome = phone.until("welcome")
        phone.until("state")
        return phone, welcome


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore(tmp_path / "data" / "progress.sqlite3") as opened:
        yield opened


@pytest.fixture
def live_room(store: ProgressStore) -> Iterator[Callable[..., LiveRoom]]:
    """Start rooms on free ports; every one is stopped after the test."""
    started: list[LiveRoom] = []

    def start(**options: Any) -> LiveRoom:
        room = Room.create(Bank.model_validate(ROOM_BANK), store=store, seed=7, **options)
        live = LiveRoom(room, RoomServer(room, port=0).start())
        started.append(live)
        return live

    yield start
    for live in started:
        for client in live.clients:
            client.close()
        live.server.stop()
