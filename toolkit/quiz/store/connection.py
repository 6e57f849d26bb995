"""How the SQLite store talks to its file: autocommit, a busy timeout, and WAL mode."""

from __future__ import annotations

import sqlite3
import time
from typing import Final

__all__ = ["BUSY_TIMEOUT_SECONDS", "connect", "set_wal"]

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_SECONDS: Final = 15.0


def connect(target: str) -> sqlite3.Connection:
    """Open ``target`` in autocommit mode, waiting up to :data:`BUSY_TIMEOUT_SECONDS` for locks."""
    connection = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,  # autocommit: transactions are explicit BEGIN/COMMIT
        check_same_thread=False,  # guarded by the store's lock
    )
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return connection


def set_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for a concurrent opener if the file is briefly locked."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
