"""The room's clock: wall-clock seconds that can be pinned to the moment an answer arrived."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["RoomClock"]


class RoomClock:
    """Wall-clock seconds (``source``, default ``time.time``), which can be pinned to a moment.

    The host session measures answer times with this clock; pinning it to the moment an
    answer arrived (or, on resume, to a stored time) makes the session score that moment.
    """

    def __init__(self, source: Callable[[], float] = time.time) -> None:
        self.source = source
        self._pinned: float | None = None

    def __call__(self) -> float:
        return self.source() if self._pinned is None else self._pinned

    @contextmanager
    def at(self, moment: float) -> Iterator[None]:
        """Pin the clock to ``moment`` inside the ``with`` block."""
        before, self._pinned = self._pinned, moment
        try:
            yield
        finally:
            self._pinned = before
