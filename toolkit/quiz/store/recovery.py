"""A damaged SQLite store: how it is recognised, and how it is moved aside without losing a byte.

A file is *damaged* when it is not an SQLite database, is cut short, or fails
``PRAGMA quick_check``. :func:`move_aside_if_still_damaged` renames it (and its ``-wal`` and
``-shm`` companions) to ``<name>.corrupt-<UTC timestamp>``, never overwriting anything, under an
exclusive lock so that two processes recovering the same file at once move it only once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from toolkit.quiz.store.connection import BUSY_TIMEOUT_SECONDS
from toolkit.quiz.store.records import StoreError
from toolkit.safety.reader import InputError, MissingInputError, check_file

__all__ = [
    "Damage",
    "foreign_file",
    "identity",
    "is_damage",
    "move_aside_if_still_damaged",
    "not_sqlite",
    "quick_check",
    "salvage",
]

_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
# SQLite result codes that mean "this file is damaged or not a database".
_SQLITE_CORRUPT: Final = 11
_SQLITE_NOTADB: Final = 26


@dataclass(frozen=True, slots=True)
class Damage:
    """Why a file is damaged, and which file it was (device, inode)."""

    message: str
    identity: tuple[int, int] | None


def identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_dev, status.st_ino)


def foreign_file(path: Path) -> str | None:
    """Say why ``path`` must not be touched as a store: not a regular file, or not SQLite.

    Only an SQLite database (sound or damaged, by its 16-byte header ``SQLite format 3``)
    may be opened, recovered or moved; an empty file counts as a new store. Anything else
    (a text file given by mistake, a folder, a FIFO) is someone's file: it is refused.
    """
    try:
        check_file(path, kind="store")
    except MissingInputError:
        return None
    except InputError as exc:
        return exc.text
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if header and not _SQLITE_MAGIC.startswith(header[: len(_SQLITE_MAGIC)]):
        return f"it is not an SQLite database (it starts with the bytes {header!r})"
    return None


def salvage(damaged: Path, connection: sqlite3.Connection) -> int:
    """Copy every row still readable in ``damaged`` into the fresh store; return how many.

    Each table the two share is read in rowid order; a read that fails on a damaged page
    starts again after the last row read (skipping ahead), so one bad page loses only the
    rows on it. Rows that break a rule of the fresh store are left out.
    """
    try:
        source = sqlite3.connect(f"file:{damaged}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return 0
    kept = 0
    connection.execute("BEGIN IMMEDIATE")
    try:
        try:
            tables = [
                row[0]
                for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
        except sqlite3.DatabaseError:
            return 0
        for table in tables:
            fresh = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            if not fresh or table.startswith("sqlite_"):
                continue
            try:
                old = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
            except sqlite3.DatabaseError:
                continue
            columns = [c for c in old if c in fresh]
            if not columns:
                continue
            rows = _readable_rows(source, table, columns)
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            for row in rows:
                try:
                    cursor = connection.execute(
                        f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})', row
                    )
                except sqlite3.DatabaseError:
                    continue
                kept += max(cursor.rowcount, 0)
    finally:
        connection.execute("COMMIT")
        source.close()
    return kept


def _readable_rows(
    source: sqlite3.Connection, table: str, columns: list[str]
) -> list[tuple[object, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    rows: list[tuple[object, ...]] = []
    last = -(2**63)
    for _ in range(10_000):  # each failure skips at least one rowid
        try:
            cursor = source.execute(
                f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid', (last,)
            )
            for row in cursor:
                last = int(row[0])
                rows.append(tuple(row[1:]))
            return rows
        except sqlite3.DatabaseError:
            last += 1
        except (OverflowError, ValueError):
            return rows
    return rows


def not_sqlite(path: Path) -> str | None:
    """Say why ``path`` is not an SQLite file, or ``None`` (also for a missing/empty file)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the progress store {path}: {exc}", path=path) from exc
    if not header:
        return None
    if not header.startswith(_SQLITE_MAGIC):
        return f"it is not an SQLite database (it starts with the bytes {header[:16]!r})"
    if len(header) < 100:
        return f"it is an SQLite file cut short ({len(header)} bytes)"
    return None


def quick_check(connection: sqlite3.Connection) -> str | None:
    rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if rows == ["ok"]:
        return None
    return "PRAGMA quick_check found: " + "; ".join(str(row) for row in rows[:5])


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def move_aside_if_still_damaged(path: Path, found: tuple[int, int] | None) -> Path | None:
    """Move the damaged file (and its WAL companions) aside; return where it went.

    Another process may be recovering the same file: under an exclusive lock the file is
    checked again (the very file found damaged, ``found`` being its :func:`identity`, and
    still damaged), so a fresh store someone else just created is never moved.
    """
    with _exclusive_lock(path.with_name(path.name + ".lock")):
        if found is None or identity(path) != found:
            return None
        if _still_damaged(path) is None:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = _free_name(path.with_name(f"{path.name}.corrupt-{stamp}"))
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                _move_no_overwrite(companion, target.with_name(target.name + suffix))
        _move_no_overwrite(path, target)
        return target


def _still_damaged(path: Path) -> str | None:
    """Check again, under the recovery lock, whether ``path`` is damaged."""
    damage = not_sqlite(path)
    if damage:
        return damage
    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:  # pragma: no cover - connect itself reads nothing
        return None
    try:
        connection.execute("PRAGMA schema_version").fetchone()
        return quick_check(connection)
    except sqlite3.DatabaseError as exc:
        return str(exc) if is_damage(exc) else None
    finally:
        connection.close()


def _free_name(candidate: Path) -> Path:
    """``candidate``, or ``candidate-1``, ``-2``... whichever does not exist yet."""
    if not candidate.exists():
        return candidate
    number = 1
    while True:
        numbered = candidate.with_name(f"{candidate.name}-{number}")
        if not numbered.exists():
            return numbered
        number += 1


def _move_no_overwrite(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, failing rather than replacing an existing file."""
    try:
        os.link(source, target)  # fails if target exists: never overwrites
    except FileExistsError as exc:
        raise StoreError(f"cannot move {source} aside: {target} already exists") from exc
    except OSError:
        if target.exists():  # pragma: no cover - a file system without hard links
            raise StoreError(f"cannot move {source} aside: {target} already exists") from None
        os.rename(source, target)  # pragma: no cover
        return  # pragma: no cover
    os.unlink(source)


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (POSIX; best effort elsewhere)."""
    if sys.platform == "win32":  # pragma: no cover - no fcntl; recovery races are unguarded
        yield
        return
    import fcntl

    with lock_path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
