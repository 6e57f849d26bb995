"""Reading a kernel's replies without stalling: one upstream lost wake-up mended.

Voila runs each lesson's cells through nbclient, which waits for every cell's reply with
``await socket.poll(timeout)`` on a ``zmq.asyncio`` socket. That wait is woken through
ZeroMQ's edge-triggered file descriptor, and with pyzmq 27 a wake-up is sometimes lost: the
reply is already on the socket, but the poll sleeps on. An iopub wait recovers at the next
message; the shell channel carries one reply per cell, so a lost wake-up there stops the page
at "Executing n of m" for good (Voila sets no cell timeout). We measured it on lesson 02: about
one fresh render in six stalled; with the bounded waits below none in sixteen, and a poll
woken only by its own time limit (a wake-up that was lost) in most renders. Voila's users
report the same symptom (voila-dashboards/voila#1395, #1428) and pyzmq's tracker a lost
wake-up of this kind (zeromq/pyzmq#2173).

Everything here that runs notebooks through nbclient (Voila, ``smlab export``) installs the
mend first (``smlab export`` stalled too: a cell waited out its whole 300 s limit). The mend:
wait in slices of :data:`SLICE` seconds. When a slice runs out, pyzmq's poller checks the
socket once more without waiting, so a reply whose wake-up was lost is picked up within a
slice instead of never. A message that arrives in time is returned at once, as
before; an overall timeout still raises :class:`queue.Empty` when it passes.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.channels import AsyncZMQSocketChannel

#: Longest single wait, in seconds: the most a lost wake-up can delay a cell.
SLICE = 0.25

__all__ = ["SLICE", "bounded_get_msg", "mend_lost_wakeups"]


async def bounded_get_msg(
    self: AsyncZMQSocketChannel, timeout: float | None = None
) -> dict[str, Any]:
    """Return the next message on the channel, waiting at most :data:`SLICE` s per poll.

    A drop-in for :meth:`jupyter_client.channels.AsyncZMQSocketChannel.get_msg`.

    Parameters
    ----------
    self : AsyncZMQSocketChannel
        The channel (this function is installed as its method).
    timeout : float, optional
        Seconds to wait in all; ``None`` waits until a message comes.

    Returns
    -------
    dict
        The deserialised message.

    Raises
    ------
    queue.Empty
        If no message came within ``timeout``.

    Examples
    --------
    >>> from toolkit.kernel_replies import mend_lost_wakeups
    >>> mend_lost_wakeups()  # before the first kernel client is made
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = SLICE if deadline is None else max(0.0, min(SLICE, deadline - time.monotonic()))
        if await self.socket.poll(int(left * 1000)):
            message: dict[str, Any] = await self._recv()
            return message
        if deadline is not None and time.monotonic() >= deadline:
            raise Empty


def mend_lost_wakeups() -> None:
    """Install :func:`bounded_get_msg` on jupyter_client's asyncio channels (idempotent)."""
    AsyncZMQSocketChannel.get_msg = bounded_get_msg  # type: ignore[method-assign]
