"""The seam between the store and its database: what differs between SQLite and PostgreSQL.

The store writes one SQL text for both back ends (``?`` placeholders, the SQLite DDL of
:mod:`toolkit.quiz.store.schema`); a :class:`Dialect` holds the few things that differ: how a
write transaction begins, where the schema's identity and version are kept (``PRAGMA`` in an
SQLite file, the ``smlab_meta`` table in PostgreSQL), which tables exist, which locks serialise
a schema migration or one learner's writes, and which exceptions the driver raises.
:func:`dialect_of` finds the dialect of an open connection, so the schema's migration steps
keep taking just the connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

__all__ = ["SQLITE", "Connection", "Cursor", "Dialect", "dialect_of"]


class Cursor(Protocol):
    """What the store uses of a DB-API cursor."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def close(self) -> None: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store uses of a connection: ``execute`` with ``?`` placeholders, ``close``."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    """What one back end does its own way.

    Attributes
    ----------
    name : str
        ``"sqlite"`` or ``"postgresql"``.
    begin : str
        The statement that opens a write transaction.
    errors : tuple of exception types
        What the driver raises; the store turns these into a ``StoreError``.
    application_id, user_version : callable
        Read the schema's identity and version (0 and 0 for an empty database).
    mark : callable
        Write the identity and version (inside the migration's transaction).
    tables : callable
        Names of the tables and views that exist (the dialect's own bookkeeping excluded).
    lock_schema, lock_learner : callable
        Serialise migrations, and one learner's writes, for the rest of the transaction.
    """

    name: str
    begin: str
    errors: tuple[type[Exception], ...]
    application_id: Callable[[Any], int]
    user_version: Callable[[Any], int]
    mark: Callable[[Any, int, int], None]
    tables: Callable[[Any], list[str]]
    lock_schema: Callable[[Any], None]
    lock_learner: Callable[[Any, str], None]


def _sqlite_pragma(name: str) -> Callable[[Any], int]:
    def read(connection: Any) -> int:
        return int(connection.execute(f"PRAGMA {name}").fetchone()[0])

    return read


def _sqlite_mark(connection: Any, application_id: int, version: int) -> None:
    connection.execute(f"PRAGMA application_id = {int(application_id)}")
    connection.execute(f"PRAGMA user_version = {int(version)}")


def _sqlite_tables(connection: Any) -> list[str]:
    return sorted(
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%'"
        )
    )


def _nothing(*_: Any) -> None:
    """SQLite's ``BEGIN IMMEDIATE`` already holds the one write lock of the file."""


#: SQLite: ``PRAGMA application_id`` and ``user_version``; ``BEGIN IMMEDIATE`` locks the file.
SQLITE: Final = Dialect(
    name="sqlite",
    begin="BEGIN IMMEDIATE",
    errors=(sqlite3.Error,),
    application_id=_sqlite_pragma("application_id"),
    user_version=_sqlite_pragma("user_version"),
    mark=_sqlite_mark,
    tables=_sqlite_tables,
    lock_schema=_nothing,
    lock_learner=_nothing,
)


def dialect_of(connection: Any) -> Dialect:
    """Return the dialect of an open connection (SQLite unless the connection names another).

    Examples
    --------
    >>> dialect_of(sqlite3.connect(":memory:")).name
    'sqlite'
    """
    dialect = getattr(connection, "dialect", None)
    return dialect if isinstance(dialect, Dialect) else SQLITE
