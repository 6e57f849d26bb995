"""Bounded waits for kernel replies (Voila, export): a reply whose wake-up is lost is still read."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from toolkit import kernel_replies
from toolkit.cli.lab import server_command


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coroutine`` on a fresh event loop in its own thread.

    Playwright's sync API (the browser tests, earlier in the same run) keeps an event loop
    running in the main thread, where ``asyncio.run`` refuses to start.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def pair() -> Iterator[tuple[zmq.Socket[bytes], AsyncZMQSocketChannel, Session]]:
    """A real ZeroMQ pair: a plain sender and an asyncio channel as nbclient reads it."""
    context = zmq.asyncio.Context()
    receiver = context.socket(zmq.PAIR)
    port = receiver.bind_to_random_port("tcp://127.0.0.1")
    sender: zmq.Socket[bytes] = zmq.Context.instance().socket(zmq.PAIR)
    sender.connect(f"tcp://127.0.0.1:{port}")
    session = Session(key=b"k")
    yield sender, AsyncZMQSocketChannel(receiver, session), session
    sender.close(linger=0)
    receiver.close(linger=0)
    context.term()


def test_a_waiting_message_comes_back_whole(pair: Any) -> None:
    sender, channel, session = pair
    session.send(sender, "execute_reply", {"status": "ok"})

    message = run(kernel_replies.bounded_get_msg(channel, timeout=5))

    assert message["msg_type"] == "execute_reply"
    assert message["content"] == {"status": "ok"}


def test_an_overall_timeout_still_ends_the_wait(pair: Any) -> None:
    _, channel, _ = pair
    started = time.monotonic()
    with pytest.raises(Empty):
        run(kernel_replies.bounded_get_msg(channel, timeout=0.6))
    waited = time.monotonic() - started
    assert 0.6 <= waited < 0.6 + 2 * kernel_replies.SLICE + 1  # slices, not one long sleep


class _LostWakeup:
    """A socket whose reply is waiting but whose wake-up never comes.

    Like pyzmq when the edge-triggered descriptor misses an edge: a poll without a time
    limit sleeps for ever; a poll with one finds the message when its time runs out.
    """

    def __init__(self) -> None:
        self.polls: list[int | None] = []

    async def poll(self, timeout: int | None = None) -> int:
        self.polls.append(timeout)
        if timeout is None:
            await asyncio.sleep(3600)
        await asyncio.sleep((timeout or 0) / 1000)
        return zmq.POLLIN


class _Channel:
    def __init__(self) -> None:
        self.socket = _LostWakeup()

    async def _recv(self) -> dict[str, str]:
        return {"msg_type": "execute_reply"}


def test_a_lost_wakeup_delays_a_reply_by_one_slice_not_for_ever() -> None:
    channel = _Channel()

    async def read() -> Any:
        return await asyncio.wait_for(
            kernel_replies.bounded_get_msg(channel, None),  # type: ignore[arg-type]
            timeout=5,
        )

    assert run(read()) == {"msg_type": "execute_reply"}
    assert channel.socket.polls == [int(kernel_replies.SLICE * 1000)]


def test_the_mend_is_installed_on_jupyter_clients_channels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", AsyncZMQSocketChannel.get_msg)
    kernel_replies.mend_lost_wakeups()
    assert AsyncZMQSocketChannel.get_msg is kernel_replies.bounded_get_msg


def test_smlab_lab_voila_starts_the_mended_server(tmp_path: Path) -> None:
    command = server_command(tmp_path, voila=True, ip="127.0.0.1", port=1, open_browser=False)
    assert command[1:3] == ["-m", "toolkit.cli.voila_server"]
