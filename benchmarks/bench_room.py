"""A live room under load: 200 phones answer one question; answer-to-host latency, answers lost.

200 simulated participants (asyncio WebSocket clients in this process, the server in its own
thread, all on 127.0.0.1) join a room and answer one question, each after a seeded delay
spread over two seconds as a room's thumbs are. Each answer is timed from the moment the
phone sends it until the projector's socket hears of it, which includes grading and the
store's durable commit (one transaction, one ``fsync`` per answer). Answers lost (not
acknowledged, not on the projector, or not in the store) must be 0.

The baseline, in the same run, is a bare WebSocket echo server (``websockets``) with the same
200 clients on the same schedule: the round trip an answer costs with no game and no disk.
Goal: p99 under 250 ms on a laptop.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve

from toolkit.quiz.model import Bank
from toolkit.quiz.store import ProgressStore
from toolkit.room.server import RoomServer
from toolkit.room.state import Room

PLAYERS = 200
SPREAD = 2.0  # seconds over which the answers arrive
TIMEOUT = 60.0


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _bank() -> Bank:
    return Bank.model_validate(
        {
            "id": "bench-room",
            "title": "Benchmark",
            "lesson": "bench",
            "questions": [
                {
                    "id": "q1",
                    "type": "single",
                    "prompt": "Pick one.",
                    "time_limit": 60,
                    "options": [
                        {"id": "a", "text": "A", "explanation": "No."},
                        {"id": "b", "text": "B", "correct": True, "explanation": "Yes."},
                        {"id": "c", "text": "C", "explanation": "No."},
                    ],
                }
            ],
        }
    )


async def _echo_round_trips(delays: list[float]) -> list[float]:
    async def echo(connection: ServerConnection) -> None:
        async for message in connection:
            await connection.send(message)

    async with serve(echo, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        sockets = [await connect(f"ws://127.0.0.1:{port}") for _ in delays]

        async def one(socket: Any, delay: float) -> float:
            await asyncio.sleep(delay)
            start = time.perf_counter()
            await socket.send(json.dumps({"type": "answer", "number": 1, "response": "c1"}))
            await socket.recv()
            return time.perf_counter() - start

        samples = await asyncio.gather(*(one(s, d) for s, d in zip(sockets, delays, strict=True)))
        for socket in sockets:
            await socket.close()
    return list(samples)


async def _room_round(url: str, room: Room, delays: list[float]) -> tuple[list[float], int]:
    host = await connect(url)
    await host.send(json.dumps({"type": "host", "token": room.host_token}))
    await host.recv()
    phones = []
    for n in range(len(delays)):
        phone = await connect(url)
        await phone.send(json.dumps({"type": "join", "code": room.code, "name": f"p{n}"}))
        await phone.recv()  # welcome
        await phone.recv()  # state
        phones.append(phone)
    sent: dict[str, float] = {}
    heard: dict[str, float] = {}

    async def projector() -> None:
        while len(heard) < len(delays):
            message = json.loads(await host.recv())
            if message.get("type") == "answered":
                heard[message["name"]] = time.perf_counter()

    async def answer(n: int, phone: Any, delay: float) -> bool:
        while json.loads(await phone.recv()).get("phase") != "running":
            pass
        await asyncio.sleep(delay)
        sent[f"p{n}"] = time.perf_counter()
        await phone.send(json.dumps({"type": "answer", "number": 1, "response": "c1"}))
        reply = json.loads(await phone.recv())
        return bool(reply.get("answered"))

    listening = asyncio.create_task(projector())
    await host.send(json.dumps({"type": "start"}))
    acknowledged = await asyncio.wait_for(
        asyncio.gather(
            *(answer(n, p, d) for n, (p, d) in enumerate(zip(phones, delays, strict=True)))
        ),
        TIMEOUT,
    )
    try:
        await asyncio.wait_for(listening, TIMEOUT)
    except TimeoutError:
        listening.cancel()
    for socket in [host, *phones]:
        await socket.close()
    latencies = [heard[name] - sent[name] for name in sent if name in heard]
    lost = len(delays) - min(sum(acknowledged), len(heard))
    return latencies, lost


def run() -> list[dict[str, Any]]:
    """Measure the room and the bare echo baseline; return p50 and p99 rows and answers lost."""
    rng = random.Random(13)
    delays = [rng.uniform(0, SPREAD) for _ in range(PLAYERS)]
    baseline = asyncio.run(_echo_round_trips(delays))
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "progress.sqlite3")
        room = Room.create(_bank(), store=store, seed=1)
        server = RoomServer(room).start()
        try:
            latencies, lost = asyncio.run(
                _room_round(f"ws://127.0.0.1:{server.port}/ws", room, delays)
            )
        finally:
            server.stop()
        stored = len(store.attempts())
        store.close()
    lost = max(lost, PLAYERS - stored)
    rows: list[dict[str, Any]] = []
    for label, share in (("p50", 0.5), ("p99", 0.99)):
        ours = _percentile(latencies, share) if latencies else float("nan")
        base = _percentile(baseline, share)
        rows.append(
            {
                "name": f"room answer-to-host {label} ({PLAYERS} phones)",
                "seconds": ours,
                "baseline": "bare WebSocket echo",
                "baseline_seconds": base,
                "ratio": base / ours,
                "target": "< 250 ms" if label == "p99" else "",
            }
        )
    rows.append(
        {
            "name": f"room answers lost ({PLAYERS} phones)",
            "seconds": None,
            "baseline": "",
            "note": f"{lost} lost, {stored} stored; must be 0 lost",
        }
    )
    if lost:
        raise AssertionError(f"{lost} of {PLAYERS} answers were lost")
    return rows


if __name__ == "__main__":  # pragma: no cover - python benchmarks/bench_room.py
    for row in run():
        print(row)
