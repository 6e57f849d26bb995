"""kill -9 of the room server mid-question, then ``--resume``: nothing committed is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from tests.room.conftest import ROOM_BANK, Client
from toolkit.cli.lab import free_port
from toolkit.quiz.store import ProgressStore


def _start(args: list[str], env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``smlab room`` and return it with its printed projector URL."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-u", "-m", "toolkit.cli", "room", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = log.read_text().splitlines()
        urls = [line.split(": ", 1)[1] for line in lines if "Projector" in line]
        if urls and len(urls) >= args.count("--resume") + 1:
            return process, urls[-1].strip()
        assert process.poll() is None, log.read_text()
        time.sleep(0.1)
    raise AssertionError(f"the room did not start:\n{log.read_text()}")


def _wait_connect(url: str) -> Client:
    deadline = time.monotonic() + 20
    while True:
        try:
            return Client(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_kill_9_mid_question_loses_no_committed_answer(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(yaml.safe_dump(ROOM_BANK), encoding="utf-8")
    store_path = tmp_path / "data" / "progress.sqlite3"
    env = {**os.environ, "SMLAB_DATA_DIR": str(tmp_path / "data")}
    port = free_port("127.0.0.1", preferred=0)
    log = tmp_path / "room.log"
    common = ["--port", str(port), "--store", str(store_path)]
    process, projector = _start([str(bank), *common], env, log)
    token = projector.split("token=")[1]
    code = next(
        line.split()[1].rstrip(":")
        for line in log.read_text().splitlines()
        if line.startswith("Room ")
    )
    ws = f"ws://127.0.0.1:{port}/ws"
    host = _wait_connect(ws)
    host.send({"type": "host", "token": token})
    host.until("host")
    phones: dict[str, tuple[Client, str]] = {}
    for name in ("Ada", "Grace", "Linus", "Edsger"):
        phone = Client(ws)
        phone.send({"type": "join", "code": code, "name": name})
        phones[name] = (phone, phone.until("welcome")["secret"])
        phone.until("state")
    host.send({"type": "start", "limit": 240})
    answered: dict[str, Any] = {}
    for position, name in enumerate(("Ada", "Grace", "Linus")):  # Edsger has not answered
        phone = phones[name][0]
        keys = [c["key"] for c in phone.until("state", phase="running")["question"]["choices"]]
        phone.send({"type": "answer", "number": 1, "response": keys[position]})
        assert phone.until("state")["answered"] is True  # acknowledged: committed
        answered[name] = keys[position]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    for phone, _ in phones.values():
        phone.close()
    host.close()

    restarted, projector_again = _start(["--resume", code, *common], env, log)
    try:
        assert projector_again == projector  # the same host link works again
        host = _wait_connect(ws)
        host.send({"type": "host", "token": token})
        view = host.until("host")
        assert (view["phase"], view["answered"], view["players"]) == ("running", 3, 4)
        for name, (_, secret) in phones.items():
            phone = Client(ws)
            phone.send({"type": "resume", "secret": secret})
            state = phone.until("state")
            assert state["you"]["name"] == name
            assert state["answered"] is (name in answered)
            assert state.get("response") == answered.get(name)
            phone.close()
        host.send({"type": "reveal"})
        revealed = host.until("host", phase="revealed")
        assert revealed["distribution"]["answered"] == 3
    finally:
        restarted.send_signal(signal.SIGINT)
        restarted.wait(timeout=20)
    with ProgressStore(store_path) as store:
        stored = store.attempts()
    assert sorted(stored["learner"]) == sorted(f"room:{code}:{n}" for n in answered)

    out = tmp_path / "results.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit.cli",
            "room",
            "--results",
            code,
            "--out",
            str(out),
            "--store",
            str(store_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = pd.read_csv(out)
    assert len(results) == 4  # four players, one revealed question
    by_player = results.set_index("team")
    assert not by_player.loc["Edsger", "answered"]
    assert by_player.loc["Ada", "answered"]
    assert json.loads(by_player.loc["Ada", "response"]) in (
        "q-single",
        "opt-right-k1",
        "opt-wrong-k2",
        "opt-wrong-k3",
    )
